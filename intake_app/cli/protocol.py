"""`intake protocol import FORM.xlsx [--out FILE.json]` and `intake protocol export ID --out FILE`.

Import reads an XLSForm, validates it as a protocol and writes the protocol JSON (or only says
it is valid); installing it into the database is a separate step. Export writes a shipped
protocol as an XLSForm to start a new one from. Neither opens the database, so neither asks
for a passphrase; a refusal is one line with the sheet, the row and the reason.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from intake_app.cli.common import read_input_file, say, shown
from intake_app.errors import NotFound


def cmd_import(args: argparse.Namespace) -> int:
    from intake_app.domain.protocol.xlsform import MAX_XLSFORM_BYTES, xlsform_to_protocol_json
    from intake_app.paths import atomic_write

    data = read_input_file(args.form, MAX_XLSFORM_BYTES)
    raw, protocol = xlsform_to_protocol_json(data, Path(args.form).name)
    summary = (f"protocol {protocol.id} version {protocol.version}: {len(protocol.sections)} "
               f"sections, {len(protocol.questions)} questions")
    if args.out is None:
        say(f"{shown(summary)} (valid; nothing written: give --out FILE.json to write it)")
        return 0
    text = json.dumps(raw, ensure_ascii=False, indent=2) + "\n"
    atomic_write(Path(args.out), text.encode("utf-8"))
    say(f"{shown(summary)} written to {shown(args.out)}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from intake_app.domain.protocol import load_shipped
    from intake_app.domain.protocol.xlsform import to_xlsform
    from intake_app.paths import atomic_write

    shipped = load_shipped()
    if args.id not in shipped:
        raise NotFound(kind="protocol", id=shown(args.id))
    atomic_write(Path(args.out), to_xlsform(shipped[args.id]))
    say(f"protocol {args.id} written to {shown(args.out)}")
    return 0


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("protocol", parents=[common], help="protocols written in a spreadsheet")
    verbs = p.add_subparsers(dest="verb", required=True)
    imp = verbs.add_parser("import", parents=[common],
                           help="check an XLSForm and write it as protocol JSON")
    imp.add_argument("form", metavar="FORM.xlsx")
    imp.add_argument("--out", metavar="FILE.json", help="where to write the protocol JSON")
    imp.set_defaults(func=cmd_import)
    exp = verbs.add_parser("export", parents=[common], help="write a protocol as an XLSForm")
    exp.add_argument("id", metavar="ID", help="a shipped protocol's id")
    exp.add_argument("--out", required=True, metavar="FORM.xlsx")
    exp.set_defaults(func=cmd_export)

