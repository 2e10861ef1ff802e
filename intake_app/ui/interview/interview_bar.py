"""The row above the question: how saving stands, and the interviewer's tools (note, person's
screen, break, end for today), each with its key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from intake_app.ui.flow_layout import FlowLayout
from intake_app.ui.interview import style
from intake_app.ui.interview.undo_bar import UndoBar
from intake_app.ui.key_button import KeyButton
from intake_app.ui.shortcuts import keys_for


class InterviewBar(QWidget):
    """Buttons never take focus on click: the answer keeps it while the interviewer works."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        bar = FlowLayout(self, align=Qt.AlignmentFlag.AlignRight)  # wraps, never widens the window
        bar.setContentsMargins(24, 6, 24, 2)
        self.saved = QLabel()
        self.saved.setAccessibleName(self.tr("Save status"))
        self.saved.setWordWrap(True)  # a save problem is a sentence: it wraps, never widens
        style.set_font(self.saved, 12)
        bar.addWidget(self.saved)
        self.undo = UndoBar()  # "Question 3: recorded ... Undo", beside the save status
        bar.addWidget(self.undo)
        self.note = self._button(self.tr("Note"), "interviewer_note", bar)
        self.note.setCheckable(True)
        self.person = self._button(self.tr("Person's screen"), "person_view", bar)
        self.pause = self._button(self.tr("Break"), "take_break", bar)
        self.end = self._button(self.tr("End for today"), "end_for_today", bar)

    @staticmethod
    def _button(label: str, action: str, bar: FlowLayout) -> QPushButton:
        button = KeyButton(f"{label} ({keys_for(action)})")  # drops "(keys)" when narrow
        button.setAccessibleName(label)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        bar.addWidget(button)
        return button

    def set_on_break(self, on_break: bool) -> None:
        label = self.tr("Resume") if on_break else self.tr("Break")
        self.pause.setText(f"{label} ({keys_for('take_break')})")

    def show_save_state(self, pending: int, problem: str | None) -> None:
        """How saving stands: "Saved ✓" only when nothing is waiting; else what is wrong."""
        if pending == 0:
            self.saved.setObjectName("savedOk")
            self.saved.setText(self.tr("Saved ✓"))
        elif problem is None:
            self.saved.setObjectName("savedPending")
            self.saved.setText(self.tr("Saving…"))
        else:
            self.saved.setObjectName("savedPending")
            self.saved.setText(
                self.tr("Not saved yet ({n} waiting, kept here and retried): {problem}")
                .format(n=pending, problem=problem)
            )
        self.saved.style().unpolish(self.saved)
        self.saved.style().polish(self.saved)
