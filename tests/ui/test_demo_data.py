"""Demo data in the real window: a seeded interview reopens with the answers it was seeded with."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from intake_app.services import demo
from intake_app.services.session import Workspace
from intake_app.ui.interview.interview_page import InterviewPage
from intake_app.ui.mainwindow import MainWindow
from tests.ui.conftest import PASSPHRASE, USER, unlock
from tests.ui.test_admin_flow import off_gui


def test_a_seeded_interview_reopens_with_its_answers(
    qtbot: QtBot, make_window: Callable[..., MainWindow], data_dir: Path
) -> None:
    def seed() -> tuple[int, int]:
        s = Workspace(data_dir).unlock(USER, PASSPHRASE)
        try:
            demo.seed(s, 10)  # the tenth case gets an interview
            row = s.db.query_one("SELECT case_id, id FROM interviews ORDER BY id DESC LIMIT 1")
            assert row is not None
            return int(row[0]), int(row[1])
        finally:
            s.close()

    case_id, interview_id = off_gui(seed)
    window = make_window(data_dir)
    unlock(qtbot, window)
    area = window.area
    assert area is not None
    window.open_case(case_id)
    view = area.case_view
    assert view is not None
    qtbot.waitUntil(lambda: view.bundle is not None)
    window.resume_interview(case_id, interview_id)
    qtbot.waitUntil(lambda: isinstance(area.interview, InterviewPage))
    page = area.interview
    assert isinstance(page, InterviewPage)
    sections = page.sections
    done = [re.search(r"(\d+) of \d+ done", sections.item(r).text()) for r in range(sections.count())]
    assert sum(int(m.group(1)) for m in done if m) == demo.ANSWERS_PER_INTERVIEW
