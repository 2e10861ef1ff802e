"""The reports, computed from CaseFacts for a period: grant measures, task-force summary, consents.

Definitions (the same words are in the labels under each table):
- counted cases: every case when policy does not ask for consent to be counted; otherwise only
  cases whose person agreed (`CaseFacts.counted`).
- new: intake date in the period. served: new, or given a service in the period (a grant's
  "clients served"); continuing = served and not new.
- services: those given (outcome "provided") on a day in the period; referrals: made in the period,
  with their outcome as known now.
- days to first service: from intake to the first service given, as of the period's end, over the
  period's new cases.

Every enum value is a row even when its count is zero, so that reports of different agencies
have the same shape and can be combined (combine.py).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from intake_app.domain.agency import AgencyKind
from intake_app.domain.reporting.facts import (
    AgeGroup,
    CaseFacts,
    ConsentChange,
    ConsentEvent,
    ConsentTopic,
    Gender,
    LifeStage,
    NationalityGroup,
    ReferralOutcome,
    ReferralSource,
    ServiceCategory,
    ServiceOutcome,
    TraffickingType,
)
from intake_app.domain.reporting.periods import Period
from intake_app.domain.reporting.tables import Measure, Report, Table

NOT_RECORDED = "not_recorded"
COUNT = "count"
GRANT, TASK_FORCE, CONSENTS = "grant", "task_force", "consents"
DAY_BUCKETS: tuple[tuple[str, int], ...] = (("0_1", 1), ("2_7", 7), ("8_30", 30), ("31_90", 90))
OVER_90, NONE_YET = "over_90", "none_yet"


@dataclass(frozen=True, slots=True)
class ReportPolicy:
    """What the agency's policy says about reports."""

    require_consent: bool = True  # count only people who agreed to be counted
    threshold: int = 5


def _keys(kind: type[StrEnum], missing: bool = True) -> tuple[str, ...]:
    return tuple(v.value for v in kind) + ((NOT_RECORDED,) if missing else ())


def _column(table_id: str, rows: tuple[str, ...], counter: Counter[str], shared: str | None) -> Table:
    return Table(table_id, rows, (COUNT,), tuple((counter[r],) for r in rows), True, shared)


def _key(value: StrEnum | None) -> str:
    return NOT_RECORDED if value is None else value.value


def counted(facts: Iterable[CaseFacts], policy: ReportPolicy) -> list[CaseFacts]:
    return [f for f in facts if f.counted or not policy.require_consent]


def grant_report(facts: Iterable[CaseFacts], period: Period, policy: ReportPolicy) -> Report:
    """OVC TIMS-style performance measures: clients served, new, adult or minor, type, gender, services, referrals."""
    clients: Counter[str] = Counter()
    stage: Counter[str] = Counter()
    ages: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    genders: Counter[str] = Counter()
    nations: Counter[str] = Counter()
    served_with: Counter[str] = Counter()
    referrals: Counter[tuple[str, str]] = Counter()
    start, end = period.start, period.end
    for f in counted(facts, policy):
        given = {s.category.value for s in f.services
                 if s.outcome is ServiceOutcome.PROVIDED and start <= s.on <= end}
        for r in f.referrals:
            if start <= r.on <= end:
                referrals[(r.category.value, r.outcome.value)] += 1
        is_new = start <= f.intake_on <= end
        if not (is_new or (given and f.intake_on <= end)):
            continue
        clients["new" if is_new else "continuing"] += 1
        stage[_key(f.life_stage)] += 1
        ages[_key(f.age_group)] += 1
        kinds[_key(f.trafficking_type)] += 1
        genders[_key(f.gender)] += 1
        nations[_key(f.nationality)] += 1
        served_with.update(given)
    services = _keys(ServiceCategory, missing=False)
    outcomes = _keys(ReferralOutcome, missing=False)
    tables = (
        _column("grant.clients", ("new", "continuing"), clients, "served"),
        _column("grant.life_stage", _keys(LifeStage), stage, "served"),
        _column("grant.age_group", _keys(AgeGroup), ages, "served"),
        _column("grant.trafficking_type", _keys(TraffickingType), kinds, "served"),
        _column("grant.gender", _keys(Gender), genders, "served"),
        _column("grant.nationality", _keys(NationalityGroup), nations, "served"),
        # A client given two kinds of service is in two rows: no total would mean anything.
        Table("grant.services", services, ("clients",),
              tuple((served_with[s],) for s in services), totals=False),
        Table("grant.referrals", services, outcomes,
              tuple(tuple(referrals[(s, o)] for o in outcomes) for s in services)),
    )
    return Report(GRANT, period, tables)


