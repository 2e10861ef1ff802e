"""The fault loop of test_sharing.py against a relay on PostgreSQL as well as SQLite, with laptops
that enrol themselves by device certificate (the agencies registered once, as an operator would):
connections dropped and apps "killed" at random at every step of delivery, many times, and every
envelope still arrives exactly once."""

from __future__ import annotations

import random
import time

import pytest

from intake_app.services import agency, sharing
from intake_app.sync.engine import SyncReport
from intake_app.sync.transport import HttpRelayTransport
from tests.integration.conftest import RelayThread
from tests.integration.test_sharing import (  # noqa: F401 - `two` is a fixture
    Agency,
    Flaky,
    Killed,
    _queue_many,
    _sync,
    _until_done,
    any_relay,
    two,
)


def _laptop(relay: RelayThread, a: Agency) -> HttpRelayTransport:
    """The laptop's own client: device key plus the certificate its agency issued."""
    return agency.relay_transport(a.session, relay.url, timeout=5)


@pytest.mark.parametrize("seed", [4, 5])
@pytest.mark.parametrize("kill", [False, True], ids=["drop", "kill"])
def test_faults_every_envelope_arrives_exactly_once_on_each_backend(
    two: tuple[Agency, Agency],  # noqa: F811
    any_relay: RelayThread,  # noqa: F811
    kill: bool,
    seed: int,
) -> None:
    adv, off = two
    for a in (adv, off):
        card = a.identity.card
        any_relay.store.register_agency(card.agency_id, card.signing_public, int(time.time()))
    n = 16
    rng = random.Random(seed * 10 + kill)
    Flaky.stats = {}
    adv_client = _laptop(any_relay, adv)
    reports: list[SyncReport] = []

    def receive_all() -> None:
        for _ in range(400):
            try:
                report = _sync(off, Flaky(_laptop(any_relay, off), rng, 0.35, kill), 2)
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
    assert adv_client.enrolled  # it enrolled itself on first contact
    sent = {r.envelope_id for r in sharing.outbox(adv.session)}
    got = [i.envelope_id for i in sharing.inbox(off.session)]
    assert sorted(got) == sorted(sent)  # every one, once
    assert Flaky.stats.get("dropped", 0) >= 5
    assert not kill or Flaky.stats.get("killed", 0) >= 3
    assert sum(r.already_delivered for r in reports) >= 1
    assert len(sharing.partner_views(off.session)) == n
    assert sharing.quarantine_list(off.session) == []
    assert all(r.status == "delivered" for r in sharing.outbox(adv.session))
