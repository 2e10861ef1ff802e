"""The `intake` command: no arguments starts the app; subcommands for admins and scripts.

Passphrases come from a file (`--passphrase-file PATH`, `-` for stdin) or a prompt, never from
arguments, which other users of the machine can read in the process list.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from intake_app import __version__, errors
from intake_app.paths import default_data_dir

if TYPE_CHECKING:
    from intake_app.services.session import Session, Workspace
    from intake_app.storage.keyvault import KdfParams


def _read_secret(path: str | None, prompt: str) -> str:
    if path == "-":
        line = sys.stdin.readline()
        if not line:
            raise errors.InvalidInput(field="passphrase", reason="nothing on standard input")
        return line.rstrip("\r\n")
    if path:
        return (
            Path(path).read_text(encoding="utf-8").splitlines()[0]
            if Path(path).stat().st_size
            else ""
        )
    if not sys.stdin.isatty():
        raise errors.InvalidInput(field="passphrase", reason="use --passphrase-file in scripts")
    return getpass.getpass(prompt)


def _workspace(args: argparse.Namespace) -> Workspace:
    from intake_app.services.session import Workspace

    return Workspace(Path(args.data_dir))


def _unlock_with(args: argparse.Namespace) -> tuple[Session, str]:
    """Unlock as --user; returns the session and the passphrase that opened it."""
    ws = _workspace(args)
    if not ws.is_set_up():
        raise errors.KeyFileMissing(path=str(ws.key_path))
    user = args.user or input("User: ")
    passphrase = _read_secret(args.passphrase_file, f"Passphrase for {user}: ")
    return ws.unlock(user, passphrase), passphrase


def _unlock(args: argparse.Namespace) -> Session:
    return _unlock_with(args)[0]


@contextlib.contextmanager
def unlocked(args: argparse.Namespace) -> Iterator[Session]:
    """The session for one command, closed however the command ends."""
    session = _unlock(args)
    try:
        yield session
    finally:
        session.close()


def _kdf(args: argparse.Namespace) -> KdfParams | None:
    from intake_app.storage.keyvault import KdfParams

    if args.kdf_memory_mib or args.kdf_iterations:
        return KdfParams(
            time_cost=args.kdf_iterations or 3,
            memory_kib=(args.kdf_memory_mib or 64) * 1024,
            lanes=1,
        )
    return None


# --- commands --------------------------------------------------------------------------------
def cmd_gui(args: argparse.Namespace) -> int:
    from intake_app.ui.app import run

    return run(Path(args.data_dir))


def cmd_init(args: argparse.Namespace) -> int:
    from intake_app.domain.case import Role

    ws = _workspace(args)
    passphrase = _read_secret(args.passphrase_file, f"New passphrase for {args.user}: ")
    session, recovery = ws.set_up(args.user, passphrase, Role(args.role), kdf=_kdf(args))
    session.close()
    print(f"Set up {ws.data_dir} with user {args.user}.")
    print("Recovery code (write it down and keep it locked away; it is shown only once):")
    print(f"  {recovery}")
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    from intake_app.domain.case import Role
    from intake_app.services import session as svc

    with unlocked(args) as s:
        new = _read_secret(args.new_passphrase_file, f"New passphrase for {args.name}: ")
        svc.add_user(s, args.name, new, Role(args.role))
    print(f"Added user {args.name}.")
    return 0


def cmd_user_passwd(args: argparse.Namespace) -> int:
    from intake_app.services import session as svc

    s, current = _unlock_with(args)
    try:
        new = _read_secret(args.new_passphrase_file, f"New passphrase for {s.user.username}: ")
        svc.change_passphrase(s, current, new)
    finally:
        s.close()
    print("Passphrase changed.")
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    from intake_app.services import session as svc

    with unlocked(args) as s:
        for u in svc.list_users(s):
            print(f"{u.username}\t{u.role.value}\t{u.created_at[:10]}")
    return 0


def cmd_user_remove(args: argparse.Namespace) -> int:
    from intake_app.services import session as svc

    with unlocked(args) as s:
        svc.remove_user(s, args.name)
    print(f"Removed user {args.name}.")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from intake_app.services import session as svc

    with unlocked(args) as s:
        n = svc.verify_audit(s)
    print(f"Audit chain intact: {n} entries.")
    return 0


def cmd_rekey(args: argparse.Namespace) -> int:
    from intake_app.services import session as svc

    with unlocked(args) as s:
        svc.rekey(s)
    print("Data key rotated; every user and the recovery code still unlock.")
    return 0


def cmd_demo_seed(args: argparse.Namespace) -> int:
    from intake_app.services import demo

    with unlocked(args) as s:

        def progress(done: int, total: int) -> None:
            print(f"\rseeding demo cases: {done}/{total}", end="", file=sys.stderr, flush=True)

        n = demo.seed(s, args.cases, progress=progress)
    print(f"\nAdded {n} DEMO cases (synthetic data, marked as demo).")
    return 0


def cmd_selftest(args: argparse.Namespace) -> int:  # noqa: ARG001 - uniform command signature
    from intake_app.storage.selftest import run_selftest

    print(run_selftest(Path(tempfile.gettempdir())))
    return 0


# --- parser ----------------------------------------------------------------------------------
def _auth(p: argparse.ArgumentParser) -> None:
    p.add_argument("--user", help="who is acting (asked if missing)")
    p.add_argument(
        "--passphrase-file", metavar="PATH", help="read the passphrase from PATH (- for stdin)"
    )


def build_parser() -> argparse.ArgumentParser:
    # --data-dir is accepted before or after the command name.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help="data folder")
    parser = argparse.ArgumentParser(prog="intake", description="Field Intake")
    parser.add_argument("--version", action="version", version=f"intake {__version__}")
    parser.add_argument(
        "--data-dir",
        default=os.environ.get("INTAKE_DATA_DIR") or str(default_data_dir()),
        help="data folder (default: the platform's user data folder)",
    )
    parser.set_defaults(func=cmd_gui)
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("init", parents=[common], help="set up this data folder with its first user")
    p.add_argument("--user", required=True)
    p.add_argument(
        "--role", default="advocate", choices=["advocate", "officer", "supervisor", "admin"]
    )
    p.add_argument("--passphrase-file", metavar="PATH")
    p.add_argument("--kdf-memory-mib", type=int, help="override the calibrated Argon2id memory")
    p.add_argument("--kdf-iterations", type=int, help="override the calibrated Argon2id passes")
    p.set_defaults(func=cmd_init)

    user = sub.add_parser("user", parents=[common], help="manage users").add_subparsers(
        dest="user_command", required=True
    )
    p = user.add_parser("add", parents=[common], help="add a user")
    p.add_argument("name")
    p.add_argument(
        "--role", default="advocate", choices=["advocate", "officer", "supervisor", "admin"]
    )
    p.add_argument("--new-passphrase-file", metavar="PATH")
    _auth(p)
    p.set_defaults(func=cmd_user_add)
    p = user.add_parser("passwd", parents=[common], help="change your passphrase")
    p.add_argument("--new-passphrase-file", metavar="PATH")
    _auth(p)
    p.set_defaults(func=cmd_user_passwd)
    p = user.add_parser("list", parents=[common], help="list users")
    _auth(p)
    p.set_defaults(func=cmd_user_list)
    p = user.add_parser("remove", parents=[common], help="remove a user")
    p.add_argument("name")
    _auth(p)
    p.set_defaults(func=cmd_user_remove)

    audit = sub.add_parser("audit", parents=[common], help="audit log").add_subparsers(
        dest="audit_command", required=True
    )
    p = audit.add_parser("verify", parents=[common], help="prove the audit chain unbroken")
    _auth(p)
    p.set_defaults(func=cmd_audit_verify)

    p = sub.add_parser("rekey", parents=[common], help="rotate the database's data key")
    _auth(p)
    p.set_defaults(func=cmd_rekey)

    demo = sub.add_parser("demo", parents=[common], help="synthetic demo data").add_subparsers(
        dest="demo_command", required=True
    )
    p = demo.add_parser("seed", parents=[common], help="add synthetic demo cases")
    p.add_argument("--cases", type=int, default=50)
    _auth(p)
    p.set_defaults(func=cmd_demo_seed)

    p = sub.add_parser(
        "selftest", parents=[common], help="check encryption on this machine and exit"
    )
    p.set_defaults(func=cmd_selftest)
    from intake_app.admin import cli_commands as admin_commands
    from intake_app.sync import cli_commands as sync_commands

    sync_commands.register(sub, common)
    admin_commands.register(sub, common)
    return parser


def _install_baked_profile(args: argparse.Namespace) -> None:
    """An installer built with a profile applies it at start (newer ones only, same agency)."""
    from intake_app.paths import resource

    # The exists() check first: importing the profile module costs ~0.1 s before first paint.
    if args.command != "selftest" and resource("profile.json").exists():
        from intake_app.admin.profile import install_baked_profile

        install_baked_profile(Path(args.data_dir))


def main(argv: Sequence[str] | None = None) -> int:
    from intake_app.hardening import harden_process

    harden_process()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["relay"]:
        # The relay is its own deployable with its own parser (and its own --help).
        from intake_app.sync.relay.server import main as relay_main

        return relay_main(argv[1:])
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        _install_baked_profile(args)
        return func(args)
    except errors.IntakeError as exc:
        print(f"intake: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
