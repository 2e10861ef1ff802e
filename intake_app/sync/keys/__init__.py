"""Agency identity, partner cards, key fingerprints and device certificates.

An agency holds three long-term key pairs:

- an Ed25519 signing key: it signs the agency's public card, its device certificates, profiles
  and revocations. Only administrators' laptops hold it (sealed to their key-file slots);
- an Ed25519 sender key, on every laptop: it signs every envelope the agency sends (cards made
  before the split have none; their envelopes are signed by the signing key);
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

This module is the face callers import from; the parts live in
    document.py  the shared signed-document format and its strict field readers
    cards.py     profile (name, kind, contacts), public card, fingerprints
    identity.py  the private agency identity
    devices.py   device key, device certificate, device revocation
"""

from intake_app.sync.keys.cards import (
    CARD_FORMAT,
    FINGERPRINT_WORDS,
    HPKE_SUITE,
    MAX_CARD_BYTES,
    MAX_CONTACTS,
    MAX_EMAIL_CHARS,
    MAX_NAME_CHARS,
    MAX_PHONE_CHARS,
    MAX_ROLE_CHARS,
    CardError,
    Contact,
    ProfileError,
    PublicCard,
    fingerprint,
    fingerprint_hex,
    fingerprint_words,
    read_card,
    write_card,
)
from intake_app.sync.keys.devices import (
    CERT_SKEW_SECONDS,
    DEVICE_CERT_FORMAT,
    DEVICE_KEY_FORMAT,
    DEVICE_REVOCATION_FORMAT,
    MAX_DEVICE_BYTES,
    CertificateError,
    DeviceCertificate,
    DeviceKey,
    DeviceRevocation,
)
from intake_app.sync.keys.document import (
    ED25519_PRIVATE_BYTES,
    ED25519_PUBLIC_BYTES,
    ED25519_SIGNATURE_BYTES,
    FORMAT_VERSION,
    ID_BYTES,
    MAX_TIME,
    MIN_TIME,
    MLKEM768_PUBLIC_BYTES,
    MLKEM768_SEED_BYTES,
    X25519_BYTES,
    ErrorFactory,
    new_id,
)
from intake_app.sync.keys.identity import (
    IDENTITY_FORMAT,
    MAX_IDENTITY_BYTES,
    AgencyIdentity,
    IdentityError,
    SigningKeyAbsent,
)

__all__ = [
    "CARD_FORMAT",
    "CERT_SKEW_SECONDS",
    "DEVICE_CERT_FORMAT",
    "DEVICE_KEY_FORMAT",
    "DEVICE_REVOCATION_FORMAT",
    "ED25519_PRIVATE_BYTES",
    "ED25519_PUBLIC_BYTES",
    "ED25519_SIGNATURE_BYTES",
    "FINGERPRINT_WORDS",
    "FORMAT_VERSION",
    "HPKE_SUITE",
    "IDENTITY_FORMAT",
    "ID_BYTES",
    "MAX_CARD_BYTES",
    "MAX_CONTACTS",
    "MAX_DEVICE_BYTES",
    "MAX_EMAIL_CHARS",
    "MAX_IDENTITY_BYTES",
    "MAX_NAME_CHARS",
    "MAX_PHONE_CHARS",
    "MAX_ROLE_CHARS",
    "MAX_TIME",
    "MIN_TIME",
    "MLKEM768_PUBLIC_BYTES",
    "MLKEM768_SEED_BYTES",
    "X25519_BYTES",
    "AgencyIdentity",
    "CardError",
    "CertificateError",
    "Contact",
    "DeviceCertificate",
    "DeviceKey",
    "DeviceRevocation",
    "ErrorFactory",
    "IdentityError",
    "ProfileError",
    "PublicCard",
    "SigningKeyAbsent",
    "fingerprint",
    "fingerprint_hex",
    "fingerprint_words",
    "new_id",
    "read_card",
    "write_card",
]
