"""What one verified envelope does to this agency's database, by kind.

A share or a referral becomes an inbox item with a new version of a read-only partner view
(never merged into this agency's own case fields); a withdrawal deletes the views received under
that consent and queues an acknowledgement; an acknowledgement closes the withdrawal it answers;
a referral response updates the referral it answers. A payload that is not what its kind needs
raises `BadPayload` with one of `PAYLOAD_REASONS` (the caller rolls back and quarantines).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from intake_app.domain.consent import Category, Purpose, purpose_words
from intake_app.services import partners
from intake_app.services.session import Session
from intake_app.services.sharing.outbound import enqueue
from intake_app.services.sharing.referrals import MAX_NOTE_CHARS, MAX_SERVICE_CHARS, URGENCIES
from intake_app.services.sharing.share import MAX_ALSO_REFS, PAYLOAD_VERSION, PROVENANCES
from intake_app.storage import audit
from intake_app.storage.database import Cursor
from intake_app.storage.sharing import inbox, outbox, sent
from intake_app.sync.envelope import Header, Kind, Opened
from intake_app.sync.keys import AgencyIdentity

_HEX32 = re.compile(r"^[0-9a-f]{32}$")

# Why a verified envelope's payload was refused (it is quarantined with one of these).
PAYLOAD_REASONS = frozenset(
    {
        "invalid_payload",
        "unsupported_payload_version",
        "no_consent_reference",
        "unknown_reference",
        "unsupported_kind",
        # A rotation notice or a partner's new card that does not check out (agency_rotation).
        "not_for_this_laptop",
        "card_not_proven",
        # A piece of a file that disagrees with the others, or a whole that is not what was
        # signed (services/sharing/attachments_in.py).
        "attachment_inconsistent",
        "attachment_mismatch",
        # A partner's report aggregate that is not what this app sends, or that hides fewer
        # counts than this agency's rule (services/aggregates.py).
        "aggregate_invalid",
        "aggregate_threshold_lower",
    }
)


class BadPayload(Exception):
    """The envelope is quarantined with `reason`; `undo`, when given, runs after its changes are
    rolled back, in the quarantine's transaction (what an earlier envelope left that this one
    proved useless)."""

    def __init__(self, reason: str = "invalid_payload",
                 undo: Callable[[Cursor], None] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.undo = undo


def _req(obj: Mapping[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    value = obj.get(key)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise BadPayload()
    return value


def _hex32(obj: Mapping[str, Any], key: str) -> str:
    value = _req(obj, key, str)
    if not _HEX32.match(value):
        raise BadPayload()
    return str(value)


def _instant(text: object) -> datetime:
    """A signed consent expiry: ISO 8601 with its offset, as a UTC instant."""
    if not isinstance(text, str) or len(text) > 40:
        raise BadPayload()
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise BadPayload() from None
    if when.tzinfo is None:
        raise BadPayload()
    return when.astimezone(UTC)


def _purpose_of(p: Mapping[str, Any]) -> Purpose:
    """The share's purpose; another purpose comes with its words (the view keeps them)."""
    try:
        purpose = Purpose(_req(p, "purpose", str))
        words = p.get("purpose_text")
        if words is not None and not isinstance(words, str):
            raise BadPayload()
        if purpose_words(purpose, words) != words:
            raise BadPayload()
    except ValueError:
        raise BadPayload() from None
    return purpose


def _check_share_payload(p: Mapping[str, Any]) -> tuple[str, Purpose, list[int], datetime]:
    if p.get("v") != PAYLOAD_VERSION:
        raise BadPayload("unsupported_payload_version")
    share_ref = _hex32(p, "share_ref")
    purpose = _purpose_of(p)
    refs: list[int] = []
    expiries: list[datetime] = []
    for entry in _req(p, "consents", list):
        if not isinstance(entry, dict):
            raise BadPayload()
        ref = entry.get("ref")
        if not isinstance(ref, int) or isinstance(ref, bool):
            raise BadPayload()
        refs.append(ref)
        expiries.append(_instant(entry.get("expires_at")))
    if not refs:
        raise BadPayload("no_consent_reference")
    for f in _req(p, "fields", list):
        if not isinstance(f, dict):
            raise BadPayload()
        if f.get("category") not in {c.value for c in Category}:
            raise BadPayload()
        if f.get("provenance") not in PROVENANCES:
            raise BadPayload()
        if not isinstance(f.get("key"), str) or not isinstance(f.get("name"), str):
            raise BadPayload()
    # The view ends with the first of its consents to end, as a withdrawal of any one ends it.
    return share_ref, purpose, refs, min(expiries)


