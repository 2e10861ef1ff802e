"""The case page's Consents tab: the case's consents, and withdrawing one (partners are told);
below them the person's two lists (case_consent_lists.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from intake_app.domain.consent import Consent, day_of, format_day
from intake_app.errors import IntakeError
from intake_app.services import receipt, sharing
from intake_app.ui.case_consent_lists import ConsentLists
from intake_app.ui.i18n import noop, tr
from intake_app.ui.interview.consent_print import start_folder
from intake_app.ui.receipt_pdf import save_receipt
from intake_app.ui.tables import hint_label as _hint
from intake_app.ui.tables import read_only_item as _item
from intake_app.ui.tables import read_only_table as _table
from intake_app.ui.worker import Change, ChangeKind, Worker

PURPOSES: dict[str, str] = {
    "services_referral": noop("CaseView", "Referral to services"),
    "law_enforcement": noop("CaseView", "Law enforcement"),
    "case_coordination": noop("CaseView", "Case coordination"),
    "other": noop("CaseView", "Other: %1"),
}
CATEGORIES: dict[str, str] = {  # in the consent dialog's order
    "identity": noop("CaseView", "Identity (identifying)"),
    "contact": noop("CaseView", "Contact (identifying)"),
    "experience": noop("CaseView", "Experience"),
    "needs": noop("CaseView", "Needs"),
    "safety": noop("CaseView", "Safety"),
    "immigration": noop("CaseView", "Immigration (identifying)"),
}


def expiry_text(consent: Consent) -> str:
    """The consent's last day as recorded: the day typed in the consent dialog."""
    return format_day(day_of(consent.expires_at))


class ConsentsTab(QWidget):
    """Words stay in the CaseView context: the tab is part of that page for translators."""

    error = Signal(object)  # IntakeError

    def __init__(self, worker: Worker, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.case_id = case_id
        self._rows: list[Consent] = []
        self._partner_names: dict[str, str] = {}
        self._withdrawing: int | None = None
        self.table = _table(5)
        self.empty = _hint()
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
        self.receipt = QPushButton()  # Tab reaches it like any button; no shortcut of its own
        self.receipt.clicked.connect(self._print_receipt)
        self.receipt_status = _hint()
        self.receipt_status.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.withdraw)
        buttons.addWidget(self.receipt)
        buttons.addStretch(1)
        self.table.itemSelectionChanged.connect(self.update_buttons)
        self.lists = ConsentLists(worker, case_id, self)
        self.lists.error.connect(self.error)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.confirm_box)
        layout.addWidget(self.receipt_status)
        layout.addWidget(self.lists, 1)

    def _fail(self, err: IntakeError) -> None:
        self.error.emit(err)

    def fill(self, rows: list[Consent], partner_names: dict[str, str], *,
             reload_lists: bool = True) -> None:
        self._rows, self._partner_names = rows, partner_names
        now = datetime.now(UTC)
        self.table.setRowCount(len(rows))
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
            recipient = partner_names.get(c.recipient_id) or tr(
                "CaseView", "An agency no longer among the partners")
            values = (
                (tr("CaseView", purpose).replace("%1", c.purpose_text or "") if purpose
                 else c.purpose.value), recipient, cats,
                expiry_text(c), state,
            )
            for col, text in enumerate(values):
                item = _item(text)
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                item.setData(Qt.ItemDataRole.UserRole + 1, c.withdrawn_at is None and c.is_live(now))
                self.table.setItem(r, col, item)
        self.empty.setVisible(not rows)
        if reload_lists:
            self.lists.reload(partner_names)

    def update_buttons(self) -> None:
        live = self.table.selectedItems()
        self.withdraw.setEnabled(bool(live) and bool(live[0].data(Qt.ItemDataRole.UserRole + 1)))

    def _ask_withdraw(self) -> None:
        items = self.table.selectedItems()
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

    def _print_receipt(self) -> None:
        """Ask where the person's paper goes, then make it on the worker (the database is read
        there; the PDF is drawn there too, as the reports' are) straight into that file."""
        chosen, _filter = QFileDialog.getSaveFileName(
            self, tr("CaseView", "Save the person's receipt: the PDF is not encrypted"),
            str(start_folder() / "receipt.pdf"),  # no case data in the name
            tr("CaseView", "PDF files (*.pdf)"), options=QFileDialog.Option.DontUseNativeDialog)
        if not chosen:
            return
        path = Path(chosen) if chosen.lower().endswith(".pdf") else Path(chosen + ".pdf")
        case_id = self.case_id
        self.receipt.setEnabled(False)
        self.receipt_status.hide()
        self.worker.run(lambda s: save_receipt(receipt.disclosure_receipt(s, case_id), path),
                        lambda _none: self._receipt_saved(path), self._receipt_failed)

    def _receipt_saved(self, path: Path) -> None:
        self.receipt.setEnabled(True)
        self.receipt_status.setText(tr(
            "CaseView", "Saved {file}. Print it for the person; the file is not encrypted, so "
            "delete it once printed.").format(file=path.name))
        self.receipt_status.show()

    def _receipt_failed(self, err: IntakeError) -> None:
        self.receipt.setEnabled(True)
        self._fail(err)

    def _withdraw_cancelled(self) -> None:
        self._withdrawing = None
        self.confirm_box.hide()

    def retranslate(self, refill: bool) -> None:
        self.table.setHorizontalHeaderLabels([
            tr("CaseView", "Purpose"), tr("CaseView", "Recipient"), tr("CaseView", "Categories"),
            tr("CaseView", "Expires"), tr("CaseView", "State"),
        ])
        self.empty.setText(tr("CaseView", "No consent recorded. Nothing can be shared."))
        self.withdraw.setText(tr("CaseView", "Withdraw consent"))
        self.receipt.setText(tr("CaseView", "Print receipt for the person…"))
        self.receipt.setToolTip(tr(
            "CaseView", "A paper in the person's language: what was shared with whom, what for,"
            " until when, and how to withdraw. It shows the case number, never the name."))
        self.confirm_text.setText(tr(
            "CaseView", "Withdraw this consent? Partners who received data will be told."
        ))
        self.confirm_yes.setText(tr("CaseView", "Yes, withdraw"))
        self.confirm_no.setText(tr("CaseView", "Cancel"))
        self.table.setAccessibleName(tr("CaseView", "Consents"))
        self.lists.retranslate()
        if refill:  # words only: the lists re-render what they hold (no database job)
            self.fill(self._rows, self._partner_names, reload_lists=False)
