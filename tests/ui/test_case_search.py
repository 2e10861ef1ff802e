"""Searching the case list: the rows on show stay until the answer comes, in one change, and an
answer to an older search never replaces a newer one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from intake_app.ui.mainwindow import MainWindow
from intake_app.ui.worker import Worker
from tests.ui.conftest import call, unlock
from tests.ui.helpers import planted_case_id


def test_a_search_replaces_the_rows_in_one_change_and_never_shows_an_empty_table(
    qtbot: QtBot, make_window: Callable[..., MainWindow], data_dir: Path, worker: Worker
) -> None:
    window = make_window(data_dir)
    unlock(qtbot, window)
    _case_id, code = planted_case_id(qtbot, worker)
    assert window.area is not None
    page = window.area.case_list
    model = page.model
    shown: list[int] = []
    model.modelReset.connect(lambda: shown.append(model.rowCount()))
    model.rowsRemoved.connect(lambda *_: shown.append(model.rowCount()))
    before = model.rowCount()
    assert before == 3
    with qtbot.waitSignal(model.page_loaded, timeout=10_000):
        page.search.setText(code)
        page.run_query()
    assert shown == [1]  # three rows, then the one that matches: no empty table between
    assert model.index(0, 0).data() == code
    shown.clear()
    with qtbot.waitSignal(model.page_loaded, timeout=10_000):
        page.search.clear()
        page.run_query()
    assert shown == [3]


def test_an_older_search_answering_late_is_ignored(
    qtbot: QtBot, make_window: Callable[..., MainWindow], data_dir: Path, worker: Worker
) -> None:
    window = make_window(data_dir)
    unlock(qtbot, window)
    _case_id, code = planted_case_id(qtbot, worker)
    assert window.area is not None
    page = window.area.case_list
    loaded: list[int] = []
    page.model.page_loaded.connect(loaded.append)
    page.search.setText("nothing-matches-this")
    page.run_query()
    page.search.setText(code)  # asked before the first answer is back
    page.run_query()
    call(qtbot, worker, lambda _s: None)  # the worker runs jobs in order: both answers are in
    assert loaded == [1]
    assert page.model.index(0, 0).data() == code