def _apply_key_notice(c: Cursor, s: Session, me: AgencyIdentity, opened: Opened, at: str) -> None:
    """Key notices: a rotation comes only from this agency, a card update only from a partner;
    nothing else is taken from this agency's own name (its old sender key may be a thief's)."""
    # Imported here: agency_rotation queues envelopes through this package.
    from intake_app.services import agency_rotation

    own = opened.header.sender_id == me.agency_id
    try:
        if opened.kind is Kind.KEY_ROTATION and own:
            agency_rotation.apply_key_rotation(c, s, me, opened, at)
        elif opened.kind is Kind.CARD_UPDATE and not own:
            agency_rotation.apply_card_update(c, s, opened, at)
        else:
            raise BadPayload("unsupported_kind")
    except agency_rotation.RotationRefused as refused:
        raise BadPayload(refused.reason) from None


def apply_opened(
    c: Cursor, s: Session, me: AgencyIdentity, opened: Opened, at: str, when: float
) -> int | None:
    """`apply_envelope`, or for a key notice (or anything in this agency's own name) the key
    notice's rules."""
    h = opened.header
    if opened.kind is Kind.REPLICATION:
        if h.sender_id != me.agency_id:  # a partner never writes into our own cases
            raise BadPayload("unsupported_kind")
        from intake_app.services import replication  # it queues envelopes through this package

        try:
            replication.apply_in(c, s, replication.parse_batch(opened.payload), at,
                                 replication.batch_replica(opened.payload))
        except replication.BadOps:
            raise BadPayload() from None
        return None
    if h.kind in (Kind.KEY_ROTATION, Kind.CARD_UPDATE) or h.sender_id == me.agency_id:
        _apply_key_notice(c, s, me, opened, at)
        return None
    return apply_envelope(c, s, me, opened, at, when)


