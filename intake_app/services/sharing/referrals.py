"""Referrals: refer a case to a partner for a service, and answer a referral that arrived.

A referral carries case fields limited by consent exactly like a share; the answer (accepted or
declined, with a note) goes back to the referring agency.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from intake_app import errors
from intake_app.domain.consent import Purpose
from intake_app.services import agency, partners
from intake_app.services.roles import CASE_WORKERS, requires
from intake_app.services.session import Session
from intake_app.services.sharing.outbound import (
    Queued,
    enqueue,
    queue_attachments,
    select_share,
    share_payload,
    share_purpose,
)
from intake_app.services.sharing.share import PAYLOAD_VERSION
from intake_app.storage import audit, consents
from intake_app.storage.audit import now_iso
from intake_app.storage.sharing import inbox, sent
from intake_app.sync.envelope import Kind

URGENCIES = ("routine", "soon", "urgent")
MAX_SERVICE_CHARS = 80
MAX_NOTE_CHARS = 2000


class NotAReferral(errors.IntakeError):
    code = "not_a_referral"
    template = "Inbox item {id} is not a referral waiting for an answer."
    plain = "That item is not a referral waiting for an answer."


def _check_text(value: str, what: str, limit: int, *, required: bool) -> str:
    if not isinstance(value, str):
        raise errors.InvalidInput(field=what, reason="it must be text")
    cleaned = value.strip()
    if required and not cleaned:
        raise errors.InvalidInput(field=what, reason="it cannot be empty")
    if len(cleaned) > limit:
        raise errors.InvalidInput(field=what, reason=f"at most {limit} characters")
    return cleaned


@requires(*CASE_WORKERS, action="refer a case to a partner agency")
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
    purpose_text: str | None = None,
) -> Queued:
    """Refer a case to a partner for a service; the case fields it carries are limited by
    consent exactly like a share (no live consent: NoConsent, nothing queued)."""
    when = now or datetime.now(UTC)
    purpose, purpose_text = share_purpose(purpose, purpose_text)
    service = _check_text(service, "service", MAX_SERVICE_CHARS, required=True)
    note = _check_text(note, "note", MAX_NOTE_CHARS, required=False)
    if urgency not in URGENCIES:
        raise errors.InvalidInput(field="urgency", reason=f"one of {', '.join(URGENCIES)}")
    with s.db.transaction() as c:
        selection, card, me, material = select_share(c, s, case_id, recipient_id, purpose, when,
                                                     purpose_text)
        share_ref = sent.share_ref_for(c, case_id, recipient_id, os.urandom(16).hex())
        referral_ref = os.urandom(16).hex()
        payload = share_payload(selection, material.consents, share_ref, purpose, when,
                                consents.refs_of(c, selection.consent_ids), purpose_text)
        payload["referral"] = {
            "ref": referral_ref,
            "service": service,
            "urgency": urgency,
            "note": note,
        }
        envelope_id = enqueue(c, me, card, Kind.REFERRAL, payload, when)
        files = queue_attachments(c, s, me, card, material, selection, share_ref, purpose, when,
                                  purpose_text)
        share_id = sent.record_share(
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
            files,
        )
        referral_id = sent.insert_referral(
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
                f":fields:{len(selection.fields)}:attachments:{','.join(str(f.id) for f in files)}"
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


@requires(*CASE_WORKERS, action="answer a referral")
def respond_referral(
    s: Session, inbox_item_id: int, accept: bool, note: str = "", now: datetime | None = None
) -> Queued:
    """Accept or decline a received referral; the answer goes back to the referring agency."""
    when = now or datetime.now(UTC)
    note = _check_text(note, "note", MAX_NOTE_CHARS, required=False)
    me = agency.require_identity(s)
    with s.db.transaction() as c:
        item = inbox.get_inbox_item(c, inbox_item_id)
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
        envelope_id = enqueue(c, me, card, Kind.REFERRAL_RESPONSE, payload, when)
        inbox.set_inbox_status(c, inbox_item_id, status, note or None, now_iso())
        audit.append(
            c,
            s.user.id,
            f"referral.{status}",
            "inbox",
            inbox_item_id,
            detail=f"envelope:{envelope_id}:to:{item.sender_id}",
        )
    return Queued(envelope_id, item.sender_id, Kind.REFERRAL_RESPONSE, 0, ())
