"""The agency signing key, held only by administrators.

The signing key certifies devices, signs profiles, revocations and agency-key rotations. It is
not in the stored identity (which every laptop's users open): it is HPKE-sealed (X25519,
HKDF-SHA256, AES-256-GCM) to the key-file slot public key of each administrator of this laptop,
and to the recovery slot, so an agency whose only administrator forgot the passphrase is not
lost (`agency_signing_copies`, migration 9). An administrator's unlock opens its copy with the
slot's private key (which the unlock already holds); the key then lives in the session's memory
only (`Session.agency_signing_key`) and is dropped when the session closes.

`settle` keeps the copies right, and runs at every unlock (under the folder's write lock) and
after each change of users: a new administrator's slot gets a copy, a slot that is gone or no
longer an administrator's loses it, a slot whose key pair changed (a passphrase reset, a new
recovery code) is sealed again. It also finishes the move of folders made before the split: a
plain signing key still in the identity is sealed to every copy and dropped from the identity in
one transaction, so an interruption leaves either the old state or the new one, and the next
administrator's unlock settles it again. An identity made before the split whose envelopes are
signed by the signing key (no sender key) keeps it: its laptops need it to send, until the
agency rotates its keys.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from intake_app.domain.case import Role
from intake_app.storage import audit, users
from intake_app.storage.sharing import directory, signing_copies
from intake_app.sync.keys import AgencyIdentity, IdentityError

if TYPE_CHECKING:
    from intake_app.services.session import Session

log = logging.getLogger(__name__)
_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)
_LABEL = b"field-intake/agency-signing-copy/v1\n"


def _info(agency_id: str, slot_id: str) -> bytes:
    # Bound to the agency and the slot: a copy moved to another slot's row does not open.
    return _LABEL + agency_id.encode("ascii") + b"\n" + slot_id.encode("ascii")


def seal_copy(key: Ed25519PrivateKey, agency_id: str, slot_id: str, slot_public: bytes) -> bytes:
    public = X25519PublicKey.from_public_bytes(slot_public)
    return _SUITE.encrypt(key.private_bytes_raw(), public, info=_info(agency_id, slot_id))


def open_copy(
    sealed: bytes, agency_id: str, slot_id: str, private: X25519PrivateKey
) -> Ed25519PrivateKey | None:
    """The signing key from a copy sealed to this slot, or None if it does not open."""
    try:
        raw = _SUITE.decrypt(sealed, private, info=_info(agency_id, slot_id))
        return Ed25519PrivateKey.from_private_bytes(raw)
    except Exception:  # noqa: BLE001  # any failure is the same "not for this slot"
        return None


def _targets(s: Session) -> set[str]:
    """The slots that may open the signing key: administrators' and the recovery slot."""
    admins = {users.slot_of(s.db, u.id) for u in users.active(s.db) if u.role is Role.ADMIN}
    return (admins & set(s.vault.slot_ids())) | {s.vault.recovery_slot_id}


def settle(s: Session) -> None:
    """Open this session's copy (administrators only) and bring the copies up to date."""
    s.agency_signing_key = None
    row = directory.get_self(s.db)
    if row is None:
        return
    try:
        identity = AgencyIdentity.from_bytes(row.identity)
    except IdentityError:
        # Never a reason to refuse an unlock: the agency screens name the damage.
        log.warning("the stored agency identity cannot be read; the signing key stays sealed")
        return
    copies = signing_copies.all_copies(s.db)
    key: Ed25519PrivateKey | None = None
    if s.user.role is Role.ADMIN:
        key = identity.signing_key
        mine = copies.get(s.slot_id)
        if key is None and mine is not None and s.slot_private is not None:
            key = open_copy(mine.sealed, identity.agency_id, s.slot_id, s.slot_private)
        if key is not None and key.public_key().public_bytes_raw() != identity.card.signing_public:
            key = None  # not this agency's: never use it, never seal it further
    targets = _targets(s)
    at = audit.now_iso()
    with s.db.transaction() as c:
        for slot_id in set(copies) - targets:
            signing_copies.delete(c, slot_id)
            audit.append(c, s.user.id, "agency.signing_key.unsealed", "slot", slot_id[:16], at=at)
        if key is not None:
            for slot_id in sorted(targets):
                public = s.vault.slot_public_key(slot_id)
                held = copies.get(slot_id)
                if public is None or (held is not None and held.slot_public == public):
                    continue
                sealed = seal_copy(key, identity.agency_id, slot_id, public)
                signing_copies.put(c, slot_id, public, sealed, at)
                audit.append(c, s.user.id, "agency.signing_key.sealed", "slot", slot_id[:16],
                             at=at)
            if identity.signing_key is not None and identity.signing_key_separable:
                stripped = identity.without_signing_key()
                directory.put_self(c, identity.agency_id, stripped.to_bytes(), at)
                audit.append(c, s.user.id, "agency.signing_key.moved", "agency",
                             identity.agency_id, at=at)
    s.agency_signing_key = key


def forget(s: Session) -> None:
    """Drop the signing key from memory (lock, close)."""
    s.agency_signing_key = None
