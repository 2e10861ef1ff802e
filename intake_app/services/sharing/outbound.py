"""Preview and queue a share, and the step every outbound envelope takes (seal, outbox row).

`queue_share` (and `send_referral`) recompute the share inside their own transaction from what
is stored, so nothing a caller passes in (a stale preview, a withdrawn consent) can widen it. No
live consent: `NoConsent`, and nothing is queued.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from intake_app import errors
from intake_app.domain.attachments import AttachmentInfo
from intake_app.domain.consent import Category, Consent, Purpose, Withheld, purpose_words
from intake_app.services import agency, partners, protocols
from intake_app.services.consents import consent_rules
from intake_app.services.roles import CASE_WORKERS, requires
from intake_app.services.session import Session
from intake_app.services.sharing import attachments_out
from intake_app.services.sharing.share import (
    PAYLOAD_VERSION,
    CaseField,
    ShareSelection,
    case_fields,
    compute_share,
    guardians_checked,
    may_be_minor,
)
from intake_app.storage import audit, consents
from intake_app.storage.audit import now_iso
from intake_app.storage.database import Cursor
from intake_app.storage.sharing import outbox, sent
from intake_app.storage.sharing.material import CaseMaterial, case_material
from intake_app.sync.envelope import DEFAULT_TTL_SECONDS, Kind, peek_header, seal
from intake_app.sync.keys import AgencyIdentity, PublicCard


class NothingToShare(errors.IntakeError):
    code = "nothing_to_share"
    template = "The consents of case {case_id} cover no recorded field for {recipient_id}."
    plain = "The consent covers nothing recorded in this case yet. Nothing was sent."


def share_purpose(purpose: Purpose | str, text: str | None) -> tuple[Purpose, str | None]:
    """The purpose a share is for, and its words when it is another purpose (checked)."""
    purpose = Purpose(purpose)
    try:
        return purpose, purpose_words(purpose, text)
    except ValueError:
        raise errors.InvalidInput(field="purpose", reason="write the purpose in words, at most"
                                  " 200 characters, only for another purpose") from None


# --- preview ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SharePreview:
    """Exactly what the recipient would see, computed from live consents only."""

    case_id: int
    recipient_id: str
    recipient_name: str
    purpose: Purpose
    purpose_text: str | None
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


def select_share(
    c: Cursor,
    s: Session,
    case_id: int,
    recipient_id: str,
    purpose: Purpose,
    now: datetime,
    purpose_text: str | None = None,
) -> tuple[ShareSelection, PublicCard, AgencyIdentity, CaseMaterial]:
    me = agency.require_identity(s)
    card = partners.confirmed_card(c, recipient_id)
    material = case_material(c, case_id)
    fields, uncategorised = case_fields(material, protocols.installed(s), me.kind)
    selection = compute_share(
        case_id,
        fields,
        guardians_checked(material.consents, consents.do_not_contact(c, case_id)),
        recipient_id,
        purpose,
        now,
        uncategorised=uncategorised,
        rules=consent_rules(s),
        minor=may_be_minor(material, protocols.installed(s), now),
        never=consents.never_share(c, case_id),
        purpose_text=purpose_text,
    )
    return selection, card, me, material


def may_share(s: Session) -> bool:
    """Whether this user may send a case out (share, refer), for showing those buttons."""
    return s.user.role in CASE_WORKERS


@requires(*CASE_WORKERS, action="share a case with a partner agency")
def preview_share(
    s: Session, case_id: int, recipient_id: str, purpose: Purpose, now: datetime | None = None,
    purpose_text: str | None = None,
) -> SharePreview:
    """What `queue_share` would send now (raises NoConsent, PartnerNotConfirmed)."""
    when = now or datetime.now(UTC)
    purpose, purpose_text = share_purpose(purpose, purpose_text)
    with s.db.transaction() as c:
        selection, card, _, _ = select_share(c, s, case_id, recipient_id, purpose, when,
                                             purpose_text)
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
        purpose=purpose,
        purpose_text=purpose_text,
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


def enqueue(
    c: Cursor,
    me: AgencyIdentity,
    card: PublicCard,
    kind: Kind,
    payload: Mapping[str, Any],
    now: datetime,
) -> str:
    body = seal(me, card, kind, payload, ttl_seconds=DEFAULT_TTL_SECONDS, now=now.timestamp())
    header = peek_header(body)
    outbox.enqueue(
        c, header.envelope_id, card.agency_id, kind.value, header.expires, body, now_iso()
    )
    return header.envelope_id


def share_payload(
    selection: ShareSelection,
    material_consents: Sequence[Consent],
    share_ref: str,
    purpose: Purpose,
    now: datetime,
    refs: Mapping[int, int],
    purpose_text: str | None = None,
) -> dict[str, Any]:
    """`refs`: what the share cites for each consent (storage/consents.refs_of)."""
    expiries = {c.id: c.expires_at.isoformat() for c in material_consents}
    words = {} if purpose_text is None else {"purpose_text": purpose_text}
    return {
        **words,
        "v": PAYLOAD_VERSION,
        "share_ref": share_ref,
        "purpose": purpose.value,
        "consents": [{"ref": refs[cid], "expires_at": expiries[cid]}
                     for cid in selection.consent_ids],
        "categories": sorted(cat.value for cat in selection.categories),
        "fields": [f.to_payload() for f in selection.fields],
        "sent_at": now.isoformat(),
    }


def queue_attachments(
    c: Cursor,
    s: Session,
    me: AgencyIdentity,
    card: PublicCard,
    material: CaseMaterial,
    selection: ShareSelection,
    share_ref: str,
    purpose: Purpose,
    now: datetime,
    purpose_text: str | None = None,
) -> list[AttachmentInfo]:
    """Queue every file of the case its consents release, in the caller's transaction (so the
    share and its files leave together or not at all); the files queued."""
    case_id = material.case_id
    live = guardians_checked(material.consents, consents.do_not_contact(c, case_id))
    refs = consents.refs_of(c, [k.id for k in live])
    queued: list[AttachmentInfo] = []
    for info, _, payloads in attachments_out.outgoing(
        c, case_id, share_ref, selection.categories, live, card.agency_id, purpose, now,
        consent_rules(s), refs, minor=may_be_minor(material, protocols.installed(s), now),
        purpose_text=purpose_text,
    ):
        for payload in payloads:
            enqueue(c, me, card, Kind.ATTACHMENT, payload, now)
        queued.append(info)
    return queued


@requires(*CASE_WORKERS, action="share a case with a partner agency")
def queue_share(
    s: Session, case_id: int, recipient_id: str, purpose: Purpose, now: datetime | None = None,
    purpose_text: str | None = None,
) -> Queued:
    """One transaction: recompute the share, seal it, outbox row, share record, audit entry."""
    when = now or datetime.now(UTC)
    purpose, purpose_text = share_purpose(purpose, purpose_text)
    with s.db.transaction() as c:
        selection, card, me, material = select_share(c, s, case_id, recipient_id, purpose, when,
                                                     purpose_text)
        if not selection.fields:
            raise NothingToShare(case_id=case_id, recipient_id=recipient_id)
        share_ref = sent.share_ref_for(c, case_id, recipient_id, os.urandom(16).hex())
        payload = share_payload(selection, material.consents, share_ref, purpose, when,
                                consents.refs_of(c, selection.consent_ids), purpose_text)
        envelope_id = enqueue(c, me, card, Kind.SHARE, payload, when)
        files = queue_attachments(c, s, me, card, material, selection, share_ref, purpose, when,
                                  purpose_text)
        sent.record_share(
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
            files,
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
                f":fields:{len(selection.fields)}:attachments:{','.join(str(f.id) for f in files)}"
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
