"""Running the relay: `serve(...)` under uvicorn, and the operator's commands.

Enrolment: the operator registers each AGENCY once from its public card
(``intake relay register-agency --store URL --card CARD.json``; compare the fingerprint words it
prints with the agency's admin, by phone or in person, as for a partner card). Each laptop then
enrols itself over HTTP with a device certificate signed by its agency (``POST /v1/devices``).
``revoke-device --agency --device`` refuses one laptop from then on, for good; its id cannot
enrol again. ``register-device`` (a device's raw public key, by hand) still works for relays
that do not use certificates.

``intake relay serve`` (a SQLite file in the platform's data folder, 127.0.0.1:8443), or
``--store sqlite:///var/lib/intake/relay.db --host 127.0.0.1 --port 8443`` (or
``python -m intake_app.sync.relay.server serve ...``). Put TLS in front (a reverse proxy) or
pass ``--tls-cert/--tls-key``. uvicorn's access log is off: paths carry envelope ids and agency
ids, which is routing metadata an operator's log does not need. Once it accepts connections the
relay writes one line to standard output, ``relay ready on http://HOST:PORT`` (the real port
when ``--port 0``): scripts and tests wait on it.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import contextlib
import logging
import os
import signal
import socket
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from intake_app.errors import IntakeError
from intake_app.paths import default_data_dir
from intake_app.sync.keys import PublicCard, fingerprint_words, read_card
from intake_app.sync.relay.app import DAY, RelayApp, RelayConfig
from intake_app.sync.relay.guard import guarded_protocol, uvicorn_limits
from intake_app.sync.relay.store import open_store

log = logging.getLogger(__name__)


def default_store_url() -> str:
    """A SQLite file in the platform's data folder: the first try needs no flag."""
    return f"sqlite://{default_data_dir() / 'relay' / 'relay.db'}"


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket (TCP_NODELAY set by asyncio once it sees IPPROTO_TCP)."""
    family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(address)
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def serve(
    host: str,
    port: int,
    store_url: str,
    *,
    config: RelayConfig | None = None,
    tls_cert: str | None = None,
    tls_key: str | None = None,
    ready: TextIO | None = None,
    sock: socket.socket | None = None,
) -> None:
    """Run the relay until interrupted (SIGINT/SIGTERM); blocks. Writes the ready line to
    `ready` (standard output by default) once connections are accepted."""
    import uvicorn

    config = config or RelayConfig()
    sock = sock or bind(host, port)
    bound_host, bound_port = sock.getsockname()[:2]
    scheme = "https" if tls_cert else "http"
    out = ready or sys.stdout

    class Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets)
            if self.started:
                out.write(f"relay ready on {scheme}://{bound_host}:{bound_port}\n")
                out.flush()

    store = open_store(store_url)
    try:
        app = RelayApp(store, config)
        server = Server(
            uvicorn.Config(
                app,
                http=guarded_protocol(
                    config.header_timeout_seconds, config.max_connections_per_address
                ),
                access_log=False,
                log_level="warning",
                lifespan="on",
                server_header=False,
                ssl_certfile=tls_cert,
                ssl_keyfile=tls_key,
                **uvicorn_limits(config.max_connections),
            )
        )
        server.run(sockets=[sock])
    finally:
        store.close()
        sock.close()


def serve_workers(
    workers: int,
    host: str,
    port: int,
    store_url: str,
    *,
    config: RelayConfig | None = None,
    tls_cert: str | None = None,
    tls_key: str | None = None,
) -> None:
    """`serve` in `workers` forked processes sharing one listening socket (POSIX only).

    Every worker opens its own store connections: nonces, quotas and counters live in the store,
    so any worker can answer any request. Rate-limit buckets are per worker process, each with
    its share of the rate and burst (`RelayConfig.per_worker`): nothing shared, and a device
    that reconnects to other workers still gets no more than its limit in all. The ready line
    is written once every worker is ready;
    SIGTERM or SIGINT stops them all.
    """
    if workers <= 1:
        serve(host, port, store_url, config=config, tls_cert=tls_cert, tls_key=tls_key)
        return
    if not hasattr(os, "fork"):
        raise ValueError("several relay workers need a POSIX system: run one per port instead")
    shared = (config or RelayConfig()).per_worker(workers)
    # Create or migrate the store once, before the workers race to do it.
    open_store(store_url).close()
    sock = bind(host, port)
    read_end, write_end = os.pipe()
    children: list[int] = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - in the child
            os.close(read_end)
            status = 0
            try:
                with os.fdopen(write_end, "w") as ready:
                    serve(host, port, store_url, config=shared, tls_cert=tls_cert,
                          tls_key=tls_key, ready=ready, sock=sock)  # fmt: skip
            except BaseException:  # noqa: BLE001 - a worker reports by its exit status
                status = 1
            os._exit(status)
        children.append(pid)
    os.close(write_end)
    sock.close()

    def stop(_signum: int, _frame: object) -> None:
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    with os.fdopen(read_end) as pipe:
        lines = [pipe.readline() for _ in range(workers)]
        if all(line.startswith("relay ready on ") for line in lines):
            sys.stdout.write(lines[0])
            sys.stdout.flush()
        else:
            stop(0, None)
    for child in children:
        os.waitpid(child, 0)


def register_device(store_url: str, agency_id: str, device_id: str, public_key: bytes) -> None:
    """Enrol a device (raw 32-byte Ed25519 public key) at the relay's store."""
    store = open_store(store_url)
    try:
        store.register_device(agency_id, device_id, public_key)
    finally:
        store.close()


