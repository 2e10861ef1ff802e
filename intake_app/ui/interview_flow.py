"""Interviews in the main window: start or resume one, autosave it, the person's screen, the end.

The widgets come from ui/interview; the use cases from services (through the worker). The
autosave queue lives here, on the window, not on the page: an answer that could not be saved
yet must survive the page (and a lock), and is never shown as saved while it waits.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication

from intake_app.ui import i18n
from intake_app.ui.i18n import error_text, tr
from intake_app.ui.interview.autosave import AutosaveQueue
from intake_app.ui.worker import Change, ChangeKind

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from intake_app.domain.answers import Answer
    from intake_app.domain.case import InterviewSummary
    from intake_app.domain.protocol import Protocol
    from intake_app.errors import IntakeError
    from intake_app.services.session import Session
    from intake_app.ui.interview.interview_page import InterviewPage
    from intake_app.ui.interview.person_view import PersonView
    from intake_app.ui.interview.start_dialog import StartInterviewDialog
    from intake_app.ui.mainwindow import MainWindow


@dataclass(frozen=True, slots=True)
class LoadedInterview:
    protocol: Protocol
    summary: InterviewSummary
    answers: dict[str, Answer]
    pacing: list[dict[str, Any]]
    agency_name: str | None  # fills {agency} in the protocol's introductions


def _agency_name(s: Session) -> str | None:
    from intake_app.services import agency

    identity = agency.get_identity(s)
    return None if identity is None else identity.name


def _start_interview(
    s: Session, case_id: int, protocol_id: str, language: str,
    enabled: tuple[str, ...] | None = None,
) -> LoadedInterview:
    from intake_app.services import interviews

    iv = interviews.start_chosen(s, case_id, protocol_id, language, enabled)
    return LoadedInterview(interviews.protocol_of(s, iv), iv, {}, [], _agency_name(s))


def _protocol_choices(s: Session, enabled: tuple[str, ...] | None) -> list[Protocol]:
    from intake_app.services import interviews

    return interviews.protocol_choices(s, enabled)


def _load_interview(s: Session, interview_id: int, take_over: bool = False) -> LoadedInterview:
    """InterviewHeldElsewhere while another laptop holds it, unless `take_over`;
    ProtocolNotInstalled when this laptop lacks the guide (in the version) it started under:
    never another guide's questions over its answers."""
    from intake_app.services import interview_hold, interviews

    iv = interviews.get_interview(s, interview_id)
    protocol = interviews.protocol_of(s, iv)  # before holding it: a refusal changes nothing
    if take_over:
        interview_hold.take_over(s, interview_id)
    else:
        interview_hold.hold(s, interview_id)
    iv = interviews.get_interview(s, interview_id)
    return LoadedInterview(protocol, iv, interviews.answers(s, interview_id),
                           interviews.pacing_record(s, interview_id), _agency_name(s))


def _save_pacing(s: Session, interview_id: int, record: list[dict[str, Any]]) -> None:
    from intake_app.services import interviews

    interviews.save_pacing(s, interview_id, record)


def _end_sitting(s: Session, interview_id: int) -> None:
    from intake_app.services import interviews

    interviews.end_sitting(s, interview_id)


