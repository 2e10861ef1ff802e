"""Consent: per purpose, per recipient agency, per category of field, time-limited, withdrawable."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

DEFAULT_EXPIRY = timedelta(days=90)


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


class Method(enum.StrEnum):
    VERBAL = "verbal"
    WRITTEN = "written"
    SIGNED = "signed"


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

    def is_live(self, now: datetime) -> bool:
        return self.withdrawn_at is None and self.given_at <= now < self.expires_at

    def covers(
        self, recipient_id: str, purpose: Purpose, category: Category, now: datetime
    ) -> bool:
        return (
            self.is_live(now)
            and self.recipient_id == recipient_id
            and self.purpose is purpose
            and category in self.categories
        )


def covered_categories(
    consents: list[Consent], recipient_id: str, purpose: Purpose, now: datetime
) -> frozenset[Category]:
    """Every category some live consent covers for this recipient and purpose."""
    return frozenset(
        cat
        for c in consents
        if c.is_live(now) and c.recipient_id == recipient_id and c.purpose is purpose
        for cat in c.categories
    )
