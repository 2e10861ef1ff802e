"""Hostile clients against a real relay process on 127.0.0.1, on SQLite and PostgreSQL.

Each test reproduces one way the relay could be exhausted or crashed (issue 16) and asserts
what an operator would notice: a 4xx (never a 500), connections let go, memory bounded, the
relay still answering. Sockets are made by hand: a well-behaved client cannot send these.
Several loopback source addresses (127.0.0.2...) stand for several clients.
"""

from __future__ import annotations

import contextlib
import json
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from intake_app.sync.relay.server import register_device
from intake_app.sync.relay.store import open_store
from intake_app.sync.transport import (
    HttpRelayTransport,
    SendResult,
    TransportUnavailable,
)
from tests.integration.conftest import HOST, RelayProcess, raw_public_key
from tests.integration.test_relay import envelope, post_path, raw_request, signed

MIB = 1024 * 1024
QUOTA_PER_SENDER = 10
# Short timeouts so a test waits one second, not ten, for the relay to let go.
LIMITS = (
    "--header-timeout", "1", "--body-timeout", "2", "--max-connections-per-address", "64",
    "--max-pending", "50", "--max-pending-per-sender", str(QUOTA_PER_SENDER),
    "--rate", "1000", "--burst", "1000",
)  # fmt: skip
AGENCIES = ("agency-a", "agency-b", "agency-x")


@dataclass
class Hostile:
    relay: RelayProcess
    keys: dict[str, Ed25519PrivateKey]
    clients: list[HttpRelayTransport] = field(default_factory=list)

    def client(self, agency: str) -> HttpRelayTransport:
        c = HttpRelayTransport(self.relay.url, agency, "laptop1", self.keys[agency], timeout=10)
        self.clients.append(c)
        return c

    def healthy(self, source: str = "127.0.0.9") -> bool:
        with connect(self.relay.port, source) as sock:
            sock.sendall(b"GET /v1/health HTTP/1.1\r\nHost: relay\r\nConnection: close\r\n\r\n")
            return read_response(sock)[0] == 200


def connect(port: int, source: str = "127.0.0.1") -> socket.socket:
    return socket.create_connection((HOST, port), timeout=30, source_address=(source, 0))


