"""Rotating the agency's HPKE key after a lost laptop, in one step, and what the other laptops
and the partners do with the notice.

`rotate_agency_key` (administrators, with the signing key open; `intake agency rotate-key`), in
one transaction:

1. new HPKE and sender keys, and a new card with the next serial, signed by the signing key
   (which does not change: the relay and the partners already trust it);
2. a KEY_ROTATION envelope to the agency itself holding the new card and, for each laptop this
   administrator's laptop certified and did not revoke (`agency_devices`), the new identity
   (without the signing key) HPKE-sealed to that laptop's own X25519 device key. It is sealed to
   the old agency key (the only one the other laptops hold); the lost laptop can open it but
   finds no box for itself (and, revoked at the relay, cannot fetch it anyway);
3. a CARD_UPDATE envelope to each confirmed partner with the new card;
4. the old key is kept as retired, with the time: envelopes sealed to it before still open,
   envelopes sealed to it after are refused (`Reason.RETIRED_KEY`).

A receiving laptop (`apply_key_rotation`) checks that the new card is its own agency's, signed
by the signing key its current card names, with a higher serial, opens its box with its device
key, and checks the identity inside matches the card. A partner (`apply_card_update`) checks the
same chain against the confirmed card it holds and replaces it, still confirmed: no fingerprint
to compare again, because the key they compared signed the new card.
"""

from __future__ import annotations

import base64
import binascii
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import mlkem
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from intake_app.domain.case import Role
from intake_app.services import agency, partners
from intake_app.services.roles import requires
from intake_app.services.session import Session
from intake_app.services.sharing.outbound import enqueue
from intake_app.storage import audit
from intake_app.storage.audit import now_iso
from intake_app.storage.database import Cursor
from intake_app.storage.sharing import directory, signing_copies
from intake_app.sync.envelope import Kind, Opened
from intake_app.sync.keys import (
    MLKEM768_SEED_BYTES,
    AgencyIdentity,
    CardError,
    DeviceCertificate,
    DeviceKey,
    IdentityError,
    PublicCard,
    SigningKeyAbsent,
    fingerprint_hex,
)
from intake_app.sync.keys.document import b64

_BOX_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
_BOX_LABEL = b"field-intake/rotation-box/v1\n"
PAYLOAD_VERSION = 1
# Reasons a verified rotation or card notice is refused (quarantined), beside apply.py's.
ROTATION_REASONS = frozenset({"not_for_this_laptop", "card_not_proven"})


