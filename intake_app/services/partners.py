"""The partner directory: public cards of partner agencies. A partner is usable only after an
administrator compared its fingerprint words out of band and confirmed it.

Confirming also retries what that partner sent before it was confirmed (it waited in quarantine),
for the GUI and the CLI alike. Each write is one transaction with its audit entry (ids only).
"""

from __future__ import annotations

from dataclasses import dataclass

from intake_app import errors
from intake_app.domain.agency import AgencyKind
from intake_app.domain.case import Role
from intake_app.services.roles import requires
from intake_app.services.session import Session
from intake_app.storage import audit
from intake_app.storage.audit import now_iso
from intake_app.storage.database import Cursor
from intake_app.storage.sharing import directory
from intake_app.sync.keys import (
    MAX_CARD_BYTES,
    CardError,
    PublicCard,
    fingerprint_hex,
    fingerprint_words,
)


class PartnerIsSelf(errors.IntakeError):
    code = "partner_is_self"
    template = "That card is this agency's own card ({agency_id})."
    plain = "That card is this agency's own card, not a partner's."


class PartnerNotConfirmed(errors.IntakeError):
    code = "partner_not_confirmed"
    template = (
        "Partner {agency_id} cannot be used until its fingerprint was compared out of band and"
        " confirmed."
    )
    plain = (
        "That partner agency is not confirmed yet: compare its fingerprint words by phone and "
        "confirm it first."
    )


@dataclass(frozen=True, slots=True)
class Partner:
    """A partner agency from its public card. `confirmed` means usable."""

    id: int
    agency_id: str
    name: str
    kind: AgencyKind
    fingerprint_words: tuple[str, ...]
    fingerprint_hex: str
    imported_at: str
    confirmed_at: str | None
    card: PublicCard

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None

    def __repr__(self) -> str:
        return f"Partner(agency_id={self.agency_id}, confirmed={self.confirmed})"


def _partner(row: directory.PartnerRow) -> Partner:
    card = PublicCard.from_json(row.card)
    return Partner(
        id=row.id,
        agency_id=row.agency_id,
        name=row.name,
        kind=card.kind,
        fingerprint_words=tuple(fingerprint_words(card)),
        fingerprint_hex=row.fingerprint,
        imported_at=row.imported_at,
        confirmed_at=row.confirmed_at,
        card=card,
    )


# --- partners --------------------------------------------------------------------------------
@requires(Role.ADMIN, action="add a partner agency")
def import_partner(s: Session, card_bytes: bytes) -> Partner:
    """Import (or refresh) a partner's card. It stays unusable until `confirm_partner`.

    Re-importing a card with different keys voids an earlier confirmation.
    """
    return store_partner(s, card_bytes)


def store_partner(s: Session, card_bytes: bytes) -> Partner:
    """`import_partner` without the role check, for joining from an admin-made bundle."""
    if len(card_bytes) > MAX_CARD_BYTES:
        raise CardError("too_large", "the file is larger than a card can be")
    card = PublicCard.from_json(card_bytes)
    me = directory.get_self(s.db)
    if me is not None and me.agency_id == card.agency_id:
        raise PartnerIsSelf(agency_id=card.agency_id)
    at = now_iso()
    with s.db.transaction() as c:
        directory.upsert_partner(
            c,
            card.agency_id,
            card.name,
            card.kind.value,
            card.to_json(),
            fingerprint_hex(card),
            s.user.id,
            at,
        )
        audit.append(c, s.user.id, "partner.import", "partner", card.agency_id, at=at)
    return get_partner(s, card.agency_id)


@dataclass(frozen=True, slots=True)
class Confirmed:
    partner: Partner
    retried_accepted: int  # envelopes from before the confirmation, now accepted
    retried_refused: int  # ... still refused, for another reason


MIN_ID_PREFIX = 6


def resolve(s: Session, given: str) -> str:
    """A partner's agency id from the id or an unambiguous prefix of it (6 characters or more:
    what a person reads off a card over the phone)."""
    matches = [p.agency_id for p in list_partners(s) if p.agency_id.startswith(given)]
    if given in matches:
        return given
    if len(given) < MIN_ID_PREFIX or len(matches) != 1:
        raise errors.NotFound(kind="partner", id=given)
    return matches[0]


@requires(Role.ADMIN, action="confirm a partner agency")
def confirm_partner(s: Session, partner_id: str) -> Confirmed:
    """Mark a partner usable after its fingerprint words were compared out of band, then retry
    the envelopes it sent before (they waited in quarantine as from an unknown sender).
    `partner_id` may be an unambiguous prefix (see `resolve`)."""
    from intake_app.services.sharing.inbound import reprocess_quarantine  # it reads partners

    partner = mark_confirmed(s, resolve(s, partner_id))
    retried = reprocess_quarantine(s)
    return Confirmed(partner, retried.accepted, retried.requarantined)


def mark_confirmed(s: Session, partner_id: str) -> Partner:
    """`confirm_partner`'s write alone, for joining from an admin-made bundle."""
    at = now_iso()
    with s.db.transaction() as c:
        directory.confirm_partner(c, partner_id, s.user.id, at)
        audit.append(c, s.user.id, "partner.confirm", "partner", partner_id, at=at)
    return get_partner(s, partner_id)


def get_partner(s: Session, partner_id: str) -> Partner:
    row = directory.get_partner(s.db, partner_id)
    if row is None:
        raise errors.NotFound(kind="partner", id=partner_id)
    return _partner(row)


def list_partners(s: Session) -> list[Partner]:
    return [_partner(r) for r in directory.list_partners(s.db)]


def confirmed_cards(c: Cursor) -> dict[str, PublicCard]:
    """Cards of confirmed partners only, by agency id: the `known_senders` of inbound checks."""
    return {
        r.agency_id: PublicCard.from_json(r.card)
        for r in directory.list_partners(c)
        if r.confirmed_at is not None
    }


def confirmed_card(c: Cursor, agency_id: str) -> PublicCard:
    """A confirmed partner's card, or PartnerNotConfirmed / NotFound."""
    row = directory.get_partner(c, agency_id)
    if row is None:
        raise errors.NotFound(kind="partner", id=agency_id)
    if row.confirmed_at is None:
        raise PartnerNotConfirmed(agency_id=agency_id)
    return PublicCard.from_json(row.card)
