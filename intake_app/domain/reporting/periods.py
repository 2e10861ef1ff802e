"""Reporting periods: a quarter (2026Q3), a month (2026-07), a year (2026) or from..to dates.

Parsing is strict: one of these forms exactly, real dates, start not after end. Anything else is
refused with PeriodInvalid, which says what was expected (and echoes only the period text).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from intake_app.errors import IntakeError

_QUARTER = re.compile(r"^(\d{4})[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MAX_TEXT = 40
MIN_YEAR, MAX_YEAR = 2000, 2100
FORMS = "2026Q3, 2026-07, 2026 or 2026-07-01..2026-09-30"


class PeriodInvalid(IntakeError):
    code = "period_invalid"
    template = "The period {text!r} is not valid: {reason}. Write it as " + FORMS + "."
    plain = "That period is not valid. Write it as 2026Q3, 2026-07, 2026 or 2026-07-01..2026-09-30."


@dataclass(frozen=True, slots=True)
class Period:
    """Days from `start` to `end`, both included."""

    start: date
    end: date
    label: str  # the canonical text: "2026Q3", "2026-07", "2026", "2026-07-01..2026-09-30"

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodInvalid(text=self.label, reason="it ends before it starts")

    @classmethod
    def between(cls, start: date, end: date) -> Period:
        return cls(start, end, f"{start.isoformat()}..{end.isoformat()}")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def months(self) -> Iterator[Period]:
        """The calendar months the period touches, each cut to the period (for trends)."""
        year, month = self.start.year, self.start.month
        while date(year, month, 1) <= self.end:
            first = date(year, month, 1)
            last = _month_end(year, month)
            yield Period(max(first, self.start), min(last, self.end), f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _month_end(year: int, month: int) -> date:
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return following - timedelta(days=1)


def _year(text: str, raw: str) -> int:
    year = int(raw)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodInvalid(text=text, reason=f"the year must be from {MIN_YEAR} to {MAX_YEAR}")
    return year


def _day(text: str, raw: str) -> date:
    match = _DAY.match(raw)
    if match is None:
        raise PeriodInvalid(text=text, reason="a date is written YYYY-MM-DD")
    year = _year(text, match.group(1))
    try:
        return date(year, int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise PeriodInvalid(text=text, reason=f"{raw} is not a day of the calendar") from None


def parse_period(text: str) -> Period:
    """The period `text` names; raises PeriodInvalid for anything else."""
    if not isinstance(text, str) or not text.strip():
        raise PeriodInvalid(text="", reason="no period was given")
    text = text.strip()
    if len(text) > _MAX_TEXT:
        raise PeriodInvalid(text=text[:_MAX_TEXT] + "…", reason="it is too long")
    if match := _QUARTER.match(text):
        year, quarter = _year(text, match.group(1)), int(match.group(2))
        first_month = 3 * (quarter - 1) + 1
        return Period(date(year, first_month, 1), _month_end(year, first_month + 2), f"{year}Q{quarter}")
    if match := _MONTH.match(text):
        year, month = _year(text, match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            raise PeriodInvalid(text=text, reason="the month must be from 01 to 12")
        return Period(date(year, month, 1), _month_end(year, month), f"{year:04d}-{month:02d}")
    if match := _YEAR.match(text):
        year = _year(text, match.group(1))
        return Period(date(year, 1, 1), date(year, 12, 31), f"{year}")
    if match := _RANGE.match(text):
        start, end = _day(text, match.group(1)), _day(text, match.group(2))
        if end < start:
            raise PeriodInvalid(text=text, reason="it ends before it starts")
        return Period.between(start, end)
    if re.match(r"^\d{4}[Qq]\d+$", text):
        raise PeriodInvalid(text=text, reason="a quarter is Q1, Q2, Q3 or Q4")
    raise PeriodInvalid(text=text, reason="this is not a quarter, a month, a year or a date range")
