"""Agency identity, partner cards, key fingerprints and device certificates.

An agency holds two long-term key pairs:

- an Ed25519 signing key: it signs the agency's public card, its device certificates and every
  envelope the agency sends;
- an HPKE key pair for the hybrid KEM ML-KEM-768 + X25519 (RFC 9180 suite with HKDF-SHA256 and
  AES-256-GCM): partners encrypt envelopes to it. The hybrid stays safe while either half does,
  and data recorded today must stay unreadable for decades.

Each laptop also has its own Ed25519 device key, certified by the agency's signing key, so the
relay can refuse one lost laptop without the agency re-keying at once.

Formats. All are UTF-8 JSON, version 1, and parsed strictly: an unknown or missing field, a
wrong type (a boolean is not an integer), a float, a duplicate key, non-canonical base64, a key
of the wrong length or an input over its size limit is refused with a typed error.

- Private identity (`AgencyIdentity.to_bytes`): holds the private keys. This module never writes
  it anywhere; the caller keeps it in the encrypted database.
- Public card (`PublicCard.to_json`): the file an agency hands to partners. Self-signed.
- Device key (`DeviceKey.to_bytes`, private, stored like the identity) and device certificate
  (`DeviceCertificate.to_json`, public, signed by the agency).
- Device revocation (`DeviceRevocation.to_json`, public, signed by the agency): refuse one
  laptop at the relay.

Every signature here is over ``LABEL || canonical JSON of the body`` (sorted keys, no spaces,
ASCII escapes; the bodies hold only strings, integers, lists and objects, so this form is unique).
Each purpose has its own label, and envelopes start with their own magic, so a signature made
for one purpose can never be presented as another.

Ids (agency, device) are 16 random bytes written as 32 lowercase hex characters. Times are whole
seconds since the Unix epoch, UTC.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
import time
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import NoReturn

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import mlkem, x25519
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from intake_app.domain.agency import AgencyKind
from intake_app.errors import IntakeError
from intake_app.paths import atomic_write
from intake_app.sync.wordlist import WORDS

FORMAT_VERSION = 1
CARD_FORMAT = "field-intake/card"
IDENTITY_FORMAT = "field-intake/identity"
DEVICE_KEY_FORMAT = "field-intake/device-key"
DEVICE_CERT_FORMAT = "field-intake/device-certificate"
DEVICE_REVOCATION_FORMAT = "field-intake/device-revocation"

_CARD_LABEL = b"field-intake/card/v1\n"
_DEVICE_CERT_LABEL = b"field-intake/device-certificate/v1\n"
_DEVICE_REVOCATION_LABEL = b"field-intake/device-revocation/v1\n"
_FINGERPRINT_LABEL = b"field-intake/fingerprint/v1\n"

ID_BYTES = 16
ED25519_PUBLIC_BYTES = 32
ED25519_PRIVATE_BYTES = 32
ED25519_SIGNATURE_BYTES = 64
X25519_BYTES = 32
MLKEM768_PUBLIC_BYTES = 1184
MLKEM768_SEED_BYTES = 64

MAX_CARD_BYTES = 16 * 1024
MAX_IDENTITY_BYTES = 16 * 1024
MAX_DEVICE_BYTES = 4 * 1024
MAX_CONTACTS = 8
MAX_NAME_CHARS = 120
MAX_ROLE_CHARS = 80
MAX_PHONE_CHARS = 40
MAX_EMAIL_CHARS = 254
FINGERPRINT_WORDS = 8
CERT_SKEW_SECONDS = 300
# Times outside this window are a broken clock or a forged field, not a real card or certificate.
MIN_TIME = 1_704_067_200  # 2024-01-01T00:00:00Z
MAX_TIME = 4_102_444_800  # 2100-01-01T00:00:00Z

HPKE_SUITE = hpke.Suite(hpke.KEM.MLKEM768_X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)

_HEX_ID_RE = re.compile(r"^[0-9a-f]{32}$")
_PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()./-]{1,30}[0-9)](?: ?(?:x|ext\.?) ?[0-9]{1,6})?$")
_EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")
# Bidirectional overrides and isolates could make a card's name display as someone else's.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")




class _KeyFormatError(IntakeError):
    """Base of this module's errors: a stable `reason` code plus an English `detail`."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(reason=reason, detail=detail)

    @property
    def reason(self) -> str:
        return str(self.ids["reason"])


