"""Read-only tables, hint labels and emptied layouts, as the case screens show them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLayout,
    QTableWidget,
    QTableWidgetItem,
)


def read_only_item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


def read_only_table(columns: int) -> QTableWidget:
    """Rows selected whole, one at a time; nothing editable; text wraps."""
    table = QTableWidget(0, columns)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.setWordWrap(True)
    return table


def hint_label(text_role: str = "hint") -> QLabel:
    label = QLabel()
    label.setProperty("role", text_role)
    label.setWordWrap(True)
    return label


def clear_layout(layout: QLayout) -> None:
    """Take every item out of `layout`, its widgets deleted (a panel refilled from new data)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = None if item is None else item.widget()
        if widget is not None:
            widget.hide()  # gone from the screen now, not when the deferred delete runs
            widget.deleteLater()
