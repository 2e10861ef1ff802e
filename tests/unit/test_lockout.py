"""The unlock lockout through the real workspace: policy length, and a counter cut back in the key file is noticed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from intake_app.domain.case import Role
from intake_app.errors import UnlockThrottled, WrongPassphrase
from intake_app.services.session import Workspace
from intake_app.storage import audit
from intake_app.storage.kdf import KdfParams

PASS = "orange kettle seventeen lanterns"


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    ws = Workspace(tmp_path / "data")
    session, _ = ws.set_up("ana", PASS, Role.ADMIN, kdf=KdfParams.for_tests())
    session.close()
    return ws


def _fail(ws: Workspace, times: int) -> None:
    for _ in range(times):
        with pytest.raises((WrongPassphrase, UnlockThrottled)):
            ws.unlock("ana", "wrong words entirely here")


def test_the_sixth_attempt_waits_ten_minutes_even_with_the_right_passphrase(ws: Workspace) -> None:
    _fail(ws, 5)
    with pytest.raises(UnlockThrottled) as info:
        ws.unlock("ana", PASS)
    assert 595 <= int(str(info.value.ids["seconds"])) <= 600


def _edit_failures(ws: Workspace, **fields: object) -> None:
    doc = json.loads(ws.key_path.read_text())
    doc["failures"].update(fields)
    ws.key_path.write_text(json.dumps(doc))


@pytest.mark.parametrize("edit", [
    {"count": 0, "times": []},  # the guesses hidden, the never-reset total left as it was
    {"count": 0, "times": [], "total": 0},  # everything zeroed, below what the database saw
])
def test_a_counter_cut_back_in_the_key_file_is_audited_at_the_next_unlock(
    ws: Workspace, edit: dict[str, object]
) -> None:
    _fail(ws, 2)
    ws.unlock("ana", PASS).close()  # the database learns the total (2)
    _fail(ws, 4)
    _edit_failures(ws, **edit)
    s = ws.unlock("ana", PASS)
    try:
        noticed = audit.last_seq(s.db, "unlock.counter_altered")
        assert noticed > 0
        assert audit.verify(s.db) > 0
    finally:
        s.close()
    s = ws.unlock("ana", PASS)  # the next honest unlock adds nothing new
    try:
        assert audit.last_seq(s.db, "unlock.counter_altered") == noticed
    finally:
        s.close()


def test_honest_failures_are_not_taken_for_an_edit(ws: Workspace) -> None:
    ws.unlock("ana", PASS).close()
    _fail(ws, 3)
    s = ws.unlock("ana", PASS)
    try:
        assert audit.last_seq(s.db, "unlock.counter_altered") == 0
    finally:
        s.close()


def test_an_altered_profile_file_never_keeps_anyone_out(ws: Workspace) -> None:
    """The window shows why the profile was refused; unlocking must still work to repair it."""
    (ws.data_dir / "profile.json").write_text('{"format": "altered"}')
    s = ws.unlock("ana", PASS)
    s.close()
