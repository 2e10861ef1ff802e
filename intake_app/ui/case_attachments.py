"""The case page's Files tab: a scanned signed release or a photographed document, kept inside
the encrypted database. Adding asks which consent category covers it and offers to shred the
original (a scanner's folder); images are previewed in memory, never through a temp file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.domain.attachments import AttachmentInfo
from intake_app.domain.consent import Category
from intake_app.errors import IntakeError
from intake_app.services import attachments
from intake_app.services.session import Session
from intake_app.ui.case_consents import CATEGORIES
from intake_app.ui.i18n import local_datetime, tr
from intake_app.ui.image_preview import image_of, preview_dialog, size_text
from intake_app.ui.tables import hint_label, read_only_item, read_only_table
from intake_app.ui.worker import Worker


class AddFileDialog(QDialog):
    """Which file, what to call it, which consent category covers it, shred the original?"""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(tr("CaseView", "Attach a file"))
        self.label = QLineEdit(path.stem)
        self.category = QComboBox()
        for value, words in CATEGORIES.items():
            self.category.addItem(tr("CaseView", words), value)
        self.shred = QCheckBox(tr("CaseView", "Shred the original once it is saved here"))
        self.shred.setToolTip(tr("CaseView", "For files from a scanner's folder: the original is"
                                 " overwritten and deleted."))
        form = QFormLayout()
        form.addRow(tr("CaseView", "&Name"), self.label)
        form.addRow(tr("CaseView", "&Covered by consent for"), self.category)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("CaseView", "Attach"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("CaseView", "Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.shred)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[str, Category, bool]:
        return self.label.text(), Category(self.category.currentData()), self.shred.isChecked()


class AttachmentsTab(QWidget):
    """Words stay in the CaseView context: the tab is part of that page for translators."""

    error = Signal(object)  # IntakeError
    changed = Signal()

    def __init__(self, worker: Worker, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.case_id = case_id
        self.rows: list[AttachmentInfo] = []
        self.dialog: QDialog | None = None  # kept: Python must not delete a shown dialog
        self.table = read_only_table(4)
        self.table.itemSelectionChanged.connect(self.update_buttons)
        self.table.itemActivated.connect(lambda _item: self.preview())
        self.empty = hint_label()
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.choose_file)
        self.preview_button = QPushButton()
        self.preview_button.clicked.connect(self.preview)
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self.ask_delete)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.preview_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.retranslate()

    # --- showing --------------------------------------------------------------------------------
    def reload(self) -> None:
        case_id = self.case_id
        self.worker.run(lambda s: attachments.case_attachments(s, case_id), self.fill,
                        self._fail)

    def fill(self, rows: list[AttachmentInfo]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, a in enumerate(rows):
            values = (a.label, tr("CaseView", CATEGORIES[a.category.value]), size_text(a.size),
                      local_datetime(a.created_at))
            for c, text in enumerate(values):
                item = read_only_item(text)
                item.setData(Qt.ItemDataRole.UserRole, a.id)
                self.table.setItem(r, c, item)
        self.empty.setVisible(not rows)
        self.update_buttons()

    def selected(self) -> AttachmentInfo | None:
        items = self.table.selectedItems()
        if not items:
            return None
        wanted = int(items[0].data(Qt.ItemDataRole.UserRole))
        return next((a for a in self.rows if a.id == wanted), None)

    def update_buttons(self) -> None:
        chosen = self.selected()
        self.preview_button.setEnabled(chosen is not None and chosen.kind.previewable)
        self.delete_button.setEnabled(chosen is not None)

    # --- adding ---------------------------------------------------------------------------------
    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, tr("CaseView", "Attach a file"))
        if name:
            self.ask_details(Path(name))

    def ask_details(self, path: Path) -> None:
        dialog = AddFileDialog(path, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._add(path, *dialog.chosen()))
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def _add(self, path: Path, label: str, category: Category, shred: bool) -> None:
        case_id = self.case_id

        def job(s: Session) -> AttachmentInfo:
            return attachments.add_attachment(s, case_id, path, category, label, shred=shred)

        self.worker.run(job, lambda _info: self._added(), self._fail)

    def _added(self) -> None:
        self.reload()
        self.changed.emit()

    # --- preview and delete ---------------------------------------------------------------------
    def preview(self) -> None:
        chosen = self.selected()
        if chosen is None or not chosen.kind.previewable:
            return
        attachment_id = chosen.id
        kind = chosen.kind

        def job(s: Session) -> QImage:  # rendered and decoded on the worker, in memory
            return image_of(attachments.preview_of(kind, attachments.attachment_bytes(
                s, attachment_id)))

        self.worker.run(job, self._show_image, self._fail)

    def _show_image(self, image: QImage) -> None:
        dialog = preview_dialog(self, image)
        self.dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))

    def ask_delete(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, tr("CaseView", "Delete this file?"),
                          tr("CaseView", "The file is deleted from this laptop for good."), parent=self)
        delete = box.addButton(tr("CaseView", "Delete"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(tr("CaseView", "Keep it"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        attachment_id = chosen.id
        box.finished.connect(lambda _r: self._delete_answered(
            attachment_id, box.clickedButton() is delete))
        self.dialog = box
        box.open()

    def _delete_answered(self, attachment_id: int, delete: bool) -> None:
        self.dialog = None
        if delete:
            self.worker.run(lambda s: attachments.delete_attachment(s, attachment_id),
                            lambda _r: self._added(), self._fail)

    def _fail(self, err: IntakeError) -> None:
        if isinstance(err, attachments.AttachmentNotShredded):
            self.reload()  # saved all the same: listed, so nobody attaches it twice
        self.error.emit(err)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([
            # Short words: at 200% a long header widens the table past the page.
            tr("CaseView", "Name"), tr("CaseView", "Category"),
            tr("CaseView", "Size"), tr("CaseView", "Added"),
        ])
        self.table.setAccessibleName(tr("CaseView", "Files"))
        self.empty.setText(tr("CaseView", "No files yet. A scanned signed release or a"
                              " photographed document can be kept here, encrypted."))
        self.add_button.setText(tr("CaseView", "&Attach a file…"))
        self.preview_button.setText(tr("CaseView", "Preview"))
        self.delete_button.setText(tr("CaseView", "Delete file"))
        if self.rows:
            self.fill(self.rows)
