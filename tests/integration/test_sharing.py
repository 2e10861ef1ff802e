"""Two agencies (separate data folders, separate encrypted databases) sharing through a real relay
on 127.0.0.1 and through a folder drop: consent-limited shares, referrals, withdrawals, faults,
and hostile envelopes fed to the inbound path.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import ClassVar

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from intake_app.domain.answers import Answer
from intake_app.domain.case import Identity, Role
from intake_app.domain.consent import Category, Consent, Method, Purpose
from intake_app.services import agency, cases, consents, interviews, partners, sharing
from intake_app.services.session import Session, Workspace, add_user
from intake_app.storage.kdf import KdfParams
from intake_app.sync.engine import Backoff, SyncEngine, SyncReport
from intake_app.sync.envelope import Kind, seal
from intake_app.sync.keys import AgencyIdentity
from intake_app.sync.transport import (
    FolderDropTransport,
    HttpRelayTransport,
    OutgoingEnvelope,
    ReceiveBatch,
    SendResult,
    Transport,
    TransportError,
    TransportUnavailable,
)
from intake_app.sync.worker import SyncWorker
from tests.agencies import add_partner, as_admin, provision
from tests.integration.conftest import TEST_CONFIG, RelayThread, pg_cluster  # noqa: F401

PASSPHRASE = "correct horse battery staple"
NAME_CANARY = "Zorabeth Quillington"  # identity: never consented
NEEDS_CANARY = "needs-canary-7Q2XW"  # a needs answer: consented, must travel encrypted only
EXPERIENCE_CANARY = "experience-canary-K9PLM"  # experience: never consented
CONTACT = [{"name": "Duty desk", "phone": "+1 555 0100"}]
NO_SLEEP = Backoff(base=0.0, cap=0.0, max_attempts=3)


# --- fixtures --------------------------------------------------------------------------------
@dataclass
class Agency:
    session: Session
    identity: AgencyIdentity
    data_dir: Path

    @property
    def id(self) -> str:
        return self.identity.agency_id


def _agency(root: Path, name: str, role: Role, kind: str) -> Agency:
    s, identity = provision(root / name, f"{name} agency", kind, role, contacts=CONTACT)
    return Agency(s, identity, root / name)


def _pair(a: Agency, b: Agency) -> None:
    for x, y in ((a, b), (b, a)):
        with as_admin(x.data_dir) as admin:
            partner = partners.import_partner(admin, y.identity.card.to_json())
            assert not partner.confirmed
            partners.confirm_partner(admin, partner.agency_id)


@pytest.fixture
def two(tmp_path: Path) -> Iterator[tuple[Agency, Agency]]:
    advocate = _agency(tmp_path, "shelter", Role.ADVOCATE, "service_provider")
    officer = _agency(tmp_path, "police", Role.OFFICER, "law_enforcement")
    _pair(advocate, officer)
    yield advocate, officer
    advocate.session.close()
    officer.session.close()


def _register_pair(server: RelayThread, request: pytest.FixtureRequest) -> None:
    """The relay stores envelopes for registered agencies only: the operator registers both."""
    if "two" in request.fixturenames:
        for a in request.getfixturevalue("two"):
            card = a.identity.card
            server.store.register_agency(card.agency_id, card.signing_public, int(time.time()))


@pytest.fixture
def relay(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[RelayThread]:
    """The relay on SQLite (the conftest's `relay`, on both backends, is `any_relay` below)."""
    server = RelayThread(f"sqlite://{tmp_path / 'relay' / 'relay.db'}", TEST_CONFIG).start()
    _register_pair(server, request)
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_relay(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RelayThread]:
    if request.param == "sqlite":
        url = f"sqlite://{tmp_path / 'relay' / 'relay.db'}"
    else:
        url = request.getfixturevalue("pg_cluster").create_database()
    server = RelayThread(url, TEST_CONFIG).start()
    _register_pair(server, request)
    yield server
    server.stop()


def _client(relay: RelayThread, a: Agency) -> HttpRelayTransport:
    device = agency.device_key(a.session)
    assert device is not None
    if relay.store.device_key(a.id, device.device_id) is None:
        relay.store.register_device(a.id, device.device_id, device.public_bytes)
    return HttpRelayTransport(relay.url, a.id, device.device_id, device.private_key, timeout=5)


def _case_with_answers(a: Agency) -> int:
    s = a.session
    case = cases.create_case(s, preferred_name=NAME_CANARY)
    cases.update_identity(s, case.id, Identity(legal_name=NAME_CANARY, contact="+1 555 0199"))
    iv = interviews.start_interview(s, case.id, "advocate_intake", "1.1", "en")
    interviews.record_answer(s, iv.id, "needs_now", Answer.of(["shelter", "medical"]))
    interviews.record_answer(s, iv.id, "shelter_tonight", Answer.of("yes"))
    interviews.record_answer(s, iv.id, "anything_else", Answer.of(NEEDS_CANARY))
    interviews.record_answer(s, iv.id, "what_brought_you", Answer.of(EXPERIENCE_CANARY))
    interviews.record_answer(s, iv.id, "safe_now", Answer.declined())
    return case.id


def _consent(
    a: Agency,
    case_id: int,
    recipient: str,
    categories: set[Category],
    purpose: Purpose = Purpose.CASE_COORDINATION,
) -> Consent:
    now = datetime.now(UTC)
    return consents.give_consent(
        a.session,
        Consent(
            id=0,
            case_id=case_id,
            purpose=purpose,
            recipient_id=recipient,
            categories=frozenset(categories),
            wording="w",
            language="en",
            method=Method.SIGNED,
            interpreter=False,
            given_at=now - timedelta(minutes=1),
            expires_at=now + timedelta(days=90),
        ),
    )


def _sync(a: Agency, transport: Transport, receive_limit: int = 100) -> SyncReport:
    engine = SyncEngine(
        sharing.SessionMailbox(a.session),
        backoff=NO_SLEEP,
        sleep=lambda _: None,
        receive_limit=receive_limit,
    )
    return engine.run_once(transport)


def _sweep(paths: Sequence[Path], needles: Sequence[str]) -> list[str]:
    found = []
    for p in paths:
        if p.is_file():
            data = p.read_bytes()
            for n in needles:
                for enc in ("utf-8", "utf-16-le"):
                    if n.encode(enc) in data:
                        found.append(f"{p.name}:{n}:{enc}")
    return found


# --- the main story --------------------------------------------------------------------------
def test_share_needs_only_arrives_read_only_and_relay_holds_no_plaintext(
    two: tuple[Agency, Agency], relay: RelayThread, tmp_path: Path
) -> None:
    adv, off = two
    case_id = _case_with_answers(adv)
    consent = _consent(adv, case_id, off.id, {Category.NEEDS})

    preview = sharing.preview_share(adv.session, case_id, off.id, Purpose.CASE_COORDINATION)
    assert {f.category for f in preview.fields} == {Category.NEEDS}
    assert {f.name for f in preview.fields} == {"needs_now", "shelter_tonight", "anything_else"}
    assert {f.provenance for f in preview.fields} == {"advocate-origin"}
    assert preview.consent_ids == (consent.id,)
    queued = sharing.queue_share(adv.session, case_id, off.id, Purpose.CASE_COORDINATION)
    assert queued.field_count == 3

    report = _sync(adv, _client(relay, adv))
    assert (report.delivered, report.pending_after, report.ok) == (1, 0, True)
    report = _sync(off, _client(relay, off))
    assert (report.received, report.accepted, report.quarantined) == (1, 1, 0)

    [view] = sharing.partner_views(off.session)
    assert view.sender_id == adv.id and view.version == 1
    assert {f["name"] for f in view.fields} == {"needs_now", "shelter_tonight", "anything_else"}
    assert {f["category"] for f in view.fields} == {"needs"}
    assert {f["provenance"] for f in view.fields} == {"advocate-origin"}
    # Never merged into the officer's own case fields: the officer has no case at all.
    assert cases.count_cases(off.session) == 0
    # Read-only: the database itself refuses to change a partner view.
    with pytest.raises(Exception, match="read-only"), off.session.db.transaction() as c:
        c.execute("UPDATE partner_views SET payload_json = '{}'")
    # A second share of the same case is a new version, not an overwrite.
    sharing.queue_share(adv.session, case_id, off.id, Purpose.CASE_COORDINATION)
    _sync(adv, _client(relay, adv))
    _sync(off, _client(relay, off))
    assert [v.version for v in sharing.partner_views(off.session)] == [1, 2]

    # The relay's files hold no plaintext; the control proves the sweep would see it.
    relay_files = list((tmp_path / "relay").iterdir())
    assert relay_files
    assert _sweep(relay_files, [NAME_CANARY, NEEDS_CANARY, EXPERIENCE_CANARY]) == []
    control = tmp_path / "control.txt"
    control.write_text(f"x {NEEDS_CANARY} y {NAME_CANARY}", encoding="utf-8")
    assert len(_sweep([control], [NAME_CANARY, NEEDS_CANARY])) == 2
    # ...and neither does either agency's data folder (SQLCipher), for that matter.
    files = [p for a in two for p in a.data_dir.rglob("*")]
    assert _sweep(files, [NAME_CANARY, NEEDS_CANARY]) == []


def test_no_live_consent_no_share_nothing_queued(two: tuple[Agency, Agency]) -> None:
    adv, off = two
    case_id = _case_with_answers(adv)
    with pytest.raises(sharing.NoConsent):
        sharing.queue_share(adv.session, case_id, off.id, Purpose.CASE_COORDINATION)
    # A consent for another purpose does not help; a withdrawn one neither.
    other = _consent(adv, case_id, off.id, {Category.NEEDS}, Purpose.LAW_ENFORCEMENT)
    with pytest.raises(sharing.NoConsent):
        sharing.preview_share(adv.session, case_id, off.id, Purpose.CASE_COORDINATION)
    sharing.withdraw_consent(adv.session, other.id)
    with pytest.raises(sharing.NoConsent):
        sharing.queue_share(adv.session, case_id, off.id, Purpose.LAW_ENFORCEMENT)
    with pytest.raises(sharing.NoConsent):
        sharing.send_referral(
            adv.session, case_id, off.id, "shelter", "urgent", "", purpose=Purpose.LAW_ENFORCEMENT
        )
    assert sharing.outbox(adv.session) == []


def test_unconfirmed_partner_is_unusable(tmp_path: Path) -> None:
    adv = _agency(tmp_path, "a", Role.ADVOCATE, "service_provider")
    off = _agency(tmp_path, "b", Role.OFFICER, "law_enforcement")
    try:
        add_partner(adv.data_dir, off.identity, confirm=False)
        case_id = _case_with_answers(adv)
        _consent(adv, case_id, off.id, {Category.NEEDS})
        with pytest.raises(partners.PartnerNotConfirmed):
            sharing.queue_share(adv.session, case_id, off.id, Purpose.CASE_COORDINATION)
        assert sharing.outbox(adv.session) == []
        # Inbound from an imported but unconfirmed partner: unknown sender.
        add_partner(off.data_dir, adv.identity, confirm=False)
        body = seal(
            adv.identity, off.identity.card, Kind.SHARE, {"v": 1}, ttl_seconds=60, now=time.time()
        )
        result = sharing.process_inbound(off.session, body, time.time())
        assert (result.status, result.reason) == ("quarantined", "unknown_sender")
    finally:
        adv.session.close()
        off.session.close()


def test_referral_round_trip(two: tuple[Agency, Agency], relay: RelayThread) -> None:
    adv, off = two
    case_id = _case_with_answers(adv)
    _consent(adv, case_id, off.id, {Category.NEEDS, Category.SAFETY}, Purpose.SERVICES_REFERRAL)
    queued = sharing.send_referral(adv.session, case_id, off.id, "safe housing", "urgent", "call")
    assert queued.referral_id is not None
    _sync(adv, _client(relay, adv))
    _sync(off, _client(relay, off))

    [item] = sharing.inbox(off.session)
    assert (item.kind, item.service, item.urgency, item.status) == (
        "referral",
        "safe housing",
        "urgent",
        "new",
    )
    view = sharing.open_partner_view(off.session, item.id)
    assert view is not None and view.referral is not None
    assert {f["category"] for f in view.fields} <= {"needs", "safety"}
    sharing.respond_referral(off.session, item.id, accept=True, note="bed reserved")
    with pytest.raises(sharing.NotAReferral):
        sharing.respond_referral(off.session, item.id, accept=False)
    _sync(off, _client(relay, off))
    _sync(adv, _client(relay, adv))

    [referral] = sharing.case_referrals(adv.session, case_id)
    assert (referral.status, referral.response_note) == ("accepted", "bed reserved")


def test_withdrawal_removes_partner_view_and_is_acknowledged(
    two: tuple[Agency, Agency], relay: RelayThread
) -> None:
    adv, off = two
    case_id = _case_with_answers(adv)
    consent = _consent(adv, case_id, off.id, {Category.NEEDS})
    sharing.queue_share(adv.session, case_id, off.id, Purpose.CASE_COORDINATION)
    _sync(adv, _client(relay, adv))
    _sync(off, _client(relay, off))
    assert len(sharing.partner_views(off.session)) == 1

    queued = sharing.withdraw_consent(adv.session, consent.id)
    assert [q.recipient_id for q in queued] == [off.id]
    assert sharing.withdraw_consent(adv.session, consent.id) == []  # idempotent
    with pytest.raises(sharing.NoConsent):  # and nothing more can leave under it
        sharing.queue_share(adv.session, case_id, off.id, Purpose.CASE_COORDINATION)
    _sync(adv, _client(relay, adv))
    _sync(off, _client(relay, off))
    assert sharing.partner_views(off.session) == []
    assert [i.status for i in sharing.inbox(off.session)] == ["withdrawn"]
    _sync(off, _client(relay, off))  # delivers the acknowledgement
    _sync(adv, _client(relay, adv))
    [w] = sharing.consent_withdrawals(adv.session, consent.id)
    assert w.acknowledged_at is not None and w.removed_count == 1


def test_folder_drop_same_guarantees(two: tuple[Agency, Agency], tmp_path: Path) -> None:
    adv, off = two
    usb = tmp_path / "usb"
    case_id = _case_with_answers(adv)
    consent = _consent(adv, case_id, off.id, {Category.NEEDS})
    sharing.queue_share(adv.session, case_id, off.id, Purpose.CASE_COORDINATION)
    assert _sync(adv, FolderDropTransport(usb, adv.id)).delivered == 1
    assert _sweep(list(usb.rglob("*")), [NAME_CANARY, NEEDS_CANARY, EXPERIENCE_CANARY]) == []
    assert _sync(off, FolderDropTransport(usb, off.id)).accepted == 1
    # A new import of the same stick is a no-op (duplicates, nothing quarantined).
    again = _sync(off, FolderDropTransport(usb, off.id))
    assert (again.accepted, again.duplicates, again.quarantined) == (0, 1, 0)
    [view] = sharing.partner_views(off.session)
    assert {f["category"] for f in view.fields} == {"needs"}

    # Withdrawal travels the same way; here it even arrives in the same batch as a later share.
    sharing.queue_share(adv.session, case_id, off.id, Purpose.CASE_COORDINATION)
    sharing.withdraw_consent(adv.session, consent.id)
    _sync(adv, FolderDropTransport(usb, adv.id))
    _sync(off, FolderDropTransport(usb, off.id))
    assert sharing.partner_views(off.session) == []
    _sync(off, FolderDropTransport(usb, off.id))
    _sync(adv, FolderDropTransport(usb, adv.id))
    [w] = sharing.consent_withdrawals(adv.session, consent.id)
    assert w.acknowledged_at is not None
    assert sharing.quarantine_list(off.session) == []


def test_share_referral_withdrawal_on_each_relay_backend(
    two: tuple[Agency, Agency], any_relay: RelayThread
) -> None:
    adv, off = two
    case_id = _case_with_answers(adv)
    consent = _consent(adv, case_id, off.id, {Category.NEEDS}, Purpose.SERVICES_REFERRAL)
    sharing.queue_share(adv.session, case_id, off.id, Purpose.SERVICES_REFERRAL)
    sharing.send_referral(adv.session, case_id, off.id, "shelter", "soon")
    assert _sync(adv, _client(any_relay, adv)).delivered == 2
    assert _sync(off, _client(any_relay, off)).accepted == 2
    referral = next(i for i in sharing.inbox(off.session) if i.kind == "referral")
    sharing.respond_referral(off.session, referral.id, accept=False, note="no beds")
    sharing.withdraw_consent(adv.session, consent.id)
    for side in (off, adv, off, adv):
        assert _sync(side, _client(any_relay, side)).ok
    assert sharing.partner_views(off.session) == []
    assert [r.status for r in sharing.case_referrals(adv.session, case_id)] == ["declined"]
    assert sharing.consent_withdrawals(adv.session, consent.id)[0].removed_count == 2


# --- faults ----------------------------------------------------------------------------------
class Killed(BaseException):
    """The app died here (not an Exception: nothing may catch it)."""


class Flaky:
    """Wraps a transport: fails at random before or after the real call."""

    stats: ClassVar[dict[str, int]] = {}

    def __init__(self, inner: Transport, rng: random.Random, p: float, kill: bool = False) -> None:
        self.inner = inner
        self.name = inner.name
        self.rng = rng
        self.p = p
        self.kill = kill

    def _maybe(self) -> None:
        if self.rng.random() < self.p:
            if self.kill and self.rng.random() < 0.5:
                Flaky.stats["killed"] = Flaky.stats.get("killed", 0) + 1
                raise Killed()
            Flaky.stats["dropped"] = Flaky.stats.get("dropped", 0) + 1
            raise TransportUnavailable(transport=self.name, reason="injected")

    def send(self, envelope: OutgoingEnvelope) -> SendResult:
        self._maybe()
        result = self.inner.send(envelope)
        self._maybe()  # the answer is lost: stored at the relay, unknown here
        return result

    def send_many(self, envelopes: Sequence[OutgoingEnvelope]) -> list[SendResult | TransportError]:
        self._maybe()
        results = self.inner.send_many(envelopes)
        self._maybe()
        return results

    def receive(self, limit: int = 100) -> ReceiveBatch:
        self._maybe()
        return self.inner.receive(limit)

    def acknowledge(self, batch: ReceiveBatch) -> None:
        self._maybe()
        self.inner.acknowledge(batch)
        self._maybe()

    def close(self) -> None:
        self.inner.close()


def _queue_many(adv: Agency, off: Agency, n: int) -> None:
    for _ in range(n):
        case_id = _case_with_answers(adv)
        _consent(adv, case_id, off.id, {Category.NEEDS})
        sharing.queue_share(adv.session, case_id, off.id, Purpose.CASE_COORDINATION)


def _until_done(a: Agency, make: object, rounds: int = 400) -> list[SyncReport]:
    reports = []
    for _ in range(rounds):
        try:
            report = _sync(a, make())  # type: ignore[operator]
        except Killed:
            continue  # "restart the app": a fresh engine and transport next round
        reports.append(report)
        if report.ok and report.pending_after == 0 and report.received == 0:
            return reports
    raise AssertionError("did not settle")


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("kill", [False, True], ids=["drop", "kill"])
def test_faults_every_envelope_arrives_exactly_once(
    two: tuple[Agency, Agency], relay: RelayThread, kill: bool, seed: int
) -> None:
    adv, off = two
    n = 24
    rng = random.Random(seed * 10 + kill)
    Flaky.stats = {}
    adv_client = _client(relay, adv)
    reports: list[SyncReport] = []

    def receive_all() -> None:
        # Failures at random, including a "crash" between storing and acknowledging.
        for _ in range(400):
            try:
                report = _sync(off, Flaky(_client(relay, off), rng, 0.35, kill), receive_limit=2)
            except Killed:
                continue
            if report.ok and report.received == 0:
                return
        raise AssertionError("did not settle")

    for i in range(n):
        _queue_many(adv, off, 1)
        reports += _until_done(adv, lambda: Flaky(adv_client, rng, 0.35, kill))
        if i % 4 == 3:
            receive_all()
    receive_all()
    sent = {r.envelope_id for r in sharing.outbox(adv.session)}
    got = [i.envelope_id for i in sharing.inbox(off.session)]
    assert sorted(got) == sorted(sent)  # every one, once
    assert Flaky.stats.get("dropped", 0) >= 5
    assert not kill or Flaky.stats.get("killed", 0) >= 5
    # A lost answer or a crash after sending was resolved by the relay's store-once by id.
    assert sum(r.already_delivered for r in reports) >= 1
    assert len(sharing.partner_views(off.session)) == n
    assert sharing.quarantine_list(off.session) == []
    assert all(r.status == "delivered" for r in sharing.outbox(adv.session))


def test_relay_stopped_mid_delivery_then_back(two: tuple[Agency, Agency], tmp_path: Path) -> None:
    adv, off = two
    url = f"sqlite://{tmp_path / 'relay2' / 'relay.db'}"
    first = RelayThread(url, TEST_CONFIG).start()
    _queue_many(adv, off, 3)
    card = off.identity.card
    first.store.register_agency(card.agency_id, card.signing_public, int(time.time()))
    transport = _client(first, adv)
    first.stop()
    sleeps: list[float] = []
    engine = SyncEngine(
        sharing.SessionMailbox(adv.session),
        backoff=Backoff(base=0.01, cap=0.02, max_attempts=4),
        sleep=sleeps.append,
    )
    report = engine.run_once(transport)
    assert report.offline and report.pending_after == 3 and report.retries == 3
    # Exponential with full jitter, capped: each wait within [0, min(cap, base * 2**n)].
    assert len(sleeps) == 3
    assert all(0 <= w <= min(0.02, 0.01 * 2**i) for i, w in enumerate(sleeps))
    second = RelayThread(url, TEST_CONFIG).start()
    try:
        assert _sync(adv, _client(second, adv)).delivered == 3
        assert _sync(off, _client(second, off)).accepted == 3
    finally:
        second.stop()


def test_sync_worker_thread_with_its_own_connection(
    two: tuple[Agency, Agency], relay: RelayThread
) -> None:
    adv, off = two
    _queue_many(adv, off, 2)
    reports: list[SyncReport] = []
    client = _client(relay, adv)  # registers the device; the worker builds its own client
    client.close()
    device = agency.device_key(adv.session)
    assert device is not None
    worker = SyncWorker(
        sharing.worker_mailbox_factory(adv.session),
        lambda: HttpRelayTransport(relay.url, adv.id, device.device_id, device.private_key),
        interval=0.05,
        on_report=reports.append,
    )
    worker.start()
    deadline = time.monotonic() + 10
    while not any(r.delivered for r in reports) and time.monotonic() < deadline:
        time.sleep(0.02)
    worker.stop()
    worker.join(5)
    assert not worker.is_alive()
    assert sum(r.delivered for r in reports) == 2
    assert sharing.pending_count(adv.session) == 0


def test_sync_worker_stops_on_auth_error(two: tuple[Agency, Agency], relay: RelayThread) -> None:
    adv, _ = two
    stranger = Ed25519PrivateKey.generate()  # a device never registered at this relay: 401
    worker = SyncWorker(
        sharing.worker_mailbox_factory(adv.session),
        lambda: HttpRelayTransport(relay.url, adv.id, "never-registered", stranger),
        interval=0.01,
    )
    worker.start()
    worker.join(10)
    assert not worker.is_alive()
    assert worker.stopped_reason is not None and worker.rounds == 1


# --- hostile input ---------------------------------------------------------------------------
class ListTransport:
    """Hands out a fixed list of inbound bodies once; sends nothing."""

    name = "list"

    def __init__(self, me: str, bodies: Sequence[bytes]) -> None:
        self.me = me
        self.bodies = list(bodies)

    def send(self, envelope: OutgoingEnvelope) -> SendResult:
        return SendResult.STORED

    def send_many(self, envelopes: Sequence[OutgoingEnvelope]) -> list[SendResult | TransportError]:
        return [SendResult.STORED for _ in envelopes]

    def receive(self, limit: int = 100) -> ReceiveBatch:
        from intake_app.sync.transport import IncomingEnvelope

        out = tuple(
            IncomingEnvelope(os.urandom(16), "x", self.me, 0, b, source=f"list:{i}")
            for i, b in enumerate(self.bodies[:limit])
        )
        self.bodies = self.bodies[limit:]
        return ReceiveBatch(out, (), bool(self.bodies), "c" if out else "")

    def acknowledge(self, batch: ReceiveBatch) -> None:
        pass

    def close(self) -> None:
        pass


def test_hostile_envelopes_quarantined_with_reasons_engine_keeps_going(
    two: tuple[Agency, Agency], tmp_path: Path
) -> None:
    adv, off = two
    stranger = AgencyIdentity.generate("Stranger", "other", CONTACT)
    now = time.time()
    good_payload = {
        "v": 1,
        "share_ref": "ab" * 16,
        "purpose": "case_coordination",
        "consents": [{"ref": 1, "expires_at": "2099-01-01T00:00:00+00:00"}],
        "categories": ["needs"],
        "fields": [],
        "sent_at": "x",
    }

    def good() -> bytes:
        return seal(
            adv.identity, off.identity.card, Kind.SHARE, good_payload, ttl_seconds=3600, now=now
        )

    replayed = good()
    assert sharing.process_inbound(off.session, replayed, now).accepted
    mutated = bytearray(good())
    mutated[200] ^= 0x01
    unsigned = good()[:-64] + bytes(64)
    rng = random.Random(7)
    bad: dict[str, bytes] = {
        "bad_signature": bytes(mutated),
        "truncated": good()[:-10],
        "expired": seal(
            adv.identity,
            off.identity.card,
            Kind.SHARE,
            good_payload,
            ttl_seconds=60,
            now=now - 7200,
        ),
        "misaddressed": seal(
            adv.identity, stranger.card, Kind.SHARE, good_payload, ttl_seconds=60, now=now
        ),
        "unknown_sender": seal(
            stranger, off.identity.card, Kind.SHARE, good_payload, ttl_seconds=60, now=now
        ),
        "oversized": good() + bytes(1024 * 1024),
        "bad_magic": os.urandom(300),
        "invalid_payload": seal(
            adv.identity, off.identity.card, Kind.SHARE, {"v": 1}, ttl_seconds=60, now=now
        ),
    }
    for reason, body in bad.items():
        result = sharing.process_inbound(off.session, body, now)
        assert (result.status, result.reason) == ("quarantined", reason), reason
    unsigned_result = sharing.process_inbound(off.session, unsigned, now)
    assert (unsigned_result.status, unsigned_result.reason) == ("quarantined", "bad_signature")
    # Replays: identical bytes are a harmless duplicate; the id reused with other bytes is not.
    assert sharing.process_inbound(off.session, replayed, now).status == "duplicate"
    forged = bytearray(replayed)
    forged[-1] ^= 0xFF
    assert sharing.process_inbound(off.session, bytes(forged), now).reason == "bad_signature"
    reasons = {q.reason for q in sharing.quarantine_list(off.session)}
    assert set(bad) <= reasons

    # Random mutations of a good envelope: never accepted, never raised, and the engine keeps
    # going past them to the good envelopes mixed in.
    base = good()
    mutants = []
    for _ in range(150):
        m = bytearray(base)
        for _ in range(rng.randint(1, 4)):
            m[rng.randrange(len(m))] = rng.randrange(256)
        if bytes(m) != base:
            mutants.append(bytes(m))
    mutants = (mutants * 2)[:150]
    goods = [good() for _ in range(3)]
    bodies = [*mutants[:50], goods[0], *mutants[50:100], goods[1], *mutants[100:], goods[2]]
    report = _sync(off, ListTransport(off.id, bodies))
    assert report.received == 153 and report.errors == []
    assert report.accepted == 3 and report.quarantined == 150
    assert len(sharing.partner_views(off.session)) == 4


# --- command line ----------------------------------------------------------------------------
def _cli(argv: list[str]) -> int:
    from intake_app import cli

    args = cli.build_parser().parse_args(argv)
    return int(args.func(args))


def test_cli_agency_partner_and_folder_sync(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "pass"
    secret.write_text(PASSPHRASE + "\n")
    dirs = {}
    for name in ("a", "b"):
        ws = Workspace(tmp_path / name)
        s, _ = ws.set_up("user", PASSPHRASE, Role.ADMIN, kdf=KdfParams.for_tests())
        s.close()
        dirs[name] = ws.data_dir
    auth = ["--user", "user", "--passphrase-file", str(secret)]
    for name, kind in (("a", "service_provider"), ("b", "law_enforcement")):
        assert (
            _cli(
                [
                    "--data-dir",
                    str(dirs[name]),
                    "agency",
                    "init",
                    "--name",
                    f"Agency {name}",
                    "--kind",
                    kind,
                    "--contact-name",
                    "Desk",
                    "--contact-phone",
                    "+1 555 0100",
                    *auth,
                ]
            )
            == 0
        )
        assert (
            _cli(
                [
                    "--data-dir",
                    str(dirs[name]),
                    "agency",
                    "card",
                    "--out",
                    str(tmp_path / f"{name}.card"),
                    *auth,
                ]
            )
            == 0
        )
    for me, other in (("a", "b"), ("b", "a")):
        assert (
            _cli(
                [
                    "--data-dir",
                    str(dirs[me]),
                    "partner",
                    "import",
                    str(tmp_path / f"{other}.card"),
                    *auth,
                ]
            )
            == 0
        )
        out = capsys.readouterr().out
        partner_id = out.split("intake partner confirm ")[1].split()[0]
        assert _cli(["--data-dir", str(dirs[me]), "partner", "list", *auth]) == 0
        assert "NOT CONFIRMED" in capsys.readouterr().out
        assert (
            _cli(["--data-dir", str(dirs[me]), "partner", "confirm", partner_id[:10], *auth]) == 0
        )
        assert _cli(["--data-dir", str(dirs[me]), "partner", "list", *auth]) == 0
        assert "\tconfirmed\t" in capsys.readouterr().out
    # Queue a share on a (by a case worker: an admin may not), move it with `intake sync
    # --folder` on both sides.
    admin = Workspace(dirs["a"]).unlock("user", PASSPHRASE)
    add_user(admin, "ana", PASSPHRASE, Role.ADVOCATE)
    admin.close()
    s = Workspace(dirs["a"]).unlock("ana", PASSPHRASE)
    try:
        identity = agency.require_identity(s)
        [partner] = partners.list_partners(s)
        adv = Agency(s, identity, dirs["a"])
        case_id = _case_with_answers(adv)
        _consent(adv, case_id, partner.agency_id, {Category.NEEDS})
        sharing.queue_share(s, case_id, partner.agency_id, Purpose.CASE_COORDINATION)
    finally:
        s.close()
    usb = tmp_path / "usb"
    capsys.readouterr()
    assert _cli(["--data-dir", str(dirs["a"]), "sync", "--folder", str(usb), *auth]) == 0
    assert "delivered 1" in capsys.readouterr().out
    assert _cli(["--data-dir", str(dirs["b"]), "sync", "--folder", str(usb), *auth]) == 0
    out = capsys.readouterr().out
    assert "accepted 1" in out
    assert NEEDS_CANARY not in out and NAME_CANARY not in out
