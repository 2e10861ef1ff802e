"""Sharing with partner agencies: share = case x consent, referrals, withdrawals, inbound.

The rule this module exists for: a field leaves this laptop only when a LIVE consent of that
case covers its category for that recipient agency and purpose. `compute_share` is the one place
that decides it (pure, property-tested); `queue_share` and `send_referral` recompute it inside
their own transaction from what is stored, so nothing a caller passes in (a stale preview, a
withdrawn consent) can widen a share. No live consent: `NoConsent`, and nothing is queued.

Every shared field carries its provenance: "police-origin" when it was recorded in an officer's
interview (or, for case-level fields, when this agency is law enforcement), else
"advocate-origin". Fields with no category (notes, answers to questions no shipped protocol
knows) never leave.

Inbound (`process_inbound`): the envelope is verified against CONFIRMED partners only and the
seen-ids table, then applied and its id recorded as seen in the same transaction. A share or a
referral becomes an inbox item with a new version of a read-only partner view (never merged into
this agency's own case fields); a withdrawal deletes the views received under that consent and
queues an acknowledgement; a referral response updates the referral it answers. Anything refused
is quarantined with a reason code (`QUARANTINE_REASONS`), its raw bytes kept. `process_inbound`
does not raise for a bad envelope. Envelopes refused only because their sender was not a
confirmed partner yet are retried by `reprocess_quarantine` once it is.

Nothing here logs or raises with a field value: ids and reason codes only.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from intake_app import errors
from intake_app.domain.agency import AgencyKind
from intake_app.domain.answers import Value
from intake_app.domain.consent import (
    IDENTIFYING_CATEGORIES,
    Category,
    Consent,
    ConsentRules,
    GivenBy,
    Purpose,
    Withheld,
    may_release,
    same_person,
)
from intake_app.domain.protocol import Protocol, load_shipped
from intake_app.domain.screening import birth_date_minor, screen
from intake_app.services import agency, partners
from intake_app.services.consents import consent_rules
from intake_app.services.session import Session
from intake_app.storage import audit, consents, sharing
from intake_app.storage.audit import now_iso
from intake_app.storage.database import Cursor, Database
from intake_app.storage.sharing import CaseMaterial
from intake_app.sync.envelope import (
    DEFAULT_TTL_SECONDS,
    MAX_ENVELOPE_BYTES,
    EnvelopeRejected,
    Kind,
    Opened,
    Reason,
    open_envelope,
    peek_header,
    seal,
)
from intake_app.sync.keys import AgencyIdentity, PublicCard

PAYLOAD_VERSION = 1
ADVOCATE_ORIGIN = "advocate-origin"
POLICE_ORIGIN = "police-origin"
PROVENANCES = frozenset({ADVOCATE_ORIGIN, POLICE_ORIGIN})
URGENCIES = ("routine", "soon", "urgent")
MAX_SERVICE_CHARS = 80
MAX_NOTE_CHARS = 2000

# Case-level columns and the consent category each belongs to.
CASE_FIELD_CATEGORIES: dict[str, Category] = {
    "preferred_name": Category.IDENTITY,
    "legal_name": Category.IDENTITY,
    "date_of_birth": Category.IDENTITY,
    "contact": Category.CONTACT,
    "immigration": Category.IMMIGRATION,
    "language": Category.NEEDS,
}
IDENTIFYING_CASE_FIELDS = frozenset(
    {"preferred_name", "legal_name", "date_of_birth", "contact", "immigration"}
)
_HEX32 = re.compile(r"^[0-9a-f]{32}$")


# --- errors ----------------------------------------------------------------------------------
class NoConsent(errors.IntakeError):
    """No live consent of this case covers this recipient and purpose: nothing may leave."""

    code = "no_consent"
    template = (
        "No live consent lets case {case_id} be shared with {recipient_id} for {purpose}."
        " Nothing was queued."
    )
    plain = (
        "No consent in force lets this case be shared with that partner for that purpose. Nothing"
        " was sent."
    )


class NeverShare(errors.IntakeError):
    """The case's never-share list names this agency: nothing leaves to it, whatever consent."""

    code = "never_share"
    template = "Case {case_id} must never be shared with {recipient_id}. Nothing was queued."
    plain = (
        "The person asked that nothing about them ever goes to that agency. Nothing was sent."
    )


class NothingToShare(errors.IntakeError):
    code = "nothing_to_share"
    template = "The consents of case {case_id} cover no recorded field for {recipient_id}."
    plain = "The consent covers nothing recorded in this case yet. Nothing was sent."


class NotAReferral(errors.IntakeError):
    code = "not_a_referral"
    template = "Inbox item {id} is not a referral waiting for an answer."
    plain = "That item is not a referral waiting for an answer."


# --- the pure core ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CaseField:
    """One field of a case as a share would carry it. `repr` hides the value."""

    key: str  # "case:<column>" or "answer:<interview id>:<question id>"
    name: str  # column name or question id
    category: Category
    identifying: bool
    provenance: str
    state: str  # "value", "declined", "not_asked", "unknown"
    value: Value | None = field(default=None)
    protocol_id: str | None = None

    def __repr__(self) -> str:
        return f"CaseField(key={self.key}, category={self.category.value}, state={self.state})"

    def to_payload(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "key": self.key,
            "name": self.name,
            "category": self.category.value,
            "identifying": self.identifying,
            "provenance": self.provenance,
            "state": self.state,
            "value": self.value,
        }
        if self.protocol_id is not None:
            out["protocol"] = self.protocol_id
        return out


