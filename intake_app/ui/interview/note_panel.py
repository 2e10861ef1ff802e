"""The interviewer note beside the question: why we ask, and how to ask (F2)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from intake_app.domain.protocol import Question, Sensitivity
from intake_app.ui.interview import style


class NotePanel(QFrame):
    """Side panel in the interviewer's language; hidden until F2."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notePanel")
        self.setFixedWidth(270)
        self.setAccessibleName(self.tr("Interviewer note"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 18)
        heading = QLabel(self.tr("Interviewer note"))
        style.set_font(heading, 14, bold=True)
        layout.addWidget(heading)
        sub = QLabel(self.tr("Why we ask, and how to ask"))
        sub.setObjectName("muted")
        layout.addWidget(sub)
        self.sensitivity = QLabel()
        self.sensitivity.setObjectName("muted")
        style.set_font(self.sensitivity, 11, bold=True)
        layout.addWidget(self.sensitivity)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setAccessibleName(self.tr("Interviewer note"))
        style.set_font(self.body, 13)
        layout.addWidget(self.body)
        layout.addStretch(1)

    def show_note(self, question: Question, language: str) -> None:
        self.body.setText(question.note(language))
        self.sensitivity.setText(
            {
                Sensitivity.LOW: self.tr("Sensitivity: low"),
                Sensitivity.MEDIUM: self.tr("Sensitivity: medium"),
                Sensitivity.HIGH: self.tr("Sensitivity: high. Go gently; offer a pause."),
            }[question.sensitivity]
        )