class CardError(_KeyFormatError):
    """A partner card that is damaged, altered, of another version or not a card at all."""

    code = "card_invalid"
    template = "This partner card cannot be used: {detail}."
    plain = (
        "This file is not a usable agency card: it is damaged, was changed after it was made, or "
        "is not a card. Ask the partner to send it again."
    )


class IdentityError(_KeyFormatError):
    """A stored agency identity or device key that cannot be read back."""

    code = "identity_invalid"
    template = "The stored agency keys cannot be read: {detail}."
    plain = "The agency keys stored on this laptop cannot be read. Restore from a backup."


class ProfileError(_KeyFormatError):
    """An agency name, kind or point of contact that cannot go on a card."""

    code = "agency_profile_invalid"
    template = "The agency details are not valid: {detail}."
    plain = (
        "The agency details are not valid: check the name, and give each contact a phone number "
        "or an email address."
    )


class CertificateError(_KeyFormatError):
    """A device certificate that is damaged, expired or not signed by the agency."""

    code = "device_certificate_invalid"
    template = "The device certificate was refused: {detail}."
    plain = (
        "This laptop's device certificate was refused. Ask your administrator to enrol the laptop"
        " again."
    )


ErrorFactory = Callable[[str, str], _KeyFormatError]


# --- small strict helpers --------------------------------------------------------------------
def new_id() -> str:
    """A fresh random 16-byte id as 32 lowercase hex characters."""
    return os.urandom(ID_BYTES).hex()


def _now(now: float | None) -> int:
    return int(time.time() if now is None else now)


def _canonical(body: Mapping[str, object]) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _reject_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise ValueError("duplicate key")
    return out


def _reject_float(_text: str) -> NoReturn:
    raise ValueError("float")


def _load_object(data: bytes, max_bytes: int, what: str, err: ErrorFactory) -> dict[str, object]:
    if not isinstance(data, bytes | bytearray | memoryview):
        raise err("not_bytes", f"the {what} must be bytes")
    if len(data) > max_bytes:
        raise err("oversized", f"the {what} is larger than {max_bytes} bytes")
    failed = False
    try:
        obj = json.loads(
            bytes(data).decode("utf-8"),
            object_pairs_hook=_reject_duplicates,
            parse_float=_reject_float,
            parse_constant=_reject_float,
        )
    except (ValueError, RecursionError):
        failed = True
    # Raised outside the except block so the parser's exception (which holds the input) is not
    # chained onto ours and carried into logs.
    if failed:
        raise err("not_json", f"the {what} is not valid JSON")
    if not isinstance(obj, dict):
        raise err("not_json", f"the {what} is not a JSON object")
    return obj


def _expect_fields(
    obj: Mapping[str, object], required: set[str], optional: set[str], what: str, err: ErrorFactory
) -> None:
    missing = required - obj.keys()
    if missing:
        raise err("missing_field", f"the {what} lacks the field {sorted(missing)[0]!r}")
    unknown = obj.keys() - required - optional
    if unknown:
        raise err("unknown_field", f"the {what} has an unknown field {sorted(unknown)[0]!r}")


def _check_header(obj: Mapping[str, object], fmt: str, what: str, err: ErrorFactory) -> None:
    if obj.get("format") != fmt:
        raise err("wrong_format", f"this file is not a {what}")
    version = obj.get("version")
    if type(version) is not int or version != FORMAT_VERSION:
        raise err(
            "wrong_version",
            f"the {what} has version {version!r}; this app reads version {FORMAT_VERSION}",
        )


def _get_str(obj: Mapping[str, object], key: str, what: str, err: ErrorFactory) -> str:
    value = obj[key]
    if not isinstance(value, str):
        raise err("bad_field", f"the {what} field {key!r} must be text")
    return value


