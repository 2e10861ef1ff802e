"""The sharing page (Ctrl+2): inbox (referrals, partner updates), sent, refused items, and the
folder drop. Every read and write goes through the database worker."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from intake_app.errors import IntakeError
from intake_app.services import sync_rounds
from intake_app.sync.engine import SyncReport
from intake_app.ui import i18n
from intake_app.ui.i18n import error_text, relative_time, tr
from intake_app.ui.image_preview import preview_dialog
from intake_app.ui.sync import jobs, words
from intake_app.ui.sync.partner_view import PartnerViewDialog
from intake_app.ui.worker import Change, ChangeKind, Worker

if TYPE_CHECKING:
    from intake_app.services.session import Session

T = TypeVar("T")

TAB_INBOX, TAB_SENT, TAB_REFUSED = range(3)


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.setWordWrap(True)
    return table


def _fill(table: QTableWidget, rows: list[tuple[list[str], int | None]]) -> None:
    table.setRowCount(len(rows))
    for r, (values, ident) in enumerate(rows):
        for c, text in enumerate(values):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, ident)
            table.setItem(r, c, item)
    table.resizeRowsToContents()


class SharingPage(QWidget):
    """Inbox, sent and refused; `sync_requested` asks the controller for a round now."""

    sync_requested = Signal()

    def __init__(self, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.bundle: jobs.SharingBundle | None = None
        self.open_views: list[PartnerViewDialog] = []
        self.open_previews: list[QDialog] = []  # kept: Python must not delete a shown window
        self._build()
        self.retranslate()
        worker.changed.connect(self._on_changed)
        self.reload()

    def _build(self) -> None:
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.status_line = QLabel()
        self.status_line.setWordWrap(True)
        self.sync_now = QPushButton()
        self.sync_now.clicked.connect(self.sync_requested)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(lambda: self._choose_folder(export=True))
        self.import_button = QPushButton()
        self.import_button.clicked.connect(lambda: self._choose_folder(export=False))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.sync_now)
        top.addWidget(self.export_button)
        top.addWidget(self.import_button)

        self.tabs = QTabWidget()
        # inbox
        inbox_page = QWidget()
        self.inbox = _table(5)
        self.inbox.itemSelectionChanged.connect(self._update_buttons)
        self.inbox.itemActivated.connect(lambda _i: self.open_selected())
        self.inbox_empty = QLabel()
        self.inbox_empty.setProperty("role", "hint")
        self.open_button = QPushButton()
        self.open_button.setProperty("role", "primary")
        self.open_button.clicked.connect(self.open_selected)
        self.answer_note = QLineEdit()
        self.answer_note.setMaxLength(2000)
        self.accept_button = QPushButton()
        self.accept_button.clicked.connect(lambda: self.respond(True))
        self.decline_button = QPushButton()
        self.decline_button.clicked.connect(lambda: self.respond(False))
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.answer_note, 1)
        row.addWidget(self.accept_button)
        row.addWidget(self.decline_button)
        inbox_layout = QVBoxLayout(inbox_page)
        inbox_layout.addWidget(self.inbox_empty)
        inbox_layout.addWidget(self.inbox, 1)
        inbox_layout.addLayout(row)
        # sent
        sent_page = QWidget()
        self.sent = _table(4)
        self.sent_hint = QLabel()
        self.sent_hint.setProperty("role", "hint")
        self.sent_hint.setWordWrap(True)
        sent_layout = QVBoxLayout(sent_page)
        sent_layout.addWidget(self.sent_hint)
        sent_layout.addWidget(self.sent, 1)
        # refused
        refused_page = QWidget()
        self.refused = _table(3)
        self.refused_hint = QLabel()
        self.refused_hint.setProperty("role", "hint")
        self.refused_hint.setWordWrap(True)
        refused_layout = QVBoxLayout(refused_page)
        refused_layout.addWidget(self.refused_hint)
        refused_layout.addWidget(self.refused, 1)
        self.tabs.addTab(inbox_page, "")
        self.tabs.addTab(sent_page, "")
        self.tabs.addTab(refused_page, "")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status_line)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        for a, b in ((self.sync_now, self.export_button), (self.export_button, self.import_button),
                     (self.import_button, self.tabs), (self.tabs, self.inbox),
                     (self.inbox, self.open_button), (self.open_button, self.answer_note),
                     (self.answer_note, self.accept_button),
                     (self.accept_button, self.decline_button)):
            QWidget.setTabOrder(a, b)

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

    # --- data -------------------------------------------------------------------------------
    def reload(self) -> None:
        self._run(jobs.load_sharing, self._show, self._fail)

    def _on_changed(self, kind: str, _ident: int) -> None:
        if kind in (ChangeKind.SHARING, ChangeKind.CONSENT):
            self.reload()

    def _show(self, bundle: jobs.SharingBundle) -> None:
        self.bundle = bundle
        self._fill()

    def _fill(self) -> None:
        b = self.bundle
        if b is None:
            return
        inbox_rows: list[tuple[list[str], int | None]] = []
        for i in b.inbox:
            what = words.say(words.KINDS, i.kind)
            if i.kind == "referral" and i.service:
                what = tr("Sync", "Referral: %1 (%2)").replace("%1", i.service).replace(
                    "%2", words.say(words.URGENCIES, i.urgency or ""))
            inbox_rows.append(([relative_time(i.received_at), i.sender_name, what,
                                words.say(words.INBOX_STATUS, i.status),
                                tr("Sync", "read-only, signed")], i.id))
        _fill(self.inbox, inbox_rows)
        self.inbox_empty.setVisible(not b.inbox)
        sent_rows: list[tuple[list[str], int | None]] = [
            ([o.recipient_name, words.say(words.KINDS, o.kind),
              words.say(words.OUTBOX_STATUS, o.status),
              words.send_problem(o.problem) if o.problem else ""], None)
            for o in b.outbox
        ]
        _fill(self.sent, sent_rows)
        refused_rows: list[tuple[list[str], int | None]] = [
            ([relative_time(q.received_at), q.sender_name or tr("Sync", "unknown sender"),
              words.quarantine_reason(q.reason)], None)
            for q in b.quarantine
        ]
        _fill(self.refused, refused_rows)
        self.tabs.setTabText(TAB_INBOX, tr("Sync", "Inbox (%1)").replace("%1", str(
            sum(1 for i in b.inbox if i.status == "new"))))
        self.tabs.setTabText(TAB_SENT, tr("Sync", "Sent (%1 waiting)").replace("%1", str(
            sum(1 for o in b.outbox if o.status == "pending"))))
        self.tabs.setTabText(TAB_REFUSED, tr("Sync", "Refused (%1)").replace("%1", str(
            len(b.quarantine))))
        self._update_buttons()

    def _selected(self) -> jobs.InboxLine | None:
        items = self.inbox.selectedItems()
        if not items or self.bundle is None:
            return None
        ident = items[0].data(Qt.ItemDataRole.UserRole)
        return next((i for i in self.bundle.inbox if i.id == ident), None)

    def _update_buttons(self) -> None:
        line = self._selected()
        self.open_button.setEnabled(line is not None and line.status not in ("withdrawn", "expired"))
        answerable = line is not None and line.kind == "referral" and line.status == "new"
        for w in (self.accept_button, self.decline_button, self.answer_note):
            w.setEnabled(answerable)

    # --- actions ----------------------------------------------------------------------------
    def open_selected(self) -> None:
        line = self._selected()
        if line is None:
            return
        item_id, language = line.id, i18n.current_language()
        self._run(lambda s: jobs.open_partner_view(s, item_id, language), self._open_view,
                        self._fail)

    def _open_view(self, view: jobs.PartnerViewShown | None) -> None:
        if view is None:
            self._say(tr("Sync", "The partner withdrew this: it was removed from this laptop."))
            return
        item_id = view.item_id
        dialog = PartnerViewDialog(view, self, lambda file_id: self._run(
            lambda s: jobs.partner_file(s, item_id, file_id),
            lambda image: self._show_file(dialog, image), self._fail))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _o=None, d=dialog: self._forget(d))
        self.open_views.append(dialog)
        dialog.open()

    def _show_file(self, parent: PartnerViewDialog, image: QImage) -> None:
        preview = preview_dialog(parent, image)
        self.open_previews.append(preview)
        preview.finished.connect(lambda _r, p=preview: self.open_previews.remove(p))

    def _forget(self, dialog: PartnerViewDialog) -> None:
        if dialog in self.open_views:
            self.open_views.remove(dialog)

    def respond(self, accept: bool) -> None:
        line = self._selected()
        if line is None or line.kind != "referral" or line.status != "new":
            return
        item_id, note = line.id, self.answer_note.text().strip()
        self.answer_note.clear()
        self._run(
            lambda s: jobs.respond(s, item_id, accept, note),
            lambda _r: self._say(tr("Sync", "Your answer is queued for the referring agency.")),
            self._fail, changes=[Change(ChangeKind.SHARING, item_id)],
        )

    def _choose_folder(self, *, export: bool) -> None:
        title = (tr("Sync", "Export to a folder (USB stick)") if export
                 else tr("Sync", "Import from a folder (USB stick)"))
        folder = QFileDialog.getExistingDirectory(self, title)
        if folder:
            self.exchange_folder(Path(folder), export=export)

    def exchange_folder(self, folder: Path, *, export: bool) -> None:
        """Export waiting items to `folder`, or import what it holds, on the worker."""
        self._say(tr("Sync", "Working with the folder…"))
        self._run(lambda s: sync_rounds.folder_exchange(s, folder, export=export),
                        lambda r: self._folder_done(r, export), self._fail,
                        changes=[Change(ChangeKind.SHARING, 0)])

    def _folder_done(self, report: SyncReport, export: bool) -> None:
        if export:
            text = tr("Sync", "%1 items written to the folder. Carry it to the partner; they "
                              "choose \"Import from folder\".").replace(
                "%1", str(report.delivered + report.already_delivered))
        else:
            text = tr("Sync", "%1 items imported, %2 refused (see Refused).").replace(
                "%1", str(report.accepted)).replace("%2", str(report.quarantined + report.problems))
        if report.offline:
            text = tr("Sync", "The folder could not be used: check that the stick is plugged in "
                              "and not read-only. Nothing was lost.")
        self._say(text)

    def _say(self, text: str) -> None:
        self.message.setProperty("role", "ok")
        self.message.setText(text)
        self.message.show()
        self.message.style().polish(self.message)

    def _fail(self, err: IntakeError) -> None:
        self.message.setProperty("role", "error")
        self.message.setText(error_text(err))
        self.message.show()
        self.message.style().polish(self.message)

    def show_status(self, text: str) -> None:
        self.status_line.setText(text)

    # --- words ------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(tr("Sync", "Sharing with partners"))
        self.sync_now.setText(tr("Sync", "Send and receive now"))
        self.export_button.setText(tr("Sync", "Export to folder…"))
        self.import_button.setText(tr("Sync", "Import from folder…"))
        self.inbox.setHorizontalHeaderLabels([
            tr("Sync", "Received"), tr("Sync", "From"), tr("Sync", "What"),
            tr("Sync", "State"), tr("Sync", "Whose record"),
        ])
        self.inbox_empty.setText(tr("Sync", "Nothing has arrived from partners yet."))
        self.open_button.setText(tr("Sync", "Open (read-only)"))
        self.answer_note.setPlaceholderText(tr("Sync", "Note with your answer (optional)"))
        self.accept_button.setText(tr("Sync", "Accept referral"))
        self.decline_button.setText(tr("Sync", "Decline referral"))
        self.sent.setHorizontalHeaderLabels([
            tr("Sync", "To"), tr("Sync", "What"), tr("Sync", "State"), tr("Sync", "Problem"),
        ])
        self.sent_hint.setText(tr(
            "Sync", "Everything this laptop sends is encrypted for the partner alone. "
                    "\"Waiting to send\" items go out with the next connection or folder export."))
        self.refused.setHorizontalHeaderLabels([
            tr("Sync", "Received"), tr("Sync", "From"), tr("Sync", "Why it was refused"),
        ])
        self.refused_hint.setText(tr(
            "Sync", "These arrived but were not opened or kept, for the reason shown. Nothing "
                    "in them reached a case. Tell your administrator if they keep coming."))
        for widget, name in (
            (self.sync_now, tr("Sync", "Send and receive now")),
            (self.export_button, tr("Sync", "Export to folder")),
            (self.import_button, tr("Sync", "Import from folder")),
            (self.inbox, tr("Sync", "Inbox")), (self.sent, tr("Sync", "Sent")),
            (self.refused, tr("Sync", "Refused items")),
            (self.open_button, tr("Sync", "Open (read-only)")),
            (self.answer_note, tr("Sync", "Note with your answer")),
            (self.accept_button, tr("Sync", "Accept referral")),
            (self.decline_button, tr("Sync", "Decline referral")),
        ):
            widget.setAccessibleName(name)
        self.tabs.setTabText(TAB_INBOX, tr("Sync", "Inbox"))
        self.tabs.setTabText(TAB_SENT, tr("Sync", "Sent"))
        self.tabs.setTabText(TAB_REFUSED, tr("Sync", "Refused"))
        self._fill()
