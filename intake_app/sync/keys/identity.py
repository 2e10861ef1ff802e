"""An agency's private identity: its HPKE decryption key, its envelope (sender) key, its signed
card, and, only where an administrator has opened it, its signing key.

Who holds what: every laptop of the agency holds the HPKE key (to read what is sent to the
agency) and the sender key (to sign envelopes). The signing key certifies devices, signs
profiles, revocations and key rotations; it is stored apart, sealed to administrators' key-file
slots (services/agency_keys.py), and joined to the identity in memory only while an
administrator's session is open (`with_signing_key`).

`AgencyIdentity.to_bytes` holds private keys. Nothing here writes it anywhere; the caller keeps it
in the encrypted database. Format: the fields below; ``signing_private_ed25519`` is present only
in an administrator's enrolment bundle and in identities stored before the split; a stored
identity without it carries its signed ``card``. Without ``sender_private_ed25519`` (identities
made before the split) envelopes are signed with the signing key, which then cannot leave the
laptops until the agency rotates its keys.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import mlkem, x25519
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from intake_app.domain.agency import AgencyKind
from intake_app.errors import IntakeError
from intake_app.sync.keys.cards import CardError, Contact, ProfileError, PublicCard, check_profile
from intake_app.sync.keys.document import (
    ED25519_PRIVATE_BYTES,
    ED25519_SIGNATURE_BYTES,
    FORMAT_VERSION,
    HEX_ID_RE,
    MAX_TIME,
    MIN_TIME,
    MLKEM768_SEED_BYTES,
    X25519_BYTES,
    KeyFormatError,
    b64,
    canonical,
    check_header,
    expect_fields,
    get_bytes,
    get_id,
    get_time,
    load_object,
    new_id,
    now_seconds,
)

IDENTITY_FORMAT = "field-intake/identity"
MAX_IDENTITY_BYTES = 16 * 1024


class IdentityError(KeyFormatError):
    """A stored agency identity or device key that cannot be read back."""

    code = "identity_invalid"
    template = "The stored agency keys cannot be read: {detail}."
    plain = "The agency keys stored on this laptop cannot be read. Restore from a backup."


class SigningKeyAbsent(IntakeError):
    """This session does not hold the agency signing key (not an administrator's, or this
    laptop was enrolled as an ordinary laptop)."""

    code = "agency_signing_key_absent"
    template = (
        "This laptop session does not hold the agency's signing key: only an administrator of a"
        " laptop enrolled as an administrator's can do this."
    )
    plain = (
        "Only an administrator's laptop can do this: it needs the agency's signing key, which"
        " this laptop does not hold."
    )


@dataclass(frozen=True, eq=False)
class AgencyIdentity:
    """An agency's private keys and profile. Keep it only inside the encrypted database."""

    agency_id: str
    name: str
    kind: AgencyKind
    contacts: tuple[Contact, ...]
    created: int
    signing_key: Ed25519PrivateKey | None = field(repr=False)
    mlkem_key: mlkem.MLKEM768PrivateKey = field(repr=False)
    x25519_key: x25519.X25519PrivateKey = field(repr=False)
    # None: an identity made before the split, whose envelopes the signing key signs.
    sender_key: Ed25519PrivateKey | None = field(default=None, repr=False)
    # The signed card, kept so a laptop without the signing key still has it.
    signed_card: PublicCard | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.agency_id, str) or not HEX_ID_RE.match(self.agency_id):
            raise ProfileError("bad_field", "the agency id must be 32 lowercase hex characters")
        check_profile(self.name, self.kind, self.contacts)
        if type(self.created) is not int or not MIN_TIME <= self.created <= MAX_TIME:
            raise ProfileError("bad_field", "the creation time is not plausible")
        if self.signing_key is None and (self.signed_card is None or self.sender_key is None):
            raise IdentityError("bad_field", "an identity without its signing key needs its card")

    @classmethod
    def generate(
        cls,
        name: str,
        kind: AgencyKind | str,
        contacts: Sequence[Contact | Mapping[str, object]],
        *,
        now: float | None = None,
    ) -> AgencyIdentity:
        """A new agency with fresh keys and a random id; raises ProfileError on bad details."""
        checked_name, checked_kind, checked_contacts = check_profile(name, kind, contacts)
        made = cls(
            agency_id=new_id(),
            name=checked_name,
            kind=checked_kind,
            contacts=checked_contacts,
            created=now_seconds(now),
            signing_key=Ed25519PrivateKey.generate(),
            mlkem_key=mlkem.MLKEM768PrivateKey.generate(),
            x25519_key=x25519.X25519PrivateKey.generate(),
            sender_key=Ed25519PrivateKey.generate(),
        )
        return replace(made, signed_card=made.card)

    @cached_property
    def hpke_private_key(self) -> hpke.MLKEM768X25519PrivateKey:
        return hpke.MLKEM768X25519PrivateKey(self.mlkem_key, self.x25519_key)

    @cached_property
    def card(self) -> PublicCard:
        """This agency's public card: signed here when the signing key is held (Ed25519 is
        deterministic, so the same fields give the same card), else the one kept."""
        if self.signing_key is None:
            assert self.signed_card is not None  # __post_init__
            return self.signed_card
        return self._sign_card(0 if self.signed_card is None else self.signed_card.serial)

    def _sign_card(self, serial: int) -> PublicCard:
        if self.signing_key is None:
            raise SigningKeyAbsent()
        unsigned = PublicCard(
            agency_id=self.agency_id,
            name=self.name,
            kind=self.kind,
            contacts=self.contacts,
            signing_public=self.signing_key.public_key().public_bytes_raw(),
            mlkem_public=self.mlkem_key.public_key().public_bytes_raw(),
            x25519_public=self.x25519_key.public_key().public_bytes_raw(),
            created=self.created,
            signature=bytes(ED25519_SIGNATURE_BYTES),
            sender_public=(
                None if self.sender_key is None else self.sender_key.public_key().public_bytes_raw()
            ),
            serial=serial,
        )
        return replace(unsigned, signature=self.signing_key.sign(unsigned.signed_message()))

    @property
    def has_signing_key(self) -> bool:
        return self.signing_key is not None

    @property
    def signing_key_separable(self) -> bool:
        """Whether the signing key can leave this identity (envelopes have their own key)."""
        return self.sender_key is not None and self.signed_card is not None

    def sign(self, message: bytes) -> bytes:
        """Sign with the agency signing key; SigningKeyAbsent where this laptop does not hold it."""
        if self.signing_key is None:
            raise SigningKeyAbsent()
        return self.signing_key.sign(message)

    def sign_envelope(self, message: bytes) -> bytes:
        """Sign an envelope with the sender key (the signing key for identities made before)."""
        key = self.sender_key or self.signing_key
        if key is None:  # pragma: no cover - __post_init__ refuses it
            raise SigningKeyAbsent()
        return key.sign(message)

    def without_signing_key(self) -> AgencyIdentity:
        """The identity an ordinary laptop holds: everything but the signing key."""
        if not self.signing_key_separable:
            raise IdentityError("bad_field", "this identity signs its envelopes with its signing key")
        return replace(self, signing_key=None, signed_card=self.card)

    def with_signing_key(self, key: Ed25519PrivateKey) -> AgencyIdentity:
        """Join the signing key an administrator's session opened; it must be the card's."""
        if key.public_key().public_bytes_raw() != self.card.signing_public:
            raise IdentityError("bad_key", "the signing key is not this agency's")
        return replace(self, signing_key=key, signed_card=self.card)

    def rotated(self) -> AgencyIdentity:
        """The same agency with new HPKE and sender keys and the next card serial, signed by
        the signing key (which does not change: partners and the relay keep trusting it)."""
        if self.signing_key is None:
            raise SigningKeyAbsent()
        fresh = replace(
            self,
            mlkem_key=mlkem.MLKEM768PrivateKey.generate(),
            x25519_key=x25519.X25519PrivateKey.generate(),
            sender_key=Ed25519PrivateKey.generate(),
            signed_card=None,
        )
        return replace(fresh, signed_card=fresh._sign_card(self.card.serial + 1))

    def to_bytes(self) -> bytes:
        """The private identity as JSON bytes: the caller must store it encrypted."""
        doc: dict[str, object] = {
            "format": IDENTITY_FORMAT,
            "version": FORMAT_VERSION,
            "agency_id": self.agency_id,
            "name": self.name,
            "kind": self.kind.value,
            "contacts": [c.to_dict() for c in self.contacts],
            "created": self.created,
            "hpke_seed_mlkem768": b64(self.mlkem_key.private_bytes_raw()),
            "hpke_private_x25519": b64(self.x25519_key.private_bytes_raw()),
        }
        if self.signing_key is not None:
            doc["signing_private_ed25519"] = b64(self.signing_key.private_bytes_raw())
        if self.sender_key is not None:
            doc["sender_private_ed25519"] = b64(self.sender_key.private_bytes_raw())
        if self.signed_card is not None:
            doc["card"] = b64(self.signed_card.to_json())
        return canonical(doc)

    @classmethod
    def from_bytes(cls, data: bytes) -> AgencyIdentity:
        """Read back what `to_bytes` wrote; raises IdentityError."""
        what = "identity"
        obj = load_object(data, MAX_IDENTITY_BYTES, what, IdentityError)
        check_header(obj, IDENTITY_FORMAT, "stored agency identity", IdentityError)
        expect_fields(
            obj,
            {
                "format", "version", "agency_id", "name", "kind", "contacts", "created",
                "hpke_seed_mlkem768", "hpke_private_x25519",
            },
            {"signing_private_ed25519", "sender_private_ed25519", "card"},
            what,
            IdentityError,
        )  # fmt: skip
        raw_contacts = obj["contacts"]
        if not isinstance(raw_contacts, list) or not all(isinstance(c, dict) for c in raw_contacts):
            raise IdentityError("bad_field", "the contacts must be a list of objects")
        try:
            name, kind, contacts = check_profile(obj["name"], obj["kind"], raw_contacts)
        except ProfileError as exc:
            raise IdentityError(exc.reason, str(exc.ids["detail"])) from None

        def ed25519(key: str) -> Ed25519PrivateKey | None:
            if key not in obj:
                return None
            raw = get_bytes(obj, key, ED25519_PRIVATE_BYTES, what, IdentityError)
            return Ed25519PrivateKey.from_private_bytes(raw)

        seed = get_bytes(obj, "hpke_seed_mlkem768", MLKEM768_SEED_BYTES, what, IdentityError)
        xpriv = get_bytes(obj, "hpke_private_x25519", X25519_BYTES, what, IdentityError)
        card = None
        if "card" in obj:
            try:
                card = PublicCard.from_json(get_bytes_any(obj, "card", what))
            except CardError as exc:
                raise IdentityError(exc.reason, str(exc.ids["detail"])) from None
        identity = cls(
            agency_id=get_id(obj, "agency_id", what, IdentityError),
            name=name,
            kind=kind,
            contacts=contacts,
            created=get_time(obj, "created", what, IdentityError),
            signing_key=ed25519("signing_private_ed25519"),
            mlkem_key=mlkem.MLKEM768PrivateKey.from_seed_bytes(seed),
            x25519_key=x25519.X25519PrivateKey.from_private_bytes(xpriv),
            sender_key=ed25519("sender_private_ed25519"),
            signed_card=card,
        )
        if card is not None:
            identity.check_card(card)
        return identity

    def check_card(self, card: PublicCard) -> None:
        """The card must be this identity's: same agency, the public halves of its keys."""
        sender = self.sender_key or self.signing_key
        assert sender is not None
        if (
            card.agency_id != self.agency_id
            or card.mlkem_public != self.mlkem_key.public_key().public_bytes_raw()
            or card.x25519_public != self.x25519_key.public_key().public_bytes_raw()
            or card.sender_key.public_bytes_raw() != sender.public_key().public_bytes_raw()
            or (
                self.signing_key is not None
                and card.signing_public != self.signing_key.public_key().public_bytes_raw()
            )
        ):
            raise IdentityError("bad_key", "the stored card does not match the agency keys")


def get_bytes_any(obj: dict[str, object], key: str, what: str) -> bytes:
    """A base64 field of any length (a whole document inside this one)."""
    value = obj[key]
    if not isinstance(value, str):
        raise IdentityError("bad_field", f"the {what} field {key!r} must be base64 text")
    try:
        return base64.b64decode(value, validate=True)
    except (ValueError, binascii.Error):
        raise IdentityError("bad_field", f"the {what} field {key!r} is not base64") from None
