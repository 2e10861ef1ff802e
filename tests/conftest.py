"""Shared fixtures: real data folders with real SQLCipher files; cheap KDF parameters."""

from __future__ import annotations

import os
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
