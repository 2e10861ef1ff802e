"""`intake consent never-share add|remove|list` and `intake consent do-not-contact add|remove|list`:
the person's two lists for one case (by its case code), for scripts. `intake consent receipt CODE
--out FILE.pdf [--language es]`: the person's disclosure receipt, printable.

Names of people not to contact are read from a file or standard input (`--names-file PATH`,
`-` for stdin; one a line), never from arguments: other users of the machine can read the
process list. Who may change which list is decided in services.consents.
"""

from __future__ import annotations

import argparse
from typing import Any

from intake_app import errors
from intake_app.cli.common import add_auth, read_input_file, say, shown, unlocked

MAX_NAMES_BYTES = 64 * 1024


def _names(path: str) -> list[str]:
    import sys

    raw = sys.stdin.buffer.read(MAX_NAMES_BYTES + 1) if path == "-" else read_input_file(
        path, MAX_NAMES_BYTES)
    if len(raw) > MAX_NAMES_BYTES:
        raise errors.InvalidInput(field="names file", reason="too long")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise errors.InvalidInput(field="names file", reason="not UTF-8 text") from None
    names = [line.strip() for line in text.splitlines() if line.strip()]
    if not names:
        raise errors.InvalidInput(field="names file", reason="holds no name")
    return names


def cmd_never_share(args: argparse.Namespace) -> int:
    from intake_app.services import cases, consents

    with unlocked(args) as s:
        case_id = cases.find_by_code(s, args.case).id
        if args.action == "add":
            consents.add_never_share(s, case_id, args.agency)
        elif args.action == "remove":
            consents.remove_never_share(s, case_id, args.agency)
        listed = sorted(consents.case_never_share(s, case_id))
    for agency_id in listed:
        say(shown(agency_id))
    say(f"{len(listed)} agencies never to share with")
    return 0


def cmd_do_not_contact(args: argparse.Namespace) -> int:
    from intake_app.services import cases, consents

    if args.action == "add" and args.names_file is None:
        raise errors.InvalidInput(field="names", reason="give --names-file PATH (- for stdin)")
    if args.names_file == "-" and args.passphrase_file == "-":  # noqa: S105 - a path, not a secret
        raise errors.InvalidInput(field="names", reason="standard input cannot hold both")
    if args.action == "remove" and args.entry is None:
        raise errors.InvalidInput(field="entry", reason="give --entry ID (from the list)")
    names = _names(args.names_file) if args.action == "add" else []
    with unlocked(args) as s:
        case_id = cases.find_by_code(s, args.case).id
        for name in names:
            consents.add_do_not_contact(s, case_id, name, args.relation)
        if args.action == "remove":
            consents.remove_do_not_contact(s, case_id, args.entry)
        listed = consents.case_do_not_contact(s, case_id)
    if args.action == "list":
        for entry, name, relation in listed:
            say(f"{entry}\t{relation}\t{shown(name)}")
    say(f"{len(listed)} people not to contact or tell")
    return 0


def cmd_receipt(args: argparse.Namespace) -> int:
    from pathlib import Path

    from intake_app.services import cases, receipt
    from intake_app.ui.receipt_pdf import save_from_command_line

    out = Path(args.out)
    if not out.parent.is_dir():  # before the passphrase: a typing slip costs no unlock
        raise errors.InvalidInput(field="--out", reason="its folder does not exist")
    with unlocked(args) as s:
        made = receipt.disclosure_receipt(s, cases.find_by_code(s, args.case).id, args.language)
    save_from_command_line(made, out)
    say(f"receipt ({made.language}, {len(made.entries)} agreements) written to {shown(str(out))}"
        " (not encrypted: hand it over, then delete it)")
    return 0


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    from intake_app.services.consents import RELATIONS

    p = sub.add_parser("consent", parents=[common], help="a case's never-share and do-not-contact lists")
    groups = p.add_subparsers(dest="consent_command", required=True)
    never = groups.add_parser("never-share", parents=[common],
                              help="agencies that must never receive anything about the case")
    never.add_argument("action", choices=("add", "remove", "list"))
    never.add_argument("--case", required=True, metavar="CODE", help="the case code")
    never.add_argument("--agency", metavar="ID", default="", help="the partner agency's id")
    add_auth(never)
    never.set_defaults(func=cmd_never_share)
    people = groups.add_parser("do-not-contact", parents=[common],
                               help="people not to contact or tell (they cannot consent)")
    people.add_argument("action", choices=("add", "remove", "list"))
    people.add_argument("--case", required=True, metavar="CODE", help="the case code")
    people.add_argument("--names-file", metavar="PATH", help="names to add, one a line (- = stdin)")
    people.add_argument("--relation", choices=RELATIONS, default="other")
    people.add_argument("--entry", type=int, metavar="ID", help="the entry to remove (see list)")
    add_auth(people)
    people.set_defaults(func=cmd_do_not_contact)
    paper = groups.add_parser("receipt", parents=[common],
                              help="a printable receipt for the person: what was shared, how to"
                                   " withdraw")
    paper.add_argument("case", metavar="CODE", help="the case code")
    paper.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    paper.add_argument("--language", choices=("en", "es"), default=None,
                       help="default: the person's language")
    add_auth(paper)
    paper.set_defaults(func=cmd_receipt)
