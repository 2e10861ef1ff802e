"""Device documents: each laptop's own Ed25519 key, the agency's certificate for it, and the
agency's signed revocation that makes the relay refuse a lost laptop without re-keying at once.

The device key (`DeviceKey.to_bytes`) is private and stored like the identity; the certificate
and the revocation are public, signed by the agency's signing key.

Certificates issued since the signing key became admin-only also carry (signed, so a relay can
rely on them): ``role`` (``admin``: the relay accepts revocations sent by this device; ``member``:
an ordinary laptop), ``token`` (a one-time enrolment token: the relay enrols one device with it,
once) and ``device_box_x25519`` (the device's X25519 public key: what the agency's new HPKE key
is sealed to when an administrator rotates it). Certificates made before carry none of them and
verify as they did; a relay refuses to enrol a device with one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from intake_app.sync.keys.cards import PublicCard
from intake_app.sync.keys.document import (
    ED25519_PRIVATE_BYTES,
    ED25519_PUBLIC_BYTES,
    ED25519_SIGNATURE_BYTES,
    FORMAT_VERSION,
    HEX_ID_RE,
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
from intake_app.sync.keys.identity import AgencyIdentity, IdentityError

DEVICE_KEY_FORMAT = "field-intake/device-key"
DEVICE_CERT_FORMAT = "field-intake/device-certificate"
DEVICE_REVOCATION_FORMAT = "field-intake/device-revocation"

_DEVICE_CERT_LABEL = b"field-intake/device-certificate/v1\n"
_DEVICE_REVOCATION_LABEL = b"field-intake/device-revocation/v1\n"

MAX_DEVICE_BYTES = 4 * 1024
CERT_SKEW_SECONDS = 300


class CertificateError(KeyFormatError):
    """A device certificate that is damaged, expired or not signed by the agency."""

    code = "device_certificate_invalid"
    template = "The device certificate was refused: {detail}."
    plain = (
        "This laptop's device certificate was refused. Ask your administrator to enrol the laptop"
        " again."
    )


@dataclass(frozen=True, eq=False)
class DeviceKey:
    """One laptop's own Ed25519 key (private: store it like the identity, encrypted)."""

    device_id: str
    private_key: Ed25519PrivateKey = field(repr=False)
    # X25519, for what is sealed to this one laptop (a rotated agency key); None on keys made
    # before rotations existed.
    box_key: X25519PrivateKey | None = field(default=None, repr=False)

    @classmethod
    def generate(cls) -> DeviceKey:
        return cls(
            device_id=new_id(),
            private_key=Ed25519PrivateKey.generate(),
            box_key=X25519PrivateKey.generate(),
        )

    @property
    def public_bytes(self) -> bytes:
        return self.private_key.public_key().public_bytes_raw()

    @property
    def box_public(self) -> bytes | None:
        return None if self.box_key is None else self.box_key.public_key().public_bytes_raw()

    def sign(self, message: bytes) -> bytes:
        return self.private_key.sign(message)

    def to_bytes(self) -> bytes:
        doc: dict[str, object] = {
            "format": DEVICE_KEY_FORMAT,
            "version": FORMAT_VERSION,
            "device_id": self.device_id,
            "private_ed25519": b64(self.private_key.private_bytes_raw()),
        }
        if self.box_key is not None:
            doc["private_x25519"] = b64(self.box_key.private_bytes_raw())
        return canonical(doc)

    @classmethod
    def from_bytes(cls, data: bytes) -> DeviceKey:
        what = "device key"
        obj = load_object(data, MAX_DEVICE_BYTES, what, IdentityError)
        check_header(obj, DEVICE_KEY_FORMAT, what, IdentityError)
        expect_fields(
            obj,
            {"format", "version", "device_id", "private_ed25519"},
            {"private_x25519"},
            what,
            IdentityError,
        )
        raw = get_bytes(obj, "private_ed25519", ED25519_PRIVATE_BYTES, what, IdentityError)
        box = None
        if "private_x25519" in obj:
            box_raw = get_bytes(obj, "private_x25519", X25519_BYTES, what, IdentityError)
            box = X25519PrivateKey.from_private_bytes(box_raw)
        return cls(
            device_id=get_id(obj, "device_id", what, IdentityError),
            private_key=Ed25519PrivateKey.from_private_bytes(raw),
            box_key=box,
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
    admin: bool = False
    token: str | None = None  # None: issued before enrolment tokens (the relay refuses it)
    box_public: bytes | None = field(default=None, repr=False)

    def body(self) -> dict[str, object]:
        body: dict[str, object] = {
            "format": DEVICE_CERT_FORMAT,
            "version": FORMAT_VERSION,
            "agency_id": self.agency_id,
            "device_id": self.device_id,
            "device_key_ed25519": b64(self.device_public),
            "issued": self.issued,
            "expires": self.expires,
        }
        if self.token is not None:
            body["role"] = "admin" if self.admin else "member"
            body["token"] = self.token
        if self.box_public is not None:
            body["device_box_x25519"] = b64(self.box_public)
        return body

    def signed_message(self) -> bytes:
        return _DEVICE_CERT_LABEL + canonical(self.body())

    @classmethod
    def issue(
        cls,
        agency: AgencyIdentity,
        device_id: str,
        device_public: bytes,
        *,
        now: float | None = None,
        ttl_seconds: int | None = None,
        admin: bool = False,
        box_public: bytes | None = None,
    ) -> DeviceCertificate:
        """Certify a laptop's public key, with a fresh one-time enrolment token; no
        `ttl_seconds` means valid until revoked. Needs the agency signing key."""
        if not isinstance(device_id, str) or not HEX_ID_RE.match(device_id):
            raise CertificateError("bad_field", "the device id must be 32 lowercase hex characters")
        if not isinstance(device_public, bytes) or len(device_public) != ED25519_PUBLIC_BYTES:
            raise CertificateError("bad_key_length", "the device key must be 32 bytes")
        issued = now_seconds(now)
        if ttl_seconds is not None and (type(ttl_seconds) is not int or ttl_seconds <= 0):
            raise CertificateError("bad_field", "the certificate lifetime must be positive")
        expires = None if ttl_seconds is None else issued + ttl_seconds
        if box_public is not None and (
            not isinstance(box_public, bytes) or len(box_public) != X25519_BYTES
        ):
            raise CertificateError("bad_key_length", "the device box key must be 32 bytes")
        unsigned = cls(
            agency.agency_id, device_id, device_public, issued, expires, b"",
            admin=bool(admin), token=new_id(), box_public=box_public,
        )  # fmt: skip
        return replace(unsigned, signature=agency.sign(unsigned.signed_message()))

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
        doc["signature"] = b64(self.signature)
        return canonical(doc)

    @classmethod
    def from_json(cls, data: bytes) -> DeviceCertificate:
        """Parse strictly; the signature is checked by `verify`, which needs the agency card."""
        what = "device certificate"
        err = CertificateError
        obj = load_object(data, MAX_DEVICE_BYTES, what, err)
        check_header(obj, DEVICE_CERT_FORMAT, what, err)
        expect_fields(
            obj,
            {
                "format", "version", "agency_id", "device_id", "device_key_ed25519", "issued",
                "expires", "signature",
            },
            {"role", "token", "device_box_x25519"},
            what,
            err,
        )  # fmt: skip
        issued = get_time(obj, "issued", what, err)
        expires = None if obj["expires"] is None else get_time(obj, "expires", what, err)
        if expires is not None and expires <= issued:
            raise err("bad_field", "the certificate expires before it was issued")
        if ("role" in obj) != ("token" in obj):
            raise err("bad_field", "a certificate's role and token come together")
        admin, token = False, None
        if "token" in obj:
            if obj["role"] not in ("admin", "member"):
                raise err("bad_field", "the certificate's role is not admin or member")
            admin = obj["role"] == "admin"
            token = get_id(obj, "token", what, err)
        box = None
        if "device_box_x25519" in obj:
            box = get_bytes(obj, "device_box_x25519", X25519_BYTES, what, err)
        return cls(
            admin=admin,
            token=token,
            box_public=box,
            agency_id=get_id(obj, "agency_id", what, err),
            device_id=get_id(obj, "device_id", what, err),
            device_public=get_bytes(obj, "device_key_ed25519", ED25519_PUBLIC_BYTES, what, err),
            issued=issued,
            expires=expires,
            signature=get_bytes(obj, "signature", ED25519_SIGNATURE_BYTES, what, err),
        )

    @property
    def device_key(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(self.device_public)


@dataclass(frozen=True)
class DeviceRevocation:
    """The agency's signed statement that its laptop `device_id` must be refused from now on.

    Only a holder of the agency signing key (an administrator's laptop) can make one, and the
    relay takes it (POST /v1/devices/revoke) only from a device certified as an administrator's,
    so a lost laptop is cut off without waiting for the relay's operator, and a lost ordinary
    laptop cannot cut off the others. It also works for a laptop that never enrolled: its id can
    then never enrol.
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
        return _DEVICE_REVOCATION_LABEL + canonical(self.body())

    @classmethod
    def issue(
        cls, agency: AgencyIdentity, device_id: str, *, now: float | None = None
    ) -> DeviceRevocation:
        if not isinstance(device_id, str) or not HEX_ID_RE.match(device_id):
            raise CertificateError("bad_field", "the device id must be 32 lowercase hex characters")
        unsigned = cls(agency.agency_id, device_id, now_seconds(now), b"")
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
        doc["signature"] = b64(self.signature)
        return canonical(doc)

    @classmethod
    def from_json(cls, data: bytes) -> DeviceRevocation:
        """Parse strictly; `verify_with_key` checks the signature."""
        what = "device revocation"
        err = CertificateError
        obj = load_object(data, MAX_DEVICE_BYTES, what, err)
        check_header(obj, DEVICE_REVOCATION_FORMAT, what, err)
        expect_fields(
            obj,
            {"format", "version", "agency_id", "device_id", "issued", "signature"},
            set(),
            what,
            err,
        )
        return cls(
            agency_id=get_id(obj, "agency_id", what, err),
            device_id=get_id(obj, "device_id", what, err),
            issued=get_time(obj, "issued", what, err),
            signature=get_bytes(obj, "signature", ED25519_SIGNATURE_BYTES, what, err),
        )
