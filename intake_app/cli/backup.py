"""`intake backup create --to DIR`, `intake backup verify FILE`, `intake backup restore FILE`:
an encrypted copy of this laptop's data, checked and restored only when it is whole.
`intake backup schedule --to DIR --every HOURS --keep N` (or `--off`) and `intake backup
status`: the automatic backup the app makes while it is unlocked (services/backup_schedule.py).

verify and restore open the backup with its own key file: `--user` and `--passphrase-file` of
an administrator or supervisor it holds, or `--recovery-code-file` (`-` for standard input).
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from intake_app.cli.common import add_auth, read_secret, say, shown, unlocked, workspace

if TYPE_CHECKING:
    from intake_app.services.backup import BackupReport


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty() and total:
        sys.stderr.write(f"\r  copying the database: {100 * done // total}%")
        if done >= total:
            sys.stderr.write("\n")


def _secret(args: argparse.Namespace) -> tuple[str | None, str]:
    if args.recovery_code_file:
        return None, read_secret(args.recovery_code_file, "Recovery code: ")
    user = args.user or input("User: ")
    return user, read_secret(args.passphrase_file, f"Passphrase for {shown(user)}: ")


def _report(report: BackupReport) -> None:
    counts = report.counts
    say(f"Backup of {report.created_at} (schema {report.schema_version}): {counts['cases']} cases,"
        f" {counts['interviews']} interviews, {counts['answers']} answers, {counts['notes']} notes,"
        f" {counts['consents']} consents, {counts['users']} users, {report.audit_entries} audit"
        " entries")
    for problem in report.problems:
        say(f"  problem: {shown(problem)}")
    say("Every page is authentic, the audit chain is intact and the counts match."
        if report.ok else "This backup is NOT whole; do not rely on it.")


def cmd_create(args: argparse.Namespace) -> int:
    from intake_app.services.backup_schedule import back_up_now

    with unlocked(args) as s:
        report = back_up_now(s, Path(args.to), _progress, make_folder=True)
    say(f"Backup written: {report.path}")
    _report(report)
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from intake_app.services.backup import check_backup

    user, secret = _secret(args)
    report = check_backup(Path(args.file), user, secret)
    _report(report)
    return 0 if report.ok else 1


def cmd_restore(args: argparse.Namespace) -> int:
    from intake_app.services.backup import restore_backup

    user, secret = _secret(args)
    restored = restore_backup(workspace(args).data_dir, Path(args.file), user, secret)
    _report(restored.report)
    say(f"Restored into {workspace(args).data_dir}.")
    if restored.set_aside is not None:
        say(f"The data folder it replaced is kept, unchanged, at {restored.set_aside}")
    return 0


def _when(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def cmd_schedule(args: argparse.Namespace) -> int:
    from intake_app.services import backup_schedule

    with unlocked(args) as s:
        if args.off:
            backup_schedule.clear_schedule(s)
            say("Automatic backup turned off. Backups already made are kept.")
            return 0
        plan = backup_schedule.set_schedule(s, Path(args.to), args.every, args.keep)
    say(f"Automatic backup to {plan.folder} every {plan.every_hours} h while the app is"
        f" unlocked, keeping the {plan.keep} newest.")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from intake_app.services import backup_schedule

    with unlocked(args) as s:
        state = backup_schedule.status(s)
    last, plan = state.last, state.schedule
    if last is None:
        say("Last backup: none yet.")
    elif last.ok:
        say(f"Last backup: {_when(last.at)}, to {last.folder}.")
    else:
        good = f"; last good one {_when(last.good_at)}" if last.good_at is not None else ""
        say(f"Last backup: FAILED {_when(last.at)} ({last.code}), to {last.folder}{good}.")
    if plan is None or state.next_due is None:
        say("Automatic backup: off.")
    else:
        say(f"Automatic backup: to {plan.folder} every {plan.every_hours} h, keeping"
            f" {plan.keep}.")
        say("Next due: now." if state.due else f"Next due: {_when(state.next_due)}.")
    return 0


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("backup", parents=[common], help="encrypted backup: create, verify, restore")
    cmds = p.add_subparsers(dest="backup_command", required=True)
    create = cmds.add_parser("create", parents=[common], help="write an encrypted backup file")
    add_auth(create)
    create.add_argument("--to", required=True, metavar="DIR", help="folder to write it in")
    create.set_defaults(func=cmd_create)
    sched = cmds.add_parser("schedule", parents=[common],
                            help="set or turn off the automatic backup (administrators)")
    add_auth(sched)
    what = sched.add_mutually_exclusive_group(required=True)
    what.add_argument("--to", metavar="DIR", help="folder for the automatic backups")
    what.add_argument("--off", action="store_true", help="turn the automatic backup off")
    sched.add_argument("--every", type=int, default=24, metavar="HOURS",
                       help="hours between backups (default 24)")
    sched.add_argument("--keep", type=int, default=7, metavar="N",
                       help="how many automatic backups to keep (default 7)")
    sched.set_defaults(func=cmd_schedule)
    state = cmds.add_parser("status", parents=[common], help="the last backup and the next one due")
    add_auth(state)
    state.set_defaults(func=cmd_status)
    for name, func, text in (
        ("verify", cmd_verify, "open and check a backup without touching live data"),
        ("restore", cmd_restore, "replace this data folder with a checked backup"),
    ):
        c = cmds.add_parser(name, parents=[common], help=text)
        c.add_argument("file", help="the .fibackup file")
        add_auth(c)
        c.add_argument("--recovery-code-file", metavar="PATH",
                       help="open it with the recovery code read from PATH (- for stdin)")
        c.set_defaults(func=func)
