"""The `intake` command: no arguments starts the app; subcommands for admins and scripts.

One module per command group (setup, users, agency, admin, sync, report, consent, cases,
backup, protocol), each a thin
front-end over one service function per use case, like the GUI. common.py holds what they share.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from intake_app import __version__, errors
from intake_app.paths import default_data_dir

if TYPE_CHECKING:
    import argparse


def build_parser() -> argparse.ArgumentParser:
    import argparse

    from intake_app.cli import (
        admin,
        agency,
        backup,
        cases,
        consent,
        protocol,
        report,
        setup,
        sync,
        users,
    )

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
    parser.set_defaults(func=start_app)
    sub = parser.add_subparsers(dest="command")
    for group in (setup, users, agency, admin, sync, report, consent, cases, backup, protocol):
        group.register(sub, common)
    return parser


def _install_baked_profile(command: str | None, data_dir: Path) -> None:
    """An installer built with a profile applies it at start (newer ones only, same agency)."""
    from intake_app.paths import resource

    # The exists() check first: importing the profile module costs ~0.1 s before first paint.
    if command != "selftest" and resource("profile.json").exists():
        from intake_app.admin.profile import install_baked_profile

        install_baked_profile(data_dir)


def _app_only(argv: list[str]) -> Path | None:
    """The data folder when `argv` only starts the app (`intake [--data-dir DIR]`, the usual
    case), else None.

    Read without argparse: building the full parser imports every command group, and argparse
    itself loads gettext, locale and shutil (~30 ms together before the unlock screen could
    paint). Anything else (a command, --help, --version, a misspelling) takes the full parser."""
    if not argv:
        given = None
    elif len(argv) == 2 and argv[0] == "--data-dir" and not argv[1].startswith("-"):
        given = argv[1]
    elif len(argv) == 1 and argv[0].startswith("--data-dir=") and argv[0] != "--data-dir=":
        given = argv[0].removeprefix("--data-dir=")
    else:
        return None
    return Path(given or os.environ.get("INTAKE_DATA_DIR") or default_data_dir())


def start_app(args: argparse.Namespace) -> int:
    """`intake` without a command: the desktop app."""
    from intake_app.ui.app import run

    return run(Path(args.data_dir))


def main(argv: Sequence[str] | None = None) -> int:
    from intake_app.hardening import harden_process

    harden_process()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["relay"]:
        # The relay is its own deployable with its own parser (and its own --help).
        from intake_app.sync.relay.server import main as relay_main

        return relay_main(argv[1:])
    app_dir = _app_only(argv)
    if app_dir is not None:
        from intake_app.ui.app import run

        return _guarded(None, app_dir, lambda: run(app_dir))
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    return _guarded(args.command, Path(args.data_dir), lambda: func(args))


def _guarded(command: str | None, data_dir: Path, call: Callable[[], int]) -> int:
    """Run a command: a problem a person can cause is one line on standard error, never a
    traceback."""
    try:
        _install_baked_profile(command, data_dir)
        return call()
    except errors.IntakeError as exc:
        sys.stderr.write(f"intake: {exc.message}\n")
        return 2
    except OSError as exc:  # a read-only folder, a full disk: the file and the reason, no data
        from intake_app.cli.common import os_problem

        sys.stderr.write(f"intake: {os_problem(exc)}\n")
        return 2
    except KeyboardInterrupt:
        return 130
