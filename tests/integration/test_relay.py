"""The relay over real HTTP on 127.0.0.1, each test against SQLite and PostgreSQL."""

from __future__ import annotations

import http.client
import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from intake_app.sync.relay.app import RelayConfig
from intake_app.sync.relay.auth import sign_request
from intake_app.sync.transport import (
    HttpRelayTransport,
    OutgoingEnvelope,
    SendResult,
    TransportRateLimited,
    TransportRejected,
    TransportUnavailable,
)
from tests.integration.conftest import (
    HOST,
    TEST_CONFIG,
    Enrol,
    RelayProcess,
    RelayThread,
    free_port,
    raw_public_key,
)

HOUR = 3600


def envelope(sender: str, recipient: str, size: int = 2048, **kw: Any) -> OutgoingEnvelope:
    return OutgoingEnvelope(
        envelope_id=kw.get("envelope_id", os.urandom(16)),
        sender=sender,
        recipient=recipient,
        expires_at=kw.get("expires_at", int(time.time()) + 24 * HOUR),
        body=kw.get("body", os.urandom(size)),
    )


def receive_all(client: HttpRelayTransport, ack: bool = True) -> list[bytes]:
    bodies: list[bytes] = []
    while True:
        batch = client.receive(limit=100)
        bodies += [e.body for e in batch.envelopes]
        if ack:
            client.acknowledge(batch)
        if not batch.more:
            return bodies


