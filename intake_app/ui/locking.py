"""Auto-lock after idle minutes, lock when the OS suspends the app, and a clipboard we can clean.

What triggers a lock:
- no keyboard or mouse input for the policy's idle minutes (default 10, never more than 30),
  measured with an injectable clock so tests can move time;
- Qt reporting the application as Suspended (mobile-style platforms and some desktops when the
  session is locked or the lid closes). Desktop Linux/Windows/macOS send no "session locked"
  signal through Qt; there the idle timer is what locks, and it keeps running while the app is
  inactive. Inactive alone (another window has focus) does not lock: advocates switch to a
  translator's app mid-interview.
- Ctrl+L and the visible Lock button (wired by the main window).

A minute before an idle lock, `warning` is emitted (the window says so); any input clears it
(`warning_cleared`) and starts the idle time again.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

DEFAULT_IDLE_MINUTES = 10.0
MAX_IDLE_MINUTES = 30.0
WARN_BEFORE_SECONDS = 60.0

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
        clock: Callable[[], float] = time.monotonic,
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


class ClipboardGuard:
    """Copies text for the app and, on lock, clears the clipboard if it still holds our text.

    Only hashes of what we copied are kept, so the guard itself holds no case text.
    """

    def __init__(self) -> None:
        self._copied: set[str] = set()

    @staticmethod
    def _digest(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self._copied.add(self._digest(text))

    def clear_ours(self) -> bool:
        """Clear the clipboard if it holds something we put there; True if it did."""
        clipboard = QGuiApplication.clipboard()
        current = clipboard.text()
        ours = bool(current) and self._digest(current) in self._copied
        if ours:
            clipboard.clear()
        self._copied.clear()
        return ours
