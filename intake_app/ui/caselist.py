"""The case list: a paged table model over services.cases and the page that shows it.

(Over 400 lines on purpose: the paged model and the page that drives it share the search
request's life, from the debounce to the one model reset, and read best together.)

Search stays off the GUI thread: the query runs on the worker, and what the GUI thread does with
its answer is one model reset (the earlier results stay on screen until the new ones arrive,
so the table never flashes empty) and the paint of the rows in view, whose texts are worked out
once per row, not at every one of the ~800 `data()` calls a paint makes (bench/bench_ui.py
measures both, with another process keeping a core busy).
"""

from __future__ import annotations

import dataclasses
import time
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QFont, QHideEvent, QKeySequence
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

from intake_app.domain.case import CaseStatus, CaseSummary
from intake_app.errors import IntakeError
from intake_app.services import cases
from intake_app.services.session import Session
from intake_app.ui.i18n import noop, relative_time, tr
from intake_app.ui.shortcuts import keys_for
from intake_app.ui.theme import COLOURS, monospace_font
from intake_app.ui.worker import ChangeKind, Worker

PAGE_SIZE = 200
SEARCH_DEBOUNCE_MS = 250
HIDDEN_NAME = "••••"
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_DISPLAY = Qt.ItemDataRole.DisplayRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
_FONT = Qt.ItemDataRole.FontRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
# What data() answers; a paint asks each cell for several more roles (alignment, decoration,
# check state...), which go back at once.
_ANSWERED = frozenset({_DISPLAY, _ACCESSIBLE, _FONT, _BACKGROUND, _FOREGROUND, _TOOLTIP,
                       CASE_ID_ROLE})

COLUMNS: tuple[str, ...] = (
    noop("CaseList", "Case code"),
    noop("CaseList", "Preferred name"),
    noop("CaseList", "Status"),
    noop("CaseList", "Last activity"),
    noop("CaseList", "Interviews"),
    noop("CaseList", "Demo"),
)
_CODE, _NAME, _STATUS, _ACTIVITY, _INTERVIEWS, _DEMO = range(len(COLUMNS))


def status_label(status: CaseStatus) -> str:
    labels = {
        CaseStatus.OPEN: tr("CaseList", "Open"),
        CaseStatus.REFERRED: tr("CaseList", "Referred"),
        CaseStatus.CLOSED: tr("CaseList", "Closed"),
    }
    return labels[status]


def _hide_name(summary: CaseSummary) -> CaseSummary:
    # The list never holds preferred names: they arrive only through an audited reveal.
    return dataclasses.replace(summary, preferred_name=None)


def _page(s: Session, text: str, status: CaseStatus | None, offset: int) -> list[CaseSummary]:
    return [_hide_name(c) for c in cases.list_cases(s, text, status, PAGE_SIZE, offset)]


def reveal_preferred_name(s: Session, case_id: int, code: str) -> str | None:
    """Audited (as an identity reveal), then the one name asked for."""
    cases.reveal_identity(s, case_id)
    return cases.find_by_code(s, code).preferred_name


