"""Running the relay: `serve(...)` under uvicorn, and the admin commands to enrol or revoke devices.

``intake relay serve --store sqlite:///var/lib/intake/relay.db --host 127.0.0.1 --port 8443``
(or ``python -m intake_app.sync.relay.server serve ...``). Put TLS in front (a reverse proxy) or
pass ``--tls-cert/--tls-key``. uvicorn's access log is off: paths carry envelope ids and agency
ids, which is routing metadata an operator's log does not need.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import logging
import sys
from collections.abc import Sequence

from intake_app.errors import IntakeError
from intake_app.sync.relay.app import DAY, RelayApp, RelayConfig
from intake_app.sync.relay.store import open_store

log = logging.getLogger(__name__)


def serve(
    host: str,
    port: int,
    store_url: str,
    *,
    config: RelayConfig | None = None,
    tls_cert: str | None = None,
    tls_key: str | None = None,
) -> None:
    """Run the relay until interrupted (SIGINT/SIGTERM); blocks."""
    import uvicorn

    store = open_store(store_url)
    try:
        app = RelayApp(store, config)
        uvicorn.run(
            app,
            host=host,
            port=port,
            access_log=False,
            log_level="warning",
            lifespan="on",
            server_header=False,
            ssl_certfile=tls_cert,
            ssl_keyfile=tls_key,
        )
    finally:
        store.close()


def register_device(store_url: str, agency_id: str, device_id: str, public_key: bytes) -> None:
    """Enrol a device (raw 32-byte Ed25519 public key) at the relay's store."""
    store = open_store(store_url)
    try:
        store.register_device(agency_id, device_id, public_key)
    finally:
        store.close()


def revoke_device(store_url: str, agency_id: str, device_id: str) -> None:
    """Revoke a device: from now on the relay refuses its requests (403)."""
    store = open_store(store_url)
    try:
        store.revoke_device(agency_id, device_id)
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
    run.add_argument("--store", required=True, help="sqlite:///path.db or postgresql://...")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8443)
    run.add_argument("--retention-days", type=int, default=30)
    run.add_argument("--max-body-bytes", type=int, default=defaults.max_body_bytes)
    run.add_argument("--rate", type=float, default=defaults.rate_per_second)
    run.add_argument("--burst", type=int, default=defaults.rate_burst)
    run.add_argument("--max-pending", type=int, default=defaults.max_pending_per_recipient)
    run.add_argument("--tls-cert")
    run.add_argument("--tls-key")

    reg = sub.add_parser("register-device", help="enrol a device's public key")
    rev = sub.add_parser("revoke-device", help="refuse a device from now on")
    for p in (reg, rev):
        p.add_argument("--store", required=True)
        p.add_argument("--agency", required=True)
        p.add_argument("--device", required=True)
    reg.add_argument("--public-key", required=True, type=_public_key)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """CLI entry point; returns the process exit status."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        if args.command == "serve":
            config = RelayConfig(
                max_body_bytes=args.max_body_bytes,
                rate_per_second=args.rate,
                rate_burst=args.burst,
                max_pending_per_recipient=args.max_pending,
                retention_seconds=args.retention_days * DAY,
            )
            serve(
                args.host,
                args.port,
                args.store,
                config=config,
                tls_cert=args.tls_cert,
                tls_key=args.tls_key,
            )
        elif args.command == "register-device":
            register_device(args.store, args.agency, args.device, args.public_key)
        else:
            revoke_device(args.store, args.agency, args.device)
    except (IntakeError, ValueError) as exc:
        # Typed errors and id validation carry no secrets: safe to show.
        sys.stderr.write(f"error: {exc}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
