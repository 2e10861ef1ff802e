"""Signed agency profiles: the policy an admin locks in, signed with the agency's Ed25519 key.

Format (UTF-8 JSON, version 1, the file `profile.json`)::

    {"format": "field-intake/profile", "version": 1, "agency_id": "<32 hex>", "serial": N,
     "issued": <unix seconds>, "policy": {...AgencyPolicy...}, "signer": {...public card...},
     "protocols": [...the enabled interview protocols, whole...], "signature": "<base64 Ed25519>"}

"protocols" (admin/profile_protocols.py) is absent from profiles signed before protocols
travelled; such a profile enables only protocols a laptop already has.

The signature is over ``LABEL || canonical JSON of every field but the signature`` (the same
canonical form as the cards in `intake_app.sync.keys`). The file is written in one exact form
(indented, sorted keys, ASCII escapes) and a reader refuses any other spelling, so every byte of
a profile is covered: an edited file cannot pass by changing only whitespace or escapes.

Trust. `SignedProfile.from_bytes` checks the profile is self-consistent (its embedded signer card
is intact, belongs to the profile's agency and made the signature). Whether that agency is *ours*
is a separate check against the card we trust (`verify_for`): the card of the agency identity in
the encrypted database, or, before a laptop has joined, the signer of the profile already
installed, or of the profile baked into the installer by the admin who built it.

Updates. A laptop holds one installed profile; a new one replaces it only if it is signed by the
same agency and has a higher serial. Older, equal, unsigned, foreign-signed or altered profiles
are refused and nothing is written.

The file is only what a laptop can read before it is unlocked. Once unlocked, the last verified
profile kept in the encrypted database is the one in force (`services/profiles.py`); this module
holds the format and the file, never that rule.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Final

from cryptography.exceptions import InvalidSignature

from intake_app.admin.policy import AgencyPolicy, PolicyError
from intake_app.admin.profile_protocols import (
    PROTOCOLS_FIELD,
    CarriedProtocol,
    carried_from_json,
    carried_to_json,
)
from intake_app.paths import atomic_write, private_dir, resource
from intake_app.sync.keys import AgencyIdentity, CardError, PublicCard, fingerprint
from intake_app.sync.keys.document import (
    ED25519_SIGNATURE_BYTES,
    FORMAT_VERSION,
    KeyFormatError,
    b64,
    canonical,
    check_header,
    expect_fields,
    get_bytes,
    get_id,
    get_int,
    get_time,
    load_object,
    now_seconds,
)

PROFILE_FORMAT: Final = "field-intake/profile"
PROFILE_FILE: Final = "profile.json"
# The enabled protocols travel whole (about 25 KB each as shipped); an enrolment bundle (4 MiB)
# still holds the largest profile twice base64-encoded.
MAX_PROFILE_BYTES: Final = 2 * 1024 * 1024
MAX_SERIAL: Final = 2**53 - 1  # exact in every JSON reader
_PROFILE_LABEL: Final = b"field-intake/profile/v1\n"
_FIELDS: Final = frozenset(
    {"format", "version", "agency_id", "serial", "issued", "policy", "signer", "signature"}
)
_OPTIONAL: Final = frozenset({PROTOCOLS_FIELD})
_WHAT: Final = "profile"


class SignedProfileError(KeyFormatError):
    """A profile that is damaged, altered, unsigned, foreign-signed or not newer."""

    code = "signed_profile_refused"
    template = "This agency profile was refused: {detail}."
    plain = (
        "Refused: this file is not a readable agency profile. Nothing was changed on this laptop."
    )
    plain_by: ClassVar[Mapping[str, str]] = {
        "tampered": (
            "Refused: this profile was changed after it was signed. Nothing was changed on this "
            "laptop. Ask your administrator for the original file."
        ),
        "foreign": (
            "Refused: this profile was signed by a different agency. Nothing was changed on this "
            "laptop."
        ),
        "unsigned": "Refused: this profile is not signed. Nothing was changed on this laptop.",
        "older": (
            "Refused: this profile is older than the one in force here. Nothing was changed on "
            "this laptop."
        ),
        "not_newer": (
            "Refused: this profile is the same version as the one in force here. Nothing was "
            "changed on this laptop."
        ),
        "no_agency": (
            "This laptop has no agency yet, so a profile cannot be checked. Create the agency or "
            "join it first."
        ),
        "none_installed": "No policy has been signed on this laptop yet.",
    }


TAMPERED: Final = "it was changed after it was signed"
FOREIGN: Final = "it was signed by a different agency"
UNSIGNED: Final = "it is not signed"


def _exact_form(doc: Mapping[str, object]) -> bytes:
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=True).encode("ascii") + b"\n"


@dataclass(frozen=True)
class SignedProfile:
    """One version (serial) of an agency's policy, signed by the agency."""

    agency_id: str
    serial: int
    issued: int
    policy: AgencyPolicy
    signer: PublicCard
    signature: bytes = field(repr=False)
    protocols: tuple[CarriedProtocol, ...] = ()

    # --- making ------------------------------------------------------------------------------
    @classmethod
    def issue(
        cls,
        identity: AgencyIdentity,
        policy: AgencyPolicy,
        serial: int,
        *,
        now: float | None = None,
        protocols: tuple[CarriedProtocol, ...] = (),
    ) -> SignedProfile:
        """Sign `policy` as version `serial` of this agency's profile, carrying `protocols`."""
        if type(serial) is not int or not 1 <= serial <= MAX_SERIAL:
            raise SignedProfileError("bad_field", f"the serial must be 1 to {MAX_SERIAL}")
        protocols = tuple(sorted(protocols, key=lambda p: p.id))
        _check_carried_enabled(policy, protocols)
        unsigned = cls(
            agency_id=identity.agency_id,
            serial=serial,
            issued=now_seconds(now),
            policy=policy,
            signer=identity.card,
            signature=bytes(ED25519_SIGNATURE_BYTES),
            protocols=protocols,
        )
        signed = cls(
            agency_id=unsigned.agency_id,
            serial=serial,
            issued=unsigned.issued,
            policy=policy,
            signer=unsigned.signer,
            signature=identity.sign(unsigned.signed_message()),
            protocols=protocols,
        )
        signed.check_signature()
        if len(signed.to_bytes()) > MAX_PROFILE_BYTES:  # laptops would refuse it unread
            raise SignedProfileError(
                "oversized", f"with its protocols it is larger than {MAX_PROFILE_BYTES} bytes")
        return signed

    def body(self) -> dict[str, object]:
        """Every field except the signature, as signed."""
        signer = json.loads(self.signer.to_json())
        body: dict[str, object] = {
            "format": PROFILE_FORMAT,
            "version": FORMAT_VERSION,
            "agency_id": self.agency_id,
            "serial": self.serial,
            "issued": self.issued,
            "policy": self.policy.to_dict(),
            "signer": signer,
        }
        if self.protocols:
            body[PROTOCOLS_FIELD] = carried_to_json(self.protocols)
        return body

    def signed_message(self) -> bytes:
        return _PROFILE_LABEL + canonical(self.body())

    def to_bytes(self) -> bytes:
        doc = self.body()
        doc["signature"] = b64(self.signature)
        return _exact_form(doc)

    # --- reading -----------------------------------------------------------------------------
    @classmethod
    def from_bytes(cls, data: bytes) -> SignedProfile:
        """Parse strictly and check the profile is intact; raises SignedProfileError.

        This does not say whose profile it is: call `verify_for` with the trusted agency card.
        """
        obj = load_object(data, MAX_PROFILE_BYTES, _WHAT, SignedProfileError)
        check_header(obj, PROFILE_FORMAT, "Field Intake agency profile", SignedProfileError)
        if obj.get("signature") in (None, ""):
            raise SignedProfileError("unsigned", UNSIGNED)
        expect_fields(obj, set(_FIELDS), set(_OPTIONAL), _WHAT, SignedProfileError)
        if _exact_form(obj) != bytes(data):
            # Same content in another spelling: only an edit produces that.
            raise SignedProfileError("tampered", TAMPERED)
        raw_policy = obj["policy"]
        raw_signer = obj["signer"]
        if not isinstance(raw_policy, dict) or not isinstance(raw_signer, dict):
            raise SignedProfileError("bad_field", "the policy and the signer must be objects")
        signature = get_bytes(obj, "signature", ED25519_SIGNATURE_BYTES, _WHAT, SignedProfileError)
        try:
            signer = PublicCard.from_json(json.dumps(raw_signer).encode("utf-8"))
        except CardError:
            raise SignedProfileError("tampered", TAMPERED) from None
        serial = get_int(obj, "serial", _WHAT, SignedProfileError)
        if not 1 <= serial <= MAX_SERIAL:
            raise SignedProfileError("bad_field", f"the serial must be 1 to {MAX_SERIAL}")
        agency_id = get_id(obj, "agency_id", _WHAT, SignedProfileError)
        issued = get_time(obj, "issued", _WHAT, SignedProfileError)
        try:
            policy = AgencyPolicy.from_dict(raw_policy)
        except PolicyError as exc:
            # A signed profile always holds a valid policy; an invalid one was edited (or
            # signed by a newer app with settings this one does not know).
            raise SignedProfileError("bad_policy", exc.message.rstrip(".").lower()) from None
        carried = (carried_from_json(obj[PROTOCOLS_FIELD], SignedProfileError)
                   if PROTOCOLS_FIELD in obj else ())
        _check_carried_enabled(policy, carried)
        profile = cls(agency_id, serial, issued, policy, signer, signature, carried)
        if profile.to_bytes() != bytes(data):
            raise SignedProfileError("tampered", TAMPERED)
        if signer.agency_id != agency_id:
            raise SignedProfileError("tampered", TAMPERED)
        profile.check_signature()
        return profile

    def check_signature(self) -> None:
        try:
            self.signer.signing_key.verify(self.signature, self.signed_message())
        except (InvalidSignature, CardError):
            raise SignedProfileError("tampered", TAMPERED) from None

    def verify_for(self, card: PublicCard) -> None:
        """Refuse unless this profile was signed by the agency of `card` (keys and id)."""
        if card.agency_id != self.agency_id or fingerprint(card) != fingerprint(self.signer):
            raise SignedProfileError("foreign", FOREIGN)
        self.check_signature()


