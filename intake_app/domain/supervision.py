"""What a supervisor looks at each morning: open cases by status, consents about to run out,
referrals nobody has followed up, interviews left unfinished. Pure: no SQL, no Qt.

Every row here carries a case code, dates and kind words (a purpose, a service, a state):
never a name, never free text. The storage layer reads only candidates (an indexed range per
list); the rules below decide, so the screen, the command line and the tests agree on what is
listed.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Final

from intake_app.domain.agency import AgencyKind
from intake_app.domain.case import CaseStatus
from intake_app.domain.consent import Purpose, day_of
from intake_app.domain.reporting.facts import ReferralOutcome, ServiceCategory

EXPIRY_WINDOW_DAYS: Final = 14  # a consent ending this soon needs a word with the person now
FOLLOW_UP_DAYS: Final = 14  # a referral still pending this long after it was made needs a call
ROW_LIMIT: Final = 200  # rows kept per list (the most urgent); the counts are always whole


class InterviewState(enum.StrEnum):
    """The interview states that are not finished (storage keeps "complete" for the rest)."""

    OPEN = "open"  # a sitting was started and never ended (closed window, dead battery)
    PAUSED = "paused"  # ended for today, to go on another day


@dataclass(frozen=True, slots=True)
class ConsentFacts:
    code: str
    purpose: Purpose
    expires_at: datetime  # aware
    withdrawn: bool


@dataclass(frozen=True, slots=True)
class ReferralFacts:
    code: str
    category: ServiceCategory
    sent_to: AgencyKind
    made_on: date
    outcome: ReferralOutcome


@dataclass(frozen=True, slots=True)
class InterviewFacts:
    code: str
    status: str  # open, paused or complete
    started_at: datetime  # aware
    updated_at: datetime  # aware


@dataclass(frozen=True, slots=True)
class ExpiringConsent:
    code: str
    purpose: Purpose
    expires_on: date  # the last day, where the laptop is
    days_left: int  # 0: it ends today


@dataclass(frozen=True, slots=True)
class OverdueFollowUp:
    code: str
    category: ServiceCategory
    sent_to: AgencyKind
    made_on: date
    days_waiting: int


@dataclass(frozen=True, slots=True)
class UnfinishedInterview:
    code: str
    state: InterviewState
    started_on: date
    last_activity_on: date
    days_idle: int


@dataclass(frozen=True, slots=True)
class Overview:
    """Counts, and up to ROW_LIMIT rows per list, most urgent first."""

    at: datetime
    cases_by_status: tuple[tuple[CaseStatus, int], ...]  # every status, in CaseStatus order
    expiring_count: int
    overdue_count: int
    unfinished_count: int
    expiring: tuple[ExpiringConsent, ...]
    overdue: tuple[OverdueFollowUp, ...]
    unfinished: tuple[UnfinishedInterview, ...]

    @property
    def open_cases(self) -> int:
        """Cases not closed (open and referred)."""
        return sum(n for status, n in self.cases_by_status if status is not CaseStatus.CLOSED)

    def count(self, status: CaseStatus) -> int:
        return dict(self.cases_by_status).get(status, 0)

    def __repr__(self) -> str:  # counts only, even in a log
        return (f"Overview(open={self.open_cases}, expiring={self.expiring_count},"
                f" overdue={self.overdue_count}, unfinished={self.unfinished_count})")


# --- the rules ----------------------------------------------------------------------------------
def expires_soon(consent: ConsentFacts, now: datetime) -> bool:
    """Not withdrawn, and its end falls in [now, now + EXPIRY_WINDOW_DAYS]."""
    return (not consent.withdrawn
            and now <= consent.expires_at <= now + timedelta(days=EXPIRY_WINDOW_DAYS))


def expiry_range(now: datetime) -> tuple[datetime, datetime]:
    """A range holding every end expires_soon can accept, a day wider on each side, for the
    storage layer's indexed read (ends stored with another UTC offset compare as text)."""
    return now - timedelta(days=1), now + timedelta(days=EXPIRY_WINDOW_DAYS + 1)


def follow_up_overdue(referral: ReferralFacts, today: date) -> bool:
    """Still pending more than FOLLOW_UP_DAYS days after the day it was made."""
    return (referral.outcome is ReferralOutcome.PENDING
            and (today - referral.made_on).days > FOLLOW_UP_DAYS)


def follow_up_cutoff(today: date) -> date:
    """The latest day a referral can have been made on and be overdue `today`."""
    return today - timedelta(days=FOLLOW_UP_DAYS + 1)


_UNFINISHED: Final = frozenset(s.value for s in InterviewState)


def unfinished(interview: InterviewFacts) -> bool:
    """Started (it exists) and not completed."""
    return interview.status in _UNFINISHED


def count_by_status(statuses: Iterable[tuple[CaseStatus, int]]) -> tuple[tuple[CaseStatus, int], ...]:
    """Every status with its count (0 when none), in CaseStatus order."""
    totals = dict.fromkeys(CaseStatus, 0)
    for status, n in statuses:
        totals[status] += n
    return tuple(totals.items())


# --- the overview -------------------------------------------------------------------------------
def _unfinished_row(i: InterviewFacts, today: date, zone: tzinfo | None) -> UnfinishedInterview:
    last = day_of(i.updated_at, zone)
    return UnfinishedInterview(i.code, InterviewState(i.status), day_of(i.started_at, zone), last,
                               max(0, (today - last).days))


def overview(
    statuses: Iterable[tuple[CaseStatus, int]],
    consents: Iterable[ConsentFacts],
    referrals: Iterable[ReferralFacts],
    interviews: Iterable[InterviewFacts],
    now: datetime,
    zone: tzinfo | None = None,
    limit: int = ROW_LIMIT,
) -> Overview:
    """The overview at `now` (aware); days are counted where the laptop is (`zone`, default its
    own), as the consent dialog and the case page show them."""
    today = day_of(now, zone)
    expiring = sorted(
        (ExpiringConsent(c.code, c.purpose, day_of(c.expires_at, zone),
                         (day_of(c.expires_at, zone) - today).days)
         for c in consents if expires_soon(c, now)),
        key=lambda e: (e.expires_on, e.code, e.purpose.value))
    overdue = sorted(
        (OverdueFollowUp(r.code, r.category, r.sent_to, r.made_on, (today - r.made_on).days)
         for r in referrals if follow_up_overdue(r, today)),
        key=lambda o: (o.made_on, o.code, o.category.value))
    left = sorted((_unfinished_row(i, today, zone) for i in interviews if unfinished(i)),
                  key=lambda u: (u.last_activity_on, u.code))
    return Overview(
        at=now,
        cases_by_status=count_by_status(statuses),
        expiring_count=len(expiring),
        overdue_count=len(overdue),
        unfinished_count=len(left),
        expiring=tuple(expiring[:limit]),
        overdue=tuple(overdue[:limit]),
        unfinished=tuple(left[:limit]),
    )
