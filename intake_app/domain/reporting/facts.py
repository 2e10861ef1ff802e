"""The reportable facts of a case: closed sets of values, a dated log, never a name or free text.

Every fact keeps "declined" (the person preferred not to say) and "unknown" (nobody knows) as
values of their own; a fact that was never recorded is None, which reports count as
"not recorded". Who gave a service is a role or an agency kind, never a person.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from intake_app.domain.agency import AgencyKind
from intake_app.domain.case import Role


class TraffickingType(enum.StrEnum):
    SEX = "sex"
    LABOUR = "labour"
    BOTH = "both"
    UNKNOWN = "unknown"
    DECLINED = "declined"


class Gender(enum.StrEnum):
    FEMALE = "female"
    MALE = "male"
    TRANSGENDER = "transgender"
    NON_BINARY = "non_binary"
    OTHER = "other"
    UNKNOWN = "unknown"
    DECLINED = "declined"


class AgeGroup(enum.StrEnum):
    """Age at intake; the ranges are the protocols' AGE_RANGES (a test keeps them equal)."""

    UNDER_12 = "under_12"
    AGE_12_14 = "12_14"
    AGE_15_17 = "15_17"
    AGE_18_24 = "18_24"
    AGE_25_34 = "25_34"
    AGE_35_PLUS = "35_plus"
    UNKNOWN = "unknown"
    DECLINED = "declined"

    @property
    def life_stage(self) -> LifeStage:
        if self in (AgeGroup.UNKNOWN, AgeGroup.DECLINED):
            return LifeStage(self.value)
        return LifeStage.MINOR if self in _MINOR_GROUPS else LifeStage.ADULT


class LifeStage(enum.StrEnum):
    """Adult or minor at intake: the grant measure."""

    ADULT = "adult"
    MINOR = "minor"
    UNKNOWN = "unknown"
    DECLINED = "declined"


_MINOR_GROUPS = frozenset({AgeGroup.UNDER_12, AgeGroup.AGE_12_14, AgeGroup.AGE_15_17})


class NationalityGroup(enum.StrEnum):
    """A group, never a country: a country of origin can single a person out in a small place."""

    CITIZEN_OR_RESIDENT = "citizen_or_resident"
    FOREIGN_NATIONAL = "foreign_national"
    UNKNOWN = "unknown"
    DECLINED = "declined"


class ReferralSource(enum.StrEnum):
    SELF = "self"
    FAMILY_OR_FRIEND = "family_or_friend"
    LAW_ENFORCEMENT = "law_enforcement"
    SERVICE_PROVIDER = "service_provider"
    HOTLINE = "hotline"
    HEALTHCARE = "healthcare"
    SCHOOL = "school"
    COMMUNITY_OR_FAITH = "community_or_faith"
    OTHER = "other"
    UNKNOWN = "unknown"
    DECLINED = "declined"


class ServiceCategory(enum.StrEnum):
    CASE_MANAGEMENT = "case_management"
    SHELTER = "shelter"
    HOUSING = "housing"
    BASIC_NEEDS = "basic_needs"  # food, clothing, a phone
    MEDICAL = "medical"
    MENTAL_HEALTH = "mental_health"
    SUBSTANCE_USE = "substance_use"
    LEGAL = "legal"
    IMMIGRATION = "immigration"
    INTERPRETER = "interpreter"
    TRANSPORT = "transport"
    EDUCATION_EMPLOYMENT = "education_employment"
    SAFETY_PLANNING = "safety_planning"
    FAMILY_REUNIFICATION = "family_reunification"
    LAW_ENFORCEMENT = "law_enforcement"  # only ever a referral made with the person's consent
    OTHER = "other"


class ServiceOutcome(enum.StrEnum):
    PROVIDED = "provided"
    DECLINED = "declined"  # offered; the person did not want it
    UNAVAILABLE = "unavailable"  # wanted; nobody could provide it
    UNKNOWN = "unknown"


class ReferralOutcome(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"  # the receiving agency declined it
    UNKNOWN = "unknown"


class ClosureReason(enum.StrEnum):
    GOALS_MET = "goals_met"
    PERSON_WITHDREW = "person_withdrew"
    LOST_CONTACT = "lost_contact"
    TRANSFERRED = "transferred"
    MOVED_AWAY = "moved_away"
    OTHER = "other"
    UNKNOWN = "unknown"
    DECLINED = "declined"


# Who did something: a role in the agency that holds the case, or the kind of a partner agency.
Actor = Role | AgencyKind


@dataclass(frozen=True, slots=True)
class ServiceGiven:
    on: date
    category: ServiceCategory
    by: Actor
    outcome: ServiceOutcome = ServiceOutcome.PROVIDED


@dataclass(frozen=True, slots=True)
class ReferralMade:
    on: date
    category: ServiceCategory
    by: Role
    to: AgencyKind
    outcome: ReferralOutcome = ReferralOutcome.PENDING


@dataclass(frozen=True, slots=True)
class Closure:
    on: date
    reason: ClosureReason


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What a report may know of one case.

    `key` is opaque and only tells cases apart while counting: it is never put in a report, so
    the storage layer may pass its row id (never the case code, though even that could not leak).
    """

    key: int
    intake_on: date
    counted: bool  # the person agreed to be counted in reports (asked only where policy says)
    trafficking_type: TraffickingType | None = None
    gender: Gender | None = None
    age_group: AgeGroup | None = None
    nationality: NationalityGroup | None = None
    referral_source: ReferralSource | None = None
    services: tuple[ServiceGiven, ...] = ()
    referrals: tuple[ReferralMade, ...] = ()
    closure: Closure | None = None

    @property
    def first_service_on(self) -> date | None:
        provided = [s.on for s in self.services if s.outcome is ServiceOutcome.PROVIDED]
        return min(provided) if provided else None

    @property
    def life_stage(self) -> LifeStage | None:
        return None if self.age_group is None else self.age_group.life_stage

    def open_on(self, day: date) -> bool:
        return self.intake_on <= day and (self.closure is None or self.closure.on >= day)


class ConsentChange(enum.StrEnum):
    GIVEN = "given"
    WITHDRAWN = "withdrawn"


class ConsentTopic(enum.StrEnum):
    """What a consent was for: the sharing purposes (consent.Purpose) and being counted."""

    SERVICES_REFERRAL = "services_referral"
    LAW_ENFORCEMENT = "law_enforcement"
    CASE_COORDINATION = "case_coordination"
    OTHER = "other"  # another purpose, in words: counted, never its words
    REPORTING = "reporting"


@dataclass(frozen=True, slots=True)
class ConsentEvent:
    """One consent given or withdrawn: counted as an event, with no link to its case."""

    on: date
    topic: ConsentTopic
    change: ConsentChange


# The facts a protocol question may feed, and the values each takes.
FACTS: dict[str, type[enum.StrEnum]] = {
    "trafficking_type": TraffickingType,
    "gender": Gender,
    "age_group": AgeGroup,
    "nationality": NationalityGroup,
    "referral_source": ReferralSource,
}