class InterviewFlow(QObject):
    """Owned by the main window for its whole life; pages come and go with each interview."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.autosave = AutosaveQueue(window.worker, parent=self)
        self.page: InterviewPage | None = None
        self.person_view: PersonView | None = None
        self.start_dialog: StartInterviewDialog | None = None
        self.take_over_question: QWidget | None = None  # kept: Python must not delete it
        self.autosave.changed.connect(self._show_save_state)

    # --- opening -------------------------------------------------------------------------------
    def start(self, case_id: int) -> None:
        """A new interview for `case_id`: the start dialog asks which guide (among those the
        agency offers this role) and which language (the app's, unless changed)."""
        w = self.window
        enabled = w.policy.protocols_enabled if w.policy is not None else None
        w.worker.run(lambda s: _protocol_choices(s, enabled),
                     lambda choices: self._ask_start(case_id, choices, enabled))

    def _ask_start(self, case_id: int, choices: list[Protocol],
                   enabled: tuple[str, ...] | None) -> None:
        from intake_app.ui.interview.start_dialog import StartInterviewDialog

        w = self.window
        if w.area is None:
            return
        languages = w.policy.interview_languages if w.policy is not None else ("en", "es")
        dialog = StartInterviewDialog(choices, i18n.current_language(), w, languages)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.start_dialog = dialog

        def accepted() -> None:
            protocol_id, language = dialog.chosen()
            w.worker.run(lambda s: _start_interview(s, case_id, protocol_id, language, enabled),
                         self._show, changes=[Change(ChangeKind.CASE, case_id)])

        dialog.accepted.connect(accepted)
        # The keyboard goes back to the main window (and then to the first answer), also where
        # no window manager hands activation back to a dialog's parent.
        dialog.finished.connect(lambda _result: w.activateWindow())
        dialog.destroyed.connect(self._start_dialog_gone)
        dialog.open()

    def _start_dialog_gone(self) -> None:
        self.start_dialog = None

    def resume(self, interview_id: int, *, take_over: bool = False) -> None:
        self.window.worker.run(lambda s: _load_interview(s, interview_id, take_over), self._show,
                               lambda err: self._not_resumed(interview_id, err))

    def _not_resumed(self, interview_id: int, err: IntakeError) -> None:
        from intake_app.services.interview_hold import InterviewHeldElsewhere

        if not isinstance(err, InterviewHeldElsewhere):
            w = self.window
            if w.location.screen == "interview" and w.location.interview_id == interview_id:
                # It never opened (its guide is not installed here...): the case stays where
                # the user is, so a lock and unlock does not try to reopen it.
                w.location = replace(w.location, screen="case", interview_id=None)
            w.worker.failed.emit(err)  # shown like any failed job
            return
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Question, tr("Interview", "In progress elsewhere"),
                          error_text(err), parent=self.window)
        take = box.addButton(tr("Interview", "Take it over"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(tr("Interview", "Leave it there"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(take)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r: self._take_over_answered(
            interview_id, box.clickedButton() is take))
        self.take_over_question = box
        box.open()

    def _take_over_answered(self, interview_id: int, take: bool) -> None:
        self.take_over_question = None
        if take:
            self.resume(interview_id, take_over=True)

    def _show(self, loaded: LoadedInterview) -> None:
        from intake_app.domain.pacing import MonotonicClock
        from intake_app.ui.interview.interview_page import InterviewPage

        w = self.window
        if w.area is None:
            return
        iv = loaded.summary
        answers = dict(loaded.answers)
        for qid, waiting in self.autosave.waiting(iv.id).items():
            if waiting is None:  # typed or undone before a failed save: newer than the database
                answers.pop(qid, None)
            else:
                answers[qid] = waiting
        policy = w.policy
        ui_language = i18n.current_language()
        page = InterviewPage(
            loaded.protocol, iv.language, iv.role.value, answers, MonotonicClock(),
            ui_language=ui_language, earlier_pacing=loaded.pacing,
            policy=policy.pacing if policy is not None else None,
            placeholders={
                "interviewer": w.user.username if w.user else tr("Interview", "your interviewer"),
                "agency": loaded.agency_name or tr("Interview", "our programme"),
            },
            safety_steps=(policy.safety_steps_in(ui_language) if policy is not None else "")
            or tr("Interview", _DEFAULT_SAFETY_STEPS),
        )
        w.location_interview(iv.case_id, iv.id)
        w.area.show_interview(page)
        self.page = page
        iv_id, case_id = iv.id, iv.case_id
        page.destroyed.connect(lambda: self._page_gone(iv_id))
        page.answer_given.connect(lambda qid, answer: self._answer(iv_id, qid, answer))
        page.pacing_changed.connect(
            lambda record: w.worker.run(lambda s: _save_pacing(s, iv_id, record))
        )
        page.interview_finished.connect(lambda: self._end(iv_id, case_id))
        page.end_for_today.connect(lambda: self._end(iv_id, case_id, leave=True))
        page.back_to_case.connect(lambda: w.open_case(case_id))
        page.person_view_requested.connect(lambda: self.open_person_view(iv.language))
        self._show_save_state()

    def _page_gone(self, interview_id: int) -> None:
        del interview_id
        self.page = None

    # --- saving --------------------------------------------------------------------------------
    def _answer(self, interview_id: int, question_id: str, answer: Answer | None) -> None:
        self.autosave.submit(interview_id, question_id, answer)

    def _show_save_state(self) -> None:
        page = self.page
        if page is None:
            return
        queue = self.autosave
        problem = queue.problem
        page.show_save_state(queue.pending, None if problem is None else error_text(problem))

    def _end(self, interview_id: int, case_id: int, *, leave: bool = False) -> None:
        """Complete (the end screen stays) or pause for another day (back to the case)."""
        w = self.window
        w.worker.run(lambda s: _end_sitting(s, interview_id), None,
                     changes=[Change(ChangeKind.CASE, case_id)])
        if leave:
            w.open_case(case_id)

    # --- the person's screen -------------------------------------------------------------------
    def open_person_view(self, language: str) -> None:
        """A second window for the person: only the question, large; on a second screen if any."""
        from intake_app.ui.fit import fit_window
        from intake_app.ui.interview.person_view import PREFERRED, PersonView

        page = self.page
        if page is None:
            return
        if self.person_view is not None:
            self.person_view.raise_()  # in view again, but the keyboard stays with the interviewer
            return
        # Parented to the main window (a separate top-level window all the same): kept alive
        # by Qt, closed with it, and found by lock(), which deletes it.
        view = PersonView(language, self.window)
        view.setProperty("caseData", True)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # The person only reads it: the interviewer's keys (Alt+P, Ctrl+Return...) must keep
        # reaching the interview (seen under openbox: a new window took the keyboard).
        view.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        view.follow(page)
        page.destroyed.connect(view.close)
        view.destroyed.connect(self._person_view_gone)
        self.person_view = view
        screens = QGuiApplication.screens()
        mine = self.window.screen()
        other = next((sc for sc in screens if sc is not mine), None)
        if other is not None:
            view.setGeometry(other.availableGeometry())
            view.showFullScreen()
        else:
            fit_window(view, PREFERRED)  # within this screen (maximized on a small one)
            view.show()

    def _person_view_gone(self) -> None:
        self.person_view = None


_DEFAULT_SAFETY_STEPS = i18n.noop(
    "Interview",
    "1. Ask whether the person is safe in this room and where the danger is. "
    "2. Do not let them leave alone for a place that is not safe: offer shelter tonight. "
    "3. If someone may come here or hurt them now, call your supervisor and, with the "
    "person's agreement, emergency services. "
    "4. Make a safety plan together before the interview ends.",
)
