"""Agency policy and signed profiles: strict parsing, signatures, updates, nothing written on refusal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake_app.admin import profile as profile_mod
from intake_app.admin.policy import AgencyPolicy, PolicyError
from intake_app.admin.profile import (
    PROFILE_FILE,
    SignedProfile,
    SignedProfileError,
    install_baked_profile,
    install_profile,
    load_installed_profile,
)
from intake_app.domain.policy import PacingPolicy
from intake_app.sync.keys import AgencyIdentity

CONTACTS = [{"name": "Ana Ruiz", "role": "Coordinator", "email": "ana@norte.example.org"}]
AGENCY = AgencyIdentity.generate("Refugio Norte", "service_provider", CONTACTS, now=1_790_000_000)
OTHER = AgencyIdentity.generate("Other Agency", "law_enforcement", CONTACTS, now=1_790_000_000)
NOW = 1_795_000_000


def make(serial: int = 1, signer: AgencyIdentity = AGENCY, **changes: object) -> SignedProfile:
    policy = AgencyPolicy().with_changes(**changes) if changes else AgencyPolicy()
    return SignedProfile.issue(signer, policy, serial, now=NOW)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def refused(excinfo: pytest.ExceptionInfo[SignedProfileError], words: str) -> None:
    assert words in excinfo.value.message, excinfo.value.message
    assert excinfo.value.message.startswith("This agency profile was refused: ")


# --- policy ----------------------------------------------------------------------------------
def test_policy_defaults_and_round_trip() -> None:
    p = AgencyPolicy()
    assert p.auto_lock_minutes == 10
    assert p.consent_default_days == 90
    assert p.language == "en"
    assert AgencyPolicy.from_dict(p.to_dict()) == p
    assert json.loads(json.dumps(p.to_dict())) == p.to_dict()
    assert p.kdf_params().memory_kib == 64 * 1024


def test_memory_security_is_off_unless_the_policy_asks_and_old_profiles_still_verify() -> None:
    assert AgencyPolicy().cipher_memory_security is False
    off = make(1)
    # Left off, the setting is not written: a profile signed before it existed reads the same.
    assert b"cipher_memory_security" not in off.to_bytes()
    assert SignedProfile.from_bytes(off.to_bytes()) == off
    on = make(2, cipher_memory_security=True)
    assert b'"cipher_memory_security": true' in on.to_bytes()
    assert SignedProfile.from_bytes(on.to_bytes()).policy.cipher_memory_security is True
    partial = AgencyPolicy.from_dict({"cipher_memory_security": True}, partial=True)
    assert partial.cipher_memory_security is True
    # Spelling out "false" in a signed file is an edit: the signed form never writes it.
    doc = json.loads(off.to_bytes())
    doc["policy"]["cipher_memory_security"] = False
    edited = json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=True).encode() + b"\n"
    with pytest.raises(SignedProfileError):
        SignedProfile.from_bytes(edited)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"cipher_memory_security": 1}, "cipher_memory_security"),
        ({"cipher_memory_security": "on"}, "cipher_memory_security"),
        ({"auto_lock_minutes": 31}, "auto_lock_minutes"),
        ({"auto_lock_minutes": 0}, "auto_lock_minutes"),
        ({"auto_lock_minutes": True}, "auto_lock_minutes"),
        ({"auto_lock_minutes": 10.0}, "auto_lock_minutes"),
        ({"kdf_memory_mib": 4}, "kdf_memory_mib"),
        ({"consent_default_days": 0}, "consent_default_days"),
        ({"language": "fr"}, "language"),
        ({"relay_url": "http://relay.example.org"}, "relay_url"),
        ({"relay_url": "ftp://relay.example.org"}, "relay_url"),
        ({"relay_url": "https://user:pw@relay.example.org"}, "relay_url"),
        ({"protocols_enabled": []}, "protocols_enabled"),
        ({"protocols_enabled": ["a", "a"]}, "protocols_enabled"),
        ({"protocols_enabled": ["../etc"]}, "protocols_enabled"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_policy_refuses_bad_values(change: dict[str, object], field: str) -> None:
    with pytest.raises(PolicyError) as exc:
        AgencyPolicy.from_dict({**AgencyPolicy().to_dict(), **change})
    assert field in exc.value.message


def test_policy_strict_and_partial() -> None:
    full = AgencyPolicy().to_dict()
    del full["language"]
    with pytest.raises(PolicyError, match="language is missing"):
        AgencyPolicy.from_dict(full)
    p = AgencyPolicy.from_dict(
        {"auto_lock_minutes": 5, "pacing": {"pause_after_high": 2}}, partial=True
    )
    assert p.auto_lock_minutes == 5
    assert p.pacing.pause_after_high == 2
    assert p.pacing.break_every_seconds == PacingPolicy().break_every_seconds
    with pytest.raises(PolicyError, match=r"pacing\.bogus"):
        AgencyPolicy.from_dict({"pacing": {"bogus": 1}}, partial=True)
    assert AgencyPolicy(relay_url="http://127.0.0.1:8765").relay_url.startswith("http://")


# --- signed profiles -------------------------------------------------------------------------
def test_round_trip_and_verify() -> None:
    p = make(3, relay_url="https://relay.example.org", language="es")
    data = p.to_bytes()
    back = SignedProfile.from_bytes(data)
    back.verify_for(AGENCY.card)
    assert back.serial == 3
    assert back.policy.language == "es"
    assert back.to_bytes() == data


def test_tampered_policy_refused() -> None:
    doc = json.loads(make().to_bytes())
    doc["policy"]["auto_lock_minutes"] = 30
    data = json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=True).encode() + b"\n"
    with pytest.raises(SignedProfileError) as exc:
        SignedProfile.from_bytes(data)
    refused(exc, "it was changed after it was signed")


def test_whitespace_edit_refused() -> None:
    data = make().to_bytes().replace(b'  "serial"', b'\t"serial"')
    with pytest.raises(SignedProfileError) as exc:
        SignedProfile.from_bytes(data)
    refused(exc, "changed after it was signed")


def test_foreign_signature_refused() -> None:
    foreign = make(2, signer=OTHER)
    SignedProfile.from_bytes(foreign.to_bytes())  # intact, but whose?
    with pytest.raises(SignedProfileError) as exc:
        foreign.verify_for(AGENCY.card)
    refused(exc, "signed by a different agency")


def test_resigned_with_swapped_agency_id_refused() -> None:
    # Someone re-signs our profile with their key but keeps our agency id.
    doc = json.loads(make().to_bytes())
    doc["signer"] = json.loads(OTHER.card.to_json())
    data = json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=True).encode() + b"\n"
    with pytest.raises(SignedProfileError) as exc:
        SignedProfile.from_bytes(data)
    refused(exc, "changed after it was signed")


@pytest.mark.parametrize("signature", [None, ""])
def test_unsigned_refused(signature: str | None) -> None:
    doc = json.loads(make().to_bytes())
    if signature is None:
        del doc["signature"]
    else:
        doc["signature"] = signature
    data = json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=True).encode() + b"\n"
    with pytest.raises(SignedProfileError) as exc:
        SignedProfile.from_bytes(data)
    refused(exc, "it is not signed")


@pytest.mark.parametrize(
    "data", [b"", b"[]", b"{}", b'{"format": "field-intake/card", "version": 1}', b"\xff" * 10]
)
def test_not_a_profile(data: bytes) -> None:
    with pytest.raises(SignedProfileError):
        SignedProfile.from_bytes(data)


PROFILE_BYTES = make(1, language="es").to_bytes()


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    index=st.integers(min_value=0, max_value=len(PROFILE_BYTES) - 1),
    mask=st.integers(min_value=1, max_value=255),
)
def test_flipping_any_byte_is_refused(index: int, mask: int) -> None:
    data = bytearray(PROFILE_BYTES)
    data[index] ^= mask
    with pytest.raises(SignedProfileError):
        SignedProfile.from_bytes(bytes(data)).verify_for(AGENCY.card)


def test_every_single_bit_flip_is_refused() -> None:
    """Exhaustive over positions with one bit each (the property test samples masks)."""
    for index in range(len(PROFILE_BYTES)):
        data = bytearray(PROFILE_BYTES)
        data[index] ^= 1 << (index % 8)
        with pytest.raises(SignedProfileError):
            SignedProfile.from_bytes(bytes(data)).verify_for(AGENCY.card)


# --- installing ------------------------------------------------------------------------------
def test_install_then_newer_update(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    assert load_installed_profile(data_dir) is None
    install_profile(data_dir, make(1).to_bytes(), AGENCY.card)
    assert (data_dir / PROFILE_FILE).stat().st_mode & 0o777 == 0o600
    install_profile(data_dir, make(2, auto_lock_minutes=5).to_bytes(), AGENCY.card)
    installed = load_installed_profile(data_dir)
    assert installed is not None
    assert installed.serial == 2
    assert installed.policy.auto_lock_minutes == 5


@pytest.mark.parametrize(
    ("candidate", "words"),
    [
        (lambda: make(1).to_bytes(), "older than the one installed"),
        (lambda: make(2, auto_lock_minutes=3).to_bytes(), "not newer than the one installed"),
        (lambda: make(9, signer=OTHER).to_bytes(), "signed by a different agency"),
        (
            lambda: (
                make(9).to_bytes().replace(b'"auto_lock_minutes": 10', b'"auto_lock_minutes": 30')
            ),
            "changed after it was signed",
        ),
        (
            lambda: make(9).to_bytes().replace(b'  "signature": ', b'  "signature": "", "x": '),
            "it is not signed",
        ),
    ],
    ids=["older", "equal", "foreign", "tampered", "unsigned"],
)
def test_refused_update_writes_nothing(tmp_path: Path, candidate, words: str) -> None:
    data_dir = tmp_path / "data"
    install_profile(data_dir, make(2).to_bytes(), AGENCY.card)
    before = snapshot(data_dir)
    with pytest.raises(SignedProfileError) as exc:
        install_profile(data_dir, candidate(), AGENCY.card)
    refused(exc, words)
    assert snapshot(data_dir) == before


def test_first_install_of_foreign_profile_refused(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with pytest.raises(SignedProfileError) as exc:
        install_profile(data_dir, make(1, signer=OTHER).to_bytes(), AGENCY.card)
    refused(exc, "signed by a different agency")
    assert not data_dir.exists()


def test_installed_profile_tampered_on_disk_is_detected(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    install_profile(data_dir, make(1).to_bytes(), AGENCY.card)
    path = data_dir / PROFILE_FILE
    path.write_bytes(path.read_bytes().replace(b'"language": "en"', b'"language": "es"'))
    with pytest.raises(SignedProfileError, match="changed after it was signed"):
        load_installed_profile(data_dir)
    # The admin can repair it with a profile the agency signed; a foreign one is still refused.
    with pytest.raises(SignedProfileError, match="signed by a different agency"):
        install_profile(data_dir, make(5, signer=OTHER).to_bytes(), AGENCY.card)
    install_profile(data_dir, make(2, auto_lock_minutes=7).to_bytes(), AGENCY.card)
    repaired = load_installed_profile(data_dir)
    assert repaired is not None and repaired.policy.auto_lock_minutes == 7


def test_baked_profile_installed_at_first_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    resources = tmp_path / "resources"
    resources.mkdir()
    monkeypatch.setattr(profile_mod, "resource", resources.joinpath)
    data_dir = tmp_path / "data"
    assert install_baked_profile(data_dir) is None  # nothing baked: nothing happens
    assert not data_dir.exists()
    (resources / PROFILE_FILE).write_bytes(make(2).to_bytes())
    installed = install_baked_profile(data_dir)
    assert installed is not None
    assert installed.serial == 2
    assert install_baked_profile(data_dir) is None  # already there
    # A newer profile imported on the laptop is not undone by the older baked one.
    install_profile(data_dir, make(5).to_bytes(), AGENCY.card)
    assert install_baked_profile(data_dir) is None
    current = load_installed_profile(data_dir)
    assert current is not None
    assert current.serial == 5
    # An installer baked for another agency does not repoint this laptop.
    (resources / PROFILE_FILE).write_bytes(make(9, signer=OTHER).to_bytes())
    before = snapshot(data_dir)
    with pytest.raises(SignedProfileError, match="signed by a different agency"):
        install_baked_profile(data_dir)
    assert snapshot(data_dir) == before


def test_a_changed_attachment_limit_survives_signing_and_later_changes() -> None:
    """The profile is signed from to_dict: a limit left out of it never reached the laptops."""
    p = AgencyPolicy().with_changes(attachment_max_mb=50)
    assert AgencyPolicy.from_dict(p.to_dict()).attachment_max_mb == 50
    assert p.with_changes(auto_lock_minutes=11).attachment_max_mb == 50
    assert "attachment_max_mb" not in AgencyPolicy().to_dict()  # old profiles keep their bytes