def apply_envelope(
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
                raise BadPayload()
            referral_ref = _hex32(ref, "ref")
            service = _req(ref, "service", str)[:MAX_SERVICE_CHARS]
            urgency = _req(ref, "urgency", str)
            if urgency not in URGENCIES:
                raise BadPayload()
            _req(ref, "note", str)
            kind = "referral"
        item_id = inbox.insert_inbox_item(
            c, h.envelope_id, h.sender_id, kind, share_ref, referral_ref, service, urgency, at
        )
        if inbox.consent_withdrawn(c, h.sender_id, refs):
            # Its withdrawal arrived first (a folder drop has no order): keep no view.
            inbox.set_inbox_status(c, item_id, "withdrawn", None, at)
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
            inbox.mark_inbox_expired(c, item_id, at)
            audit.append(c, s.user.id, f"inbound.{kind}.expired", "inbox", item_id,
                         detail=f"envelope:{h.envelope_id}:from:{h.sender_id}")
            return item_id
        view_id, version = inbox.insert_partner_view(
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
        _apply_withdrawal(c, s, me, h, p, at, when)
        return None
    if h.kind is Kind.ACKNOWLEDGEMENT:
        _apply_acknowledgement(c, s, h.sender_id, h.envelope_id, p, at)
        return None
    if h.kind is Kind.REFERRAL_RESPONSE:
        referral = sent.referral_by_ref(c, _hex32(p, "referral_ref"), h.sender_id)
        if referral is None:
            raise BadPayload("unknown_reference")
        accepted = _req(p, "accepted", bool)
        note = _req(p, "note", str)[:MAX_NOTE_CHARS]
        status = "accepted" if accepted else "declined"
        sent.set_referral_response(c, referral.id, status, note or None, at)
        audit.append(
            c,
            s.user.id,
            f"inbound.referral_{status}",
            "case",
            referral.case_id,
            detail=f"referral:{referral.id}:envelope:{h.envelope_id}:from:{h.sender_id}",
        )
        return None
    if h.kind in (Kind.ATTACHMENT, Kind.DELIVERY_NOTICE, Kind.EXPIRY_NOTICE, Kind.AGGREGATE_REPORT):
        _apply_piece_or_notice(c, s, h, p, at, when)
        return None
    raise BadPayload("unsupported_kind")


def _apply_piece_or_notice(
    c: Cursor, s: Session, h: Header, p: Mapping[str, Any], at: str, when: float
) -> None:
    """A file's piece, a partner's word about envelopes of ours, or its report counts: nothing
    to show back in the inbox."""
    # Imported here: they read views back through modules that import this one.
    if h.kind is Kind.ATTACHMENT:
        from intake_app.services.sharing.attachments_in import apply_piece

        apply_piece(c, s, h, p, at, when)
    elif h.kind is Kind.EXPIRY_NOTICE:
        from intake_app.services.sharing.expiry_notices import apply_expiry_notice

        apply_expiry_notice(c, s, h.sender_id, h.envelope_id, p, at)
    elif h.kind is Kind.AGGREGATE_REPORT:
        from intake_app.services.aggregates import apply_aggregate

        apply_aggregate(c, s, h, p, at)
    else:
        _apply_delivery_notice(c, s, h.sender_id, h.envelope_id, p)



def _apply_withdrawal(
    c: Cursor, s: Session, me: AgencyIdentity, h: Header, p: Mapping[str, Any], at: str,
    when: float,
) -> None:
    """A partner withdrew a consent: every view it sent under it goes, and it is told so."""
    if p.get("v") != PAYLOAD_VERSION:
        raise BadPayload("unsupported_payload_version")
    consent_ref = _req(p, "consent_ref", int)
    also = p.get("also_refs", [])  # absent from laptops before replication
    if (not isinstance(also, list) or len(also) > MAX_ALSO_REFS
            or not all(isinstance(r, int) and not isinstance(r, bool) for r in also)):
        raise BadPayload()
    removed = 0
    for ref in (consent_ref, *also):
        inbox.record_withdrawn_consent(c, h.sender_id, ref, h.envelope_id, at)
        removed += inbox.remove_views_under_consent(c, h.sender_id, ref)
    card = partners.confirmed_card(c, h.sender_id)
    ack = {
        "v": PAYLOAD_VERSION,
        "acknowledges": h.envelope_id,
        "consent_ref": consent_ref,
        "removed": removed,
    }
    ack_id = enqueue(c, me, card, Kind.ACKNOWLEDGEMENT, ack, datetime.fromtimestamp(when, UTC))
    audit.append(
        c,
        s.user.id,
        "inbound.withdrawal",
        "partner",
        h.sender_id,
        detail=f"envelope:{h.envelope_id}:consent_ref:{consent_ref}:removed:{removed}"
        f":ack:{ack_id}",
    )


def _apply_acknowledgement(
    c: Cursor, s: Session, sender_id: str, envelope_id: str, p: Mapping[str, Any], at: str
) -> None:
    """The partner removed what a withdrawal asked: close that withdrawal."""
    acknowledges = _hex32(p, "acknowledges")
    removed = _req(p, "removed", int)
    consent_id = sent.acknowledge_withdrawal(c, acknowledges, sender_id, removed, at)
    if consent_id is None:
        raise BadPayload("unknown_reference")
    audit.append(
        c,
        s.user.id,
        "inbound.acknowledgement",
        "partner",
        sender_id,
        detail=f"envelope:{envelope_id}:withdrawal:{acknowledges}:consent:{consent_id}",
    )


_MAX_AHEAD_SECONDS = 10 * 366 * 86400


def _apply_delivery_notice(
    c: Cursor, s: Session, sender_id: str, envelope_id: str, p: Mapping[str, Any]
) -> None:
    """A partner holds back (or has now taken) one of our envelopes dated in its future."""
    if p.get("v") != PAYLOAD_VERSION:
        raise BadPayload("unsupported_payload_version")
    about = _hex32(p, "envelope")
    state = _req(p, "state", str)
    if state == "waiting":
        ahead = _req(p, "ahead_seconds", int)
        if not 0 < ahead <= _MAX_AHEAD_SECONDS:
            raise BadPayload()
        known = outbox.mark_waiting_at_partner(c, about, sender_id, ahead)
        detail = f"ahead:{ahead}"
    elif state == "accepted":
        known = outbox.clear_waiting_at_partner(c, about, sender_id)
        detail = "taken"
    else:
        raise BadPayload()
    # An envelope we no longer hold (pruned) is still recorded: the clock warning is the point.
    audit.append(c, s.user.id, f"inbound.delivery_{state}", "partner", sender_id,
                 detail=f"envelope:{envelope_id}:about:{about}:{detail}:known:{int(known)}")
