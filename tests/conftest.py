"""Shared fixtures: real data folders with real SQLCipher files; cheap KDF parameters."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from intake_app.domain.case import Role
from intake_app.services.session import Session, Workspace
from intake_app.storage.kdf import KdfParams
from tests import xserver
from tests.xserver import XServer

os.environ.setdefault("LANG", "C.UTF-8")

settings.register_profile("default", deadline=None)
settings.load_profile("default")

PASSPHRASE = "correct horse battery staple"
TESTS = Path(__file__).resolve().parent
# Folders whose tests run in a real window (Xvfb + openbox, Qt's xcb platform).
REAL_WINDOW_FOLDERS = (TESTS / "ui", TESTS / "journeys")
# INTAKE_TEST_DISPLAY: "xvfb" (a private X server with a window manager, the default whenever the
# run includes one of those folders), or "offscreen" for a quick look without a window system.
DISPLAY_MODE = "INTAKE_TEST_DISPLAY"
_X_SERVER: list[XServer] = []  # the run's X server, when it has one


def _wants_real_window(config: pytest.Config) -> bool:
    mode = os.environ.get(DISPLAY_MODE, "auto")
    if mode in ("xvfb", "offscreen"):
        return mode == "xvfb"
    for arg in config.args or [str(TESTS)]:
        path = Path(config.invocation_params.dir, arg.split("::")[0]).resolve()
        for folder in REAL_WINDOW_FOLDERS:
            if path.is_relative_to(folder) or folder.is_relative_to(path):
                return True
    return False


def pytest_configure(config: pytest.Config) -> None:
    """Before any QApplication exists: the platform is chosen once per process."""
    if not _wants_real_window(config):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        return
    if not xserver.available():
        raise pytest.UsageError(
            f"the UI tests run in a real window: install {', '.join(xserver.NEEDED)} "
            f"(scripts/bootstrap.sh does), or set {DISPLAY_MODE}=offscreen")
    server = XServer(1280, 720).start()  # the smallest field laptop's screen
    _X_SERVER.append(server)
    os.environ.update(server.env(os.environ))


def pytest_unconfigure(config: pytest.Config) -> None:
    while _X_SERVER:
        _X_SERVER.pop().stop()


def pytest_report_header(config: pytest.Config) -> str:
    for server in _X_SERVER:
        return f"real window: Xvfb {server.display} {server.width}x{server.height} + openbox"
    return f"Qt platform: {os.environ.get('QT_QPA_PLATFORM')}"


def real_window() -> bool:
    """Is this run in a real X server with a window manager?"""
    return bool(_X_SERVER)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return Workspace(tmp_path / "data")


@pytest.fixture
def session_and_code(workspace: Workspace) -> Iterator[tuple[Session, str]]:
    session, recovery = workspace.set_up(
        "ana", PASSPHRASE, Role.ADVOCATE, kdf=KdfParams.for_tests()
    )
    yield session, recovery
    session.close()


@pytest.fixture
def session(session_and_code: tuple[Session, str]) -> Session:
    return session_and_code[0]


@pytest.fixture
def admin_session(workspace: Workspace) -> Iterator[Session]:
    """The first user of the folder is an administrator (adding users, rekeying, audit)."""
    session, _recovery = workspace.set_up("ana", PASSPHRASE, Role.ADMIN, kdf=KdfParams.for_tests())
    yield session
    session.close()


# --- a small filesystem of the test's own (full disk, read-only folder) ------------------------
@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 12 MiB filesystem of its own, so the test can fill it (tmpfs; root or a user
    namespace is needed to mount it)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12m,mode=0700", "tmpfs",
                           str(mount)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip("cannot mount a small filesystem here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path) -> Path:
    ballast = disk / "ballast"
    chunk = b"\0" * 65536
    # Unbuffered, and the suppress outermost: a buffered file that hit the end mid-chunk kept
    # the rest and raised again on close, outside the suppress (whether it did hung on how
    # many bytes the disk had left, so it changed with the size of the database).
    with contextlib.suppress(OSError), ballast.open("wb", buffering=0) as fh:
        while True:
            fh.write(chunk)
    with contextlib.suppress(OSError):
        os.sync()
    return ballast




def read_only(disk: Path) -> None:
    """Make the small filesystem read-only (root ignores file modes, a read-only mount it cannot)."""
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True, capture_output=True)
