"""Before disclosure: the person may be under 18, so say first what cannot stay confidential.

Shown in place of the next sensitive question once an answer makes a minor possible, so the
person hears what the interviewer must share ("right to know") before they tell their story.
It never blocks: the interviewer can go on, take a break or end for today, and the choice is
recorded with the session's pacing record.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from intake_app.ui.flow_layout import FlowLayout
from intake_app.ui.interview import style
from intake_app.ui.interview.translations import RIGHT_TO_KNOW, PersonText


class MinorGate(QWidget):
    """The mandatory-reporting reminder for the interviewer's role, before sensitive questions."""

    go_on = Signal()
    break_requested = Signal()
    end_requested = Signal()

    def __init__(self, person: PersonText, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("minorGate")
        self.setAccessibleName(self.tr("Possible minor: mandatory reporting"))
        self.person_words = person(RIGHT_TO_KNOW)
        # The words scroll and the buttons stay in view below them, wrapping, as on a question:
        # at 200% (720x450) the words were squeezed and the row of buttons made the window
        # wider than the screen.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget()
        content.setObjectName("questionBody")
        scroll.setWidget(content)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(32, 24, 32, 24)
        heading = QLabel(self.tr("Before you go on: this person may be under 18"))
        heading.setWordWrap(True)
        style.set_font(heading, 20, bold=True)
        layout.addWidget(heading)
        tell = QLabel(self.tr("Tell the person now, before any question about what happened:"))
        tell.setWordWrap(True)
        style.set_font(tell, 13, bold=True)
        layout.addWidget(tell)
        self.say = QLabel(f"“{self.person_words}”")
        self.say.setObjectName("pacingBanner")
        self.say.setWordWrap(True)
        self.say.setTextFormat(Qt.TextFormat.PlainText)
        self.say.setContentsMargins(14, 10, 14, 10)
        style.set_font(self.say, 14)
        layout.addWidget(self.say)
        # Then, for the interviewer: what the law may ask of them (what to say comes first: at
        # 200% only the top of this screen is in view).
        self.reminder = QLabel()
        self.reminder.setWordWrap(True)
        self.reminder.setTextFormat(Qt.TextFormat.PlainText)
        self.reminder.setAccessibleName(self.tr("Mandatory reporting reminder"))
        style.set_font(self.reminder, 13)
        layout.addWidget(self.reminder)
        layout.addStretch(1)
        row = FlowLayout()
        row.setContentsMargins(32, 6, 32, 8)
        self.told = QPushButton(self.tr("I told them; continue"))
        self.pause = QPushButton(self.tr("Start a break"))
        self.end = QPushButton(self.tr("End for today"))
        for button in (self.told, self.pause, self.end):
            button.setAccessibleName(button.text())
            style.set_font(button, 13)
            row.addWidget(button)
        outer.addLayout(row)
        self.told.clicked.connect(self.go_on)
        self.pause.clicked.connect(self.break_requested)
        self.end.clicked.connect(self.end_requested)
        # An officer hands a minor over to child specialists: stopping is the suggested path.
        self.suggested = self.end if role == "officer" else self.told
        self.suggested.setDefault(True)
        self.suggested.setAutoDefault(True)

    def show_reminder(self, text: str) -> None:
        self.reminder.setText(text)
        self.suggested.setFocus()
