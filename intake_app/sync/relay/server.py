"""Running the relay: `serve(...)` under uvicorn, and the operator's commands.

Enrolment: the operator registers each AGENCY once from its public card
(``intake relay register-agency --store URL --card CARD.json``; compare the fingerprint words it
prints with the agency's admin, by phone or in person, as for a partner card). Each laptop then
enrols itself over HTTP with a device certificate signed by its agency (``POST /v1/devices``).
``revoke-device --agency --device`` refuses one laptop from then on, for good; its id cannot
enrol again. ``register-device`` (a device's raw public key, by hand) still works for relays
that do not use certificates.

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
import time
from collections.abc import Sequence
from pathlib import Path

from intake_app.errors import IntakeError
from intake_app.sync.keys import PublicCard, fingerprint_words, read_card
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
    rev.add_argument(
        "--never-enrolled",
        action="store_true",
        help="also when the device has not enrolled yet (lost before its first sync)",
    )

    agency = sub.add_parser(
        "register-agency", help="register an agency from its public card; its laptops enrol"
    )
    agency.add_argument("--store", required=True)
    agency.add_argument("--card", required=True, type=Path, metavar="CARD.json")
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
