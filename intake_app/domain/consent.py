"""Consent: per purpose, per recipient agency, per category of field, time-limited, withdrawable."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

DEFAULT_EXPIRY = timedelta(days=90)
_DAY = re.compile(r"^([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})$")
_END_OF_DAY = time(23, 59, 59)


class Category(enum.StrEnum):
    IDENTITY = "identity"
    CONTACT = "contact"
    EXPERIENCE = "experience"
    NEEDS = "needs"
    SAFETY = "safety"
    IMMIGRATION = "immigration"


class Purpose(enum.StrEnum):
    SERVICES_REFERRAL = "services_referral"
    LAW_ENFORCEMENT = "law_enforcement"
    CASE_COORDINATION = "case_coordination"
    # A purpose the list does not name, in the advocate's words (`Consent.purpose_text`). Two
    # consents for "other" purposes are the same purpose only when their words are.
    OTHER = "other"


MAX_PURPOSE_CHARS = 200


def purpose_words(purpose: Purpose, text: str | None) -> str | None:
    """The free-text purpose as kept: one line, spaces collapsed; None for a listed purpose.
    ValueError when "other" has no words, or too many, or a listed purpose has some."""
    words = " ".join((text or "").split())
    if purpose is not Purpose.OTHER:
        if words:
            raise ValueError("only another purpose is written in words")
        return None
    if not words or len(words) > MAX_PURPOSE_CHARS:
        raise ValueError("another purpose needs its words, at most 200 characters")
    return words


def same_purpose(a: Purpose, a_text: str | None, b: Purpose, b_text: str | None) -> bool:
    """One purpose: the same listed one, or "other" in the same words (letter case aside)."""
    if a is not b:
        return False
    return a is not Purpose.OTHER or (" ".join((a_text or "").casefold().split())
                                      == " ".join((b_text or "").casefold().split()))


class Method(enum.StrEnum):
    VERBAL = "verbal"
    WRITTEN = "written"
    SIGNED = "signed"


class AgreementKind(enum.StrEnum):
    """Consents that name no recipient, kept apart from sharing consents (GBVIMS keeps
    consent_for_services and consent_reporting as their own rows)."""

    SERVICES = "services"  # to receive this agency's services
    REPORTING = "reporting"  # to be counted in de-identified reports


@dataclass(frozen=True, slots=True)
class Agreement:
    """One answer to an agreement; a later answer replaces it (the history stays)."""

    id: int
    case_id: int
    kind: AgreementKind
    agreed: bool
    method: Method
    language: str
    given_at: datetime


class GivenBy(enum.StrEnum):
    """Who gave the consent. For a minor, identifying fields need the guardian as well."""

    PERSON = "person"
    GUARDIAN = "guardian"
    BOTH = "both"  # the person and a non-abusive parent or guardian


# Categories whose fields point at the person (name, birth date, phone, papers): the ones
# VAWA/VOCA/FVPSA ask a written, informed release for.
IDENTIFYING_CATEGORIES = frozenset({Category.IDENTITY, Category.CONTACT, Category.IMMIGRATION})


class Withheld(enum.StrEnum):
    """Why a field of a case stays on this laptop (a code; the UI says it in words)."""

    NOT_COVERED = "not_covered"  # no live consent names its category
    VERBAL_IDENTIFYING = "verbal_identifying"  # identifying, and the consent was only spoken
    MINOR_NEEDS_GUARDIAN = "minor_needs_guardian"  # identifying, a minor, no guardian with them


@dataclass(frozen=True, slots=True)
class ConsentRules:
    """The agency policy's consent rules, as the pure share rule reads them."""

    identifying_requires_written: bool = True
    max_days: int = 365  # the policy's consent_max_days
    minor_may_consent_alone: bool = False  # the jurisdiction lets a minor release alone


def latest_expiry(given_at: datetime, rules: ConsentRules, zone: tzinfo | None = None) -> datetime:
    """The last moment a consent given at `given_at` may run to: the end of the day `max_days`
    after the day it was given (the dialog offers the same last day)."""
    return end_of_day(day_of(given_at, zone) + timedelta(days=rules.max_days), zone)


def may_release(
    consent: Consent, identifying: bool, rules: ConsentRules, *, minor: bool = False
) -> Withheld | None:
    """None when `consent` may release a field of this kind; else why not. For a person who
    may be under 18, an identifying field needs the person AND a guardian (VAWA: the minor and
    a non-abusive parent or guardian), or the person alone where the policy says the
    jurisdiction allows it."""
    if not identifying:
        return None
    return _identifying_refused(consent.method, consent.given_by, rules, minor)


def identifying_refusal(categories: frozenset[Category], method: Method, given_by: GivenBy,
                        rules: ConsentRules, *, minor: bool = False) -> Withheld | None:
    """Why a consent given this way could not release the identifying categories it names
    (None when it names none, or can): what the consent dialog refuses before recording, by
    the same rule the share reads."""
    if not categories & IDENTIFYING_CATEGORIES:
        return None
    return _identifying_refused(method, given_by, rules, minor)


