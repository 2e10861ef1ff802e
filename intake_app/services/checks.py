"""`intake check`: is this laptop's data whole? SQLCipher's page checks and the audit chain, in words."""

from __future__ import annotations

from dataclasses import dataclass

from intake_app import errors
from intake_app.domain.case import Role
from intake_app.services.roles import requires
from intake_app.services.session import Session
from intake_app.storage import audit


@dataclass(frozen=True, slots=True)
class AuditSpan:
    entries: int
    first_at: str | None
    last_at: str | None


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What was checked and what is wrong; `ok` only when nothing is."""

    page_problems: tuple[str, ...]  # SQLCipher's HMAC check and SQLite's structure check
    audit: AuditSpan | None  # None when the chain is broken
    audit_problem: errors.AuditBroken | None
    schema_version: int

    @property
    def ok(self) -> bool:
        return not self.page_problems and self.audit_problem is None


@requires(Role.ADMIN, Role.SUPERVISOR, action="check this laptop's data")
def check_data(s: Session) -> CheckReport:
    problems = tuple(s.db.integrity_problems())
    span: AuditSpan | None = None
    broken: errors.AuditBroken | None = None
    try:
        span = audit_span(s)
    except errors.AuditBroken as exc:
        broken = exc
    return CheckReport(problems, span, broken, s.db.schema_version())


@requires(Role.ADMIN, Role.SUPERVISOR, action="verify the audit log")
def audit_span(s: Session) -> AuditSpan:
    """Walk the whole chain (raises AuditBroken naming the first bad entry); count and times."""
    count = audit.verify(s.db)
    row = s.db.query_one("SELECT min(at), max(at) FROM audit")
    first, last = (row[0], row[1]) if row is not None else (None, None)
    return AuditSpan(count, first, last)
