"""This agency's identity (private keys, kept only inside the encrypted database) and the
partner directory (public cards; a partner is usable only after its fingerprint is confirmed).

Use cases: `init_agency`, `set_identity`, `get_identity`, `device_key`, `device_certificate`,
`device_revocation`, `relay_transport`, `import_partner`, `confirm_partner`, `list_partners`, `confirmed_cards`. Each
write is one transaction with its audit entry (ids only).

Device certificates: every laptop holds the agency identity (it must, to open envelopes and sign
them), so the laptop itself issues the certificate for its own device key with the agency's
signing key, when the key is created (`agency init` on the first laptop, `join_agency` from an
enrolment bundle on the others). The relay trusts it because the operator registered the
agency's signing key once; the laptop enrols itself on first contact.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from intake_app import errors
from intake_app.domain.agency import AgencyKind
from intake_app.services.session import Session
from intake_app.storage import audit, sharing
from intake_app.storage.audit import now_iso
from intake_app.storage.database import Cursor
from intake_app.sync.keys import (
    MAX_CARD_BYTES,
    AgencyIdentity,
    Contact,
    DeviceCertificate,
    DeviceKey,
    DeviceRevocation,
    PublicCard,
    fingerprint_hex,
    fingerprint_words,
)

if TYPE_CHECKING:
    from intake_app.sync.transport import HttpRelayTransport


class AgencyNotInitialised(errors.IntakeError):
    code = "agency_not_initialised"
    template = "This laptop has no agency identity yet: run `intake agency init` first."


class AgencyAlreadyInitialised(errors.IntakeError):
    code = "agency_already_initialised"
    template = "This laptop already holds agency {agency_id}."


class PartnerIsSelf(errors.IntakeError):
    code = "partner_is_self"
    template = "That card is this agency's own card ({agency_id})."


class PartnerNotConfirmed(errors.IntakeError):
    code = "partner_not_confirmed"
    template = (
        "Partner {agency_id} cannot be used until its fingerprint was compared out of band and"
        " confirmed."
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


def _partner(row: sharing.PartnerRow) -> Partner:
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


# --- this agency -----------------------------------------------------------------------------
def set_identity(s: Session, identity: AgencyIdentity, *, replace: bool = False) -> None:
    """Store the private identity inside the encrypted database (never in a loose file).

    A laptop holds one agency; storing another one is refused unless `replace` is set
    (provisioning re-enrols a laptop). A new agency id drops the old device key.
    """
    at = now_iso()
    with s.db.transaction() as c:
        existing = sharing.get_self(c)
        if existing is not None and existing.agency_id != identity.agency_id and not replace:
            raise AgencyAlreadyInitialised(agency_id=existing.agency_id)
        sharing.put_self(c, identity.agency_id, identity.to_bytes(), at)
        audit.append(c, s.user.id, "agency.identity.set", "agency", identity.agency_id, at=at)


def get_identity(s: Session) -> AgencyIdentity | None:
    row = sharing.get_self(s.db)
    return None if row is None else AgencyIdentity.from_bytes(row.identity)


def require_identity(s: Session) -> AgencyIdentity:
    identity = get_identity(s)
    if identity is None:
        raise AgencyNotInitialised()
    return identity


def init_agency(
    s: Session,
    name: str,
    kind: AgencyKind | str,
    contacts: Sequence[Contact | Mapping[str, object]],
) -> AgencyIdentity:
    """Create this agency: fresh keys, plus this laptop's device key for the relay."""
    if get_identity(s) is not None:
        existing = sharing.get_self(s.db)
        raise AgencyAlreadyInitialised(agency_id=existing.agency_id if existing else "?")
    identity = AgencyIdentity.generate(name, kind, contacts)
    set_identity(s, identity)
    ensure_device_key(s)
    return identity


def ensure_device_key(s: Session) -> DeviceKey:
    """This laptop's device key (created once) and its certificate, issued here with the
    agency's signing key (also for a key made before certificates existed)."""
    at = now_iso()
    with s.db.transaction() as c:
        row = sharing.get_self(c)
        if row is None:
            raise AgencyNotInitialised()
        identity = AgencyIdentity.from_bytes(row.identity)
        if row.device_key is not None:
            key = DeviceKey.from_bytes(row.device_key)
            if row.device_certificate is None:
                cert = DeviceCertificate.issue(identity, key.device_id, key.public_bytes)
                sharing.put_device_certificate(c, cert.to_json(), at)
                audit.append(c, s.user.id, "agency.device.certify", "device", key.device_id, at=at)
            return key
        key = DeviceKey.generate()
        cert = DeviceCertificate.issue(identity, key.device_id, key.public_bytes)
        sharing.put_device(c, key.device_id, key.to_bytes(), at, cert.to_json())
        audit.append(c, s.user.id, "agency.device.create", "device", key.device_id, at=at)
    return key