def _get_int(obj: Mapping[str, object], key: str, what: str, err: ErrorFactory) -> int:
    value = obj[key]
    if type(value) is not int:
        raise err("bad_field", f"the {what} field {key!r} must be a whole number")
    return value


def _get_time(obj: Mapping[str, object], key: str, what: str, err: ErrorFactory) -> int:
    value = _get_int(obj, key, what, err)
    if not MIN_TIME <= value <= MAX_TIME:
        raise err("bad_field", f"the {what} field {key!r} is not a plausible time")
    return value


def _get_id(obj: Mapping[str, object], key: str, what: str, err: ErrorFactory) -> str:
    value = _get_str(obj, key, what, err)
    if not _HEX_ID_RE.match(value):
        raise err("bad_field", f"the {what} field {key!r} must be 32 lowercase hex characters")
    return value


def _get_bytes(
    obj: Mapping[str, object], key: str, length: int, what: str, err: ErrorFactory
) -> bytes:
    text = _get_str(obj, key, what, err)
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raw = None
    # Only the canonical encoding is accepted, so one key has exactly one spelling.
    if raw is None or _b64(raw) != text:
        raise err("bad_field", f"the {what} field {key!r} is not canonical base64")
    if len(raw) != length:
        raise err(
            "bad_key_length",
            f"the {what} field {key!r} holds {len(raw)} bytes; it must hold {length}",
        )
    return raw


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


# --- profile ---------------------------------------------------------------------------------
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
        _expect_fields(data, {"name"}, {"role", "phone", "email"}, "contact", ProfileError)
        values: dict[str, str] = {}
        for key in ("name", "role", "phone", "email"):
            value = data.get(key, "")
            if not isinstance(value, str):
                raise ProfileError("bad_field", f"a contact's {key} must be text")
            values[key] = value
        return cls(**values)