def _days_bucket(days: int) -> str:
    for name, upto in DAY_BUCKETS:
        if days <= upto:
            return name
    return OVER_90


def task_force_report(facts: Iterable[CaseFacts], period: Period, policy: ReportPolicy) -> Report:
    """New cases by type, referral source and month; services; referrals sent and accepted; time to first service."""
    kinds: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    months: Counter[str] = Counter()
    waits: Counter[str] = Counter()
    services: Counter[str] = Counter()
    referrals: Counter[tuple[str, str]] = Counter()
    days_list: list[int] = []
    start, end = period.start, period.end
    month_of = {m.label: m for m in period.months()}
    for f in counted(facts, policy):
        for s in f.services:
            if s.outcome is ServiceOutcome.PROVIDED and start <= s.on <= end:
                services[s.category.value] += 1
        for r in f.referrals:
            if start <= r.on <= end:
                referrals[(r.to.value, r.outcome.value)] += 1
        if not start <= f.intake_on <= end:
            continue
        kinds[_key(f.trafficking_type)] += 1
        sources[_key(f.referral_source)] += 1
        months[f"{f.intake_on.year:04d}-{f.intake_on.month:02d}"] += 1
        first = f.first_service_on
        if first is None or first > end:
            waits[NONE_YET] += 1
        else:
            days = max(0, (first - f.intake_on).days)  # a service logged before intake: day 0
            waits[_days_bucket(days)] += 1
            days_list.append(days)
    agencies = _keys(AgencyKind, missing=False)
    outcomes = _keys(ReferralOutcome, missing=False)
    buckets = (*(b for b, _ in DAY_BUCKETS), OVER_90, NONE_YET)
    tables = (
        _column("task_force.new_by_month", tuple(month_of), months, "new"),
        _column("task_force.new_by_type", _keys(TraffickingType), kinds, "new"),
        _column("task_force.new_by_referral_source", _keys(ReferralSource), sources, "new"),
        _column("task_force.days_to_first_service", buckets, waits, "new"),
        _column("task_force.services", _keys(ServiceCategory, missing=False), services, None),
        Table("task_force.referrals", agencies, outcomes,
              tuple(tuple(referrals[(a, o)] for o in outcomes) for a in agencies)),
    )
    median = float(statistics.median(days_list)) if days_list else None
    measures = (Measure("task_force.median_days_to_first_service", median, len(days_list)),)
    return Report(TASK_FORCE, period, tables, measures)


def consents_report(events: Sequence[ConsentEvent], period: Period) -> Report:
    """Consents given and withdrawn in the period, by what they were for (events, not people)."""
    counts: Counter[tuple[str, str]] = Counter(
        (e.topic.value, e.change.value) for e in events if e.on in period
    )
    topics = _keys(ConsentTopic, missing=False)
    changes = _keys(ConsentChange, missing=False)
    table = Table("consents.by_topic", topics, changes,
                  tuple(tuple(counts[(t, c)] for c in changes) for t in topics))
    return Report(CONSENTS, period, (table,))



def layout(kind: str, period: Period) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """(table id, rows, columns) of a report kind for a period; KeyError for an unknown kind."""
    empty: dict[str, Report] = {
        GRANT: grant_report((), period, ReportPolicy()),
        TASK_FORCE: task_force_report((), period, ReportPolicy()),
        CONSENTS: consents_report((), period),
    }
    return [(t.id, t.rows, t.columns) for t in empty[kind].tables]
