"""The case list's table model: cases a page at a time from the worker, names never held.

Search stays off the GUI thread: the query runs on the worker, and what the GUI thread does with
its answer is one model reset (the earlier results stay on screen until the new ones arrive,
so the table never flashes empty) and the paint of the rows in view, whose texts are worked out
once per row, not at every one of the ~800 `data()` calls a paint makes (bench/bench_search.py
measures both, with another process keeping a core busy).
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QWidget

from intake_app.domain.case import CaseStatus, CaseSummary
from intake_app.errors import IntakeError
from intake_app.services import cases
from intake_app.services.session import Session
from intake_app.ui.i18n import noop, relative_time, tr
from intake_app.ui.theme import COLOURS, monospace_font
from intake_app.ui.worker import ChangeKind, Worker

PAGE_SIZE = 200
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



def _page(s: Session, text: str, status: CaseStatus | None, offset: int) -> list[CaseSummary]:
    return cases.browse(s, text, status, PAGE_SIZE, offset)


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
            lambda s: cases.browse_code(s, code),
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
            lambda s: cases.reveal_preferred_name(s, case.id),
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