def _check_profile(
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


# --- public card -----------------------------------------------------------------------------
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

    def __post_init__(self) -> None:
        if not isinstance(self.agency_id, str) or not _HEX_ID_RE.match(self.agency_id):
            raise CardError("bad_field", "the agency id must be 32 lowercase hex characters")
        try:
            _check_profile(self.name, self.kind, self.contacts)
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
        return {
            "format": CARD_FORMAT,
            "version": FORMAT_VERSION,
            "agency_id": self.agency_id,
            "name": self.name,
            "kind": self.kind.value,
            "contacts": [c.to_dict() for c in self.contacts],
            "created": self.created,
            "signing_key_ed25519": _b64(self.signing_public),
            "hpke_key_mlkem768": _b64(self.mlkem_public),
            "hpke_key_x25519": _b64(self.x25519_public),
        }

    def signed_message(self) -> bytes:
        return _CARD_LABEL + _canonical(self.body())

    def to_json(self) -> bytes:
        """The card file: indented UTF-8 JSON (the signature covers the canonical form)."""
        doc = self.body()
        doc["signature"] = _b64(self.signature)
        return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False).encode() + b"\n"

    @classmethod
    def from_json(cls, data: bytes) -> PublicCard:
        """Parse a card file strictly and check its self-signature; raises CardError."""
        obj = _load_object(data, MAX_CARD_BYTES, "card", CardError)
        _check_header(obj, CARD_FORMAT, "partner card", CardError)
        _expect_fields(
            obj,
            {
                "format", "version", "agency_id", "name", "kind", "contacts", "created",
                "signing_key_ed25519", "hpke_key_mlkem768", "hpke_key_x25519", "signature",
            },
            set(),
            "card",
            CardError,
        )  # fmt: skip
        raw_contacts = obj["contacts"]
        if not isinstance(raw_contacts, list) or not all(isinstance(c, dict) for c in raw_contacts):
            raise CardError("bad_field", "the card field 'contacts' must be a list of objects")
        for c in raw_contacts:
            _expect_fields(c, {"name", "role", "phone", "email"}, set(), "card contact", CardError)
        try:
            name, kind, contacts = _check_profile(
                _get_str(obj, "name", "card", CardError),
                _get_str(obj, "kind", "card", CardError),
                raw_contacts,
            )
        except ProfileError as exc:
            raise CardError(exc.reason, str(exc.ids["detail"])) from None
        card = cls(
            agency_id=_get_id(obj, "agency_id", "card", CardError),
            name=name,
            kind=kind,
            contacts=contacts,
            signing_public=_get_bytes(
                obj, "signing_key_ed25519", ED25519_PUBLIC_BYTES, "card", CardError
            ),
            mlkem_public=_get_bytes(
                obj, "hpke_key_mlkem768", MLKEM768_PUBLIC_BYTES, "card", CardError
            ),
            x25519_public=_get_bytes(obj, "hpke_key_x25519", X25519_BYTES, "card", CardError),
            created=_get_time(obj, "created", "card", CardError),
            signature=_get_bytes(obj, "signature", ED25519_SIGNATURE_BYTES, "card", CardError),
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


# --- private identity ------------------------------------------------------------------------
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
        if not isinstance(self.agency_id, str) or not _HEX_ID_RE.match(self.agency_id):
            raise ProfileError("bad_field", "the agency id must be 32 lowercase hex characters")
        _check_profile(self.name, self.kind, self.contacts)
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
        checked_name, checked_kind, checked_contacts = _check_profile(name, kind, contacts)
        return cls(
            agency_id=new_id(),
            name=checked_name,
            kind=checked_kind,
            contacts=checked_contacts,
            created=_now(now),
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
            "signing_private_ed25519": _b64(self.signing_key.private_bytes_raw()),
            "hpke_seed_mlkem768": _b64(self.mlkem_key.private_bytes_raw()),
            "hpke_private_x25519": _b64(self.x25519_key.private_bytes_raw()),
        }
        return _canonical(doc)

    @classmethod
    def from_bytes(cls, data: bytes) -> AgencyIdentity:
        """Read back what `to_bytes` wrote; raises IdentityError."""
        what = "identity"
        obj = _load_object(data, MAX_IDENTITY_BYTES, what, IdentityError)
        _check_header(obj, IDENTITY_FORMAT, "stored agency identity", IdentityError)
        _expect_fields(
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
            name, kind, contacts = _check_profile(obj["name"], obj["kind"], raw_contacts)
        except ProfileError as exc:
            raise IdentityError(exc.reason, str(exc.ids["detail"])) from None
        signing = _get_bytes(
            obj, "signing_private_ed25519", ED25519_PRIVATE_BYTES, what, IdentityError
        )
        seed = _get_bytes(obj, "hpke_seed_mlkem768", MLKEM768_SEED_BYTES, what, IdentityError)
        xpriv = _get_bytes(obj, "hpke_private_x25519", X25519_BYTES, what, IdentityError)
        return cls(
            agency_id=_get_id(obj, "agency_id", what, IdentityError),
            name=name,
            kind=kind,
            contacts=contacts,
            created=_get_time(obj, "created", what, IdentityError),
            signing_key=Ed25519PrivateKey.from_private_bytes(signing),
            mlkem_key=mlkem.MLKEM768PrivateKey.from_seed_bytes(seed),
            x25519_key=x25519.X25519PrivateKey.from_private_bytes(xpriv),
        )


# --- devices ---------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class DeviceKey:
    """One laptop's own Ed25519 key (private: store it like the identity, encrypted)."""

    device_id: str
    private_key: Ed25519PrivateKey = field(repr=False)

    @classmethod
    def generate(cls) -> DeviceKey:
        return cls(device_id=new_id(), private_key=Ed25519PrivateKey.generate())

    @property
    def public_bytes(self) -> bytes:
        return self.private_key.public_key().public_bytes_raw()

    def sign(self, message: bytes) -> bytes:
        return self.private_key.sign(message)

    def to_bytes(self) -> bytes:
        return _canonical(
            {
                "format": DEVICE_KEY_FORMAT,
                "version": FORMAT_VERSION,
                "device_id": self.device_id,
                "private_ed25519": _b64(self.private_key.private_bytes_raw()),
            }
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> DeviceKey:
        what = "device key"
        obj = _load_object(data, MAX_DEVICE_BYTES, what, IdentityError)
        _check_header(obj, DEVICE_KEY_FORMAT, what, IdentityError)
        _expect_fields(
            obj, {"format", "version", "device_id", "private_ed25519"}, set(), what, IdentityError
        )
        raw = _get_bytes(obj, "private_ed25519", ED25519_PRIVATE_BYTES, what, IdentityError)
        return cls(
            device_id=_get_id(obj, "device_id", what, IdentityError),
            private_key=Ed25519PrivateKey.from_private_bytes(raw),
        )


@dataclass(frozen=True)
class DeviceCertificate:
    """The agency's statement that `device_public` is the key of its laptop `device_id`."""

    agency_id: str
    device_id: str
    device_public: bytes
    issued: int
    expires: int | None
    signature: bytes = field(repr=False)

    def body(self) -> dict[str, object]:
        return {
            "format": DEVICE_CERT_FORMAT,
            "version": FORMAT_VERSION,
            "agency_id": self.agency_id,
            "device_id": self.device_id,
            "device_key_ed25519": _b64(self.device_public),
            "issued": self.issued,
            "expires": self.expires,
        }

    def signed_message(self) -> bytes:
        return _DEVICE_CERT_LABEL + _canonical(self.body())

    @classmethod
    def issue(
        cls,
        agency: AgencyIdentity,
        device_id: str,
        device_public: bytes,
        *,
        now: float | None = None,
        ttl_seconds: int | None = None,
    ) -> DeviceCertificate:
        """Certify a laptop's public key; no `ttl_seconds` means valid until revoked."""
        if not isinstance(device_id, str) or not _HEX_ID_RE.match(device_id):
            raise CertificateError("bad_field", "the device id must be 32 lowercase hex characters")
        if not isinstance(device_public, bytes) or len(device_public) != ED25519_PUBLIC_BYTES:
            raise CertificateError("bad_key_length", "the device key must be 32 bytes")
        issued = _now(now)
        if ttl_seconds is not None and (type(ttl_seconds) is not int or ttl_seconds <= 0):
            raise CertificateError("bad_field", "the certificate lifetime must be positive")
        expires = None if ttl_seconds is None else issued + ttl_seconds
        unsigned = cls(agency.agency_id, device_id, device_public, issued, expires, b"")
        signature = agency.sign(unsigned.signed_message())
        return cls(agency.agency_id, device_id, device_public, issued, expires, signature)

    def verify(self, agency: PublicCard, now: float, skew_seconds: int = CERT_SKEW_SECONDS) -> None:
        """Check agency, signature and validity window at `now`; raises CertificateError."""
        self.verify_with_key(agency.agency_id, agency.signing_key, now, skew_seconds)

    def verify_with_key(
        self,
        agency_id: str,
        agency_key: Ed25519PublicKey,
        now: float,
        skew_seconds: int = CERT_SKEW_SECONDS,
    ) -> None:
        """`verify` against an agency id and its bare signing key (what a relay registers)."""
        if self.agency_id != agency_id:
            raise CertificateError("wrong_agency", "it was issued by another agency")
        try:
            agency_key.verify(self.signature, self.signed_message())
        except InvalidSignature:
            raise CertificateError(
                "bad_signature", "its signature is not the agency's (it was altered or forged)"
            ) from None
        if self.issued > now + skew_seconds:
            raise CertificateError("not_yet_valid", "it was issued in the future")
        if self.expires is not None and now > self.expires + skew_seconds:
            raise CertificateError("expired", "it has expired")

    def to_json(self) -> bytes:
        doc = self.body()
        doc["signature"] = _b64(self.signature)
        return _canonical(doc)

    @classmethod
    def from_json(cls, data: bytes) -> DeviceCertificate:
        """Parse strictly; the signature is checked by `verify`, which needs the agency card."""
        what = "device certificate"
        err = CertificateError
        obj = _load_object(data, MAX_DEVICE_BYTES, what, err)
        _check_header(obj, DEVICE_CERT_FORMAT, what, err)
        _expect_fields(
            obj,
            {
                "format", "version", "agency_id", "device_id", "device_key_ed25519", "issued",
                "expires", "signature",
            },
            set(),
            what,
            err,
        )  # fmt: skip
        issued = _get_time(obj, "issued", what, err)
        expires = None if obj["expires"] is None else _get_time(obj, "expires", what, err)
        if expires is not None and expires <= issued:
            raise err("bad_field", "the certificate expires before it was issued")
        return cls(
            agency_id=_get_id(obj, "agency_id", what, err),
            device_id=_get_id(obj, "device_id", what, err),
            device_public=_get_bytes(obj, "device_key_ed25519", ED25519_PUBLIC_BYTES, what, err),
            issued=issued,
            expires=expires,
            signature=_get_bytes(obj, "signature", ED25519_SIGNATURE_BYTES, what, err),
        )

    @property
    def device_key(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(self.device_public)


@dataclass(frozen=True)
class DeviceRevocation:
    """The agency's signed statement that its laptop `device_id` must be refused from now on.

    Any laptop of the agency can make one (each holds the agency identity) and hand it to the
    relay (POST /v1/devices/revoke), so a lost laptop is cut off without waiting for the relay's
    operator. It also works for a laptop that never enrolled: its id can then never enrol.
    """

    agency_id: str
    device_id: str
    issued: int
    signature: bytes = field(repr=False)

    def body(self) -> dict[str, object]:
        return {
            "format": DEVICE_REVOCATION_FORMAT,
            "version": FORMAT_VERSION,
            "agency_id": self.agency_id,
            "device_id": self.device_id,
            "issued": self.issued,
        }

    def signed_message(self) -> bytes:
        return _DEVICE_REVOCATION_LABEL + _canonical(self.body())

    @classmethod
    def issue(
        cls, agency: AgencyIdentity, device_id: str, *, now: float | None = None
    ) -> DeviceRevocation:
        if not isinstance(device_id, str) or not _HEX_ID_RE.match(device_id):
            raise CertificateError("bad_field", "the device id must be 32 lowercase hex characters")
        unsigned = cls(agency.agency_id, device_id, _now(now), b"")
        return replace(unsigned, signature=agency.sign(unsigned.signed_message()))

    def verify_with_key(
        self,
        agency_id: str,
        agency_key: Ed25519PublicKey,
        now: float,
        skew_seconds: int = CERT_SKEW_SECONDS,
    ) -> None:
        """Check agency, signature and that it was not issued in the future; raises
        CertificateError. (Its age does not matter: revoking is final, a replay changes
        nothing.)"""
        if self.agency_id != agency_id:
            raise CertificateError("wrong_agency", "it was issued by another agency")
        try:
            agency_key.verify(self.signature, self.signed_message())
        except InvalidSignature:
            raise CertificateError(
                "bad_signature", "its signature is not the agency's (it was altered or forged)"
            ) from None
        if self.issued > now + skew_seconds:
            raise CertificateError("not_yet_valid", "it was issued in the future")

    def to_json(self) -> bytes:
        doc = self.body()
        doc["signature"] = _b64(self.signature)
        return _canonical(doc)

    @classmethod
    def from_json(cls, data: bytes) -> DeviceRevocation:
        """Parse strictly; `verify_with_key` checks the signature."""
        what = "device revocation"
        err = CertificateError
        obj = _load_object(data, MAX_DEVICE_BYTES, what, err)
        _check_header(obj, DEVICE_REVOCATION_FORMAT, what, err)
        _expect_fields(
            obj,
            {"format", "version", "agency_id", "device_id", "issued", "signature"},
            set(),
            what,
            err,
        )
        return cls(
            agency_id=_get_id(obj, "agency_id", what, err),
            device_id=_get_id(obj, "device_id", what, err),
            issued=_get_time(obj, "issued", what, err),
            signature=_get_bytes(obj, "signature", ED25519_SIGNATURE_BYTES, what, err),
        )
