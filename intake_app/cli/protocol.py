"""`intake protocol import FORM.xlsx [--out FILE.json] [--install]`, `intake protocol export ID
--out FILE`, `intake protocol install FILE.json` and `intake protocol list`.

Import reads an XLSForm, validates it as a protocol and writes the protocol JSON (or only says
it is valid); with `--install` it installs it too (administrators: services/protocol_import.py,
the same call as the admin screen's Protocols tab). `install` takes any protocol JSON; `list`
shows every installed version. Export writes a shipped protocol as an XLSForm to start a new one
from. Import without --install and export do not open the database, so neither asks for a
passphrase; a refusal is one line with the sheet, the row and the reason. Output names
protocols, versions and sources only.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from intake_app.cli.common import add_auth, read_input_file, say, shown, unlocked
from intake_app.errors import NotFound


def cmd_import(args: argparse.Namespace) -> int:
    from intake_app.domain.protocol.xlsform import MAX_XLSFORM_BYTES, xlsform_to_protocol_json
    from intake_app.paths import atomic_write

    data = read_input_file(args.form, MAX_XLSFORM_BYTES)
    # Checked before any passphrase is asked: a refused form never needs the database.
    raw, protocol = xlsform_to_protocol_json(data, Path(args.form).name)
    summary = (f"protocol {protocol.id} version {protocol.version}: {len(protocol.sections)} "
               f"sections, {len(protocol.questions)} questions")
    if args.out is not None:
        text = json.dumps(raw, ensure_ascii=False, indent=2) + "\n"
        atomic_write(Path(args.out), text.encode("utf-8"))
        say(f"{shown(summary)} written to {shown(args.out)}")
    if args.install:
        return _import_and_install(args, data)
    if args.out is None:
        say(f"{shown(summary)} (valid; nothing written: give --out FILE.json to write it, or"
            " --install to install it)")
    return 0


def _import_and_install(args: argparse.Namespace, data: bytes) -> int:
    from intake_app.services import protocol_import, protocols

    with unlocked(args) as s:
        done = protocol_import.import_form(s, data, Path(args.form).name)
        starts = protocols.current(s, done.check.protocol.id).version
    return _said_installed(done.check.protocol.id, done.check.protocol.version, done.new,
                           starts, shown(args.form))


def _said_installed(pid: str, version: str, new: bool, starts: str, source: str) -> int:
    what = f"{pid} version {version}"
    if not new:
        say(f"{what} is already installed here; nothing changed")
        return 0
    say(f"installed {what} from {source}")
    if starts != version:
        say(f"New interviews keep version {starts}, the one the agency's profile names, until a"
            " new profile is signed.")
    say("Sign a new profile with it enabled (intake admin profile) to use it on every laptop of"
        " the agency: the profile carries it.")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from intake_app.domain.protocol.xlsform import to_xlsform
    from intake_app.paths import atomic_write
    from intake_app.services.protocols import shipped as shipped_protocols

    shipped = shipped_protocols()
    if args.id not in shipped:
        raise NotFound(kind="protocol", id=shown(args.id))
    atomic_write(Path(args.out), to_xlsform(shipped[args.id]))
    say(f"protocol {args.id} written to {shown(args.out)}")
    return 0


def cmd_protocol_install(args: argparse.Namespace) -> int:
    from pathlib import Path

    from intake_app.domain.protocol.loading import MAX_PROTOCOL_BYTES
    from intake_app.services import protocols

    data = read_input_file(args.path, MAX_PROTOCOL_BYTES)
    with unlocked(args) as s:
        protocol, new = protocols.install(s, data, name=Path(args.path).name)
        starts = protocols.current(s, protocol.id).version
    return _said_installed(protocol.id, protocol.version, new, starts, shown(args.path))


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
    p = sub.add_parser("protocol", parents=[common],
                       help="interview protocols: from a spreadsheet, installed on this laptop")
    verbs = p.add_subparsers(dest="verb", required=True)
    imp = verbs.add_parser("import", parents=[common],
                           help="check an XLSForm, write it as protocol JSON, or install it")
    imp.add_argument("form", metavar="FORM.xlsx")
    imp.add_argument("--out", metavar="FILE.json", help="where to write the protocol JSON")
    imp.add_argument("--install", action="store_true",
                     help="install it on this laptop too (administrators)")
    add_auth(imp)
    imp.set_defaults(func=cmd_import)
    exp = verbs.add_parser("export", parents=[common], help="write a protocol as an XLSForm")
    exp.add_argument("id", metavar="ID", help="a shipped protocol's id")
    exp.add_argument("--out", required=True, metavar="FORM.xlsx")
    exp.set_defaults(func=cmd_export)
    add_install(verbs, common)
    add_list(verbs, common)

