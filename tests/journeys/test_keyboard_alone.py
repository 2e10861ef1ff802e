"""Every interview action by keyboard alone, from wherever the focus lands: real key presses sent
through the X server (xdotool) to the window the window manager gave the keyboard, with the keys
from intake_app/ui/shortcuts.py. Nothing here clicks, and nothing puts the focus anywhere."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from intake_app.domain.answers import Answer
from intake_app.domain.protocol import AnswerType
from intake_app.services import interviews
from intake_app.ui.interview.interview_page import InterviewPage
from tests.journeys.driver import Driver, Give
from tests.journeys.test_interview_journeys import ADULT, WORDS, _begin, _end_screen_stays
from tests.ui.conftest import call
from tests.ui.helpers import visible_texts

pytestmark = pytest.mark.skipif(shutil.which("xdotool") is None, reason="needs xdotool")


def _focus_on_answer(drive: Driver, page: InterviewPage) -> None:
    drive.look_at_question(page)  # waits until the keyboard is on the answer, checks the screen


def _every_tool_from_the_first_question(drive: Driver, page: InterviewPage) -> None:
    window = drive.window
    first = page.current_question_id()
    assert first is not None
    drive.shortcut("interviewer_note")  # F2
    drive.wait_until(page.note.isVisible, "the interviewer note")
    drive.look("note open", [*drive.interview_must_see(page), page.note])
    _focus_on_answer(drive, page)
    drive.shortcut("interviewer_note")
    drive.wait_until(lambda: not page.note.isVisible(), "the note closed")
    drive.shortcut("take_break")  # Ctrl+B
    drive.wait_until(page.on_break, "the break screen")
    drive.look("break", [page.break_screen.resume_button])
    drive.shortcut("take_break")
    drive.wait_until(lambda: not page.on_break(), "the interview again")
    assert page.current_question_id() == first
    _focus_on_answer(drive, page)
    drive.shortcut("person_view")  # F11
    drive.wait_until(lambda: window.interviews.person_view is not None
                     and window.interviews.person_view.isVisible(), "the person's screen")
    drive.wait_until(lambda: QGuiApplication.focusWindow() is window.windowHandle(),
                     "the keyboard still on the interview")
    drive.shortcut("not_now")  # Alt+N
    drive.wait_until(lambda: page.current_question_id() != first, "the next question")
    assert page.answers()[first] == Answer.not_asked()
    drive.shortcut("undo_answer")  # Ctrl+Z
    drive.wait_until(lambda: page.current_question_id() == first, "the question open again")
    assert first not in page.answers()
    _focus_on_answer(drive, page)
    drive.shortcut("next_question")  # Alt+Right: on without recording
    drive.wait_until(lambda: page.current_question_id() != first, "the next question")
    assert first not in page.answers()
    drive.shortcut("previous_question")  # Alt+Left
    drive.wait_until(lambda: page.current_question_id() == first, "the first question again")
    _focus_on_answer(drive, page)
    drive.shortcut("does_not_know")  # Alt+D
    drive.wait_until(lambda: page.current_question_id() != first, "the next question")
    assert page.answers()[first] == Answer.unknown()
    second = page.current_question_id()
    _focus_on_answer(drive, page)
    drive.shortcut("prefers_not_to_say")  # Alt+P
    drive.wait_until(lambda: page.current_question_id() != second, "the third question")
    assert second is not None and page.answers()[second] == Answer.declined()
    _focus_on_answer(drive, page)


def test_an_advocate_does_everything_by_keyboard_to_the_end_and_quick_exits(
    qtbot, make_window, data_dir, worker
):
    window, drive = _begin(qtbot, make_window, data_dir, "advocate", "en", keys="xdotool")
    drive.new_case()  # Ctrl+N
    page = drive.start_interview(by_mouse=False)  # Ctrl+I
    _every_tool_from_the_first_question(drive, page)
    drive.answer_to_the_end(page, ADULT, by_mouse=False)
    _end_screen_stays(drive, page)
    assert WORDS["en"]["complete"] in visible_texts()
    iv_id = window.location.interview_id
    assert iv_id is not None
    assert call(qtbot, worker, lambda s: interviews.get_interview(s, iv_id).status) == "complete"
    back = page.end_screen.back_button
    drive.wait_until(lambda: QApplication.focusWidget() is back, "the keyboard on 'Back'")
    drive.key("Return")
    drive.wait_until(lambda: window.area is not None and window.area.case_view is not None
                     and window.area.case_view.isVisible(), "the case page")
    drive.shortcut("quick_exit")  # Esc, Esc, Esc
    drive.wait_until(lambda: window.is_locked, "the lock screen")
    assert not drive.problems, "\n".join(drive.problems)


def test_an_officer_in_spanish_ends_for_today_from_inside_a_text_field(
    qtbot, make_window, data_dir, worker
):
    window, drive = _begin(qtbot, make_window, data_dir, "officer", "es", keys="xdotool")
    drive.new_case()
    page = drive.start_interview(by_mouse=False)
    _every_tool_from_the_first_question(drive, page)
    # On, by keyboard, to the first question answered by typing.
    for _ in range(20):
        editor = page.panel.editor
        assert editor is not None
        if editor.question.type in (AnswerType.SHORT_TEXT, AnswerType.LANGUAGE,
                                    AnswerType.LONG_TEXT):
            break
        drive.give(page, Give(way_out="not_now"), by_mouse=False)
    qid = page.current_question_id()
    last_interview = window.location.interview_id
    assert last_interview is not None
    assert isinstance(QApplication.focusWidget(), QLineEdit | QPlainTextEdit)
    drive.type("Mam")
    drive.shortcut("end_for_today")  # Ctrl+E, which a text field would take for itself
    drive.wait_until(lambda: window.area is not None and window.area.case_view is not None
                     and window.area.case_view.isVisible(), "the case page")
    iv_id = window.location.interview_id or last_interview
    drive.settle()
    assert qid is not None
    assert call(qtbot, worker, lambda s: interviews.get_interview(s, iv_id).status) == "paused"
    assert call(qtbot, worker, lambda s: interviews.answers(s, iv_id))[qid] == Answer.of("Mam")
    drive.shortcut("quick_exit")
    drive.wait_until(lambda: window.is_locked, "the lock screen")
    assert window.windowTitle() == "Bloqueado"
    assert not drive.problems, "\n".join(drive.problems)
