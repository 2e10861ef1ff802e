"""Reporting periods: strict parsing with a clear reason, and the months a period covers."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake_app.domain.reporting.periods import Period, PeriodInvalid, parse_period


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2026Q3", date(2026, 7, 1), date(2026, 9, 30), "2026Q3"),
        ("2026q1", date(2026, 1, 1), date(2026, 3, 31), "2026Q1"),
        ("2028Q1", date(2028, 1, 1), date(2028, 3, 31), "2028Q1"),
        ("2026Q4", date(2026, 10, 1), date(2026, 12, 31), "2026Q4"),
        ("2028-02", date(2028, 2, 1), date(2028, 2, 29), "2028-02"),
        (" 2026-12 ", date(2026, 12, 1), date(2026, 12, 31), "2026-12"),
        ("2026", date(2026, 1, 1), date(2026, 12, 31), "2026"),
        ("2026-07-15..2026-08-14", date(2026, 7, 15), date(2026, 8, 14), "2026-07-15..2026-08-14"),
        ("2026-07-15..2026-07-15", date(2026, 7, 15), date(2026, 7, 15), "2026-07-15..2026-07-15"),
    ],
)
def test_each_form_names_its_days(text: str, start: date, end: date, label: str) -> None:
    period = parse_period(text)
    assert (period.start, period.end, period.label) == (start, end, label)
    assert start in period and end in period
    assert start - timedelta(days=1) not in period and end + timedelta(days=1) not in period


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "no period was given"),
        ("2026Q5", "a quarter is Q1, Q2, Q3 or Q4"),
        ("2026Q0", "a quarter is Q1, Q2, Q3 or Q4"),
        ("2026-13", "the month must be from 01 to 12"),
        ("2026-00", "the month must be from 01 to 12"),
        ("2026-02-30..2026-03-01", "2026-02-30 is not a day of the calendar"),
        ("2026-09-30..2026-07-01", "it ends before it starts"),
        ("1999Q1", "the year must be from 2000 to 2100"),
        ("Q3 2026", "this is not a quarter, a month, a year or a date range"),
        ("2026-7", "this is not a quarter, a month, a year or a date range"),
        ("2026-07-01 - 2026-07-31", "this is not a quarter, a month, a year or a date range"),
        ("2026Q3" * 10, "it is too long"),
    ],
)
def test_anything_else_is_refused_with_its_reason(text: str, reason: str) -> None:
    with pytest.raises(PeriodInvalid) as caught:
        parse_period(text)
    assert caught.value.code == "period_invalid"
    assert reason in caught.value.message
    assert "2026Q3, 2026-07, 2026 or 2026-07-01..2026-09-30" in caught.value.message


@given(st.dates(date(2000, 1, 1), date(2100, 12, 1)), st.integers(0, 400))
def test_months_cover_the_period_day_for_day(start: date, length: int) -> None:
    period = Period.between(start, min(start + timedelta(days=length), date(2100, 12, 31)))
    months = list(period.months())
    assert months[0].start == period.start and months[-1].end == period.end
    assert sum(m.days for m in months) == period.days
    for a, b in itertools.pairwise(months):
        assert b.start == a.end + timedelta(days=1) and b.start.day == 1
    assert parse_period(period.label) == period
