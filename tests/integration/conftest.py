"""Integration fixtures: a real relay (uvicorn, real HTTP on 127.0.0.1) over SQLite or PostgreSQL.

PostgreSQL is a private throw-away cluster (initdb + pg_ctl, trust auth, 127.0.0.1 on a free
port) started once per session and only when a test asks for it. initdb refuses to run as
root, so as root the cluster runs as `postgres` in a temp folder owned by it.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from intake_app.sync.relay.app import RelayApp, RelayConfig
from intake_app.sync.relay.guard import guarded_protocol, uvicorn_limits
from intake_app.sync.relay.store import RelayStore, open_store
from intake_app.sync.transport import HttpRelayTransport

PG_BIN = Path("/usr/lib/postgresql/15/bin")
HOST = "127.0.0.1"
BACKENDS = ["sqlite", "postgresql"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def raw_public_key(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


class PostgresCluster:
    """A private PostgreSQL 15 cluster in a temp folder; `durable=False` turns fsync off."""

    def __init__(self, *, durable: bool = False) -> None:
        self.durable = durable
        self.port = free_port()
        self.base = Path(tempfile.mkdtemp(prefix="intake-pg-"))
        self._as_postgres = os.geteuid() == 0

    def _run(self, *args: str) -> None:
        cmd = list(args)
        if self._as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        if self._as_postgres:
            shutil.chown(self.base, "postgres", "postgres")
        data = self.base / "data"
        self._run(
            str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
            "-E", "UTF8", "--no-sync", "--no-instructions",
        )  # fmt: skip
        self.start_server()

    def stop(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            self.stop_server()
        shutil.rmtree(self.base, ignore_errors=True)

    def stop_server(self) -> None:
        """Stop the server, keeping its data (a database restart, with `start_server`)."""
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.base / "data"), "-m", "fast", "-w", "stop")

    def start_server(self) -> None:
        options = f"-c listen_addresses={HOST} -p {self.port} -k {self.base}"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.base / "data"), "-l", str(self.base / "log"),
            "-w", "-t", "30", "-o", options, "start",
        )  # fmt: skip

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@{HOST}:{self.port}/{database}"

    def create_database(self) -> str:
        """A fresh empty database; returns its URL."""
        import psycopg

        name = f"relay_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)


class RelayThread:
    """A real uvicorn server running RelayApp in a background thread, on 127.0.0.1."""

    def __init__(
        self,
        store_url: str,
        config: RelayConfig | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store: RelayStore = open_store(store_url)
        self.app = RelayApp(self.store, config, clock)
        # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets whose proto says TCP,
        # and without it every response waits 40 ms for a delayed ACK.
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._sock.bind((HOST, 0))
        self.port = int(self._sock.getsockname()[1])
        self.url = f"http://{HOST}:{self.port}"
        cfg = self.app.config
        self._ready = threading.Event()
        ready = self._ready

        class Server(uvicorn.Server):
            async def startup(self, sockets: list[socket.socket] | None = None) -> None:
                await super().startup(sockets)
                ready.set()

        self._server = Server(
            uvicorn.Config(
                self.app,
                http=guarded_protocol(cfg.header_timeout_seconds, cfg.max_connections_per_address),
                lifespan="on",
                access_log=False,
                log_level="warning",
                **uvicorn_limits(cfg.max_connections),
            )
        )
        self._thread = threading.Thread(
            target=self._run, kwargs={"sockets": [self._sock]}, daemon=True
        )

    def _run(self, sockets: list[socket.socket]) -> None:
        try:
            self._server.run(sockets=sockets)
        finally:
            self._ready.set()  # a failed start wakes the waiter too

    def start(self) -> RelayThread:
        self._thread.start()
        if not self._ready.wait(30) or not self._server.started:
            raise RuntimeError("relay did not start")
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._sock.close()
        self.store.close()


class RelayProcess:
    """The relay as its own process (`python -m intake_app.sync.relay.server serve`).

    `start` returns once the relay wrote its "relay ready on URL" line; `port=0` lets the relay
    pick a free port (read back from that line). Extra `args` go to `serve`.
    """

    def __init__(self, store_url: str, port: int | None = None, args: tuple[str, ...] = ()):
        self.store_url = store_url
        self.port = port or 0
        self.args = args
        self.url = ""
        self.proc: subprocess.Popen[bytes] | None = None
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()

    def start(self) -> RelayProcess:
        self.proc = subprocess.Popen(
            [
                sys.executable, "-m", "intake_app.sync.relay.server", "serve",
                "--store", self.store_url, "--host", HOST, "--port", str(self.port), *self.args,
            ],
            stdout=subprocess.PIPE,
            stderr=self._log,
        )  # fmt: skip
        assert self.proc.stdout is not None
        line = _read_line(self.proc.stdout, timeout=60)
        if not line.startswith(b"relay ready on "):
            self._log.seek(0)
            err = self._log.read()[-2000:]
            self.stop()
            raise RuntimeError(f"relay process did not start: {err!r}")
        self.url = line.decode().split()[-1]
        self.port = int(self.url.rsplit(":", 1)[1])
        return self

    def rss_kib(self) -> int:
        """The relay process's resident memory (Linux /proc)."""
        assert self.proc is not None
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise RuntimeError("no VmRSS")

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc is not None and self.proc.stdout:
            self.proc.stdout.close()
        self._log.close()


def _read_line(stream: Any, timeout: float) -> bytes:
    """One line from a child's pipe, or b"" when it closes or `timeout` passes first."""
    line = b""
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as sel:
        sel.register(stream, selectors.EVENT_READ)
        while not line.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0 or not sel.select(left):
                return line
            chunk = os.read(stream.fileno(), 1)
            if not chunk:
                return line
            line += chunk
    return line


class Enrol:
    """Registers devices at a relay's store and hands out their signed clients."""

    def __init__(self, store: RelayStore, url: str) -> None:
        self.store = store
        self.url = url
        self.keys: dict[tuple[str, str], Ed25519PrivateKey] = {}
        self._clients: list[HttpRelayTransport] = []

    def __call__(
        self,
        agency: str,
        device: str = "laptop1",
        *,
        clock: Callable[[], float] = time.time,
        timeout: float = 5.0,
    ) -> HttpRelayTransport:
        key = self.keys.get((agency, device))
        if key is None:
            key = Ed25519PrivateKey.generate()
            self.store.register_device(agency, device, raw_public_key(key))
            self.keys[(agency, device)] = key
        client = HttpRelayTransport(self.url, agency, device, key, timeout=timeout, clock=clock)
        self._clients.append(client)
        return client

    def close(self) -> None:
        for client in self._clients:
            client.close()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PostgresCluster]:
    if not (PG_BIN / "initdb").exists():
        pytest.skip("PostgreSQL 15 is not installed")
    cluster = PostgresCluster()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty relay store of each backend."""
    if request.param == "sqlite":
        return f"sqlite://{tmp_path / 'relay' / 'relay.db'}"
    cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database()


TEST_CONFIG = RelayConfig(
    max_body_bytes=64 * 1024,
    rate_per_second=1000.0,
    rate_burst=1000,
    max_pending_per_recipient=50,
    purge_interval_seconds=3600.0,
)


@pytest.fixture
def relay(store_url: str) -> Iterator[RelayThread]:
    server = RelayThread(store_url, TEST_CONFIG).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def enrol(relay: RelayThread) -> Iterator[Enrol]:
    helper = Enrol(relay.store, relay.url)
    try:
        yield helper
    finally:
        helper.close()
