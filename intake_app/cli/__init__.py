"""The `intake` command: no arguments starts the app; subcommands for admins and scripts.

One module per command group (setup, users, agency, admin, sync, report), each a thin front-end
over one service function per use case, like the GUI. common.py holds what they share.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from intake_app import __version__, errors
from intake_app.paths import default_data_dir


def build_parser() -> argparse.ArgumentParser:
    from intake_app.cli import admin, agency, report, setup, sync, users

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
    parser.set_defaults(func=setup.cmd_gui)
    sub = parser.add_subparsers(dest="command")
    for group in (setup, users, agency, admin, sync, report):
        group.register(sub, common)
    return parser


def _install_baked_profile(args: argparse.Namespace) -> None:
    """An installer built with a profile applies it at start (newer ones only, same agency)."""
    from intake_app.paths import resource

    # The exists() check first: importing the profile module costs ~0.1 s before first paint.
    if args.command != "selftest" and resource("profile.json").exists():
        from intake_app.admin.profile import install_baked_profile

        install_baked_profile(Path(args.data_dir))


def main(argv: Sequence[str] | None = None) -> int:
    from intake_app.cli.common import os_problem
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
        sys.stderr.write(f"intake: {exc.message}\n")
        return 2
    except OSError as exc:  # a read-only folder, a full disk: the file and the reason, no data
        sys.stderr.write(f"intake: {os_problem(exc)}\n")
        return 2
    except KeyboardInterrupt:
        return 130
