"""A partner's view of a case: THEIR record, read-only, signed by them, with its version."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.domain.attachments import FileKind
from intake_app.ui.i18n import local_datetime, tr
from intake_app.ui.image_preview import size_text
from intake_app.ui.sync import words
from intake_app.ui.sync.fields_view import FieldsTree
from intake_app.ui.sync.jobs import PartnerViewShown


class PartnerViewDialog(QDialog):
    """Nothing here can be edited: the partner owns this record; it is never merged into ours."""

    def __init__(self, view: PartnerViewShown, parent: QWidget | None = None,
                 preview: Callable[[int], None] | None = None) -> None:
        """`preview(file id)`: shows one of the files (run by the page, on its worker)."""
        super().__init__(parent)
        self.view = view
        self._preview = preview
        self.setProperty("caseData", True)
        self.setMinimumSize(820, 600)
        self.banner = QLabel()
        self.banner.setProperty("role", "subtitle")
        self.banner.setWordWrap(True)
        self.details = QLabel()
        self.details.setProperty("role", "hint")
        self.details.setWordWrap(True)
        self.referral = QLabel()
        self.referral.setWordWrap(True)
        self.referral.setVisible(view.referral is not None)
        self.files = QLabel()
        self.files.setWordWrap(True)
        self.file_list = QListWidget()
        self.file_list.setVisible(bool(view.files))
        self.file_list.setMaximumHeight(110)
        self.file_list.itemActivated.connect(lambda _i: self.preview_selected())
        self.file_list.itemSelectionChanged.connect(self._update_preview)
        self.preview_button = QPushButton()
        self.preview_button.setVisible(bool(view.files) and preview is not None)
        self.preview_button.clicked.connect(self.preview_selected)
        self.tree = FieldsTree()
        self.tree.show_lines(view.lines)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.details)
        layout.addWidget(self.referral)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.files)
        layout.addWidget(self.file_list)
        layout.addWidget(self.preview_button)
        layout.addWidget(self.close_button)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        v = self.view
        self.setWindowTitle(tr("Sync", "From %1 (read-only)").replace("%1", v.sender_name))
        self.banner.setText(
            tr("Sync", "%1's record — read-only. You cannot change it; it is not part of your "
                       "own case file.").replace("%1", v.sender_name)
        )
        self.details.setText(
            tr("Sync", "Signed by %1 and checked on arrival · version %2 · purpose: %3 · "
                       "received %4")
            .replace("%1", v.sender_name).replace("%2", str(v.version))
            .replace("%3", words.say_purpose(v.purpose, v.purpose_text))
            .replace("%4", local_datetime(v.received_at))
        )
        if v.referral is not None:
            self.referral.setText(
                tr("Sync", "Referral: %1 · urgency: %2\nTheir note: %3")
                .replace("%1", v.referral.get("service", ""))
                .replace("%2", words.say(words.URGENCIES, v.referral.get("urgency", "")))
                .replace("%3", v.referral.get("note", "") or "—")
            )
        self.files.setText(self._files_text())
        self._fill_files()
        self.preview_button.setText(tr("Sync", "Preview the file"))
        self.close_button.setText(tr("Sync", "Close"))
        self.close_button.setAccessibleName(tr("Sync", "Close"))
        self.tree.setAccessibleName(tr("Sync", "What the partner shared"))
        self.tree.retranslate()

    def _files_text(self) -> str:
        if not self.view.files:
            return tr("Sync", "No files came with it.")
        return tr("Sync", "Files they sent (%1):").replace("%1", str(len(self.view.files)))

    def _fill_files(self) -> None:
        self.file_list.clear()
        for file_id, kind, category, size in self.view.files:
            text = (tr("Sync", "%1 · %2 · %3").replace("%1", words.say(words.FILE_KINDS, kind))
                    .replace("%2", size_text(size))
                    .replace("%3", words.say(words.CATEGORIES, category)))
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, (file_id, kind))
            self.file_list.addItem(item)
        self._update_preview()

    def _chosen(self) -> int | None:
        """The chosen file's id, when it is one a preview can show."""
        items = self.file_list.selectedItems()
        if not items:
            return None
        file_id, kind = items[0].data(Qt.ItemDataRole.UserRole)
        return int(file_id) if FileKind(kind).previewable else None

    def _update_preview(self) -> None:
        self.preview_button.setEnabled(self._chosen() is not None)

    def preview_selected(self) -> None:
        chosen = self._chosen()
        if chosen is not None and self._preview is not None:
            self._preview(chosen)

