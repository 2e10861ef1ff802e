"""Report numbers against counts computed here, independently, from generated cases."""

from __future__ import annotations

import statistics
from datetime import date

from hypothesis import given, settings

from intake_app.domain.agency import AgencyKind
from intake_app.domain.case import Role
from intake_app.domain.reporting.facts import (
    AgeGroup,
    CaseFacts,
    ConsentChange,
    ConsentEvent,
    ConsentTopic,
    Gender,
    ReferralMade,
    ReferralOutcome,
    ServiceCategory,
    ServiceGiven,
    ServiceOutcome,
    TraffickingType,
)
from intake_app.domain.reporting.periods import parse_period
from intake_app.domain.reporting.reports import (
    ReportPolicy,
    consents_report,
    grant_report,
    task_force_report,
)
from intake_app.domain.reporting.tables import Table
from tests.unit.test_report_cases import caseloads

Q3 = parse_period("2026Q3")
BOTH = (ReportPolicy(require_consent=True), ReportPolicy(require_consent=False))


def cell(table: Table, row: str, column: str = "count") -> int:
    return table.counts[table.rows.index(row)][table.columns.index(column)]


def in_q3(day: date) -> bool:
    return date(2026, 7, 1) <= day <= date(2026, 9, 30)


@settings(max_examples=150)
@given(caseloads)
def test_grant_measures_match_counts_made_by_hand(cases: list[CaseFacts]) -> None:
    for policy in BOTH:
        report = grant_report(cases, Q3, policy)
        pool = [c for c in cases if c.counted or not policy.require_consent]
        new = [c for c in pool if in_q3(c.intake_on)]
        got_service = [
            c for c in pool
            if c.intake_on <= Q3.end
            and any(s.outcome == ServiceOutcome.PROVIDED and in_q3(s.on) for s in c.services)
        ]
        served = {c.key: c for c in [*new, *got_service]}.values()
        clients = report.table("grant.clients")
        assert cell(clients, "new") == len(new)
        assert clients.grand_total == len(served)
        minors = [c for c in served if c.age_group in (AgeGroup.UNDER_12, AgeGroup.AGE_12_14, AgeGroup.AGE_15_17)]
        assert cell(report.table("grant.life_stage"), "minor") == len(minors)
        assert cell(report.table("grant.life_stage"), "not_recorded") == sum(1 for c in served if c.age_group is None)
        for kind in TraffickingType:
            assert cell(report.table("grant.trafficking_type"), kind.value) == sum(
                1 for c in served if c.trafficking_type == kind)
        for gender in Gender:
            assert cell(report.table("grant.gender"), gender.value) == sum(1 for c in served if c.gender == gender)
        for category in ServiceCategory:
            assert cell(report.table("grant.services"), category.value, "clients") == sum(
                1 for c in served
                if any(s.category == category and s.outcome == ServiceOutcome.PROVIDED and in_q3(s.on)
                       for s in c.services))
        referrals = report.table("grant.referrals")
        for category in ServiceCategory:
            for outcome in ReferralOutcome:
                assert cell(referrals, category.value, outcome.value) == sum(
                    1 for c in pool for r in c.referrals
                    if r.category == category and r.outcome == outcome and in_q3(r.on))
        for table in report.tables:
            if table.shared_total == "served":
                assert table.grand_total == len(served)


@settings(max_examples=150)
@given(caseloads)
def test_task_force_summary_matches_counts_made_by_hand(cases: list[CaseFacts]) -> None:
    policy = ReportPolicy(require_consent=True)
    report = task_force_report(cases, Q3, policy)
    pool = [c for c in cases if c.counted]
    new = [c for c in pool if in_q3(c.intake_on)]
    for table in report.tables:
        if table.shared_total == "new":
            assert table.grand_total == len(new)
    by_month = report.table("task_force.new_by_month")
    assert by_month.rows == ("2026-07", "2026-08", "2026-09")
    assert cell(by_month, "2026-08") == sum(1 for c in new if c.intake_on.month == 8)
    for kind in TraffickingType:
        assert cell(report.table("task_force.new_by_type"), kind.value) == sum(
            1 for c in new if c.trafficking_type == kind)
    services = report.table("task_force.services")
    assert services.grand_total == sum(
        1 for c in pool for s in c.services if s.outcome == ServiceOutcome.PROVIDED and in_q3(s.on))
    referrals = report.table("task_force.referrals")
    for agency in AgencyKind:
        assert cell(referrals, agency.value, "accepted") == sum(
            1 for c in pool for r in c.referrals
            if r.to == agency and r.outcome == ReferralOutcome.ACCEPTED and in_q3(r.on))
    waits = sorted(
        max(0, (first - c.intake_on).days)
        for c in new
        if (first := min((s.on for s in c.services if s.outcome == ServiceOutcome.PROVIDED), default=None))
        and first <= Q3.end
    )
    (median,) = report.measures
    assert median.basis == len(waits)
    assert median.value == (statistics.median(waits) if waits else None)
    waiting = report.table("task_force.days_to_first_service")
    assert cell(waiting, "none_yet") == len(new) - len(waits)
    assert cell(waiting, "2_7") == sum(1 for w in waits if 2 <= w <= 7)


