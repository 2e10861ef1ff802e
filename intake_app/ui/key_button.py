"""A push button that names its shortcut when there is room, and drops it when there is not.

"Save and continue  (Ctrl+Enter)" is the preferred label; on a narrow window the button shows
only "Save and continue" (the keys stay in its tooltip), so a row of buttons wraps later.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QPushButton, QSizePolicy, QStyle, QStyleOptionButton, QWidget

_KEYS = re.compile(r"^(.*\S)\s*\([^()]+\)$", re.S)  # "Label  (Ctrl+B)" -> "Label"


class KeyButton(QPushButton):
    """Shows `text` when it fits, else `text` without its trailing "(keys)"."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Preferred, not QPushButton's Minimum: a layout may give it less than the full label.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._full = self._short = ""
        self.setText(text)

    def setText(self, text: str) -> None:
        """The full label; the short one is worked out from it."""
        self._full = text
        match = _KEYS.match(text)
        self._short = match.group(1) if match else text
        self.setToolTip(text)
        super().setText(self._fitting(self.width()) if self.isVisible() else text)
        self.updateGeometry()

    def _size_for(self, text: str) -> QSize:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = text
        contents = self.fontMetrics().size(Qt.TextFlag.TextShowMnemonic, text)
        return self.style().sizeFromContents(
            QStyle.ContentsType.CT_PushButton, option, contents, self
        )

    def _fitting(self, width: int) -> str:
        return self._full if width >= self._size_for(self._full).width() else self._short

    def sizeHint(self) -> QSize:
        return self._size_for(self._full)

    def minimumSizeHint(self) -> QSize:
        return self._size_for(self._short)

    def resizeEvent(self, event: QResizeEvent) -> None:
        wanted = self._fitting(event.size().width())
        if self.text() != wanted:
            super().setText(wanted)
        super().resizeEvent(event)
