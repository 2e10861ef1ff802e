"""Shortcuts that work from wherever focus is, even inside a text field that claims the key.

Text fields bind some keys themselves (Ctrl+E is "end of line" on X11, Ctrl+Z their own undo),
and a QLineEdit that has focus then swallows the shortcut. While the screen that owns the
shortcuts is visible, the guard answers Qt's ShortcutOverride query for those keys so the
shortcut fires instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from intake_app.ui.shortcuts import keys_for


class ShortcutGuard(QObject):
    """Window-wide QActions on `owner` for each named shortcut, protected from text fields."""

    def __init__(
        self,
        owner: QWidget,
        handlers: Mapping[str, Callable[[], object]],
        extra_keys: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(owner)
        self._owner = owner
        self.keys: set[QKeySequence] = set()
        self.actions: dict[str, QAction] = {}
        for name, handler in handlers.items():
            action = QAction(owner)
            action.setObjectName(name)
            keys = [QKeySequence(keys_for(name))]
            if extra_keys and name in extra_keys:
                keys.append(QKeySequence(extra_keys[name]))
            action.setShortcuts(keys)
            # Window-wide: focus may sit on a prompt's button, or nowhere after a prompt closed.
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _=False, h=handler: h())
            owner.addAction(action)
            self.actions[name] = action
            self.keys.update(keys)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination())
            owner = self._owner
            if (pressed in self.keys and owner.isVisible() and isinstance(watched, QWidget)
                    and owner.isAncestorOf(watched)):
                event.ignore()  # not claimed by the field: the shortcut map takes the key
                return True
        return False
