"""The agency signing key is an administrator's: sealed to admin slots and the recovery slot,
opened at an admin's unlock, never held by an ordinary user's session or stored in the clear.

Issue 11 item 2: every laptop held the signing key, so a thief with any user's passphrase could
certify devices and revoke the good laptops. These tests fail on the code before the split.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from intake_app.admin.enrolment import open_bundle
from intake_app.admin.policy import AgencyPolicy
from intake_app.domain.case import Role
from intake_app.services import agency, provisioning
from intake_app.services.roles import NotPermitted
from intake_app.services.session import Session, Workspace, add_user, change_passphrase, remove_user
from intake_app.storage.kdf import KdfParams
from intake_app.storage.sharing import directory, signing_copies
from intake_app.sync.keys import AgencyIdentity, DeviceCertificate, DeviceKey, SigningKeyAbsent
from tests.agencies import ADMIN, CONTACTS, PASSPHRASE, provision

OTHER = "another long passphrase here"
BUNDLE_PASS = "bundle passphrase, long enough"


@contextlib.contextmanager
def _open(folder: Path, user: str, passphrase: str = PASSPHRASE) -> Iterator[Session]:
    s = Workspace(folder).unlock(user, passphrase)
    try:
        yield s
    finally:
        s.close()


def _stored_identity(folder: Path, user: str) -> bytes:
    with _open(folder, user) as s:
        row = directory.get_self(s.db)
        assert row is not None
        return row.identity


def test_a_new_agency_stores_no_plain_signing_key_and_only_admins_open_it(tmp_path: Path) -> None:
    ana, created = provision(tmp_path, "Refugio", "service_provider", Role.ADVOCATE, user="ana")
    try:
        # What every user of this laptop opens holds no signing key.
        row = directory.get_self(ana.db)
        assert row is not None and b"signing_private" not in row.identity
        assert ana.agency_signing_key is None
        identity = agency.get_identity(ana)
        assert identity is not None and not identity.has_signing_key
        with pytest.raises(SigningKeyAbsent):
            identity.sign(b"anything")
        # Each signing use case is refused to her.
        with pytest.raises(NotPermitted):
            agency.certify_new_device(ana, admin=False)
        with pytest.raises(NotPermitted):
            agency.device_revocation(ana, "ab" * 16)
        with pytest.raises(NotPermitted):
            provisioning.sign_policy(ana, AgencyPolicy())
        with pytest.raises(NotPermitted):
            provisioning.export_bundle(ana, tmp_path / "b", BUNDLE_PASS)
        # Copies: the admin's slot and the recovery slot, no one else's.
        copies = signing_copies.all_copies(ana.db)
        admin_slot = ana.vault.slot_id(ADMIN)
        assert set(copies) == {admin_slot, ana.vault.recovery_slot_id}
    finally:
        ana.close()
    with _open(tmp_path, ADMIN) as admin:
        assert admin.agency_signing_key is not None
        key = admin.agency_signing_key.public_key().public_bytes_raw()
        assert key == created.card.signing_public
        provisioning.sign_policy(admin, AgencyPolicy())  # signs with it
    assert b"signing_private" not in _stored_identity(tmp_path, ADMIN)


def test_copies_follow_the_administrators(tmp_path: Path) -> None:
    admin, _ = provision(tmp_path, "Refugio", "service_provider", Role.ADMIN, user=ADMIN)
    try:
        add_user(admin, "bea", PASSPHRASE, Role.ADMIN)
        add_user(admin, "cruz", PASSPHRASE, Role.OFFICER)
        slots = set(signing_copies.all_copies(admin.db))
        assert admin.vault.slot_id("bea") in slots
        assert admin.vault.slot_id("cruz") not in slots
    finally:
        admin.close()
    with _open(tmp_path, "bea") as bea:
        assert bea.agency_signing_key is not None  # a new administrator opens it
        change_passphrase(bea, PASSPHRASE, OTHER)  # same slot key pair: still opens
    with _open(tmp_path, "bea", OTHER) as bea:
        assert bea.agency_signing_key is not None
        bea_slot = bea.vault.slot_id("bea")
    with _open(tmp_path, "cruz") as cruz:
        assert cruz.agency_signing_key is None
    with _open(tmp_path, ADMIN) as admin:
        remove_user(admin, "bea")
        assert bea_slot not in signing_copies.all_copies(admin.db)
        # The removal replaced the recovery code: the new recovery slot has its copy.
        assert admin.vault.recovery_slot_id in signing_copies.all_copies(admin.db)


def test_a_forgotten_passphrase_does_not_lose_the_signing_key(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    admin, code = ws.set_up(ADMIN, PASSPHRASE, Role.ADMIN, kdf=KdfParams.for_tests())
    created = provisioning.create_agency(admin, "Refugio", "service_provider", list(CONTACTS))
    admin.close()
    recovered = ws.recover(code, ADMIN, OTHER)
    try:
        assert recovered.agency_signing_key is not None
    finally:
        recovered.close()
    with _open(tmp_path, ADMIN, OTHER) as again:  # the reset slot was sealed its own copy
        assert again.agency_signing_key is not None
        public = again.agency_signing_key.public_key().public_bytes_raw()
        assert public == created.card.signing_public


def test_a_folder_from_before_the_split_moves_its_key_at_the_first_admin_unlock(
    tmp_path: Path,
) -> None:
    ws = Workspace(tmp_path)
    admin, _code = ws.set_up(ADMIN, PASSPHRASE, Role.ADMIN, kdf=KdfParams.for_tests())
    full = AgencyIdentity.generate("Refugio", "service_provider", list(CONTACTS))
    key = DeviceKey.generate()
    legacy = dataclasses.replace(
        DeviceCertificate.issue(full, key.device_id, key.public_bytes), token=None
    )
    legacy = dataclasses.replace(legacy, signature=full.sign(legacy.signed_message()))
    with admin.db.transaction() as c:  # as the previous version stored it: one plain row
        at = "2026-01-01T00:00:00+00:00"
        directory.put_self(c, full.agency_id, full.to_bytes(), at)
        directory.put_device(c, key.device_id, key.to_bytes(), at, legacy.to_json())
    add_user(admin, "ana", PASSPHRASE, Role.ADVOCATE)
    admin.close()
    with _open(tmp_path, "ana") as ana:  # an ordinary user's unlock moves nothing
        assert ana.agency_signing_key is None
        identity = agency.get_identity(ana)
        assert identity is not None and not identity.has_signing_key
    with _open(tmp_path, ADMIN) as admin:
        assert admin.agency_signing_key is not None
    assert b"signing_private" not in _stored_identity(tmp_path, ADMIN)
    with _open(tmp_path, ADMIN) as admin:
        identity = agency.get_identity(admin)
        assert identity is not None and identity.has_signing_key
        assert identity.card.to_json() == full.card.to_json()
        # Its certificate from before roles and tokens is renewed, as an administrator's.
        old = agency.device_certificate(admin)
        assert old is not None and old.token is None
        agency.ensure_device_key(admin)
        renewed = agency.device_certificate(admin)
        assert renewed is not None and renewed.admin and renewed.token is not None
        assert renewed.device_public == old.device_public


def test_an_ordinary_laptop_joins_without_the_signing_key(tmp_path: Path) -> None:
    admin, _ = provision(tmp_path / "office", "Refugio", "service_provider", Role.ADMIN, user=ADMIN)
    bundle = tmp_path / "laptop.bundle"
    try:
        provisioning.export_bundle(admin, bundle, BUNDLE_PASS, KdfParams.for_tests())
    finally:
        admin.close()
    enrolment = open_bundle(bundle.read_bytes(), BUNDLE_PASS)
    assert not enrolment.identity.has_signing_key
    assert enrolment.device_certificate is not None and not enrolment.device_certificate.admin
    # Even its administrator (of that laptop) gets no signing key from an ordinary bundle.
    s, _code = provisioning.enrol_new_laptop(
        tmp_path / "laptop", enrolment, "dee", PASSPHRASE, Role.ADMIN, kdf=KdfParams.for_tests()
    )
    try:
        assert s.agency_signing_key is None
        assert signing_copies.all_copies(s.db) == {}
        row = directory.get_self(s.db)
        assert row is not None and b"signing_private" not in row.identity
        cert = agency.device_certificate(s)
        assert cert is not None and cert == enrolment.device_certificate
        with pytest.raises(SigningKeyAbsent):
            agency.certify_new_device(s, admin=False)
        with pytest.raises(SigningKeyAbsent):
            agency.device_revocation(s, "ab" * 16)
    finally:
        s.close()


def test_an_administrators_bundle_carries_the_key_to_admin_slots_only(tmp_path: Path) -> None:
    admin, _ = provision(tmp_path / "office", "Refugio", "service_provider", Role.ADMIN, user=ADMIN)
    bundle = tmp_path / "admin.bundle"
    try:
        provisioning.export_bundle(admin, bundle, BUNDLE_PASS, KdfParams.for_tests(), admin=True)
    finally:
        admin.close()
    enrolment = open_bundle(bundle.read_bytes(), BUNDLE_PASS)
    assert enrolment.for_admin
    s, _code = provisioning.enrol_new_laptop(
        tmp_path / "second", enrolment, "eva", PASSPHRASE, Role.ADMIN, kdf=KdfParams.for_tests()
    )
    try:
        assert s.agency_signing_key is not None
        assert set(signing_copies.all_copies(s.db)) == {
            s.vault.slot_id("eva"), s.vault.recovery_slot_id
        }
        row = directory.get_self(s.db)
        assert row is not None and b"signing_private" not in row.identity
    finally:
        s.close()


def test_a_damaged_identity_does_not_lock_the_administrator_out(tmp_path: Path) -> None:
    admin, _ = provision(tmp_path, "Refugio", "service_provider", Role.ADMIN, user=ADMIN)
    try:
        with admin.db.transaction() as c:
            c.execute("UPDATE agency_self SET identity = ? WHERE id = 1", (b"{damaged",))
    finally:
        admin.close()
    with _open(tmp_path, ADMIN) as again:  # unlocks; the agency screens name the damage
        assert again.agency_signing_key is None
