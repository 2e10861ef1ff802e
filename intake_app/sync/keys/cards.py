"""An agency's profile (name, kind, points of contact), its self-signed public card, and the
fingerprint partners compare out of band before trusting a card.

The card carries the agency's Ed25519 signing key and its HPKE public key for the hybrid KEM
ML-KEM-768 + X25519 (`HPKE_SUITE`: RFC 9180 with HKDF-SHA256 and AES-256-GCM). The hybrid stays
safe while either half does, and data recorded today must stay unreadable for decades.

Since the agency signing key became admin-only, a card may also carry a separate Ed25519
*sender* key (``sender_key_ed25519``): every laptop of the agency holds its private half and
signs envelopes with it, so an ordinary laptop can send without being able to certify devices
or sign profiles. A card without it (made before) means envelopes are signed by the signing key.
``serial`` (absent: 0) grows with each agency-key rotation: a newer card for the same agency,
signed by the same signing key, replaces an older one. Both fields are signed only when present,
so every card made before verifies as it did.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import mlkem, x25519
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from intake_app.domain.agency import AgencyKind
from intake_app.paths import atomic_write
from intake_app.sync.keys.document import (
    ED25519_PUBLIC_BYTES,
    ED25519_SIGNATURE_BYTES,
    FORMAT_VERSION,
    HEX_ID_RE,
    MAX_TIME,
    MIN_TIME,
    MLKEM768_PUBLIC_BYTES,
    X25519_BYTES,
    KeyFormatError,
    b64,
    canonical,
    check_header,
    expect_fields,
    get_bytes,
    get_id,
    get_int,
    get_str,
    get_time,
    load_object,
)
from intake_app.sync.wordlist import WORDS

CARD_FORMAT = "field-intake/card"

_CARD_LABEL = b"field-intake/card/v1\n"
_FINGERPRINT_LABEL = b"field-intake/fingerprint/v1\n"

MAX_CARD_BYTES = 16 * 1024
MAX_CONTACTS = 8
MAX_NAME_CHARS = 120
MAX_ROLE_CHARS = 80
MAX_PHONE_CHARS = 40
MAX_EMAIL_CHARS = 254
FINGERPRINT_WORDS = 8
MAX_CARD_SERIAL = 1_000_000

HPKE_SUITE = hpke.Suite(hpke.KEM.MLKEM768_X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)

_PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()./-]{1,30}[0-9)](?: ?(?:x|ext\.?) ?[0-9]{1,6})?$")
_EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")
# Bidirectional overrides and isolates could make a card's name display as someone else's.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


class CardError(KeyFormatError):
    """A partner card that is damaged, altered, of another version or not a card at all."""

    code = "card_invalid"
    template = "This partner card cannot be used: {detail}."
    plain = (
        "This file is not a usable agency card: it is damaged, was changed after it was made, or "
        "is not a card. Ask the partner to send it again."
    )


class ProfileError(KeyFormatError):
    """An agency name, kind or point of contact that cannot go on a card."""

    code = "agency_profile_invalid"
    template = "The agency details are not valid: {detail}."
    plain = (
        "The agency details are not valid: check the name, and give each contact a phone number "
        "or an email address."
    )


def _check_text(value: object, label: str, max_chars: int, *, required: bool) -> str:
    if not isinstance(value, str):
        raise ProfileError("bad_field", f"{label} must be text")
    if required and not value.strip():
        raise ProfileError("bad_field", f"{label} is required")
    if len(value) > max_chars:
        raise ProfileError("bad_field", f"{label} is longer than {max_chars} characters")
    if value != value.strip():
        raise ProfileError("bad_field", f"{label} starts or ends with spaces")
    if not unicodedata.is_normalized("NFC", value):
        raise ProfileError("bad_field", f"{label} is not in Unicode normal form C")
    for ch in value:
        if ch in _BIDI_CONTROLS or unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn"):
            raise ProfileError("bad_field", f"{label} holds a control or unassigned character")
    return value


@dataclass(frozen=True, slots=True)
class Contact:
    """A point of contact at an agency: name, role, and a phone number or email (or both)."""

    name: str
    role: str = ""
    phone: str = ""
    email: str = ""

    def __post_init__(self) -> None:
        _check_text(self.name, "a contact's name", MAX_NAME_CHARS, required=True)
        _check_text(self.role, "a contact's role", MAX_ROLE_CHARS, required=False)
        _check_text(self.phone, "a contact's phone", MAX_PHONE_CHARS, required=False)
        _check_text(self.email, "a contact's email", MAX_EMAIL_CHARS, required=False)
        if not self.phone and not self.email:
            raise ProfileError("bad_field", "each contact needs a phone number or an email")
        if self.phone and not _PHONE_RE.match(self.phone):
            raise ProfileError("bad_field", "a contact's phone number is not a phone number")
        if self.email and not _EMAIL_RE.match(self.email):
            raise ProfileError("bad_field", "a contact's email is not an email address")

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "role": self.role, "phone": self.phone, "email": self.email}

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> Contact:
        """A contact from a mapping with keys name and, optionally, role, phone, email."""
        expect_fields(data, {"name"}, {"role", "phone", "email"}, "contact", ProfileError)
        values: dict[str, str] = {}
        for key in ("name", "role", "phone", "email"):
            value = data.get(key, "")
            if not isinstance(value, str):
                raise ProfileError("bad_field", f"a contact's {key} must be text")
            values[key] = value
        return cls(**values)


def check_profile(
    name: object, kind: object, contacts: Sequence[Contact | Mapping[str, object]]
) -> tuple[str, AgencyKind, tuple[Contact, ...]]:
    checked_name = _check_text(name, "the agency name", MAX_NAME_CHARS, required=True)
    try:
        checked_kind = AgencyKind(kind if isinstance(kind, str) else "")
    except ValueError:
        raise ProfileError(
            "bad_field", f"the agency kind must be one of {', '.join(k.value for k in AgencyKind)}"
        ) from None
    if isinstance(contacts, str | bytes) or not isinstance(contacts, Sequence):
        raise ProfileError("bad_field", "the points of contact must be a list")
    if not 1 <= len(contacts) <= MAX_CONTACTS:
        raise ProfileError("bad_field", f"an agency needs 1 to {MAX_CONTACTS} points of contact")
    out: list[Contact] = []
    for c in contacts:
        if isinstance(c, Contact):
            out.append(c)
        elif isinstance(c, Mapping):
            out.append(Contact.from_mapping(c))
        else:
            raise ProfileError("bad_field", "each point of contact must be an object")
    return checked_name, checked_kind, tuple(out)


@dataclass(frozen=True)
class PublicCard:
    """An agency's self-signed public card: who it is, whom to call, and its public keys."""

    agency_id: str
    name: str
    kind: AgencyKind
    contacts: tuple[Contact, ...]
    signing_public: bytes = field(repr=False)
    mlkem_public: bytes = field(repr=False)
    x25519_public: bytes = field(repr=False)
    created: int
    signature: bytes = field(repr=False)
    sender_public: bytes | None = field(default=None, repr=False)
    serial: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.agency_id, str) or not HEX_ID_RE.match(self.agency_id):
            raise CardError("bad_field", "the agency id must be 32 lowercase hex characters")
        if self.sender_public is not None and (
            not isinstance(self.sender_public, bytes)
            or len(self.sender_public) != ED25519_PUBLIC_BYTES
        ):
            raise CardError("bad_key_length", "the card's sender key must be 32 bytes")
        if type(self.serial) is not int or not 0 <= self.serial <= MAX_CARD_SERIAL:
            raise CardError("bad_field", "the card's serial is out of range")
        try:
            check_profile(self.name, self.kind, self.contacts)
        except ProfileError as exc:
            raise CardError(exc.reason, str(exc.ids["detail"])) from None
        for key, value, length in (
            ("signing key", self.signing_public, ED25519_PUBLIC_BYTES),
            ("ML-KEM-768 key", self.mlkem_public, MLKEM768_PUBLIC_BYTES),
            ("X25519 key", self.x25519_public, X25519_BYTES),
            ("signature", self.signature, ED25519_SIGNATURE_BYTES),
        ):
            if not isinstance(value, bytes) or len(value) != length:
                raise CardError("bad_key_length", f"the card's {key} must be {length} bytes")
        if type(self.created) is not int or not MIN_TIME <= self.created <= MAX_TIME:
            raise CardError("bad_field", "the card's creation time is not plausible")

    def body(self) -> dict[str, object]:
        """Every field except the signature, as it is signed and written."""
        body: dict[str, object] = {
            "format": CARD_FORMAT,
            "version": FORMAT_VERSION,
            "agency_id": self.agency_id,
            "name": self.name,
            "kind": self.kind.value,
            "contacts": [c.to_dict() for c in self.contacts],
            "created": self.created,
            "signing_key_ed25519": b64(self.signing_public),
            "hpke_key_mlkem768": b64(self.mlkem_public),
            "hpke_key_x25519": b64(self.x25519_public),
        }
        if self.sender_public is not None:
            body["sender_key_ed25519"] = b64(self.sender_public)
        if self.serial:
            body["serial"] = self.serial
        return body

    def signed_message(self) -> bytes:
        return _CARD_LABEL + canonical(self.body())

    def to_json(self) -> bytes:
        """The card file: indented UTF-8 JSON (the signature covers the canonical form)."""
        doc = self.body()
        doc["signature"] = b64(self.signature)
        return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False).encode() + b"\n"

    @classmethod
    def from_json(cls, data: bytes) -> PublicCard:
        """Parse a card file strictly and check its self-signature; raises CardError."""
        obj = load_object(data, MAX_CARD_BYTES, "card", CardError)
        check_header(obj, CARD_FORMAT, "partner card", CardError)
        expect_fields(
            obj,
            {
                "format", "version", "agency_id", "name", "kind", "contacts", "created",
                "signing_key_ed25519", "hpke_key_mlkem768", "hpke_key_x25519", "signature",
            },
            {"sender_key_ed25519", "serial"},
            "card",
            CardError,
        )  # fmt: skip
        raw_contacts = obj["contacts"]
        if not isinstance(raw_contacts, list) or not all(isinstance(c, dict) for c in raw_contacts):
            raise CardError("bad_field", "the card field 'contacts' must be a list of objects")
        for c in raw_contacts:
            expect_fields(c, {"name", "role", "phone", "email"}, set(), "card contact", CardError)
        try:
            name, kind, contacts = check_profile(
                get_str(obj, "name", "card", CardError),
                get_str(obj, "kind", "card", CardError),
                raw_contacts,
            )
        except ProfileError as exc:
            raise CardError(exc.reason, str(exc.ids["detail"])) from None
        card = cls(
            agency_id=get_id(obj, "agency_id", "card", CardError),
            name=name,
            kind=kind,
            contacts=contacts,
            signing_public=get_bytes(
                obj, "signing_key_ed25519", ED25519_PUBLIC_BYTES, "card", CardError
            ),
            mlkem_public=get_bytes(
                obj, "hpke_key_mlkem768", MLKEM768_PUBLIC_BYTES, "card", CardError
            ),
            x25519_public=get_bytes(obj, "hpke_key_x25519", X25519_BYTES, "card", CardError),
            created=get_time(obj, "created", "card", CardError),
            signature=get_bytes(obj, "signature", ED25519_SIGNATURE_BYTES, "card", CardError),
            sender_public=(
                get_bytes(obj, "sender_key_ed25519", ED25519_PUBLIC_BYTES, "card", CardError)
                if "sender_key_ed25519" in obj
                else None
            ),
            serial=get_int(obj, "serial", "card", CardError) if "serial" in obj else 0,
        )
        card.verify()
        return card

    def verify(self) -> None:
        """Check the self-signature and that every public key loads; raises CardError."""
        try:
            self.signing_key.verify(self.signature, self.signed_message())
        except (InvalidSignature, CardError):
            raise CardError(
                "bad_signature",
                "its signature does not match its contents (it was changed after it was signed)",
            ) from None
        _ = self.hpke_public_key

    @cached_property
    def signing_key(self) -> Ed25519PublicKey:
        try:
            return Ed25519PublicKey.from_public_bytes(self.signing_public)
        except ValueError:
            raise CardError("bad_key", "its signing key is not a valid Ed25519 key") from None

    @cached_property
    def sender_key(self) -> Ed25519PublicKey:
        """The key envelopes from this agency are signed with (the signing key on older cards)."""
        if self.sender_public is None:
            return self.signing_key
        try:
            return Ed25519PublicKey.from_public_bytes(self.sender_public)
        except ValueError:
            raise CardError("bad_key", "its sender key is not a valid Ed25519 key") from None

    @cached_property
    def hpke_public_key(self) -> hpke.MLKEM768X25519PublicKey:
        try:
            return hpke.MLKEM768X25519PublicKey(
                mlkem.MLKEM768PublicKey.from_public_bytes(self.mlkem_public),
                x25519.X25519PublicKey.from_public_bytes(self.x25519_public),
            )
        except ValueError:
            raise CardError("bad_key", "its encryption key is not a valid ML-KEM-768 key") from None


