"""Consent use cases: give and list. Withdrawal is `services.sharing.withdraw_consent`: it
always tells every agency that received data under the consent, in the same transaction."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from intake_app import errors
from intake_app.admin.profile import effective_policy
from intake_app.domain.consent import Consent, ConsentRules, latest_expiry
from intake_app.services.session import Session
from intake_app.storage import audit, cases, consents


def consent_rules(s: Session) -> ConsentRules:
    """The installed policy's consent rules (the defaults when no profile is installed)."""
    policy = effective_policy(s.workspace.data_dir)
    return ConsentRules(identifying_requires_written=policy.identifying_requires_written,
                        max_days=policy.consent_max_days)


class ConsentTooLong(errors.IntakeError):
    """The end date is later than the agency policy lets a consent run."""

    code = "consent_too_long"
    template = "A consent may run at most {days} days; this one ends later."
    plain = (
        "The end date is later than the agency allows a consent to last (at most one year)."
        " Choose an earlier end date. Nothing was recorded."
    )


def give_consent(s: Session, consent: Consent) -> Consent:
    """Record a consent; it must name at least one category, expire after it is given and no
    later than the policy's consent_max_days after that day, whoever calls (GUI, CLI, import)."""
    if not consent.categories:
        raise errors.InvalidInput(field="consent", reason="choose at least one category")
    if consent.expires_at <= consent.given_at:
        raise errors.InvalidInput(field="expiry date", reason="it must be after today")
    rules = consent_rules(s)
    if consent.expires_at > latest_expiry(consent.given_at, rules):
        raise ConsentTooLong(days=rules.max_days)
    with s.db.transaction() as c:
        consent_id = consents.insert(c, consent, s.user.id)
        cases.touch(c, consent.case_id, consent.given_at.isoformat())
        audit.append(
            c,
            s.user.id,
            "consent.give",
            "case",
            consent.case_id,
            detail=f"consent:{consent_id}:{consent.purpose.value}:{consent.recipient_id}",
        )
    return replace(consent, id=consent_id)


def case_consents(s: Session, case_id: int) -> list[Consent]:
    return consents.for_case(s.db, case_id)


def covered_purposes(s: Session, case_id: int, now: datetime | None = None
                     ) -> frozenset[tuple[str, str]]:
    """(recipient agency id, purpose) pairs some consent of the case in force now covers."""
    at = now or datetime.now(UTC)
    return frozenset((c.recipient_id, c.purpose.value)
                     for c in consents.for_case(s.db, case_id) if c.is_live(at))