def device_certificate(s: Session) -> DeviceCertificate | None:
    """This laptop's certificate from its agency, or None before `ensure_device_key`."""
    row = sharing.get_self(s.db)
    if row is None or row.device_certificate is None:
        return None
    return DeviceCertificate.from_json(row.device_certificate)


def device_revocation(s: Session, device_id: str) -> DeviceRevocation:
    """Sign the agency's revocation of one of its laptops (a lost one), for the relay
    (`HttpRelayTransport.revoke_device`). Audited; a laptop cannot revoke itself by mistake."""
    identity = require_identity(s)
    own = device_key(s)
    if own is not None and own.device_id == device_id:
        raise errors.InvalidInput(field="device", reason="this is this laptop's own device id")
    revocation = DeviceRevocation.issue(identity, device_id)
    with s.db.transaction() as c:
        audit.append(c, s.user.id, "agency.device.revoke", "device", device_id)
    return revocation


def relay_transport(s: Session, url: str, **options: Any) -> HttpRelayTransport:
    """A relay client for this laptop: its device key, and its certificate to enrol itself."""
    from intake_app.sync.transport import HttpRelayTransport

    identity = require_identity(s)
    key = ensure_device_key(s)
    cert = device_certificate(s)
    return HttpRelayTransport(
        url,
        identity.agency_id,
        key.device_id,
        key.private_key,
        certificate=None if cert is None else cert.to_json(),
        **options,
    )


def device_key(s: Session) -> DeviceKey | None:
    row = sharing.get_self(s.db)
    if row is None or row.device_key is None:
        return None
    return DeviceKey.from_bytes(row.device_key)


# --- partners --------------------------------------------------------------------------------
def import_partner(s: Session, card_bytes: bytes) -> Partner:
    """Import (or refresh) a partner's card. It stays unusable until `confirm_partner`.

    Re-importing a card with different keys voids an earlier confirmation.
    """
    if len(card_bytes) > MAX_CARD_BYTES:
        from intake_app.sync.keys import CardError

        raise CardError("too_large", "the file is larger than a card can be")
    card = PublicCard.from_json(card_bytes)
    me = sharing.get_self(s.db)
    if me is not None and me.agency_id == card.agency_id:
        raise PartnerIsSelf(agency_id=card.agency_id)
    at = now_iso()
    with s.db.transaction() as c:
        sharing.upsert_partner(
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


def confirm_partner(s: Session, partner_id: str) -> Partner:
    """Mark a partner usable after its fingerprint words were compared out of band."""
    at = now_iso()
    with s.db.transaction() as c:
        sharing.confirm_partner(c, partner_id, s.user.id, at)
        audit.append(c, s.user.id, "partner.confirm", "partner", partner_id, at=at)
    return get_partner(s, partner_id)


def get_partner(s: Session, partner_id: str) -> Partner:
    row = sharing.get_partner(s.db, partner_id)
    if row is None:
        raise errors.NotFound(kind="partner", id=partner_id)
    return _partner(row)


def list_partners(s: Session) -> list[Partner]:
    return [_partner(r) for r in sharing.list_partners(s.db)]


def confirmed_cards(c: Cursor) -> dict[str, PublicCard]:
    """Cards of confirmed partners only, by agency id: the `known_senders` of inbound checks."""
    return {
        r.agency_id: PublicCard.from_json(r.card)
        for r in sharing.list_partners(c)
        if r.confirmed_at is not None
    }


def confirmed_card(c: Cursor, agency_id: str) -> PublicCard:
    """A confirmed partner's card, or PartnerNotConfirmed / NotFound."""
    row = sharing.get_partner(c, agency_id)
    if row is None:
        raise errors.NotFound(kind="partner", id=agency_id)
    if row.confirmed_at is None:
        raise PartnerNotConfirmed(agency_id=agency_id)
    return PublicCard.from_json(row.card)