class RotationRefused(Exception):
    """A rotation or card notice that does not check out; `reason` is one of ROTATION_REASONS
    or a payload reason (apply.py turns it into BadPayload)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Rotation:
    serial: int
    devices: int  # laptops the new key was sealed to (besides this one)
    partners: int  # partners sent the new card


def _box_info(agency_id: str, device_id: str, serial: int) -> bytes:
    return _BOX_LABEL + f"{agency_id}\n{device_id}\n{serial}".encode("ascii")


def _unb64(value: object) -> bytes:
    if not isinstance(value, str):
        raise RotationRefused("invalid_payload")
    try:
        return base64.b64decode(value, validate=True)
    except (ValueError, binascii.Error):
        raise RotationRefused("invalid_payload") from None


@requires(Role.ADMIN, action="rotate the agency's keys")
def rotate_agency_key(s: Session, now: float | None = None) -> Rotation:
    """New agency HPKE and sender keys, sent to the remaining laptops and the partners; the old
    key retired. Needs the signing key (an administrator's laptop)."""
    old = agency.require_identity(s)
    if not old.has_signing_key:
        raise SigningKeyAbsent()
    when = time.time() if now is None else now
    stamp = datetime.fromtimestamp(when, UTC)
    new = old.rotated()
    carried = new.without_signing_key()
    card_b64 = b64(new.card.to_json())
    own = agency.device_key(s)
    boxes: dict[str, str] = {}
    with s.db.transaction() as c:
        for raw in signing_copies.active_devices(c):
            cert = DeviceCertificate.from_json(raw)
            if cert.box_public is None or (own is not None and cert.device_id == own.device_id):
                continue
            sealed = _BOX_SUITE.encrypt(
                carried.to_bytes(),
                X25519PublicKey.from_public_bytes(cert.box_public),
                info=_box_info(new.agency_id, cert.device_id, new.card.serial),
            )
            boxes[cert.device_id] = b64(sealed)
        notice: dict[str, Any] = {
            "v": PAYLOAD_VERSION, "card": card_b64, "rotated_at": int(when), "boxes": boxes,
        }  # fmt: skip
        # Sealed to the old key with the old sender key: what the other laptops can open now.
        enqueue(c, old, old.card, Kind.KEY_ROTATION, notice, stamp)
        confirmed = partners.confirmed_cards(c)
        for card in confirmed.values():
            enqueue(c, old, card, Kind.CARD_UPDATE, {"v": PAYLOAD_VERSION, "card": card_b64},
                    stamp)
        _install(c, old, carried, int(when))
        audit.append(c, s.user.id, "agency.key.rotate", "agency", old.agency_id,
                     detail=f"serial:{new.card.serial}:devices:{len(boxes)}")
    return Rotation(new.card.serial, len(boxes), len(confirmed))


def _install(c: Cursor, old: AgencyIdentity, new: AgencyIdentity, at: int) -> None:
    """Retire `old`'s HPKE key (only that: its sender key signs nothing any more) and store
    `new` in its place."""
    private = old.mlkem_key.private_bytes_raw() + old.x25519_key.private_bytes_raw()
    signing_copies.retire(c, old.card.serial, private, old.card.to_json(), at)
    directory.put_self(c, new.agency_id, new.to_bytes(), now_iso())


def retired_keys(c: Cursor) -> list[tuple[hpke.MLKEM768X25519PrivateKey, int]]:
    out = []
    for raw, at in signing_copies.retired(c):
        seed, xpriv = raw[:MLKEM768_SEED_BYTES], raw[MLKEM768_SEED_BYTES:]
        key = hpke.MLKEM768X25519PrivateKey(
            mlkem.MLKEM768PrivateKey.from_seed_bytes(seed),
            X25519PrivateKey.from_private_bytes(xpriv),
        )
        out.append((key, at))
    return out


def retired_cards(c: Cursor) -> list[PublicCard]:
    """This agency's earlier cards: the rotation notice itself is signed by the old sender key."""
    return [PublicCard.from_json(raw) for raw in signing_copies.retired_cards(c)]


def _proven_card(raw: object, current: PublicCard) -> PublicCard | None:
    """The new card if the signing key of `current` signed it for the same agency with a higher
    serial; None if it is not newer (an old notice again: nothing to do)."""
    try:
        card = PublicCard.from_json(_unb64(raw))
    except CardError:
        raise RotationRefused("card_not_proven") from None
    if card.agency_id != current.agency_id or card.signing_public != current.signing_public:
        raise RotationRefused("card_not_proven")
    return card if card.serial > current.serial else None


def apply_key_rotation(
    c: Cursor, s: Session, me: AgencyIdentity, opened: Opened, at: str
) -> None:
    """This laptop takes the agency's new keys from its box in a KEY_ROTATION notice."""
    p = opened.payload
    if p.get("v") != PAYLOAD_VERSION or not isinstance(p.get("boxes"), Mapping):
        raise RotationRefused("invalid_payload")
    rotated_at = p.get("rotated_at")
    if type(rotated_at) is not int:
        raise RotationRefused("invalid_payload")
    card = _proven_card(p.get("card"), me.card)
    if card is None:
        return  # already applied here (this laptop made it, or a repeat)
    row = directory.get_self(c)
    key = None if row is None or row.device_key is None else DeviceKey.from_bytes(row.device_key)
    sealed = p["boxes"].get(key.device_id) if key is not None else None
    if key is None or key.box_key is None or sealed is None:
        raise RotationRefused("not_for_this_laptop")
    try:
        raw = _BOX_SUITE.decrypt(
            _unb64(sealed), key.box_key, info=_box_info(me.agency_id, key.device_id, card.serial)
        )
        new = AgencyIdentity.from_bytes(raw)
    except (IdentityError, ValueError, Exception):  # noqa: BLE001  # any failure: not ours
        raise RotationRefused("not_for_this_laptop") from None
    if new.card.to_json() != card.to_json() or new.has_signing_key:
        raise RotationRefused("card_not_proven")
    _install(c, me, new, rotated_at)
    audit.append(c, s.user.id, "agency.key.rotated", "agency", me.agency_id,
                 detail=f"serial:{card.serial}", at=at)


def apply_card_update(c: Cursor, s: Session, opened: Opened, at: str) -> None:
    """A partner's new card, proven by the signing key of the card we confirmed."""
    p = opened.payload
    if p.get("v") != PAYLOAD_VERSION:
        raise RotationRefused("invalid_payload")
    sender = opened.header.sender_id
    current = partners.confirmed_cards(c).get(sender)
    if current is None:  # pragma: no cover - open_envelope knew the sender
        raise RotationRefused("card_not_proven")
    card = _proven_card(p.get("card"), current)
    if card is None:
        return
    directory.replace_partner_card(c, sender, card.to_json(), fingerprint_hex(card), at)
    audit.append(c, s.user.id, "partner.card.rotated", "partner", sender,
                 detail=f"serial:{card.serial}", at=at)



