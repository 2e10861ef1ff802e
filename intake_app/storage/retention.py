"""What the retention rule reads of each case: code, status, dates and hold; never a name."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from intake_app.domain.case import CaseStatus
from intake_app.domain.retention import RetentionFacts
from intake_app.storage.database import Cursor, Database

_FACTS = (
    "SELECT c.id, c.code, c.status, c.updated_at, f.closed_on, c.legal_hold FROM cases c"
    " LEFT JOIN case_facts f ON f.case_id = c.id"
)


def _aware(text: str) -> datetime:
    at = datetime.fromisoformat(text)
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def _facts(row: Any) -> tuple[int, RetentionFacts]:
    closed = date.fromisoformat(str(row[4])[:10]) if row[4] else None
    return int(row[0]), RetentionFacts(
        code=str(row[1]), status=CaseStatus(row[2]), last_activity=_aware(str(row[3])),
        closed_on=closed, legal_hold=bool(row[5]))


def all_facts(db: Database) -> list[RetentionFacts]:
    return [_facts(r)[1] for r in db.query(_FACTS)]


def facts_by_code(c: Cursor, code: str) -> tuple[int, RetentionFacts] | None:
    """(case id, facts) of the case `code`, read inside the deleting transaction."""
    row = c.one(_FACTS + " WHERE c.code = ?", (code,))
    return None if row is None else _facts(row)
