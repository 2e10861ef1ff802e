"""Device certificates end to end: the operator registers an agency once, each laptop enrols itself
at a real relay on 127.0.0.1 (SQLite and PostgreSQL) with a certificate signed by its agency."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from intake_app.admin.enrolment import make_bundle, open_bundle
from intake_app.admin.policy import AgencyPolicy
from intake_app.admin.profile import SignedProfile
from intake_app.domain.case import Role
from intake_app.errors import InvalidInput
from intake_app.services import agency
from intake_app.services.provisioning import join_agency
from intake_app.services.session import Session, Workspace
from intake_app.storage.kdf import KdfParams
from intake_app.sync.keys import (
    AgencyIdentity,
    DeviceCertificate,
    DeviceKey,
    DeviceRevocation,
    fingerprint_words,
    write_card,
)
from intake_app.sync.relay import server
from intake_app.sync.transport import HttpRelayTransport, SendResult, TransportRejected
from tests.integration.conftest import TEST_CONFIG, RelayThread
from tests.integration.test_relay import envelope, raw_request, receive_all, signed
from tests.integration.test_sharing import _cli

CONTACTS = [{"name": "Duty desk", "phone": "+1 555 0100"}]
AGENCY_A = AgencyIdentity.generate("Agency A", "service_provider", CONTACTS)
AGENCY_B = AgencyIdentity.generate("Agency B", "law_enforcement", CONTACTS)
STRANGER = AgencyIdentity.generate("Stranger", "other", CONTACTS)


class Laptops:
    """Issues device keys and certificates and hands out clients that enrol themselves."""

    def __init__(self, relay: RelayThread) -> None:
        self.relay = relay
        self.clients: list[HttpRelayTransport] = []

    def client(
        self,
        key: DeviceKey,
        cert: DeviceCertificate | bytes | None,
        *,
        agency_id: str | None = None,
    ) -> HttpRelayTransport:
        raw = cert.to_json() if isinstance(cert, DeviceCertificate) else cert
        ids = agency_id or (cert.agency_id if isinstance(cert, DeviceCertificate) else "")
        client = HttpRelayTransport(
            self.relay.url, ids, key.device_id, key.private_key, timeout=5, certificate=raw
        )
        self.clients.append(client)
        return client

    def laptop(self, identity: AgencyIdentity, **issue: object) -> HttpRelayTransport:
        key = DeviceKey.generate()
        cert = DeviceCertificate.issue(identity, key.device_id, key.public_bytes, **issue)  # type: ignore[arg-type]
        return self.client(key, cert)

    def close(self) -> None:
        for c in self.clients:
            c.close()


@pytest.fixture
def laptops(relay: RelayThread) -> Iterator[Laptops]:
    for identity in (AGENCY_A, AGENCY_B):
        assert relay.store.register_agency(
            identity.agency_id, identity.card.signing_public, int(time.time())
        )
    helper = Laptops(relay)
    yield helper
    helper.close()


def _refused(client: HttpRelayTransport) -> TransportRejected:
    with pytest.raises(TransportRejected) as exc:
        client.send(envelope(client.agency_id, AGENCY_B.agency_id))
    return exc.value


# --- the happy path ------------------------------------------------------------------------------
def test_laptop_enrols_itself_then_posts_and_fetches(laptops: Laptops, relay: RelayThread) -> None:
    sender = laptops.laptop(AGENCY_A)
    reader = laptops.laptop(AGENCY_B)
    assert relay.store.device_key(AGENCY_A.agency_id, sender.device_id) is None
    sent = [envelope(AGENCY_A.agency_id, AGENCY_B.agency_id) for _ in range(3)]
    # First contact: 401 unknown_device -> enrol with the certificate -> the send is repeated.
    assert sender.send(sent[0]) is SendResult.STORED
    assert sender.enrolled
    assert sender.send_many(sent[1:]) == [SendResult.STORED, SendResult.STORED]
    assert sorted(receive_all(reader)) == sorted(e.body for e in sent)
    assert reader.enrolled
    # Enrolling again with the same key is harmless; the relay kept the certificate.
    assert sender.enrol() is SendResult.ALREADY_STORED
    entry = relay.store.device_entry(AGENCY_A.agency_id, sender.device_id)
    assert entry is not None and entry.certificate_expires is None


def test_enrol_request_cannot_be_replayed(laptops: Laptops, relay: RelayThread) -> None:
    key = DeviceKey.generate()
    cert = DeviceCertificate.issue(AGENCY_A, key.device_id, key.public_bytes).to_json()
    headers = signed(
        key.private_key, AGENCY_A.agency_id, key.device_id, "POST", "/v1/devices", cert
    )
    assert raw_request(relay.url, "POST", "/v1/devices", cert, headers)[:2] == (
        201,
        {"status": "enrolled"},
    )
    status, payload, _ = raw_request(relay.url, "POST", "/v1/devices", cert, headers)
    assert (status, payload) == (401, {"error": "replayed_nonce"})
    stale = signed(
        key.private_key,
        AGENCY_A.agency_id,
        key.device_id,
        "POST",
        "/v1/devices",
        cert,
        timestamp=int(time.time()) - 3600,
    )
    assert raw_request(relay.url, "POST", "/v1/devices", cert, stale)[:2] == (
        401,
        {"error": "stale_timestamp"},
    )


# --- refusals ------------------------------------------------------------------------------------
def test_certificate_signed_by_another_agency_is_refused(
    laptops: Laptops, relay: RelayThread
) -> None:
    key = DeviceKey.generate()
    genuine = DeviceCertificate.issue(AGENCY_A, key.device_id, key.public_bytes)
    forged = replace(genuine, signature=STRANGER.sign(genuine.signed_message()))
    exc = _refused(laptops.client(key, forged))
    assert (exc.status, exc.reason) == (403, "certificate_bad_signature")
    # A stranger's own certificate: that agency was never registered at this relay.
    exc = _refused(laptops.laptop(STRANGER))
    assert (exc.status, exc.reason) == (403, "unknown_agency")
    # Agency B's certificate presented as a device of agency A.
    other = DeviceCertificate.issue(AGENCY_B, key.device_id, key.public_bytes)
    exc = _refused(laptops.client(key, other.to_json(), agency_id=AGENCY_A.agency_id))
    assert (exc.status, exc.reason) == (401, "certificate_mismatch")
    assert relay.store.device_key(AGENCY_A.agency_id, key.device_id) is None


def test_expired_or_future_certificate_is_refused(laptops: Laptops, relay: RelayThread) -> None:
    now = time.time()
    exc = _refused(laptops.laptop(AGENCY_A, now=now - 7200, ttl_seconds=600))
    assert (exc.status, exc.reason) == (403, "certificate_expired")
    exc = _refused(laptops.laptop(AGENCY_A, now=now + 7200))
    assert (exc.status, exc.reason) == (403, "certificate_not_yet_valid")


def test_certificate_for_another_device_key_is_refused(
    laptops: Laptops, relay: RelayThread
) -> None:
    real, thief = DeviceKey.generate(), DeviceKey.generate()
    cert = DeviceCertificate.issue(AGENCY_A, real.device_id, real.public_bytes)
    # Someone holding the certificate but not the device key it names.
    imposter = replace(thief, device_id=real.device_id)
    exc = _refused(laptops.client(imposter, cert))
    assert (exc.status, exc.reason) == (401, "bad_signature")
    assert relay.store.device_key(AGENCY_A.agency_id, real.device_id) is None
    # Once the real laptop enrolled, a certificate for another key under its id conflicts.
    assert laptops.client(real, cert).enrol() is SendResult.STORED
    other = DeviceCertificate.issue(AGENCY_A, real.device_id, thief.public_bytes)
    with pytest.raises(TransportRejected) as conflict:
        laptops.client(imposter, other).enrol()
    assert (conflict.value.status, conflict.value.reason) == (409, "device_conflict")


def test_damaged_certificate_is_refused(laptops: Laptops, relay: RelayThread) -> None:
    key = DeviceKey.generate()
    cert = DeviceCertificate.issue(AGENCY_A, key.device_id, key.public_bytes).to_json()
    for body in (b"{}", cert[:-5], cert.replace(b'"version":1', b'"version":2'), os.urandom(64)):
        headers = signed(
            key.private_key, AGENCY_A.agency_id, key.device_id, "POST", "/v1/devices", body
        )
        status, payload, _ = raw_request(relay.url, "POST", "/v1/devices", body, headers)
        assert (status, payload) == (400, {"error": "bad_certificate"})
    big = b"x" * 5000
    headers = signed(key.private_key, AGENCY_A.agency_id, key.device_id, "POST", "/v1/devices", big)
    assert raw_request(relay.url, "POST", "/v1/devices", big, headers)[0] == 413
    assert raw_request(relay.url, "GET", "/v1/devices")[0] == 405


def test_revoked_laptop_is_refused_while_another_keeps_working(
    laptops: Laptops, relay: RelayThread, store_url: str
) -> None:
    lost = laptops.laptop(AGENCY_A)
    kept = laptops.laptop(AGENCY_A)
    reader = laptops.laptop(AGENCY_B)
    assert lost.send(envelope(AGENCY_A.agency_id, AGENCY_B.agency_id)) is SendResult.STORED
    assert kept.send(envelope(AGENCY_A.agency_id, AGENCY_B.agency_id)) is SendResult.STORED
    assert server.main(
        ["revoke-device", "--store", store_url, "--agency", AGENCY_A.agency_id,
         "--device", lost.device_id]
    ) == 0  # fmt: skip
    exc = _refused(lost)
    assert (exc.status, exc.reason) == (403, "device_revoked")
    with pytest.raises(TransportRejected) as again:
        lost.enrol()  # its certificate cannot bring it back
    assert (again.value.status, again.value.reason) == (403, "device_revoked")
    # A laptop lost before it ever enrolled: refused as unknown, unless the operator says so.
    never = laptops.laptop(AGENCY_A)
    revoke_never = ["revoke-device", "--store", store_url, "--agency", AGENCY_A.agency_id,
                    "--device", never.device_id]  # fmt: skip
    assert server.main(revoke_never) == 1
    assert server.main([*revoke_never, "--never-enrolled"]) == 0
    exc = _refused(never)
    assert (exc.status, exc.reason) == (403, "device_revoked")
    last = envelope(AGENCY_A.agency_id, AGENCY_B.agency_id)
    assert kept.send(last) is SendResult.STORED
    assert len(receive_all(reader)) == 3


def test_device_refused_once_its_certificate_expires(tmp_path: Path) -> None:
    clock = [time.time()]
    relay = RelayThread(f"sqlite://{tmp_path / 'r' / 'relay.db'}", TEST_CONFIG, lambda: clock[0])
    relay.start()
    helper = Laptops(relay)
    try:
        relay.store.register_agency(AGENCY_A.agency_id, AGENCY_A.card.signing_public, 0)
        relay.store.register_agency(AGENCY_B.agency_id, AGENCY_B.card.signing_public, 0)
        key = DeviceKey.generate()
        cert = DeviceCertificate.issue(AGENCY_A, key.device_id, key.public_bytes, ttl_seconds=3600)
        client = HttpRelayTransport(
            relay.url,
            AGENCY_A.agency_id,
            key.device_id,
            key.private_key,
            timeout=5,
            certificate=cert.to_json(),
            clock=lambda: clock[0],
        )
        helper.clients.append(client)
        assert client.send(envelope(AGENCY_A.agency_id, AGENCY_B.agency_id)) is SendResult.STORED
        clock[0] += 3600 + TEST_CONFIG.max_skew_seconds + 1
        with pytest.raises(TransportRejected) as exc:
            client.receive()
        assert (exc.value.status, exc.value.reason) == (401, "certificate_expired")
        # A renewed certificate for the same key brings it back.
        renewed = DeviceCertificate.issue(AGENCY_A, key.device_id, key.public_bytes, now=clock[0])
        fresh = HttpRelayTransport(
            relay.url,
            AGENCY_A.agency_id,
            key.device_id,
            key.private_key,
            timeout=5,
            certificate=renewed.to_json(),
            clock=lambda: clock[0],
        )
        helper.clients.append(fresh)
        assert fresh.enrol() is SendResult.ALREADY_STORED
        assert fresh.receive().envelopes == ()
    finally:
        helper.close()
        relay.stop()


def test_agency_signed_revocation_from_another_laptop(laptops: Laptops, relay: RelayThread) -> None:
    admin = laptops.laptop(AGENCY_A, admin=True)
    lost = laptops.laptop(AGENCY_A)
    other_agency = laptops.laptop(AGENCY_B, admin=True)
    for c in (admin, lost, other_agency):
        assert c.enrol() is SendResult.STORED
    # A lost laptop that never reached the relay: its certificate must not work later either.
    never_key = DeviceKey.generate()
    never = laptops.client(
        never_key,
        DeviceCertificate.issue(AGENCY_A, never_key.device_id, never_key.public_bytes),
    )

    def refused(client: HttpRelayTransport, body: bytes) -> tuple[int | None, str]:
        with pytest.raises(TransportRejected) as exc:
            client.revoke_device(body)
        return exc.value.status, exc.value.reason

    forged = DeviceRevocation.issue(AGENCY_A, lost.device_id)
    forged = replace(forged, signature=STRANGER.sign(forged.signed_message()))
    assert refused(admin, forged.to_json()) == (403, "revocation_bad_signature")
    genuine = DeviceRevocation.issue(AGENCY_A, lost.device_id).to_json()
    assert refused(other_agency, genuine) == (403, "revocation_wrong_agency")
    assert refused(admin, genuine[:-3]) == (400, "bad_revocation")
    future = DeviceRevocation.issue(AGENCY_A, lost.device_id, now=time.time() + 7200)
    assert refused(admin, future.to_json()) == (403, "revocation_not_yet_valid")
    assert lost.send(envelope(AGENCY_A.agency_id, AGENCY_B.agency_id)) is SendResult.STORED

    admin.revoke_device(genuine)
    admin.revoke_device(genuine)  # repeating it changes nothing
    admin.revoke_device(DeviceRevocation.issue(AGENCY_A, never.device_id).to_json())
    for client in (lost, never):
        exc = _refused(client)
        assert (exc.status, exc.reason) == (403, "device_revoked")
        with pytest.raises(TransportRejected) as again:
            client.enrol()
        assert (again.value.status, again.value.reason) == (403, "device_revoked")
    # The revoked laptop cannot strike back at the one that revoked it.
    assert refused(lost, DeviceRevocation.issue(AGENCY_A, admin.device_id).to_json()) == (
        403,
        "device_revoked",
    )
    assert admin.send(envelope(AGENCY_A.agency_id, AGENCY_B.agency_id)) is SendResult.STORED


def test_only_an_administrators_device_may_revoke(laptops: Laptops, relay: RelayThread) -> None:
    """Issue 11: a lost ordinary laptop revoked the good ones. The relay now takes a revocation
    only from a device whose certificate, signed by the agency, says role admin."""
    admin = laptops.laptop(AGENCY_A, admin=True)
    ordinary = laptops.laptop(AGENCY_A)
    for c in (admin, ordinary):
        assert c.enrol() is SendResult.STORED
    genuine = DeviceRevocation.issue(AGENCY_A, admin.device_id).to_json()
    with pytest.raises(TransportRejected) as exc:
        ordinary.revoke_device(genuine)
    assert (exc.value.status, exc.value.reason) == (403, "revocation_not_admin")
    assert admin.send(envelope(AGENCY_A.agency_id, AGENCY_B.agency_id)) is SendResult.STORED
    admin.revoke_device(DeviceRevocation.issue(AGENCY_A, ordinary.device_id).to_json())
    assert (_refused(ordinary).status, _refused(ordinary).reason) == (403, "device_revoked")


def test_an_enrolment_token_enrols_one_device_once(laptops: Laptops, relay: RelayThread) -> None:
    """A certificate's one-time token: a second device presenting it is refused (403), and a
    certificate without a token (issued before tokens) enrols nothing."""
    first_key, second_key = DeviceKey.generate(), DeviceKey.generate()
    cert = DeviceCertificate.issue(AGENCY_A, first_key.device_id, first_key.public_bytes)
    assert laptops.client(first_key, cert).enrol() is SendResult.STORED
    assert laptops.client(first_key, cert).enrol() is SendResult.ALREADY_STORED  # the same laptop
    # Another laptop's certificate that reuses the token (only the agency could sign it, so this
    # is the agency's own mistake or a copied bundle): refused.
    reused = replace(
        DeviceCertificate.issue(AGENCY_A, second_key.device_id, second_key.public_bytes),
        token=cert.token,
    )
    reused = replace(reused, signature=AGENCY_A.sign(reused.signed_message()))
    with pytest.raises(TransportRejected) as exc:
        laptops.client(second_key, reused).enrol()
    assert (exc.value.status, exc.value.reason) == (403, "token_used")
    untokened = replace(
        DeviceCertificate.issue(AGENCY_A, second_key.device_id, second_key.public_bytes),
        token=None, admin=False,
    )  # fmt: skip
    untokened = replace(untokened, signature=AGENCY_A.sign(untokened.signed_message()))
    with pytest.raises(TransportRejected) as exc:
        laptops.client(second_key, untokened).enrol()
    assert (exc.value.status, exc.value.reason) == (403, "certificate_no_token")


# --- the operator's command ----------------------------------------------------------------------
def test_register_agency_cli(
    relay: RelayThread, store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    card = tmp_path / "a.card.json"
    write_card(AGENCY_A.card, card)
    argv = ["register-agency", "--store", store_url, "--card", str(card)]
    assert server.main(argv) == 0
    out = capsys.readouterr().out
    assert f"Agency {AGENCY_A.agency_id} registered." in out
    assert " ".join(fingerprint_words(AGENCY_A.card)) in out
    assert server.main(argv) == 0
    assert "already registered" in capsys.readouterr().out
    assert relay.store.agency_key(AGENCY_A.agency_id) == AGENCY_A.card.signing_public
    # The same agency id with other keys (a re-key, or an impostor) is not taken silently.
    impostor = tmp_path / "impostor.card.json"
    write_card(replace(STRANGER, agency_id=AGENCY_A.agency_id).card, impostor)
    assert server.main(["register-agency", "--store", store_url, "--card", str(impostor)]) == 1
    assert "registered at the relay with another signing key" in capsys.readouterr().err
    tampered = tmp_path / "tampered.card.json"
    tampered.write_bytes(card.read_bytes().replace(b"Agency A", b"Agency Z"))
    assert server.main(["register-agency", "--store", store_url, "--card", str(tampered)]) == 1
    assert "card cannot be used" in capsys.readouterr().err
    assert server.main(["register-agency", "--store", store_url, "--card", "/nonexistent"]) == 1
    # Registered from the command line, a laptop of the agency can enrol itself.
    helper = Laptops(relay)
    try:
        assert helper.laptop(AGENCY_A).enrol() is SendResult.STORED
    finally:
        helper.close()


# --- the app side: certificates issued at `agency init` and when joining from a bundle ----------
def _session(root: Path, name: str) -> Session:
    """An administrator's laptop: revoking a lost laptop is administrators' work."""
    s, _ = Workspace(root / name).set_up(
        "user", "correct horse battery staple", Role.ADMIN, kdf=KdfParams.for_tests()
    )
    return s


def test_app_laptops_enrol_with_the_certificate_their_agency_issued(
    relay: RelayThread, tmp_path: Path
) -> None:
    first = _session(tmp_path, "first")
    second = _session(tmp_path, "second")
    other = _session(tmp_path, "other")
    clients: list[HttpRelayTransport] = []
    try:
        identity = agency.init_agency(first, "Shelter", "service_provider", CONTACTS)
        partner = agency.init_agency(other, "Police", "law_enforcement", CONTACTS)
        cert = agency.device_certificate(first)
        key = agency.device_key(first)
        assert cert is not None and key is not None
        assert (cert.device_id, cert.device_public) == (key.device_id, key.public_bytes)
        cert.verify(identity.card, time.time())
        # A second laptop joins from an enrolment bundle and certifies its own new key locally.
        profile = SignedProfile.issue(identity, AgencyPolicy(), 1)
        passphrase = "orange kettle seventeen lanterns"
        bundle = make_bundle(identity, profile, [], passphrase, KdfParams.for_tests())
        join_agency(second, open_bundle(bundle, passphrase))
        cert2 = agency.device_certificate(second)
        key2 = agency.device_key(second)
        assert cert2 is not None and key2 is not None
        assert key2.device_id != key.device_id and cert2.device_public == key2.public_bytes
        cert2.verify(identity.card, time.time())

        for card in (identity.card, partner.card):
            relay.store.register_agency(card.agency_id, card.signing_public, int(time.time()))
        clients = [agency.relay_transport(s, relay.url, timeout=5) for s in (first, second, other)]
        for c in clients[:2]:
            assert c.send(envelope(identity.agency_id, partner.agency_id)) is SendResult.STORED
        assert len(receive_all(clients[2])) == 2
        assert all(c.enrolled for c in clients)
        # The first laptop is lost: the second one revokes it (`intake agency revoke-device`).
        with pytest.raises(InvalidInput):
            agency.device_revocation(second, key2.device_id)  # not its own id
        secret = tmp_path / "pass"
        secret.write_text("correct horse battery staple\n")
        argv = [
            "--data-dir", str(second.workspace.data_dir), "agency", "revoke-device",
            key.device_id, "--relay", relay.url, "--user", "user",
            "--passphrase-file", str(secret),
        ]  # fmt: skip
        assert _cli(argv) == 0
        exc = _refused(clients[0])
        assert exc.reason == "device_revoked"
        assert clients[1].send(envelope(identity.agency_id, partner.agency_id)) is SendResult.STORED
    finally:
        for c in clients:
            c.close()
        for s in (first, second, other):
            s.close()
