"""The supervisor's overview (supervisors, administrators): open cases by status, consents ending
within 14 days, follow-ups overdue, interviews left unfinished, by case code and never a name.

The rules are domain/supervision.py, the reads storage/supervision.py. The four lists are read
in one transaction (one consistent moment) with the audit entry, which holds counts only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, tzinfo

from intake_app.domain import supervision as rules
from intake_app.domain.case import CaseStatus, Role
from intake_app.domain.consent import day_of
from intake_app.services.roles import requires
from intake_app.services.session import Session
from intake_app.storage import audit
from intake_app.storage import supervision as rows

SUPERVISION_ROLES = (Role.SUPERVISOR, Role.ADMIN)
ACTION = "supervision.overview"
STEPS = 4  # the lists read, for progress


def may_supervise(s: Session) -> bool:
    """Whether this user may see the overview (for showing its button)."""
    return s.user.role in SUPERVISION_ROLES


@requires(*SUPERVISION_ROLES, action="see the caseload overview")
def overview(
    s: Session,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    zone: tzinfo | None = None,
) -> rules.Overview:
    """The overview at `now` (default: this moment); `progress(done, STEPS)` after each list.
    Audited as one entry whose detail is the counts."""
    at = now or datetime.now(UTC)

    def step(done: int) -> None:
        if progress is not None:
            progress(done, STEPS)

    with s.db.transaction() as c:
        statuses = rows.cases_by_status(c)
        step(1)
        consents = rows.consents_ending(c, *rules.expiry_range(at))
        step(2)
        referrals = rows.referrals_pending(c, rules.follow_up_cutoff(day_of(at, zone)))
        step(3)
        interviews = rows.interviews_unfinished(c)
        step(4)
        result = rules.overview(statuses, consents, referrals, interviews, at, zone)
        audit.append(c, s.user.id, ACTION, "caseload", None, detail=_detail(result))
    return result


def _detail(ov: rules.Overview) -> str:
    return (f"open:{ov.count(CaseStatus.OPEN)} referred:{ov.count(CaseStatus.REFERRED)}"
            f" expiring:{ov.expiring_count} overdue:{ov.overdue_count}"
            f" unfinished:{ov.unfinished_count}")
