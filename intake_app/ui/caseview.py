"""One case: summary, identifying details (hidden until asked), interviews and their answers,
consents, notes, activity.

Over 400 lines: one screen with six tabs; the answer summary tab lives in ui/case_answers.py."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from intake_app.domain.answer_summary import InterviewAnswers
from intake_app.domain.case import CaseStatus, CaseSummary, Identity, InterviewSummary, Note
from intake_app.domain.consent import Consent, day_of, format_day
from intake_app.errors import IntakeError
from intake_app.services import cases, consents, interviews, partners, sharing
from intake_app.services import session as session_svc
from intake_app.services.session import Session
from intake_app.ui.case_answers import CaseAnswers
from intake_app.ui.caselist import status_label
from intake_app.ui.flow_layout import FlowLayout
from intake_app.ui.i18n import error_text, local_datetime, noop, relative_time, tr
from intake_app.ui.locking import ClipboardGuard
from intake_app.ui.shortcuts import keys_for
from intake_app.ui.tables import hint_label as _hint
from intake_app.ui.tables import read_only_item as _item
from intake_app.ui.tables import read_only_table as _table
from intake_app.ui.theme import monospace_font
from intake_app.ui.worker import Change, ChangeKind, Worker

# Audit action -> plain words. Unknown actions show as they are (never hidden).
ACTIONS: dict[str, str] = {
    "case.create": noop("CaseView", "Case created"),
    "case.view": noop("CaseView", "Case opened"),
    "case.reveal_identity": noop("CaseView", "Identifying details shown"),
    "case.edit_identity": noop("CaseView", "Identifying details changed"),
    "case.edit": noop("CaseView", "Preferred name changed"),
    "case.status": noop("CaseView", "Status changed"),
    "case.delete": noop("CaseView", "Case deleted"),
    "note.create": noop("CaseView", "Note added"),
    "note.edit": noop("CaseView", "Note changed"),
    "note.delete": noop("CaseView", "Note deleted"),
    "interview.start": noop("CaseView", "Interview started"),
    "interview.open": noop("CaseView", "Interview reopened"),
    "interview.paused": noop("CaseView", "Interview paused, to continue another day"),
    "interview.complete": noop("CaseView", "Interview completed"),
    "answer.record": noop("CaseView", "Answer saved"),
    "answer.clear": noop("CaseView", "Answer undone"),
    "consent.give": noop("CaseView", "Consent recorded"),
    "consent.withdraw": noop("CaseView", "Consent withdrawn"),
    "share.preview": noop("CaseView", "Share previewed (nothing sent)"),
    "share.queue": noop("CaseView", "Shared with a partner"),
    "referral.send": noop("CaseView", "Referral sent"),
    "consent.withdrawal.queue": noop("CaseView", "Partner told that consent was withdrawn"),
    "inbound.referral_accepted": noop("CaseView", "Partner accepted the referral"),
    "inbound.referral_declined": noop("CaseView", "Partner declined the referral"),
}
PURPOSES: dict[str, str] = {
    "services_referral": noop("CaseView", "Referral to services"),
    "law_enforcement": noop("CaseView", "Law enforcement"),
    "case_coordination": noop("CaseView", "Case coordination"),
}
CATEGORIES: dict[str, str] = {  # in the consent dialog's order
    "identity": noop("CaseView", "Identity (identifying)"),
    "contact": noop("CaseView", "Contact (identifying)"),
    "experience": noop("CaseView", "Experience"),
    "needs": noop("CaseView", "Needs"),
    "safety": noop("CaseView", "Safety"),
    "immigration": noop("CaseView", "Immigration (identifying)"),
}
INTERVIEW_STATUS: dict[str, str] = {
    "open": noop("CaseView", "in progress"),
    "paused": noop("CaseView", "paused"),
    "complete": noop("CaseView", "complete"),
}
TAB_INTERVIEWS, TAB_ANSWERS, TAB_CONSENTS, TAB_NOTES, TAB_ACTIVITY, TAB_IDENTITY = range(6)
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "es": "Español"}


def expiry_text(consent: Consent) -> str:
    """The consent's last day as recorded: the day typed in the consent dialog."""
    return format_day(day_of(consent.expires_at))


@dataclass(frozen=True, slots=True)
class ActivityLine:
    at: str
    who: str
    action: str


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
    )


