"""Generated CaseFacts for the report tests and the bench (synthetic data only)."""

from __future__ import annotations

import enum
import random
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import strategies as st

from intake_app.domain.agency import AgencyKind
from intake_app.domain.case import Role
from intake_app.domain.reporting.facts import (
    AgeGroup,
    CaseFacts,
    Closure,
    ClosureReason,
    Gender,
    NationalityGroup,
    ReferralMade,
    ReferralOutcome,
    ReferralSource,
    ServiceCategory,
    ServiceGiven,
    ServiceOutcome,
    TraffickingType,
)

FIRST_DAY = date(2026, 1, 1)
LAST_DAY = date(2026, 12, 31)
days = st.dates(FIRST_DAY, LAST_DAY)


def _maybe(kind: type[enum.StrEnum]) -> st.SearchStrategy[object]:
    return st.one_of(st.none(), st.sampled_from(list(kind)))


services = st.builds(
    ServiceGiven, days, st.sampled_from(list(ServiceCategory)),
    st.sampled_from([*Role, *AgencyKind]), st.sampled_from(list(ServiceOutcome)),
)
referrals = st.builds(
    ReferralMade, days, st.sampled_from(list(ServiceCategory)), st.sampled_from(list(Role)),
    st.sampled_from(list(AgencyKind)), st.sampled_from(list(ReferralOutcome)),
)


@st.composite
def case_facts(draw: st.DrawFn, key: int = 0) -> CaseFacts:
    return CaseFacts(
        key=key,
        intake_on=draw(days),
        counted=draw(st.booleans()),
        trafficking_type=draw(_maybe(TraffickingType)),  # type: ignore[arg-type]
        gender=draw(_maybe(Gender)),  # type: ignore[arg-type]
        age_group=draw(_maybe(AgeGroup)),  # type: ignore[arg-type]
        nationality=draw(_maybe(NationalityGroup)),  # type: ignore[arg-type]
        referral_source=draw(_maybe(ReferralSource)),  # type: ignore[arg-type]
        services=tuple(draw(st.lists(services, max_size=4))),
        referrals=tuple(draw(st.lists(referrals, max_size=3))),
        closure=draw(st.one_of(st.none(), st.builds(Closure, days, st.sampled_from(list(ClosureReason))))),
    )


caseloads = st.lists(case_facts(), max_size=60).map(
    lambda cases: [replace(c, key=i) for i, c in enumerate(cases)]
)


def generated(count: int, seed: int = 14) -> list[CaseFacts]:
    """`count` plausible cases over 2026, quickly (for the bench and export sweeps)."""
    rng = random.Random(seed)
    kinds, genders, ages = list(TraffickingType), list(Gender), list(AgeGroup)
    nations, sources, cats = list(NationalityGroup), list(ReferralSource), list(ServiceCategory)
    out: list[CaseFacts] = []
    for key in range(count):
        intake = FIRST_DAY + timedelta(days=rng.randrange(365))
        given = tuple(
            ServiceGiven(intake + timedelta(days=rng.randrange(120)), rng.choice(cats), Role.ADVOCATE)
            for _ in range(rng.randrange(4))
        )
        sent = tuple(
            ReferralMade(intake + timedelta(days=rng.randrange(60)), rng.choice(cats), Role.ADVOCATE,
                         rng.choice(list(AgencyKind)), rng.choice(list(ReferralOutcome)))
            for _ in range(rng.randrange(3))
        )
        out.append(CaseFacts(
            key, intake, rng.random() < 0.9,
            rng.choice(kinds), rng.choice(genders), rng.choice(ages), rng.choice(nations),
            rng.choice(sources), given, sent,
        ))
    return out