@dataclass(frozen=True, slots=True)
class ShareSelection:
    fields: tuple[CaseField, ...]
    consent_ids: tuple[int, ...]  # the live consents that cover at least one shared field
    categories: frozenset[Category]  # what the live consents cover for this recipient+purpose
    withheld: int  # fields of the case that stay (ids only are ever shown for these)
    # Each categorised field that stays, and why: (field, reason). No value is ever read here.
    reasons: tuple[tuple[CaseField, Withheld], ...] = ()


def provenance_for_role(role: str, agency_kind: AgencyKind | None) -> str:
    if role == "officer":
        return POLICE_ORIGIN
    if role == "advocate":
        return ADVOCATE_ORIGIN
    return POLICE_ORIGIN if agency_kind is AgencyKind.LAW_ENFORCEMENT else ADVOCATE_ORIGIN


def case_fields(
    material: CaseMaterial,
    protocols: Mapping[str, Protocol],
    agency_kind: AgencyKind | None,
) -> tuple[list[CaseField], int]:
    """Every field of a case that has a category; and how many have none (never shareable)."""
    out: list[CaseField] = []
    uncategorised = 0
    case_provenance = provenance_for_role("", agency_kind)
    for name, category in CASE_FIELD_CATEGORIES.items():
        value = material.fields.get(name)
        if value:
            out.append(
                CaseField(
                    key=f"case:{name}",
                    name=name,
                    category=category,
                    identifying=name in IDENTIFYING_CASE_FIELDS,
                    provenance=case_provenance,
                    state="value",
                    value=value,
                )
            )
    for interview in material.interviews:
        protocol = protocols.get(interview.protocol_id)
        questions = {q.id: q for q in protocol.questions} if protocol is not None else {}
        provenance = provenance_for_role(interview.role, agency_kind)
        for qid, answer in sorted(interview.answers.items()):
            question = questions.get(qid)
            if question is None:  # unknown question: no category, fail closed
                uncategorised += 1
                continue
            out.append(
                CaseField(
                    key=f"answer:{interview.interview_id}:{qid}",
                    name=qid,
                    category=question.category,
                    identifying=question.identifying,
                    provenance=provenance,
                    state=answer.state.value,
                    value=answer.value,
                    protocol_id=interview.protocol_id,
                )
            )
    return out, uncategorised


def compute_share(
    case_id: int,
    fields: Sequence[CaseField],
    case_consents: Sequence[Consent],
    recipient_id: str,
    purpose: Purpose,
    now: datetime,
    *,
    uncategorised: int = 0,
    rules: ConsentRules | None = None,
    minor: bool = False,
    never: frozenset[str] = frozenset(),
) -> ShareSelection:
    """Select the fields a live consent covers; raises NoConsent when none is live.

    A field is kept only if some consent of THIS case is live at `now`, names this recipient
    and this purpose, lists the field's category, and may release a field of its kind under
    the agency's `rules` (an identifying field needs a written or signed consent when the
    policy says so and, when the person may be a `minor`, the guardian's consent as well).
    Every other field stays, with its reason. An agency on the case's `never` list gets nothing:
    `NeverShare`, before any consent is read.
    """
    if recipient_id in never:
        raise NeverShare(case_id=case_id, recipient_id=recipient_id)
    rules = rules or ConsentRules()
    live = [
        c
        for c in case_consents
        if c.case_id == case_id
        and c.recipient_id == recipient_id
        and c.purpose is purpose
        and c.is_live(now)
    ]
    if not live:
        raise NoConsent(case_id=case_id, recipient_id=recipient_id, purpose=purpose.value)
    kept: list[CaseField] = []
    used: set[int] = set()
    reasons: list[tuple[CaseField, Withheld]] = []
    for f in fields:
        naming = [c for c in live if c.covers(recipient_id, purpose, f.category, now)]
        identifying = f.identifying or f.category in IDENTIFYING_CATEGORIES
        refusals = [may_release(c, identifying, rules, minor=minor) for c in naming]
        covering = [c.id for c, no in zip(naming, refusals, strict=True) if no is None]
        if covering:
            kept.append(f)
            used.update(covering)
        else:
            reasons.append((f, next((r for r in refusals if r is not None), Withheld.NOT_COVERED)))
    categories = frozenset(cat for c in live for cat in c.categories)
    return ShareSelection(
        tuple(kept), tuple(sorted(used)), categories, uncategorised + len(reasons), tuple(reasons)
    )


def may_be_minor(material: CaseMaterial, protocols: Mapping[str, Protocol], now: datetime) -> bool:
    """Whether the case's date of birth or any age, age range or birth-date answer makes the
    person possibly under 18 (the interview's mandatory-reporting rule, read the same way)."""
    today = now.date()
    if birth_date_minor(material.fields.get("date_of_birth"), today):
        return True
    pairs = [(protocols[i.protocol_id], i.answers) for i in material.interviews
             if i.protocol_id in protocols]
    return screen(pairs, "", today).possible_minor


