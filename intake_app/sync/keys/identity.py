"""An agency's private identity: its signing key, its HPKE decryption key and its profile.

`AgencyIdentity.to_bytes` holds the private keys. Nothing here writes it anywhere; the caller
keeps it in the encrypted database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import mlkem, x25519
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from intake_app.domain.agency import AgencyKind
from intake_app.sync.keys.cards import Contact, ProfileError, PublicCard, check_profile
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


@dataclass(frozen=True, eq=False)
class AgencyIdentity:
    """An agency's private keys and profile. Keep it only inside the encrypted database."""

    agency_id: str
    name: str
    kind: AgencyKind
    contacts: tuple[Contact, ...]
    created: int
    signing_key: Ed25519PrivateKey = field(repr=False)
    mlkem_key: mlkem.MLKEM768PrivateKey = field(repr=False)
    x25519_key: x25519.X25519PrivateKey = field(repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.agency_id, str) or not HEX_ID_RE.match(self.agency_id):
            raise ProfileError("bad_field", "the agency id must be 32 lowercase hex characters")
        check_profile(self.name, self.kind, self.contacts)
        if type(self.created) is not int or not MIN_TIME <= self.created <= MAX_TIME:
            raise ProfileError("bad_field", "the creation time is not plausible")

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
        return cls(
            agency_id=new_id(),
            name=checked_name,
            kind=checked_kind,
            contacts=checked_contacts,
            created=now_seconds(now),
            signing_key=Ed25519PrivateKey.generate(),
            mlkem_key=mlkem.MLKEM768PrivateKey.generate(),
            x25519_key=x25519.X25519PrivateKey.generate(),
        )

    @cached_property
    def hpke_private_key(self) -> hpke.MLKEM768X25519PrivateKey:
        return hpke.MLKEM768X25519PrivateKey(self.mlkem_key, self.x25519_key)

    @cached_property
    def card(self) -> PublicCard:
        """This agency's public card, signed by its own signing key."""
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
        )
        return replace(unsigned, signature=self.signing_key.sign(unsigned.signed_message()))

    def sign(self, message: bytes) -> bytes:
        return self.signing_key.sign(message)

    def to_bytes(self) -> bytes:
        """The private identity as JSON bytes: the caller must store it encrypted."""
        doc = {
            "format": IDENTITY_FORMAT,
            "version": FORMAT_VERSION,
            "agency_id": self.agency_id,
            "name": self.name,
            "kind": self.kind.value,
            "contacts": [c.to_dict() for c in self.contacts],
            "created": self.created,
            "signing_private_ed25519": b64(self.signing_key.private_bytes_raw()),
            "hpke_seed_mlkem768": b64(self.mlkem_key.private_bytes_raw()),
            "hpke_private_x25519": b64(self.x25519_key.private_bytes_raw()),
        }
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
                "signing_private_ed25519", "hpke_seed_mlkem768", "hpke_private_x25519",
            },
            set(),
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
        signing = get_bytes(
            obj, "signing_private_ed25519", ED25519_PRIVATE_BYTES, what, IdentityError
        )
        seed = get_bytes(obj, "hpke_seed_mlkem768", MLKEM768_SEED_BYTES, what, IdentityError)
        xpriv = get_bytes(obj, "hpke_private_x25519", X25519_BYTES, what, IdentityError)
        return cls(
            agency_id=get_id(obj, "agency_id", what, IdentityError),
            name=name,
            kind=kind,
            contacts=contacts,
            created=get_time(obj, "created", what, IdentityError),
            signing_key=Ed25519PrivateKey.from_private_bytes(signing),
            mlkem_key=mlkem.MLKEM768PrivateKey.from_seed_bytes(seed),
            x25519_key=x25519.X25519PrivateKey.from_private_bytes(xpriv),
        )
