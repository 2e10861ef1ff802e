"""A consent's end date: the day typed is the day kept, in every time zone, through storage."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, available_timezones

from hypothesis import given
from hypothesis import strategies as st

from intake_app.domain.consent import day_of, end_of_day, format_day, parse_day

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
zones = st.sampled_from(sorted(available_timezones())).map(ZoneInfo)


@given(days, zones)
def test_the_end_of_a_day_is_that_day_wherever_the_laptop_is(day: date, zone: ZoneInfo) -> None:
    end = end_of_day(day, zone)
    assert end.tzinfo is UTC
    stored = datetime.fromisoformat(end.isoformat())  # as storage keeps it
    assert day_of(stored, zone) == day
    assert day_of(stored + timedelta(seconds=1), zone) > day  # nothing of the day is lost


@given(days)
def test_the_end_of_a_day_in_the_laptops_own_zone(day: date) -> None:
    assert day_of(end_of_day(day)) == day


@given(days)
def test_a_day_round_trips_through_its_text(day: date) -> None:
    assert parse_day(format_day(day)) == day
    assert parse_day(f" {day.year}/{day.month}/{day.day} ") == day


@given(st.text(max_size=12))
def test_text_that_is_not_a_day_is_none_never_another_day(text: str) -> None:
    parsed = parse_day(text)
    if parsed is not None:
        year, month, day = re.split("[-/]", text.strip())
        assert (int(year), int(month), int(day)) == (parsed.year, parsed.month, parsed.day)


def test_impossible_days_are_refused() -> None:
    for text in ("2027-02-30", "2026-13-01", "2026-12", "31-12-2026", "2026-12-31x", ""):
        assert parse_day(text) is None
