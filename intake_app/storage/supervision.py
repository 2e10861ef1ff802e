"""What the supervisor's overview reads (domain/supervision.py decides): one query per list, each
an indexed read (V_SUPERVISION), values bound, never a name or a free-text column selected.
Demo cases are left out, as reports leave them out: the overview counts the real caseload.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from intake_app.domain.agency import AgencyKind
from intake_app.domain.case import CaseStatus
from intake_app.domain.consent import Purpose
from intake_app.domain.reporting.facts import ReferralOutcome, ServiceCategory
from intake_app.domain.supervision import ConsentFacts, InterviewFacts, ReferralFacts
from intake_app.storage.database import Cursor

# Each query's WHERE repeats its partial index's own term, so SQLite can use that index, and
# CROSS JOIN keeps the list's own table first (SQLite's planner would otherwise start from every
# case and look each one up).
CASES_BY_STATUS = "SELECT status, count(*) FROM cases WHERE is_demo = 0 GROUP BY status"
CONSENTS_ENDING = (
    "SELECT c.code, k.purpose, k.expires_at, k.withdrawn_at IS NOT NULL FROM consents k"
    " CROSS JOIN cases c ON c.id = k.case_id"
    " WHERE k.withdrawn_at IS NULL AND k.expires_at BETWEEN ? AND ? AND c.is_demo = 0"
)
REFERRALS_PENDING = (
    "SELECT c.code, r.category, r.sent_to, r.made_on, r.outcome FROM case_referrals r"
    " CROSS JOIN cases c ON c.id = r.case_id"
    " WHERE r.outcome = 'pending' AND r.made_on <= ? AND c.is_demo = 0"
)
INTERVIEWS_UNFINISHED = (
    "SELECT c.code, i.status, i.started_at, i.updated_at FROM interviews i"
    " CROSS JOIN cases c ON c.id = i.case_id"
    " WHERE i.status <> 'complete' AND c.is_demo = 0"
)
QUERIES = (CASES_BY_STATUS, CONSENTS_ENDING, REFERRALS_PENDING, INTERVIEWS_UNFINISHED)


def _aware(text: str) -> datetime:
    at = datetime.fromisoformat(text)
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def cases_by_status(c: Cursor) -> list[tuple[CaseStatus, int]]:
    return [(CaseStatus(r[0]), int(r[1])) for r in c.all(CASES_BY_STATUS)]


def consents_ending(c: Cursor, low: datetime, high: datetime) -> list[ConsentFacts]:
    """Consents not withdrawn whose stored end, as text, falls between `low` and `high`."""
    rows = c.all(CONSENTS_ENDING, (low.astimezone(UTC).isoformat(), high.astimezone(UTC).isoformat()))
    return [ConsentFacts(str(r[0]), Purpose(r[1]), _aware(str(r[2])), bool(r[3])) for r in rows]


def referrals_pending(c: Cursor, made_by: date) -> list[ReferralFacts]:
    """Referrals still pending, made on or before `made_by`."""
    return [ReferralFacts(str(r[0]), ServiceCategory(r[1]), AgencyKind(r[2]),
                          date.fromisoformat(str(r[3])[:10]), ReferralOutcome(r[4]))
            for r in c.all(REFERRALS_PENDING, (made_by.isoformat(),))]


def interviews_unfinished(c: Cursor) -> list[InterviewFacts]:
    return [InterviewFacts(str(r[0]), str(r[1]), _aware(str(r[2])), _aware(str(r[3])))
            for r in c.all(INTERVIEWS_UNFINISHED)]
