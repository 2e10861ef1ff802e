"""A read-only table of fields grouped by category: the share preview and the partner view.

A table, not a tree: rows grow to show every word of a question and an answer (a preview
that cuts text off would not be "exactly what the recipient will see")."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from intake_app.ui.i18n import tr
from intake_app.ui.sync import words
from intake_app.ui.sync.jobs import FieldLine
from intake_app.ui.theme import COLOURS

CATEGORY_ORDER = ("needs", "safety", "experience", "contact", "immigration", "identity")
_SHARES = (0.42, 0.38)  # of the width for "What" and "Answer"; "Recorded by" takes the rest


class FieldsTree(QTableWidget):
    """Category heading rows, then one row per field: what, the answer, who recorded it;
    identifying fields marked in words and colour."""

    def __init__(self) -> None:
        super().__init__(0, 3)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.setShowGrid(False)
        self._lines: list[FieldLine] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels(
            [tr("Sync", "What"), tr("Sync", "Answer"), tr("Sync", "Recorded by")]
        )
        self.show_lines(self._lines)

    def texts(self) -> list[str]:
        """Every text in the table (tests read what a person sees)."""
        out: list[str] = []
        for r in range(self.rowCount()):
            for c in range(self.columnCount()):
                item = self.item(r, c)
                if item is not None and item.text():
                    out.append(item.text())
        return out

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = self.viewport().width()
        for column, share in enumerate(_SHARES):
            self.setColumnWidth(column, int(width * share))
        self.resizeRowsToContents()

    def show_lines(self, lines: Sequence[FieldLine]) -> None:
        self._lines = list(lines)
        self.clearSpans()
        self.setRowCount(0)
        bold = QFont(self.font())
        bold.setBold(True)
        order = {c: i for i, c in enumerate(CATEGORY_ORDER)}
        groups = sorted({ln.category for ln in lines}, key=lambda c: order.get(c, 99))
        for category in groups:
            members = [ln for ln in lines if ln.category == category]
            row = self.rowCount()
            self.insertRow(row)
            head = QTableWidgetItem(
                f"{words.say(words.CATEGORIES, category)} ({len(members)})"
            )
            head.setFont(bold)
            head.setBackground(QBrush(QColor(COLOURS["accent_soft"])))
            head.setForeground(QBrush(QColor(COLOURS["text"])))
            self.setItem(row, 0, head)
            self.setSpan(row, 0, 1, 3)
            for ln in members:
                label = tr("Sync", ln.label)
                if ln.identifying:
                    label = tr("Sync", "%1 — identifies the person").replace("%1", label)
                if ln.state != "value":
                    value = words.say(words.STATES, ln.state)
                elif ln.value in words.YES_NO:
                    value = words.say(words.YES_NO, ln.value)
                else:
                    value = ln.value
                row = self.rowCount()
                self.insertRow(row)
                cells = (label, value, words.say(words.PROVENANCE, ln.provenance))
                for column, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    if column == 0 and ln.identifying:
                        item.setForeground(QBrush(QColor(COLOURS["danger"])))
                        item.setFont(bold)
                    self.setItem(row, column, item)
        self.resizeRowsToContents()
