"""`intake init`, `intake selftest`, `intake demo seed`."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from intake_app.cli.common import add_auth, add_kdf_overrides, kdf_overrides, say, shown, unlocked
from intake_app.cli.common import workspace as open_workspace

ROLES = ("advocate", "officer", "supervisor", "admin")


def cmd_init(args: argparse.Namespace) -> int:
    from intake_app.cli.common import read_secret
    from intake_app.domain.case import Role

    ws = open_workspace(args)
    passphrase = read_secret(args.passphrase_file, f"New passphrase for {shown(args.user)}: ")
    session, recovery = ws.set_up(args.user, passphrase, Role(args.role), kdf=kdf_overrides(args))
    session.close()
    say(f"Set up {ws.data_dir} with user {shown(args.user)}.")
    say("Recovery code (write it down and keep it locked away; it is shown only once):")
    say(f"  {recovery}")
    return 0


def cmd_demo_seed(args: argparse.Namespace) -> int:
    from intake_app.services import demo

    with unlocked(args) as s:

        def progress(done: int, total: int) -> None:
            sys.stderr.write(f"\rseeding demo cases: {done}/{total}")
            sys.stderr.flush()

        n = demo.seed(s, args.cases, progress=progress)
    say(f"\nAdded {n} DEMO cases (synthetic data, marked as demo).")
    return 0


def cmd_selftest(args: argparse.Namespace) -> int:
    from intake_app.storage.selftest import run_selftest

    say(run_selftest(Path(tempfile.gettempdir())))
    if args.screens is not None:
        # Every screen, both languages, from a throw-away folder of synthetic data: an installer
        # is checked for what it left out (a Qt plugin, a translation, a module) on the laptop.
        from intake_app.ui.screenshots import main as render_screens

        out = Path(args.screens)
        render_screens(["intake", str(out)])
        say(f"screens ok: {len(list(out.glob('*.png')))} rendered to {shown(str(out))}")
    return 0


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", parents=[common], help="set up this data folder with its first user")
    p.add_argument("--user", required=True)
    p.add_argument("--role", default="advocate", choices=ROLES)
    p.add_argument("--passphrase-file", metavar="PATH")
    add_kdf_overrides(p)
    p.set_defaults(func=cmd_init)

    demo = sub.add_parser("demo", parents=[common], help="synthetic demo data").add_subparsers(
        dest="demo_command", required=True
    )
    p = demo.add_parser("seed", parents=[common], help="add synthetic demo cases")
    p.add_argument("--cases", type=int, default=50)
    add_auth(p)
    p.set_defaults(func=cmd_demo_seed)

    p = sub.add_parser("selftest", parents=[common], help="check encryption on this machine and exit")
    p.add_argument("--screens", metavar="DIR",
                   help="also set up a throw-away folder, unlock it and draw every screen into DIR")
    p.set_defaults(func=cmd_selftest)
