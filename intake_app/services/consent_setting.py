"""What the consent dialog needs to know before anything is recorded, read once when it opens:
the policy's consent rules and lengths, whether the person may be under 18, and the case's two
lists. The dialog words a refusal from these; `give_consent` and the share rule enforce them
again whatever the dialog did."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from intake_app.admin.profile import effective_policy
from intake_app.domain.consent import ConsentRules
from intake_app.services.consents import consent_rules
from intake_app.services.session import Session
from intake_app.services.sharing.outbound import shipped_protocols
from intake_app.services.sharing.share import may_be_minor
from intake_app.storage import consents
from intake_app.storage.sharing.material import case_material


@dataclass(frozen=True, slots=True)
class ConsentSetting:
    rules: ConsentRules
    default_days: int  # the policy's consent_default_days, never more than rules.max_days
    minor: bool  # the date of birth, an age or an age range says the person may be under 18
    never_share: frozenset[str]  # agency ids the person never wants anything sent to
    barred: tuple[str, ...]  # names on the case's do-not-contact list (they cannot consent)

    def __repr__(self) -> str:  # the names never reach a log
        return (f"ConsentSetting(max_days={self.rules.max_days}, minor={self.minor},"
                f" never_share={len(self.never_share)}, barred={len(self.barred)})")


def consent_setting(s: Session, case_id: int, now: datetime | None = None) -> ConsentSetting:
    rules = consent_rules(s)
    default_days = min(effective_policy(s.workspace.data_dir).consent_default_days, rules.max_days)
    with s.db.transaction() as c:
        material = case_material(c, case_id)
        minor = may_be_minor(material, shipped_protocols(), now or datetime.now(UTC))
        never = consents.never_share(c, case_id)
        barred = tuple(name for _, name, _ in consents.do_not_contact(c, case_id))
    return ConsentSetting(rules, default_days, minor, never, barred)
