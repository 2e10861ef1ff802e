"""Auto-lock after idle minutes, lock when the OS locks or sleeps, and a clipboard we clean.

What triggers a lock:
- no keyboard or mouse input for the policy's idle minutes (default 10, never more than 30).
  Idle time is measured on `idle_clock`, which counts time the laptop spent suspended
  (CLOCK_BOOTTIME on Linux; the larger of monotonic and wall-clock time elsewhere), so a laptop
  that slept for an hour with the case open is locked the moment it wakes. Tests inject a clock.
- the OS screen lock and sleep (ui/os_lock.py: logind and the screensaver over D-Bus on Linux,
  session notifications on Windows, the screen-lock state on macOS), and Qt reporting the app
  as Suspended. Inactive alone (another window has focus) does not lock: advocates switch to a
  translator's app mid-interview.
- Ctrl+L, the visible Lock button, and quick exit (wired by the main window).

A minute before an idle lock, `warning` is emitted (the window says so); any input clears it
(`warning_cleared`) and starts the idle time again.

The clipboard: whatever this app put there (the copy-code button, Ctrl+C or Ctrl+X in any field
or table) is cleared on lock and 30 seconds after it was copied, if it is still there.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence

DEFAULT_IDLE_MINUTES = 10.0
MAX_IDLE_MINUTES = 30.0
WARN_BEFORE_SECONDS = 60.0
CLIPBOARD_SECONDS = 30


class SuspendAwareClock:
    """Seconds that keep counting while the laptop is suspended, and never run backwards.

    CLOCK_MONOTONIC stops during suspend on Linux; CLOCK_BOOTTIME does not. Where there is no
    boot-time clock, the larger of monotonic and wall-clock progress is used: setting the clock
    forward can only lock earlier, never later.
    """

    def __init__(self) -> None:
        self._boottime = getattr(time, "CLOCK_BOOTTIME", None)
        self._last = 0.0
        self._mono0 = time.monotonic()
        self._wall0 = time.time()

    def __call__(self) -> float:
        if self._boottime is not None:
            return time.clock_gettime(self._boottime)
        now = max(time.monotonic() - self._mono0, time.time() - self._wall0)
        self._last = max(self._last, now)
        return self._last


idle_clock = SuspendAwareClock()

_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})


def clamp_idle_minutes(minutes: float | None) -> float:
    """Policy minutes, defaulted and clamped to (0, 30]: a longer lock-out is never allowed."""
    if minutes is None or minutes <= 0:
        return DEFAULT_IDLE_MINUTES
    return min(float(minutes), MAX_IDLE_MINUTES)


class IdleLock(QObject):
    """Emits `lock_requested` after idle time; reset by any input anywhere in the app."""

    lock_requested = Signal()
    warning = Signal(int)  # whole seconds left before the idle lock
    warning_cleared = Signal()

    def __init__(
        self,
        idle_minutes: float | None = None,
        *,
        clock: Callable[[], float] = idle_clock,
        check_every_ms: int = 5_000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.idle_seconds = clamp_idle_minutes(idle_minutes) * 60
        self._clock = clock
        self._last_input = clock()
        self._armed = False
        self._warned = False
        self._timer = QTimer(self)
        self._timer.setInterval(check_every_ms)
        self._timer.timeout.connect(self.check)
        app = QGuiApplication.instance()
        if app is not None:
            app.installEventFilter(self)
            if isinstance(app, QGuiApplication):
                app.applicationStateChanged.connect(self._state_changed)

    def arm(self) -> None:
        """Start watching (after unlock)."""
        self._armed = True
        self._last_input = self._clock()
        self._timer.start()

    def disarm(self) -> None:
        """Stop watching (while locked)."""
        self._armed = False
        self._timer.stop()
        self._clear_warning()

    def _clear_warning(self) -> None:
        if self._warned:
            self._warned = False
            self.warning_cleared.emit()

    def remove(self) -> None:
        self.disarm()
        app = QGuiApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    @property
    def armed(self) -> bool:
        return self._armed

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._armed and event.type() in _INPUT_EVENTS:
            self._last_input = self._clock()
            self._clear_warning()
        return super().eventFilter(watched, event)

    def check(self) -> None:
        if not self._armed:
            return
        left = self.idle_seconds - (self._clock() - self._last_input)
        if left <= 0:
            self.disarm()
            self.lock_requested.emit()
        elif left <= min(WARN_BEFORE_SECONDS, self.idle_seconds / 2) and not self._warned:
            self._warned = True
            self.warning.emit(int(left))

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if self._armed and state == Qt.ApplicationState.ApplicationSuspended:
            self.disarm()
            self.lock_requested.emit()


class ClipboardGuard(QObject):
    """Remembers what this app put on the clipboard (as hashes only: the guard holds no case
    text) and clears it on lock, and 30 seconds after it was copied if it is still there.

    "What this app put there": text copied through `copy`, and text a field or table copied on
    Ctrl+C / Ctrl+X (caught as the key press reaches any widget of the app), and on platforms
    that can tell, any clipboard change this process owns.
    """

    def __init__(self, parent: QObject | None = None, keep_seconds: int = CLIPBOARD_SECONDS) -> None:
        super().__init__(parent)
        self._copied: set[str] = set()
        self._copy_key = False  # a Ctrl+C / Ctrl+X is being handled right now
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(keep_seconds * 1000)
        self._timer.timeout.connect(self.clear_ours)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.installEventFilter(self)
            QGuiApplication.clipboard().dataChanged.connect(self._changed)

    @staticmethod
    def _digest(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self._remember(text)

    def _remember(self, text: str) -> None:
        if text:
            self._copied.add(self._digest(text))
            self._timer.start()

    def _changed(self) -> None:
        clipboard = QGuiApplication.clipboard()
        # X11 and Windows can tell the change came from us; a copy key being handled always does.
        if self._copy_key or clipboard.ownsClipboard():
            self._remember(clipboard.text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.spontaneous()
                and (event.matches(QKeySequence.StandardKey.Copy)
                     or event.matches(QKeySequence.StandardKey.Cut))):
            # The field copies while handling this very event; the clipboard then says it
            # changed (`_changed`), still inside it. Done once the event loop moves on.
            self._copy_key = True
            QTimer.singleShot(0, self, self._copy_key_done)
        return super().eventFilter(watched, event)

    def _copy_key_done(self) -> None:
        self._copy_key = False

    def clear_ours(self) -> bool:
        """Clear the clipboard if it holds something we put there; True if it did."""
        self._timer.stop()
        clipboard = QGuiApplication.clipboard()
        current = clipboard.text()
        ours = bool(current) and self._digest(current) in self._copied
        if ours:
            clipboard.clear()
        self._copied.clear()
        return ours

    def remove(self) -> None:
        self._timer.stop()
        app = QGuiApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
