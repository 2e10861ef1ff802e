"""One question at a time: large text in the person's language, its editor, and the way out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from intake_app.domain.answers import Answer, AnswerState
from intake_app.domain.protocol import Question
from intake_app.ui.interview import style
from intake_app.ui.interview.answer_editors import AnswerEditor
from intake_app.ui.shortcuts import keys_for


def _with_keys(label: str, action: str) -> str:
    return f"{label}  ({keys_for(action)})"


class QuestionPanel(QWidget):
    """Labels and buttons around the current question; InterviewPage drives it."""

    def __init__(self, person_language: str, ui_language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.person_language = person_language
        self.ui_language = ui_language
        self.editor: AnswerEditor | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        top = QHBoxLayout()
        self.section_title = QLabel()
        self.section_title.setObjectName("muted")
        style.set_font(self.section_title, 13, bold=True)
        top.addWidget(self.section_title)
        top.addStretch(1)
        self.identifying = QLabel(self.tr("Identifying: optional, shared only with consent"))
        self.identifying.setObjectName("identifyingMark")
        self.identifying.setAccessibleName(self.tr("This question asks for identifying details"))
        top.addWidget(self.identifying)
        self.counter = QLabel()
        self.counter.setObjectName("muted")
        style.set_font(self.counter, 12)
        top.addWidget(self.counter)
        layout.addLayout(top)
        self._build_body(layout)
        self._build_buttons(layout)

    def _build_body(self, layout: QVBoxLayout) -> None:
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setObjectName("muted")
        style.set_font(self.intro, 14)
        layout.addWidget(self.intro)
        self.text = QLabel()
        self.text.setObjectName("questionText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setAccessibleName(self.tr("Question"))
        style.set_font(self.text, style.QUESTION_PT, bold=True)
        layout.addWidget(self.text)
        self.in_ui_language = QLabel()
        self.in_ui_language.setObjectName("muted")
        self.in_ui_language.setWordWrap(True)
        self.in_ui_language.setTextFormat(Qt.TextFormat.PlainText)
        style.set_font(self.in_ui_language, 12)
        layout.addWidget(self.in_ui_language)
        layout.addSpacing(8)
        self.editor_slot = QVBoxLayout()
        layout.addLayout(self.editor_slot)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setObjectName("savedPending")
        style.set_font(self.state, 12)
        layout.addWidget(self.state)

    def _build_buttons(self, layout: QVBoxLayout) -> None:
        ways = QHBoxLayout()
        self.declined = self._button(self.tr("Prefers not to say"), "prefers_not_to_say", ways)
        self.not_now = self._button(self.tr("Not now"), "not_now", ways)
        self.unknown = self._button(self.tr("Doesn't know"), "does_not_know", ways)
        ways.addStretch(1)
        layout.addSpacing(6)
        layout.addLayout(ways)
        layout.addStretch(1)
        nav = QHBoxLayout()
        self.previous = self._button("← " + self.tr("Previous"), "previous_question", nav)
        nav.addStretch(1)
        self.save = self._button(self.tr("Save and continue"), "answer_next", nav)
        style.set_font(self.save, 14, bold=True)
        self.save.setDefault(True)
        self.next = self._button(self.tr("Next") + " →", "next_question", nav)
        layout.addLayout(nav)

    def _button(self, label: str, action: str, row: QHBoxLayout) -> QPushButton:
        button = QPushButton(_with_keys(label, action))
        button.setAccessibleName(label)
        button.setToolTip(_with_keys(label, action))
        style.set_font(button, 12)
        row.addWidget(button)
        return button

    def show_question(
        self,
        question: Question,
        *,
        section_title: str,
        section_intro: str | None,
        number: int,
        total: int,
        answer: Answer | None,
    ) -> AnswerEditor:
        """Show `question` with a fresh editor (holding `answer`'s value if it has one)."""
        self.section_title.setText(section_title)
        self.intro.setText(section_intro or "")
        self.intro.setVisible(bool(section_intro))
        self.counter.setText(
            self.tr("Question {number} of {total}").format(number=number, total=total)
        )
        self.identifying.setVisible(question.identifying)
        self.text.setText(question.text(self.person_language))
        other = question.text(self.ui_language) if self.ui_language != self.person_language else ""
        self.in_ui_language.setText(
            self.tr("In your language: {text}").format(text=other) if other else ""
        )
        self.in_ui_language.setVisible(bool(other))
        if self.editor is not None:
            self.editor_slot.removeWidget(self.editor)
            self.editor.hide()
            self.editor.deleteLater()
        self.editor = AnswerEditor(question, self.person_language)
        self.editor_slot.addWidget(self.editor)
        self.editor.show()
        self.editor.edited.connect(lambda: self.state.setText(""))
        if answer is not None and answer.value is not None:
            self.editor.set_value(answer.value)
        self.show_state(answer)
        self.setTabOrder(self.editor, self.save)
        self.editor.focus_first()
        return self.editor

    def show_state(self, answer: Answer | None) -> None:
        """Say what is recorded when it is not a value ("Recorded: prefers not to say")."""
        words = {
            AnswerState.DECLINED: self.tr("Recorded: prefers not to say."),
            AnswerState.NOT_ASKED: self.tr("Recorded: not asked yet (not now)."),
            AnswerState.UNKNOWN: self.tr("Recorded: doesn't know."),
        }
        self.state.setText("" if answer is None else words.get(answer.state, ""))

    def say(self, text: str) -> None:
        self.state.setText(text)
