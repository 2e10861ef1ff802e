"""Consent use cases: give and list. Withdrawal is
`services.sharing.withdrawals.withdraw_consent`: it always tells every agency that received data
under the consent, in the same transaction."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime

from intake_app import errors
from intake_app.admin.policy import AgencyPolicy
from intake_app.domain.attachments import FileKind, kind_of
from intake_app.domain.case import Role
from intake_app.domain.consent import (
    Agreement,
    AgreementKind,
    CaseLimits,
    Category,
    Consent,
    ConsentRules,
    GivenBy,
    Method,
    Refusal,
    latest_expiry,
    purpose_words,
    refusals,
)
from intake_app.services import replication_rows
from intake_app.services.profiles import in_force
from intake_app.services.roles import CASE_WORKERS, requires
from intake_app.services.session import Session
from intake_app.storage import attachments, audit, cases, consents
from intake_app.storage.audit import now_iso
from intake_app.storage.database import Cursor

RELATIONS = ("trafficker", "abuser", "other")
MAX_NAME_CHARS = 200
# Adding to either list only ever narrows what leaves, so anyone working the case may; taking a
# name or an agency off widens it again, so only those who speak with the person may (an admin
# provisions laptops, and does not speak for the person).
EVERYONE = (*CASE_WORKERS, Role.ADMIN)


def consent_rules(s: Session) -> ConsentRules:
    """The consent rules of the policy in force (the defaults when none was verified)."""
    return rules_of(in_force(s))


def rules_of(policy: AgencyPolicy) -> ConsentRules:
    return ConsentRules(identifying_requires_written=policy.identifying_requires_written,
                        max_days=policy.consent_max_days,
                        minor_may_consent_alone=policy.minor_may_consent_alone)


class GuardianBarred(errors.IntakeError):
    """The guardian named on a consent is on the case's do-not-contact list."""

    code = "guardian_barred"
    template = "The guardian named is on the do-not-contact list of case {case_id}."
    plain = (
        "That guardian is on this person's list of people not to contact or tell, so they"
        " cannot give consent for the person. Nothing was recorded."
    )


class ConsentTooLong(errors.IntakeError):
    """The end date is later than the agency policy lets a consent run."""

    code = "consent_too_long"
    template = "A consent may run at most {days} days; this one ends later."
    plain = (
        "The end date is later than the agency allows a consent to last (at most {days} days)."
        " Choose an earlier end date. Nothing was recorded."
    )


def give_consent(s: Session, consent: Consent, signature_png: bytes | None = None) -> Consent:
    """Record a consent; it must name at least one category, expire after it is given and no
    later than the policy's consent_max_days after that day, whoever calls (GUI, CLI, import)."""
    if not consent.categories:
        raise errors.InvalidInput(field="consent", reason="choose at least one category")
    if consent.expires_at <= consent.given_at:
        raise errors.InvalidInput(field="expiry date", reason="it must be after today")
    rules = consent_rules(s)
    if consent.expires_at > latest_expiry(consent.given_at, rules):
        raise ConsentTooLong(days=rules.max_days)
    guardian = (consent.guardian or "").strip()
    if consent.given_by is GivenBy.PERSON:
        if guardian:
            raise errors.InvalidInput(field="guardian", reason="only when a guardian consented")
    elif not guardian or len(guardian) > MAX_NAME_CHARS:
        raise errors.InvalidInput(field="guardian", reason="write the guardian's name")
    try:
        words = purpose_words(consent.purpose, consent.purpose_text)
    except ValueError:
        raise errors.InvalidInput(field="purpose", reason="write the other purpose in words,"
                                  " at most 200 characters") from None
    consent = replace(consent, guardian=guardian or None, purpose_text=words)
    with s.db.transaction() as c:
        # The lists as they are in this transaction. No method and no end go in: the end was
        # checked to the second above, and the identifying rules are the share's (a spoken
        # consent may be recorded; it releases nothing identifying), so `minor` plays no part.
        limits = CaseLimits(False, consents.never_share(c, consent.case_id),
                            tuple(name for _, name, _ in consents.do_not_contact(c, consent.case_id)))
        found = refusals(rules, limits, recipient_id=consent.recipient_id, guardian=guardian,
                         categories=consent.categories, method=None, given_by=consent.given_by,
                         given_on=consent.given_at.date(), ends=None)
        if Refusal.NEVER_SHARE in found:
            raise NeverShareConsent(case_id=consent.case_id)
        if Refusal.GUARDIAN_BARRED in found:
            raise GuardianBarred(case_id=consent.case_id)
        consent_id = consents.insert(c, consent, s.user.id)
        if signature_png is not None:
            _keep_signature(c, s, consent, consent_id, signature_png)
        cases.touch(c, consent.case_id, consent.given_at.isoformat())
        replication_rows.record_consent(c, s, consent_id, consent, now_iso())
        audit.append(
            c,
            s.user.id,
            "consent.give",
            "case",
            consent.case_id,
            detail=f"consent:{consent_id}:{consent.purpose.value}:{consent.recipient_id}",
        )
    return replace(consent, id=consent_id)