def raw_request(
    url: str,
    method: str,
    path: str,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, Any], dict[str, str]]:
    """One hand-made HTTP request; returns status, JSON payload and headers."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(HOST, parts.port, timeout=5)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        return (
            response.status,
            json.loads(data) if data else {},
            {k.lower(): v for k, v in response.getheaders()},
        )
    finally:
        conn.close()


def signed(
    key: Ed25519PrivateKey,
    agency: str,
    device: str,
    method: str,
    path: str,
    body: bytes = b"",
    timestamp: int | None = None,
) -> dict[str, str]:
    return sign_request(
        key,
        agency_id=agency,
        device_id=device,
        method=method,
        path=path,
        body=body,
        timestamp=int(time.time()) if timestamp is None else timestamp,
    )


def post_path(
    env: OutgoingEnvelope, sender: str | None = None, recipient: str | None = None
) -> str:
    return (
        f"/v1/envelopes?id={env.envelope_id.hex()}&from={sender or env.sender}"
        f"&to={recipient or env.recipient}&expires={env.expires_at}"
    )


# --- basics --------------------------------------------------------------------------------------
def test_health(relay: RelayThread) -> None:
    status, payload, _ = raw_request(relay.url, "GET", "/v1/health")
    assert (status, payload) == (200, {"status": "ok"})
    assert raw_request(relay.url, "GET", "/v1/nothing")[:2] == (404, {"error": "not_found"})


def test_store_once_retry_no_duplicate(enrol: Enrol) -> None:
    sender, reader = enrol("agency-a"), enrol("agency-b")
    env = envelope("agency-a", "agency-b")
    assert sender.send(env) is SendResult.STORED
    assert sender.send(env) is SendResult.ALREADY_STORED
    assert receive_all(reader) == [env.body]


def test_same_id_other_bytes_is_409(enrol: Enrol) -> None:
    sender, reader = enrol("agency-a"), enrol("agency-b")
    enrol("agency-c")
    env = envelope("agency-a", "agency-b")
    sender.send(env)
    other = envelope("agency-a", "agency-b", envelope_id=env.envelope_id)
    with pytest.raises(TransportRejected) as info:
        sender.send(other)
    assert (info.value.status, info.value.reason) == (409, "conflict")
    # Same bytes, other routing: also a conflict, not a silent re-route.
    rerouted = envelope("agency-a", "agency-c", envelope_id=env.envelope_id, body=env.body)
    with pytest.raises(TransportRejected, match="conflict"):
        sender.send(rerouted)
    assert receive_all(reader) == [env.body]


def test_agency_reads_only_its_own_inbox(enrol: Enrol, relay: RelayThread) -> None:
    a, b, c = enrol("agency-a"), enrol("agency-b"), enrol("agency-c")
    env = envelope("agency-a", "agency-b")
    a.send(env)
    assert receive_all(c) == []
    assert receive_all(a) == []
    # A's device key claiming to be a device of agency B is refused.
    key_a = enrol.keys[("agency-a", "laptop1")]
    path = "/v1/inbox?limit=10"
    for agency, device in (("agency-b", "laptop1"), ("agency-b", "laptop9")):
        status, payload, _ = raw_request(
            relay.url, "GET", path, headers=signed(key_a, agency, device, "GET", path)
        )
        assert status == 401, payload
    assert receive_all(b) == [env.body]


def test_sender_must_be_the_signing_agency(enrol: Enrol, relay: RelayThread) -> None:
    enrol("agency-a")
    env = envelope("agency-b", "agency-c")
    path = post_path(env)
    key_a = enrol.keys[("agency-a", "laptop1")]
    headers = signed(key_a, "agency-a", "laptop1", "POST", path, env.body)
    status, payload, _ = raw_request(relay.url, "POST", path, env.body, headers)
    assert (status, payload) == (403, {"error": "sender_mismatch"})


def test_send_many_batches_once_by_id(enrol: Enrol) -> None:
    sender, reader = enrol("agency-a"), enrol("agency-b")
    first = envelope("agency-a", "agency-b")
    assert sender.send(first) is SendResult.STORED
    clash = envelope("agency-a", "agency-b", envelope_id=first.envelope_id)
    fresh = [envelope("agency-a", "agency-b") for _ in range(5)]
    dead = envelope("agency-a", "agency-b", expires_at=int(time.time()) - 10)
    huge = envelope("agency-a", "agency-b", size=TEST_CONFIG.max_body_bytes + 1)  # relay limit
    results = sender.send_many([first, *fresh, clash, dead, huge])
    assert results[:6] == [SendResult.ALREADY_STORED] + [SendResult.STORED] * 5
    assert [(r.status, r.reason) for r in results[6:] if isinstance(r, TransportRejected)] == [
        (409, "conflict"),
        (400, "expired"),
        (413, "too_large"),
    ]
    # A retry of the whole list (answer lost) stores nothing twice.
    assert sender.send_many(fresh) == [SendResult.ALREADY_STORED] * 5
    assert receive_all(reader) == [first.body] + [e.body for e in fresh]


# --- authentication ------------------------------------------------------------------------------
def test_unsigned_bad_stale_replayed_and_tampered_are_401(enrol: Enrol, relay: RelayThread) -> None:
    enrol("agency-a"), enrol("agency-b")
    key = enrol.keys[("agency-a", "laptop1")]
    env = envelope("agency-a", "agency-b")
    path = post_path(env)

    def post(headers: dict[str, str], p: str = path) -> tuple[int, dict[str, Any]]:
        return raw_request(relay.url, "POST", p, env.body, headers)[:2]

    assert post({}) == (401, {"error": "missing_signature"})
    stranger = Ed25519PrivateKey.generate()
    assert post(signed(stranger, "agency-a", "laptop1", "POST", path, env.body)) == (
        401,
        {"error": "bad_signature"},
    )
    assert post(signed(key, "agency-a", "laptop1", "POST", path, b"other body")) == (
        401,
        {"error": "bad_signature"},
    )
    stale = int(time.time()) - 6 * 60
    assert post(signed(key, "agency-a", "laptop1", "POST", path, env.body, stale)) == (
        401,
        {"error": "stale_timestamp"},
    )
    future = int(time.time()) + 6 * 60
    assert post(signed(key, "agency-a", "laptop1", "POST", path, env.body, future))[0] == 401
    # The signature covers the routing metadata in the query string.
    tampered = post_path(env, recipient="agency-z")
    assert post(signed(key, "agency-a", "laptop1", "POST", path, env.body), tampered) == (
        401,
        {"error": "bad_signature"},
    )
    once = signed(key, "agency-a", "laptop1", "POST", path, env.body)
    assert post(once)[0] == 201
    assert post(once) == (401, {"error": "replayed_nonce"})
    # A stale client clock surfaces as a typed rejection.
    skewed = enrol("agency-a", clock=lambda: time.time() - 3600)
    with pytest.raises(TransportRejected) as info:
        skewed.send(envelope("agency-a", "agency-b"))
    assert (info.value.status, info.value.reason) == (401, "stale_timestamp")


def test_revoked_device_is_refused(enrol: Enrol, relay: RelayThread) -> None:
    laptop1, laptop2 = enrol("agency-a", "laptop1"), enrol("agency-a", "laptop2")
    enrol("agency-b")
    laptop1.send(envelope("agency-a", "agency-b"))
    relay.store.revoke_device("agency-a", "laptop1")
    with pytest.raises(TransportRejected) as info:
        laptop1.send(envelope("agency-a", "agency-b"))
    assert (info.value.status, info.value.reason) == (403, "device_revoked")
    with pytest.raises(TransportRejected):
        laptop1.receive()
    # The agency's other laptop keeps working.
    assert laptop2.send(envelope("agency-a", "agency-b")) is SendResult.STORED


def test_unknown_device_is_rejected_not_unavailable(relay: RelayThread) -> None:
    client = HttpRelayTransport(relay.url, "agency-a", "ghost", Ed25519PrivateKey.generate())
    with pytest.raises(TransportRejected) as info:
        client.send(envelope("agency-a", "agency-b"))
    assert (info.value.status, info.value.reason) == (401, "unknown_device")
    client.close()


# --- limits --------------------------------------------------------------------------------------
def test_oversize_is_413(enrol: Enrol, relay: RelayThread) -> None:
    client = enrol("agency-a")
    key = enrol.keys[("agency-a", "laptop1")]
    big = envelope("agency-a", "agency-b", size=TEST_CONFIG.max_body_bytes + 1)
    # The client refuses locally, before using the network.
    with pytest.raises(TransportRejected) as info:
        client.send(big)
    assert (info.value.status, info.value.reason) == (413, "too_large")
    # The relay refuses it too, sent in full...
    path = post_path(big)
    headers = signed(key, "agency-a", "laptop1", "POST", path, big.body)
    assert raw_request(relay.url, "POST", path, big.body, headers)[:2] == (
        413,
        {"error": "too_large"},
    )
    # ...and from the declared length alone, before any of the body arrives.
    parts = urlsplit(relay.url)
    conn = http.client.HTTPConnection(HOST, parts.port, timeout=5)
    conn.putrequest("POST", path)
    conn.putheader("Content-Length", str(50 * 1024 * 1024))
    conn.endheaders()
    response = conn.getresponse()
    assert (response.status, json.loads(response.read())) == (413, {"error": "too_large"})
    conn.close()


def test_rate_limit_is_429_with_retry_after(store_url: str) -> None:
    config = RelayConfig(rate_per_second=0.5, rate_burst=3, max_body_bytes=65536)
    server = RelayThread(store_url, config).start()
    helper = Enrol(server.store, server.url)
    try:
        client = helper("agency-a")
        helper("agency-b")
        for _ in range(3):
            client.send(envelope("agency-a", "agency-b"))
        with pytest.raises(TransportRateLimited) as info:
            client.send(envelope("agency-a", "agency-b"))
        assert info.value.status == 429
        assert info.value.retry_after >= 1
        assert isinstance(info.value, TransportUnavailable)  # retry later, not a rejection
        # Buckets are per device: the agency's other laptop is not slowed down.
        helper("agency-a", "laptop2").send(envelope("agency-a", "agency-b"))
    finally:
        helper.close()
        server.stop()


def test_max_pending_per_recipient(enrol: Enrol) -> None:
    sender = enrol("agency-a")
    enrol("agency-b"), enrol("agency-c")
    for _ in range(TEST_CONFIG.max_pending_per_recipient):
        sender.send(envelope("agency-a", "agency-b", size=64))
    with pytest.raises(TransportUnavailable) as info:
        sender.send(envelope("agency-a", "agency-b", size=64))
    assert (info.value.status, info.value.reason) == (507, "inbox_full")
    sender.send(envelope("agency-a", "agency-c", size=64))  # other inboxes unaffected


# --- devices and cursors -------------------------------------------------------------------------
def test_each_device_reads_every_envelope_with_its_own_cursor(enrol: Enrol) -> None:
    sender = enrol("agency-b")
    laptop1, laptop2 = enrol("agency-a", "laptop1"), enrol("agency-a", "laptop2")
    sent = [envelope("agency-b", "agency-a") for _ in range(7)]
    for env in sent:
        sender.send(env)
    bodies = [e.body for e in sent]
    assert receive_all(laptop1) == bodies
    assert receive_all(laptop2) == bodies
    more = envelope("agency-b", "agency-a")
    sender.send(more)
    assert receive_all(laptop1) == [more.body]
    assert receive_all(laptop2) == [more.body]


def test_ack_advances_only_that_devices_cursor(enrol: Enrol) -> None:
    sender = enrol("agency-b")
    laptop1, laptop2 = enrol("agency-a", "laptop1"), enrol("agency-a", "laptop2")
    sent = [envelope("agency-b", "agency-a") for _ in range(5)]
    for env in sent:
        sender.send(env)
    batch = laptop1.receive(limit=3)
    assert [e.body for e in batch.envelopes] == [e.body for e in sent[:3]]
    assert batch.more
    laptop1.acknowledge(batch)
    # A fresh client (local cursor lost) resumes from the relay's cursor for this device...
    assert receive_all(enrol("agency-a", "laptop1")) == [e.body for e in sent[3:]]
    # ...while laptop2, which acknowledged nothing, still gets everything, twice if it asks.
    assert receive_all(laptop2, ack=False) == [e.body for e in sent]
    assert receive_all(enrol("agency-a", "laptop2")) == [e.body for e in sent]
    # An ack of a sequence number the relay never assigned is refused.
    with pytest.raises(TransportRejected) as info:
        laptop2.ack(10**9)
    assert (info.value.status, info.value.reason) == (400, "ack_beyond_inbox")


def test_expiry_and_retention_purge(store_url: str) -> None:
    now = [time.time()]
    config = RelayConfig(retention_seconds=30 * 86400, purge_interval_seconds=3600.0)
    server = RelayThread(store_url, config, clock=lambda: now[0]).start()
    helper = Enrol(server.store, server.url)
    try:
        sender = helper("agency-b", clock=lambda: now[0])
        reader = helper("agency-a", clock=lambda: now[0])
        short = envelope("agency-b", "agency-a", expires_at=int(now[0]) + 60)
        long = envelope("agency-b", "agency-a", expires_at=int(now[0]) + 365 * 86400)
        sender.send(short)
        sender.send(long)
        with pytest.raises(TransportRejected, match="expired"):
            sender.send(envelope("agency-b", "agency-a", expires_at=int(now[0]) - 1))
        now[0] += 120  # past the short one's expiry: not delivered, then purged
        assert receive_all(reader, ack=False) == [long.body]
        assert server.app.purge_now() == 1
        now[0] += 31 * 86400  # past retention: purged although not expired
        assert server.app.purge_now() == 1
        assert receive_all(helper("agency-a", "laptop2", clock=lambda: now[0])) == []
    finally:
        helper.close()
        server.stop()


# --- what the relay holds ------------------------------------------------------------------------
EXPECTED_COLUMNS = {
    "devices": {"agency_id", "device_id", "public_key", "revoked", "cursor"},
    "envelopes": {
        "seq", "envelope_id", "sender", "recipient", "expires_at", "stored_at", "body", "digest",
    },
    "inbox_counts": {"recipient", "stored"},
    # Schema 3: undelivered envelopes per (recipient, sender), for the per-sender quota.
    "pending_counts": {"recipient", "sender", "stored"},
    # ...and what stays of a delivered envelope until its expiry: its id, a hash, the expiry.
    "delivered": {"envelope_id", "digest", "expires_at"},
    "nonces": {"agency_id", "device_id", "nonce", "seen_at"},
    # Schema 2: agencies registered by the operator, certificates devices enrolled with.
    "agencies": {"agency_id", "signing_key", "registered_at"},
    "device_certificates": {"agency_id", "device_id", "certificate", "expires_at", "enrolled_at"},
    # Schema 4: the one-time enrolment token each enrolled certificate carried.
    "enrolment_tokens": {"agency_id", "token", "device_id", "used_at"},
}


def _schema(store_url: str) -> dict[str, set[str]]:
    if store_url.startswith("sqlite"):
        conn = sqlite3.connect(store_url[len("sqlite://") :])
        try:
            tables = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master "
                    "WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
            return {t: {r[1] for r in conn.execute(f"PRAGMA table_info({t})")} for t in tables}
        finally:
            conn.close()
    import psycopg

    with psycopg.connect(store_url) as pg:
        rows = pg.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public'"
        ).fetchall()
    schema: dict[str, set[str]] = {}
    for table, column in rows:
        schema.setdefault(table, set()).add(column)
    schema.pop("relay_meta", None)  # schema version only
    return schema


def test_store_holds_only_the_contract_columns(enrol: Enrol, store_url: str) -> None:
    sender, reader = enrol("agency-a"), enrol("agency-b")
    sent = [envelope("agency-a", "agency-b") for _ in range(3)]
    for env in sent:
        sender.send(env)
    assert receive_all(reader, ack=False) == [e.body for e in sent]
    assert _schema(store_url) == EXPECTED_COLUMNS
    assert _stored(store_url) == [(e.envelope_id, e.body) for e in sent]  # opaque, unchanged
    if store_url.startswith("sqlite"):
        path = Path(store_url[len("sqlite://") :])
        assert path.stat().st_mode & 0o777 == 0o600
    receive_all(enrol("agency-b"))  # read again and acknowledged by the only laptop: deleted
    assert _stored(store_url) == []


def _stored(store_url: str) -> list[tuple[bytes, bytes]]:
    """The relay's envelope table as it is on disk."""
    query = "SELECT envelope_id, body FROM envelopes ORDER BY seq"
    if store_url.startswith("sqlite"):
        conn = sqlite3.connect(store_url[len("sqlite://") :])
        try:
            return [(bytes(a), bytes(b)) for a, b in conn.execute(query)]
        finally:
            conn.close()
    import psycopg

    with psycopg.connect(store_url) as pg:
        return [(bytes(a), bytes(b)) for a, b in pg.execute(query)]


