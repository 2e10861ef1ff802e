"""Enrolment bundles: round trip, wrong passphrase and damaged bundles refused with nothing written,
joining an agency (identity in the encrypted database, profile installed, partners confirmed)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from intake_app.admin.enrolment import (
    EnrolmentBundleInvalid,
    EnrolmentError,
    make_bundle,
    open_bundle,
)
from intake_app.admin.policy import AgencyPolicy
from intake_app.admin.profile import (
    PROFILE_FILE,
    SignedProfile,
    SignedProfileError,
    install_profile,
    load_installed_profile,
)
from intake_app.domain.case import Role
from intake_app.errors import WeakPassphrase
from intake_app.services import agency, partners, profiles
from intake_app.services.provisioning import AlreadyInAgency, enrol_new_laptop, join_agency
from intake_app.services.session import Session, Workspace
from intake_app.storage.kdf import KdfParams
from intake_app.sync.keys import AgencyIdentity, fingerprint_hex

CONTACTS = [{"name": "Ana Ruiz", "phone": "+34 600 000 000"}]
AGENCY = AgencyIdentity.generate("Refugio Norte", "service_provider", CONTACTS)
PARTNER_A = AgencyIdentity.generate("Policía Local", "law_enforcement", CONTACTS)
PARTNER_B = AgencyIdentity.generate("Fiscalía", "prosecutor", CONTACTS)
OTHER = AgencyIdentity.generate("Other Agency", "other", CONTACTS)
BUNDLE_PASS = "orange kettle seventeen lanterns"
FAST = KdfParams.for_tests()
PROFILE = SignedProfile.issue(AGENCY, AgencyPolicy(auto_lock_minutes=5, language="es"), 4)


def bundle(**kw: object) -> bytes:
    args: dict[str, object] = {
        "identity": AGENCY,
        "profile": PROFILE,
        "partners": [PARTNER_A.card, PARTNER_B.card],
        "passphrase": BUNDLE_PASS,
        "params": FAST,
    }
    args.update(kw)
    return make_bundle(**args)  # type: ignore[arg-type]


def snapshot(folder: Path) -> dict[str, bytes]:
    # Not the -shm file: SQLite's WAL index, where every reader marks the frame it reads at.
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith("-shm")
    }


def test_round_trip() -> None:
    e = open_bundle(bundle(), BUNDLE_PASS)
    assert e.identity.agency_id == AGENCY.agency_id
    assert e.identity.to_bytes() == AGENCY.to_bytes()
    assert fingerprint_hex(e.card) == fingerprint_hex(AGENCY.card)
    assert e.profile.serial == 4
    assert [p.agency_id for p in e.partners] == [PARTNER_A.agency_id, PARTNER_B.agency_id]
    assert "identity=" not in repr(e)  # private keys stay out of logs and tracebacks


def test_bundle_hides_its_contents() -> None:
    data = bundle()
    assert b"Refugio" not in data
    assert AGENCY.agency_id.encode() not in data
    assert PARTNER_A.agency_id.encode() not in data


def test_short_bundle_passphrase_refused() -> None:
    with pytest.raises(WeakPassphrase):
        bundle(passphrase="short")


def test_foreign_profile_cannot_be_bundled() -> None:
    with pytest.raises(SignedProfileError, match="different agency"):
        bundle(profile=SignedProfile.issue(OTHER, AgencyPolicy(), 1))


def test_wrong_passphrase_refused_and_nothing_written(session: Session) -> None:
    data_dir = session.workspace.data_dir
    before = snapshot(data_dir)
    with pytest.raises(EnrolmentError) as exc:
        join_agency(session, open_bundle(bundle(), BUNDLE_PASS + "x"))
    assert exc.value.message == "That passphrase does not open this enrolment bundle."
    assert snapshot(data_dir) == before
    assert agency.get_identity(session) is None
    assert load_installed_profile(data_dir) is None


def test_wrong_passphrase_on_fresh_laptop_writes_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "fresh"
    with pytest.raises(EnrolmentError, match="does not open this enrolment bundle"):
        enrol_new_laptop(
            data_dir, open_bundle(bundle(), "not the passphrase"), "ana", "x" * 12, Role.ADVOCATE
        )
    assert not data_dir.exists()


def _edit(data: bytes, **changes: object) -> bytes:
    doc = json.loads(data)
    doc.update(changes)
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=True).encode() + b"\n"


def test_damaged_bundles_refused() -> None:
    data = bundle()
    doc = json.loads(data)
    sealed = bytearray(base64.b64decode(doc["ciphertext"]))
    sealed[10] ^= 1
    # GCM cannot tell a wrong passphrase from a changed ciphertext: same answer.
    with pytest.raises(EnrolmentError):
        open_bundle(_edit(data, ciphertext=base64.b64encode(bytes(sealed)).decode()), BUNDLE_PASS)
    # The cost parameters are bound to the ciphertext.
    kdf = dict(doc["kdf"], time_cost=2)
    with pytest.raises(EnrolmentError):
        open_bundle(_edit(data, kdf=kdf), BUNDLE_PASS)
    # A crafted bundle cannot make the laptop allocate gigabytes.
    with pytest.raises(EnrolmentBundleInvalid, match="higher than this app accepts"):
        open_bundle(_edit(data, kdf=dict(doc["kdf"], memory_kib=4 * 1024 * 1024)), BUNDLE_PASS)
    with pytest.raises(EnrolmentBundleInvalid, match="not an enrolment bundle"):
        open_bundle(PARTNER_A.card.to_json(), BUNDLE_PASS)
    with pytest.raises(EnrolmentBundleInvalid, match="edited"):
        open_bundle(data.replace(b"\n", b"\r\n"), BUNDLE_PASS)
    with pytest.raises(EnrolmentBundleInvalid):
        open_bundle(b"", BUNDLE_PASS)


def test_join_agency(session: Session) -> None:
    join_agency(session, open_bundle(bundle(), BUNDLE_PASS))
    identity = agency.get_identity(session)
    assert identity is not None
    # An advocate never holds the signing key, even from a bundle that carried it.
    assert identity.to_bytes() == AGENCY.without_signing_key().to_bytes()
    assert not identity.has_signing_key
    assert agency.device_key(session) is not None
    found = {p.agency_id: p for p in partners.list_partners(session)}
    assert set(found) == {PARTNER_A.agency_id, PARTNER_B.agency_id}
    assert all(p.confirmed for p in found.values())
    installed = load_installed_profile(session.workspace.data_dir)
    assert installed is not None
    assert installed.serial == 4
    assert installed.policy.language == "es"
    # Joining again (e.g. a refreshed bundle with the same profile) is harmless.
    join_agency(session, open_bundle(bundle(partners=[PARTNER_A.card]), BUNDLE_PASS))


def test_join_refuses_another_agency_and_writes_nothing(session: Session) -> None:
    join_agency(session, open_bundle(bundle(), BUNDLE_PASS))
    other_bundle = make_bundle(
        OTHER, SignedProfile.issue(OTHER, AgencyPolicy(), 9), [], BUNDLE_PASS, FAST
    )
    before = snapshot(session.workspace.data_dir)
    with pytest.raises(AlreadyInAgency, match="another agency"):
        join_agency(session, open_bundle(other_bundle, BUNDLE_PASS))
    assert snapshot(session.workspace.data_dir) == before


def test_join_refuses_older_profile_and_writes_nothing(session: Session) -> None:
    data_dir = session.workspace.data_dir
    install_profile(
        data_dir, SignedProfile.issue(AGENCY, AgencyPolicy(), 7).to_bytes(), AGENCY.card
    )
    profiles.settle(session)  # what the next unlock does: serial 7 is now in force here
    before = snapshot(data_dir)
    with pytest.raises(SignedProfileError, match="older than the one installed"):
        join_agency(session, open_bundle(bundle(), BUNDLE_PASS))
    assert snapshot(data_dir) == before
    assert agency.get_identity(session) is None


def test_enrol_new_laptop(tmp_path: Path) -> None:
    data_dir = tmp_path / "laptop2"
    session, recovery = enrol_new_laptop(
        data_dir,
        open_bundle(bundle(), BUNDLE_PASS),
        "bea",
        "bea's long passphrase",
        Role.ADVOCATE,
        kdf=FAST,
    )
    try:
        assert recovery
        identity = agency.get_identity(session)
        assert identity is not None
        assert identity.agency_id == AGENCY.agency_id
    finally:
        session.close()
    assert (data_dir / PROFILE_FILE).exists()
    again = Workspace(data_dir).unlock("bea", "bea's long passphrase")
    again.close()


def test_enrol_new_laptop_refused_by_foreign_baked_profile(tmp_path: Path) -> None:
    data_dir = tmp_path / "laptop3"
    install_profile(data_dir, SignedProfile.issue(OTHER, AgencyPolicy(), 1).to_bytes(), OTHER.card)
    before = snapshot(data_dir)
    with pytest.raises(SignedProfileError, match="different agency"):
        enrol_new_laptop(
            data_dir, open_bundle(bundle(), BUNDLE_PASS), "bea", "x" * 12, Role.ADVOCATE, kdf=FAST
        )
    assert snapshot(data_dir) == before