def guardians_checked(
    case_consents: Sequence[Consent], barred: Sequence[tuple[int, str, str]]
) -> list[Consent]:
    """The consents as they stand once the case's do-not-contact list is read: a guardian on
    it (recorded after the consent, say) never counts. Together with the person: the person's
    part stands alone; the guardian alone: nothing stands."""
    out: list[Consent] = []
    for c in case_consents:
        if c.guardian is not None and any(same_person(c.guardian, n) for _, n, _ in barred):
            if c.given_by is GivenBy.GUARDIAN:
                continue
            c = replace(c, given_by=GivenBy.PERSON)  # noqa: PLW2901 - the checked consent
        out.append(c)
    return out


@lru_cache(maxsize=1)
def _protocols() -> dict[str, Protocol]:
    return load_shipped()


# --- preview ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SharePreview:
    """Exactly what the recipient would see, computed from live consents only."""

    case_id: int
    recipient_id: str
    recipient_name: str
    purpose: Purpose
    consent_ids: tuple[int, ...]
    categories: frozenset[Category]
    fields: tuple[CaseField, ...]
    withheld: int
    reasons: tuple[tuple[CaseField, Withheld], ...] = ()

    def __repr__(self) -> str:
        return (
            f"SharePreview(case_id={self.case_id}, recipient_id={self.recipient_id},"
            f" fields={len(self.fields)}, withheld={self.withheld})"
        )


def _select(
    c: Cursor,
    s: Session,
    case_id: int,
    recipient_id: str,
    purpose: Purpose,
    now: datetime,
) -> tuple[ShareSelection, PublicCard, AgencyIdentity, CaseMaterial]:
    me = agency.require_identity(s)
    card = partners.confirmed_card(c, recipient_id)
    material = sharing.case_material(c, case_id)
    fields, uncategorised = case_fields(material, _protocols(), me.kind)
    selection = compute_share(
        case_id,
        fields,
        guardians_checked(material.consents, consents.do_not_contact(c, case_id)),
        recipient_id,
        purpose,
        now,
        uncategorised=uncategorised,
        rules=consent_rules(s),
        minor=may_be_minor(material, _protocols(), now),
        never=consents.never_share(c, case_id),
    )
    return selection, card, me, material


def preview_share(
    s: Session, case_id: int, recipient_id: str, purpose: Purpose, now: datetime | None = None
) -> SharePreview:
    """What `queue_share` would send now (raises NoConsent, PartnerNotConfirmed)."""
    when = now or datetime.now(UTC)
    with s.db.transaction() as c:
        selection, card, _, _ = _select(c, s, case_id, recipient_id, Purpose(purpose), when)
        audit.append(
            c,
            s.user.id,
            "share.preview",
            "case",
            case_id,
            detail=f"to:{recipient_id}:fields:{len(selection.fields)}",
        )
    return SharePreview(
        case_id=case_id,
        recipient_id=recipient_id,
        recipient_name=card.name,
        purpose=Purpose(purpose),
        consent_ids=selection.consent_ids,
        categories=selection.categories,
        fields=selection.fields,
        withheld=selection.withheld,
        reasons=selection.reasons,
    )


# --- outbound --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Queued:
    """What was queued: ids only."""

    envelope_id: str
    recipient_id: str
    kind: Kind
    field_count: int
    consent_ids: tuple[int, ...]
    share_ref: str | None = None
    referral_id: int | None = None


def _enqueue(
    c: Cursor,
    me: AgencyIdentity,
    card: PublicCard,
    kind: Kind,
    payload: Mapping[str, Any],
    now: datetime,
) -> str:
    body = seal(me, card, kind, payload, ttl_seconds=DEFAULT_TTL_SECONDS, now=now.timestamp())
    header = peek_header(body)
    sharing.enqueue(
        c, header.envelope_id, card.agency_id, kind.value, header.expires, body, now_iso()
    )
    return header.envelope_id


def _share_payload(
    selection: ShareSelection,
    material_consents: Sequence[Consent],
    share_ref: str,
    purpose: Purpose,
    now: datetime,
) -> dict[str, Any]:
    expiries = {c.id: c.expires_at.isoformat() for c in material_consents}
    return {
        "v": PAYLOAD_VERSION,
        "share_ref": share_ref,
        "purpose": purpose.value,
        "consents": [{"ref": cid, "expires_at": expiries[cid]} for cid in selection.consent_ids],
        "categories": sorted(cat.value for cat in selection.categories),
        "fields": [f.to_payload() for f in selection.fields],
        "sent_at": now.isoformat(),
    }


def queue_share(
    s: Session, case_id: int, recipient_id: str, purpose: Purpose, now: datetime | None = None
) -> Queued:
    """One transaction: recompute the share, seal it, outbox row, share record, audit entry."""
    when = now or datetime.now(UTC)
    purpose = Purpose(purpose)
    with s.db.transaction() as c:
        selection, card, me, material = _select(c, s, case_id, recipient_id, purpose, when)
        if not selection.fields:
            raise NothingToShare(case_id=case_id, recipient_id=recipient_id)
        share_ref = sharing.share_ref_for(c, case_id, recipient_id, os.urandom(16).hex())
        payload = _share_payload(selection, material.consents, share_ref, purpose, when)
        envelope_id = _enqueue(c, me, card, Kind.SHARE, payload, when)
        sharing.record_share(
            c,
            envelope_id,
            case_id,
            recipient_id,
            purpose.value,
            "share",
            share_ref,
            [f.key for f in selection.fields],
            selection.consent_ids,
            s.user.id,
            now_iso(),
        )
        audit.append(
            c,
            s.user.id,
            "share.queue",
            "case",
            case_id,
            detail=(
                f"envelope:{envelope_id}:to:{recipient_id}:purpose:{purpose.value}"
                f":consents:{','.join(map(str, selection.consent_ids))}"
                f":fields:{len(selection.fields)}"
            ),
        )
    return Queued(
        envelope_id,
        recipient_id,
        Kind.SHARE,
        len(selection.fields),
        selection.consent_ids,
        share_ref=share_ref,
    )


