"""`intake report`: reports for a period, and across the task force.

    intake report --period 2026Q3 [--kind grant] --format xlsx --out FILE
    intake report send --period 2026Q3 --to AGENCY          # to the coordinating partner
    intake report combined --period 2026Q3 [--kind task_force] --format csv --out FILE

The period and format are checked before the passphrase is asked, so a typing slip costs one
line and no unlock. PDF is the app's (it needs Qt, which the command line does not load).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from intake_app.cli.common import add_auth, say, shown, unlocked

FORMATS = ("csv", "xlsx")
KINDS = ("grant", "task_force", "consents")
PERIOD_HELP = "2026Q3, 2026-07, 2026 or 2026-07-01..2026-09-30"


def cmd_report(args: argparse.Namespace) -> int:
    from intake_app.domain.reporting.periods import parse_period
    from intake_app.services import reports

    missing = [flag for flag, value in (("--period", args.period), ("--format", args.format),
                                        ("--out", args.out)) if value is None]
    if missing:
        args.report_parser.error(f"the following arguments are required: {', '.join(missing)}")
    period = parse_period(args.period)
    out = Path(args.out)
    with unlocked(args) as s:
        report = reports.export_report(s, period, args.kind, args.format, out, args.language)
    hidden = sum(t.hidden_count for t in report.tables)
    say(f"{args.kind} report for {report.period.label} written to {shown(str(out))}"
        f" ({len(report.tables)} tables, {hidden} cells hidden under {report.threshold})")
    return 0


def cmd_send(args: argparse.Namespace) -> int:
    from intake_app.domain.reporting.periods import parse_period
    from intake_app.services import aggregates

    period = parse_period(args.period)
    with unlocked(args) as s:
        sent = aggregates.send_aggregate(s, period, args.to)
    say(f"{sent.reports} reports for {sent.period} (counts only, {sent.hidden} cells hidden)"
        f" queued for {shown(sent.recipient_name)}; they leave at the next `intake sync`")
    return 0


def cmd_combined(args: argparse.Namespace) -> int:
    from intake_app.domain.reporting.periods import parse_period
    from intake_app.services import aggregates

    period = parse_period(args.period)
    out = Path(args.out)
    with unlocked(args) as s:
        report = aggregates.export_combined(s, period, args.kind, args.format, out,
                                            args.language, include_own=not args.without_own)
    say(f"{args.kind} report for {report.period.label}, combined from {report.combined_from}"
        f" agencies, written to {shown(str(out))}")
    return 0


def _output(p: argparse.ArgumentParser, *, required: bool, kind: str) -> None:
    p.add_argument("--kind", choices=KINDS, default=kind, help=f"which report (default: {kind})")
    p.add_argument("--format", choices=FORMATS, required=required)
    p.add_argument("--out", required=required, metavar="FILE", help="the file to write")
    p.add_argument("--language", choices=("en", "es"), default="en")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("report", parents=[common],
                       help="a report without names for a period (supervisors, admins)")
    # Not required here: `report send` and `report combined` take their own (cmd_report checks).
    p.add_argument("--period", help=PERIOD_HELP)
    _output(p, required=False, kind="grant")
    add_auth(p)
    p.set_defaults(func=cmd_report, report_parser=p)
    groups = p.add_subparsers(dest="report_command", metavar="{send,combined}")
    send = groups.add_parser("send", parents=[common],
                             help="send this agency's counts for a period to a partner agency")
    send.add_argument("--period", required=True, help=PERIOD_HELP)
    send.add_argument("--to", required=True, metavar="AGENCY",
                      help="the partner's agency id (or its first 6 characters or more)")
    add_auth(send)
    send.set_defaults(func=cmd_send)
    both = groups.add_parser("combined", parents=[common],
                             help="partners' counts for a period combined with this agency's")
    both.add_argument("--period", required=True, help=PERIOD_HELP)
    _output(both, required=True, kind="task_force")
    both.add_argument("--without-own", action="store_true",
                      help="partners' counts only, without this agency's own")
    add_auth(both)
    both.set_defaults(func=cmd_combined)
