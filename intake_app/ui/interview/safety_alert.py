"""A safety alert: an answer signals immediate danger; the agency's steps, never blocking."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from intake_app.ui.interview import style


class SafetyAlert(QFrame):
    """Stays above the question until the interviewer closes it; emits `closed` once."""

    closed = Signal(str)  # the question id that raised it

    def __init__(self, question_id: str, steps: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question_id = question_id
        self.setObjectName("safetyAlert")
        self.setAccessibleName(self.tr("Safety alert"))
        self.setStyleSheet(
            f"QFrame#safetyAlert {{ background: {style.MARK_BG}; border: 2px solid"
            f" {style.MARK_INK}; border-radius: 8px; }}"
            f" QFrame#safetyAlert QLabel {{ color: {style.MARK_INK}; border: none; }}"
        )
        outer = QHBoxLayout(self)
        outer.setContentsMargins(14, 8, 14, 8)
        column = QVBoxLayout()
        outer.addLayout(column, 1)
        heading = QLabel(self.tr("Safety first: this answer may mean the person is in danger now."))
        heading.setWordWrap(True)
        style.set_font(heading, 13, bold=True)
        column.addWidget(heading)
        self.steps = QLabel(steps)
        self.steps.setWordWrap(True)
        self.steps.setTextFormat(Qt.TextFormat.PlainText)
        self.steps.setAccessibleName(self.tr("Your agency's safety steps"))
        style.set_font(self.steps, 12)
        column.addWidget(self.steps)
        done = QPushButton(self.tr("Close"))
        done.setAccessibleName(self.tr("Close the safety alert"))
        done.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click never takes the answer's focus
        done.clicked.connect(self._close)
        outer.addWidget(done, 0, Qt.AlignmentFlag.AlignTop)

    def _close(self) -> None:
        self.hide()
        self.closed.emit(self.question_id)
