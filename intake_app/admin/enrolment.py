"""Enrolment bundles: how an agency's keys, profile and confirmed partners reach a new laptop.

An admin makes a bundle (`make_bundle`) on their own laptop and carries it, with its passphrase
given separately (in person, by phone), to the new laptop, which opens it (`open_bundle`) and
joins the agency (services/provisioning: `join_agency`, or `enrol_new_laptop` on a fresh data
folder).

Format (UTF-8 JSON, version 1; written in one exact form and read back only in that form)::

    {"format": "field-intake/enrolment", "version": 1,
     "kdf": {"algorithm": "argon2id", "time_cost": t, "memory_kib": m, "lanes": p,
             "salt": "<b64 16 bytes>"},
     "nonce": "<b64 12 bytes>", "ciphertext": "<b64>"}

The key is Argon2id(passphrase in NFC, UTF-8); the cipher AES-256-GCM with the canonical JSON of
every outer field but the ciphertext as associated data, so cost parameters or salt cannot be
swapped. The plaintext is canonical JSON::

    {"format": "field-intake/enrolment-contents", "version": 1, "agency_id": ..., "created": t,
     "identity": "<b64 AgencyIdentity.to_bytes()>", "card": "<b64 card file>",
     "profile": "<b64 profile file>", "partners": ["<b64 card file>", ...],
     "device_key": "<b64 DeviceKey.to_bytes()>", "device_certificate": "<b64 certificate>"}

The identity in an ordinary laptop's bundle holds no signing key: the administrator's laptop made
the new laptop's device key and certificate (role member, one-time enrolment token) and put them
in the bundle, so the new laptop never needs to certify anything. An administrator's bundle
also holds the signing key (sealed, at join, to the new laptop's administrator slots) and a
certificate with role admin. Bundles made before carry no device fields.

The bundle holds the agency's private keys: whoever has the file and the passphrase can read
what is sent to the agency and, from an administrator's bundle, act as the agency. Its
passphrase must be long (`MIN_BUNDLE_PASSPHRASE`), its KDF cost high, and the file deleted once
the laptops are enrolled. Reading refuses KDF parameters above `MAX_READ_MEMORY_KIB`
so a crafted file cannot make a laptop allocate gigabytes.

Everything is checked before anything is written: a wrong passphrase, a damaged bundle, an
identity that does not match its card, a profile not signed by the bundle's agency, or a partner
card that fails its self-signature is refused and leaves the data folder untouched.
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from intake_app.admin.profile import (
    SignedProfile,
    SignedProfileError,
)
from intake_app.errors import IntakeError, WeakPassphrase
from intake_app.storage.kdf import KdfParams
from intake_app.sync.keys import (
    AgencyIdentity,
    CardError,
    CertificateError,
    DeviceCertificate,
    DeviceKey,
    IdentityError,
    PublicCard,
    fingerprint,
)
from intake_app.sync.keys.document import (
    FORMAT_VERSION,
    KeyFormatError,
    b64,
    canonical,
    load_object,
    now_seconds,
)

BUNDLE_FORMAT: Final = "field-intake/enrolment"
CONTENTS_FORMAT: Final = "field-intake/enrolment-contents"
MIN_BUNDLE_PASSPHRASE: Final = 12
MAX_BUNDLE_BYTES: Final = 4 * 1024 * 1024
MAX_PARTNERS: Final = 256
MAX_READ_MEMORY_KIB: Final = 1024 * 1024  # 1 GiB
MAX_READ_TIME_COST: Final = 16
MAX_READ_LANES: Final = 8
SALT_BYTES: Final = 16
NONCE_BYTES: Final = 12
DEFAULT_BUNDLE_KDF: Final = KdfParams(time_cost=3, memory_kib=256 * 1024, lanes=1)


class EnrolmentError(IntakeError):
    """The passphrase does not open the bundle (or the bundle was altered: GCM cannot tell)."""

    code = "enrolment_wrong_passphrase"
    template = "That passphrase does not open this enrolment bundle."
    plain = "That passphrase does not open this enrolment bundle. Nothing was written."


class EnrolmentBundleInvalid(KeyFormatError):
    """A file that is not an enrolment bundle, or one whose contents do not hold together."""

    code = "enrolment_bundle_invalid"
    template = "This enrolment bundle cannot be used: {detail}."
    plain = (
        "This file is not a usable enrolment bundle. Nothing was written; ask your administrator "
        "for a new one."
    )


@dataclass(frozen=True, eq=False)
class Enrolment:
    """What an opened bundle holds, every part already checked."""

    identity: AgencyIdentity = field(repr=False)
    card: PublicCard
    profile: SignedProfile
    profile_bytes: bytes = field(repr=False)
    partners: tuple[PublicCard, ...]
    created: int
    device_key: DeviceKey | None = field(default=None, repr=False)
    device_certificate: DeviceCertificate | None = None

    @property
    def for_admin(self) -> bool:
        return self.identity.has_signing_key and (
            self.device_certificate is None or self.device_certificate.admin
        )


# --- helpers ---------------------------------------------------------------------------------
def _exact_form(doc: dict[str, object]) -> bytes:
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=True).encode("ascii") + b"\n"


def _passphrase_bytes(passphrase: str) -> bytes:
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _derive(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    return Argon2id(
        salt=salt,
        length=32,
        iterations=params.time_cost,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    ).derive(_passphrase_bytes(passphrase))


def _bad(detail: str) -> EnrolmentBundleInvalid:
    return EnrolmentBundleInvalid("bad_field", detail)


def _unb64(value: object, what: str) -> bytes:
    if not isinstance(value, str):
        raise _bad(f"{what} must be text")
    try:
        raw = base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raw = None
    if raw is None or b64(raw) != value:
        raise _bad(f"{what} is not canonical base64")
    return raw


def _whole(value: object, what: str) -> int:
    if type(value) is not int:
        raise _bad(f"{what} must be a whole number")
    return value


# --- making ----------------------------------------------------------------------------------
def make_bundle(
    identity: AgencyIdentity,
    profile: SignedProfile,
    partners: Sequence[PublicCard],
    passphrase: str,
    params: KdfParams = DEFAULT_BUNDLE_KDF,
    *,
    device: tuple[DeviceKey, DeviceCertificate] | None = None,
    now: float | None = None,
) -> bytes:
    """Seal the agency's identity, its card, `profile` and confirmed `partners` under a passphrase.

    `partners` must be cards whose fingerprints the admin has confirmed out of band: the new
    laptop trusts them as confirmed without asking again.
    """
    if len(unicodedata.normalize("NFC", passphrase)) < MIN_BUNDLE_PASSPHRASE:
        raise WeakPassphrase(minimum=MIN_BUNDLE_PASSPHRASE, reason="too_short")
    profile.verify_for(identity.card)
    if len(partners) > MAX_PARTNERS:
        raise _bad(f"a bundle holds at most {MAX_PARTNERS} partners")
    seen = {identity.agency_id}
    for card in partners:
        card.verify()
        if card.agency_id in seen:
            raise _bad("a partner is listed twice, or is this agency itself")
        seen.add(card.agency_id)
    contents = {
        "format": CONTENTS_FORMAT,
        "version": FORMAT_VERSION,
        "agency_id": identity.agency_id,
        "created": now_seconds(now),
        "identity": b64(identity.to_bytes()),
        "card": b64(identity.card.to_json()),
        "profile": b64(profile.to_bytes()),
        "partners": [b64(c.to_json()) for c in partners],
    }
    if device is not None:
        device_key, cert = device
        if (cert.device_id, cert.device_public) != (device_key.device_id, device_key.public_bytes):
            raise _bad("the device certificate is for another key")
        contents["device_key"] = b64(device_key.to_bytes())
        contents["device_certificate"] = b64(cert.to_json())
    salt = secrets.token_bytes(SALT_BYTES)
    nonce = secrets.token_bytes(NONCE_BYTES)
    header: dict[str, object] = {
        "format": BUNDLE_FORMAT,
        "version": FORMAT_VERSION,
        "kdf": {
            "algorithm": "argon2id",
            "time_cost": params.time_cost,
            "memory_kib": params.memory_kib,
            "lanes": params.lanes,
            "salt": b64(salt),
        },
        "nonce": b64(nonce),
    }
    key = _derive(passphrase, salt, params)
    sealed = AESGCM(key).encrypt(nonce, canonical(contents), canonical(header))
    doc = dict(header)
    doc["ciphertext"] = b64(sealed)
    data = _exact_form(doc)
    if len(data) > MAX_BUNDLE_BYTES:
        raise _bad(f"the bundle would be larger than {MAX_BUNDLE_BYTES} bytes")
    return data


# --- opening ---------------------------------------------------------------------------------
def _read_header(data: bytes) -> tuple[dict[str, object], KdfParams, bytes, bytes, bytes]:
    obj = load_object(data, MAX_BUNDLE_BYTES, "enrolment bundle", EnrolmentBundleInvalid)
    if obj.get("format") != BUNDLE_FORMAT:
        raise EnrolmentBundleInvalid("wrong_format", "this file is not an enrolment bundle")
    if obj.get("version") != FORMAT_VERSION or type(obj.get("version")) is not int:
        raise EnrolmentBundleInvalid(
            "wrong_version", f"it is not version {FORMAT_VERSION}; update the app"
        )
    if set(obj) != {"format", "version", "kdf", "nonce", "ciphertext"}:
        raise _bad("its fields are not those of an enrolment bundle")
    if _exact_form(obj) != bytes(data):
        raise _bad("it was edited after it was made")
    kdf = obj["kdf"]
    if not isinstance(kdf, dict) or set(kdf) != {
        "algorithm", "time_cost", "memory_kib", "lanes", "salt"
    }:  # fmt: skip
        raise _bad("its key derivation settings are not readable")
    if kdf["algorithm"] != "argon2id":
        raise _bad("it uses an unknown key derivation")
    time_cost = _whole(kdf["time_cost"], "time_cost")
    memory_kib = _whole(kdf["memory_kib"], "memory_kib")
    lanes = _whole(kdf["lanes"], "lanes")
    if time_cost > MAX_READ_TIME_COST or memory_kib > MAX_READ_MEMORY_KIB or lanes > MAX_READ_LANES:
        raise _bad("its key derivation cost is higher than this app accepts")
    try:
        params = KdfParams(time_cost=time_cost, memory_kib=memory_kib, lanes=lanes)
    except ValueError:
        raise _bad("its key derivation settings are out of range") from None
    salt = _unb64(kdf["salt"], "salt")
    nonce = _unb64(obj["nonce"], "nonce")
    if len(salt) != SALT_BYTES or len(nonce) != NONCE_BYTES:
        raise _bad("its salt or nonce has the wrong length")
    sealed = _unb64(obj["ciphertext"], "ciphertext")
    header = {k: v for k, v in obj.items() if k != "ciphertext"}
    return header, params, salt, nonce, sealed


def _read_contents(plain: bytes) -> Enrolment:
    obj = load_object(plain, MAX_BUNDLE_BYTES, "enrolment contents", EnrolmentBundleInvalid)
    expected = {
        "format", "version", "agency_id", "created", "identity", "card", "profile", "partners"
    }  # fmt: skip
    device_fields = {"device_key", "device_certificate"}
    if obj.get("format") != CONTENTS_FORMAT or set(obj) - device_fields != expected or (
        len(set(obj) & device_fields) == 1
    ):
        raise _bad("its contents are not those of an enrolment bundle")
    if obj["version"] != FORMAT_VERSION or type(obj["version"]) is not int:
        raise EnrolmentBundleInvalid(
            "wrong_version", f"it is not version {FORMAT_VERSION}; update the app"
        )
    created = _whole(obj["created"], "created")
    try:
        identity = AgencyIdentity.from_bytes(_unb64(obj["identity"], "identity"))
        card = PublicCard.from_json(_unb64(obj["card"], "card"))
        raw_partners = obj["partners"]
        if not isinstance(raw_partners, list) or len(raw_partners) > MAX_PARTNERS:
            raise _bad("its partner list is not readable")
        partners = tuple(PublicCard.from_json(_unb64(p, "a partner card")) for p in raw_partners)
        device_key, device_cert = None, None
        if "device_key" in obj:
            device_key = DeviceKey.from_bytes(_unb64(obj["device_key"], "device key"))
            device_cert = DeviceCertificate.from_json(
                _unb64(obj["device_certificate"], "device certificate")
            )
            device_cert.verify(card, now_seconds(None))
            if (device_cert.device_id, device_cert.device_public) != (
                device_key.device_id, device_key.public_bytes
            ):  # fmt: skip
                raise _bad("the device certificate is for another key")
    except (IdentityError, CardError, CertificateError) as exc:
        raise _bad(str(exc.ids["detail"])) from None
    if (
        obj["agency_id"] != identity.agency_id
        or card.agency_id != identity.agency_id
        or fingerprint(card) != fingerprint(identity.card)
    ):
        raise _bad("the agency keys do not match the agency card")
    ids = [p.agency_id for p in partners]
    if len(set(ids)) != len(ids) or identity.agency_id in ids:
        raise _bad("a partner is listed twice, or is this agency itself")
    profile_bytes = _unb64(obj["profile"], "profile")
    try:
        profile = SignedProfile.from_bytes(profile_bytes)
        profile.verify_for(card)
    except SignedProfileError as exc:
        raise _bad(f"its profile was refused ({exc.ids['detail']})") from None
    return Enrolment(
        identity, card, profile, profile_bytes, partners, created, device_key, device_cert
    )


def open_bundle(data: bytes, passphrase: str) -> Enrolment:
    """Decrypt and check a bundle; raises EnrolmentError (wrong passphrase) or
    EnrolmentBundleInvalid. Writes nothing."""
    header, params, salt, nonce, sealed = _read_header(data)
    key = _derive(passphrase, salt, params)
    failed = False
    try:
        plain = AESGCM(key).decrypt(nonce, sealed, canonical(header))
    except InvalidTag:
        failed = True
    if failed:
        raise EnrolmentError()
    return _read_contents(plain)


def read_bundle_file(path: Path) -> bytes:
    """The bundle file's bytes (at most one byte over the limit, so oversize is still refused)."""
    try:
        with path.open("rb") as fh:
            return fh.read(MAX_BUNDLE_BYTES + 1)
    except OSError:
        raise EnrolmentBundleInvalid("unreadable", "the file cannot be read") from None


def open_bundle_file(path: Path, passphrase: str) -> Enrolment:
    """read_bundle_file + open_bundle, for a worker thread (Argon2id takes most of a second)."""
    return open_bundle(read_bundle_file(path), passphrase)
