"""One lock for the data folder: whoever changes the key file or the database's key holds it.

Two Field Intakes on one data folder (the app and `intake user passwd`, two CLI commands, two
threads of one process) must never both write the key file, or a stale copy written back last
destroys every way in. So every key-file or data-key change runs inside `write_lock(folder)`,
from re-reading the key file to the database step it records; attempts queue on the lock, and a
command line waits `CLI_WAIT_SECONDS` before saying another Field Intake is busy.

The desktop app also holds `instance_lock(folder)` for as long as it runs: one window per data
folder (a second copy says so and stops), since two windows would each cache what they showed.

Locks are operating-system file locks (flock on Linux and macOS, a byte-range lock on Windows;
the write lock through the `filelock` library): the kernel releases them when a process dies, so
a crash or a `kill -9` never leaves the folder locked. The lock files hold nothing.

The instance lock is taken before the lock screen is painted, so it uses the OS call directly:
importing `filelock` costs about 20 ms, which the write lock pays later, off the start-up path.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from intake_app.errors import IntakeError

if TYPE_CHECKING:
    from filelock import FileLock

WRITE_LOCK = ".write.lock"
INSTANCE_LOCK = ".instance.lock"
CLI_WAIT_SECONDS = 10.0
APP_WAIT_SECONDS = 30.0  # the app's own worker: long operations (a rekey) may be under way


class FolderBusy(IntakeError):
    code = "folder_busy"
    template = (
        "Another Field Intake is changing this laptop's keys right now. Nothing was changed; "
        "try again in a moment."
    )


class AlreadyOpen(IntakeError):
    code = "already_open"
    template = "Field Intake is already open for this data folder. Switch to that window."


def _lock(folder: Path, name: str) -> FileLock:
    from filelock import FileLock

    # One object per path and thread (is_singleton, thread_local): re-entrant in the thread
    # that holds it, a wait for every other thread and process.
    return FileLock(folder / name, is_singleton=True, thread_local=True,
                    fallback_to_soft=False, mode=0o600)


@contextlib.contextmanager
def write_lock(folder: Path, wait: float = CLI_WAIT_SECONDS) -> Iterator[None]:
    """Hold the folder's write lock for the block; FolderBusy after `wait` seconds."""
    if not folder.is_dir():
        yield  # nothing to protect yet: the folder is created under the lock by set-up
        return
    from filelock import Timeout

    lock = _lock(folder, WRITE_LOCK)
    try:
        lock.acquire(timeout=wait)
    except Timeout:
        raise FolderBusy() from None
    try:
        yield
    finally:
        lock.release()


class InstanceLock:
    """This process's hold on a data folder's instance lock (released by `release` or at exit)."""

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if sys.platform == "win32":  # Windows asks for the unlock before the close
            import msvcrt

            with contextlib.suppress(OSError):
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        os.close(fd)  # on Linux and macOS, closing the descriptor drops the lock


def _try_lock(fd: int) -> bool:
    """An exclusive lock on `fd` now, or False if another holds one (any process, this one too:
    the lock belongs to the open file, so a second open in this process is refused as well)."""
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def instance_lock(folder: Path) -> InstanceLock:
    """Take the folder's instance lock for this process, or AlreadyOpen if another holds it."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(folder / INSTANCE_LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    if not _try_lock(fd):
        os.close(fd)
        raise AlreadyOpen()
    return InstanceLock(fd)