def test_delivered_envelopes_are_deleted_once_every_laptop_acknowledged(
    enrol: Enrol, store_url: str
) -> None:
    sender = enrol("agency-b")
    laptop1, laptop2 = enrol("agency-a", "laptop1"), enrol("agency-a", "laptop2")
    sent = [envelope("agency-b", "agency-a") for _ in range(3)]
    for env in sent:
        sender.send(env)
    assert receive_all(laptop1) == [e.body for e in sent]
    assert len(_stored(store_url)) == 3  # laptop2 has not read them yet
    batch = laptop2.receive(limit=2)
    laptop2.acknowledge(batch)
    assert [i for i, _ in _stored(store_url)] == [sent[2].envelope_id]
    assert receive_all(laptop2) == [sent[2].body]
    assert _stored(store_url) == []
    # A late retry of a delivered envelope is not stored (nor delivered) again.
    assert sender.send(sent[0]) is SendResult.ALREADY_STORED
    with pytest.raises(TransportRejected, match="conflict"):
        sender.send(envelope("agency-b", "agency-a", envelope_id=sent[0].envelope_id))
    assert receive_all(laptop1) == [] and _stored(store_url) == []
    # A revoked laptop no longer holds envelopes back.
    enrol("agency-a", "laptop3")
    late = envelope("agency-b", "agency-a")
    sender.send(late)
    enrol.store.revoke_device("agency-a", "laptop3")
    receive_all(laptop1), receive_all(laptop2)
    assert _stored(store_url) == []


