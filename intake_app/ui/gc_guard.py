"""Python's cycle collector runs only on the GUI thread (as anki does).

The collector may run in whichever thread happens to allocate. If it runs on the database
worker and frees a cycle holding a Qt widget, the widget is destroyed off the GUI thread and the
process crashes (seen in the suite: "Fatal Python error: Segmentation fault ... Garbage-
collecting" inside a worker job). So automatic collection is switched off and this timer
collects on the GUI thread instead, as often as the collector's own thresholds would.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_MS = 1000


class GuiThreadCollector(QObject):
    """Create once on the GUI thread, right after the QApplication; keep it for its lifetime."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.disable()
        self._threshold = gc.get_threshold()[0]
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        if gc.get_count()[0] >= self._threshold:
            gc.collect()

    def stop(self) -> None:
        """Back to automatic collection (once no worker thread is left)."""
        self._timer.stop()
        gc.collect()
        gc.enable()