def read_response(sock: socket.socket) -> tuple[int, dict[str, Any]]:
    """Status and JSON body of one HTTP/1.1 answer on a raw socket."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed before an answer")
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    length = next(
        (int(v) for k, _, v in (line.partition(": ") for line in lines) if k.lower() == "content-length"),
        0,
    )
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    is_json = any(line.lower().startswith("content-type: application/json") for line in lines)
    return int(lines[0].split()[1]), json.loads(rest[:length]) if length and is_json else {}


def closed_by_relay(sock: socket.socket) -> bool:
    """Waits (up to the socket timeout) for the relay to close; True if it did."""
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


@pytest.fixture
def hostile(store_url: str) -> Iterator[Hostile]:
    keys = {agency: Ed25519PrivateKey.generate() for agency in AGENCIES}
    for agency, key in keys.items():
        register_device(store_url, agency, "laptop1", raw_public_key(key))
    relay = RelayProcess(store_url, args=LIMITS).start()
    state = Hostile(relay, keys)
    try:
        yield state
        assert relay.alive()
    finally:
        for client in state.clients:
            client.close()
        relay.stop()


def test_slow_headers_are_dropped_and_the_relay_keeps_answering(hostile: Hostile) -> None:
    # 50 clients x 4 addresses, each sending half a request and then nothing.
    socks = [
        connect(hostile.relay.port, f"127.0.0.{2 + i % 4}") for i in range(200)
    ]
    try:
        for sock in socks:
            sock.sendall(b"POST /v1/envelopes HTTP/1.1\r\nHost: relay\r\nX-Slow: ")
        assert all(closed_by_relay(sock) for sock in socks)
    finally:
        for sock in socks:
            sock.close()
    assert hostile.healthy()


def test_one_address_holds_at_most_its_connection_cap(store_url: str) -> None:
    relay = RelayProcess(
        store_url, args=("--max-connections-per-address", "8", "--header-timeout", "60")
    ).start()
    held = [connect(relay.port, "127.0.0.2") for _ in range(8)]
    try:
        extra = connect(relay.port, "127.0.0.2")
        with extra:
            assert closed_by_relay(extra)
        # Another address is not affected.
        with connect(relay.port, "127.0.0.3") as other:
            other.sendall(b"GET /v1/health HTTP/1.1\r\nHost: relay\r\n\r\n")
            assert read_response(other) == (200, {"status": "ok"})
    finally:
        for sock in held:
            sock.close()
        relay.stop()


def _bad_auth_headers(hostile: Hostile, kind: str, path: str) -> dict[str, str]:
    stranger = Ed25519PrivateKey.generate()
    if kind == "missing":
        return {}
    if kind == "unknown_device":
        return signed(stranger, "agency-a", "ghost", "POST", path, b"")
    if kind == "stale":
        return signed(hostile.keys["agency-a"], "agency-a", "laptop1", "POST", path, b"", 1)
    raise AssertionError(kind)


@pytest.mark.parametrize(
    ("kind", "code"),
    [("missing", "missing_signature"), ("unknown_device", "unknown_device"),
     ("stale", "stale_timestamp")],
)  # fmt: skip
def test_unauthenticated_big_bodies_are_refused_unread(
    hostile: Hostile, kind: str, code: str
) -> None:
    env = envelope("agency-a", "agency-b")
    path = post_path(env)
    hostile.healthy()
    before = hostile.relay.rss_kib()
    socks: list[socket.socket] = []
    try:
        for i in range(100):
            sock = connect(hostile.relay.port, f"127.0.0.{2 + i % 4}")
            socks.append(sock)
            headers = {
                **_bad_auth_headers(hostile, kind, path),
                "Host": "relay",
                "Content-Length": str(MIB - 1),
            }
            head = f"POST {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
            # Headers and the first 64 KiB of a near-complete 1 MiB body, held open.
            sock.sendall(head.encode("latin-1") + b"\r\n" + bytes(65536))
        for sock in socks:
            assert read_response(sock) == (401, {"error": code})
            assert closed_by_relay(sock)  # not left draining the rest of the megabyte
        grown_mib = (hostile.relay.rss_kib() - before) / 1024
    finally:
        for sock in socks:
            sock.close()
    assert grown_mib < 32, f"relay memory grew by {grown_mib:.0f} MiB"
    assert hostile.healthy()


def test_unicode_digits_are_400_not_500(hostile: Hostile) -> None:
    key = hostile.keys["agency-a"]
    url = hostile.relay.url
    # Superscripts are digits to str.isdigit() and not to int(); Arabic-Indic and fullwidth
    # digits are digits to both.
    headers = signed(key, "agency-a", "laptop1", "GET", "/v1/inbox?limit=5")
    headers["x-intake-timestamp"] = "\u00b9\u00b2\u00b3"
    assert raw_request(url, "GET", "/v1/inbox?limit=5", headers=headers)[:2] == (
        401,
        {"error": "bad_timestamp"},
    )
    for query in ("limit=%C2%B2", "after=%EF%BC%91", "limit=%D9%A1%D9%A2", "limit=+5", "limit=-1"):
        path = f"/v1/inbox?{query}"
        status, payload, _ = raw_request(url, "GET", path, headers=signed(key, "agency-a", "laptop1", "GET", path))
        assert (status, payload) == (400, {"error": "bad_query"}), query
    env = envelope("agency-a", "agency-b")
    arabic = "%D9%A1%D9%A7" + "%D9%A0" * 8  # 1700000000 in Arabic-Indic digits
    path = post_path(env).replace(f"expires={env.expires_at}", f"expires={arabic}")
    status, payload, _ = raw_request(
        url, "POST", path, env.body, signed(key, "agency-a", "laptop1", "POST", path, env.body)
    )
    assert (status, payload) == (400, {"error": "bad_expiry"})
    with connect(hostile.relay.port) as sock:
        sock.sendall(b"POST /v1/inbox/ack HTTP/1.1\r\nHost: relay\r\nContent-Length: \xb2\r\n\r\n")
        assert read_response(sock)[0] == 400
    assert hostile.healthy()


def test_deep_json_is_400_not_500(hostile: Hostile, store_url: str) -> None:
    key = hostile.keys["agency-a"]
    url = hostile.relay.url
    store = open_store(store_url)
    try:  # /v1/devices reads a certificate only for a registered agency
        store.register_agency("agency-a", raw_public_key(Ed25519PrivateKey.generate()), 0)
    finally:
        store.close()
    cases = [
        ("/v1/inbox/ack", b"[" * 5000 + b"]" * 5000, 413, "too_large"),  # an ack is 256 B at most
        ("/v1/inbox/ack", b'{"seq":' + b"[" * 100 + b"]" * 100 + b"}", 400, "bad_ack"),
        ("/v1/devices", b"[" * 2000 + b"]" * 2000, 400, "bad_certificate"),
        ("/v1/devices/revoke", b"[" * 2000 + b"]" * 2000, 400, "bad_revocation"),
    ]
    for path, body, status, code in cases:
        headers = signed(key, "agency-a", "laptop1", "POST", path, body)
        assert raw_request(url, "POST", path, body, headers)[:2] == (status, {"error": code}), path
    assert hostile.healthy()


def test_another_agency_cannot_fill_an_inbox(hostile: Hostile) -> None:
    flooder, sharer, reader = (hostile.client(a) for a in ("agency-x", "agency-a", "agency-b"))
    for _ in range(QUOTA_PER_SENDER):
        assert flooder.send(envelope("agency-x", "agency-b", size=64)) is SendResult.STORED
    with pytest.raises(TransportUnavailable) as info:
        flooder.send(envelope("agency-x", "agency-b", size=64))
    assert (info.value.status, info.value.reason) == (507, "sender_quota")
    batch = flooder.send_many([envelope("agency-x", "agency-b", size=64) for _ in range(3)])
    assert [getattr(r, "reason", r) for r in batch] == ["sender_quota"] * 3
    # The real share still gets through, and is read.
    share = envelope("agency-a", "agency-b")
    assert sharer.send(share) is SendResult.STORED
    page = reader.receive(limit=100)
    assert share.body in [e.body for e in page.envelopes]
    assert len(page.envelopes) == QUOTA_PER_SENDER + 1


def test_posts_to_unregistered_recipients_are_not_stored(hostile: Hostile, store_url: str) -> None:
    sender = hostile.client("agency-a")
    with pytest.raises(TransportUnavailable) as info:
        sender.send(envelope("agency-a", "agency-nobody"))
    assert (info.value.status, info.value.reason) == (404, "unknown_recipient")
    results = sender.send_many(
        [envelope("agency-a", "agency-nobody"), envelope("agency-a", "agency-b")]
    )
    assert [getattr(r, "reason", r) for r in results] == ["unknown_recipient", SendResult.STORED]
    # Once that agency has a laptop at the relay, the same share goes through.
    register_device(store_url, "agency-nobody", "laptop1", raw_public_key(Ed25519PrivateKey.generate()))
    assert sender.send(envelope("agency-a", "agency-nobody")) is SendResult.STORED


def test_a_stalled_body_times_out(hostile: Hostile) -> None:
    env = envelope("agency-a", "agency-b")
    path = post_path(env)
    headers = signed(hostile.keys["agency-a"], "agency-a", "laptop1", "POST", path, env.body)
    head = f"POST {path} HTTP/1.1\r\nHost: relay\r\nContent-Length: {len(env.body)}\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    with connect(hostile.relay.port) as sock:
        sock.sendall(head.encode() + b"\r\n" + env.body[:100])
        assert read_response(sock) == (408, {"error": "body_timeout"})
    assert hostile.healthy()


def test_endless_headers_are_cut_off(hostile: Hostile) -> None:
    with connect(hostile.relay.port, "127.0.0.5") as sock:
        sock.sendall(b"GET /v1/health HTTP/1.1\r\nHost: relay\r\n")
        with contextlib.suppress(ConnectionError):  # the relay may close mid-send
            for _ in range(64):
                sock.sendall(b"X-Filler: " + b"a" * 1000 + b"\r\n")
        assert closed_by_relay(sock)
    assert hostile.healthy()
