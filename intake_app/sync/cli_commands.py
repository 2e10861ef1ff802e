# ruff: noqa: T201  (a command line prints; like intake_app/cli.py)
"""`intake agency ...`, `intake partner ...`, `intake sync`, `intake relay ...` (handed to the relay's own parser).

`register(subparsers, common_parent)` adds them to the `intake` parser; each handler unlocks
the data folder (`intake_app.cli._unlock`) and closes it again. Output holds ids, names of
agencies, fingerprint words and counts; never case data.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from intake_app import errors


def _auth(p: argparse.ArgumentParser) -> None:
    p.add_argument("--user", help="who is acting (asked if missing)")
    p.add_argument(
        "--passphrase-file", metavar="PATH", help="read the passphrase from PATH (- for stdin)"
    )


def _session(args: argparse.Namespace) -> Any:
    from intake_app.cli import _unlock

    return _unlock(args)


# --- agency ----------------------------------------------------------------------------------
def cmd_agency_init(args: argparse.Namespace) -> int:
    from intake_app.services import agency
    from intake_app.sync.keys import fingerprint_words

    contact = {
        "name": args.contact_name,
        "phone": args.contact_phone or "",
        "email": args.contact_email or "",
    }
    s = _session(args)
    try:
        identity = agency.init_agency(s, args.name, args.kind, [contact])
        device = agency.device_key(s)
    finally:
        s.close()
    print(f"Agency {identity.agency_id} created ({identity.kind.value}).")
    print(f"Fingerprint: {' '.join(fingerprint_words(identity.card))}")
    if device is not None:
        print(f"Device {device.device_id} created and certified by the agency.")
    print(
        "Relay: export the card (intake agency card --out CARD.json) and have the relay operator"
        " run `intake relay register-agency --store URL --card CARD.json` once; each laptop then"
        " enrols itself on its first sync."
    )
    return 0


def cmd_agency_card(args: argparse.Namespace) -> int:
    from intake_app.services import agency
    from intake_app.sync.keys import fingerprint_words, write_card

    s = _session(args)
    try:
        identity = agency.require_identity(s)
    finally:
        s.close()
    write_card(identity.card, Path(args.out))
    print(f"Wrote the public card of {identity.agency_id} to {args.out}.")
    print(f"Fingerprint: {' '.join(fingerprint_words(identity.card))}")
    return 0


def cmd_agency_revoke_device(args: argparse.Namespace) -> int:
    """Sign the agency's revocation of a (lost) laptop and hand it to the relay."""
    from intake_app.services import agency

    s = _session(args)
    try:
        revocation = agency.device_revocation(s, args.device)
        transport = agency.relay_transport(s, args.relay)
        try:
            transport.revoke_device(revocation.to_json())
        finally:
            transport.close()
    finally:
        s.close()
    print(f"Device {args.device} of agency {revocation.agency_id} is revoked at the relay.")
    return 0


# --- partners --------------------------------------------------------------------------------
def cmd_partner_import(args: argparse.Namespace) -> int:
    from intake_app.services import agency
    from intake_app.sync.keys import MAX_CARD_BYTES

    with Path(args.card).open("rb") as fh:
        data = fh.read(MAX_CARD_BYTES + 1)
    s = _session(args)
    try:
        partner = agency.import_partner(s, data)
    finally:
        s.close()
    print(f"Imported {partner.agency_id} ({partner.kind.value}): {partner.name}")
    print(f"Fingerprint: {' '.join(partner.fingerprint_words)}")
    print("Compare these words with the partner's contact by phone or in person, then run:")
    print(f"  intake partner confirm {partner.agency_id}")
    return 0


def _resolve_partner(s: Any, given: str) -> str:
    from intake_app.services import agency

    matches = [p.agency_id for p in agency.list_partners(s) if p.agency_id.startswith(given)]
    if len(given) < 6 or len(matches) != 1:
        raise errors.NotFound(kind="partner", id=given)
    return matches[0]


def cmd_partner_confirm(args: argparse.Namespace) -> int:
    from intake_app.services import agency, sharing

    s = _session(args)
    try:
        partner = agency.confirm_partner(s, _resolve_partner(s, args.id))
        # Envelopes that arrived before the confirmation were quarantined: retry them now.
        retried = sharing.reprocess_quarantine(s)
    finally:
        s.close()
    print(f"Partner {partner.agency_id} confirmed: shares and envelopes to and from it now work.")
    if retried.accepted or retried.requarantined:
        print(
            f"Quarantined envelopes retried: {retried.accepted} accepted,"
            f" {retried.requarantined} refused for another reason."
        )
    return 0


