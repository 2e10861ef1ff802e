"""Retention: which cases the agency's policy says are due for deletion. Pure: no SQL, no Qt.

A case is due when its status has a retention period in the policy, it is not under a legal hold,
and more than that many days have passed since it was last touched (its last activity or, if
later, the date it was closed). The later of the two: a closed case someone still works on is
kept from that work, never deleted sooner than the policy says.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Final

from intake_app.domain.case import CaseStatus

DAY: Final = timedelta(days=1)
RETENTION_MIN_DAYS: Final = 30  # a typo of "1" must not empty the closed cases by tomorrow
RETENTION_MAX_DAYS: Final = 100 * 366
SEVEN_YEARS_DAYS: Final = 2555
DEFAULT_RETENTION: Final[tuple[tuple[str, int], ...]] = ((CaseStatus.CLOSED.value, SEVEN_YEARS_DAYS),)


class Refusal(enum.StrEnum):
    """Why a case asked to be deleted is kept (fixed words: they name no case data)."""

    LEGAL_HOLD = "legal_hold"
    NOT_DUE = "not_due"
    NOT_FOUND = "not_found"


@dataclass(frozen=True, slots=True)
class RetentionFacts:
    """What the rule needs of one case: its code and dates, never a name."""

    code: str
    status: CaseStatus
    last_activity: datetime  # aware
    closed_on: date | None
    legal_hold: bool

    @property
    def since(self) -> datetime:
        """The moment its retention runs from: the later of last activity and closure."""
        if self.closed_on is None:
            return self.last_activity
        closed = datetime.combine(self.closed_on, time(0), tzinfo=UTC)
        return max(self.last_activity, closed)


@dataclass(frozen=True, slots=True)
class DueCase:
    code: str
    status: CaseStatus
    since: date  # last activity or closure, whichever is later
    days_overdue: int  # whole days past its retention period (0 on the day it falls due)


def overdue_by(
    case: RetentionFacts, retention: Mapping[str, int], now: datetime
) -> timedelta | None:
    """How long past its retention `case` is, or None when it is not due (held, kept forever,
    or still within its period)."""
    if case.legal_hold:
        return None
    days = retention.get(case.status.value)
    if days is None:
        return None
    past = now - case.since - days * DAY
    return past if past > timedelta(0) else None


def refusal(case: RetentionFacts | None, retention: Mapping[str, int], now: datetime) -> Refusal | None:
    """Why `case` may not be deleted now, or None when it may."""
    if case is None:
        return Refusal.NOT_FOUND
    if case.legal_hold:
        return Refusal.LEGAL_HOLD
    return None if overdue_by(case, retention, now) is not None else Refusal.NOT_DUE


def due_cases(
    cases: Iterable[RetentionFacts], retention: Mapping[str, int], now: datetime
) -> list[DueCase]:
    """The cases due for deletion, most overdue first."""
    due: list[DueCase] = []
    for case in cases:
        past = overdue_by(case, retention, now)
        if past is not None:
            due.append(DueCase(case.code, case.status, case.since.date(), past.days))
    return sorted(due, key=lambda d: (-d.days_overdue, d.code))