def test_delivery_frees_the_senders_quota(store_url: str) -> None:
    config = RelayConfig(
        max_body_bytes=65536, rate_per_second=1000.0, rate_burst=1000, max_pending_per_sender=3
    )
    server = RelayThread(store_url, config).start()
    helper = Enrol(server.store, server.url)
    try:
        sender, reader = helper("agency-a"), helper("agency-b")
        for _ in range(3):
            sender.send(envelope("agency-a", "agency-b", size=64))
        with pytest.raises(TransportUnavailable, match="sender_quota"):
            sender.send(envelope("agency-a", "agency-b", size=64))
        assert len(receive_all(reader)) == 3
        assert sender.send(envelope("agency-a", "agency-b", size=64)) is SendResult.STORED
    finally:
        helper.close()
        server.stop()


# --- restarts and the client's failure modes -----------------------------------------------------
def test_restarting_the_relay_process_keeps_the_data(store_url: str) -> None:
    key_a, key_b = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    from intake_app.sync.relay.server import register_device

    register_device(store_url, "agency-a", "laptop1", raw_public_key(key_a))
    register_device(store_url, "agency-b", "laptop1", raw_public_key(key_b))
    first = RelayProcess(store_url).start()
    sender = HttpRelayTransport(first.url, "agency-a", "laptop1", key_a, timeout=5)
    reader = HttpRelayTransport(first.url, "agency-b", "laptop1", key_b, timeout=5)
    try:
        sent = [envelope("agency-a", "agency-b") for _ in range(4)]
        for env in sent:
            sender.send(env)
        batch = reader.receive(limit=2)
        reader.acknowledge(batch)
    finally:
        first.stop()
    with pytest.raises(TransportUnavailable):
        sender.send(sent[0])  # relay down: retry later, never a rejection
    second = RelayProcess(store_url, first.port).start()
    try:
        # Kept-alive connections died with the first process; the client reconnects.
        assert sender.send(sent[0]) is SendResult.ALREADY_STORED
        fresh = HttpRelayTransport(second.url, "agency-b", "laptop1", key_b, timeout=5)
        assert receive_all(fresh) == [e.body for e in sent[2:]]
        fresh.close()
    finally:
        sender.close()
        reader.close()
        second.stop()


def test_client_relay_down_is_unavailable() -> None:
    client = HttpRelayTransport(
        f"http://{HOST}:{free_port()}", "agency-a", "laptop1", Ed25519PrivateKey.generate()
    )
    with pytest.raises(TransportUnavailable) as info:
        client.send(envelope("agency-a", "agency-b"))
    assert info.value.reason == "connection_refused"
    assert not client.health()
    with pytest.raises(ValueError, match="loopback"):
        HttpRelayTransport("http://relay.example.org", "a", "b", Ed25519PrivateKey.generate())
