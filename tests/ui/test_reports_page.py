"""A supervisor, as a new user would: opens Reports, picks a quarter, sees the charts, exports
XLSX and opens the file; no case name or code in it. An advocate has no Reports button."""

from __future__ import annotations

import os
import re
import threading
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDir, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
from pytestqt.qtbot import QtBot

from intake_app.domain.case import Role
from intake_app.domain.reporting.facts import ServiceCategory, ServiceGiven
from intake_app.services import case_facts, cases
from intake_app.services.session import Workspace, add_user
from intake_app.ui.reports.page import ReportsPage
from tests.ui.conftest import ADMIN_USER, PASSPHRASE, PLANTED_NAME, unlock

SUPERVISOR = "sara"
NEW_IN_Q3 = 8


def _with_supervisor(data_dir: Path) -> list[str]:
    """Set up off the GUI thread (which may not open the database), before the window opens."""
    box: list[list[str]] = []
    thread = threading.Thread(target=lambda: box.append(_set_up(data_dir)))
    thread.start()
    thread.join()
    assert box, "the set-up failed (see the thread's traceback above)"
    return box[0]


def _set_up(data_dir: Path) -> list[str]:
    """A supervisor and eight sex-trafficking cases taken in on 2026-08-03; the case codes."""
    s = Workspace(data_dir).unlock(ADMIN_USER, PASSPHRASE)
    try:
        add_user(s, SUPERVISOR, PASSPHRASE, Role.SUPERVISOR)
        for _ in range(NEW_IN_Q3):
            case = cases.create_case(s)
            case_facts.set_intake_date(s, case.id, date(2026, 8, 3))
            case_facts.set_fact(s, case.id, "trafficking_type", "sex")
            case_facts.record_service(s, case.id, ServiceGiven(
                date(2026, 8, 4), ServiceCategory.SHELTER, Role.ADVOCATE))
        return [c.code for c in cases.list_cases(s)]
    finally:
        s.close()


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_supervisor_runs_the_quarter_and_exports_xlsx(
    qtbot: QtBot, make_window: Any, data_dir: Path, tmp_path: Path, language: str
) -> None:
    codes = _with_supervisor(data_dir)
    window = make_window(data_dir)
    unlock(qtbot, window, SUPERVISOR)
    window.set_language(language)
    button = window.toolbar.widgetForAction(window.toolbar_proxies["reports"])
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(window.area.admin, ReportsPage))
    page: ReportsPage = window.area.admin
    assert page.heading.text() == ("Reports" if language == "en" else "Informes")
    keys = _mnemonics(page)
    assert len(keys) == len(set(keys)), keys  # each Alt+letter reaches one control


    page.period.setCurrentIndex(page.period.findText("2026Q3"))
    with qtbot.waitSignal(page.shown_reports, timeout=20_000):
        qtbot.mouseClick(page.run_button, Qt.MouseButton.LeftButton)
        assert page.progress.isVisible()  # shown while the worker counts
    assert not page.progress.isVisible()
    by_type = page.charts[1].accessibleDescription()
    sex = "Sex trafficking" if language == "en" else "Trata sexual"
    assert any(part.endswith(f": {NEW_IN_Q3}") and part.lower().startswith(sex.lower()[:4])
               for part in by_type.split("; ")), by_type
    assert page.charts[0].accessibleDescription()  # counts over time: the quarter's months
    rule = "Counts from 1 to 4" if language == "en" else "Los recuentos de 1 a 4"
    qtbot.waitUntil(lambda: any(w.text().startswith(rule) for w in page.tables_box.findChildren(
        type(page.heading))))

    shots = os.environ.get("INTAKE_SCREENSHOTS")  # e.g. docs/screenshots, to refresh the README's
    if shots:  # a picture only: let the new layout settle and paint first
        QApplication.processEvents()
        window.repaint()
        window.grab().save(str(Path(shots) / f"reports.{language}.png"))

    xlsx_button = page.export_buttons[next(f for f in page.export_buttons if f.value == "xlsx")]
    qtbot.mouseClick(xlsx_button, Qt.MouseButton.LeftButton)
    chooser = page.file_chooser
    assert chooser is not None and chooser.isVisible()
    assert Path(chooser.directory().absolutePath()).resolve() != Path(QDir.homePath()).resolve()
    out = tmp_path / "q3.xlsx"
    with qtbot.waitSignal(page.exported, timeout=20_000):
        chooser.selectFile(str(out))
        chooser.accept()

    sheet = load_workbook(out).active
    assert sheet is not None and sheet.title == "2026Q3"
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert NEW_IN_Q3 in values
    with zipfile.ZipFile(out) as z:
        everything = b"".join(z.read(n) for n in z.namelist())
    for secret in (PLANTED_NAME, *codes):
        assert secret.encode() not in everything


def _mnemonics(page: ReportsPage) -> list[str]:
    """The Alt+letter of every visible label, button and tab on the page."""
    texts = [w.text() for w in page.findChildren(QLabel) + page.findChildren(QAbstractButton)
             if w.isVisibleTo(page)]
    texts += [page.tabs.tabText(i) for i in range(page.tabs.count())]
    return [m.group(1).lower() for text in texts for m in re.finditer(r"(?<!&)&([^&\s])", text)]


def test_an_advocate_has_no_reports(qtbot: QtBot, make_window: Any, data_dir: Path) -> None:
    window = make_window(data_dir)
    unlock(qtbot, window)
    assert not window.actions_["reports"].isEnabled()
    window.show_reports()
    assert not isinstance(window.area.admin, ReportsPage)


def test_an_admin_locked_on_reports_comes_back_to_reports_not_the_agency_page(
    qtbot: QtBot, make_window: Any, data_dir: Path
) -> None:
    from tests.ui.conftest import ADMIN_USER

    window = make_window(data_dir)
    unlock(qtbot, window, ADMIN_USER)
    window.show_reports()
    qtbot.waitUntil(lambda: isinstance(window.area.admin, ReportsPage))
    window.lock()
    unlock(qtbot, window, ADMIN_USER)
    qtbot.waitUntil(lambda: window.area.admin is not None)
    assert isinstance(window.area.admin, ReportsPage)
