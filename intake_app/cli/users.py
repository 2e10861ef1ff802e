"""`intake user add|passwd|list|remove`, `intake rekey`, `intake audit verify`, `intake check`."""

from __future__ import annotations

import argparse
from typing import Any

from intake_app.cli.common import add_auth, read_secret, say, shown, unlock_with, unlocked
from intake_app.cli.setup import ROLES


def cmd_user_add(args: argparse.Namespace) -> int:
    from intake_app.domain.case import Role
    from intake_app.services import session as svc

    with unlocked(args) as s:
        new = read_secret(args.new_passphrase_file, f"New passphrase for {shown(args.name)}: ")
        svc.add_user(s, args.name, new, Role(args.role))
    say(f"Added user {shown(args.name)}.")
    return 0


def cmd_user_passwd(args: argparse.Namespace) -> int:
    from intake_app.services import session as svc

    s, current = unlock_with(args)
    try:
        new = read_secret(args.new_passphrase_file,
                          f"New passphrase for {shown(s.user.username)}: ")
        svc.change_passphrase(s, current, new)
    finally:
        s.close()
    say("Passphrase changed.")
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    from intake_app.services import session as svc

    with unlocked(args) as s:
        for u in svc.list_users(s):
            say(f"{shown(u.username)}\t{u.role.value}\t{u.created_at[:10]}")
    return 0


def cmd_user_remove(args: argparse.Namespace) -> int:
    from intake_app.services import session as svc

    with unlocked(args) as s:
        removed = svc.remove_user(s, args.name)
        say(f"Removed user {shown(args.name)}; the data key was rotated.")
        _say_recovery(removed.new_recovery_code)
        svc.recovery_code_shown(s)
    return 0


def _say_recovery(code: str) -> None:
    say("The recovery code was replaced (the old one may have been seen). New recovery code")
    say("(write it down and keep it locked away; it is shown only once):")
    say(f"  {code}")


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from intake_app.services import checks

    with unlocked(args) as s:
        span = checks.audit_span(s)
    say(f"Audit chain intact: {span.entries} entries, from {span.first_at} to {span.last_at}.")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Exit 0 when the data is whole, 1 with each problem in words when it is not."""
    from intake_app.services import checks

    with unlocked(args) as s:
        report = checks.check_data(s)
    if report.page_problems:
        say("The encrypted database is damaged: some pages fail SQLCipher's or SQLite's checks.")
        for problem in report.page_problems[:20]:
            say(f"  {problem}")
        say("Restore the data folder from a backup; keep this copy until the restore is checked.")
    else:
        say(f"Database pages: every page is authentic and the structure is sound "
            f"(schema {report.schema_version}).")
    if report.audit_problem is not None:
        say(f"Audit log: {report.audit_problem.message}")
    elif report.audit is not None:
        say(f"Audit log: intact, {report.audit.entries} entries, from {report.audit.first_at} "
            f"to {report.audit.last_at}.")
    return 0 if report.ok else 1


def cmd_rekey(args: argparse.Namespace) -> int:
    from intake_app.services import session as svc

    with unlocked(args) as s:
        svc.rekey(s)
    say("Data key rotated; every user and the recovery code still unlock.")
    return 0


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    user = sub.add_parser("user", parents=[common], help="manage users").add_subparsers(
        dest="user_command", required=True
    )
    p = user.add_parser("add", parents=[common], help="add a user (administrators)")
    p.add_argument("name")
    p.add_argument("--role", default="advocate", choices=ROLES)
    p.add_argument("--new-passphrase-file", metavar="PATH")
    add_auth(p)
    p.set_defaults(func=cmd_user_add)
    p = user.add_parser("passwd", parents=[common], help="change your passphrase")
    p.add_argument("--new-passphrase-file", metavar="PATH")
    add_auth(p)
    p.set_defaults(func=cmd_user_passwd)
    p = user.add_parser("list", parents=[common], help="list users (administrators)")
    add_auth(p)
    p.set_defaults(func=cmd_user_list)
    p = user.add_parser("remove", parents=[common], help="remove a user (administrators)")
    p.add_argument("name")
    add_auth(p)
    p.set_defaults(func=cmd_user_remove)

    audit = sub.add_parser("audit", parents=[common], help="audit log").add_subparsers(
        dest="audit_command", required=True
    )
    p = audit.add_parser("verify", parents=[common], help="prove the audit chain unbroken")
    add_auth(p)
    p.set_defaults(func=cmd_audit_verify)

    p = sub.add_parser("check", parents=[common],
                       help="check the database pages and the audit chain (admin, supervisor)")
    add_auth(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("rekey", parents=[common], help="rotate the data key (administrators)")
    add_auth(p)
    p.set_defaults(func=cmd_rekey)
