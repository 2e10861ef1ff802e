"""A partner's view of a case: THEIR record, read-only, signed by them, with its version."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from intake_app.ui.i18n import local_datetime, tr
from intake_app.ui.sync import words
from intake_app.ui.sync.fields_view import FieldsTree
from intake_app.ui.sync.jobs import PartnerViewShown


class PartnerViewDialog(QDialog):
    """Nothing here can be edited: the partner owns this record; it is never merged into ours."""

    def __init__(self, view: PartnerViewShown, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
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
            .replace("%3", words.say(words.PURPOSES, v.purpose))
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
        self.close_button.setText(tr("Sync", "Close"))
        self.close_button.setAccessibleName(tr("Sync", "Close"))
        self.tree.setAccessibleName(tr("Sync", "What the partner shared"))
        self.tree.retranslate()

    def _files_text(self) -> str:
        if not self.view.files:
            return tr("Sync", "No files came with it.")
        lines = [tr("Sync", "%1 · %2 · %3").replace("%1", words.say(words.FILE_KINDS, kind))
                 .replace("%2", _size(size)).replace("%3", words.say(words.CATEGORIES, category))
                 for kind, category, size in self.view.files]
        head = tr("Sync", "Files they sent (%1):").replace("%1", str(len(lines)))
        return "\n".join([head, *lines])


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"
