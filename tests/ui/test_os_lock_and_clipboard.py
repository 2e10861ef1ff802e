"""Locking like KeePassXC: the OS screen lock and sleep lock the app; idle time counts suspend;
what the app put on the clipboard (Ctrl+C included) is gone on lock and after 30 seconds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit

from intake_app.ui import locking
from intake_app.ui.locking import ClipboardGuard, SuspendAwareClock
from tests.ui.conftest import PASSPHRASE, USER, unlock

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def private_bus(tmp_path: Path):
    """A dbus-daemon of the test's own, standing in for the system and session buses."""
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed")
    proc = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    address = proc.stdout.readline().strip()  # the daemon's "ready" line
    yield address
    proc.terminate()
    proc.wait(10)


def _send(address: str, path: str, member: str, *args: str) -> None:
    subprocess.run(["dbus-send", f"--bus={address}", "--type=signal", path, member, *args],
                   check=True, timeout=30)


@pytest.mark.parametrize(("path", "member", "args"), [
    ("/org/freedesktop/login1", "org.freedesktop.login1.Manager.PrepareForSleep", ["boolean:true"]),
    ("/org/freedesktop/login1/session/_32", "org.freedesktop.login1.Session.Lock", []),
    ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged", ["boolean:true"]),
], ids=["sleep", "session-lock", "screensaver"])
def test_the_os_locking_or_sleeping_locks_the_app(private_bus, data_dir, path, member, args):
    env = {**os.environ, "DBUS_SYSTEM_BUS_ADDRESS": private_bus,
           "DBUS_SESSION_BUS_ADDRESS": private_bus}
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.os_lock_child", str(data_dir), USER, PASSPHRASE],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True,
    )
    assert child.stdout is not None
    try:
        sources = child.stdout.readline()
        assert "logind sleep" in sources and "org.freedesktop.ScreenSaver" in sources
        assert child.stdout.readline().strip() == "ready"
        _send(private_bus, path, member, *args)
        assert child.stdout.readline().strip() == "locked"
    finally:
        child.kill()
        child.wait(30)


def test_the_idle_clock_counts_time_the_laptop_slept(monkeypatch):
    if hasattr(time, "CLOCK_BOOTTIME"):  # Linux: the kernel's clock that counts suspend
        clock = SuspendAwareClock()
        assert abs(clock() - time.clock_gettime(time.CLOCK_BOOTTIME)) < 1.0
    # Elsewhere: monotonic time stands still during sleep, the wall clock does not.
    monkeypatch.delattr(time, "CLOCK_BOOTTIME", raising=False)
    mono, wall = [100.0], [5000.0]
    monkeypatch.setattr(time, "monotonic", lambda: mono[0])
    monkeypatch.setattr(time, "time", lambda: wall[0])
    clock = SuspendAwareClock()
    start = clock()
    wall[0] += 3600  # an hour asleep
    assert clock() - start == pytest.approx(3600)
    wall[0] -= 7200  # the wall clock set back: time never runs backwards
    assert clock() - start == pytest.approx(3600)
    mono[0] += 10
    assert clock() - start == pytest.approx(3600)


def test_auto_lock_after_sleep_the_moment_the_laptop_wakes(qtbot, make_window, data_dir):
    now = [1000.0]
    window = make_window(data_dir, idle_minutes=10, clock=lambda: now[0])
    unlock(qtbot, window)
    now[0] += 3 * 3600  # asleep for three hours: a suspend-aware clock jumps on waking
    window.idle.check()
    assert window.is_locked


def test_ctrl_c_of_a_revealed_name_is_gone_after_lock(qtbot, make_window, data_dir):
    window = make_window(data_dir)
    unlock(qtbot, window)
    window.area.case_list.search.setText("Zorvelina")
    field = window.area.case_list.search
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "Zorvelina")
    window.lock()
    assert QGuiApplication.clipboard().text() == ""


def test_what_the_app_copied_is_cleared_after_its_time(qtbot):
    guard = ClipboardGuard(keep_seconds=1)
    try:
        field = QLineEdit("K7Q-4MX")
        qtbot.addWidget(field)
        field.show()
        field.selectAll()
        qtbot.keyClick(field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "K7Q-4MX")
        qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "", timeout=10_000)
    finally:
        guard.remove()
    assert locking.CLIPBOARD_SECONDS == 30
