"""A case changed on two laptops while apart, in the real window: the case page shows both
versions with who and when, names only after "Show the versions", and a click keeps one."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from intake_app.domain.case import Role
from intake_app.services import cases, conflicts, replication
from intake_app.services.session import Session, Workspace
from intake_app.storage.kdf import KdfParams
from intake_app.threads import clear_gui_thread, mark_gui_thread
from intake_app.ui.mainwindow import MainWindow
from tests.ui.conftest import PASSPHRASE, PLANTED_NAME, USER, unlock

MINE, THEIRS = "Rosa Versionuno", "Rosa Versiondos"


def _send(source: Session, target: Session) -> None:
    _ids, payload = replication.outgoing(source)
    ops = replication.parse_batch(json.loads(replication.payload_bytes(payload)))
    replication.apply_ops(target, ops)


def _two_versions(data_dir: Path, tmp_path: Path) -> tuple[int, Path]:
    """The window's laptop (ana) and a colleague's (ben) each rename the same case."""
    clear_gui_thread()
    try:
        ana = Workspace(data_dir).unlock(USER, PASSPHRASE)
        ben, _ = Workspace(tmp_path / "ben").set_up("ben", PASSPHRASE, Role.ADVOCATE,
                                                     kdf=KdfParams.for_tests())
        try:
            case_id = cases.list_cases(ana, PLANTED_NAME.split()[0])[0].id
            _send(ana, ben)
            code = cases.open_case(ana, case_id).code
            cases.set_preferred_name(ana, case_id, MINE)
            cases.set_preferred_name(ben, cases.find_by_code(ben, code).id, THEIRS)
            _send(ben, ana)
        finally:
            ana.close()
            ben.close()
    finally:
        mark_gui_thread()
    return case_id, tmp_path / "ben"


def test_two_versions_are_shown_side_by_side_and_one_is_kept(
    qtbot: QtBot, make_window: Callable[..., MainWindow], data_dir: Path, tmp_path: Path
) -> None:
    case_id, ben_dir = _two_versions(data_dir, tmp_path)
    window = make_window(data_dir)
    unlock(qtbot, window)
    window.open_case(case_id)
    assert window.area is not None and window.area.case_view is not None
    view = window.area.case_view
    panel = view.conflicts
    qtbot.waitUntil(lambda: panel.isVisible() and len(panel.keep_buttons) == 2, timeout=15_000)
    assert "Two versions" in panel.heading.text()
    words = " ".join(w.text() for w in panel.findChildren(type(panel.heading)))
    assert MINE not in words and THEIRS not in words and "by ben" in words  # names withheld

    qtbot.mouseClick(panel.reveal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: THEIRS in " ".join(
        w.text() for w in panel.findChildren(type(panel.heading))), timeout=15_000)
    keep_theirs = next(b for b in panel.keep_buttons if "ben" in b.accessibleName())
    qtbot.mouseClick(keep_theirs, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=15_000)

    clear_gui_thread()  # the choice travels like any change: the colleague's laptop settles too
    try:
        window.lock()
        ana = Workspace(data_dir).unlock(USER, PASSPHRASE)
        ben = Workspace(ben_dir).unlock("ben", PASSPHRASE)
        try:
            _send(ana, ben)
            for s in (ana, ben):
                [row] = [c for c in cases.list_cases(s) if c.preferred_name == THEIRS]
                assert conflicts.case_conflicts(s, row.id) == []
        finally:
            ana.close()
            ben.close()
    finally:
        mark_gui_thread()


def test_an_answer_given_two_ways_shows_its_question_and_both_answers(
    qtbot: QtBot, make_window: Callable[..., MainWindow], data_dir: Path, tmp_path: Path
) -> None:
    from intake_app.domain.answers import Answer
    from intake_app.services import interview_hold, interviews

    clear_gui_thread()
    try:
        ana = Workspace(data_dir).unlock(USER, PASSPHRASE)
        ben, _ = Workspace(tmp_path / "ben").set_up("ben", PASSPHRASE, Role.ADVOCATE,
                                                     kdf=KdfParams.for_tests())
        try:
            case_id = cases.list_cases(ana, PLANTED_NAME.split()[0])[0].id
            iv = interviews.start_interview(ana, case_id, "advocate_intake", "1.1", "en")
            _send(ana, ben)
            code = cases.open_case(ana, case_id).code
            [ben_iv] = interviews.case_interviews(ben, cases.find_by_code(ben, code).id)
            interviews.record_answer(ana, iv.id, "anything_else", Answer.of("a bed tonight"))
            interview_hold.take_over(ben, ben_iv.id)  # apart: ben carries it on
            interviews.record_answer(ben, ben_iv.id, "anything_else", Answer.declined())
            _send(ben, ana)
            question = interviews.question_of(ana, replication_uid(ana, iv.id), "anything_else")
        finally:
            ana.close()
            ben.close()
    finally:
        mark_gui_thread()
    assert question is not None
    window = make_window(data_dir)
    unlock(qtbot, window)
    window.open_case(case_id)
    assert window.area is not None and window.area.case_view is not None
    panel = window.area.case_view.conflicts
    qtbot.waitUntil(lambda: panel.isVisible() and len(panel.keep_buttons) == 2, timeout=15_000)
    words = " ".join(w.text() for w in panel.findChildren(type(panel.heading)))
    assert f"Answer: {question[0]}" in words
    assert "a bed tonight" in words and "Prefers not to say" in words and '"s"' not in words
    keep_ben = next(b for b in panel.keep_buttons if "ben" in b.accessibleName())
    qtbot.mouseClick(keep_ben, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=15_000)


def replication_uid(s: Session, interview_id: int) -> str:
    from intake_app.storage import replication as log

    with s.db.transaction() as c:
        return log.interview_uid_of(c, interview_id)[0]
