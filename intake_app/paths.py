"""Where files live, and the one way to write a private file or make a private folder."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

# tempfile and platformdirs are imported where used: every start of the app imports this module
# before the unlock screen paints, and most starts need neither (~5 ms).

APP_NAME = "FieldIntake"
KEY_FILE = "keys.json"
DB_FILE = "intake.db"


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resource_dir() -> Path:
    """The resources/ folder, from source or from a PyInstaller bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) readable by the owner only."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):  # e.g. FAT USB sticks have no modes
        path.chmod(0o700)
    return path


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` with mode 0600: temp file, fsync, rename, fsync the folder."""
    folder = path.parent
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        if hasattr(os, "fchmod"):  # POSIX; on Windows the per-user profile folder is private
            os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()
        raise
    if os.name == "posix":  # a folder cannot be opened for fsync on Windows
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
