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
from intake_app.storage.keyvault import KdfParams

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

settings.register_profile("default", deadline=None)
settings.load_profile("default")

PASSPHRASE = "correct horse battery staple"


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
    with ballast.open("wb") as fh, contextlib.suppress(OSError):
        while True:
            fh.write(chunk)
            fh.flush()
    with contextlib.suppress(OSError):
        os.sync()
    return ballast




def read_only(disk: Path) -> None:
    """Make the small filesystem read-only (root ignores file modes, a read-only mount it cannot)."""
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True, capture_output=True)