def _check_text(value: str, what: str, limit: int, *, required: bool) -> str:
    if not isinstance(value, str):
        raise errors.InvalidInput(field=what, reason="it must be text")
    cleaned = value.strip()
    if required and not cleaned:
        raise errors.InvalidInput(field=what, reason="it cannot be empty")
    if len(cleaned) > limit:
        raise errors.InvalidInput(field=what, reason=f"at most {limit} characters")
    return cleaned


def send_referral(
    s: Session,
    case_id: int,
    recipient_id: str,
    service: str,
    urgency: str,
    note: str = "",
    *,
    purpose: Purpose = Purpose.SERVICES_REFERRAL,
    now: datetime | None = None,
) -> Queued:
    """Refer a case to a partner for a service; the case fields it carries are limited by
    consent exactly like a share (no live consent: NoConsent, nothing queued)."""
    when = now or datetime.now(UTC)
    purpose = Purpose(purpose)
    service = _check_text(service, "service", MAX_SERVICE_CHARS, required=True)
    note = _check_text(note, "note", MAX_NOTE_CHARS, required=False)
    if urgency not in URGENCIES:
        raise errors.InvalidInput(field="urgency", reason=f"one of {', '.join(URGENCIES)}")
    with s.db.transaction() as c:
        selection, card, me, material = _select(c, s, case_id, recipient_id, purpose, when)
        share_ref = sharing.share_ref_for(c, case_id, recipient_id, os.urandom(16).hex())
        referral_ref = os.urandom(16).hex()
        payload = _share_payload(selection, material.consents, share_ref, purpose, when)
        payload["referral"] = {
            "ref": referral_ref,
            "service": service,
            "urgency": urgency,
            "note": note,
        }
        envelope_id = _enqueue(c, me, card, Kind.REFERRAL, payload, when)
        share_id = sharing.record_share(
            c,
            envelope_id,
            case_id,
            recipient_id,
            purpose.value,
            "referral",
            share_ref,
            [f.key for f in selection.fields],
            selection.consent_ids,
            s.user.id,
            now_iso(),
        )
        referral_id = sharing.insert_referral(
            c, referral_ref, share_id, case_id, recipient_id, service, urgency, now_iso()
        )
        audit.append(
            c,
            s.user.id,
            "referral.send",
            "case",
            case_id,
            detail=(
                f"referral:{referral_id}:envelope:{envelope_id}:to:{recipient_id}"
                f":consents:{','.join(map(str, selection.consent_ids))}"
                f":fields:{len(selection.fields)}"
            ),
        )
    return Queued(
        envelope_id,
        recipient_id,
        Kind.REFERRAL,
        len(selection.fields),
        selection.consent_ids,
        share_ref=share_ref,
        referral_id=referral_id,
    )


def respond_referral(
    s: Session, inbox_item_id: int, accept: bool, note: str = "", now: datetime | None = None
) -> Queued:
    """Accept or decline a received referral; the answer goes back to the referring agency."""
    when = now or datetime.now(UTC)
    note = _check_text(note, "note", MAX_NOTE_CHARS, required=False)
    me = agency.require_identity(s)
    with s.db.transaction() as c:
        item = sharing.get_inbox_item(c, inbox_item_id)
        if item.kind != "referral" or item.referral_ref is None or item.status != "new":
            raise NotAReferral(id=inbox_item_id)
        card = partners.confirmed_card(c, item.sender_id)
        status = "accepted" if accept else "declined"
        payload = {
            "v": PAYLOAD_VERSION,
            "referral_ref": item.referral_ref,
            "accepted": bool(accept),
            "note": note,
            "responded_at": when.isoformat(),
        }
        envelope_id = _enqueue(c, me, card, Kind.REFERRAL_RESPONSE, payload, when)
        sharing.set_inbox_status(c, inbox_item_id, status, note or None, now_iso())
        audit.append(
            c,
            s.user.id,
            f"referral.{status}",
            "inbox",
            inbox_item_id,
            detail=f"envelope:{envelope_id}:to:{item.sender_id}",
        )
    return Queued(envelope_id, item.sender_id, Kind.REFERRAL_RESPONSE, 0, ())