@dataclass(frozen=True, slots=True)
class RevealedIdentity:
    preferred_name: str | None
    identity: Identity


def reveal(s: Session, case_id: int, code: str) -> RevealedIdentity:
    ident = cases.reveal_identity(s, case_id)  # audited
    return RevealedIdentity(cases.find_by_code(s, code).preferred_name, ident)


def save_identity(s: Session, case_id: int, name: str | None, ident: Identity, old_name: str | None) -> None:
    cases.update_identity(s, case_id, ident)
    if name != old_name:
        cases.set_preferred_name(s, case_id, name)


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
        self._revealed: RevealedIdentity | None = None
        self._editing_note: int | None = None
        self._withdrawing: int | None = None
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

        self.tabs = QTabWidget()
        # Identifying details come last: most work on a case never needs them.
        self.tabs.addTab(self._build_interviews(), "")
        self.answers = CaseAnswers(self.worker, self.case_id)
        self.answers.error.connect(self._fail)
        self.tabs.addTab(self.answers, "")
        self.tabs.addTab(self._build_consents(), "")
        self.tabs.addTab(self._build_notes(), "")
        self.tabs.addTab(self._build_activity(), "")
        self.tabs.addTab(self._build_identity(), "")

        content = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        layout.addLayout(top)
        layout.addLayout(head)
        layout.addWidget(self.dates)
        layout.addWidget(self.message)
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
        QWidget.setTabOrder(self.status, self.tabs)

    def _action(self, name: str, slot: object) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(keys_for(name)))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_identity(self) -> QWidget:
        page = QWidget()
        self.id_hidden = _hint()
        self.reveal_button = QPushButton()
        self.reveal_button.clicked.connect(self.reveal_identity)
        self.id_form_box = QFrame()
        self.id_form_box.setProperty("role", "card")
        self.id_form_box.hide()
        self.id_warning = _hint("identifying")
        self.f_name = QLineEdit()
        self.f_legal = QLineEdit()
        self.f_dob = QLineEdit()
        self.f_contact = QLineEdit()
        self.f_immigration = QLineEdit()
        self.id_labels = [QLabel() for _ in range(5)]
        form = QFormLayout()
        fields = (self.f_name, self.f_legal, self.f_dob, self.f_contact, self.f_immigration)
        for label, field in zip(self.id_labels, fields, strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        self.save_identity = QPushButton()
        self.save_identity.setProperty("role", "primary")
        self.save_identity.clicked.connect(self._save_identity)
        self.hide_identity = QPushButton()
        self.hide_identity.clicked.connect(self.conceal_identity)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_identity)
        buttons.addWidget(self.hide_identity)
        buttons.addStretch(1)
        inner = QVBoxLayout(self.id_form_box)
        inner.addWidget(self.id_warning)
        inner.addLayout(form)
        inner.addLayout(buttons)
        layout = QVBoxLayout(page)
        layout.addWidget(self.id_hidden)
        layout.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.id_form_box)
        layout.addStretch(1)
        return page

    def _build_interviews(self) -> QWidget:
        page = QWidget()
        self.interviews = _table(4)
        self.interviews_empty = _hint()
        self.resume = QPushButton()
        self.resume.clicked.connect(self._resume)
        self.interviews.itemSelectionChanged.connect(self._update_buttons)
        self.interviews.itemActivated.connect(lambda _item: self._resume())
        layout = QVBoxLayout(page)
        layout.addWidget(self.interviews_empty)
        layout.addWidget(self.interviews, 1)
        layout.addWidget(self.resume, 0, Qt.AlignmentFlag.AlignLeft)
        return page

    def _build_consents(self) -> QWidget:
        page = QWidget()
        self.consents = _table(5)
        self.consents_empty = _hint()
        self.withdraw = QPushButton()
        self.withdraw.setProperty("role", "danger")
        self.withdraw.clicked.connect(self._ask_withdraw)
        self.confirm_box = QFrame()
        self.confirm_box.setProperty("role", "card")
        self.confirm_text = _hint()
        self.confirm_yes = QPushButton()
        self.confirm_yes.setProperty("role", "danger")
        self.confirm_yes.clicked.connect(self._withdraw_confirmed)
        self.confirm_no = QPushButton()
        self.confirm_no.clicked.connect(self._withdraw_cancelled)
        row = QHBoxLayout(self.confirm_box)
        row.addWidget(self.confirm_text, 1)
        row.addWidget(self.confirm_yes)
        row.addWidget(self.confirm_no)
        self.confirm_box.hide()
        self.consents.itemSelectionChanged.connect(self._update_buttons)
        layout = QVBoxLayout(page)
        layout.addWidget(self.consents_empty)
        layout.addWidget(self.consents, 1)
        layout.addWidget(self.withdraw, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.confirm_box)
        return page

    def _build_notes(self) -> QWidget:
        page = QWidget()
        self.notes = QListWidget()
        self.notes.setWordWrap(True)
        self.notes.itemSelectionChanged.connect(self._update_buttons)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setMaximumHeight(120)
        self.note_edit.textChanged.connect(self._update_buttons)
        self.save_note = QPushButton()
        self.save_note.setProperty("role", "primary")
        self.save_note.clicked.connect(self._save_note)
        self.edit_note = QPushButton()
        self.edit_note.clicked.connect(self._start_edit_note)
        self.cancel_note = QPushButton()
        self.cancel_note.clicked.connect(self._cancel_note)
        buttons = QHBoxLayout()
        for b in (self.save_note, self.edit_note, self.cancel_note):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.l_note = QLabel()
        self.l_note.setBuddy(self.note_edit)
        layout = QVBoxLayout(page)
        layout.addWidget(self.notes, 1)
        layout.addWidget(self.l_note)
        layout.addWidget(self.note_edit)
        layout.addLayout(buttons)
        return page

    def _build_activity(self) -> QWidget:
        page = QWidget()
        self.activity = _table(3)
        self.activity_hint = _hint()
        layout = QVBoxLayout(page)
        layout.addWidget(self.activity_hint)
        layout.addWidget(self.activity, 1)
        return page

    # --- showing --------------------------------------------------------------------------------
    def _show(self, bundle: CaseBundle) -> None:
        self.bundle = bundle
        s = bundle.summary
        self.code.setText(s.code)
        self.demo.setVisible(s.is_demo)
        self.status.setCurrentIndex(list(CaseStatus).index(s.status))
        self._fill_dates()
        self._fill_interviews()
        self.answers.show_summary(bundle.answers)
        self._fill_consents()
        self._fill_notes()
        self._fill_activity()
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

    def _fill_interviews(self) -> None:
        rows = self.bundle.interviews if self.bundle else []
        self.interviews.setRowCount(len(rows))
        for r, iv in enumerate(rows):
            status = INTERVIEW_STATUS.get(iv.status)
            values = (
                iv.protocol_id.replace("_", " "),
                LANGUAGE_NAMES.get(iv.language, iv.language),
                tr("CaseView", status) if status else iv.status,
                str(iv.answered),
            )
            for c, text in enumerate(values):
                item = _item(text)
                item.setData(Qt.ItemDataRole.UserRole, iv.id)
                self.interviews.setItem(r, c, item)
        self.interviews_empty.setVisible(not rows)

    def _fill_consents(self) -> None:
        rows = self.bundle.consents if self.bundle else []
        now = datetime.now(UTC)
        self.consents.setRowCount(len(rows))
        for r, c in enumerate(rows):
            if c.withdrawn_at is not None:
                state = tr("CaseView", "withdrawn")
            elif c.is_live(now):
                state = tr("CaseView", "in force")
            else:
                state = tr("CaseView", "expired")
            purpose = PURPOSES.get(c.purpose.value)
            order = list(CATEGORIES)
            cats = ", ".join(
                tr("CaseView", CATEGORIES[k.value]) if k.value in CATEGORIES else k.value
                for k in sorted(c.categories, key=lambda k: order.index(k.value)
                                if k.value in order else len(order))
            )
            names = self.bundle.partner_names if self.bundle else {}
            recipient = names.get(c.recipient_id) or tr(
                "CaseView", "An agency no longer among the partners")
            values = (
                tr("CaseView", purpose) if purpose else c.purpose.value, recipient, cats,
                expiry_text(c), state,
            )
            for col, text in enumerate(values):
                item = _item(text)
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                item.setData(Qt.ItemDataRole.UserRole + 1, c.withdrawn_at is None and c.is_live(now))
                self.consents.setItem(r, col, item)
        self.consents_empty.setVisible(not rows)

    def _fill_notes(self) -> None:
        self.notes.clear()
        for note in self.bundle.notes if self.bundle else []:
            who = note.author or ""
            head = f"{local_datetime(note.created_at)} · {who}" if who else local_datetime(note.created_at)
            item = QListWidgetItem(f"{head}\n{note.body}")
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            self.notes.addItem(item)

    def _fill_activity(self) -> None:
        rows = self.bundle.activity if self.bundle else []
        self.activity.setRowCount(len(rows))
        for r, line in enumerate(rows):
            words = ACTIONS.get(line.action)
            values = (local_datetime(line.at), line.who, tr("CaseView", words) if words else line.action)
            for c, text in enumerate(values):
                self.activity.setItem(r, c, _item(text))

    def _update_buttons(self) -> None:
        self.resume.setEnabled(bool(self.interviews.selectedItems()))
        live = self.consents.selectedItems()
        self.withdraw.setEnabled(bool(live) and bool(live[0].data(Qt.ItemDataRole.UserRole + 1)))
        self.edit_note.setEnabled(bool(self.notes.selectedItems()) and self._editing_note is None)
        self.save_note.setEnabled(bool(self.note_edit.toPlainText().strip()))
        self.cancel_note.setVisible(self._editing_note is not None)

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
        self.worker.run(lambda s: reveal(s, case_id, code), self._show_identity, self._fail,
                        changes=[Change(ChangeKind.CASE, case_id)])

    def _show_identity(self, revealed: RevealedIdentity) -> None:
        self._revealed = revealed
        ident = revealed.identity
        self.f_name.setText(revealed.preferred_name or "")
        self.f_legal.setText(ident.legal_name or "")
        self.f_dob.setText(ident.date_of_birth or "")
        self.f_contact.setText(ident.contact or "")
        self.f_immigration.setText(ident.immigration or "")
        self.id_hidden.hide()
        self.reveal_button.hide()
        self.id_form_box.show()
        self.f_name.setFocus()

    def conceal_identity(self) -> None:
        self._revealed = None
        for field in (self.f_name, self.f_legal, self.f_dob, self.f_contact, self.f_immigration):
            field.clear()
        self.id_form_box.hide()
        self.id_hidden.show()
        self.reveal_button.show()

    @property
    def identity_shown(self) -> bool:
        return self._revealed is not None

    def _save_identity(self) -> None:
        if self._revealed is None:
            return

        def value(edit: QLineEdit) -> str | None:
            return edit.text().strip() or None

        ident = Identity(value(self.f_legal), value(self.f_dob), value(self.f_contact),
                         value(self.f_immigration))
        name, old, case_id = value(self.f_name), self._revealed.preferred_name, self.case_id
        self._revealed = RevealedIdentity(name, ident)
        self.worker.run(lambda s: save_identity(s, case_id, name, ident, old), self._saved, self._fail,
                        changes=[Change(ChangeKind.CASE, case_id)])

    def _saved(self, _result: object) -> None:
        self.message.hide()

    def _resume(self) -> None:
        items = self.interviews.selectedItems()
        if items:
            self.resume_interview_requested.emit(self.case_id, int(items[0].data(Qt.ItemDataRole.UserRole)))

    def _ask_withdraw(self) -> None:
        items = self.consents.selectedItems()
        if not items:
            return
        self._withdrawing = int(items[0].data(Qt.ItemDataRole.UserRole))
        self.confirm_box.show()
        self.confirm_no.setFocus()

    def _withdraw_confirmed(self) -> None:
        consent_id, case_id = self._withdrawing, self.case_id
        self._withdraw_cancelled()
        if consent_id is None:
            return
        # Through sharing, so every partner that received data under it is told (same transaction).
        self.worker.run(lambda s: sharing.withdraw_consent(s, consent_id), None, self._fail,
                        changes=[Change(ChangeKind.CONSENT, consent_id), Change(ChangeKind.CASE, case_id),
                                 Change(ChangeKind.SHARING, case_id)])

    def _withdraw_cancelled(self) -> None:
        self._withdrawing = None
        self.confirm_box.hide()

    def _focus_note(self) -> None:
        self.tabs.setCurrentIndex(TAB_NOTES)
        self.note_edit.setFocus()

    def _start_edit_note(self) -> None:
        items = self.notes.selectedItems()
        if not items or self.bundle is None:
            return
        note_id = int(items[0].data(Qt.ItemDataRole.UserRole))
        note = next((n for n in self.bundle.notes if n.id == note_id), None)
        if note is None:
            return
        self._editing_note = note_id
        self.note_edit.setPlainText(note.body)
        self.note_edit.setFocus()
        self.retranslate()

    def _cancel_note(self) -> None:
        self._editing_note = None
        self.note_edit.clear()
        self.retranslate()

    def _save_note(self) -> None:
        body = self.note_edit.toPlainText().strip()
        if not body:
            return
        case_id, note_id = self.case_id, self._editing_note
        changes = [Change(ChangeKind.CASE, case_id)]
        if note_id is None:
            self.worker.run(lambda s: cases.add_note(s, case_id, body), None, self._fail, changes=changes)
        else:
            self.worker.run(lambda s: cases.edit_note(s, note_id, body), None, self._fail, changes=changes)
        self._cancel_note()

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
        self.tabs.setTabText(TAB_ACTIVITY, tr("CaseView", "Activity"))
        self.tabs.setTabText(TAB_IDENTITY, tr("CaseView", "Identifying details"))
        self.id_hidden.setText(tr(
            "CaseView",
            "Identifying details are hidden. Nothing about the person is needed to work on "
            "this case. Showing them is recorded in the audit log.",
        ))
        self.reveal_button.setText(tr("CaseView", "Show identifying details"))
        self.id_warning.setText(tr(
            "CaseView", "Identifying details: every field is optional. Leave blank what the person did not give."
        ))
        labels = (
            tr("CaseView", "Preferred name"),
            tr("CaseView", "Legal name (identifying)"),
            tr("CaseView", "Date of birth (identifying)"),
            tr("CaseView", "Contact (identifying)"),
            tr("CaseView", "Immigration details (identifying)"),
        )
        fields = (self.f_name, self.f_legal, self.f_dob, self.f_contact, self.f_immigration)
        for label, field, text in zip(self.id_labels, fields, labels, strict=True):
            label.setText(text)
            field.setAccessibleName(text)
        self.save_identity.setText(tr("CaseView", "Save details"))
        self.hide_identity.setText(tr("CaseView", "Hide details"))
        self.interviews.setHorizontalHeaderLabels([
            tr("CaseView", "Protocol"), tr("CaseView", "Language"),
            tr("CaseView", "Status"), tr("CaseView", "Answered"),
        ])
        self.interviews_empty.setText(tr("CaseView", "No interviews yet."))
        self.resume.setText(tr("CaseView", "Resume interview"))
        self.consents.setHorizontalHeaderLabels([
            tr("CaseView", "Purpose"), tr("CaseView", "Recipient"), tr("CaseView", "Categories"),
            tr("CaseView", "Expires"), tr("CaseView", "State"),
        ])
        self.consents_empty.setText(tr("CaseView", "No consent recorded. Nothing can be shared."))
        self.withdraw.setText(tr("CaseView", "Withdraw consent"))
        self.confirm_text.setText(tr(
            "CaseView", "Withdraw this consent? Partners who received data will be told."
        ))
        self.confirm_yes.setText(tr("CaseView", "Yes, withdraw"))
        self.confirm_no.setText(tr("CaseView", "Cancel"))
        self.l_note.setText(tr("CaseView", "Edit &note") if self._editing_note is not None
                            else tr("CaseView", "New &note"))
        self.save_note.setText(tr("CaseView", "Save note") if self._editing_note is not None
                               else tr("CaseView", "Add note"))
        self.edit_note.setText(tr("CaseView", "Edit selected note"))
        self.cancel_note.setText(tr("CaseView", "Cancel"))
        self.activity.setHorizontalHeaderLabels([
            tr("CaseView", "When"), tr("CaseView", "Who"), tr("CaseView", "What"),
        ])
        self.activity_hint.setText(tr("CaseView", "Everything done with this case, newest first."))
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
            (self.reveal_button, tr("CaseView", "Show identifying details")),
            (self.interviews, tr("CaseView", "Interviews")), (self.consents, tr("CaseView", "Consents")),
            (self.notes, tr("CaseView", "Notes")), (self.note_edit, tr("CaseView", "Note text")),
            (self.activity, tr("CaseView", "Activity")),
        ):
            widget.setAccessibleName(name)
        self._fill_dates()
        if self.bundle is not None:
            self._fill_interviews()
            self._fill_consents()
            self._fill_activity()
        self._update_buttons()