class CaseTableModel(QAbstractTableModel):
    """Cases newest first, fetched a page at a time from the worker (handles 100k cases)."""

    page_loaded = Signal(int)  # rows now held
    failed = Signal(object)  # IntakeError

    def __init__(self, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._rows: list[CaseSummary] = []
        self._revealed: dict[int, str | None] = {}  # case id -> name, in memory until lock
        self._text = ""
        self._status: CaseStatus | None = None
        self._generation = 0  # a newer query makes older pages stale
        self._loading = False
        self._has_more = False
        self._code_font = monospace_font()
        self._code_font.setBold(True)
        self._bold = QFont()
        self._bold.setBold(True)
        self._demo_bg = QColor(COLOURS["demo_bg"])
        self._demo_ink = QColor(COLOURS["demo_text"])
        # Each row's texts by case id, with the minute they were worked out in ("5 min ago"
        # moves on): dropped when the rows, a name or the language change.
        self._texts: dict[int, tuple[int, tuple[str, ...]]] = {}
        worker.changed.connect(self._on_changed)

    # --- queries --------------------------------------------------------------------------------
    def set_query(self, text: str, status: CaseStatus | None) -> None:
        self._text, self._status = text, status
        self.reload()

    def reload(self) -> None:
        """Ask for the first page of the current query; the rows on show stay until it comes."""
        self._generation += 1
        self._has_more = False  # no more pages of the old query meanwhile
        self._fetch(0)

    @property
    def is_loading(self) -> bool:
        return self._loading

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._has_more and not self._loading

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._fetch(len(self._rows))

    def _fetch(self, offset: int) -> None:
        self._loading = True
        generation, text, status = self._generation, self._text, self._status
        self._worker.run(
            lambda s: _page(s, text, status, offset),
            lambda rows: self._append(generation, offset, rows),
            self._fail,
        )

    def _append(self, generation: int, offset: int, rows: list[CaseSummary]) -> None:
        if generation != self._generation:
            return  # a newer query was asked for meanwhile
        self._loading = False
        self._has_more = len(rows) == PAGE_SIZE
        if offset == 0:  # a new query's first page replaces what was on show, in one reset
            self.beginResetModel()
            self._rows = rows
            self._texts.clear()
            self.endResetModel()
        elif rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.page_loaded.emit(len(self._rows))

    def _fail(self, err: IntakeError) -> None:
        self._loading = False
        self._has_more = False
        self.failed.emit(err)

    # --- change notices -------------------------------------------------------------------------
    def _on_changed(self, kind: str, ident: int) -> None:
        if kind == ChangeKind.CASE_CREATED:
            self.reload()
        elif kind == ChangeKind.CASE:
            self.refresh_case(ident)
        # "answer" and others: nothing in this list shows them

    def refresh_case(self, case_id: int) -> None:
        row = self.row_of(case_id)
        if row < 0:
            return
        generation, code = self._generation, self._rows[row].code
        self._worker.run(
            lambda s: _hide_name(cases.find_by_code(s, code)),
            lambda c: self._replace(generation, c),
            self._fail,
        )

    def _replace(self, generation: int, summary: CaseSummary) -> None:
        row = self.row_of(summary.id)
        if generation != self._generation or row < 0:
            return
        self._rows[row] = summary
        self._texts.pop(summary.id, None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # --- reveal ---------------------------------------------------------------------------------
    def reveal(self, row: int) -> None:
        if not 0 <= row < len(self._rows):
            return
        case = self._rows[row]
        self._worker.run(
            lambda s: reveal_preferred_name(s, case.id, case.code),
            lambda name: self._show_name(case.id, name),
            self._fail,
        )

    def _show_name(self, case_id: int, name: str | None) -> None:
        self._revealed[case_id] = name
        self._texts.pop(case_id, None)
        row = self.row_of(case_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, _NAME), self.index(row, _NAME))

    def is_revealed(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and self._rows[row].id in self._revealed

    # --- Qt model -------------------------------------------------------------------------------
    def row_of(self, case_id: int) -> int:
        return next((i for i, c in enumerate(self._rows) if c.id == case_id), -1)

    def case_at(self, row: int) -> CaseSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr("CaseList", COLUMNS[section])
        return None

    def _name_text(self, case: CaseSummary) -> str:
        if case.id not in self._revealed:
            return HIDDEN_NAME
        return self._revealed[case.id] or tr("CaseList", "(no name given)")

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ANSWERED or not index.isValid():
            return None
        case = self._rows[index.row()]
        col = index.column()
        if role == _DISPLAY:
            return self._row_texts(case)[col]
        if role == _ACCESSIBLE:
            if col == _NAME and case.id not in self._revealed:
                return tr("CaseList", "Hidden. Use Show name to reveal it.")
            return self._row_texts(case)[col]
        if role == CASE_ID_ROLE:
            return case.id
        if col == _CODE:
            return self._code_font if role == _FONT else None
        if col == _DEMO and case.is_demo:
            if role == _TOOLTIP:
                return tr("CaseList", "Made-up demo data, not a real person.")
            looks: dict[Any, object] = {_FONT: self._bold, _BACKGROUND: self._demo_bg,
                                        _FOREGROUND: self._demo_ink}
            return looks.get(role)
        if role == _TOOLTIP and col == _NAME and case.id not in self._revealed:
            return tr("CaseList", "Hidden. Use Show name to reveal it.")
        return None

    def _row_texts(self, case: CaseSummary) -> tuple[str, ...]:
        minute = int(time.time() // 60)
        cached = self._texts.get(case.id)
        if cached is not None and cached[0] == minute:
            return cached[1]
        texts = tuple(self._display(case, col) for col in range(len(COLUMNS)))
        self._texts[case.id] = (minute, texts)
        return texts

    def _display(self, case: CaseSummary, col: int) -> str:
        if col == _CODE:
            return case.code
        if col == _NAME:
            return self._name_text(case)
        if col == _STATUS:
            return status_label(case.status)
        if col == _ACTIVITY:
            return relative_time(case.updated_at)
        if col == _INTERVIEWS:
            return str(case.interview_count)
        return tr("CaseList", "DEMO") if case.is_demo else ""

    def retranslate(self) -> None:
        self._texts.clear()
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)


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
