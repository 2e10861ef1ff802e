"""The store's one rule set on both databases: a schema-2 store migrates, and a relay on
PostgreSQL outlives a database restart (503 while it is down, then back without a restart)."""

from __future__ import annotations

import sqlite3
import time

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from intake_app.sync.relay.server import register_device
from intake_app.sync.relay.store import Caller, EnvelopeMeta, PutOutcome, open_store
from intake_app.sync.transport import HttpRelayTransport, SendResult, TransportUnavailable
from tests.integration.conftest import PostgresCluster, RelayProcess, raw_public_key
from tests.integration.test_relay import envelope, post_path, raw_request, receive_all, signed


def _caller(n: int) -> Caller:
    return Caller("agency-x", "laptop1", n.to_bytes(16, "big"), int(time.time()))


def _put(url: str, n: int, first_nonce: int) -> list[PutOutcome]:
    store = open_store(url)
    try:
        meta = [
            EnvelopeMeta(i.to_bytes(16, "big"), "agency-x", "agency-b", int(time.time()) + 3600)
            for i in range(first_nonce, first_nonce + n)
        ]
        return [
            store.put_envelopes(_caller(first_nonce + k), [(m, b"x")], 100, 3)[0]
            for k, m in enumerate(meta)
        ]
    finally:
        store.close()


def test_a_schema_2_store_counts_its_envelopes_per_sender(store_url: str) -> None:
    register_device(store_url, "agency-x", "laptop1", raw_public_key(Ed25519PrivateKey.generate()))
    assert _put(store_url, 2, 0) == [PutOutcome.STORED] * 2
    # Back to schema 2 as a relay of the last release left it: no per-sender counts, no digests.
    if store_url.startswith("sqlite"):
        conn = sqlite3.connect(store_url[len("sqlite://") :])
        conn.executescript(
            "DROP TABLE pending_counts; DROP TABLE delivered;"
            " ALTER TABLE envelopes DROP COLUMN digest; PRAGMA user_version = 2;"
        )
        conn.close()
    else:
        import psycopg

        with psycopg.connect(store_url, autocommit=True) as pg:
            pg.execute("DROP TABLE pending_counts")
            pg.execute("DROP TABLE delivered")
            pg.execute("ALTER TABLE envelopes DROP COLUMN digest")
            pg.execute("UPDATE relay_meta SET version = 2")
    # Reopened, it counts the two it holds: one more fits under a quota of 3, then no more.
    assert _put(store_url, 2, 10) == [PutOutcome.STORED, PutOutcome.SENDER_QUOTA]


def test_relay_on_postgresql_outlives_a_database_restart(pg_cluster: PostgresCluster) -> None:
    url = pg_cluster.create_database()
    keys = {a: Ed25519PrivateKey.generate() for a in ("agency-a", "agency-b")}
    for agency, key in keys.items():
        register_device(url, agency, "laptop1", raw_public_key(key))
    relay = RelayProcess(url).start()
    sender = HttpRelayTransport(relay.url, "agency-a", "laptop1", keys["agency-a"], timeout=30)
    reader = HttpRelayTransport(relay.url, "agency-b", "laptop1", keys["agency-b"], timeout=30)
    try:
        first = envelope("agency-a", "agency-b")
        assert sender.send(first) is SendResult.STORED
        pg_cluster.stop_server()
        try:
            with pytest.raises(TransportUnavailable) as info:
                sender.send(envelope("agency-a", "agency-b"))
            assert (info.value.status, info.value.reason) == (503, "store_unavailable")
        finally:
            pg_cluster.start_server()
        # The pool's connections died with the server: each is checked before use and replaced.
        second = envelope("agency-a", "agency-b")
        assert sender.send(second) is SendResult.STORED
        assert receive_all(reader) == [first.body, second.body]
        assert relay.alive()
    finally:
        sender.close()
        reader.close()
        relay.stop()


def test_worker_processes_share_nonces_and_data(pg_cluster: PostgresCluster) -> None:
    """Two relay processes on one port: a request replayed on another connection (so perhaps
    to the other worker) is still refused, and what one stored the other serves."""
    url = pg_cluster.create_database()
    keys = {a: Ed25519PrivateKey.generate() for a in ("agency-a", "agency-b")}
    for agency, key in keys.items():
        register_device(url, agency, "laptop1", raw_public_key(key))
    relay = RelayProcess(url, args=("--workers", "2")).start()
    try:
        env = envelope("agency-a", "agency-b")
        path = post_path(env)
        once = signed(keys["agency-a"], "agency-a", "laptop1", "POST", path, env.body)
        answers = [raw_request(relay.url, "POST", path, env.body, once)[:2] for _ in range(6)]
        assert answers[0] == (201, {"status": "stored"})
        assert answers[1:] == [(401, {"error": "replayed_nonce"})] * 5
        readers = [
            HttpRelayTransport(relay.url, "agency-b", "laptop1", keys["agency-b"]) for _ in range(4)
        ]
        try:
            assert all(r.receive().envelopes[0].body == env.body for r in readers)
        finally:
            for r in readers:
                r.close()
    finally:
        relay.stop()
    assert not relay.alive()


def test_worker_processes_together_keep_one_devices_rate_limit(pg_cluster: PostgresCluster) -> None:
    """Each request on a new connection, so across both workers: a burst of 4 stays 4 in all."""
    url = pg_cluster.create_database()
    keys = {a: Ed25519PrivateKey.generate() for a in ("agency-a", "agency-b")}
    for agency, key in keys.items():
        register_device(url, agency, "laptop1", raw_public_key(key))
    relay = RelayProcess(url, args=("--workers", "2", "--burst", "4", "--rate", "0.001")).start()
    try:
        statuses = []
        for _ in range(12):
            env = envelope("agency-a", "agency-b")
            path = post_path(env)
            headers = signed(keys["agency-a"], "agency-a", "laptop1", "POST", path, env.body)
            statuses.append(raw_request(relay.url, "POST", path, env.body, headers)[0])
        assert set(statuses) <= {201, 429}
        assert 2 <= statuses.count(201) <= 4  # one worker's share at least, the whole burst at most
        assert relay.alive()
    finally:
        relay.stop()


def test_opening_a_current_store_beside_a_writing_relay_takes_no_table_lock(
    pg_cluster: PostgresCluster,
) -> None:
    """A second process (a worker, `relay register-agency`) opening the store while a relay is
    in the middle of a write: no DDL runs, so it neither waits on nor deadlocks with it (CI saw
    `deadlock detected` from CREATE INDEX IF NOT EXISTS beside a relay writing nonces)."""
    import threading

    import psycopg

    url = pg_cluster.create_database()
    open_store(url).close()  # created, at the current version
    writer = psycopg.connect(url)
    try:
        writer.execute("INSERT INTO nonces (agency_id, device_id, nonce, seen_at)"
                       " VALUES ('agency-x', 'laptop1', %s, 1)", (b"n" * 16,))  # tx left open
        opened = threading.Event()

        def second() -> None:
            open_store(url).close()
            opened.set()

        threading.Thread(target=second, daemon=True).start()
        # A bound, not a pause: before the fix this waited on the writer's lock forever.
        assert opened.wait(timeout=60), "opening the store waited on a writer's table lock"
    finally:
        writer.rollback()
        writer.close()
