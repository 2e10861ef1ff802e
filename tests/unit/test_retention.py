"""Retention: the pure due rule (properties) and the policy's retention periods."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake_app.admin.policy import AgencyPolicy, PolicyError
from intake_app.admin.profile import SignedProfile
from intake_app.domain.case import CaseStatus
from intake_app.domain.retention import (
    RETENTION_MAX_DAYS,
    RETENTION_MIN_DAYS,
    Refusal,
    RetentionFacts,
    due_cases,
    overdue_by,
    refusal,
)
from intake_app.sync.keys import AgencyIdentity

CONTACTS = [{"name": "Ana Ruiz", "role": "Coordinator", "email": "ana@norte.example.org"}]
statuses = st.sampled_from(list(CaseStatus))
moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1),
                       timezones=st.just(UTC))
periods = st.dictionaries(st.sampled_from([s.value for s in CaseStatus]),
                          st.integers(RETENTION_MIN_DAYS, RETENTION_MAX_DAYS))


@st.composite
def cases(draw: st.DrawFn, held: bool | None = None) -> RetentionFacts:
    return RetentionFacts(
        code="K7QX-M2PD", status=draw(statuses), last_activity=draw(moments),
        closed_on=draw(st.none() | st.dates(date(2000, 1, 1), date(2040, 1, 1))),
        legal_hold=draw(st.booleans()) if held is None else held)


@given(cases(held=True), periods, moments)
def test_a_case_on_hold_is_never_due(case: RetentionFacts, retention: dict[str, int],
                                     now: datetime) -> None:
    assert overdue_by(case, retention, now) is None
    assert due_cases([case], retention, now) == []
    assert refusal(case, retention, now) is Refusal.LEGAL_HOLD


@given(cases(), periods, moments)
def test_a_status_without_retention_is_never_due(case: RetentionFacts, retention: dict[str, int],
                                                 now: datetime) -> None:
    retention.pop(case.status.value, None)
    assert overdue_by(case, retention, now) is None
    assert refusal(case, retention, now) in (Refusal.LEGAL_HOLD, Refusal.NOT_DUE)


@given(cases(held=False), periods, moments)
def test_due_iff_older_than_its_retention(case: RetentionFacts, retention: dict[str, int],
                                          now: datetime) -> None:
    days = retention.get(case.status.value)
    expected = days is not None and now - case.since > timedelta(days=days)
    due = due_cases([case], retention, now)
    assert bool(due) == expected
    assert (refusal(case, retention, now) is None) == expected
    if due:
        assert due[0].days_overdue == (now - case.since - timedelta(days=days or 0)).days >= 0
        assert due[0].since == case.since.date()


def test_retention_runs_from_the_later_of_last_activity_and_closure() -> None:
    touched = RetentionFacts("K7QX-M2PD", CaseStatus.CLOSED, datetime(2020, 1, 1, tzinfo=UTC),
                             date(2025, 1, 1), False)
    assert touched.since == datetime(2025, 1, 1, tzinfo=UTC)
    assert overdue_by(touched, {"closed": 2555}, datetime(2031, 1, 1, tzinfo=UTC)) is None
    assert overdue_by(touched, {"closed": 2555}, datetime(2032, 1, 1, tzinfo=UTC)) is not None


# --- policy ----------------------------------------------------------------------------------
def test_the_default_keeps_closed_cases_seven_years_and_others_for_good() -> None:
    assert AgencyPolicy().retention() == {"closed": 2555}
    assert "retention_days" not in AgencyPolicy().to_dict()  # old profiles keep their bytes


def test_a_profile_signed_before_retention_still_loads_with_the_default() -> None:
    agency = AgencyIdentity.generate("Refugio Norte", "service_provider", CONTACTS,
                                     now=1_790_000_000)
    old = SignedProfile.issue(agency, AgencyPolicy(), 1, now=1_795_000_000)
    assert b"retention" not in old.to_bytes()
    assert SignedProfile.from_bytes(old.to_bytes()).policy.retention() == {"closed": 2555}


def test_retention_round_trips_and_never_is_kept() -> None:
    p = AgencyPolicy().with_changes(retention_days={"closed": 3650, "referred": 4000})
    assert p.retention() == {"closed": 3650, "referred": 4000}
    assert AgencyPolicy.from_dict(p.to_dict()) == p
    never = AgencyPolicy().with_changes(retention_days={})
    assert never.retention() == {} and never.to_dict()["retention_days"] == {}


@pytest.mark.parametrize("bad", [
    {"closed": 0}, {"closed": -5}, {"closed": RETENTION_MIN_DAYS - 1},
    {"closed": RETENTION_MAX_DAYS + 1}, {"closed": 365.0}, {"closed": True}, {"archived": 365},
    [["closed", 365]], "closed",
])
def test_retention_out_of_range_is_refused(bad: object) -> None:
    with pytest.raises(PolicyError) as excinfo:
        AgencyPolicy().with_changes(retention_days=bad)
    assert excinfo.value.ids["field"] == "retention_days"
