"""`intake sync --relay URL | --folder DIR` and `intake relay ...` (the relay's own parser)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from intake_app.cli.common import add_auth, say, unlocked


def cmd_sync(args: argparse.Namespace) -> int:
    from intake_app.services import sync_rounds

    with unlocked(args) as s:
        if args.folder:
            report, name = sync_rounds.folder_round(s, Path(args.folder))
        else:
            report, name = sync_rounds.relay_round(s, args.relay)
    say(f"delivered {report.delivered + report.already_delivered}, failed {report.failed},"
        f" received {report.received} (accepted {report.accepted}, quarantined"
        f" {report.quarantined}, repeats {report.duplicates}), pending {report.pending_after}")
    if report.stopped:
        sys.stderr.write(f"intake: the {name} refused this device ({report.stopped}).\n")
        return 3
    if report.offline:
        sys.stderr.write(f"intake: the {name} is unreachable; envelopes stay queued.\n")
        return 4
    return 0


def cmd_relay(args: argparse.Namespace) -> int:
    """`intake relay serve|register-agency|register-device|revoke-device ...`."""
    from intake_app.sync.relay.server import main

    return main(args.relay_args)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("sync", parents=[common], help="one round of delivery and fetching")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--relay", metavar="URL")
    where.add_argument("--folder", metavar="DIR")
    add_auth(p)
    p.set_defaults(func=cmd_sync)
    # The relay is a separate deployable with its own parser; `intake relay ...` hands over.
    p = sub.add_parser("relay", add_help=False,
                       help="run or administer a relay (serve, register-agency, ...)")
    p.add_argument("relay_args", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_relay)