def test_only_people_who_agreed_are_counted_where_policy_asks() -> None:
    agreed = CaseFacts(1, date(2026, 7, 2), counted=True, gender=Gender.FEMALE)
    refused = CaseFacts(2, date(2026, 7, 3), counted=False, gender=Gender.MALE)
    asks = grant_report([agreed, refused], Q3, ReportPolicy(require_consent=True))
    assert cell(asks.table("grant.gender"), "female") == 1
    assert cell(asks.table("grant.gender"), "male") == 0
    free = grant_report([agreed, refused], Q3, ReportPolicy(require_consent=False))
    assert cell(free.table("grant.gender"), "male") == 1


def test_a_continuing_client_given_a_service_is_served_but_not_new() -> None:
    old = CaseFacts(1, date(2026, 2, 1), True, services=(
        ServiceGiven(date(2026, 8, 9), ServiceCategory.LEGAL, Role.ADVOCATE),
    ))
    offered_only = CaseFacts(2, date(2026, 2, 1), True, services=(
        ServiceGiven(date(2026, 8, 9), ServiceCategory.LEGAL, AgencyKind.SERVICE_PROVIDER, ServiceOutcome.DECLINED),
    ))
    clients = grant_report([old, offered_only], Q3, ReportPolicy()).table("grant.clients")
    assert (cell(clients, "new"), cell(clients, "continuing")) == (0, 1)


def test_declined_unknown_and_not_recorded_are_three_rows() -> None:
    cases = [
        CaseFacts(1, date(2026, 7, 1), True, trafficking_type=TraffickingType.DECLINED),
        CaseFacts(2, date(2026, 7, 1), True, trafficking_type=TraffickingType.UNKNOWN),
        CaseFacts(3, date(2026, 7, 1), True, trafficking_type=None),
        CaseFacts(4, date(2026, 7, 1), True, trafficking_type=TraffickingType.LABOUR),
    ]
    table = task_force_report(cases, Q3, ReportPolicy()).table("task_force.new_by_type")
    assert [cell(table, k) for k in ("declined", "unknown", "not_recorded", "labour", "sex")] == [1, 1, 1, 1, 0]


def test_consents_given_and_withdrawn_in_the_period() -> None:
    events = [
        ConsentEvent(date(2026, 7, 5), ConsentTopic.SERVICES_REFERRAL, ConsentChange.GIVEN),
        ConsentEvent(date(2026, 7, 6), ConsentTopic.SERVICES_REFERRAL, ConsentChange.GIVEN),
        ConsentEvent(date(2026, 9, 30), ConsentTopic.LAW_ENFORCEMENT, ConsentChange.WITHDRAWN),
        ConsentEvent(date(2026, 10, 1), ConsentTopic.LAW_ENFORCEMENT, ConsentChange.WITHDRAWN),
    ]
    table = consents_report(events, Q3).table("consents.by_topic")
    assert cell(table, "services_referral", "given") == 2
    assert cell(table, "law_enforcement", "withdrawn") == 1
    assert table.grand_total == 3


def test_referrals_sent_and_accepted_by_receiving_agency() -> None:
    sent = tuple(
        ReferralMade(date(2026, 8, 1), ServiceCategory.SHELTER, Role.ADVOCATE, AgencyKind.SERVICE_PROVIDER, o)
        for o in (ReferralOutcome.ACCEPTED, ReferralOutcome.ACCEPTED, ReferralOutcome.PENDING)
    )
    report = task_force_report([CaseFacts(1, date(2026, 1, 5), True, referrals=sent)], Q3, ReportPolicy())
    table = report.table("task_force.referrals")
    assert cell(table, "service_provider", "accepted") == 2
    assert table.row_total(table.rows.index("service_provider")) == 3
