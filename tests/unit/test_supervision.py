"""The supervisor's rules over generated dates: an item is listed iff its rule holds, counted
whole even past the row limit, most urgent first; the edges of each window pinned."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from intake_app.domain.agency import AgencyKind
from intake_app.domain.case import CaseStatus
from intake_app.domain.consent import Purpose
from intake_app.domain.reporting.facts import ReferralOutcome, ServiceCategory
from intake_app.domain.supervision import (
    EXPIRY_WINDOW_DAYS,
    FOLLOW_UP_DAYS,
    ConsentFacts,
    InterviewFacts,
    InterviewState,
    ReferralFacts,
    expiry_range,
    follow_up_cutoff,
    overview,
)

NOW = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)
codes = st.text("ABCDEFGHJKMNPQRSTVWXYZ23456789", min_size=4, max_size=9)
offsets = st.timedeltas(min_value=timedelta(days=-60), max_value=timedelta(days=60))
nows = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1),
                    timezones=st.just(UTC))

consent_facts = st.builds(ConsentFacts, code=codes, purpose=st.sampled_from(Purpose),
                          expires_at=st.just(NOW), withdrawn=st.booleans())
referral_facts = st.builds(ReferralFacts, code=codes, category=st.sampled_from(ServiceCategory),
                           sent_to=st.sampled_from(AgencyKind), made_on=st.just(NOW.date()),
                           outcome=st.sampled_from(ReferralOutcome))
interview_facts = st.builds(InterviewFacts, code=codes,
                            status=st.sampled_from(["open", "paused", "complete"]),
                            started_at=st.just(NOW), updated_at=st.just(NOW))


@given(nows, st.lists(st.tuples(consent_facts, offsets), max_size=30))
def test_a_consent_is_listed_iff_not_withdrawn_and_ending_within_14_days(now, items) -> None:
    consents = [ConsentFacts(c.code, c.purpose, now + off, c.withdrawn) for c, off in items]
    ov = overview([], consents, [], [], now, zone=UTC)
    expected = [c for c in consents if not c.withdrawn
                and now <= c.expires_at <= now + timedelta(days=EXPIRY_WINDOW_DAYS)]
    assert ov.expiring_count == len(expected)
    assert sorted((e.code, e.expires_on) for e in ov.expiring) == sorted(
        (c.code, c.expires_at.date()) for c in expected)
    assert [e.expires_on for e in ov.expiring] == sorted(e.expires_on for e in ov.expiring)
    low, high = expiry_range(now)  # the storage read's range holds every one listed
    assert all(low <= c.expires_at <= high for c in expected)
    assert all(0 <= e.days_left <= EXPIRY_WINDOW_DAYS for e in ov.expiring)


@given(nows, st.lists(st.tuples(referral_facts, st.integers(-5, 60)), max_size=30))
def test_a_follow_up_is_overdue_iff_pending_more_than_14_days_after_it_was_made(
    now, items
) -> None:
    today = now.date()
    referrals = [ReferralFacts(r.code, r.category, r.sent_to, today - timedelta(days=ago),
                               r.outcome) for r, ago in items]
    ov = overview([], [], referrals, [], now, zone=UTC)
    expected = [r for r in referrals if r.outcome is ReferralOutcome.PENDING
                and (today - r.made_on).days > FOLLOW_UP_DAYS]
    assert ov.overdue_count == len(expected)
    assert sorted((o.code, o.made_on) for o in ov.overdue) == sorted(
        (r.code, r.made_on) for r in expected)
    assert all(r.made_on <= follow_up_cutoff(today) for r in expected)  # the storage read's bound
    assert all(o.days_waiting > FOLLOW_UP_DAYS for o in ov.overdue)
    assert [o.made_on for o in ov.overdue] == sorted(o.made_on for o in ov.overdue)


@given(nows, st.lists(st.tuples(interview_facts, offsets, offsets), max_size=30))
def test_an_interview_is_unfinished_iff_started_and_not_complete(now, items) -> None:
    interviews = [InterviewFacts(i.code, i.status, now - abs(a) - abs(b), now - abs(b))
                  for i, a, b in items]
    ov = overview([], [], [], interviews, now, zone=UTC)
    expected = [i for i in interviews if i.status != "complete"]
    assert ov.unfinished_count == len(expected)
    assert sorted((u.code, u.state.value) for u in ov.unfinished) == sorted(
        (i.code, i.status) for i in expected)
    assert [u.last_activity_on for u in ov.unfinished] == sorted(
        u.last_activity_on for u in ov.unfinished)
    assert all(u.days_idle >= 0 for u in ov.unfinished)


@given(st.lists(st.tuples(st.sampled_from(CaseStatus), st.integers(0, 1000)), max_size=10))
def test_cases_are_counted_by_status_every_status_present(rows) -> None:
    ov = overview(rows, [], [], [], NOW, zone=UTC)
    assert [s for s, _ in ov.cases_by_status] == list(CaseStatus)
    for status in CaseStatus:
        assert ov.count(status) == sum(n for s, n in rows if s is status)
    assert ov.open_cases == ov.count(CaseStatus.OPEN) + ov.count(CaseStatus.REFERRED)


def test_the_edges_of_each_window() -> None:
    window = timedelta(days=EXPIRY_WINDOW_DAYS)
    consents = [ConsentFacts("NOWW", Purpose.SERVICES_REFERRAL, NOW, False),
                ConsentFacts("LAST", Purpose.SERVICES_REFERRAL, NOW + window, False),
                ConsentFacts("PAST", Purpose.SERVICES_REFERRAL, NOW - timedelta(seconds=1), False),
                ConsentFacts("LATE", Purpose.SERVICES_REFERRAL,
                             NOW + window + timedelta(seconds=1), False)]
    today = NOW.date()
    referrals = [ReferralFacts(code, ServiceCategory.SHELTER, AgencyKind.SERVICE_PROVIDER,
                               today - timedelta(days=ago), ReferralOutcome.PENDING)
                 for code, ago in (("DAY14", FOLLOW_UP_DAYS), ("DAY15", FOLLOW_UP_DAYS + 1))]
    ov = overview([], consents, referrals, [], NOW, zone=UTC)
    assert [e.code for e in ov.expiring] == ["NOWW", "LAST"]
    assert [e.days_left for e in ov.expiring] == [0, EXPIRY_WINDOW_DAYS]
    assert [o.code for o in ov.overdue] == ["DAY15"]
    assert follow_up_cutoff(today) == today - timedelta(days=FOLLOW_UP_DAYS + 1)


def test_counts_are_whole_past_the_row_limit_and_rows_hold_no_more_than_codes() -> None:
    interviews = [InterviewFacts(f"C{n:04d}", "paused", NOW - timedelta(days=n),
                                 NOW - timedelta(days=n)) for n in range(30)]
    ov = overview([], [], [], interviews, NOW, zone=UTC, limit=10)
    assert ov.unfinished_count == 30 and len(ov.unfinished) == 10
    assert ov.unfinished[0].code == "C0029"  # the longest untouched first
    assert ov.unfinished[0].state is InterviewState.PAUSED
    assert "C00" not in repr(ov)  # a log of the overview names no case
    fields = set(type(ov.unfinished[0]).__dataclass_fields__)
    assert fields == {"code", "state", "started_on", "last_activity_on", "days_idle"}


def test_days_are_counted_where_the_laptop_is() -> None:
    from datetime import timezone

    zone = timezone(timedelta(hours=-5))
    late = datetime(2026, 12, 4, 2, 0, tzinfo=UTC)  # still 3 December at UTC-5
    ends = ConsentFacts("ZONE", Purpose.CASE_COORDINATION, datetime(2026, 12, 5, 4, 0, tzinfo=UTC),
                        False)
    [row] = overview([], [ends], [], [], late, zone=zone).expiring
    assert row.expires_on == date(2026, 12, 4) and row.days_left == 1
