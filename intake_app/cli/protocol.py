"""`intake protocol install FILE.json | list`: the interview protocols installed on this laptop.

Each subcommand is its own function and its own `add_*` registration, so other protocol
commands (an XLSForm import) join the same group without touching these. Output names
protocols, versions and sources only.
"""

from __future__ import annotations

import argparse
from typing import Any

from intake_app.cli.common import add_auth, read_input_file, say, shown, unlocked


def cmd_protocol_install(args: argparse.Namespace) -> int:
    from pathlib import Path

    from intake_app.domain.protocol.loading import MAX_PROTOCOL_BYTES
    from intake_app.services import protocols

    data = read_input_file(args.path, MAX_PROTOCOL_BYTES)
    with unlocked(args) as s:
        protocol, new = protocols.install(s, data, name=Path(args.path).name)
        starts = protocols.current(s, protocol.id).version
    what = f"{protocol.id} version {protocol.version}"
    if not new:
        say(f"{what} is already installed here; nothing changed")
        return 0
    say(f"installed {what} from {shown(args.path)}")
    if starts != protocol.version:
        say(f"New interviews keep version {starts}, the one the agency's profile names, until a"
            " new profile is signed.")
    say("Sign a new profile with it enabled (intake admin profile) to use it on every laptop of"
        " the agency: the profile carries it.")
    return 0


def cmd_protocol_list(args: argparse.Namespace) -> int:
    from intake_app.services import protocols

    with unlocked(args) as s:
        rows = protocols.listing(s)
        registry = protocols.installed(s)
        for e in rows:
            starts = registry[e.protocol.id].version == e.protocol.version
            mark = "  (new interviews)" if starts else ""
            say(f"{e.protocol.id}  {e.protocol.version}  {e.source}  {e.sha256[:12]}{mark}")
    return 0


def add_install(group: Any, common: argparse.ArgumentParser) -> None:
    p = group.add_parser("install", parents=[common],
                         help="install a protocol file (JSON) on this laptop (administrators)")
    p.add_argument("path", metavar="FILE.json")
    add_auth(p)
    p.set_defaults(func=cmd_protocol_install)


def add_list(group: Any, common: argparse.ArgumentParser) -> None:
    p = group.add_parser("list", parents=[common],
                         help="every installed protocol version, and which one new interviews use")
    add_auth(p)
    p.set_defaults(func=cmd_protocol_list)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    group = sub.add_parser(
        "protocol", parents=[common], help="the interview protocols installed on this laptop"
    ).add_subparsers(dest="protocol_command", required=True)
    add_install(group, common)
    add_list(group, common)