def _check_carried_enabled(policy: AgencyPolicy, carried: tuple[CarriedProtocol, ...]) -> None:
    if not {p.id for p in carried} <= set(policy.protocols_enabled):
        raise SignedProfileError("bad_protocols", "it carries a protocol its policy does not enable")


# --- the installed profile -------------------------------------------------------------------
def profile_path(data_dir: Path) -> Path:
    return data_dir / PROFILE_FILE


def _read_limited(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(MAX_PROFILE_BYTES + 1)


def installed_bytes(data_dir: Path) -> bytes | None:
    """The installed file's bytes as they are (at most one byte over the limit); None if there is
    no file. Anything else that stops the read (a folder in its place) is an altered profile."""
    try:
        return _read_limited(profile_path(data_dir))
    except FileNotFoundError:
        return None
    except OSError:
        raise SignedProfileError("unreadable", "the installed file cannot be read") from None


def load_installed_profile(data_dir: Path) -> SignedProfile | None:
    """The profile installed in `data_dir`, re-checked; None if there is none."""
    data = installed_bytes(data_dir)
    return None if data is None else SignedProfile.from_bytes(data)


def check_newer(new: SignedProfile, highest: int) -> None:
    """Refuse `new` unless its serial is above `highest`, the highest this laptop accepted."""
    if new.serial < highest:
        raise SignedProfileError(
            "older",
            f"it is older than the one installed (serial {new.serial}; installed {highest})",
        )
    if new.serial == highest:
        raise SignedProfileError(
            "not_newer",
            f"it is not newer than the one installed (both are serial {new.serial})",
        )


def check_update(installed: SignedProfile | None, new: SignedProfile, card: PublicCard) -> None:
    """Every check `install_profile` makes, without writing anything."""
    new.verify_for(card)
    if installed is None:
        return
    installed.verify_for(card)  # the installed one is ours too, or the card is not
    check_newer(new, installed.serial)


def install_profile(data_dir: Path, profile_bytes: bytes, card: PublicCard) -> SignedProfile:
    """Check `profile_bytes` against the trusted agency `card` and the installed profile, then
    write it atomically. Raises SignedProfileError and writes nothing if any check fails."""
    new = SignedProfile.from_bytes(profile_bytes)
    try:
        installed = load_installed_profile(data_dir)
    except SignedProfileError:
        # The file on disk was altered, so its serial proves nothing; refusing every repair
        # would leave the laptop on defaults for good. The new profile still has to verify
        # against the trusted agency card below.
        installed = None
    check_update(installed, new, card)
    private_dir(data_dir)
    atomic_write(profile_path(data_dir), new.to_bytes())
    return new


def baked_profile_bytes() -> bytes | None:
    """The profile an admin baked into this installer (resources/profile.json), if any."""
    path = resource(PROFILE_FILE)
    try:
        return _read_limited(path)
    except FileNotFoundError:
        return None


def install_baked_profile(data_dir: Path) -> SignedProfile | None:
    """At start: install the installer's baked profile if it is new here; returns it if so.

    The first install trusts the baked profile's own signer: the admin who built the installer
    chose it. Afterwards the baked profile must come from the same agency; an older or equal one
    is left aside silently (the laptop already has a newer policy), a foreign one is refused.
    """
    data = baked_profile_bytes()
    if data is None:
        return None
    baked = SignedProfile.from_bytes(data)
    installed = load_installed_profile(data_dir)
    trusted = installed.signer if installed is not None else baked.signer
    baked.verify_for(trusted)
    if installed is not None and baked.serial <= installed.serial:
        return None
    return install_profile(data_dir, data, trusted)