def read_card(path: Path) -> PublicCard:
    """Read and check a card file, refusing an oversized file before reading it all."""
    with path.open("rb") as fh:
        data = fh.read(MAX_CARD_BYTES + 1)
    return PublicCard.from_json(data)


def write_card(card: PublicCard, path: Path) -> None:
    """Export a card file (public: safe to hand over on a USB stick or by email)."""
    atomic_write(path, card.to_json())


def fingerprint(card: PublicCard) -> bytes:
    """SHA-256 over a label, the agency id and the three public keys (all fixed width)."""
    return hashlib.sha256(
        _FINGERPRINT_LABEL
        + bytes.fromhex(card.agency_id)
        + card.signing_public
        + card.mlkem_public
        + card.x25519_public
    ).digest()


def fingerprint_words(card: PublicCard, count: int = FINGERPRINT_WORDS) -> list[str]:
    """The first `count` fingerprint bytes as words (8 words: 64 bits, to read aloud)."""
    if not 1 <= count <= 32:
        raise ValueError("count must be 1..32")
    return [WORDS[b] for b in fingerprint(card)[:count]]


def fingerprint_hex(card: PublicCard) -> str:
    """The whole fingerprint as 64 lowercase hex characters, for a careful comparison."""
    return fingerprint(card).hex()