def _identifying_refused(method: Method, given_by: GivenBy, rules: ConsentRules,
                         minor: bool) -> Withheld | None:
    if rules.identifying_requires_written and method is Method.VERBAL:
        return Withheld.VERBAL_IDENTIFYING
    if minor:
        allowed = {GivenBy.BOTH} | ({GivenBy.PERSON} if rules.minor_may_consent_alone else set())
        if given_by not in allowed:
            return Withheld.MINOR_NEEDS_GUARDIAN
    return None


def same_person(a: str, b: str) -> bool:
    """Two names typed for one person (letter case and spacing aside)."""
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


@dataclass(frozen=True, slots=True)
class Consent:
    id: int
    case_id: int
    purpose: Purpose
    recipient_id: str
    categories: frozenset[Category]
    wording: str
    language: str
    method: Method
    interpreter: bool
    given_at: datetime
    expires_at: datetime
    withdrawn_at: datetime | None = None
    given_by: GivenBy = GivenBy.PERSON
    guardian: str | None = None  # the guardian's name as recorded, when one consented
    purpose_text: str | None = None  # the purpose in words, for Purpose.OTHER only

    def __repr__(self) -> str:  # the guardian's name never reaches a log
        return (f"Consent(id={self.id}, case_id={self.case_id}, purpose={self.purpose.value},"
                f" method={self.method.value}, given_by={self.given_by.value})")

    def is_live(self, now: datetime) -> bool:
        return self.withdrawn_at is None and self.given_at <= now < self.expires_at

    def serves(self, purpose: Purpose, purpose_text: str | None = None) -> bool:
        """Whether this consent is for that purpose ("other" ones: in the same words)."""
        return same_purpose(self.purpose, self.purpose_text, purpose, purpose_text)

    def covers(
        self, recipient_id: str, purpose: Purpose, category: Category, now: datetime,
        purpose_text: str | None = None,
    ) -> bool:
        return (
            self.is_live(now)
            and self.recipient_id == recipient_id
            and self.serves(purpose, purpose_text)
            and category in self.categories
        )


def covered_categories(
    consents: list[Consent], recipient_id: str, purpose: Purpose, now: datetime,
    purpose_text: str | None = None,
) -> frozenset[Category]:
    """Every category some live consent covers for this recipient and purpose."""
    return frozenset(
        cat
        for c in consents
        if c.is_live(now) and c.recipient_id == recipient_id and c.serves(purpose, purpose_text)
        for cat in c.categories
    )


# --- the end date: a day as the person agreed it, kept as the last second of that day ----------
def parse_day(text: str) -> date | None:
    """A day typed as year-month-day (2026-12-31, or with slashes); None for anything else,
    never a nearby day (2027-02-30 is not a date, and not 2027-03-02)."""
    found = _DAY.match(text.strip())
    if found is None:
        return None
    try:
        return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None


def format_day(day: date) -> str:
    return day.isoformat()


def end_of_day(day: date, zone: tzinfo | None = None) -> datetime:
    """The last second of `day` where the laptop is (`zone`, default the laptop's own), in UTC."""
    if zone is None:
        return datetime.combine(day, _END_OF_DAY).astimezone(UTC)  # naive: the laptop's zone
    return datetime.combine(day, _END_OF_DAY, tzinfo=zone).astimezone(UTC)


def day_of(instant: datetime, zone: tzinfo | None = None) -> date:
    """The day `instant` falls on where the laptop is: end_of_day's inverse."""
    return (instant.astimezone() if zone is None else instant.astimezone(zone)).date()


class Refusal(enum.StrEnum):
    """Why a consent cannot be recorded as chosen (a code; the UI says it in words)."""

    NEVER_SHARE = "never_share"  # the recipient is on the case's never-share list
    GUARDIAN_BARRED = "guardian_barred"  # the guardian is on the case's do-not-contact list
    VERBAL_IDENTIFYING = "verbal_identifying"
    MINOR_NEEDS_GUARDIAN = "minor_needs_guardian"
    TOO_LONG = "too_long"  # it ends later than the policy's consent_max_days allow


@dataclass(frozen=True, slots=True)
class CaseLimits:
    """What the case itself says about any consent for it: whether the person may be under
    18, the agencies never to share with, the people who cannot consent for them."""

    minor: bool
    never_share: frozenset[str]
    barred: tuple[str, ...]

    def __repr__(self) -> str:  # the names never reach a log
        return (f"CaseLimits(minor={self.minor}, never_share={len(self.never_share)},"
                f" barred={len(self.barred)})")


def refusals(rules: ConsentRules, limits: CaseLimits, *, recipient_id: str | None,
             guardian: str | None, categories: frozenset[Category], method: Method | None,
             given_by: GivenBy, given_on: date, ends: date | None) -> list[Refusal]:
    """Every rule the choices break, in the order a person would fix them: the one list of
    checks the consent dialog words as choices are made and give_consent enforces."""
    found: list[Refusal] = []
    if recipient_id is not None and recipient_id in limits.never_share:
        found.append(Refusal.NEVER_SHARE)
    if guardian and any(same_person(guardian, name) for name in limits.barred):
        found.append(Refusal.GUARDIAN_BARRED)
    if method is not None:
        withheld = identifying_refusal(categories, method, given_by, rules, minor=limits.minor)
        if withheld is not None:
            found.append(Refusal(withheld.value))
    if ends is not None and ends > given_on + timedelta(days=rules.max_days):
        found.append(Refusal.TOO_LONG)
    return found
