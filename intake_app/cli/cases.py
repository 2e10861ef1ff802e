"""`intake case list` and `intake case show CODE --fields [--reveal]`: check a caseload (after a
restore or a sync round) without opening the app. Lists never carry a name; `--reveal` is one
audited reveal, like the case view's. `intake case due` lists the cases the agency's retention
policy says are due for deletion; `intake case delete-due --yes` deletes them (supervisors and
administrators; services/retention.py). `intake case htcds CODE --to AGENCY --purpose PURPOSE
--format json|csv --out FILE`: the case as an HTCDS record, only what a share to that agency for
that purpose would carry (services/htcds_export.py; docs/htcds-mapping.md)."""

from __future__ import annotations

import argparse
from typing import Any

from intake_app.cli.common import add_auth, say, shown, unlocked


def cmd_list(args: argparse.Namespace) -> int:
    from intake_app.domain.case import CaseStatus
    from intake_app.services import cases

    status = CaseStatus(args.status) if args.status else None
    with unlocked(args) as s:
        rows = cases.browse(s, status=status, limit=args.limit)
        total = cases.count_cases(s)
    for row in rows:
        say(f"{row.code}\t{row.status.value}\t{row.updated_at}\t{row.interview_count} interviews")
    say(f"{len(rows)} of {total} cases shown")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from intake_app.services import cases

    with unlocked(args) as s:
        record = cases.case_record(s, args.code, reveal=args.reveal)
    row = record.summary
    say(f"code\t{row.code}")
    say(f"status\t{row.status.value}")
    say(f"created\t{row.created_at}")
    say(f"last activity\t{row.updated_at}")
    say(f"counts\t{record.interviews} interviews, {record.answers} answers, "
        f"{record.notes} notes, {record.consents} consents")
    if args.fields or args.reveal:
        for name in record.filled:
            value = "(hidden; --reveal shows it)" if record.revealed is None else shown(
                record.revealed[name])
            say(f"{name}\t{value}")
        if not record.filled:
            say("no identifying field is filled")
    return 0


def cmd_due(args: argparse.Namespace) -> int:
    from intake_app.services import retention

    with unlocked(args) as s:
        due = retention.cases_due_for_deletion(s)
    for d in due:
        say(f"{d.code}\t{d.status.value}\tsince {d.since.isoformat()}\t{d.days_overdue} days overdue")
    say(f"{len(due)} cases due for deletion")
    return 0


def cmd_delete_due(args: argparse.Namespace) -> int:
    from intake_app.services import retention

    with unlocked(args) as s:
        due = retention.cases_due_for_deletion(s)
        if not due:
            say("no case is due for deletion")
            return 0
        if not args.yes:
            for d in due:
                say(f"{d.code}\t{d.status.value}\t{d.days_overdue} days overdue")
            say(f"{len(due)} cases would be deleted for good. Run again with --yes to delete them.")
            return 1
        result = retention.delete_due_cases(s, [d.code for d in due])
    for code in result.deleted:
        say(f"{code}\tdeleted")
    for code, why in result.refused.items():
        say(f"{code}\tkept: {why.value.replace('_', ' ')}")
    say(f"{len(result.deleted)} cases deleted; the database was compacted")
    return 0


def cmd_htcds(args: argparse.Namespace) -> int:
    from pathlib import Path

    from intake_app import errors
    from intake_app.paths import atomic_write
    from intake_app.services import cases, htcds_export

    out = Path(args.out)
    if not out.parent.is_dir():  # before the passphrase: a typing slip costs no unlock
        raise errors.InvalidInput(field="--out", reason="its folder does not exist")
    with unlocked(args) as s:
        case_id = cases.find_by_code(s, args.code).id
        data = htcds_export.export_case(s, case_id, args.to, args.purpose, args.purpose_text,
                                        fmt=args.format)
    atomic_write(out, data)
    say(f"HTCDS {args.format} record written to {shown(str(out))}"
        " (not encrypted: hand it over, then delete it)")
    return 0


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    from intake_app.domain.case import CaseStatus

    p = sub.add_parser("case", parents=[common], help="list or check cases (never names in lists)")
    cmds = p.add_subparsers(dest="case_command", required=True)
    listing = cmds.add_parser("list", parents=[common], help="codes, status, last activity")
    add_auth(listing)
    listing.add_argument("--status", choices=[s.value for s in CaseStatus])
    listing.add_argument("--limit", type=int, default=200, help="at most this many (newest first)")
    listing.set_defaults(func=cmd_list)
    show = cmds.add_parser("show", parents=[common], help="one case by its code")
    add_auth(show)
    show.add_argument("code", help="the case code, e.g. K7QM-2XPD")
    show.add_argument("--fields", action="store_true", help="list which fields are filled")
    show.add_argument("--reveal", action="store_true",
                      help="show the filled fields with their values (audited as a reveal)")
    show.set_defaults(func=cmd_show)
    due = cmds.add_parser("due", parents=[common],
                          help="cases the retention policy says are due for deletion")
    add_auth(due)
    due.set_defaults(func=cmd_due)
    delete = cmds.add_parser("delete-due", parents=[common],
                             help="delete the cases due for deletion (cannot be undone)")
    add_auth(delete)
    delete.add_argument("--yes", action="store_true", help="delete them: without it, only list")
    delete.set_defaults(func=cmd_delete_due)
    _register_htcds(cmds, common)


def _register_htcds(cmds: Any, common: argparse.ArgumentParser) -> None:
    from intake_app.domain.consent import Purpose

    htcds = cmds.add_parser("htcds", parents=[common],
                            help="the case as an HTCDS record: only what a share would carry")
    add_auth(htcds)
    htcds.add_argument("code", help="the case code, e.g. K7QM-2XPD")
    htcds.add_argument("--to", required=True, metavar="AGENCY", help="the partner agency's id")
    htcds.add_argument("--purpose", required=True, choices=[p.value for p in Purpose])
    htcds.add_argument("--purpose-text", metavar="WORDS",
                       help="for --purpose other: the purpose in the consent's words")
    htcds.add_argument("--format", choices=("json", "csv"), required=True)
    htcds.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    htcds.set_defaults(func=cmd_htcds)
