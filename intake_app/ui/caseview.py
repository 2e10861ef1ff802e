"""One case: summary, identifying details (hidden until asked), interviews and their answers,
consents, notes, activity.

This module is the page's shell (header, actions, tab wiring, the one load job); each tab lives in
its own module: ui/case_interviews.py, case_answers.py, case_consents.py, case_notes.py,
case_activity.py, case_identity.py."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from intake_app.domain.answer_summary import InterviewAnswers
from intake_app.domain.case import CaseStatus, CaseSummary, InterviewSummary, Note
from intake_app.domain.consent import Consent
from intake_app.errors import IntakeError
from intake_app.services import (
    cases,
    conflicts,
    consents,
    interviews,
    partners,
    retention,
    sharing,
)
from intake_app.services import session as session_svc
from intake_app.services.conflicts import FieldConflict
from intake_app.services.session import Session
from intake_app.ui.case_activity import ActivityLine, ActivityTab
from intake_app.ui.case_answers import CaseAnswers
from intake_app.ui.case_attachments import AttachmentsTab
from intake_app.ui.case_conflicts import ConflictsPanel
from intake_app.ui.case_consents import ConsentsTab
from intake_app.ui.case_hold import LegalHoldBox
from intake_app.ui.case_identity import IdentityTab, reveal
from intake_app.ui.case_interviews import InterviewsTab
from intake_app.ui.case_notes import NotesTab
from intake_app.ui.caselist import status_label
from intake_app.ui.fit import vertical_scroll
from intake_app.ui.flow_layout import FlowLayout
from intake_app.ui.i18n import error_text, local_datetime, relative_time, tr
from intake_app.ui.locking import ClipboardGuard
from intake_app.ui.shortcuts import keys_for
from intake_app.ui.tables import hint_label as _hint
from intake_app.ui.theme import monospace_font
from intake_app.ui.worker import Change, ChangeKind, Worker

TAB_INTERVIEWS, TAB_ANSWERS, TAB_CONSENTS, TAB_NOTES, TAB_FILES, TAB_ACTIVITY, TAB_IDENTITY = (
    range(7))


@dataclass(frozen=True, slots=True)
class CaseBundle:
    """Everything the case view shows, loaded in one worker job (identity excluded)."""

    summary: CaseSummary
    interviews: list[InterviewSummary]
    answers: list[InterviewAnswers]  # identifying values hidden
    consents: list[Consent]
    partner_names: dict[str, str]  # agency id -> name, for the consents' recipients
    notes: list[Note]
    activity: list[ActivityLine]
    conflicts: list[FieldConflict]  # identifying versions withheld until revealed
    may_hold: bool = False  # this user may set or lift the legal hold
    may_share: bool = False  # this user may share and refer (case workers; not an admin)


def load_case(s: Session, case_id: int, code: str | None = None) -> CaseBundle:
    """Runs on the worker. The first load (no code yet) is audited as a view; refreshes are not."""
    summary = cases.open_case(s, case_id) if code is None else cases.find_by_code(s, code)
    names = session_svc.user_names(s)
    activity = [
        ActivityLine(e.at, names.get(e.actor, "") if e.actor is not None else "", e.action)
        for e in cases.case_activity(s, case_id)
    ]
    return CaseBundle(
        replace(summary, preferred_name=None),
        interviews.case_interviews(s, case_id),
        interviews.answer_summary(s, case_id),
        consents.case_consents(s, case_id),
        {p.agency_id: p.name for p in partners.list_partners(s)},
        cases.case_notes(s, case_id),
        activity,
        conflicts.case_conflicts(s, case_id, reveal=False),
        retention.may_manage(s),
        sharing.may_share(s),
    )


class CaseView(QWidget):
    """The case page. Pure view over a CaseBundle; all work goes through the worker."""

    back_requested = Signal()
    start_interview_requested = Signal(int)  # case id
    resume_interview_requested = Signal(int, int)  # case id, interview id
    record_consent_requested = Signal(int)  # case id
    share_requested = Signal(int, str)  # case id, case code
    referral_requested = Signal(int, str)  # case id, case code
    error = Signal(object)  # IntakeError

    def __init__(
        self, worker: Worker, case_id: int, clipboard: ClipboardGuard, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.worker = worker
        self.case_id = case_id
        self._clipboard = clipboard
        self.bundle: CaseBundle | None = None
        self._build()
        self.retranslate()
        worker.changed.connect(self._on_changed)
        worker.run(lambda s: load_case(s, case_id), self._show, self._fail)

    # --- building -------------------------------------------------------------------------------
    def _build(self) -> None:
        self.back = QPushButton()
        self.back.clicked.connect(self.back_requested)
        self.code = QLabel()
        self.code.setProperty("role", "code")
        font = monospace_font(22)
        font.setBold(True)
        self.code.setFont(font)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                          | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.demo = QLabel()
        self.demo.setProperty("role", "demo")
        self.demo.hide()
        self.copy_code = QPushButton()
        self.copy_code.clicked.connect(self._copy_code)
        self.status = QComboBox()
        for s in CaseStatus:
            self.status.addItem("", s)
        self.status.activated.connect(self._status_chosen)
        self.l_status = QLabel()
        self.l_status.setBuddy(self.status)
        self.legal_hold = LegalHoldBox(self.worker, self.case_id)
        self.legal_hold.error.connect(self._fail)
        self.dates = _hint()
        self.start_interview = QPushButton()
        self.start_interview.setProperty("role", "primary")
        self.start_interview.clicked.connect(self._start_interview)
        self.record_consent = QPushButton()
        self.record_consent.clicked.connect(self._record_consent)
        self.share_button = QPushButton()
        self.share_button.clicked.connect(self._share)
        self.refer_button = QPushButton()
        self.refer_button.clicked.connect(self._refer)
        self.message = _hint("error")
        self.message.hide()

        # Rows of buttons wrap, and the whole page scrolls, on a small screen or at 200%.
        top = QHBoxLayout()
        top.addWidget(self.back, 0, Qt.AlignmentFlag.AlignTop)
        actions = FlowLayout(align=Qt.AlignmentFlag.AlignRight)
        for button in (self.start_interview, self.record_consent, self.share_button,
                       self.refer_button):
            actions.addWidget(button)
        top.addLayout(actions, 1)
        head = QHBoxLayout()
        ident = FlowLayout()
        for widget in (self.code, self.demo, self.copy_code):
            ident.addWidget(widget)
        head.addLayout(ident, 1)
        head.addWidget(self.l_status)
        head.addWidget(self.status)
        head.addWidget(self.legal_hold)

        self.tabs = QTabWidget()
        # Identifying details come last: most work on a case never needs them.
        self.interviews_tab = InterviewsTab()
        self.interviews_tab.resume_requested.connect(self._resume)
        self.answers = CaseAnswers(self.worker, self.case_id)
        self.consents_tab = ConsentsTab(self.worker, self.case_id)
        self.notes_tab = NotesTab(self.worker, self.case_id)
        self.files_tab = AttachmentsTab(self.worker, self.case_id)
        self.activity_tab = ActivityTab()
        self.identity_tab = IdentityTab(self.worker, self.case_id)
        self.identity_tab.reveal_requested.connect(self.reveal_identity)
        self.identity_tab.saved.connect(self._saved)
        self.conflicts = ConflictsPanel(self.worker, self.case_id)
        for tab in (self.answers, self.consents_tab, self.notes_tab, self.files_tab,
                    self.identity_tab, self.conflicts):
            tab.error.connect(self._fail)
        for page in (self.interviews_tab, self.answers, self.consents_tab, self.notes_tab,
                     self.files_tab, self.activity_tab, self.identity_tab):
            self.tabs.addTab(page, "")

        content = QWidget()
        scroll = vertical_scroll()
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        layout.addLayout(top)
        layout.addLayout(head)
        layout.addWidget(self.dates)
        layout.addWidget(self.message)
        layout.addWidget(self.conflicts)
        layout.addWidget(self.tabs, 1)

        self.reveal_action = self._action("reveal_identity", self.reveal_identity)
        self.note_action = self._action("add_note", self._focus_note)
        self.copy_action = self._action("copy_code", self._copy_code)
        self.share_action = self._action("share_case", self._share)
        self.start_action = self._action("start_interview", self._start_interview)
        self.consent_action = self._action("record_consent", self._record_consent)
        QWidget.setTabOrder(self.back, self.start_interview)
        QWidget.setTabOrder(self.start_interview, self.record_consent)
        QWidget.setTabOrder(self.record_consent, self.share_button)
        QWidget.setTabOrder(self.share_button, self.refer_button)
        QWidget.setTabOrder(self.refer_button, self.copy_code)
        QWidget.setTabOrder(self.copy_code, self.status)
        QWidget.setTabOrder(self.status, self.legal_hold)
        QWidget.setTabOrder(self.legal_hold, self.tabs)

    def _action(self, name: str, slot: object) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(keys_for(name)))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # --- showing --------------------------------------------------------------------------------
    def _show(self, bundle: CaseBundle) -> None:
        self.bundle = bundle
        s = bundle.summary
        self.code.setText(s.code)
        self.demo.setVisible(s.is_demo)
        self.status.setCurrentIndex(list(CaseStatus).index(s.status))
        self.legal_hold.fill(s.legal_hold, bundle.may_hold)
        self.share_button.setVisible(bundle.may_share)
        self.refer_button.setVisible(bundle.may_share)
        self._fill_dates()
        self.interviews_tab.fill(bundle.interviews)
        self.answers.show_summary(bundle.answers)
        self.consents_tab.fill(bundle.consents, bundle.partner_names)
        self.notes_tab.fill(bundle.notes)
        self.files_tab.reload()
        self.activity_tab.fill(bundle.activity)
        self.conflicts.fill(bundle.conflicts)
        self._update_buttons()

    def _fill_dates(self) -> None:
        if self.bundle is None:
            return
        s = self.bundle.summary
        self.dates.setText(
            tr("CaseView", "Created %1 · Last activity %2")
            .replace("%1", local_datetime(s.created_at))
            .replace("%2", relative_time(s.updated_at))
        )

    def _update_buttons(self) -> None:
        self.interviews_tab.update_buttons()
        self.consents_tab.update_buttons()
        self.notes_tab.update_buttons()

    # --- actions --------------------------------------------------------------------------------
    def _fail(self, err: IntakeError) -> None:
        self.message.setText(error_text(err))
        self.message.show()

    def _on_changed(self, kind: str, ident: int) -> None:
        if kind == ChangeKind.CASE and ident == self.case_id:
            self.reload()

    def reload(self) -> None:
        if self.bundle is None:
            return
        case_id, code = self.case_id, self.bundle.summary.code
        self.worker.run(lambda s: load_case(s, case_id, code), self._show, self._fail)

    def _copy_code(self) -> None:
        if self.bundle is not None:
            self._clipboard.copy(self.bundle.summary.code)

    def _start_interview(self) -> None:
        self.start_interview_requested.emit(self.case_id)

    def _record_consent(self) -> None:
        self.record_consent_requested.emit(self.case_id)

    def _share(self) -> None:
        if self.bundle is not None:
            self.share_requested.emit(self.case_id, self.bundle.summary.code)

    def _refer(self) -> None:
        if self.bundle is not None:
            self.referral_requested.emit(self.case_id, self.bundle.summary.code)

    def _status_chosen(self) -> None:
        status = self.status.currentData()
        if self.bundle is None or status == self.bundle.summary.status:
            return
        case_id = self.case_id
        self.worker.run(lambda s: cases.set_status(s, case_id, status), None, self._fail,
                        changes=[Change(ChangeKind.CASE, case_id)])

    def reveal_identity(self) -> None:
        """Show identifying details: audited in the worker before anything is shown."""
        if self.bundle is None:
            return
        self.tabs.setCurrentIndex(TAB_IDENTITY)
        case_id, code = self.case_id, self.bundle.summary.code
        self.worker.run(lambda s: reveal(s, case_id, code), self.identity_tab.show_identity, self._fail,
                        changes=[Change(ChangeKind.CASE, case_id)])

    def conceal_identity(self) -> None:
        self.identity_tab.conceal()

    @property
    def identity_shown(self) -> bool:
        return self.identity_tab.shown

    def _saved(self) -> None:
        self.message.hide()

    def _resume(self, interview_id: int) -> None:
        self.resume_interview_requested.emit(self.case_id, interview_id)

    def _focus_note(self) -> None:
        self.tabs.setCurrentIndex(TAB_NOTES)
        self.notes_tab.note_edit.setFocus()

    # --- words ----------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.back.setText(tr("CaseView", "← Back to cases"))
        self.demo.setText(tr("CaseView", "DEMO: made-up data"))
        self.copy_code.setText(tr("CaseView", "Copy code"))
        self.l_status.setText(tr("CaseView", "&Status"))
        for i, s in enumerate(CaseStatus):
            self.status.setItemText(i, status_label(s))
        self.start_interview.setText(tr("CaseView", "Start interview"))
        self.record_consent.setText(tr("CaseView", "Record consent"))
        self.share_button.setText(tr("CaseView", "Share…"))
        self.share_button.setToolTip(tr("CaseView", "Share with a partner"))
        self.refer_button.setText(tr("CaseView", "Refer…"))
        self.refer_button.setToolTip(tr("CaseView", "Send a referral"))
        self.share_action.setText(tr("CaseView", "Share with a partner"))
        self.start_action.setText(tr("CaseView", "Start interview"))
        self.consent_action.setText(tr("CaseView", "Record consent"))
        self.tabs.setTabText(TAB_INTERVIEWS, tr("CaseView", "Interviews"))
        self.tabs.setTabText(TAB_ANSWERS, tr("CaseView", "Answers"))
        self.tabs.setTabText(TAB_CONSENTS, tr("CaseView", "Consents"))
        self.tabs.setTabText(TAB_NOTES, tr("CaseView", "Notes"))
        self.tabs.setTabText(TAB_FILES, tr("CaseView", "Files"))
        self.tabs.setTabText(TAB_ACTIVITY, tr("CaseView", "Activity"))
        self.tabs.setTabText(TAB_IDENTITY, tr("CaseView", "Identifying details"))
        refill = self.bundle is not None
        self.identity_tab.retranslate()
        self.legal_hold.retranslate()
        self.interviews_tab.retranslate(refill)
        self.consents_tab.retranslate(refill)
        self.notes_tab.retranslate()
        self.files_tab.retranslate()
        self.activity_tab.retranslate(refill)
        self.conflicts.retranslate()
        self.reveal_action.setText(tr("CaseView", "Show identifying details"))
        self.note_action.setText(tr("CaseView", "Add note"))
        self.copy_action.setText(tr("CaseView", "Copy code"))
        for widget, name in (
            (self.back, tr("CaseView", "Back to cases")), (self.code, tr("CaseView", "Case code")),
            (self.status, tr("CaseView", "Status")), (self.copy_code, tr("CaseView", "Copy code")),
            (self.start_interview, tr("CaseView", "Start interview")),
            (self.record_consent, tr("CaseView", "Record consent")),
            (self.share_button, tr("CaseView", "Share with a partner")),
            (self.refer_button, tr("CaseView", "Send a referral")),
        ):
            widget.setAccessibleName(name)
        self._fill_dates()
        self._update_buttons()
