"""The interview page: sections, one question at a time, pacing banners, break and end screens.

A pure view-model: it receives a protocol, answers and a clock, and reports by signal. The shell
saves each `answer_given` on its database thread, then calls `mark_saved` (or `mark_save_failed`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from intake_app.domain.answers import Answer
from intake_app.domain.pacing import Clock, PacingEngine, Prompt, PromptKind, record_to_json
from intake_app.domain.policy import PacingPolicy
from intake_app.domain.protocol import LANGUAGES, Protocol, Question, Walk, walk
from intake_app.domain.screening import screen
from intake_app.ui.fit import size_to_current
from intake_app.ui.flow_layout import FlowLayout
from intake_app.ui.interview import style
from intake_app.ui.interview.break_screen import BreakScreen
from intake_app.ui.interview.end_screen import EndScreen
from intake_app.ui.interview.note_panel import NotePanel
from intake_app.ui.interview.pacing_banner import BannerAction, PacingBanner
from intake_app.ui.interview.question_panel import QuestionPanel
from intake_app.ui.interview.section_list import SectionList
from intake_app.ui.interview.translations import ON_BREAK, THANK_YOU, PersonText
from intake_app.ui.key_button import KeyButton
from intake_app.ui.shortcuts import keys_for

PACING_POLL_MS = 15_000
# Narrower pages (a small screen, or 200%) give the section list's room to the question.
SECTIONS_BESIDE_QUESTION, SECTIONS_BESIDE_NOTE = 860, 1020
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class InterviewPage(QWidget):
    """Runs one sitting of an interview; nothing here is ever required, not even a name."""

    answer_given = Signal(str, object)  # question id, Answer: save it now (autosave)
    pacing_changed = Signal(list)  # the whole prompt record so far, JSON-able
    interview_finished = Signal()
    end_for_today = Signal()
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
        poll_ms: int = PACING_POLL_MS,
    ) -> None:
        super().__init__(parent)
        self.protocol = protocol
        self.language = language
        self.role = role
        self.ui_language = ui_language if ui_language in LANGUAGES else "en"
        self._answers: dict[str, Answer] = dict(answers)
        self._today = today
        self._fill = dict(placeholders or {})
        self._earlier = [dict(r) for r in earlier_pacing]
        self._person = PersonText(language)
        self._engine = PacingEngine.for_protocol(protocol, clock, policy)
        self._current: Question | None = None
        self._banners: dict[PromptKind, PacingBanner] = {}
        self._person_screen: tuple[str, bool] = ("", False)
        self.setObjectName("interviewRoot")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(style.PAGE_QSS)
        self._build(clock)
        self._add_actions()
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self.check_pacing)
        self._poll.start()
        self._offer(self._engine.session_started())
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
        centre.addLayout(self._build_bar())
        self.stack = QStackedWidget()
        self.panel = QuestionPanel(self.language, self.ui_language)
        # Banners scroll with the question: they never push the answer buttons off-screen.
        self.banner_box, self.banner_area = self.panel.banner_box, self.panel.banner_area
        self.break_screen = BreakScreen(clock, self.language, self.ui_language)
        self.end_screen = EndScreen()
        for page in (self.panel, self.break_screen, self.end_screen):
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
        self.end_screen.review_requested.connect(self._review)

    def _build_bar(self) -> FlowLayout:
        bar = FlowLayout(align=Qt.AlignmentFlag.AlignRight)  # wraps instead of widening the window
        bar.setContentsMargins(24, 6, 24, 2)
        self.saved = QLabel()
        self.saved.setAccessibleName(self.tr("Save status"))
        style.set_font(self.saved, 12)
        bar.addWidget(self.saved)
        self.note_button = self._bar_button(self.tr("Note"), "interviewer_note", bar)
        self.note_button.setCheckable(True)
        self.note_button.toggled.connect(self._show_note)
        person = self._bar_button(self.tr("Person's screen"), "person_view", bar)
        person.clicked.connect(self.person_view_requested)
        self.break_button = self._bar_button(self.tr("Break"), "take_break", bar)
        self.break_button.clicked.connect(self.toggle_break)
        end = self._bar_button(self.tr("End for today"), "end_for_today", bar)
        end.clicked.connect(self._end_today)
        return bar

    def _bar_button(self, label: str, action: str, bar: FlowLayout) -> QPushButton:
        button = KeyButton(f"{label} ({keys_for(action)})")  # drops "(keys)" when narrow
        button.setAccessibleName(label)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        bar.addWidget(button)
        return button

    def _add_actions(self) -> None:
        handlers = {
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
        }
        for name, handler in handlers.items():
            action = QAction(self)
            action.setObjectName(name)
            keys = [QKeySequence(keys_for(name))]
            if name == "answer_next":
                keys.append(QKeySequence("Ctrl+Enter"))  # the keypad's Enter
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _=False, h=handler: h())
            self.addAction(action)

    # --- state ---------------------------------------------------------------------------------
    def answers(self) -> dict[str, Answer]:
        """The answers as this page knows them (including those still being saved)."""
        return dict(self._answers)

    def current_question_id(self) -> str | None:
        return None if self._current is None else self._current.id

    def on_break(self) -> bool:
        return self.stack.currentWidget() is self.break_screen

    def pacing_record(self) -> list[dict[str, Any]]:
        return self._earlier + record_to_json(self._engine.record)

    def person_screen(self) -> tuple[str, bool]:
        """What the person's screen should show now: (text, is it a question)."""
        return self._person_screen

    def _walk(self) -> Walk:
        return walk(self.protocol, self._answers, self.role)

    # --- answering -----------------------------------------------------------------------------
    def record(self, answer: Answer) -> None:
        """Record `answer` for the current question, tell the shell at once, and move on."""
        if self._current is None or self.on_break():
            return
        qid = self._current.id
        self._answers[qid] = answer
        self.saved.setObjectName("savedPending")
        self.saved.setText(self.tr("Saving…"))
        self._restyle(self.saved)
        self.answer_given.emit(qid, answer)
        self._offer(self._engine.answer_recorded(qid))
        self._go(self._after(qid, unanswered_only=True))

    def save_and_continue(self) -> None:
        editor = self.panel.editor
        if self._current is None or editor is None or self.on_break():
            return
        value = editor.value()
        if value is not None:
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

    def keep_typed(self) -> None:
        """Before moving away (or locking), record a changed value so nothing typed is lost."""
        editor = self.panel.editor
        if self._current is None or editor is None:
            return
        value = editor.value()
        old = self._answers.get(self._current.id)
        if value is not None and (old is None or old.value != value):
            qid = self._current.id
            self._answers[qid] = Answer.of(value)
            self.answer_given.emit(qid, self._answers[qid])
            self._offer(self._engine.answer_recorded(qid))

    def _after(self, qid: str, *, unanswered_only: bool) -> Question | None:
        w = self._walk()
        ids = [q.id for q in w.visible]
        start = ids.index(qid) + 1 if qid in ids else 0
        for q in w.visible[start:]:
            if not unanswered_only or q.id not in self._answers:
                return q
        return w.next  # back to the first question still open, or None when complete

    def go_next(self) -> None:
        if self._current is None or self.on_break():
            return
        self.keep_typed()
        self._go(self._after(self._current.id, unanswered_only=False))

    def go_previous(self) -> None:
        if self.on_break():
            return
        visible = self._walk().visible
        if self._current is None:
            target = visible[-1] if visible else None
        else:
            self.keep_typed()
            ids = [q.id for q in visible]
            index = ids.index(self._current.id) if self._current.id in ids else 0
            target = visible[index - 1] if index > 0 else None
        if target is not None:
            self._go(target)

    def go_to_section(self, section_id: str) -> None:
        if self.on_break():
            return
        self.keep_typed()
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
        w = self._walk()
        if question is None:
            self._finish(w)
            return
        was_new_section = self._current is None or self._current.section_id != question.section_id
        self._current = question
        section = self.protocol.section(question.section_id)
        ids = [q.id for q in w.visible]
        self.panel.show_question(
            question,
            section_title=section.title(self.language),
            section_intro=self._filled(section.intro(self.language)) if was_new_section else None,
            number=ids.index(question.id) + 1,
            total=len(ids),
            answer=self._answers.get(question.id),
        )
        self.stack.setCurrentWidget(self.panel)
        self.banner_box.setVisible(True)
        self.sections.update_progress(w.progress, question.section_id)
        self.note.show_note(question, self.ui_language)
        self._set_person(question.text(self.language), is_question=True)
        self._offer(
            self._engine.question_shown(question.id, question.section_id, question.sensitivity)
        )

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
        for kind in list(self._banners):
            self._drop_banner(kind)  # shown and recorded; moot once the interview is complete
        self.sections.update_progress(w.progress, None)
        self._set_person(self._person(THANK_YOU), is_question=False)
        self.interview_finished.emit()

    def _set_person(self, text: str, *, is_question: bool) -> None:
        self._person_screen = (text, is_question)
        self.person_screen_changed.emit(text, is_question)

    def _show_note(self, visible: bool) -> None:
        self.note.setVisible(visible)
        self._fit_columns()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        need = SECTIONS_BESIDE_NOTE if self.note.isVisibleTo(self) else SECTIONS_BESIDE_QUESTION
        left = self.width() >= need
        self.protocol_title.setVisible(left)
        self.sections.setVisible(left)

    # --- saving --------------------------------------------------------------------------------
    def mark_saved(self, question_id: str) -> None:
        """The shell's autosave for `question_id` has committed."""
        del question_id  # the indicator speaks about the latest answer
        self.saved.setObjectName("savedOk")
        self.saved.setText(self.tr("Saved ✓"))
        self._restyle(self.saved)

    def mark_save_failed(self, question_id: str) -> None:
        """The shell could not save `question_id` yet (it retries)."""
        del question_id
        self.saved.setObjectName("savedPending")
        self.saved.setText(self.tr("Not saved — retrying"))
        self._restyle(self.saved)

    @staticmethod
    def _restyle(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    # --- pacing --------------------------------------------------------------------------------
    def check_pacing(self) -> None:
        """Ask the pacing engine for timed prompts now due (a timer calls this too)."""
        self._offer(self._engine.poll())

    def _offer(self, prompts: list[Prompt]) -> None:
        if not prompts:
            return
        for prompt in prompts:
            self._drop_banner(prompt.kind)
            banner = PacingBanner(prompt.kind, self.language)
            banner.acted.connect(self._banner_acted)
            self._banners[prompt.kind] = banner
            self.banner_area.addWidget(banner)
            banner.show()  # adding to a shown layout would show it only on the next event loop
        self.pacing_changed.emit(self.pacing_record())

    def _drop_banner(self, kind: PromptKind) -> None:
        banner = self._banners.pop(kind, None)
        if banner is not None:
            banner.hide()
            self.banner_area.removeWidget(banner)
            banner.deleteLater()

    def banners(self) -> list[PacingBanner]:
        """Pacing banners on screen now."""
        return [b for b in self._banners.values() if not b.isHidden()]

    def _banner_acted(self, kind: PromptKind, action: str) -> None:
        self._drop_banner(kind)
        if action == BannerAction.DISMISSED:
            self._engine.prompt_dismissed(kind)
        else:
            self._engine.prompt_taken(kind)
        self.pacing_changed.emit(self.pacing_record())
        if action == BannerAction.BREAK:
            self.start_break()
        elif action == BannerAction.END:
            self._end_today()

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
        self._engine.break_started()
        for kind in (PromptKind.BREAK, PromptKind.PAUSE):
            self._drop_banner(kind)
        self.break_screen.start()
        self.stack.setCurrentWidget(self.break_screen)
        self.banner_box.setVisible(False)
        resume = self.tr("Resume")
        self.break_button.setText(f"{resume} ({keys_for('take_break')})")
        self._set_person(self._person(ON_BREAK), is_question=False)

    def end_break(self) -> None:
        if not self.on_break():
            return
        self._engine.break_ended()
        self.break_screen.stop()
        label = self.tr("Break")
        self.break_button.setText(f"{label} ({keys_for('take_break')})")
        self._go(self._current or self._walk().next)

    def _end_today(self) -> None:
        self.keep_typed()
        self._poll.stop()
        self.end_for_today.emit()
