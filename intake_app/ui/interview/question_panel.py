"""One question at a time: large text in the person's language, its editor, and the way out."""

from __future__ import annotations

from functools import partial
from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAccessible, QAccessibleEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from intake_app.domain.answers import Answer, AnswerState
from intake_app.domain.protocol import Question
from intake_app.ui.flow_layout import FlowLayout
from intake_app.ui.interview import style
from intake_app.ui.interview.answer_editors import AnswerEditor
from intake_app.ui.key_button import KeyButton
from intake_app.ui.shortcuts import keys_for


class QuestionPanel(QWidget):
    """Labels and buttons around the current question; InterviewPage drives it.

    The question and its editor scroll inside the panel; the ways out ("Prefers not to say",
    "Not now", "Doesn't know") and Previous / Save / Next stay in view below, on any screen.
    """

    def __init__(self, person_language: str, ui_language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("questionPanel")
        self.person_language = person_language
        self.ui_language = ui_language
        self.editor: AnswerEditor | None = None
        self._focus_pending = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 8, 24, 8)
        top = QHBoxLayout()
        self.section_title = QLabel()
        self.section_title.setObjectName("muted")
        self.section_title.setWordWrap(True)
        style.set_font(self.section_title, 13, bold=True)
        top.addWidget(self.section_title, 1)
        self.counter = QLabel()
        self.counter.setObjectName("muted")
        style.set_font(self.counter, 12)
        top.addWidget(self.counter, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self._build_body(layout)
        self._build_buttons(layout)

    def _build_body(self, layout: QVBoxLayout) -> None:
        self.body_scroll = QScrollArea()
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the answer, not here
        self.body_scroll.viewport().setObjectName("questionBody")
        self.body_scroll.setMinimumHeight(48)
        body = QWidget()
        body.setObjectName("questionBody")
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        self.banner_box = QWidget()  # the page's pacing banners, above the question
        self.banner_box.setObjectName("questionBody")
        self.banner_area = QVBoxLayout(self.banner_box)
        self.banner_area.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.banner_box)
        self.identifying = QLabel(self.tr("Identifying: optional, shared only with consent"))
        self.identifying.setObjectName("identifyingMark")
        self.identifying.setWordWrap(True)
        self.identifying.setAccessibleName(self.tr("This question asks for identifying details"))
        inner.addWidget(self.identifying)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setObjectName("muted")
        style.set_font(self.intro, 14)
        inner.addWidget(self.intro)
        self.text = QLabel()
        self.text.setObjectName("questionText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setAccessibleName(self.tr("Question"))
        style.set_font(self.text, style.QUESTION_PT, bold=True)
        inner.addWidget(self.text)
        self.in_ui_language = QLabel()
        self.in_ui_language.setObjectName("muted")
        self.in_ui_language.setWordWrap(True)
        self.in_ui_language.setTextFormat(Qt.TextFormat.PlainText)
        style.set_font(self.in_ui_language, 12)
        inner.addWidget(self.in_ui_language)
        inner.addSpacing(8)
        self.editor_slot = QVBoxLayout()
        inner.addLayout(self.editor_slot)
        # Right under the answer: why a typed value was not saved (the protocol's check).
        self.check_problem = QLabel()
        self.check_problem.setObjectName("savedPending")
        self.check_problem.setWordWrap(True)
        self.check_problem.setTextFormat(Qt.TextFormat.PlainText)
        self.check_problem.setAccessibleName(self.tr("Answer not saved"))
        self.check_problem.setVisible(False)
        style.set_font(self.check_problem, 13, bold=True)
        inner.addWidget(self.check_problem)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setObjectName("savedPending")
        style.set_font(self.state, 12)
        inner.addWidget(self.state)
        inner.addStretch(1)
        self.body_scroll.setWidget(body)
        layout.addWidget(self.body_scroll, 1)

    def _build_buttons(self, layout: QVBoxLayout) -> None:
        ways = FlowLayout()
        self.declined = self._button(self.tr("Prefers not to say"), "prefers_not_to_say", ways)
        self.not_now = self._button(self.tr("Not now"), "not_now", ways)
        self.unknown = self._button(self.tr("Doesn't know"), "does_not_know", ways)
        layout.addSpacing(6)
        layout.addLayout(ways)
        nav = QHBoxLayout()
        self.previous = self._button("← " + self.tr("Previous"), "previous_question", nav)
        nav.addStretch(1)
        forward = FlowLayout(align=Qt.AlignmentFlag.AlignRight)
        self.save = self._button(self.tr("Save and continue"), "answer_next", forward)
        style.set_font(self.save, 14, bold=True)
        self.save.setDefault(True)
        self.next = self._button(self.tr("Next") + " →", "next_question", forward)
        nav.addLayout(forward)
        layout.addLayout(nav)

    def _button(self, label: str, action: str, row: QHBoxLayout | FlowLayout) -> QPushButton:
        button = KeyButton(f"{label}  ({keys_for(action)})")
        button.setAccessibleName(label)
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
        self.editor.edited.connect(self.clear_check_problem)
        self.clear_check_problem()
        if answer is not None and answer.value is not None:
            self.editor.set_value(answer.value)
        self.show_state(answer)
        self._order_tabs(self.editor)
        self.body_scroll.verticalScrollBar().setValue(0)
        self.focus_answer()
        return self.editor

    def _order_tabs(self, editor: AnswerEditor) -> None:
        """The answer first, then the ways out, then Previous, Save and Next, as they read."""
        chain: list[QWidget] = [*editor.focus_widgets(), self.declined, self.not_now,
                                self.unknown, self.previous, self.save, self.next]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        for widget in editor.focus_widgets():
            widget.installEventFilter(self)

    def focus_answer(self) -> None:
        """Put the keyboard on the answer now, or as soon as the panel is on screen."""
        if self.editor is None:
            return
        if not self.isVisible():
            self._focus_pending = True
            return
        self._focus_pending = False
        self.editor.focus_first()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._focus_pending:
            self.focus_answer()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QWidget):
            self.body_scroll.ensureWidgetVisible(watched, 0, 8)  # Tab never lands out of sight
            # Again once the new question is laid out: at 200% the first scroll used the old
            # layout and left the first choice half below the fold.
            QTimer.singleShot(0, watched, partial(self._keep_in_view, watched))
        return False

    def _keep_in_view(self, widget: QWidget) -> None:
        if widget.hasFocus():
            self.body_scroll.ensureWidgetVisible(widget, 0, 8)

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

    def show_check_problem(self, text: str) -> None:
        """Say, by the answer, why the typed value was not saved; screen readers hear it at once
        and again on the answer field."""
        self.check_problem.setText(text)
        self.check_problem.setAccessibleDescription(text)
        self.check_problem.setVisible(True)
        if self.editor is not None:
            for widget in self.editor.focus_widgets():
                widget.setAccessibleDescription(text)
        QAccessible.updateAccessibility(QAccessibleEvent(self.check_problem,
                                                         QAccessible.Event.Alert))
        self.body_scroll.ensureWidgetVisible(self.check_problem, 0, 8)

    def clear_check_problem(self) -> None:
        if not self.check_problem.isVisibleTo(self) and not self.check_problem.text():
            return
        self.check_problem.setText("")
        self.check_problem.setVisible(False)
        if self.editor is not None:
            for widget in self.editor.focus_widgets():
                widget.setAccessibleDescription("")
