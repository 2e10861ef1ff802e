"""Retention use cases (supervisors, administrators): the cases the agency's policy says are due
for deletion, deleting them, and the legal hold that keeps a case whatever the policy says.

The rule is domain/retention.py; the policy's periods are AgencyPolicy.retention_days. Deletion
goes through the one case deletion (services/cases.delete_in: a replication tombstone, the op
log purged) and ends with a VACUUM, outside any transaction, so the freed pages that held the
deleted cases are rewritten out of the file (secure_delete has already zeroed them).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from intake_app import errors
from intake_app.domain.case import Role
from intake_app.domain.retention import DueCase, Refusal, due_cases, refusal
from intake_app.services import cases as case_svc
from intake_app.services import replication
from intake_app.services.profiles import in_force
from intake_app.services.roles import requires
from intake_app.services.session import Session
from intake_app.storage import audit
from intake_app.storage import cases as case_rows
from intake_app.storage import retention as rows
from intake_app.storage.audit import now_iso

log = logging.getLogger(__name__)

RETENTION_ROLES = (Role.SUPERVISOR, Role.ADMIN)
DELETE_ACTION = "case.retention_delete"


@dataclass(frozen=True, slots=True)
class DeletionResult:
    deleted: tuple[str, ...]  # case codes
    refused: dict[str, Refusal] = field(default_factory=dict)  # case code -> why it was kept

    def __repr__(self) -> str:
        return f"DeletionResult(deleted={len(self.deleted)}, refused={len(self.refused)})"


def may_manage(s: Session) -> bool:
    """Whether this user may set a legal hold and delete due cases (for enabling controls)."""
    return s.user.role in RETENTION_ROLES


@requires(*RETENTION_ROLES, action="list cases due for deletion")
def cases_due_for_deletion(s: Session, now: datetime | None = None) -> list[DueCase]:
    """Codes, status, date and days overdue of every case due now; never a name."""
    return due_cases(rows.all_facts(s.db), in_force(s).retention(), now or datetime.now(UTC))


@requires(*RETENTION_ROLES, action="delete cases due for deletion")
def delete_due_cases(
    s: Session,
    codes: Sequence[str],
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DeletionResult:
    """Delete the cases `codes` that are still due at this moment and not under a legal hold
    (each re-checked inside the deleting transaction); the rest are kept with the reason.
    `progress(done, total)` after each case. Ends with a VACUUM when anything was deleted."""
    at = now or datetime.now(UTC)
    retention = in_force(s).retention()
    deleted: list[str] = []
    refused: dict[str, Refusal] = {}
    unique = list(dict.fromkeys(codes))
    # One transaction, compacting the search index before it commits: a crash leaves either
    # every case as it was or every deleted case gone from the index too.
    with s.db.transaction() as c:
        for done, code in enumerate(unique, start=1):
            found = rows.facts_by_code(c, code)
            why = refusal(None if found is None else found[1], retention, at)
            if found is None or why is not None:
                refused[code] = why or Refusal.NOT_FOUND
            else:
                case_svc.delete_in(c, s, found[0], DELETE_ACTION)
                deleted.append(code)
            if progress is not None:
                progress(done, len(unique))
        if deleted:
            case_rows.compact_search(c)
    if deleted:
        try:
            s.db.vacuum()
        except errors.IntakeError as err:  # the deletions stand (and are audited)
            log.warning("vacuum after retention deletion failed: %s", err.code)
    return DeletionResult(tuple(deleted), refused)


@requires(*RETENTION_ROLES, action="put a case under a legal hold or lift one")
def set_legal_hold(s: Session, case_id: int, held: bool) -> None:
    """A case under a legal hold is never deleted for retention; the hold replicates to the
    agency's other laptops. Audited; the detail is only "on" or "off"."""
    at = now_iso()
    with s.db.transaction() as c:
        case_rows.set_legal_hold(c, case_id, held, at)
        replication.record_case(c, s, case_id, {"legal_hold": "1" if held else None}, at)
        audit.append(c, s.user.id, "case.legal_hold", "case", case_id,
                     detail="on" if held else "off", at=at)