def cmd_partner_list(args: argparse.Namespace) -> int:
    from intake_app.services import agency

    s = _session(args)
    try:
        partners = agency.list_partners(s)
    finally:
        s.close()
    for p in partners:
        state = "confirmed" if p.confirmed else "NOT CONFIRMED"
        print(f"{p.agency_id}\t{p.kind.value}\t{state}\t{p.name}\t{' '.join(p.fingerprint_words)}")
    return 0


# --- sync ------------------------------------------------------------------------------------
def cmd_sync(args: argparse.Namespace) -> int:
    from intake_app.services import agency, sharing
    from intake_app.sync.engine import SyncEngine
    from intake_app.sync.transport import FolderDropTransport, HttpRelayTransport, Transport

    s = _session(args)
    try:
        identity = agency.require_identity(s)
        transport: Transport
        if args.folder:
            transport = FolderDropTransport(Path(args.folder), identity.agency_id)
        else:
            relay: HttpRelayTransport = agency.relay_transport(s, args.relay)
            transport = relay
        try:
            report = SyncEngine(sharing.SessionMailbox(s)).run_once(transport)
        finally:
            transport.close()
    finally:
        s.close()
    print(
        f"delivered {report.delivered + report.already_delivered}, failed {report.failed},"
        f" received {report.received} (accepted {report.accepted}, quarantined"
        f" {report.quarantined}, repeats {report.duplicates}), pending {report.pending_after}"
    )
    if report.stopped:
        print(
            f"intake: the {transport.name} refused this device ({report.stopped}).", file=sys.stderr
        )
        return 3
    if report.offline:
        print(
            f"intake: the {transport.name} is unreachable; envelopes stay queued.", file=sys.stderr
        )
        return 4
    return 0


# --- relay -----------------------------------------------------------------------------------
def cmd_relay(args: argparse.Namespace) -> int:
    """`intake relay serve|register-agency|register-device|revoke-device ...`: the relay's own
    command line."""
    from intake_app.sync.relay.server import main

    return main(args.relay_args)


def register(subparsers: Any, common_parent: argparse.ArgumentParser) -> None:
    """Add the agency, partner, sync and relay commands to the `intake` parser."""
    common = [common_parent]
    ag = subparsers.add_parser("agency", parents=common, help="this agency's identity")
    ag_sub = ag.add_subparsers(dest="agency_command", required=True)
    p = ag_sub.add_parser("init", parents=common, help="create this agency's keys")
    p.add_argument("--name", required=True)
    p.add_argument(
        "--kind",
        required=True,
        choices=["law_enforcement", "service_provider", "prosecutor", "other"],
    )
    p.add_argument("--contact-name", required=True, help="a point of contact's name")
    p.add_argument("--contact-phone")
    p.add_argument("--contact-email")
    _auth(p)
    p.set_defaults(func=cmd_agency_init)
    p = ag_sub.add_parser("card", parents=common, help="export this agency's public card")
    p.add_argument("--out", required=True, metavar="PATH")
    _auth(p)
    p.set_defaults(func=cmd_agency_card)
    p = ag_sub.add_parser(
        "revoke-device", parents=common, help="revoke a lost laptop of this agency at the relay"
    )
    p.add_argument("device", metavar="DEVICE_ID")
    p.add_argument("--relay", required=True, metavar="URL")
    _auth(p)
    p.set_defaults(func=cmd_agency_revoke_device)

    pa = subparsers.add_parser("partner", parents=common, help="partner agencies")
    pa_sub = pa.add_subparsers(dest="partner_command", required=True)
    p = pa_sub.add_parser("import", parents=common, help="import a partner's public card")
    p.add_argument("card", metavar="CARD")
    _auth(p)
    p.set_defaults(func=cmd_partner_import)
    p = pa_sub.add_parser("confirm", parents=common, help="confirm a partner's fingerprint")
    p.add_argument("id", metavar="ID")
    _auth(p)
    p.set_defaults(func=cmd_partner_confirm)
    p = pa_sub.add_parser("list", parents=common, help="list partners")
    _auth(p)
    p.set_defaults(func=cmd_partner_list)

    p = subparsers.add_parser("sync", parents=common, help="one round of delivery and fetching")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--relay", metavar="URL")
    where.add_argument("--folder", metavar="DIR")
    _auth(p)
    p.set_defaults(func=cmd_sync)

    # The relay is a separate deployable with its own parser; `intake relay ...` hands over.
    re_ = subparsers.add_parser(
        "relay", add_help=False, help="run or administer a relay (serve, register-agency, ...)"
    )
    re_.add_argument("relay_args", nargs=argparse.REMAINDER)
    re_.set_defaults(func=cmd_relay)
