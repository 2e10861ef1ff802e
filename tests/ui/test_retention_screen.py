"""A supervisor, as a person would: puts a case under a legal hold on its page, opens Reports,
sees the one case due for deletion by its code (no name), presses Delete, reads a confirmation
naming the count and saying it cannot be undone, confirms; the case is gone, the held one kept.
An advocate sees the hold greyed. In English and Spanish."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from intake_app.domain.case import CaseStatus, Role
from intake_app.services import cases
from intake_app.services.session import Workspace, add_user
from intake_app.ui.reports.page import ReportsPage
from tests.ui.conftest import ADMIN_USER, PASSPHRASE, PLANTED_NAME, unlock

SUPERVISOR = "sara"
DUE_NAME = "Ottilie Ferncastle"  # synthetic


def _set_up(data_dir: Path) -> tuple[str, int]:
    """A supervisor; two closed cases last touched eight years ago: (due code, the other's id)."""
    box: list[tuple[str, int]] = []

    def work() -> None:
        s = Workspace(data_dir).unlock(ADMIN_USER, PASSPHRASE)
        try:
            add_user(s, SUPERVISOR, PASSPHRASE, Role.SUPERVISOR)
            due, other = cases.create_case(s, DUE_NAME), cases.create_case(s)
            for made in (due, other):
                cases.set_status(s, made.id, CaseStatus.CLOSED)
            long_ago = (datetime.now(UTC) - timedelta(days=8 * 365)).isoformat()
            with s.db.transaction() as c:  # the fake clock: their last activity, backdated
                c.execute("UPDATE cases SET updated_at = ? WHERE id IN (?, ?)",
                          (long_ago, due.id, other.id))
            box.append((due.code, other.id))
        finally:
            s.close()

    thread = threading.Thread(target=work)  # the GUI thread may not open the database
    thread.start()
    thread.join()
    assert box, "the set-up failed (see the thread's traceback above)"
    return box[0]


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_supervisor_holds_one_case_and_deletes_the_one_due(
    qtbot: QtBot, make_window: Any, data_dir: Path, language: str
) -> None:
    due_code, held_id = _set_up(data_dir)
    window = make_window(data_dir)
    unlock(qtbot, window, SUPERVISOR)
    window.set_language(language)

    window.open_case(held_id)
    qtbot.waitUntil(lambda: window.area.case_view is not None
                    and window.area.case_view.bundle is not None)
    hold = window.area.case_view.legal_hold
    assert hold.isEnabled() and not hold.isChecked()
    assert hold.text() == ("Legal &hold" if language == "en" else "Retención &legal")
    hold.setFocus()
    qtbot.keyClick(hold, Qt.Key.Key_Space)  # by keyboard
    qtbot.waitUntil(lambda: window.area.case_view.bundle.summary.legal_hold)
    qtbot.waitUntil(hold.isEnabled)
    assert hold.isChecked()

    window.show_reports()
    qtbot.waitUntil(lambda: isinstance(window.area.admin, ReportsPage))
    panel = window.area.admin.retention
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1 and panel.delete_button.isEnabled())
    assert panel.table.item(0, 0).text() == due_code
    shown = " ".join(panel.table.item(0, c).text() for c in range(4))
    assert DUE_NAME not in shown and PLANTED_NAME not in shown
    assert panel.heading.text() == ("Due for deletion" if language == "en" else "Para eliminar")
    assert "1" in panel.delete_button.text()

    panel.delete_button.setFocus()
    qtbot.keyClick(panel.delete_button, Qt.Key.Key_Space)
    box = panel.confirm
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    words = box.text() + " " + box.informativeText()
    assert "1" in words
    assert ("cannot be undone" if language == "en" else "No se puede deshacer") in words
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)  # not by accident
    [delete] = [b for b in box.buttons()
                if box.buttonRole(b) is QMessageBox.ButtonRole.DestructiveRole]
    with qtbot.waitSignal(panel.deleted, timeout=20_000) as blocker:
        qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert blocker.args == [1]
    qtbot.waitUntil(lambda: panel.table.rowCount() == 0 and panel.refresh_button.isEnabled())
    assert panel.status.text().startswith("1 cases deleted." if language == "en"
                                          else "1 casos eliminados.")
    assert not panel.delete_button.isEnabled()

    window.show_case_list()
    qtbot.waitUntil(lambda: window.area.admin is None or not window.area.admin.isVisible())
    window.open_case(held_id)  # the held case is still there
    qtbot.waitUntil(lambda: window.area.case_view is not None
                    and window.area.case_view.bundle is not None)
    assert window.area.case_view.legal_hold.isChecked()


def test_an_advocate_sees_the_hold_greyed(qtbot: QtBot, make_window: Any, data_dir: Path) -> None:
    _due, held_id = _set_up(data_dir)
    window = make_window(data_dir)
    unlock(qtbot, window)
    window.open_case(held_id)
    qtbot.waitUntil(lambda: window.area.case_view is not None
                    and window.area.case_view.bundle is not None)
    assert not window.area.case_view.legal_hold.isEnabled()
