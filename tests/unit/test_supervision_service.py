"""The supervisor's overview over a real encrypted file: counts against counts worked out in the
test from the generated cases, demo cases left out, no name anywhere in what comes back or in
the audit entry, one audit entry per look, case workers refused, every list an indexed read."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from intake_app.domain.agency import AgencyKind
from intake_app.domain.case import CaseStatus, Role
from intake_app.domain.consent import Category, Consent, Method, Purpose
from intake_app.domain.reporting.facts import ReferralMade, ReferralOutcome, ServiceCategory
from intake_app.domain.supervision import EXPIRY_WINDOW_DAYS, FOLLOW_UP_DAYS
from intake_app.services import case_facts, cases, consents, interviews, supervision
from intake_app.services.roles import NotPermitted
from intake_app.services.session import Session, Workspace
from intake_app.services.sharing.withdrawals import withdraw_consent
from intake_app.storage import supervision as reads
from intake_app.storage.kdf import KdfParams
from tests.agencies import PASSPHRASE

PLANTED = "Zorvelina Plantado"  # synthetic; must never come back
PARTNER = "p" * 32


@pytest.fixture
def sara(tmp_path: Path) -> Iterator[Session]:
    s, _code = Workspace(tmp_path / "sara").set_up("sara", PASSPHRASE, Role.SUPERVISOR,
                                                   kdf=KdfParams.for_tests())
    yield s
    s.close()


def _consent(s: Session, case_id: int, now: datetime, ends_in: timedelta) -> Consent:
    return consents.give_consent(s, Consent(
        0, case_id, Purpose.SERVICES_REFERRAL, PARTNER, frozenset({Category.NEEDS}), "w", "en",
        Method.SIGNED, False, now - timedelta(days=20), now + ends_in))


@dataclass
class Want:
    """What the overview should find, worked out here as the cases are made."""

    statuses: Counter[CaseStatus] = field(default_factory=Counter)
    expiring: set[tuple[str, datetime]] = field(default_factory=set)
    overdue: set[tuple[str, int]] = field(default_factory=set)
    unfinished: set[tuple[str, int]] = field(default_factory=set)
    demo: str = ""


def _fill(s: Session, seed: int, now: datetime) -> Want:
    """Random cases, consents, referrals and interviews; what the overview should count."""
    rng = random.Random(seed)
    today = now.date()
    want = Want()
    statuses, expiring, overdue, unfinished = (want.statuses, want.expiring, want.overdue,
                                               want.unfinished)
    for i in range(24):
        case = cases.create_case(s, PLANTED if i == 0 else None)
        status = rng.choice(list(CaseStatus))
        if status is not CaseStatus.OPEN:
            cases.set_status(s, case.id, status)
        statuses[status] += 1
        for _ in range(rng.randrange(3)):
            ends = timedelta(hours=rng.randrange(-5 * 24, 30 * 24))
            made = _consent(s, case.id, now, ends)
            withdrawn = rng.random() < 0.25
            if withdrawn:
                withdraw_consent(s, made.id, now - timedelta(days=1))
            elif timedelta(0) <= ends <= timedelta(days=EXPIRY_WINDOW_DAYS):
                expiring.add((case.code, made.expires_at))
        for _ in range(rng.randrange(3)):
            ago, outcome = rng.randrange(40), rng.choice(list(ReferralOutcome))
            case_facts.record_referral(s, case.id, ReferralMade(
                today - timedelta(days=ago), ServiceCategory.HOUSING, Role.ADVOCATE,
                AgencyKind.SERVICE_PROVIDER, outcome))
            if outcome is ReferralOutcome.PENDING and ago > FOLLOW_UP_DAYS:
                overdue.add((case.code, ago))
        for _ in range(rng.randrange(3)):
            iv = interviews.start_interview(s, case.id, "advocate_intake", "1.1", "en")
            state = rng.choice(["open", "paused", "complete"])
            if state != "open":
                interviews.set_interview_status(s, iv.id, state)
            if state != "complete":
                unfinished.add((case.code, iv.id))
    # A demo case with one of each: never counted, never listed.
    demo = cases.create_case(s, is_demo=True)
    _consent(s, demo.id, now, timedelta(days=3))
    case_facts.record_referral(s, demo.id, ReferralMade(
        today - timedelta(days=30), ServiceCategory.LEGAL, Role.ADVOCATE, AgencyKind.OTHER))
    interviews.start_interview(s, demo.id, "advocate_intake", "1.1", "en")
    want.demo = demo.code
    return want


@pytest.mark.parametrize("seed", [3, 11])
def test_the_overview_counts_what_the_test_counted(sara: Session, seed: int) -> None:
    now = datetime.now(UTC)
    want = _fill(sara, seed, now)
    seen: list[tuple[int, int]] = []
    ov = supervision.overview(sara, now, progress=lambda d, t: seen.append((d, t)), zone=UTC)
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]
    statuses = want.statuses
    for status in CaseStatus:
        assert ov.count(status) == statuses[status]
    assert ov.expiring_count == len(want.expiring)
    assert ov.overdue_count == len(want.overdue)
    assert ov.unfinished_count == len(want.unfinished)
    assert sorted(e.code for e in ov.expiring) == sorted(c for c, _ in want.expiring)
    assert sorted((o.code, o.days_waiting) for o in ov.overdue) == sorted(want.overdue)
    listed = {e.code for e in ov.expiring} | {o.code for o in ov.overdue} | {
        u.code for u in ov.unfinished}
    assert want.demo not in listed
    assert PLANTED not in repr(ov) and PLANTED not in str((ov.expiring, ov.overdue, ov.unfinished))

    [(kind, object_id, detail)] = _looks(sara)
    assert kind == "caseload" and object_id is None
    assert detail == (
        f"open:{statuses[CaseStatus.OPEN]} referred:{statuses[CaseStatus.REFERRED]}"
        f" expiring:{ov.expiring_count} overdue:{ov.overdue_count}"
        f" unfinished:{ov.unfinished_count}")


def _looks(s: Session) -> list[tuple[object, ...]]:
    return s.db.query("SELECT object_kind, object_id, detail FROM audit WHERE action = ?",
                      (supervision.ACTION,))


def test_a_case_worker_is_refused(session: Session) -> None:
    assert not supervision.may_supervise(session)
    with pytest.raises(NotPermitted):
        supervision.overview(session)
    assert _looks(session) == []


def test_an_administrator_may_look(admin_session: Session) -> None:
    ov = supervision.overview(admin_session)
    assert ov.open_cases == 0 and ov.expiring == ()


def test_every_list_is_an_indexed_read(sara: Session) -> None:
    params = {reads.CASES_BY_STATUS: (), reads.CONSENTS_ENDING: ("a", "b"),
              reads.REFERRALS_PENDING: ("2026-01-01",), reads.INTERVIEWS_UNFINISHED: ()}
    indexes = {reads.CASES_BY_STATUS: "cases_demo_status",
               reads.CONSENTS_ENDING: "consents_live_expiry",
               reads.REFERRALS_PENDING: "case_referrals_pending",
               reads.INTERVIEWS_UNFINISHED: "interviews_unfinished"}
    for sql in reads.QUERIES:
        plan = " | ".join(str(r[-1]) for r in sara.db.query("EXPLAIN QUERY PLAN " + sql,
                                                            params[sql]))
        # The list's own table first, by its (partial) index: a scan of a partial index reads
        # only the rows in it.
        first = plan.split(" | ")[0]
        assert f"INDEX {indexes[sql]}" in first, (sql, plan)
