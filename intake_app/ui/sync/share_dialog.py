"""Share with a partner, or send a referral: choose who and why, see EXACTLY what they will see
(recomputed from live consents by the services), then send. Nothing is queued before "Send",
and "Send" queues what the services recompute at that moment, never this preview.

(Over 400 lines on purpose: one dialog for share and referral whose preview, partner and
purpose choices and send step must agree; split, the rule for what the preview shows would be
read in two places.)
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from intake_app.errors import IntakeError
from intake_app.ui.i18n import error_text, local_datetime, tr
from intake_app.ui.sync import jobs, words
from intake_app.ui.sync.fields_view import FieldsTree
from intake_app.ui.worker import Change, ChangeKind, Worker

if TYPE_CHECKING:
    from intake_app.services.session import Session

T = TypeVar("T")

SHARE, REFERRAL = "share", "referral"


def _hint(role: str = "hint") -> QLabel:
    label = QLabel()
    label.setProperty("role", role)
    label.setWordWrap(True)
    return label


class ShareDialog(QDialog):
    """One case, one recipient, one purpose; `mode` is SHARE or REFERRAL."""

    record_consent_requested = Signal(int)  # case id
    sent = Signal(str)  # the confirmation, in words

    def __init__(
        self, worker: Worker, case_id: int, case_code: str, mode: str = SHARE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.worker = worker
        self.case_id = case_id
        self.case_code = case_code
        self.mode = mode
        self.preview: jobs.PreviewShown | None = None
        self.problem: str | None = None  # an error code from the last preview
        self._asked = 0
        self.setProperty("caseData", True)
        self.setMinimumSize(860, 760 if mode == REFERRAL else 640)
        self._build()
        self.retranslate()
        from intake_app.ui import i18n

        self._language = i18n.current_language()
        self._run(lambda s: jobs.share_choices(s, case_id), self._show_partners, self._fail)
        if mode == REFERRAL:
            self._load_referrals()

    def _run(
        self,
        fn: Callable[[Session], T],
        on_done: Callable[[T], None],
        on_error: Callable[[IntakeError], None],
        *,
        changes: Sequence[Change] = (),
    ) -> None:
        """`worker.run`, dropping answers that arrive after this widget was closed."""

        def done(result: T) -> None:
            if shiboken6.isValid(self):
                on_done(result)

        def failed(err: IntakeError) -> None:
            if shiboken6.isValid(self):
                on_error(err)

        self.worker.run(fn, done, failed, changes=changes)

    # --- building -------------------------------------------------------------------------------
    def _build(self) -> None:
        self.intro = _hint()
        self.recipient = QComboBox()
        self.purpose = QComboBox()
        # (code, words): the listed purposes, then each other purpose a consent names in words.
        self._purposes: list[tuple[str, str | None]] = [
            (code, None) for code in words.PURPOSES if code != "other"]
        for code, _ in self._purposes:
            self.purpose.addItem("", code)
        self.purpose.setCurrentIndex(self._purposes.index((self._default_purpose(), None)))
        self.recipient.currentIndexChanged.connect(self._ask_preview)
        self.purpose.currentIndexChanged.connect(self._ask_preview)
        self.l_recipient = QLabel()
        self.l_recipient.setBuddy(self.recipient)
        self.l_purpose = QLabel()
        self.l_purpose.setBuddy(self.purpose)
        form = QFormLayout()
        form.addRow(self.l_recipient, self.recipient)
        form.addRow(self.l_purpose, self.purpose)

        self.service = QLineEdit()
        self.service.setMaxLength(80)
        self.urgency = QComboBox()
        for code in words.URGENCIES:
            self.urgency.addItem("", code)
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(80)
        self.l_service = QLabel()
        self.l_service.setBuddy(self.service)
        self.l_urgency = QLabel()
        self.l_urgency.setBuddy(self.urgency)
        self.l_note = QLabel()
        self.l_note.setBuddy(self.note)
        self.service.textChanged.connect(self._update_send)
        if self.mode == REFERRAL:
            form.addRow(self.l_service, self.service)
            form.addRow(self.l_urgency, self.urgency)
            form.addRow(self.l_note, self.note)

        self.heading = QLabel()
        self.heading.setProperty("role", "subtitle")
        self.heading.setWordWrap(True)
        self.tree = FieldsTree()
        self.withheld = _hint()
        self.message = _hint("error")
        self.message.hide()
        self.record_consent = QPushButton()
        self.record_consent.hide()
        self.record_consent.clicked.connect(self._record_consent)

        self.earlier_title = QLabel()
        self.earlier_title.setProperty("role", "subtitle")
        self.earlier = QListWidget()
        self.earlier.setMaximumHeight(84)
        self.earlier.setWordWrap(True)

        self.send = QPushButton()
        self.send.setProperty("role", "primary")
        self.send.setEnabled(False)
        self.send.clicked.connect(self._send)
        self.cancel = QPushButton()
        self.cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_consent)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.send)

        root = QVBoxLayout(self)
        root.addWidget(self.intro)
        root.addLayout(form)
        root.addWidget(self.heading)
        root.addWidget(self.message)
        root.addWidget(self.tree, 1)
        # Takes the tree's room while there is nothing to preview (the message stays compact).
        self.filler = QWidget()
        self.filler.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.filler.hide()
        root.addWidget(self.filler, 1)
        root.addWidget(self.withheld)
        if self.mode == REFERRAL:
            root.addWidget(self.earlier_title)
            root.addWidget(self.earlier)
        else:
            self.earlier_title.hide()
            self.earlier.hide()
        root.addLayout(buttons)
        order: list[QWidget] = [self.recipient, self.purpose]
        if self.mode == REFERRAL:
            order += [self.service, self.urgency, self.note]
        order += [self.tree, self.record_consent, self.cancel, self.send]
        for a, b in itertools.pairwise(order):
            QWidget.setTabOrder(a, b)

    # --- partners and preview ---------------------------------------------------------------
    def _default_purpose(self) -> str:
        return "services_referral" if self.mode == REFERRAL else "case_coordination"

    def _covered_choice(self, choices: jobs.ShareChoices) -> tuple[int, int] | None:
        """The first partner (and purpose, the mode's own first) a consent in force covers:
        (partner index, purpose index)."""
        first = (self._default_purpose(), None)
        order = [first, *(p for p in self._purposes if p != first)]
        for i, p in enumerate(choices.partners):
            for code, text in order:
                if (p.agency_id, code, text) in choices.covered:
                    return i, self._purposes.index((code, text))
        return None

    def _add_other_purposes(self, choices: jobs.ShareChoices) -> None:
        """One choice for each other purpose a consent in force names in words."""
        while len(self._purposes) > len(words.PURPOSES) - 1:
            self._purposes.pop()
            self.purpose.removeItem(self.purpose.count() - 1)
        seen: set[str] = set()
        for text in sorted(t for _, code, t in choices.covered if code == "other" and t):
            if text.casefold() not in seen:
                seen.add(text.casefold())
                self._purposes.append(("other", text))
                self.purpose.addItem(words.say_purpose("other", text), "other")

    def _purpose_key(self) -> tuple[str, str | None] | None:
        i = self.purpose.currentIndex()
        return self._purposes[i] if 0 <= i < len(self._purposes) else None

    def _show_partners(self, choices: jobs.ShareChoices) -> None:
        partners = choices.partners
        self.recipient.blockSignals(True)
        self.purpose.blockSignals(True)
        self._add_other_purposes(choices)
        chosen = self._covered_choice(choices)
        self.recipient.clear()
        for p in partners:
            self.recipient.addItem(p.name, p.agency_id)
        self.recipient.setCurrentIndex(0 if partners else -1)
        if chosen is not None:
            self.recipient.setCurrentIndex(chosen[0])
            self.purpose.setCurrentIndex(chosen[1])
        self.recipient.blockSignals(False)
        self.purpose.blockSignals(False)
        if partners and chosen is None:  # opening on a purpose nobody agreed to helps no one
            self._show_problem(tr(
                "Sync",
                "Nothing can be sent: the person has no consent in force for any purpose with "
                "%1. Ask the person, and record their consent first.",
            ).replace("%1", ", ".join(p.name for p in partners)), consent=True)
            return
        if not partners:
            self._show_problem(tr(
                "Sync",
                "There is no confirmed partner agency yet. An administrator adds partners and "
                "confirms their fingerprint words by phone; then you can share.",
            ), consent=False)
            return
        self._ask_preview()

    def _ask_preview(self) -> None:
        recipient = self.recipient.currentData()
        key = self._purpose_key()
        self.preview = None
        self.problem = None
        self._update_send()
        if not recipient or key is None:
            return
        self._asked += 1
        ticket, case_id, language = self._asked, self.case_id, self._language
        (purpose, text) = key
        self.heading.setText(tr("Sync", "Working out what may be shared…"))
        self._run(
            lambda s: jobs.preview(s, case_id, str(recipient), purpose, language, text),
            lambda p: self._show_preview(ticket, p),
            lambda e: self._preview_failed(ticket, e),
        )

    def _show_preview(self, ticket: int, preview: jobs.PreviewShown) -> None:
        if ticket != self._asked:
            return  # an older answer: the user changed the recipient or purpose meanwhile
        self.preview = preview
        self.message.hide()
        self.record_consent.hide()
        self.tree.show_lines(preview.lines)
        self.filler.hide()
        self.tree.show()
        if preview.lines:
            self.heading.setText(
                tr("Sync", "%1 will see exactly this (%2 items):")
                .replace("%1", preview.recipient_name).replace("%2", str(len(preview.lines)))
            )
        else:
            self._show_problem(tr(
                "Sync",
                "The consent in force covers nothing that is recorded in this case yet, so "
                "there is nothing to send.",
            ), consent=True)
        self.withheld.setText(_withheld_text(preview))
        self._update_send()

    def _preview_failed(self, ticket: int, err: IntakeError) -> None:
        if ticket != self._asked:
            return
        self.problem = err.code
        self.tree.show_lines([])
        self.withheld.setText("")
        if err.code == "no_consent":
            name = self.recipient.currentText()
            purpose = self.purpose.currentText()
            self._show_problem(
                tr(
                    "Sync",
                    "Nothing can be sent: the person has not given a consent that is in force "
                    "for %1 and the purpose \"%2\". Ask the person, and record their consent "
                    "first.",
                ).replace("%1", name).replace("%2", purpose),
                consent=True,
            )
        else:
            self._show_problem(error_text(err), consent=False)

    def _show_problem(self, text: str, *, consent: bool) -> None:
        self.heading.setText("")
        self.tree.hide()  # an empty "what they will see" reads like "they will see nothing yet"
        self.filler.show()
        self.message.setText(text)
        self.message.show()
        self.record_consent.setVisible(consent)
        self._update_send()

    def _update_send(self) -> None:
        ok = self.preview is not None and bool(self.preview.lines)
        if self.mode == REFERRAL:
            ok = ok and bool(self.service.text().strip())
        self.send.setEnabled(ok)

    # --- sending ----------------------------------------------------------------------------
    def _send(self) -> None:
        if self.preview is None or not self.preview.lines:
            return
        case_id, recipient = self.case_id, self.preview.recipient_id
        purpose, name = self.preview.purpose, self.preview.recipient_name
        purpose_text = self.preview.purpose_text
        self.send.setEnabled(False)
        changes = [Change(ChangeKind.SHARING, case_id), Change(ChangeKind.CASE, case_id)]

        def done(count: int) -> None:
            self.sent.emit(
                tr("Sync", "Queued for %1: %2 items. They are sent as soon as there is a "
                           "connection, or by a folder export.")
                .replace("%1", name).replace("%2", str(count))
            )
            self.accept()

        if self.mode == REFERRAL:
            service = self.service.text().strip()
            urgency = str(self.urgency.currentData())
            note = self.note.toPlainText().strip()
            self._run(
                lambda s: jobs.send_referral(s, case_id, recipient, purpose, service, urgency,
                                             note, purpose_text),
                done, self._send_failed, changes=changes,
            )
        else:
            self._run(lambda s: jobs.queue_share(s, case_id, recipient, purpose, purpose_text), done,
                            self._send_failed, changes=changes)

    def _send_failed(self, err: IntakeError) -> None:
        # The consent may have changed since the preview: show the fresh answer.
        self._preview_failed(self._asked, err)

    def _record_consent(self) -> None:
        self.record_consent_requested.emit(self.case_id)
        self.reject()

    def _fail(self, err: IntakeError) -> None:
        self._show_problem(error_text(err), consent=False)

    # --- earlier referrals ------------------------------------------------------------------
    def _load_referrals(self) -> None:
        case_id = self.case_id
        self._run(lambda s: jobs.case_referrals(s, case_id), self._show_referrals,
                        self._fail)

    def _show_referrals(self, rows: list[jobs.ReferralShown]) -> None:
        self.earlier.clear()
        for r in reversed(rows):
            line = tr("Sync", "%1 · %2 to %3: %4").replace("%1", local_datetime(r.sent_at)) \
                .replace("%2", r.service).replace("%3", r.recipient_name) \
                .replace("%4", words.say(words.REFERRAL_STATUS, r.status))
            if r.note:
                line += "\n" + tr("Sync", "Their note: %1").replace("%1", r.note)
            self.earlier.addItem(line)
        if not rows:
            self.earlier.addItem(tr("Sync", "No referral sent for this case yet."))

    # --- words ------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        if self.mode == REFERRAL:
            self.setWindowTitle(tr("Sync", "Send a referral — case %1").replace("%1",
                                                                                self.case_code))
            self.intro.setText(tr(
                "Sync",
                "Ask a partner agency to provide a service. The referral carries only what the "
                "person's consent allows for that partner; you see all of it below first.",
            ))
            self.send.setText(tr("Sync", "Send referral"))
        else:
            self.setWindowTitle(tr("Sync", "Share with a partner — case %1").replace(
                "%1", self.case_code))
            self.intro.setText(tr(
                "Sync",
                "Only what the person agreed to share with this partner, for this purpose, "
                "leaves this laptop. Check it below before you send.",
            ))
            self.send.setText(tr("Sync", "Send"))
        self.l_recipient.setText(tr("Sync", "Partner &agency:"))
        self.l_purpose.setText(tr("Sync", "&Purpose:"))
        self.l_service.setText(tr("Sync", "&Service needed:"))
        self.l_urgency.setText(tr("Sync", "&Urgency:"))
        self.l_note.setText(tr("Sync", "N&ote for the partner:"))
        self.service.setPlaceholderText(tr("Sync", "For example: emergency shelter"))
        for i, (code, text) in enumerate(self._purposes):
            self.purpose.setItemText(i, words.say_purpose(code, text))
        for i, code in enumerate(words.URGENCIES):
            self.urgency.setItemText(i, words.say(words.URGENCIES, code))
        self.record_consent.setText(tr("Sync", "Record consent"))
        self.cancel.setText(tr("Sync", "Cancel"))
        self.earlier_title.setText(tr("Sync", "Referrals already sent for this case"))
        for widget, name in (
            (self.recipient, tr("Sync", "Partner agency")),
            (self.purpose, tr("Sync", "Purpose of sharing")),
            (self.service, tr("Sync", "Service needed")),
            (self.urgency, tr("Sync", "Urgency")),
            (self.note, tr("Sync", "Note for the partner")),
            (self.tree, tr("Sync", "What the partner will see")),
            (self.earlier, tr("Sync", "Referrals already sent for this case")),
            (self.send, self.send.text()),
            (self.record_consent, tr("Sync", "Record consent")),
        ):
            widget.setAccessibleName(name)
        self.tree.retranslate()
        if self.preview is not None:
            ticket = self._asked
            self._show_preview(ticket, self.preview)


def _withheld_text(preview: jobs.PreviewShown) -> str:
    """How many items stay, then each one (its label, never its value) and why."""
    if not preview.withheld:
        return ""
    lines = [tr("Sync", "%1 other items of this case stay on this laptop:")
             .replace("%1", str(preview.withheld))]
    lines += [tr("Sync", "• %1: %2").replace("%1", tr("Sync", label))
              .replace("%2", words.say(words.WITHHELD, reason))
              for label, reason in preview.withheld_lines]
    return "\n".join(lines)


def open_share_dialog(
    worker: Worker, case_id: int, case_code: str, mode: str, parent: QWidget | None,
) -> ShareDialog:
    dialog = ShareDialog(worker, case_id, case_code, mode, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
