"""`intake backup create --to DIR`, `intake backup verify FILE`, `intake backup restore FILE`:
an encrypted copy of this laptop's data, checked and restored only when it is whole.

verify and restore open the backup with its own key file: `--user` and `--passphrase-file` of
an administrator or supervisor it holds, or `--recovery-code-file` (`-` for standard input).
"""

from __future__ import annotations

import argparse
import sys
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
    from intake_app.services.backup import create_backup

    with unlocked(args) as s:
        report = create_backup(s, Path(args.to), _progress)
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


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("backup", parents=[common], help="encrypted backup: create, verify, restore")
    cmds = p.add_subparsers(dest="backup_command", required=True)
    create = cmds.add_parser("create", parents=[common], help="write an encrypted backup file")
    add_auth(create)
    create.add_argument("--to", required=True, metavar="DIR", help="folder to write it in")
    create.set_defaults(func=cmd_create)
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
