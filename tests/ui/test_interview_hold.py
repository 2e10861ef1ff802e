"""An interview held on a colleague's laptop, in the real window: the case page says where it is
in progress, resuming asks before taking it over, and taking it over opens it here."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from intake_app.domain.case import Role
from intake_app.services import cases, interview_hold, interviews, replication
from intake_app.services.session import Session, Workspace
from intake_app.storage.kdf import KdfParams
from intake_app.threads import clear_gui_thread, mark_gui_thread
from intake_app.ui.mainwindow import MainWindow
from tests.ui.conftest import PASSPHRASE, PLANTED_NAME, USER, unlock


def _send(source: Session, target: Session) -> None:
    ids, payload = replication.outgoing(source)
    replication.apply_ops(target, replication.parse_batch(json.loads(
        replication.payload_bytes(payload))))
    replication.mark_sent(source, ids)


def _held_by_ben(data_dir: Path, tmp_path: Path) -> int:
    clear_gui_thread()
    try:
        ana = Workspace(data_dir).unlock(USER, PASSPHRASE)
        ben, _ = Workspace(tmp_path / "ben").set_up("ben", PASSPHRASE, Role.ADVOCATE,
                                                     kdf=KdfParams.for_tests())
        try:
            case_id = cases.list_cases(ana, PLANTED_NAME.split()[0])[0].id
            iv = interviews.start_interview(ana, case_id, "advocate_intake", "1.1", "en")
            interviews.end_sitting(ana, iv.id)
            _send(ana, ben)
            code = cases.open_case(ana, case_id).code
            [ben_iv] = interviews.case_interviews(ben, cases.find_by_code(ben, code).id)
            interview_hold.hold(ben, ben_iv.id)  # ben opens it on his laptop
            _send(ben, ana)
        finally:
            ana.close()
            ben.close()
    finally:
        mark_gui_thread()
    return case_id


def test_an_interview_open_on_another_laptop_is_taken_over_only_when_asked(
    qtbot: QtBot, make_window: Callable[..., MainWindow], data_dir: Path, tmp_path: Path
) -> None:
    case_id = _held_by_ben(data_dir, tmp_path)
    window = make_window(data_dir)
    unlock(qtbot, window)
    window.open_case(case_id)
    assert window.area is not None and window.area.case_view is not None
    tab = window.area.case_view.interviews_tab
    laptop = interview_hold.laptop_name()
    qtbot.waitUntil(lambda: f"in progress on {laptop} (ben)" in _status(window), timeout=15_000)
    tab.table.selectRow(0)
    tab.resume.click()
    flow = window.interviews
    qtbot.waitUntil(lambda: flow.take_over_question is not None, timeout=15_000)
    box = flow.take_over_question
    assert isinstance(box, QMessageBox) and "ben" in box.text()
    [take] = [b for b in box.buttons() if b.text() == "Take it over"]
    take.click()
    qtbot.waitUntil(lambda: flow.page is not None and flow.page.isVisible(), timeout=15_000)
    window.open_case(case_id)
    qtbot.waitUntil(lambda: _status(window) not in ("", f"in progress on {laptop} (ben)"),
                    timeout=15_000)
    assert "(ben)" not in _status(window)


def _status(window: MainWindow) -> str:
    """The Status cell of the case's one interview, as shown ("" while not shown)."""
    view = None if window.area is None else window.area.case_view
    item = None if view is None else view.interviews_tab.table.item(0, 2)
    return "" if item is None else item.text()
