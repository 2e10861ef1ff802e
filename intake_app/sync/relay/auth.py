"""Request signing for the relay: each request is signed by the device's Ed25519 key.

The signed message is ``intake-relay-v1|METHOD|PATH?QUERY|TIMESTAMP|NONCE|SHA256(BODY)``.
The query string is part of the path on purpose: the routing metadata of a posted envelope
(id, recipient, expiry) travels there, so it is covered by the signature too. The key that
verifies is the one registered for (agency id, device id), so both ids are bound as well.

Both sides use this module: the client (`sign_request`) and the relay (`parse_auth`, `verify`).
It holds no state: the freshness window is checked here, replayed nonces by the store.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from intake_app.errors import IntakeError
from intake_app.sync.relay.limits import ascii_int

HEADER_AGENCY = "x-intake-agency"
HEADER_DEVICE = "x-intake-device"
HEADER_TIMESTAMP = "x-intake-timestamp"
HEADER_NONCE = "x-intake-nonce"
HEADER_SIGNATURE = "x-intake-signature"

MAX_SKEW_SECONDS = 300
NONCE_BYTES = 16
_DOMAIN = b"intake-relay-v1"
# Agency and device ids are short tokens: they appear in headers, paths and folder names.
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class AuthFailed(IntakeError):
    """A request whose signature headers are missing, malformed, stale or wrong."""

    code = "relay_auth_failed"
    template = "The relay refused the request's signature ({reason})."
    plain = "The relay refused this laptop's signature ({reason})."

    @property
    def reason(self) -> str:
        return str(self.ids["reason"])


def valid_id(value: str) -> bool:
    """True for an agency or device id the relay accepts (1-64 of A-Z a-z 0-9 . _ -)."""
    return bool(_ID_RE.match(value))


@dataclass(frozen=True, slots=True)
class SignedRequest:
    """The authentication claims of one request, parsed but not yet verified."""

    agency_id: str
    device_id: str
    timestamp: int
    nonce: bytes
    signature: bytes


def signing_message(
    method: str, path: str, timestamp: int, nonce: bytes, body_sha256: bytes
) -> bytes:
    """The exact bytes a device signs for one request."""
    return b"|".join(
        (
            _DOMAIN,
            method.upper().encode("ascii"),
            path.encode("utf-8"),
            str(timestamp).encode("ascii"),
            nonce.hex().encode("ascii"),
            body_sha256.hex().encode("ascii"),
        )
    )


def sign_request(
    key: Ed25519PrivateKey,
    *,
    agency_id: str,
    device_id: str,
    method: str,
    path: str,
    body: bytes,
    timestamp: int,
    nonce: bytes | None = None,
) -> dict[str, str]:
    """Headers that authenticate one request; `path` includes the query string."""
    nonce = os.urandom(NONCE_BYTES) if nonce is None else nonce
    message = signing_message(method, path, timestamp, nonce, hashlib.sha256(body).digest())
    return {
        HEADER_AGENCY: agency_id,
        HEADER_DEVICE: device_id,
        HEADER_TIMESTAMP: str(timestamp),
        HEADER_NONCE: nonce.hex(),
        HEADER_SIGNATURE: base64.b64encode(key.sign(message)).decode("ascii"),
    }


def parse_auth(headers: Mapping[str, str]) -> SignedRequest:
    """Read the signature headers (names lower-case); raise AuthFailed if any is malformed."""
    try:
        agency = headers[HEADER_AGENCY]
        device = headers[HEADER_DEVICE]
        timestamp_text = headers[HEADER_TIMESTAMP]
        nonce_text = headers[HEADER_NONCE]
        signature_text = headers[HEADER_SIGNATURE]
    except KeyError:
        raise AuthFailed(reason="missing_signature") from None
    if not (valid_id(agency) and valid_id(device)):
        raise AuthFailed(reason="bad_identity")
    timestamp = ascii_int(timestamp_text, 12)
    if timestamp is None:
        raise AuthFailed(reason="bad_timestamp")
    try:
        nonce = bytes.fromhex(nonce_text)
        signature = base64.b64decode(signature_text, validate=True)
    except (ValueError, binascii.Error):
        raise AuthFailed(reason="malformed_signature") from None
    if len(nonce) != NONCE_BYTES or len(signature) != 64:
        raise AuthFailed(reason="malformed_signature")
    return SignedRequest(agency, device, timestamp, nonce, signature)


def check_fresh(claims: SignedRequest, now: float, max_skew: int = MAX_SKEW_SECONDS) -> None:
    """Refuse a timestamp more than `max_skew` seconds away from the relay's clock."""
    if abs(claims.timestamp - now) > max_skew:
        raise AuthFailed(reason="stale_timestamp")


def verify(
    public_key: Ed25519PublicKey,
    claims: SignedRequest,
    method: str,
    path: str,
    body_sha256: bytes,
) -> None:
    """Check the signature over this request; raise AuthFailed if it does not verify."""
    message = signing_message(method, path, claims.timestamp, claims.nonce, body_sha256)
    try:
        public_key.verify(claims.signature, message)
    except InvalidSignature:
        raise AuthFailed(reason="bad_signature") from None