MAX_SIGNATURE_BYTES = 1024 * 1024


def _keep_signature(c: Cursor, s: Session, consent: Consent, consent_id: int, png: bytes) -> None:
    """A consent signed on screen keeps its signature, encrypted, in the same transaction."""
    if consent.method is not Method.SIGNED:
        raise errors.InvalidInput(field="signature", reason="only for a consent signed on screen")
    if kind_of(png[:16]) is not FileKind.PNG or len(png) > MAX_SIGNATURE_BYTES:
        raise errors.InvalidInput(field="signature", reason="not a signature image")
    digest = hashlib.sha256(png).hexdigest()
    attachment_id = attachments.insert(c, consent.case_id, "signature", FileKind.PNG,
                                       Category.IDENTITY, [png], len(png), now_iso(),
                                       s.user.id, consent_id)
    attachments.set_digest(c, attachment_id, digest, len(png))


@requires(*EVERYONE, action="add to the list of people not to contact")
def add_do_not_contact(s: Session, case_id: int, name: str, relation: str) -> int:
    """Record someone the person does not want contacted or told (a trafficker, an abuser,
    anyone): from now on they cannot consent as the person's guardian, and a consent they gave
    stops counting for them."""
    name = name.strip()
    if not name or len(name) > MAX_NAME_CHARS:
        raise errors.InvalidInput(field="name", reason="write a name")
    if relation not in RELATIONS:
        raise errors.InvalidInput(field="relation", reason="not one of the choices")
    with s.db.transaction() as c:
        entry = consents.add_do_not_contact(c, case_id, name, relation, now_iso(), s.user.id)
        replication_rows.record_row(c, s, case_id, "do_not_contact", entry, {
            "name": name, "relation": relation, "created_at": now_iso()}, now_iso())
        cases.touch(c, case_id, now_iso())
        audit.append(c, s.user.id, "case.do_not_contact.add", "case", case_id,
                     detail=f"entry:{entry}:{relation}")
    return entry


@requires(*CASE_WORKERS, action="take someone off the list of people not to contact")
def remove_do_not_contact(s: Session, case_id: int, entry_id: int) -> None:
    """Take one person off the case's list, when the person says so: from now on they may
    consent as a guardian again (a consent they gave while listed still does not count for
    them until it is given again; nothing is re-sent by itself)."""
    with s.db.transaction() as c:
        if entry_id not in {e[0] for e in consents.do_not_contact(c, case_id)}:
            raise errors.NotFound(kind="do-not-contact entry", id=entry_id)
        replication_rows.record_row(c, s, case_id, "do_not_contact", entry_id, None, now_iso())
        consents.remove_do_not_contact(c, case_id, entry_id)
        cases.touch(c, case_id, now_iso())
        audit.append(c, s.user.id, "case.do_not_contact.remove", "case", case_id,
                     detail=f"entry:{entry_id}")


