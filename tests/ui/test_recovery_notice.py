"""A removal interrupted before its rotation: the next administrator to unlock the app finishes
it and is shown the new recovery code once; the old key file and code stop working."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from intake_app.services.session import Workspace
from tests.ui.conftest import ADMIN_USER, PASSPHRASE, unlock

ROOT = Path(__file__).resolve().parents[2]


def test_the_next_admin_unlock_finishes_a_removal_and_shows_the_new_code_once(
    qtbot, make_window, data_dir, tmp_path
):
    old_keys = (data_dir / "keys.json").read_bytes()
    env = {**os.environ, "CRASH_AT": "1"}  # killed right after the removal's first commit
    done = subprocess.run([sys.executable, "-m", "tests.reliability.custody_child",
                           str(data_dir), "remove", "ana"], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 9, done.stderr[-2000:]
    window = make_window(data_dir)
    unlock(qtbot, window, ADMIN_USER)
    qtbot.waitUntil(lambda: window.recovery_notice is not None, timeout=20_000)
    box = window.recovery_notice
    code = box.text().rsplit("\n", 1)[-1].strip()
    assert len(code.replace("-", "")) == 25
    box.defaultButton().click()
    window.lock()
    # The lock closes the database on the worker thread; copy the folder once that is done
    # (jobs run in order, so a job queued now runs after the close), as a thief's copy of a
    # shut laptop would be, not halfway through the close's checkpoint.
    closed: list[object] = []
    window.worker.call(lambda: None, closed.append)
    qtbot.waitUntil(lambda: bool(closed), timeout=20_000)
    stolen = tmp_path / "stolen"
    shutil.copytree(data_dir, stolen)
    (stolen / "keys.json").write_bytes(old_keys)  # the removed user's copy of the key file
    for folder, user in ((stolen, "ana"), (data_dir, "ana")):
        try:
            Workspace(folder).unlock(user, PASSPHRASE).close()
        except Exception:
            continue
        raise AssertionError(f"{user} still opens {folder.name}")
    window2 = make_window(data_dir)
    unlock(qtbot, window2, ADMIN_USER)
    assert window2.recovery_notice is None  # shown once only
    window2.lock()