def register_agency(store_url: str, card: PublicCard, now: float | None = None) -> bool:
    """Register an agency's signing key from its (self-signed, checked) public card.

    True if newly registered, False if it already was with the same key; another key for the
    same agency id raises AgencyConflict.
    """
    store = open_store(store_url)
    try:
        return store.register_agency(
            card.agency_id, card.signing_public, int(time.time() if now is None else now)
        )
    finally:
        store.close()


def revoke_device(
    store_url: str, agency_id: str, device_id: str, *, never_enrolled: bool = False
) -> None:
    """Revoke a device: from now on the relay refuses its requests (403) and its id can never
    enrol again. An unknown device is an error unless `never_enrolled` (a laptop lost before
    its first sync: its certificate must not work later)."""
    store = open_store(store_url)
    try:
        store.revoke_device(agency_id, device_id, tombstone=never_enrolled)
    finally:
        store.close()


def _public_key(text: str) -> bytes:
    """A raw Ed25519 public key given as 64 hex digits or base64."""
    try:
        raw = bytes.fromhex(text) if len(text) == 64 else base64.b64decode(text, validate=True)
    except (ValueError, binascii.Error):
        raise argparse.ArgumentTypeError("public key: 64 hex digits or base64") from None
    if len(raw) != 32:
        raise argparse.ArgumentTypeError("public key: 32 bytes")
    return raw


def build_parser(prog: str = "intake relay") -> argparse.ArgumentParser:
    """The `intake relay ...` argument parser (serve, register-device, revoke-device)."""
    defaults = RelayConfig()
    parser = argparse.ArgumentParser(prog=prog, description="The Field Intake relay.")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("serve", help="run the relay")
    run.add_argument(
        "--store",
        help="sqlite:///path.db or postgresql://... (default: a SQLite file in the data folder)",
    )
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8443)
    run.add_argument("--retention-days", type=int, default=30)
    run.add_argument("--max-body-bytes", type=int, default=defaults.max_body_bytes)
    run.add_argument("--rate", type=float, default=defaults.rate_per_second)
    run.add_argument("--burst", type=int, default=defaults.rate_burst)
    run.add_argument("--max-pending", type=int, default=defaults.max_pending_per_recipient)
    run.add_argument(
        "--max-pending-per-sender", type=int, default=defaults.max_pending_per_sender,
        help="undelivered envelopes one sender may hold in one inbox",
    )  # fmt: skip
    run.add_argument(
        "--header-timeout", type=float, default=defaults.header_timeout_seconds,
        help="seconds a connection may take to send its request headers",
    )  # fmt: skip
    run.add_argument(
        "--body-timeout", type=float, default=defaults.body_timeout_seconds,
        help="seconds an authenticated request may take to send its body",
    )  # fmt: skip
    run.add_argument(
        "--max-connections-per-address", type=int,
        default=defaults.max_connections_per_address,
        help="open connections per client address (0: no cap; use 0 behind a proxy)",
    )  # fmt: skip
    run.add_argument("--max-connections", type=int, default=defaults.max_connections)
    run.add_argument(
        "--workers", type=int, default=1,
        help="worker processes sharing the port (PostgreSQL; POSIX only)",
    )  # fmt: skip
    run.add_argument("--tls-cert")
    run.add_argument("--tls-key")

    reg = sub.add_parser("register-device", help="enrol a device's public key")
    rev = sub.add_parser("revoke-device", help="refuse a device from now on")
    for p in (reg, rev):
        p.add_argument("--store", help="as for serve (default: the data folder's SQLite file)")
        p.add_argument("--agency", required=True)
        p.add_argument("--device", required=True)
    reg.add_argument("--public-key", required=True, type=_public_key)
    rev.add_argument(
        "--never-enrolled",
        action="store_true",
        help="also when the device has not enrolled yet (lost before its first sync)",
    )

    agency = sub.add_parser(
        "register-agency", help="register an agency from its public card; its laptops enrol"
    )
    agency.add_argument("--store", help="as for serve (default: the data folder's SQLite file)")
    agency.add_argument("--card", required=True, type=Path, metavar="CARD.json")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """CLI entry point; returns the process exit status."""
    args = build_parser().parse_args(argv)
    args.store = args.store or default_store_url()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        if args.command == "serve":
            config = RelayConfig(
                max_body_bytes=args.max_body_bytes,
                rate_per_second=args.rate,
                rate_burst=args.burst,
                max_pending_per_recipient=args.max_pending,
                max_pending_per_sender=args.max_pending_per_sender,
                retention_seconds=args.retention_days * DAY,
                header_timeout_seconds=args.header_timeout,
                body_timeout_seconds=args.body_timeout,
                max_connections_per_address=args.max_connections_per_address,
                max_connections=args.max_connections,
            )
            serve_workers(
                args.workers,
                args.host,
                args.port,
                args.store,
                config=config,
                tls_cert=args.tls_cert,
                tls_key=args.tls_key,
            )
        elif args.command == "register-device":
            register_device(args.store, args.agency, args.device, args.public_key)
        elif args.command == "register-agency":
            try:
                card = read_card(args.card)
            except OSError:
                sys.stderr.write("error: the card file cannot be read\n")
                return 1
            new = register_agency(args.store, card)
            state = "registered" if new else "was already registered"
            # Ids and fingerprint words only: public, and what the operator compares.
            sys.stdout.write(
                f"Agency {card.agency_id} {state}.\n"
                f"Fingerprint: {' '.join(fingerprint_words(card))}\n"
                "Compare these words with the agency's admin before its laptops go out.\n"
            )
        else:
            revoke_device(args.store, args.agency, args.device, never_enrolled=args.never_enrolled)
    except (IntakeError, ValueError) as exc:
        # Typed errors and id validation carry no secrets: safe to show.
        sys.stderr.write(f"error: {exc}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
