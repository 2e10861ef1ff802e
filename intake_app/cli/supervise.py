"""`intake supervise`: the supervisor's overview on the terminal (supervisors, administrators):
open cases by status, consents ending within 14 days, follow-ups overdue, interviews left
unfinished. Case codes, dates and kind words only, as on the screen (services/supervision.py)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from intake_app.cli.common import add_auth, say, unlocked


def _section(title: str, count: int, lines: Sequence[str]) -> None:
    say(f"{title}: {count}")
    for line in lines:
        say(f"  {line}")
    if count > len(lines):
        say(f"  (the {len(lines)} most urgent of {count})")


def cmd_supervise(args: argparse.Namespace) -> int:
    from intake_app.domain.supervision import EXPIRY_WINDOW_DAYS, FOLLOW_UP_DAYS
    from intake_app.services import supervision

    with unlocked(args) as s:
        ov = supervision.overview(s)
    say(f"Open cases: {ov.open_cases}")
    for status, n in ov.cases_by_status:
        say(f"  {status.value}\t{n}")
    _section(f"Consents ending in the next {EXPIRY_WINDOW_DAYS} days", ov.expiring_count,
             [f"{e.code}\t{e.purpose.value}\tends {e.expires_on.isoformat()}"
              f"\t{e.days_left} days left" for e in ov.expiring])
    _section(f"Follow-ups overdue (referrals pending over {FOLLOW_UP_DAYS} days)",
             ov.overdue_count,
             [f"{o.code}\t{o.category.value} to {o.sent_to.value}\tmade {o.made_on.isoformat()}"
              f"\t{o.days_waiting} days waiting" for o in ov.overdue])
    _section("Interviews left unfinished", ov.unfinished_count,
             [f"{u.code}\t{u.state.value}\tstarted {u.started_on.isoformat()}"
              f"\tlast activity {u.last_activity_on.isoformat()}" for u in ov.unfinished])
    return 0


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("supervise", parents=[common],
                       help="what needs attention, by case code (supervisors, admins)")
    add_auth(p)
    p.set_defaults(func=cmd_supervise)
