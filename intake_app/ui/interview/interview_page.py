"""The interview page: sections, one question at a time, prompts, break, minor reminder, end.

(Over 400 lines on purpose: it is one state machine, the question on screen and which of the
four screens shows, and its transitions read best side by side. Its parts live beside it: the
bar, the prompt area and pacing, the minor reminder, the undo bar, the shortcut guard.)

A pure view-model: it receives a protocol, answers and a clock, and reports by signal. The shell
hands each `answer_given` to the autosave queue and tells the page how saving stands with
`show_save_state`; nothing here touches the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from intake_app.domain.answers import Answer, Value
from intake_app.domain.pacing import Clock, PromptKind
from intake_app.domain.policy import PacingPolicy
from intake_app.domain.protocol import LANGUAGES, Protocol, Question, Walk, walk
from intake_app.domain.screening import minor_reminder_due, screen
from intake_app.ui.fit import size_to_current
from intake_app.ui.interview import style
from intake_app.ui.interview.break_screen import BreakScreen
from intake_app.ui.interview.end_screen import EndScreen
from intake_app.ui.interview.interview_bar import InterviewBar
from intake_app.ui.interview.minor_gate import MinorGate
from intake_app.ui.interview.note_panel import NotePanel
from intake_app.ui.interview.pacing_banner import BannerAction
from intake_app.ui.interview.pacing_prompts import PacingPrompts
from intake_app.ui.interview.prompt_area import PromptArea
from intake_app.ui.interview.question_panel import QuestionPanel
from intake_app.ui.interview.section_list import SectionList
from intake_app.ui.interview.translations import ON_BREAK, THANK_YOU, PersonText
from intake_app.ui.shortcut_guard import ShortcutGuard

PACING_POLL_MS = 15_000
# Narrower pages (a small screen, or 200%) give the section list's room to the question.
SECTIONS_BESIDE_QUESTION, SECTIONS_BESIDE_NOTE = 860, 1020
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class InterviewPage(QWidget):
    """Runs one sitting of an interview; nothing here is ever required, not even a name."""

    answer_given = Signal(str, object)  # question id, Answer, or None: an undo cleared it
    pacing_changed = Signal(list)  # the whole prompt record so far, JSON-able
    interview_finished = Signal()
    end_for_today = Signal()
    back_to_case = Signal()
    person_view_requested = Signal()
    person_screen_changed = Signal(str, bool)  # text for the person, is it a question

    def __init__(
        self,
        protocol: Protocol,
        language: str,
        role: str,
        answers: Mapping[str, Answer],
        clock: Clock,
        *,
        parent: QWidget | None = None,
        ui_language: str = "en",
        policy: PacingPolicy | None = None,
        earlier_pacing: Iterable[Mapping[str, Any]] = (),
        today: date | None = None,
        placeholders: Mapping[str, str] | None = None,
        safety_steps: str = "",
        poll_ms: int = PACING_POLL_MS,
    ) -> None:
        super().__init__(parent)
        self.protocol = protocol
        self.language = language
        self.role = role
        self.ui_language = ui_language if ui_language in LANGUAGES else "en"
        self._answers: dict[str, Answer] = dict(answers)
        self._today = today or date.today()
        self._fill = dict(placeholders or {})
        self._safety_steps = safety_steps
        self._person = PersonText(language, protocol)
        self._current: Question | None = None
        self._gated: Question | None = None  # the question the minor reminder stands before
        self._last_change: tuple[str, Answer | None] | None = None  # for undo
        self._person_screen: tuple[str, bool] = ("", False)
        self.setObjectName("interviewRoot")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(style.PAGE_QSS)
        self._build(clock)
        self.pacing = PacingPrompts(protocol, clock, policy, earlier_pacing, language, self.prompts,
                                    self)
        self.pacing.record_changed.connect(self.pacing_changed)
        self.pacing.break_requested.connect(self.start_break)
        self.pacing.end_requested.connect(self._end_today)
        self.pacing.prompt_closed.connect(self._focus_answer)
        self._minor_told = self.pacing.was_taken_or_declined(PromptKind.MINOR_REMINDER)
        self._add_shortcuts()
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self.check_pacing)
        self._poll.start()
        self.pacing.session_started()
        self._go(self._walk().next)

    # --- building ------------------------------------------------------------------------------
    def _build(self, clock: Clock) -> None:
        root = QHBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(0)
        self.protocol_title = title = QLabel(self.protocol.title(self.ui_language))
        title.setObjectName("protocolTitle")
        title.setWordWrap(True)
        style.set_font(title, 12, bold=True)
        left.addWidget(title)
        self.sections = SectionList(self.protocol, self.ui_language)
        self.sections.section_chosen.connect(self.go_to_section)
        left.addWidget(self.sections, 1)
        root.addLayout(left)
        centre = QVBoxLayout()
        self.bar = InterviewBar()
        self.saved = self.bar.saved
        self.note_button = self.bar.note
        self.bar.note.toggled.connect(self._show_note)
        self.bar.person.clicked.connect(self.person_view_requested)
        self.bar.pause.clicked.connect(self.toggle_break)
        self.bar.end.clicked.connect(self._end_today)
        centre.addWidget(self.bar)
        self.undo_bar = self.bar.undo
        self.undo_bar.undo_requested.connect(self.undo)
        self.stack = QStackedWidget()
        self.panel = QuestionPanel(self.language, self.ui_language)
        # Prompts scroll with the question, above it: the ways out and Save/Next stay where they
        # are below, so a prompt appearing never moves a button under the interviewer's click.
        self.prompts = PromptArea()
        self.panel.banner_area.addWidget(self.prompts)
        self.break_screen = BreakScreen(clock, self._person, self.ui_language)
        self.minor_gate = MinorGate(self._person, self.role)
        self.end_screen = EndScreen()
        for page in (self.panel, self.break_screen, self.minor_gate, self.end_screen):
            self.stack.addWidget(page)
        size_to_current(self.stack)  # the hidden end screen never makes the window taller
        centre.addWidget(self.stack, 1)
        root.addLayout(centre, 1)
        self.note = NotePanel()
        self.note.setVisible(False)
        root.addWidget(self.note)

        p = self.panel
        p.declined.clicked.connect(lambda: self.record(Answer.declined()))
        p.not_now.clicked.connect(lambda: self.record(Answer.not_asked()))
        p.unknown.clicked.connect(lambda: self.record(Answer.unknown()))
        p.save.clicked.connect(self.save_and_continue)
        p.previous.clicked.connect(self.go_previous)
        p.next.clicked.connect(self.go_next)
        self.break_screen.resume_requested.connect(self.end_break)
        self.break_screen.end_requested.connect(self._end_today)
        self.minor_gate.go_on.connect(lambda: self._minor_done(BannerAction.TAKEN))
        self.minor_gate.break_requested.connect(lambda: self._minor_done(BannerAction.BREAK))
        self.minor_gate.end_requested.connect(lambda: self._minor_done(BannerAction.END))
        self.end_screen.review_requested.connect(self._review)
        self.end_screen.back_requested.connect(self.back_to_case)

    def _add_shortcuts(self) -> None:
        self.shortcuts = ShortcutGuard(self, {
            "answer_next": self.save_and_continue,
            "prefers_not_to_say": lambda: self.record(Answer.declined()),
            "not_now": lambda: self.record(Answer.not_asked()),
            "does_not_know": lambda: self.record(Answer.unknown()),
            "previous_question": self.go_previous,
            "next_question": self.go_next,
            "interviewer_note": self.note_button.toggle,
            "take_break": self.toggle_break,
            "person_view": self.person_view_requested.emit,
            "end_for_today": self._end_today,
            "undo_answer": self.undo_bar.request_undo,
        }, extra_keys={"answer_next": "Ctrl+Enter"})  # the keypad's Enter

    # --- state ---------------------------------------------------------------------------------
    def answers(self) -> dict[str, Answer]:
        """The answers as this page knows them (including those still being saved)."""
        return dict(self._answers)

    def current_question_id(self) -> str | None:
        return None if self._current is None else self._current.id

    def on_break(self) -> bool:
        return self.stack.currentWidget() is self.break_screen

    def at_minor_reminder(self) -> bool:
        return self.stack.currentWidget() is self.minor_gate

    def is_complete(self) -> bool:
        return self._walk().complete

    def pacing_record(self) -> list[dict[str, Any]]:
        return self.pacing.record()

    def person_screen(self) -> tuple[str, bool]:
        """What the person's screen should show now: (text, is it a question)."""
        return self._person_screen

    def banners(self) -> list[QWidget]:
        """Prompts on screen now (pacing banners and safety alerts)."""
        return self.prompts.shown()

    def _walk(self) -> Walk:
        return walk(self.protocol, self._answers, self.role)

    # --- answering -----------------------------------------------------------------------------
    def record(self, answer: Answer) -> None:
        """Record `answer` for the current question, tell the shell at once, and move on."""
        question = self._current
        if question is None or self.stack.currentWidget() is not self.panel:
            return
        qid = question.id
        self._last_change = (qid, self._answers.get(qid))
        self._answers[qid] = answer
        self.bar.show_save_state(1, None)  # the shell reports the queue's count from here on
        self.answer_given.emit(qid, answer)
        self.pacing.answer_recorded(qid)
        if question.signals_danger(answer):
            self.pacing.safety_alert(question, self._safety_steps or self.tr(
                "Follow your agency's safety procedure before the person leaves."))
        self.undo_bar.offer(qid, self._number(qid), answer)
        self._go(self._after(qid, unanswered_only=True))

    def save_and_continue(self) -> None:
        editor = self.panel.editor
        if self._current is None or editor is None or self.stack.currentWidget() is not self.panel:
            return
        value = editor.value()
        if value is not None:
            if not self._refused_by_check(value):
                self.record(Answer.of(value))
        elif editor.has_unusable_text():
            self.panel.say(self.tr("This does not look complete yet. Check the format shown."))
        elif self._current.id in self._answers:
            self._go(self._after(self._current.id, unanswered_only=True))
        else:
            self.panel.say(
                self.tr(
                    "Nothing entered yet. Type or choose an answer, or use “Prefers not to "
                    "say”, “Not now” or “Doesn't know”. Next moves on without recording."
                )
            )

    def keep_typed(self) -> bool:
        """Before moving away (or locking), record a changed value so nothing typed is lost.
        False when the protocol's check refuses it: it is not recorded, and the panel says why
        (what was saved before stays)."""
        editor = self.panel.editor
        if self._current is None or editor is None:
            return True
        value = editor.value()
        old = self._answers.get(self._current.id)
        if value is not None and (old is None or old.value != value):
            if self._refused_by_check(value):
                return False
            qid = self._current.id
            self._answers[qid] = Answer.of(value)
            self.answer_given.emit(qid, self._answers[qid])
            self.pacing.answer_recorded(qid)
        return True

    def _refused_by_check(self, value: Value) -> bool:
        """Whether the question's check refuses `value`; then the interviewer reads the
        protocol's words (in the app's language, else English) by the answer."""
        question = self._current
        if question is None or question.passes_check(Answer.of(value)):
            return False
        self.panel.show_check_problem(question.check_text(self.ui_language) or self.tr(
            "This answer is outside what the interview guide accepts for this question, so it "
            "was not saved. Check it, or use “Prefers not to say”."))
        return True

    def undo(self, question_id: str | None = None) -> None:
        """Put the last recorded answer back as it was, and return to its question."""
        if self._last_change is None or question_id not in (None, self._last_change[0]):
            return
        qid, previous = self._last_change
        self._last_change = None
        if previous is None:
            self._answers.pop(qid, None)
        else:
            self._answers[qid] = previous
        self.answer_given.emit(qid, previous)
        if self.on_break():
            self.end_break()
        target = next((q for q in self._walk().visible if q.id == qid), None)
        if target is not None:
            self._show(target)
            self.panel.say(self.tr("Undone. The question is open again."))

    def _number(self, qid: str) -> int:
        return self._walk().number(qid)

    def _after(self, qid: str, *, unanswered_only: bool) -> Question | None:
        return self._walk().after(qid, self._answers, unanswered_only=unanswered_only)

    def go_next(self) -> None:
        if self._current is None or self.stack.currentWidget() is not self.panel:
            return
        if self.keep_typed():  # else stay: the check refused the typed value, and says why
            self._go(self._after(self._current.id, unanswered_only=False))

    def go_previous(self) -> None:
        if self.on_break() or self.at_minor_reminder():
            return
        visible = self._walk().visible
        if self._current is None:
            target = visible[-1] if visible else None
        else:
            if not self.keep_typed():
                return
            ids = [q.id for q in visible]
            index = ids.index(self._current.id) if self._current.id in ids else 0
            target = visible[index - 1] if index > 0 else None
        if target is not None:
            self._go(target)

    def go_to_section(self, section_id: str) -> None:
        if self.on_break() or not self.keep_typed():
            return
        in_section = [q for q in self._walk().visible if q.section_id == section_id]
        open_ = [q for q in in_section if q.id not in self._answers]
        if in_section:
            self._go((open_ or in_section)[0])

    def _review(self) -> None:
        visible = self._walk().visible
        if visible:
            self._go(visible[0])

    # --- showing -------------------------------------------------------------------------------
    def _go(self, question: Question | None) -> None:
        """Show `question`, unless the minor reminder must come first; None: the end."""
        if question is None:
            self._finish(self._walk())
            return
        if self._minor_reminder_due(question):
            self._show_minor_reminder(question)
            return
        self._show(question)

    def _show(self, question: Question) -> None:
        w = self._walk()
        was_new_section = self._current is None or self._current.section_id != question.section_id
        self._current = question
        section = self.protocol.section(question.section_id)
        self.prompts.tidy()
        self.panel.show_question(
            question,
            section_title=section.title(self.language),
            section_intro=self._filled(section.intro(self.language)) if was_new_section else None,
            number=w.number(question.id),
            total=len(w.visible),
            answer=self._answers.get(question.id),
        )
        self.stack.setCurrentWidget(self.panel)
        self.prompts.setVisible(True)
        self.sections.update_progress(w.progress, question.section_id)
        self.note.show_note(question, self.ui_language)
        self._set_person(question.text(self.language), is_question=True)
        self.pacing.question_shown(question)
        self._focus_answer()

    def _focus_answer(self) -> None:
        if self.panel.editor is not None and self.stack.currentWidget() is self.panel:
            self.panel.editor.focus_first()

    def _filled(self, text: str | None) -> str | None:
        """Protocol text with {interviewer}, {agency}... filled in ("…" when not given)."""
        if text is None:
            return None
        return _PLACEHOLDER.sub(lambda m: self._fill.get(m.group(1), "…"), text)

    def _finish(self, w: Walk) -> None:
        if not w.complete:
            return
        self._current = None
        result = screen([(self.protocol, self._answers)], self.role, self._today)
        self.end_screen.set_result(result, self.ui_language)
        self.stack.setCurrentWidget(self.end_screen)
        self.prompts.drop_all()  # shown and recorded; moot once the interview is complete
        self.sections.update_progress(w.progress, None)
        self._set_person(self._person(THANK_YOU), is_question=False)
        self.end_screen.back_button.setFocus()
        self.interview_finished.emit()

    def _set_person(self, text: str, *, is_question: bool) -> None:
        self._person_screen = (text, is_question)
        self.person_screen_changed.emit(text, is_question)

    def _show_note(self, visible: bool) -> None:
        self.note.setVisible(visible)
        self._focus_answer()
        self._fit_columns()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        need = SECTIONS_BESIDE_NOTE if self.note.isVisibleTo(self) else SECTIONS_BESIDE_QUESTION
        left = self.width() >= need
        self.protocol_title.setVisible(left)
        self.sections.setVisible(left)

    # --- the minor reminder --------------------------------------------------------------------
    def _minor_reminder_due(self, question: Question) -> bool:
        return not self._minor_told and minor_reminder_due(
            self.protocol, self._answers, self.role, self._today, question)

    def _show_minor_reminder(self, before: Question) -> None:
        self._gated = before
        result = screen([(self.protocol, self._answers)], self.role, self._today)
        self.prompts.drop_all()
        self.prompts.setVisible(False)
        self.minor_gate.show_reminder(result.minor_reminder(self.ui_language) or "")
        self.stack.setCurrentWidget(self.minor_gate)
        self._set_person(self.minor_gate.person_words, is_question=False)
        self.pacing.offered(PromptKind.MINOR_REMINDER)

    def _minor_done(self, action: BannerAction) -> None:
        self._minor_told = True
        self.pacing.outcome(PromptKind.MINOR_REMINDER, taken=action == BannerAction.TAKEN)
        target, self._gated = self._gated, None
        if action == BannerAction.END:
            self._end_today()
        elif target is not None:
            self._show(target)
            if action == BannerAction.BREAK:
                self.start_break()

    # --- prompts -------------------------------------------------------------------------------
    def check_pacing(self) -> None:
        """Ask the pacing engine for timed prompts now due (a timer calls this too)."""
        if self.stack.currentWidget() is self.panel:
            self.pacing.poll()

    # --- breaks and ending ---------------------------------------------------------------------
    def toggle_break(self) -> None:
        if self.on_break():
            self.end_break()
        else:
            self.start_break()

    def start_break(self) -> None:
        if self.on_break():
            return
        self.keep_typed()
        self.pacing.break_started()
        self.break_screen.start()
        self.stack.setCurrentWidget(self.break_screen)
        self.prompts.setVisible(False)
        self.bar.set_on_break(True)
        self._set_person(self._person(ON_BREAK), is_question=False)
        self.break_screen.setFocus()

    def end_break(self) -> None:
        if not self.on_break():
            return
        self.pacing.break_ended()
        self.break_screen.stop()
        self.bar.set_on_break(False)
        self._go(self._current or self._walk().next)

    def _end_today(self) -> None:
        self.keep_typed()
        self._poll.stop()
        self.end_for_today.emit()

    # --- saving --------------------------------------------------------------------------------
    def show_save_state(self, pending: int, problem: str | None) -> None:
        """How saving stands (the autosave queue's count and its last problem, in words)."""
        self.bar.show_save_state(pending, problem)
