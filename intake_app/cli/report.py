"""`intake report --period 2026Q3 [--kind grant] --format xlsx --out FILE`: a report for a period.

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


def cmd_report(args: argparse.Namespace) -> int:
    from intake_app.domain.reporting.periods import parse_period
    from intake_app.services import reports

    period = parse_period(args.period)
    out = Path(args.out)
    with unlocked(args) as s:
        report = reports.export_report(s, period, args.kind, args.format, out, args.language)
    hidden = sum(t.hidden_count for t in report.tables)
    say(f"{args.kind} report for {report.period.label} written to {shown(str(out))}"
        f" ({len(report.tables)} tables, {hidden} cells hidden under {report.threshold})")
    return 0


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("report", parents=[common],
                       help="a report without names for a period (supervisors, admins)")
    p.add_argument("--period", required=True, help="2026Q3, 2026-07, 2026 or 2026-07-01..2026-09-30")
    p.add_argument("--kind", choices=KINDS, default="grant", help="which report (default: grant)")
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    p.add_argument("--language", choices=("en", "es"), default="en")
    add_auth(p)
    p.set_defaults(func=cmd_report)
