"""The case page's Interviews tab: the case's interviews, and resuming one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from intake_app.domain.case import InterviewSummary
from intake_app.ui.i18n import language_name, noop, tr
from intake_app.ui.tables import hint_label as _hint
from intake_app.ui.tables import read_only_item as _item
from intake_app.ui.tables import read_only_table as _table

INTERVIEW_STATUS: dict[str, str] = {
    "open": noop("CaseView", "in progress"),
    "paused": noop("CaseView", "paused"),
    "complete": noop("CaseView", "complete"),
}
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "es": "Español"}


class InterviewsTab(QWidget):
    """Words stay in the CaseView context: the tab is part of that page for translators."""

    resume_requested = Signal(int)  # interview id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[InterviewSummary] = []
        self.table = _table(4)
        self.empty = _hint()
        self.resume = QPushButton()
        self.resume.clicked.connect(self._resume)
        self.table.itemSelectionChanged.connect(self.update_buttons)
        self.table.itemActivated.connect(lambda _item: self._resume())
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.resume, 0, Qt.AlignmentFlag.AlignLeft)

    def fill(self, rows: list[InterviewSummary]) -> None:
        self._rows = rows
        self.table.setRowCount(len(rows))
        for r, iv in enumerate(rows):
            status = INTERVIEW_STATUS.get(iv.status)
            values = (
                iv.protocol_id.replace("_", " "),
                LANGUAGE_NAMES.get(iv.language) or language_name(iv.language),
                (tr("CaseView", "in progress on %1").replace("%1", iv.held_by) if iv.held_by
                 else tr("CaseView", status) if status else iv.status),
                str(iv.answered),
            )
            for c, text in enumerate(values):
                item = _item(text)
                item.setData(Qt.ItemDataRole.UserRole, iv.id)
                self.table.setItem(r, c, item)
        self.empty.setVisible(not rows)

    def update_buttons(self) -> None:
        self.resume.setEnabled(bool(self.table.selectedItems()))

    def _resume(self) -> None:
        items = self.table.selectedItems()
        if items:
            self.resume_requested.emit(int(items[0].data(Qt.ItemDataRole.UserRole)))

    def retranslate(self, refill: bool) -> None:
        self.table.setHorizontalHeaderLabels([
            tr("CaseView", "Protocol"), tr("CaseView", "Language"),
            tr("CaseView", "Status"), tr("CaseView", "Answered"),
        ])
        self.empty.setText(tr("CaseView", "No interviews yet."))
        self.resume.setText(tr("CaseView", "Resume interview"))
        self.table.setAccessibleName(tr("CaseView", "Interviews"))
        if refill:
            self.fill(self._rows)