def withdraw_consent(
    s: Session, consent_id: int, now: datetime | None = None
) -> list[Queued]:
    """Withdraw a consent and, in the SAME transaction, queue a withdrawal to every agency that
    received data under it. Safe to call again: recipients already notified are skipped.

    The only way to withdraw a consent: one transaction, so a crash cannot leave a withdrawn
    consent whose recipients never hear. Oral withdrawal takes effect at once, like any other.
    """
    when = now or datetime.now(UTC)
    queued: list[Queued] = []
    with s.db.transaction() as c:
        case_id = consents.withdraw(c, consent_id, when)
        c.execute("UPDATE cases SET updated_at = ? WHERE id = ?", (when.isoformat(), case_id))
        audit.append(
            c, s.user.id, "consent.withdraw", "case", case_id, detail=f"consent:{consent_id}"
        )
        recipients = sorted({r for r, _ in sharing.recipients_under_consent(c, consent_id)})
        pending = [r for r in recipients if not sharing.withdrawal_queued(c, consent_id, r)]
        if not pending:
            return queued
        me = agency.require_identity(s)
        for recipient_id in pending:
            row = sharing.get_partner(c, recipient_id)
            if row is None:  # partner removed from the directory: nobody to tell
                continue
            card = PublicCard.from_json(row.card)
            share_refs = sorted(
                {
                    str(r[0])
                    for r in c.all(
                        "SELECT DISTINCT s.share_ref FROM shares_sent s JOIN share_consents sc"
                        " ON sc.share_id = s.id WHERE sc.consent_id = ? AND s.recipient_id = ?",
                        (consent_id, recipient_id),
                    )
                }
            )
            payload = {
                "v": PAYLOAD_VERSION,
                "consent_ref": consent_id,
                "share_refs": share_refs,
                "withdrawn_at": when.isoformat(),
            }
            envelope_id = _enqueue(c, me, card, Kind.CONSENT_WITHDRAWAL, payload, when)
            sharing.insert_withdrawal(c, consent_id, recipient_id, envelope_id, now_iso())
            audit.append(
                c,
                s.user.id,
                "consent.withdrawal.queue",
                "case",
                case_id,
                detail=f"consent:{consent_id}:envelope:{envelope_id}:to:{recipient_id}",
            )
            queued.append(
                Queued(envelope_id, recipient_id, Kind.CONSENT_WITHDRAWAL, 0, (consent_id,))
            )
    return queued


# --- inbound ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class InboundResult:
    """What became of one inbound envelope. `status`: accepted, duplicate or quarantined."""

    status: str
    envelope_id: str | None
    sender_id: str | None
    kind: str | None
    reason: str | None = None
    inbox_item_id: int | None = None

    @property
    def accepted(self) -> bool:
        return self.status == "accepted"


# Why a verified envelope's payload was refused (it is quarantined with one of these).
PAYLOAD_REASONS = frozenset(
    {
        "invalid_payload",
        "unsupported_payload_version",
        "no_consent_reference",
        "unknown_reference",
        "unsupported_kind",
    }
)
# Every reason `process_inbound` quarantines with: an envelope `Reason`, a payload reason, or
# "internal_error" (a bug while applying; rolled back, the type name audited). A transport's
# unreadable input is kept as "transport:<reason>" by `record_receive_problem`.
QUARANTINE_REASONS = frozenset(r.value for r in Reason) | PAYLOAD_REASONS | {"internal_error"}
# Refused only because the sender was not (yet) a confirmed partner: retried by
# `reprocess_quarantine` once it is.
RETRYABLE_REASONS = frozenset({Reason.UNKNOWN_SENDER.value})


class _BadPayload(Exception):
    def __init__(self, reason: str = "invalid_payload") -> None:
        super().__init__(reason)
        self.reason = reason


