"""A lost laptop is cut off, end to end, through a real relay process on 127.0.0.1.

Issue 11 item 2: every laptop held the agency's signing and HPKE private keys, so a thief with a
laptop and one user's passphrase certified a new device key, enrolled (201), read and decrypted
what was sent after the revocation, and revoked the good laptops. Here: an administrator's
laptop, a good advocate laptop, a lost advocate laptop (the "thief" works on a copy of its data
folder, passphrase known) and a partner agency, each its own data folder. After the revocation
and the rotation, the thief enrols 0 times, certifies 0 devices, revokes 0 devices and decrypts 0
envelopes sent after; the good laptops and the partner keep working.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from intake_app.admin.enrolment import open_bundle
from intake_app.domain.answers import Answer
from intake_app.domain.case import Role
from intake_app.domain.consent import Category, Consent, Method, Purpose
from intake_app.errors import IntakeError
from intake_app.services import (
    agency,
    agency_rotation,
    cases,
    consents,
    interviews,
    partners,
    provisioning,
    sharing,
)
from intake_app.services.session import Session, Workspace
from intake_app.services.sync_rounds import relay_round
from intake_app.storage.kdf import KdfParams
from intake_app.sync.envelope import (
    EnvelopeRejected,
    Kind,
    Reason,
    open_envelope,
    peek_header,
    seal,
)
from intake_app.sync.keys import DeviceCertificate, DeviceKey, DeviceRevocation, write_card
from intake_app.sync.relay import server
from intake_app.sync.transport import TransportRejected
from tests.agencies import ADMIN, PASSPHRASE, as_admin, provision
from tests.integration.conftest import RelayProcess

BUNDLE_PASS = "orange kettle seventeen lanterns"
CONTACT = [{"name": "Duty desk", "phone": "+1 555 0100"}]


@pytest.fixture
def relay(tmp_path: Path) -> Iterator[RelayProcess]:
    (tmp_path / "relay").mkdir()
    process = RelayProcess(f"sqlite://{tmp_path / 'relay' / 'relay.db'}").start()
    yield process
    process.stop()


def _join(root: Path, admin: Session, name: str) -> Session:
    bundle = root / f"{name}.bundle"
    provisioning.export_bundle(admin, bundle, BUNDLE_PASS, KdfParams.for_tests())
    enrolment = open_bundle(bundle.read_bytes(), BUNDLE_PASS)
    bundle.unlink()
    s, _code = provisioning.enrol_new_laptop(
        root / name, enrolment, name, PASSPHRASE, Role.ADVOCATE, kdf=KdfParams.for_tests()
    )
    return s


def _share(s: Session, recipient: str) -> None:
    """A case with one needs answer, consented for `recipient`, shared."""
    case = cases.create_case(s)
    iv = interviews.start_interview(s, case.id, "advocate_intake", "1.1", "en")
    interviews.record_answer(s, iv.id, "needs_now", Answer.of(["shelter"]))
    now = datetime.now(UTC)
    consents.give_consent(s, Consent(
        id=0, case_id=case.id, purpose=Purpose.CASE_COORDINATION, recipient_id=recipient,
        categories=frozenset({Category.NEEDS}), wording="w", language="en",
        method=Method.SIGNED, interpreter=False, given_at=now - timedelta(minutes=1),
        expires_at=now + timedelta(days=90),
    ))  # fmt: skip
    sharing.queue_share(s, case.id, recipient, Purpose.CASE_COORDINATION)


def _inbox_bodies(relay: RelayProcess, recipient: str) -> list[bytes]:
    """What the relay holds for `recipient` now (what a leak of the relay would give away)."""
    db = sqlite3.connect(relay.store_url[len("sqlite://") :])
    try:
        rows = db.execute("SELECT body FROM envelopes WHERE recipient = ?", (recipient,))
        return [bytes(r[0]) for r in rows]
    finally:
        db.close()


def _devices_at_relay(relay: RelayProcess, agency_id: str) -> set[str]:
    db = sqlite3.connect(relay.store_url[len("sqlite://") :])
    try:
        rows = db.execute("SELECT device_id FROM devices WHERE agency_id = ?", (agency_id,))
        return {str(r[0]) for r in rows}
    finally:
        db.close()


def test_a_lost_laptop_reads_nothing_new_and_cuts_off_no_one(
    tmp_path: Path, relay: RelayProcess
) -> None:
    admin, refugio = provision(tmp_path / "office", "Refugio", "service_provider", Role.ADMIN,
                               user=ADMIN, contacts=CONTACT)
    partner, casa = provision(tmp_path / "casa", "Casa", "service_provider", Role.ADVOCATE,
                              user="pia", contacts=CONTACT)
    opened: list[Session] = [admin, partner]
    try:
        for folder, card in ((tmp_path / "office", casa.card), (tmp_path / "casa", refugio.card)):
            with as_admin(folder) as s:
                partners.confirm_partner(s, partners.import_partner(s, card.to_json()).agency_id)
        for card in (refugio.card, casa.card):
            path = tmp_path / f"{card.agency_id}.card"
            write_card(card, path)
            assert server.main(["register-agency", "--store", relay.store_url,
                                "--card", str(path)]) == 0
        good = _join(tmp_path, admin, "ana")
        lost = _join(tmp_path, admin, "bea")
        opened += [good, lost]
        for s in opened:
            report, _ = relay_round(s, relay.url)
            assert report.ok, report
        enrolled = _devices_at_relay(relay, refugio.agency_id)
        assert len(enrolled) == 3
        lost_device = agency.device_key(lost)
        assert lost_device is not None
        lost.close()
        opened.remove(lost)

        # The laptop is gone, its passphrase known: the thief works on a copy of its folder.
        shutil.copytree(tmp_path / "bea", tmp_path / "thief")
        thief = Workspace(tmp_path / "thief").unlock("bea", PASSPHRASE)
        opened.append(thief)

        # The administrator revokes it at the relay and rotates the agency's key.
        revocation = agency.device_revocation(admin, lost_device.device_id)
        transport = agency.relay_transport(admin, relay.url)
        try:
            transport.revoke_device(revocation.to_json())
        finally:
            transport.close()
        rotated = agency_rotation.rotate_agency_key(admin)
        assert (rotated.serial, rotated.devices, rotated.partners) == (1, 1, 1)
        rotated_at = time.time()
        for s in (admin, good, partner):
            report, _ = relay_round(s, relay.url)
            assert report.ok, report
        # The good laptop took the new key from its box; the partner the new card, still
        # confirmed without comparing a fingerprint again.
        new_card = agency.require_identity(admin).card
        assert new_card.serial == 1
        assert agency.require_identity(good).card.to_json() == new_card.to_json()
        held = {p.agency_id: p for p in partners.list_partners(partner)}[refugio.agency_id]
        assert held.confirmed and held.card.to_json() == new_card.to_json()

        # After: the partner shares twice, the good laptop once to the partner.
        _share(partner, refugio.agency_id)
        _share(partner, refugio.agency_id)
        _share(good, casa.agency_id)
        assert relay_round(partner, relay.url)[0].delivered == 2
        sent_after = _inbox_bodies(relay, refugio.agency_id)
        # Only the partner's two shares wait: the rotation notice, read by both remaining
        # laptops, is gone from the relay (the revoked one is not waited for).
        assert [peek_header(b).sender_id for b in sent_after] == [casa.agency_id] * 2

        # --- the thief ----------------------------------------------------------------------
        certified = revoked = decrypted = 0
        report, _ = relay_round(thief, relay.url)  # its own device: refused, enrols nothing
        assert not report.ok and report.stopped is not None
        # A new device key: it cannot certify one (no signing key on this laptop)...
        key = DeviceKey.generate()
        identity = agency.require_identity(thief)
        assert not identity.has_signing_key
        for attempt in (
            lambda: agency.certify_new_device(thief, admin=False),
            lambda: DeviceCertificate.issue(identity, key.device_id, key.public_bytes),
        ):
            try:
                attempt()
                certified += 1
            except IntakeError:
                pass
        # ...nor revoke anyone: no signing key to sign a revocation, and at the relay a revoked
        # ordinary device is refused.
        for victim in enrolled - {lost_device.device_id}:
            try:
                DeviceRevocation.issue(identity, victim)
                revoked += 1
            except IntakeError:
                pass
        with pytest.raises(TransportRejected):
            agency.relay_transport(thief, relay.url).revoke_device(revocation.to_json())
        # Its old certificate enrols nothing again (revoked; its token was used).
        with pytest.raises(TransportRejected):
            agency.relay_transport(thief, relay.url).enrol()
        enrols = len(_devices_at_relay(relay, refugio.agency_id) - enrolled)
        # Even given every ciphertext sent to the agency after the rotation (a leak of the
        # relay's disk), it opens none: they are sealed to the new key.
        seen: set[str] = set()
        for body in sent_after:
            try:
                open_envelope(body, identity, {casa.agency_id: casa.card}, seen.__contains__,
                              time.time())
                decrypted += 1
            except EnvelopeRejected as exc:
                assert exc.reason in (Reason.DECRYPT_FAILED, Reason.BAD_SIGNATURE)
        assert (enrols, certified, revoked, decrypted) == (0, 0, 0, 0)

        # A partner still on the old card after the rotation is refused by the agency's laptops.
        stale = seal(casa, refugio.card, Kind.SHARE, {"v": 1}, ttl_seconds=3600, now=time.time())
        result = sharing.process_inbound(good, stale)
        assert (result.status, result.reason) == ("quarantined", "sealed_to_retired_key")

        # --- the good laptops and the partner keep working ----------------------------------
        for s in (good, admin):
            report, _ = relay_round(s, relay.url)
            assert report.ok and report.accepted >= 2, report
        report, _ = relay_round(good, relay.url)
        report, _ = relay_round(partner, relay.url)
        assert report.ok and report.accepted >= 1, report
        assert rotated_at <= time.time()
    finally:
        for s in opened:
            s.close()
