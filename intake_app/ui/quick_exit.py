"""Quick exit: Esc pressed three times in a row hides everything at once (like the lock button).

Someone may walk in on an interview. Three quick presses of Esc, anywhere in the app, or the
visible "Quick exit" button, replace the window by the lock screen, which names nothing about
what the laptop is for. One Esc still closes a dialog as usual.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

PRESSES = 3
WITHIN_SECONDS = 2.0


class QuickExit(QObject):
    """Watches every key press in the application; emits `triggered` on the third quick Esc."""

    triggered = Signal()

    def __init__(
        self, parent: QObject | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._presses: list[float] = []
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def remove(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        # One press reaches the window, the focus widget, then each parent that ignores it; only
        # the delivery to the focus widget is spontaneous and reaches a widget: count that one.
        if not event.spontaneous() or not isinstance(watched, QWidget):
            return False
        if event.isAutoRepeat():
            return False  # a held key is one press
        if event.key() != Qt.Key.Key_Escape:
            self._presses.clear()
            return False
        now = self._clock()
        self._presses = [t for t in self._presses if now - t <= WITHIN_SECONDS] + [now]
        if len(self._presses) >= PRESSES:
            self._presses.clear()
            self.triggered.emit()
        return False
