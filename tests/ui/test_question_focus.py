"""The keyboard starts on the answer: focus when a question is shown, and the answer first in Tab
order, then the ways out, then Previous, Save and Next, as they read on screen."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from intake_app.domain.answers import Answer
from intake_app.domain.protocol import load_shipped
from intake_app.ui.interview.interview_page import InterviewPage
from tests.ui.conftest import start_interview, unlock


class StillClock:
    def now(self) -> float:
        return 1000.0


def _tab_path(qtbot: QtBot, steps: int, key: Qt.Key = Qt.Key.Key_Tab) -> list[QWidget | None]:
    """Where focus lands after each of `steps` presses of `key`."""
    path: list[QWidget | None] = []
    for _ in range(steps):
        current = QApplication.focusWidget()
        assert current is not None
        qtbot.keyClick(current, key)
        path.append(QApplication.focusWidget())
    return path


def test_a_new_interview_opens_with_the_keyboard_on_the_answer(qtbot, make_window, data_dir):
    window = make_window(data_dir)
    unlock(qtbot, window)
    area = window.area
    window.open_case(area.case_list.model.case_at(0).id)
    qtbot.waitUntil(lambda: area.case_view is not None and area.case_view.bundle is not None)
    page = start_interview(qtbot, window)
    assert page.panel.editor is not None
    answer = page.panel.editor.focus_widgets()[0]
    qtbot.waitUntil(answer.hasFocus)  # not a status-bar button


@pytest.mark.parametrize(("section", "answers"), [
    ("welcome", {}),  # a text answer
    ("safety_now", {}),  # a single choice
    ("immediate_needs", {}),  # many checkboxes
    ("welcome", {"preferred_name": Answer.of("Demo")}),  # an earlier answer shown again
])
def test_tab_goes_from_the_answer_to_the_ways_out_then_on(qtbot, make_window, data_dir, section,
                                                          answers):
    window = make_window(data_dir)
    unlock(qtbot, window)
    page = InterviewPage(load_shipped()["advocate_intake"], "en", "advocate", answers,
                         StillClock(), ui_language="en", today=date(2026, 11, 23))
    window.area.show_interview(page)
    page.go_to_section(section)
    p = page.panel
    assert p.editor is not None
    boxes = p.editor.focus_widgets()
    qtbot.waitUntil(boxes[0].hasFocus)
    # Tab visits every checkbox; a radio group is one stop; a text field is one stop.
    radios = isinstance(boxes[0], QAbstractButton) and boxes[0].autoExclusive()
    inside = 1 if radios or len(boxes) == 1 else len(boxes)
    path = _tab_path(qtbot, inside - 1 + 6)
    assert path[inside - 1:] == [p.declined, p.not_now, p.unknown, p.previous, p.save, p.next]
    back = _tab_path(qtbot, 6, Qt.Key.Key_Backtab)
    assert back[-1] in boxes  # Shift+Tab from Next comes back to the answer
