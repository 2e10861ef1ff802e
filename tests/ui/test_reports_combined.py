"""The Reports screen across the task force, as a supervisor at the coordinating agency uses it:
the combined report appears once partners sent theirs, its small counts read "<5", it exports
without a name or code; "Send to…" names what leaves and queues it for the chosen partner."""

from __future__ import annotations

import csv
import io
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget
from pytestqt.qtbot import QtBot

from intake_app.domain.case import Role
from intake_app.services.session import Workspace, add_user
from intake_app.ui.reports.page import ReportsPage
from intake_app.ui.reports.task_force import combined_key
from tests.task_force import coordinate
from tests.ui.conftest import ADMIN_USER, PASSPHRASE, PLANTED_NAME, unlock

SUPERVISOR = "sara"


def _set_up(data_dir: Path, root: Path) -> list[str]:
    """Off the GUI thread (which may not open the database), before the window opens."""
    box: list[list[str]] = []

    def work() -> None:
        s = Workspace(data_dir).unlock(ADMIN_USER, PASSPHRASE)
        try:
            add_user(s, SUPERVISOR, PASSPHRASE, Role.SUPERVISOR)
            box.append(coordinate(s, root, PASSPHRASE, PLANTED_NAME))
        finally:
            s.close()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert box, "the set-up failed (see the thread's traceback above)"
    return box[0]


def _reports(qtbot: QtBot, window: Any) -> ReportsPage:
    window.show_reports()
    qtbot.waitUntil(lambda: isinstance(window.area.admin, ReportsPage))
    page: ReportsPage = window.area.admin
    page.period.setCurrentIndex(page.period.findText("2026Q3"))
    with qtbot.waitSignal(page.shown_reports, timeout=30_000):
        qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
        assert page.progress.isVisible()
    return page


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_coordinator_sees_the_combined_table_and_exports_it(
    qtbot: QtBot, make_window: Any, data_dir: Path, tmp_path: Path, language: str
) -> None:
    codes = _set_up(data_dir, tmp_path / "partners")
    window = make_window(data_dir)
    unlock(qtbot, window, SUPERVISOR)
    window.set_language(language)
    page = _reports(qtbot, window)
    choice = page.kind.findData(combined_key("task_force"))
    assert choice >= 0, [page.kind.itemText(i) for i in range(page.kind.count())]
    assert page.kind.itemText(choice).endswith(
        "combined across agencies" if language == "en" else "combinado entre agencias")
    page.kind.setCurrentIndex(choice)
    # The tables of the report shown before go with deleteLater: wait until only these remain.
    qtbot.waitUntil(lambda: len(page.tables_box.findChildren(QTableWidget,
                                                             "task_force.new_by_type")) == 1)
    sources = page.sources
    assert sources.isVisible()
    assert sources.text().startswith("Combined from 3 agencies" if language == "en"
                                     else "Combinado de 3 agencias")
    assert "Safe Harbor Shelter" in sources.text() and "Northside Clinic" in sources.text()
    grid = page.tables_box.findChild(QTableWidget, "task_force.new_by_type")
    assert grid is not None
    cells = {grid.model().headerData(r, Qt.Orientation.Vertical): grid.model().index(r, 0).data()
             for r in range(grid.rowCount())}
    sex, both = (("Sex trafficking", "Sex and labour") if language == "en"
                 else ("Trata sexual", "Sexual y laboral"))
    assert cells[sex] == "29" and cells[both] == "<5"  # 9 + 12 + 8; the shelter's 2 stays hidden

    csv_button = page.export_buttons[next(f for f in page.export_buttons if f.value == "csv")]
    qtbot.mouseClick(csv_button, Qt.MouseButton.LeftButton)
    chooser = page.file_chooser
    assert chooser is not None
    out = tmp_path / "combined.csv"
    with qtbot.waitSignal(page.exported, timeout=20_000):
        chooser.selectFile(str(out))
        chooser.accept()
    text = out.read_text("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert [sex, "29"] in [r[:2] for r in rows]
    for secret in (PLANTED_NAME, *codes):
        assert secret not in text


def test_send_to_names_what_leaves_and_queues_it_for_the_chosen_partner(
    qtbot: QtBot, make_window: Any, data_dir: Path, tmp_path: Path
) -> None:
    _set_up(data_dir, tmp_path / "partners")
    window = make_window(data_dir)
    unlock(qtbot, window, SUPERVISOR)
    page = _reports(qtbot, window)
    assert page.send_button.isEnabled()
    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.send_dialog is not None and page.send_dialog.isVisible())
    dialog = page.send_dialog
    assert dialog is not None
    names = [dialog.partner.itemText(i) for i in range(dialog.partner.count())]
    assert names == ["Northside Clinic", "Safe Harbor Shelter"]
    assert "No name, case code or note leaves" in dialog.findChildren(QLabel)[0].text()
    dialog.partner.setCurrentIndex(1)
    with qtbot.waitSignal(page.sent, timeout=20_000) as sent:
        qtbot.mouseClick(dialog.send, Qt.MouseButton.LeftButton)
    assert sent.args is not None and sent.args[0] == dialog.chosen()
    assert "Safe Harbor Shelter" in page.status.text()
    assert "next sync" in page.status.text()


def test_with_no_confirmed_partner_send_to_says_who_can_add_one(
    qtbot: QtBot, make_window: Any, data_dir: Path
) -> None:
    window = make_window(data_dir)
    unlock(qtbot, window, ADMIN_USER)
    page = _reports(qtbot, window)
    assert page.kind.findData(combined_key("task_force")) < 0  # nothing received: no choice
    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.send_dialog is not None and page.send_dialog.isVisible())
    dialog = page.send_dialog
    assert dialog is not None
    assert dialog.none.isVisible() and "Agency screen" in dialog.none.text()
    assert not dialog.send.isEnabled()
    dialog.reject()
