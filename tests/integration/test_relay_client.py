"""The relay client on httpx: proxies honoured, answers capped, pages bounded, connections reused.

The proxies and the oversized relay are small hand-made servers on 127.0.0.1; nothing leaves the
machine (a proxy that refuses CONNECT proves the client asked it for the outside address).
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from intake_app.sync.relay.app import RelayConfig
from intake_app.sync.transport import HttpRelayTransport, SendResult, TransportUnavailable
from tests.integration.conftest import HOST, TEST_CONFIG, Enrol, RelayThread, free_port
from tests.integration.test_relay import envelope, receive_all

MIB = 1024 * 1024


class OneShotServer:
    """Accepts connections on 127.0.0.1 and answers each with `reply(request_head, sock)`."""

    def __init__(self, reply: Callable[[socket.socket], None]) -> None:
        self._reply = reply
        self.heads: list[bytes] = []
        self.sent = 0
        self._sock = socket.create_server((HOST, 0))
        self.port = int(self._sock.getsockname()[1])
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            with conn:
                head = b""
                while b"\r\n\r\n" not in head:
                    chunk = conn.recv(4096)
                    if not chunk:
                        break
                    head += chunk
                self.heads.append(head.split(b"\r\n", 1)[0])
                with contextlib.suppress(OSError):  # the client hung up: what the cap test wants
                    self._reply(conn)

    def close(self) -> None:
        self._sock.close()
        self._thread.join(5)


@pytest.fixture
def no_proxy_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    return monkeypatch


def _health_ok(conn: socket.socket) -> None:
    body = b'{"status":"ok"}'
    conn.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
        b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
    )


def test_http_proxy_from_the_environment_is_used(no_proxy_env: pytest.MonkeyPatch) -> None:
    proxy = OneShotServer(_health_ok)
    no_proxy_env.setenv("HTTP_PROXY", f"http://{HOST}:{proxy.port}")
    dead = free_port()  # nothing listens there: only the proxy can answer
    client = HttpRelayTransport(f"http://{HOST}:{dead}", "agency-a", "laptop1", Ed25519PrivateKey.generate())
    try:
        assert client.health()
        assert proxy.heads == [f"GET http://{HOST}:{dead}/v1/health HTTP/1.1".encode()]
    finally:
        client.close()
        proxy.close()


def test_https_proxy_is_asked_to_connect(no_proxy_env: pytest.MonkeyPatch) -> None:
    def refuse(conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")

    proxy = OneShotServer(refuse)
    no_proxy_env.setenv("HTTPS_PROXY", f"http://{HOST}:{proxy.port}")
    client = HttpRelayTransport("https://relay.example.org", "agency-a", "laptop1", Ed25519PrivateKey.generate())
    try:
        with pytest.raises(TransportUnavailable) as info:
            client.send(envelope("agency-a", "agency-b"))
        assert info.value.reason == "proxy_refused"  # queued, retried later
        assert proxy.heads == [b"CONNECT relay.example.org:443 HTTP/1.1"]
    finally:
        client.close()
        proxy.close()


def test_no_proxy_bypasses_it(no_proxy_env: pytest.MonkeyPatch, enrol: Enrol) -> None:
    no_proxy_env.setenv("HTTP_PROXY", f"http://{HOST}:{free_port()}")  # would refuse
    no_proxy_env.setenv("NO_PROXY", HOST)
    assert enrol("agency-a").health()


def _page_rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


@pytest.mark.parametrize("declared", [True, False])
def test_an_oversized_answer_is_abandoned(no_proxy_env: pytest.MonkeyPatch, declared: bool) -> None:
    """A relay (or anything in its place) answering 256 MiB costs the client its cap, not 512 MiB."""
    server: OneShotServer

    def flood(conn: socket.socket) -> None:
        length = b"Content-Length: %d\r\n" % (256 * MIB) if declared else b"Transfer-Encoding: chunked\r\n"
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + length + b"\r\n")
        block = bytes(64 * 1024)
        chunk = block if declared else b"%x\r\n%s\r\n" % (len(block), block)
        for _ in range(256 * MIB // len(block)):
            conn.sendall(chunk)
            server.sent += len(block)

    server = OneShotServer(flood)
    client = HttpRelayTransport(
        f"http://{HOST}:{server.port}", "agency-a", "laptop1", Ed25519PrivateKey.generate(),
        max_answer_bytes=4 * MIB,
    )  # fmt: skip
    before = _page_rss_kib()
    try:
        with pytest.raises(TransportUnavailable) as info:
            client.receive()
        assert info.value.reason == "answer_too_large"
        assert (_page_rss_kib() - before) / 1024 < 64
    finally:
        client.close()
        server.close()
    assert server.sent < 64 * MIB  # the client hung up instead of reading it all


def test_inbox_pages_are_bounded_in_bytes(store_url: str) -> None:
    config = RelayConfig(
        max_body_bytes=TEST_CONFIG.max_body_bytes, rate_per_second=1000.0, rate_burst=1000,
        max_page_bytes=20_000,
    )  # fmt: skip
    server = RelayThread(store_url, config).start()
    helper = Enrol(server.store, server.url)
    try:
        sender, reader = helper("agency-a"), helper("agency-b")
        sent = [envelope("agency-a", "agency-b", size=8_000) for _ in range(7)]
        assert sender.send_many(sent) == [SendResult.STORED] * 7
        first = reader.receive(limit=100)
        assert len(first.envelopes) == 2 and first.more  # 16,000 bytes; a third passes 20,000
        reader.acknowledge(first)
        assert [e.body for e in first.envelopes] + receive_all(reader) == [e.body for e in sent]
    finally:
        helper.close()
        server.stop()


@pytest.fixture
def counted_relay(store_url: str) -> Iterator[tuple[RelayThread, list[int]]]:
    """A relay whose accepted connections are counted."""
    server = RelayThread(store_url, TEST_CONFIG)
    opened: list[int] = []
    protocol = server._server.config.http

    class Counting(protocol):  # type: ignore[misc, valid-type]
        def connection_made(self, transport: object) -> None:
            opened.append(1)
            super().connection_made(transport)

    server._server.config.http = Counting
    server.start()
    try:
        yield server, opened
    finally:
        server.stop()


def test_one_connection_is_reused_for_many_requests(counted_relay: tuple[RelayThread, list[int]]) -> None:
    server, opened = counted_relay
    helper = Enrol(server.store, server.url)
    try:
        sender = helper("agency-a")
        helper("agency-b")
        for _ in range(20):
            assert sender.send(envelope("agency-a", "agency-b", size=256)) is SendResult.STORED
        assert len(opened) == 1
    finally:
        helper.close()
