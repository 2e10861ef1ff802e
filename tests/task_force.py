"""A task force for the Reports screen's tests and screenshots: this data folder's agency
coordinates, two partner agencies (their own data folders) sent it their counts for 2026Q3.

The envelopes are the partners' real ones (sealed by `send_aggregate`, taken from their outbox)
handed to the coordinator's inbound path; the relay's part is tested in
tests/integration/test_aggregates.py.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from intake_app.domain.case import Role
from intake_app.domain.reporting.facts import ServiceCategory, ServiceGiven
from intake_app.services import agency, aggregates, case_facts, cases, partners, provisioning
from intake_app.services.session import Session
from intake_app.services.sharing import process_inbound
from tests.agencies import ADMIN, CONTACTS, provision

PERIOD = "2026Q3"
COORDINATOR = "Harbor County Task Force"
# New cases in 2026Q3 by trafficking type, per agency (the shelter's 2 "both" stay "<5").
PLANS: dict[str, dict[str, int]] = {
    COORDINATOR: {"sex": 9, "labour": 6},
    "Safe Harbor Shelter": {"sex": 12, "both": 2, "unknown": 1},
    "Northside Clinic": {"sex": 8, "labour": 5, "unknown": 2},
}
SERVICES = (ServiceCategory.SHELTER, ServiceCategory.MEDICAL, ServiceCategory.LEGAL)


def fill(s: Session, plan: dict[str, int], seed: int, planted: str | None = None) -> list[str]:
    """The planned cases, intake days spread over the quarter; returns their codes."""
    rng = random.Random(seed)
    codes: list[str] = []
    for kind, n in plan.items():
        for _ in range(n):
            case = cases.create_case(s, planted if planted and not codes else None)
            codes.append(case.code)
            day = date(2026, 7, 1) + timedelta(days=rng.randrange(92))
            case_facts.set_intake_date(s, case.id, day)
            case_facts.set_fact(s, case.id, "trafficking_type", kind)
            case_facts.record_service(s, case.id, ServiceGiven(
                day + timedelta(days=rng.randrange(3)), rng.choice(SERVICES), Role.ADVOCATE))
    return codes


def coordinate(admin: Session, root: Path, passphrase: str, planted: str | None = None) -> list[str]:
    """Make `admin`'s folder the coordinator with its own cases; two partners send theirs.
    Returns every case code made (for sweeps)."""
    if agency.get_identity(admin) is None:
        provisioning.create_agency(admin, COORDINATOR, "law_enforcement", list(CONTACTS))
    me = agency.require_identity(admin)
    codes = fill(admin, PLANS[COORDINATOR], 0, planted)
    for i, name in enumerate(n for n in PLANS if n != COORDINATOR):
        s, identity = provision(root / f"partner{i}", name, "service_provider", Role.ADMIN,
                                user=ADMIN, passphrase=passphrase)
        try:
            partners.confirm_partner(s, partners.import_partner(s, me.card.to_json()).agency_id)
            partners.confirm_partner(
                admin, partners.import_partner(admin, identity.card.to_json()).agency_id)
            codes += fill(s, PLANS[name], i + 1, planted)
            sent = aggregates.send_aggregate(s, PERIOD, me.agency_id)
            [body] = s.db.query("SELECT body FROM outbox WHERE envelope_id = ?",
                                (sent.envelope_id,))
            assert process_inbound(admin, bytes(body[0])).accepted
        finally:
            s.close()
    return codes
