"""What every command shares: the data folder, reading a secret, unlocking, printing safely.

Passphrases come from a file (`--passphrase-file PATH`, `-` for standard input) or a prompt,
never from arguments, which other users of the machine can read in the process list. Every
failure a person can cause (a missing file, a folder where a file should be, a read-only or full
disk, a wrong passphrase) ends as one line on standard error, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from intake_app import errors

if TYPE_CHECKING:
    from intake_app.services.session import Session, Workspace
    from intake_app.storage.kdf import KdfParams

MAX_SECRET_BYTES = 4096


class FileProblem(errors.IntakeError):
    """A file or folder the command needs cannot be used (the path is the user's own input)."""

    code = "file_problem"
    template = "{path}: {problem}."
    plain = "That file cannot be used: {problem}."


def say(line: str = "") -> None:
    sys.stdout.write(line + "\n")


def shown(text: str) -> str:
    """`text` safe for a terminal: control and format characters escaped, never interpreted."""
    return "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text
    )


def add_auth(p: argparse.ArgumentParser) -> None:
    p.add_argument("--user", help="who is acting (asked if missing)")
    p.add_argument(
        "--passphrase-file", metavar="PATH", help="read the passphrase from PATH (- for stdin)"
    )


def add_kdf_overrides(p: argparse.ArgumentParser, *, hidden: bool = False) -> None:
    shown_help = argparse.SUPPRESS if hidden else "override the calibrated Argon2id memory"
    p.add_argument("--kdf-memory-mib", type=int, help=shown_help)
    p.add_argument("--kdf-iterations", type=int,
                   help=argparse.SUPPRESS if hidden else "override the calibrated Argon2id passes")


def read_secret(path: str | None, prompt: str) -> str:
    """The first line of `path` (a file, a FIFO, or `-` for standard input), or a prompt."""
    if path == "-":
        line = sys.stdin.readline()
        if not line:
            raise errors.InvalidInput(field="passphrase", reason="nothing on standard input")
        return line.rstrip("\r\n")
    if path:
        return _first_line(Path(path))
    if not sys.stdin.isatty():
        raise errors.InvalidInput(field="passphrase", reason="use --passphrase-file in scripts")
    return getpass.getpass(prompt)


def _first_line(path: Path) -> str:
    try:
        if stat.S_ISDIR(path.stat().st_mode):
            raise FileProblem(path=str(path), problem="is a folder, not a passphrase file")
        # Read, never stat the size: a FIFO (a shell's <(...)) reports 0 bytes before it is read.
        with path.open("rb") as fh:
            raw = fh.read(MAX_SECRET_BYTES + 1)
    except FileNotFoundError:
        raise FileProblem(path=str(path), problem="no such file") from None
    except PermissionError:
        raise FileProblem(path=str(path), problem="not allowed to read it") from None
    except OSError as exc:
        raise FileProblem(path=str(path), problem=exc.strerror or "cannot be read") from None
    if len(raw) > MAX_SECRET_BYTES:
        raise FileProblem(path=str(path), problem="too long for a passphrase file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise FileProblem(path=str(path), problem="is not UTF-8 text") from None
    return text.splitlines()[0] if text else ""


def read_input_file(path: str, limit: int) -> bytes:
    """An input file (a card, a profile, a bundle), at most `limit + 1` bytes, or a one-line
    error naming what is wrong with it."""
    p = Path(path)
    try:
        if stat.S_ISDIR(p.stat().st_mode):
            raise FileProblem(path=path, problem="is a folder, not a file")
        with p.open("rb") as fh:
            return fh.read(limit + 1)
    except FileNotFoundError:
        raise FileProblem(path=path, problem="no such file") from None
    except PermissionError:
        raise FileProblem(path=path, problem="not allowed to read it") from None
    except OSError as exc:
        raise FileProblem(path=path, problem=exc.strerror or "cannot be read") from None


def workspace(args: argparse.Namespace) -> Workspace:
    """The data folder named by --data-dir, refused in words if it cannot be one."""
    from intake_app.paths import DB_FILE, KEY_FILE
    from intake_app.services.session import Workspace

    folder = Path(args.data_dir)
    if folder.exists() and not folder.is_dir():
        raise FileProblem(path=str(folder), problem="is a file, not a data folder")
    for name in (KEY_FILE, DB_FILE):
        if (folder / name).is_dir():
            raise FileProblem(path=str(folder / name), problem="is a folder; it should be a file")
    return Workspace(folder)


def unlock_with(args: argparse.Namespace) -> tuple[Session, str]:
    """Unlock as --user; returns the session and the passphrase that opened it."""
    ws = workspace(args)
    if not ws.is_set_up():
        raise errors.KeyFileMissing(path=str(ws.key_path))
    user = args.user or input("User: ")
    passphrase = read_secret(args.passphrase_file, f"Passphrase for {shown(user)}: ")
    session = ws.unlock(user, passphrase)
    if session.new_recovery_code is not None:
        from intake_app.services.session import recovery_code_shown

        sys.stderr.write(
            "intake: the recovery code was replaced (after a user was removed) and has not been"
            " shown yet. New recovery code (write it down and keep it locked away; it is shown"
            f" only once):\n  {session.new_recovery_code}\n")
        session.new_recovery_code = None
        recovery_code_shown(session)
    state = session.policy_state
    if state is not None and state.problem is not None:  # kept, audited, and said once here
        sys.stderr.write(f"intake: {state.problem.message}\n")
    return session, passphrase


@contextlib.contextmanager
def unlocked(args: argparse.Namespace) -> Iterator[Session]:
    """The session for one command, closed however the command ends."""
    session, _passphrase = unlock_with(args)
    try:
        yield session
    finally:
        session.close()


def kdf_overrides(args: argparse.Namespace) -> KdfParams | None:
    from intake_app.storage.kdf import KdfParams

    memory = getattr(args, "kdf_memory_mib", None)
    iterations = getattr(args, "kdf_iterations", None)
    if memory or iterations:
        return KdfParams(time_cost=iterations or 3, memory_kib=(memory or 64) * 1024, lanes=1)
    return None


def os_problem(exc: OSError) -> str:
    """An operating-system failure in words: which file, what went wrong (no case data)."""
    where = exc.filename if isinstance(exc.filename, str) else ""
    what = exc.strerror or type(exc).__name__
    return f"{where}: {what}" if where else what