def _req(obj: Mapping[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    value = obj.get(key)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise _BadPayload()
    return value


def _hex32(obj: Mapping[str, Any], key: str) -> str:
    value = _req(obj, key, str)
    if not _HEX32.match(value):
        raise _BadPayload()
    return str(value)


def _instant(text: object) -> datetime:
    """A signed consent expiry: ISO 8601 with its offset, as a UTC instant."""
    if not isinstance(text, str) or len(text) > 40:
        raise _BadPayload()
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise _BadPayload() from None
    if when.tzinfo is None:
        raise _BadPayload()
    return when.astimezone(UTC)


def _check_share_payload(p: Mapping[str, Any]) -> tuple[str, Purpose, list[int], datetime]:
    if p.get("v") != PAYLOAD_VERSION:
        raise _BadPayload("unsupported_payload_version")
    share_ref = _hex32(p, "share_ref")
    try:
        purpose = Purpose(_req(p, "purpose", str))
    except ValueError:
        raise _BadPayload() from None
    refs: list[int] = []
    expiries: list[datetime] = []
    for entry in _req(p, "consents", list):
        if not isinstance(entry, dict):
            raise _BadPayload()
        ref = entry.get("ref")
        if not isinstance(ref, int) or isinstance(ref, bool):
            raise _BadPayload()
        refs.append(ref)
        expiries.append(_instant(entry.get("expires_at")))
    if not refs:
        raise _BadPayload("no_consent_reference")
    for f in _req(p, "fields", list):
        if not isinstance(f, dict):
            raise _BadPayload()
        if f.get("category") not in {c.value for c in Category}:
            raise _BadPayload()
        if f.get("provenance") not in PROVENANCES:
            raise _BadPayload()
        if not isinstance(f.get("key"), str) or not isinstance(f.get("name"), str):
            raise _BadPayload()
    # The view ends with the first of its consents to end, as a withdrawal of any one ends it.
    return share_ref, purpose, refs, min(expiries)


def _apply(
    c: Cursor, s: Session, me: AgencyIdentity, opened: Opened, at: str, when: float
) -> int | None:
    """Apply one verified envelope inside the caller's transaction; returns an inbox item id."""
    h = opened.header
    p = opened.payload
    if h.kind in (Kind.SHARE, Kind.UPDATE, Kind.REFERRAL):
        share_ref, purpose, refs, expires = _check_share_payload(p)
        referral_ref = service = urgency = None
        kind = "share"
        if h.kind is Kind.REFERRAL:
            ref = p.get("referral")
            if not isinstance(ref, dict):
                raise _BadPayload()
            referral_ref = _hex32(ref, "ref")
            service = _req(ref, "service", str)[:MAX_SERVICE_CHARS]
            urgency = _req(ref, "urgency", str)
            if urgency not in URGENCIES:
                raise _BadPayload()
            _req(ref, "note", str)
            kind = "referral"
        item_id = sharing.insert_inbox_item(
            c, h.envelope_id, h.sender_id, kind, share_ref, referral_ref, service, urgency, at
        )
        if sharing.consent_withdrawn(c, h.sender_id, refs):
            # Its withdrawal arrived first (a folder drop has no order): keep no view.
            sharing.set_inbox_status(c, item_id, "withdrawn", None, at)
            audit.append(
                c,
                s.user.id,
                f"inbound.{kind}.withdrawn",
                "inbox",
                item_id,
                detail=f"envelope:{h.envelope_id}:from:{h.sender_id}",
            )
            return item_id
        if expires <= datetime.fromtimestamp(when, UTC):
            # Its consent ended before it arrived (a late folder drop): keep no view.
            sharing.mark_inbox_expired(c, item_id, at)
            audit.append(c, s.user.id, f"inbound.{kind}.expired", "inbox", item_id,
                         detail=f"envelope:{h.envelope_id}:from:{h.sender_id}")
            return item_id
        view_id, version = sharing.insert_partner_view(
            c,
            item_id,
            h.sender_id,
            share_ref,
            purpose.value,
            json.dumps(p, ensure_ascii=False, separators=(",", ":")),
            refs,
            at,
            expires.isoformat(),
        )
        audit.append(
            c,
            s.user.id,
            f"inbound.{kind}",
            "inbox",
            item_id,
            detail=f"envelope:{h.envelope_id}:from:{h.sender_id}:view:{view_id}:v{version}",
        )
        return item_id
    if h.kind is Kind.CONSENT_WITHDRAWAL:
        if p.get("v") != PAYLOAD_VERSION:
            raise _BadPayload("unsupported_payload_version")
        consent_ref = _req(p, "consent_ref", int)
        sharing.record_withdrawn_consent(c, h.sender_id, consent_ref, h.envelope_id, at)
        removed = sharing.remove_views_under_consent(c, h.sender_id, consent_ref)
        card = partners.confirmed_card(c, h.sender_id)
        ack = {
            "v": PAYLOAD_VERSION,
            "acknowledges": h.envelope_id,
            "consent_ref": consent_ref,
            "removed": removed,
        }
        ack_id = _enqueue(c, me, card, Kind.ACKNOWLEDGEMENT, ack, datetime.fromtimestamp(when, UTC))
        audit.append(
            c,
            s.user.id,
            "inbound.withdrawal",
            "partner",
            h.sender_id,
            detail=f"envelope:{h.envelope_id}:consent_ref:{consent_ref}:removed:{removed}"
            f":ack:{ack_id}",
        )
        return None
    if h.kind is Kind.ACKNOWLEDGEMENT:
        acknowledges = _hex32(p, "acknowledges")
        removed = _req(p, "removed", int)
        consent_id = sharing.acknowledge_withdrawal(c, acknowledges, h.sender_id, removed, at)
        if consent_id is None:
            raise _BadPayload("unknown_reference")
        audit.append(
            c,
            s.user.id,
            "inbound.acknowledgement",
            "partner",
            h.sender_id,
            detail=f"envelope:{h.envelope_id}:withdrawal:{acknowledges}:consent:{consent_id}",
        )
        return None
    if h.kind is Kind.REFERRAL_RESPONSE:
        referral = sharing.referral_by_ref(c, _hex32(p, "referral_ref"), h.sender_id)
        if referral is None:
            raise _BadPayload("unknown_reference")
        accepted = _req(p, "accepted", bool)
        note = _req(p, "note", str)[:MAX_NOTE_CHARS]
        status = "accepted" if accepted else "declined"
        sharing.set_referral_response(c, referral.id, status, note or None, at)
        audit.append(
            c,
            s.user.id,
            f"inbound.referral_{status}",
            "case",
            referral.case_id,
            detail=f"referral:{referral.id}:envelope:{h.envelope_id}:from:{h.sender_id}",
        )
        return None
    raise _BadPayload("unsupported_kind")


def _header_ids(data: bytes) -> tuple[str | None, str | None, str | None]:
    try:
        h = peek_header(data)
    except (EnvelopeRejected, TypeError):
        return None, None, None
    # A version 2 header does not say its kind: that is inside the ciphertext.
    return h.envelope_id, h.sender_id, None if h.kind is None else h.kind.value


def _quarantine(
    c: Cursor,
    s: Session,
    data: bytes,
    digest: bytes,
    reason: str,
    source: str,
    ids: tuple[str | None, str | None, str | None],
    at: str,
) -> InboundResult:
    envelope_id, sender_id, kind = ids
    keep = data if len(data) <= MAX_ENVELOPE_BYTES else None
    if sharing.quarantine(c, envelope_id, sender_id, reason, source, len(data), digest, keep, at):
        audit.append(
            c,
            s.user.id,
            "inbound.quarantine",
            "envelope",
            envelope_id,
            detail=f"reason:{reason}:from:{sender_id}",
        )
    return InboundResult("quarantined", envelope_id, sender_id, kind, reason)


def process_inbound(
    s: Session, envelope_bytes: bytes, now: float | None = None, *, source: str = ""
) -> InboundResult:
    """Verify, then apply or quarantine one inbound envelope. Never raises for a bad envelope.

    The seen-id check and the record of the id happen in the transaction that applies it, so a
    crash cannot lose or double-apply an envelope. The same bytes again are a `duplicate` (a
    transport redelivering after a lost acknowledgement), not a new quarantine entry. An
    unexpected failure while applying rolls the whole envelope back and quarantines it with
    reason `internal_error` (the type name is audited, never a value).
    """
    try:
        return _process_inbound(s, envelope_bytes, now, source)
    except (errors.DiskFull, errors.DatabaseCorrupt, agency.AgencyNotInitialised):
        raise  # the database itself is unusable: the worker reports it
    except Exception as exc:  # noqa: BLE001 - one envelope never stops the worker
        data = bytes(envelope_bytes)
        digest = hashlib.sha256(data).digest()
        with s.db.transaction() as c:
            result = _quarantine(
                c, s, data, digest, "internal_error", source, _header_ids(data), now_iso()
            )
            audit.append(
                c,
                s.user.id,
                "inbound.error",
                "envelope",
                result.envelope_id,
                detail=type(exc).__name__,
            )
        return result


def _process_inbound(
    s: Session, envelope_bytes: bytes, now: float | None, source: str
) -> InboundResult:
    when = time.time() if now is None else float(now)
    data = bytes(envelope_bytes)
    digest = hashlib.sha256(data).digest()
    at = now_iso()
    me = agency.require_identity(s)
    with s.db.transaction() as c:
        known = partners.confirmed_cards(c)
        try:
            opened = open_envelope(
                data, me, known, lambda eid: sharing.seen_hash(c, eid) is not None, when
            )
        except EnvelopeRejected as exc:
            ids = _header_ids(data)
            if (
                exc.reason is Reason.REPLAYED
                and ids[0] is not None
                and sharing.seen_hash(c, ids[0]) == digest
            ):
                return InboundResult("duplicate", ids[0], ids[1], ids[2], Reason.REPLAYED.value)
            return _quarantine(c, s, data, digest, exc.reason.value, source, ids, at)
        h = opened.header
        ids = (h.envelope_id, h.sender_id, opened.kind.value)
        c.execute("SAVEPOINT apply_envelope")
        try:
            item_id = _apply(c, s, me, opened, at, when)
        except _BadPayload as bad:
            c.execute("ROLLBACK TO apply_envelope")
            c.execute("RELEASE apply_envelope")
            sharing.mark_seen(c, h.envelope_id, digest, h.expires, at)
            return _quarantine(c, s, data, digest, bad.reason, source, ids, at)
        c.execute("RELEASE apply_envelope")
        sharing.mark_seen(c, h.envelope_id, digest, h.expires, at)
    return InboundResult("accepted", h.envelope_id, h.sender_id, opened.kind.value, None, item_id)


@dataclass(slots=True)
class ReprocessReport:
    """What `reprocess_quarantine` did: counts only."""

    retried: int = 0
    accepted: int = 0  # applied now (or found already applied: a duplicate)
    requarantined: int = 0  # refused again for another reason (e.g. expired meanwhile)
    still_waiting: int = 0  # the sender is still not a confirmed partner


def reprocess_quarantine(s: Session, now: float | None = None) -> ReprocessReport:
    """Retry envelopes quarantined only because their sender was not a confirmed partner.

    Call it after confirming a partner (or importing one). Each kept envelope (the quarantine
    keeps the raw bytes up to the envelope size limit) goes through `process_inbound` again,
    with every check, at `now`. Accepted (or already applied): its quarantine row is removed.
    Refused for another reason now (expired meanwhile, bad signature under the confirmed card):
    the old row is removed, the new one holds the new reason. Still an unknown sender: the row
    stays. Safe to repeat; a crash between applying and removing the row leaves a row that the
    next run finds to be a duplicate and removes.
    """
    report = ReprocessReport()
    for quarantine_id, source, body in sharing.quarantined_bodies(s.db, sorted(RETRYABLE_REASONS)):
        result = process_inbound(s, body, now, source=source)
        report.retried += 1
        if result.status == "quarantined" and result.reason in RETRYABLE_REASONS:
            report.still_waiting += 1
            continue
        with s.db.transaction() as c:
            sharing.delete_quarantined(c, quarantine_id)
            audit.append(
                c,
                s.user.id,
                "inbound.quarantine.retry",
                "envelope",
                result.envelope_id,
                detail=f"quarantine:{quarantine_id}:{result.status}:{result.reason or ''}",
            )
        if result.status == "quarantined":
            report.requarantined += 1
        else:
            report.accepted += 1
    return report


def record_receive_problem(s: Session, source: str, reason: str, data: bytes = b"") -> None:
    """A transport could not read something as an envelope: keep a quarantine row for it."""
    digest = hashlib.sha256(source.encode() + b"\0" + data).digest()
    with s.db.transaction() as c:
        _quarantine(
            c, s, data, digest, f"transport:{reason}", source, (None, None, None), now_iso()
        )


# --- reading what arrived --------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PartnerView:
    """A partner's read-only, versioned view of a case, as it arrived."""

    id: int
    inbox_item_id: int
    sender_id: str
    share_ref: str
    version: int
    purpose: str
    fields: tuple[dict[str, Any], ...]
    referral: dict[str, Any] | None
    received_at: str

    def __repr__(self) -> str:
        return f"PartnerView(id={self.id}, sender_id={self.sender_id}, version={self.version})"


def _view(row: sharing.PartnerViewRow) -> PartnerView:
    payload = json.loads(row.payload_json)
    referral = payload.get("referral")
    return PartnerView(
        id=row.id,
        inbox_item_id=row.inbox_item_id,
        sender_id=row.sender_id,
        share_ref=row.share_ref,
        version=row.version,
        purpose=row.purpose,
        fields=tuple(payload.get("fields", [])),
        referral=referral if isinstance(referral, dict) else None,
        received_at=row.received_at,
    )


def expire_partner_views(s: Session, now: datetime | None = None) -> int:
    """Delete every partner view whose consent has expired (the expiry came signed in the
    share), as a withdrawal would; each removal is audited. Run at every sync round and before
    any view is listed or opened, so an expired view is never shown. Returns how many went."""
    at = (now or datetime.now(UTC)).astimezone(UTC).isoformat()
    with s.db.transaction() as c:
        removed = sharing.remove_expired_views(c, at)
        for item_id, sender_id in removed:
            audit.append(c, s.user.id, "inbound.expired", "inbox", item_id,
                         detail=f"from:{sender_id}")
    return len(removed)


def partner_views(s: Session, now: datetime | None = None) -> list[PartnerView]:
    expire_partner_views(s, now)
    return [_view(r) for r in sharing.partner_views(s.db)]


def open_partner_view(
    s: Session, inbox_item_id: int, now: datetime | None = None
) -> PartnerView | None:
    """The view attached to an inbox item (None once withdrawn or expired); audited."""
    expire_partner_views(s, now)
    row = sharing.view_for_item(s.db, inbox_item_id)
    with s.db.transaction() as c:
        audit.append(c, s.user.id, "inbox.view", "inbox", inbox_item_id)
    return None if row is None else _view(row)


def inbox(s: Session) -> list[sharing.InboxRow]:
    return sharing.inbox_items(s.db)


def quarantine_list(s: Session) -> list[sharing.QuarantineRow]:
    return sharing.quarantined(s.db)


def outbox(s: Session) -> list[sharing.OutboxRow]:
    return sharing.outbox_all(s.db)


def pending_count(s: Session) -> int:
    return sharing.count_pending(s.db)


def case_referrals(s: Session, case_id: int) -> list[sharing.ReferralRow]:
    return sharing.referrals_for_case(s.db, case_id)


def case_shares(s: Session, case_id: int) -> list[sharing.ShareRow]:
    return sharing.shares_for_case(s.db, case_id)


def consent_withdrawals(s: Session, consent_id: int) -> list[sharing.WithdrawalRow]:
    return sharing.withdrawals_for_consent(s.db, consent_id)


# --- the engine's view of a session ----------------------------------------------------------
class SessionMailbox:
    """The sync engine's `Mailbox` over one session (one thread, one connection)."""

    def __init__(self, s: Session, *, owns_session: bool = False) -> None:
        self.session = s
        self._owns = owns_session
        self.agency_id = agency.require_identity(s).agency_id

    def pending(self, limit: int = 500) -> list[sharing.OutboxRow]:
        return sharing.pending(self.session.db, limit)

    def pending_count(self) -> int:
        return sharing.count_pending(self.session.db)

    def mark_delivered(self, envelope_ids: Sequence[str]) -> None:
        if envelope_ids:
            with self.session.db.transaction() as c:
                sharing.mark_delivered(c, envelope_ids, now_iso())

    def mark_attempt(self, envelope_id: str, reason: str, *, failed: bool) -> None:
        with self.session.db.transaction() as c:
            sharing.mark_attempt(c, envelope_id, reason, failed=failed)
            if failed:
                audit.append(
                    c,
                    self.session.user.id,
                    "outbox.failed",
                    "envelope",
                    envelope_id,
                    detail=f"reason:{reason}",
                )

    def process(self, body: bytes, source: str, now: float | None = None) -> InboundResult:
        return process_inbound(self.session, body, now, source=source)

    def record_problem(self, source: str, reason: str) -> None:
        record_receive_problem(self.session, source, reason)

    def expire_views(self, now: float) -> int:
        return expire_partner_views(self.session, datetime.fromtimestamp(now, UTC))

    def forget_seen_before(self, cutoff: int) -> int:
        with self.session.db.transaction() as c:
            return sharing.forget_seen_before(c, cutoff)

    def close(self) -> None:
        if self._owns:
            self.session.close()


def open_worker_session(s: Session) -> Session:
    """A second session over the same unlocked data folder with its OWN connection.

    Call it in the thread that will use it (SQLCipher connections belong to their thread).
    """
    db = Database.open(s.workspace.db_path, [s.data_key])
    return Session(s.workspace, db, s.vault, s.user, s.data_key)


def worker_mailbox_factory(s: Session) -> Any:
    """A zero-argument callable for `SyncWorker`: opens a fresh connection in the worker thread."""

    def open_mailbox() -> SessionMailbox:
        return SessionMailbox(open_worker_session(s), owns_session=True)

    return open_mailbox
