"""Start-up: the unlock screen is painted before anything it does not show is loaded, then the
rest of the window is built and works (bench/bench_ui.py measures how long; tests never time)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from intake_app.ui.mainwindow import MainWindow
from intake_app.ui.worker import Worker

ROOT = Path(__file__).resolve().parents[2]
# Loaded only after the first paint: the database layer, crypto, the case and interview screens,
# sharing, the OS-lock watcher, the painted checkboxes and the write lock's library.
NOT_BEFORE_FIRST_PAINT = (
    "intake_app.services", "intake_app.storage", "intake_app.sync", "intake_app.admin",
    "intake_app.ui.caselist", "intake_app.ui.caseview", "intake_app.ui.case_answers",
    "intake_app.ui.case_interviews", "intake_app.ui.case_consents", "intake_app.ui.case_notes",
    "intake_app.ui.case_activity", "intake_app.ui.case_identity", "intake_app.ui.interview",
    "intake_app.ui.sync", "intake_app.ui.os_lock", "intake_app.ui.indicators",
    "intake_app.cli.common", "sqlcipher3", "cryptography", "filelock",
)


def test_the_unlock_screen_paints_before_anything_it_does_not_show_is_loaded(
    template_dir: Path,
) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "INTAKE_EXIT_AFTER_FIRST_PAINT": "1"}
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "intake_app", "--data-dir", str(template_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, timeout=120,
        check=True, cwd=ROOT,
    ).stdout
    lines = out.splitlines()
    painted = next(i for i, line in enumerate(lines) if line.startswith("first-paint"))
    assert lines[painted].split()[1] == "lockScreen"
    before = {line.rsplit("|", 1)[-1].strip() for line in lines[:painted] if "|" in line}
    early = sorted(m for m in before if m.startswith(NOT_BEFORE_FIRST_PAINT))
    assert early == []
    assert any(line.startswith("ready") for line in lines[painted:])  # then the rest is built


def test_a_window_read_before_its_first_paint_builds_what_it_is_asked_for(
    qtbot: QtBot, worker: Worker, data_dir: Path
) -> None:
    window = MainWindow(data_dir, worker)  # never shown: nothing deferred has run
    qtbot.addWidget(window)
    assert not window.is_built
    assert window.windowTitle() == "Locked"
    assert window.idle.idle_seconds > 0  # reading one part builds them all
    assert window.is_built and not window.toolbar.isVisible()
    assert not window.actions_["lock"].isEnabled()
    window.idle.remove()
