"""The case list page: search, filter, the table (ui/case_table.py) and the actions from it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStyleFactory,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from intake_app.domain.case import CaseStatus
from intake_app.ui.case_table import (
    _ACTIVITY,
    _CODE,
    _DEMO,
    _INTERVIEWS,
    _NAME,
    _STATUS,
    HIDDEN_NAME,
    CaseTableModel,
    status_label,
)
from intake_app.ui.i18n import tr
from intake_app.ui.shortcuts import keys_for
from intake_app.ui.worker import Worker

SEARCH_DEBOUNCE_MS = 250

__all__ = ["HIDDEN_NAME", "CaseListPage", "CaseTableModel", "count_text", "status_label"]


def count_text(rows: int, *, more: bool) -> str:
    """The count in words: "Showing 1 case", "Showing 3 cases". English and Spanish both have
    just one and other, so two strings do (the English source has no translator for %n forms)."""
    if rows == 1:
        text = (tr("CaseList", "Showing 1 case (scroll for more)") if more
                else tr("CaseList", "Showing 1 case"))
    else:
        text = (tr("CaseList", "Showing %1 cases (scroll for more)") if more
                else tr("CaseList", "Showing %1 cases"))
    return text.replace("%1", str(rows))


class CaseListPage(QWidget):
    """Search, filter, the table, and the actions that start from it."""

    open_requested = Signal(int)  # case id
    new_case_requested = Signal()

    def __init__(self, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CaseTableModel(worker, self)
        self._has_loaded = False
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox()
        for value in (None, CaseStatus.OPEN, CaseStatus.REFERRED, CaseStatus.CLOSED):
            self.status.addItem("", value)
        self.new_button = QPushButton()
        self.new_button.setProperty("role", "primary")
        self.new_button.clicked.connect(self.new_case_requested)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self._open_selected)
        self.show_name_button = QPushButton()
        self.show_name_button.clicked.connect(self.reveal_selected)
        self.count = QLabel()
        self.count.setProperty("role", "hint")
        self.empty = QLabel()
        self.empty.setProperty("role", "hint")
        self.empty.setWordWrap(True)
        self.empty.hide()

        self.table = QTableView()
        # Plain Fusion for the table: the theme's style paints checkboxes in Python, and a table
        # without any would still send it ~500 metric and primitive calls per paint (2-3 ms).
        self._table_style = QStyleFactory.create("Fusion")
        self._table_style.setParent(self)  # a widget does not own its style: the page keeps it
        self.table.setStyle(self._table_style)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(36)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(_NAME, QHeaderView.ResizeMode.Stretch)
        widths = ((_CODE, 170), (_STATUS, 120), (_ACTIVITY, 170), (_INTERVIEWS, 120), (_DEMO, 90))
        for col, width in widths:
            self.table.setColumnWidth(col, width)
        self.table.activated.connect(self._open_index)
        self.table.doubleClicked.connect(self._open_index)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.show_name_action = QAction(self)
        self.show_name_action.setObjectName("reveal_name")
        self.show_name_action.setShortcut(QKeySequence(keys_for("reveal_name")))
        self.show_name_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.show_name_action.triggered.connect(self.reveal_selected)
        self.addAction(self.show_name_action)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_query)
        self.search.textChanged.connect(self._debounce.start)
        self.status.currentIndexChanged.connect(self.run_query)
        self.model.page_loaded.connect(self._loaded)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        bar.addWidget(self.status, 1)
        bar.addWidget(self.new_button)
        actions = QHBoxLayout()
        actions.addWidget(self.open_button)
        actions.addWidget(self.show_name_button)
        actions.addStretch(1)
        actions.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addLayout(actions)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        QWidget.setTabOrder(self.search, self.status)
        QWidget.setTabOrder(self.status, self.new_button)
        QWidget.setTabOrder(self.new_button, self.table)
        QWidget.setTabOrder(self.table, self.open_button)
        QWidget.setTabOrder(self.open_button, self.show_name_button)
        self.retranslate()
        self._update_buttons()

    def run_query(self) -> None:
        self._debounce.stop()
        self.model.set_query(self.search.text().strip(), self.status.currentData())

    def _loaded(self, rows: int) -> None:
        self._has_loaded = True
        self.count.setText(count_text(rows, more=self.model.canFetchMore()))
        filtered = bool(self.search.text().strip()) or self.status.currentIndex() > 0
        self.empty.setVisible(rows == 0)
        self.empty.setText(
            tr("CaseList", "No case matches. Check the code, or clear the search.") if filtered
            else tr("CaseList", "No cases yet. Press New case to start one: no details are needed.")
        )
        self._update_buttons()

    def _selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _update_buttons(self) -> None:
        row = self._selected_row()
        self.open_button.setEnabled(row >= 0)
        self.show_name_button.setEnabled(row >= 0 and not self.model.is_revealed(row))

    def _open_index(self, index: QModelIndex) -> None:
        case = self.model.case_at(index.row())
        if case is not None:
            self.open_requested.emit(case.id)

    def _open_selected(self) -> None:
        row = self._selected_row()
        if row >= 0:
            self._open_index(self.model.index(row, 0))

    def reveal_selected(self) -> None:
        row = self._selected_row()
        if row >= 0:
            self.model.reveal(row)
            self.show_name_button.setEnabled(False)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        menu = QMenu(self)
        menu.addAction(tr("CaseList", "Open case"), self._open_selected)
        if not self.model.is_revealed(index.row()):
            menu.addAction(tr("CaseList", "Show name"), self.reveal_selected)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def hideEvent(self, event: QHideEvent) -> None:
        # Hidden (a lock hides the page before it is deleted): a search typed a moment ago is
        # not sent after it.
        self._debounce.stop()
        super().hideEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(tr("CaseList", "Cases"))
        self.search.setPlaceholderText(tr("CaseList", "Search by case code, name or note"))
        self.status.setItemText(0, tr("CaseList", "All statuses"))
        for i, value in enumerate((CaseStatus.OPEN, CaseStatus.REFERRED, CaseStatus.CLOSED), 1):
            self.status.setItemText(i, status_label(value))
        self.new_button.setText(tr("CaseList", "New case"))
        self.open_button.setText(tr("CaseList", "Open case"))
        self.show_name_button.setText(tr("CaseList", "Show name"))
        self.show_name_action.setText(tr("CaseList", "Show name"))
        self.search.setAccessibleName(tr("CaseList", "Search cases"))
        self.status.setAccessibleName(tr("CaseList", "Filter by status"))
        self.new_button.setAccessibleName(tr("CaseList", "New case"))
        self.table.setAccessibleName(tr("CaseList", "Cases"))
        self.open_button.setAccessibleName(tr("CaseList", "Open case"))
        self.show_name_button.setAccessibleName(tr("CaseList", "Show name"))
        self.model.retranslate()
        if self._has_loaded:
            self._loaded(self.model.rowCount())
