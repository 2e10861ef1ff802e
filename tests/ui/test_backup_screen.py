"""Backups on real widgets and a real encrypted data folder: an administrator reaches the Backups
tab by keyboard and clicks "Back up now" (a file appears, the status bar changes); an advocate's
unlocked window makes the scheduled backup on its own; a missing folder shows as a warning."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from intake_app.services import backup_schedule
from intake_app.services.session import Workspace
from intake_app.ui import i18n
from intake_app.ui.admin.backups import BackupScreen
from intake_app.ui.mainwindow import MainWindow
from tests.ui.conftest import ADMIN_USER, PASSPHRASE, unlock


def _as_admin_off_gui(data_dir: Path, fn: Callable[[Any], object]) -> None:
    """Set-up as the folder's administrator on a short-lived thread (services refuse the GUI's)."""
    failure: list[BaseException] = []

    def run() -> None:
        s = Workspace(data_dir).unlock(ADMIN_USER, PASSPHRASE)
        try:
            fn(s)
        except BaseException as exc:  # re-raised on the test thread
            failure.append(exc)
        finally:
            s.close()

    t = threading.Thread(target=run, name="test-setup")
    t.start()
    t.join(60)
    if failure:
        raise failure[0]


def test_back_up_now_from_the_keyboard_writes_a_file_and_updates_the_status_bar(
    qtbot: QtBot, make_window: Callable[..., MainWindow], data_dir: Path, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    window = make_window(data_dir)
    unlock(qtbot, window, ADMIN_USER)
    item = window.backups.button
    qtbot.waitUntil(lambda: window.backups.state is not None)
    assert item.isVisible() and item.text() == "No backup yet" and item.property("role") == "danger"
    i18n.set_language("es")
    qtbot.waitUntil(lambda: item.text() == "Sin copia todavía")
    i18n.set_language("en")
    qtbot.waitUntil(lambda: item.text() == "No backup yet")

    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.findChild(BackupScreen) is not None)
    screen = window.findChild(BackupScreen)
    assert isinstance(screen, BackupScreen)
    qtbot.waitUntil(lambda: screen.state is not None and screen.now.hasFocus())
    assert "No backup of this laptop has been made yet." in screen.last.text()
    assert "Automatic backup is off." in screen.last.text()

    screen.folder.setText(str(usb))
    with qtbot.waitSignal(screen.backed_up, timeout=20_000) as made:
        qtbot.mouseClick(screen.now, Qt.MouseButton.LeftButton)
    report = made.args[0]
    assert [p.name for p in usb.iterdir()] == [report.path.name]
    assert screen.status.isVisible() and report.path.name in screen.status.text()
    qtbot.waitUntil(lambda: item.text() == "Last backup: just now")
    assert item.property("role") == ""
    qtbot.waitUntil(lambda: "Last backup: just now, to " in screen.last.text())

    # The schedule from the same screen; the timer's first look makes the automatic copy.
    screen.every.setValue(12)
    screen.keep.setValue(2)
    qtbot.mouseClick(screen.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.status.text() == "Automatic backup saved.")
    qtbot.waitUntil(lambda: "Next automatic backup: " in screen.last.text())
    assert screen.off.isEnabled()


def test_an_advocates_window_makes_the_scheduled_backup_itself(
    qtbot: QtBot, make_window: Callable[..., MainWindow], data_dir: Path, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    _as_admin_off_gui(data_dir, lambda s: backup_schedule.set_schedule(s, usb, 24, 7))
    window = make_window(data_dir)
    unlock(qtbot, window)  # the advocate
    item = window.backups.button
    qtbot.waitUntil(lambda: item.text() == "Last backup: just now", timeout=20_000)
    made = backup_schedule.scheduled_files(usb)
    assert len(made) == 1
    assert "Next automatic backup: " in item.toolTip() and "Open Backups" not in item.toolTip()
    assert not window.backups.action.isEnabled()  # Ctrl+5 is the administrators'
    window.backups.check()  # the next minute's look: not due again
    qtbot.waitUntil(lambda: not window.backups._checking)
    assert backup_schedule.scheduled_files(usb) == made
    assert window.findChild(QWidget, "adminBackups") is None


def test_a_missing_backup_folder_shows_as_a_warning(
    qtbot: QtBot, make_window: Callable[..., MainWindow], data_dir: Path, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    _as_admin_off_gui(data_dir, lambda s: backup_schedule.set_schedule(s, usb, 24, 7))
    usb.rmdir()  # the stick is not plugged in
    window = make_window(data_dir)
    unlock(qtbot, window)
    item = window.backups.button
    qtbot.waitUntil(lambda: item.text() == "Last backup failed", timeout=20_000)
    assert item.property("role") == "danger"
    assert "The backup folder is not there." in item.toolTip()
    assert not usb.exists()