def case_do_not_contact(s: Session, case_id: int) -> list[tuple[int, str, str]]:
    return consents.do_not_contact(s.db, case_id)


class NeverShareConsent(errors.IntakeError):
    code = "never_share_consent"
    template = "Case {case_id} lists that agency as never to receive anything."
    plain = (
        "The person asked that nothing about them ever goes to that agency, so a consent for it"
        " cannot be recorded. Nothing was recorded."
    )


@requires(*EVERYONE, action="add an agency to the never-share list")
def add_never_share(s: Session, case_id: int, agency_id: str) -> None:
    """Put an agency on the case's never-share list: while on it, no share, referral or consent
    reaches that agency, whatever else holds."""
    _change_never_share(s, case_id, agency_id, True)


@requires(*CASE_WORKERS, action="take an agency off the never-share list")
def remove_never_share(s: Session, case_id: int, agency_id: str) -> None:
    """Take an agency off the list, when the person says so."""
    _change_never_share(s, case_id, agency_id, False)


def _change_never_share(s: Session, case_id: int, agency_id: str, never: bool) -> None:
    agency_id = agency_id.strip()
    if not agency_id or len(agency_id) > MAX_NAME_CHARS:
        raise errors.InvalidInput(field="agency", reason="choose an agency")
    with s.db.transaction() as c:
        if never:
            changed = consents.add_never_share(c, case_id, agency_id, now_iso(), s.user.id)
        else:
            changed = consents.remove_never_share(c, case_id, agency_id)
        if changed:
            cases.touch(c, case_id, now_iso())
            replication_rows.record_never_share(c, s, case_id, agency_id, never, now_iso())
            audit.append(c, s.user.id, "case.never_share." + ("add" if never else "remove"),
                         "case", case_id, detail=f"agency:{agency_id}")


def case_never_share(s: Session, case_id: int) -> frozenset[str]:
    return consents.never_share(s.db, case_id)


def case_consents(s: Session, case_id: int) -> list[Consent]:
    return consents.for_case(s.db, case_id)


def covered_purposes(s: Session, case_id: int, now: datetime | None = None
                     ) -> frozenset[tuple[str, str, str | None]]:
    """(recipient agency id, purpose, its words for another purpose) that some consent of the
    case in force now covers."""
    at = now or datetime.now(UTC)
    return frozenset((c.recipient_id, c.purpose.value, c.purpose_text)
                     for c in consents.for_case(s.db, case_id) if c.is_live(at))


# --- consent to services and to de-identified reporting ----------------------------------------
def record_agreement(s: Session, agreement: Agreement) -> Agreement:
    """Record the person's answer (yes or no) to services or to being counted in de-identified
    reports. A later answer replaces it, so saying no later is a withdrawal, in effect at once."""
    with s.db.transaction() as c:
        new_id = consents.insert_agreement(c, agreement, s.user.id)
        replication_rows.record_row(c, s, agreement.case_id, "agreement", new_id, {
            "kind": agreement.kind.value, "agreed": int(agreement.agreed),
            "method": agreement.method.value, "language": agreement.language,
            "given_at": agreement.given_at.isoformat()}, now_iso())
        cases.touch(c, agreement.case_id, agreement.given_at.isoformat())
        audit.append(c, s.user.id, f"consent.{agreement.kind.value}", "case", agreement.case_id,
                     detail=f"agreement:{new_id}:{'yes' if agreement.agreed else 'no'}")
    return replace(agreement, id=new_id)


def current_agreements(s: Session, case_id: int) -> dict[AgreementKind, Agreement]:
    """The answer that counts now for each kind the person was asked about."""
    return {a.kind: a for a in consents.agreements(s.db, case_id)}


def counted_in_reports(s: Session, case_id: int) -> bool:
    """Whether the person's latest answer lets the case be counted in de-identified reports."""
    latest = current_agreements(s, case_id).get(AgreementKind.REPORTING)
    return latest is not None and latest.agreed
