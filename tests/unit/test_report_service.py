"""Reports over a real encrypted file: numbers against an independent count, roles, exports swept
for a planted name and case code, every export audited, the facts kept by migration V7."""

from __future__ import annotations

import random
import zipfile
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from intake_app.domain.agency import AgencyKind
from intake_app.domain.case import CaseStatus, Identity, Role
from intake_app.domain.reporting.facts import (
    Closure,
    ClosureReason,
    ReferralMade,
    ReferralOutcome,
    ServiceCategory,
    ServiceGiven,
    TraffickingType,
)
from intake_app.domain.reporting.periods import PeriodInvalid
from intake_app.domain.reporting.tables import Hidden
from intake_app.services import case_facts, cases, reports
from intake_app.services.roles import NotPermitted
from intake_app.services.session import Session
from intake_app.storage import case_facts as stored

PLANTED = "Zorvelina Plantado"
Q3 = (date(2026, 7, 1), date(2026, 9, 30))


def _fill(s: Session, n: int, seed: int = 7) -> tuple[list[tuple[date, str]], str]:
    """n cases with random intake days and types around 2026Q3; returns (day, type) and one code."""
    rng = random.Random(seed)
    made: list[tuple[date, str]] = []
    code = ""
    kinds = [t.value for t in TraffickingType]
    for i in range(n):
        case = cases.create_case(s, PLANTED if i == 0 else None)
        if i == 0:
            code = case.code
            cases.update_identity(s, case.id, Identity(legal_name=PLANTED))
            cases.add_note(s, case.id, f"free text about {PLANTED}")
        day = date(2026, 6, 1) + timedelta(days=rng.randrange(150))
        kind = rng.choice(kinds[:3]) if rng.random() < 0.8 else rng.choice(kinds)
        case_facts.set_intake_date(s, case.id, day)
        case_facts.set_fact(s, case.id, "trafficking_type", kind)
        case_facts.record_service(s, case.id, ServiceGiven(day, ServiceCategory.SHELTER,
                                                           Role.ADVOCATE))
        made.append((day, kind))
    return made, code


def test_new_cases_by_type_match_an_independent_count(admin_session: Session) -> None:
    made, _code = _fill(admin_session, 60)
    report = reports.run_report(admin_session, "2026Q3", "task_force")
    expected = Counter(kind for day, kind in made if Q3[0] <= day <= Q3[1])
    table = report.table("task_force.new_by_type")
    for kind in TraffickingType:
        shown = table.cell(kind.value, "count")
        count = expected[kind.value]
        if isinstance(shown, Hidden):
            assert shown is Hidden.COMPLEMENT or 0 < count < 5
        else:
            assert shown == count
    assert table.grand_total == sum(expected.values())


def test_closure_and_referrals_are_counted(admin_session: Session) -> None:
    for _ in range(6):
        case = cases.create_case(admin_session)
        case_facts.set_intake_date(admin_session, case.id, date(2026, 7, 2))
        case_facts.record_referral(admin_session, case.id, ReferralMade(
            date(2026, 7, 3), ServiceCategory.LEGAL, Role.ADVOCATE, AgencyKind.SERVICE_PROVIDER,
            ReferralOutcome.ACCEPTED))
        case_facts.close_case(admin_session, case.id, Closure(date(2026, 8, 1),
                                                              ClosureReason.GOALS_MET))
    report = reports.run_report(admin_session, "2026Q3", "task_force")
    assert report.table("task_force.referrals").cell("service_provider", "accepted") == 6
    facts = stored.all_facts(admin_session.db)
    assert all(f.closure == Closure(date(2026, 8, 1), ClosureReason.GOALS_MET) for f in facts)


def test_an_advocate_cannot_run_or_export_reports(session: Session, tmp_path: Path) -> None:
    with pytest.raises(NotPermitted):
        reports.run_report(session, "2026Q3", "grant")
    with pytest.raises(NotPermitted):
        reports.export_report(session, "2026Q3", "grant", "csv", tmp_path / "r.csv")
    assert not (tmp_path / "r.csv").exists()


def test_a_bad_period_or_kind_is_refused_in_words(admin_session: Session) -> None:
    with pytest.raises(PeriodInvalid, match="Q1, Q2, Q3 or Q4"):
        reports.run_report(admin_session, "2026Q5", "grant")
    with pytest.raises(reports.ReportKindInvalid):
        reports.run_report(admin_session, "2026Q3", "names")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_hold_no_name_or_code_and_are_audited(
    admin_session: Session, tmp_path: Path, fmt: str
) -> None:
    _made, code = _fill(admin_session, 12)
    for kind in reports.KINDS:
        out = tmp_path / f"{kind}.{fmt}"
        reports.export_report(admin_session, "2026Q3", kind, fmt, out)
        assert out.stat().st_mode & 0o077 == 0
        data = out.read_bytes()
        if fmt == "xlsx":  # the text is inside the zip: read every member
            with zipfile.ZipFile(out) as z:
                data = b"".join(z.read(name) for name in z.namelist())
        for secret in (PLANTED, code, code.replace("-", "")):
            assert secret.encode() not in data
    workbook = load_workbook(tmp_path / f"grant.{fmt}") if fmt == "xlsx" else None
    if workbook is not None:
        assert workbook.active is not None and workbook.active["A1"].value
    exports = admin_session.db.query(
        "SELECT detail FROM audit WHERE action = 'report.export' ORDER BY seq")
    assert [r[0] for r in exports] == [f"{k}:2026Q3:{fmt}" for k in reports.KINDS]


def test_every_case_has_facts_after_migration(admin_session: Session) -> None:
    case = cases.create_case(admin_session)
    cases.set_status(admin_session, case.id, CaseStatus.CLOSED)
    facts = {f.key: f for f in stored.all_facts(admin_session.db)}
    assert facts[case.id].closure is not None
    assert facts[case.id].closure.reason is ClosureReason.UNKNOWN  # type: ignore[union-attr]


def test_an_answer_that_feeds_a_fact_is_counted_unless_the_case_says_otherwise(
    admin_session: Session,
) -> None:
    from intake_app.domain.answers import Answer
    from intake_app.services import interviews, protocols

    protocol = protocols.current(admin_session, "advocate_intake")
    given = {"12_14": 3, "25_34": 4, "declined": 2}
    for value, n in given.items():
        for _ in range(n):
            case = cases.create_case(admin_session)
            case_facts.set_intake_date(admin_session, case.id, date(2026, 7, 9))
            started = interviews.start_interview(admin_session, case.id, protocol.id,
                                                 protocol.version, "en")
            answer = Answer.declined() if value == "declined" else Answer.of(value)
            interviews.record_answer(admin_session, started.id, "age_range", answer)
    overridden = cases.create_case(admin_session)  # recorded on the case: that wins
    case_facts.set_intake_date(admin_session, overridden.id, date(2026, 7, 9))
    case_facts.set_fact(admin_session, overridden.id, "age_group", "35_plus")
    started = interviews.start_interview(admin_session, overridden.id, protocol.id,
                                         protocol.version, "en")
    interviews.record_answer(admin_session, started.id, "age_range", Answer.of("12_14"))
    raw = reports._with_answers(admin_session.db, protocols.installed(admin_session),
                                stored.all_facts(admin_session.db))
    ages = Counter(f.age_group.value if f.age_group else None for f in raw)
    assert ages == {"12_14": 3, "25_34": 4, "declined": 2, "35_plus": 1}
    assert Counter(f.life_stage.value if f.life_stage else None for f in raw)["minor"] == 3
