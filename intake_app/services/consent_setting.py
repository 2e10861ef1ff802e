"""What the consent dialog needs to know before anything is recorded, read once when it opens:
the policy's consent rules and lengths, and what the case says (a possible minor, its two
lists). The dialog words `refusals` as choices are made; `give_consent` and the share rule
enforce the same rules again whatever the dialog did."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from intake_app.domain.consent import (
    CaseLimits,
    Category,
    ConsentRules,
    GivenBy,
    Method,
    Refusal,
    refusals,
)
from intake_app.services import protocols
from intake_app.services.consents import rules_of
from intake_app.services.profiles import in_force
from intake_app.services.session import Session
from intake_app.services.sharing.share import may_be_minor
from intake_app.storage import consents
from intake_app.storage.database import Cursor
from intake_app.storage.sharing.material import case_material


@dataclass(frozen=True, slots=True)
class ConsentSetting:
    rules: ConsentRules
    default_days: int  # the policy's consent_default_days, never more than rules.max_days
    limits: CaseLimits

    @classmethod
    def default(cls, days: int) -> ConsentSetting:
        """The default rules and no case limits, with `days` as the default length."""
        rules = ConsentRules()
        return cls(rules, max(1, min(days, rules.max_days)), CaseLimits(False, frozenset(), ()))

    def refusals(self, *, recipient_id: str | None, guardian: str | None,
                 categories: frozenset[Category], method: Method | None, given_by: GivenBy,
                 today: date, ends: date | None) -> list[Refusal]:
        """The rules the dialog's choices break, as they stand."""
        return refusals(self.rules, self.limits, recipient_id=recipient_id, guardian=guardian,
                        categories=categories, method=method, given_by=given_by,
                        given_on=today, ends=ends)


def consent_setting(s: Session, case_id: int, now: datetime | None = None) -> ConsentSetting:
    policy = in_force(s)  # read and verified once
    rules = rules_of(policy)
    registry = protocols.installed(s)
    with s.db.transaction() as c:
        limits = case_limits(c, registry, case_id, now or datetime.now(UTC))
    return ConsentSetting(rules, min(policy.consent_default_days, rules.max_days), limits)


def case_limits(c: Cursor, registry: protocols.Registry, case_id: int, now: datetime
                ) -> CaseLimits:
    material = case_material(c, case_id)
    return CaseLimits(
        minor=may_be_minor(material, registry, now),
        never_share=consents.never_share(c, case_id),
        barred=tuple(name for _, name, _ in consents.do_not_contact(c, case_id)),
    )
