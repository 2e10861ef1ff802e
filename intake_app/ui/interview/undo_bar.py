"""After each answer, for a few seconds: what was recorded, and a way to undo it (Ctrl+Z)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from intake_app.domain.answers import Answer, AnswerState
from intake_app.ui.interview import style
from intake_app.ui.shortcuts import keys_for

SHOWN_MS = 8_000


class UndoBar(QWidget):
    """Beside the save status, above the question: it never moves the answer's buttons."""

    undo_requested = Signal(str)  # question id

    def __init__(self, parent: QWidget | None = None, shown_ms: int = SHOWN_MS) -> None:
        super().__init__(parent)
        self.question_id: str | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 8, 0)
        self.message = QLabel()
        self.message.setObjectName("muted")
        self.message.setAccessibleName(self.tr("Last answer"))
        style.set_font(self.message, 12)
        row.addWidget(self.message, 1)
        self.undo = QPushButton(f"{self.tr('Undo')} ({keys_for('undo_answer')})")
        self.undo.setAccessibleName(self.tr("Undo the last answer"))
        self.undo.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.undo.clicked.connect(self.request_undo)
        row.addWidget(self.undo)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(shown_ms)
        self._timer.timeout.connect(self.clear)
        self.clear()

    def offer(self, question_id: str, number: int, answer: Answer) -> None:
        """Say what was just recorded for question `number` (never the value itself)."""
        words = {
            AnswerState.DECLINED: self.tr("Question {n}: recorded as “prefers not to say”."),
            AnswerState.NOT_ASKED: self.tr("Question {n}: recorded as “not now”."),
            AnswerState.UNKNOWN: self.tr("Question {n}: recorded as “doesn't know”."),
        }.get(answer.state, self.tr("Question {n}: answer recorded."))
        self.question_id = question_id
        self.message.setText(words.format(n=number))
        self.show()
        self._timer.start()

    def request_undo(self) -> None:
        if self.question_id is not None:
            qid = self.question_id
            self.clear()
            self.undo_requested.emit(qid)

    def clear(self) -> None:
        self._timer.stop()
        self.question_id = None
        self.hide()

    @property
    def active(self) -> bool:
        return self.question_id is not None
