"""Recording a case's reportable facts: one fact, a service given, a referral made, closure.

Any staff member who may work the case may record them (like the case's own fields); each change
is audited with the fact's name only, never its value, so the audit log stays free of them too.
"""

from __future__ import annotations

import json
from datetime import date

from intake_app.domain.case import CaseStatus
from intake_app.domain.reporting.facts import Closure, ReferralMade, ServiceGiven
from intake_app.services import replication, replication_rows
from intake_app.services.session import Session
from intake_app.storage import audit, case_facts, cases
from intake_app.storage.audit import now_iso


def set_fact(s: Session, case_id: int, fact: str, value: str | None) -> None:
    """Set one fact (trafficking_type, gender, ...) to one of its values, or None (not recorded)."""
    at = now_iso()
    with s.db.transaction() as c:
        case_facts.set_fact(c, case_id, fact, value, at)
        replication_rows.record_fact(c, s, case_id, fact, value, at)
        audit.append(c, s.user.id, "case.fact", "case", case_id, detail=fact, at=at)


def set_counted(s: Session, case_id: int, counted: bool) -> None:
    """Whether the person agreed to be counted in reports."""
    at = now_iso()
    with s.db.transaction() as c:
        case_facts.set_counted(c, case_id, counted, at)
        replication_rows.record_fact(c, s, case_id, "counted", str(int(counted)), at)
        audit.append(c, s.user.id, "case.fact", "case", case_id, detail="counted", at=at)


def set_intake_date(s: Session, case_id: int, on: date) -> None:
    at = now_iso()
    with s.db.transaction() as c:
        case_facts.set_intake(c, case_id, on, at)
        replication_rows.record_fact(c, s, case_id, "intake_on", on.isoformat(), at)
        audit.append(c, s.user.id, "case.fact", "case", case_id, detail="intake_on", at=at)


def record_service(s: Session, case_id: int, service: ServiceGiven) -> int:
    at = now_iso()
    with s.db.transaction() as c:
        row = case_facts.add_service(c, case_id, service, s.user.id, at)
        replication_rows.record_row(c, s, case_id, "service", row, {
            "on": service.on.isoformat(), "category": service.category.value,
            "by": service.by.value, "outcome": service.outcome.value, "created_at": at}, at)
        cases.touch(c, case_id, at)
        audit.append(c, s.user.id, "case.service", "case", case_id, detail=f"service:{row}", at=at)
    return row


def record_referral(s: Session, case_id: int, referral: ReferralMade) -> int:
    at = now_iso()
    with s.db.transaction() as c:
        row = case_facts.add_referral(c, case_id, referral, s.user.id, at)
        replication_rows.record_row(c, s, case_id, "referral", row, {
            "on": referral.on.isoformat(), "category": referral.category.value,
            "by": referral.by.value, "to": referral.to.value, "outcome": referral.outcome.value,
            "created_at": at}, at)
        cases.touch(c, case_id, at)
        audit.append(c, s.user.id, "case.referral", "case", case_id, detail=f"referral:{row}", at=at)
    return row


def close_case(s: Session, case_id: int, closure: Closure) -> None:
    """Close the case with its reason (the case's status follows)."""
    at = now_iso()
    with s.db.transaction() as c:
        case_facts.set_closure(c, case_id, closure, at)
        replication_rows.record_fact(c, s, case_id, "closure", json.dumps(
            [closure.on.isoformat(), closure.reason.value]), at)
        cases.set_status(c, case_id, CaseStatus.CLOSED, at)
        replication.record_case(c, s, case_id, {"status": CaseStatus.CLOSED.value}, at)
        audit.append(c, s.user.id, "case.close", "case", case_id, detail=closure.reason.value, at=at)
