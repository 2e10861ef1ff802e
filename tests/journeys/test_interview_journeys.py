"""Whole interviews as an advocate and an officer do them, in English and Spanish, in a real window
on a 1280x720 screen: unlock, a new case, the interview clicked and typed through to the end
screen, the person's screen beside it, a minor stopped before any sensitive question, and every
action by keyboard alone (real X key events through the window manager)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from intake_app.domain.protocol import Protocol, Question
from intake_app.services import interviews
from intake_app.ui import i18n
from intake_app.ui.interview.interview_page import InterviewPage
from intake_app.ui.interview.person_view import PersonView
from intake_app.ui.mainwindow import MainWindow
from tests.journeys.driver import DECLINE, Driver, Give
from tests.ui.conftest import OFFICER_USER, PASSPHRASE, USER, call
from tests.ui.helpers import visible_texts

USERS = {"advocate": USER, "officer": OFFICER_USER}
PROTOCOLS = {"advocate": "advocate_intake", "officer": "officer_victim_interview"}
# What a person reads, written out here (not taken from the app's own catalogue).
WORDS = {
    "en": {"complete": "The interview is complete",
           "minor": "Before you go on: this person may be under 18",
           "thanks": "Thank you for your time.",
           "may_skip": "You may skip this question. You can stop at any time.",
           "under_18": "because you may be under 18"},
    "es": {"complete": "La entrevista está completa",
           "minor": "Antes de seguir: esta persona podría ser menor de 18 años",
           "thanks": "Gracias por su tiempo.",
           "may_skip": "Puede saltarse esta pregunta. Puede parar cuando quiera.",
           "under_18": "menos de 18 años"},
}
ADULT = {"age_range": Give(options=("25_34",))}
MINOR = {"age_range": Give(options=("15_17",))}
ROLES_AND_LANGUAGES = [(r, lang) for r in ("advocate", "officer") for lang in ("en", "es")]


def _begin(qtbot, make_window, data_dir, role: str, language: str, keys: str = "qtest"
           ) -> tuple[MainWindow, Driver]:
    window = make_window(data_dir)
    qtbot.waitActive(window)  # the window manager gave it the keyboard
    drive = Driver(window, keys=keys)
    # The window's shortcuts are wired right after its first paint (ui/deferred.py); a key
    # pressed in the same instant as the window appears would find none yet.
    window.build_deferred()
    if language != i18n.current_language():
        if keys == "xdotool":
            drive.shortcut("switch_language")
        else:
            drive.switch_language_on_lock_screen()
        drive.wait_until(lambda: i18n.current_language() == language, f"the app in {language}")
    drive.unlock(USERS[role], PASSPHRASE, by_mouse=keys != "xdotool")
    return window, drive


def _sensitive(protocol: Protocol, question: Question) -> bool:
    return (question.sensitivity.value == "high"
            or protocol.section(question.section_id).is_sensitive)


def _end_screen_stays(drive: Driver, page: InterviewPage) -> None:
    drive.settle()  # a jump away (the old bug) would have happened by now
    area = drive.window.area
    assert area is not None and area.interview is page and page.isVisible()
    assert page.stack.currentWidget() is page.end_screen and page.end_screen.isVisible()


# --- the whole interview ---------------------------------------------------------------------------
@pytest.mark.parametrize(("role", "language"), ROLES_AND_LANGUAGES)
def test_a_whole_interview_clicked_and_typed_ends_on_the_end_screen(
    qtbot, make_window, data_dir, worker, role, language
):
    window, drive = _begin(qtbot, make_window, data_dir, role, language)
    drive.new_case()
    page = drive.start_interview()
    assert page.protocol.id == PROTOCOLS[role] and page.language == language
    seen: list[str] = []
    person: list[PersonView] = []

    def along_the_way(qid: str) -> None:
        seen.append(qid)
        if len(seen) == 3:  # the person's screen, opened with its button
            drive.click(page.bar.person)
            drive.wait_until(lambda: window.interviews.person_view is not None
                             and window.interviews.person_view.isVisible(), "the person's screen")
            view = window.interviews.person_view
            assert view is not None
            qtbot.waitExposed(view)
            person.append(view)
            _shows_only_the_question(view, page, language)
            # The interviewer keeps the keyboard: the person's screen never takes it.
            drive.wait_until(lambda: QGuiApplication.focusWindow() is window.windowHandle(),
                             "the keyboard back on the interview")
            drive.look("person's screen open", drive.interview_must_see(page))
        elif len(seen) == 4:
            _shows_only_the_question(person[0], page, language)  # it followed the question
        elif len(seen) == 5:  # one way out, by mouse
            drive.give(page, DECLINE, by_mouse=True)

    drive.answer_to_the_end(page, ADULT, by_mouse=True, on_question=along_the_way)
    _end_screen_stays(drive, page)
    texts = visible_texts()
    assert WORDS[language]["complete"] in texts
    summary = page.end_screen.summary
    assert summary.isVisible() and summary.text() in texts and summary.text()
    assert not page.end_screen.minor_box.isVisible()  # an adult: no mandatory-reporting box
    assert person[0].isVisible() and person[0].shown_texts() == [WORDS[language]["thanks"]]
    drive.look("end screen", [page.end_screen.back_button, page.end_screen.review_button])
    iv_id = window.location.interview_id
    assert iv_id is not None
    assert call(qtbot, worker, lambda s: interviews.get_interview(s, iv_id).status) == "complete"
    saved = call(qtbot, worker, lambda s: interviews.answers(s, iv_id))
    assert set(saved) == set(page.answers()) and len(saved) >= 10
    assert not drive.problems, "\n".join(drive.problems)
    drive.click(page.end_screen.back_button)
    drive.wait_until(lambda: window.area is not None and window.area.case_view is not None
                     and window.area.case_view.isVisible(), "the case page")


def _shows_only_the_question(view: PersonView, page: InterviewPage, language: str) -> None:
    editor = page.panel.editor
    assert editor is not None
    question = editor.question
    assert view.isVisible() and view.isWindow() and not view.isMinimized()
    assert view.shown_texts() == [question.text(language), WORDS[language]["may_skip"]]
    note = question.note(page.ui_language)
    assert note and all(note not in text for text in view.shown_texts())
    on_screen = view.screen().availableGeometry()
    assert on_screen.contains(view.frameGeometry())


# --- a minor ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("role", "language"), ROLES_AND_LANGUAGES)
def test_a_minor_is_told_what_cannot_stay_confidential_before_any_sensitive_question(
    qtbot, make_window, data_dir, worker, role, language
):
    window, drive = _begin(qtbot, make_window, data_dir, role, language)
    drive.new_case()
    page = drive.start_interview()
    asked: list[str] = []
    for _ in range(40):
        if page.at_minor_reminder():
            break
        qid = page.current_question_id()
        assert qid is not None, "the interview ended without the reminder"
        asked.append(qid)
        editor = page.panel.editor
        assert editor is not None
        drive.give(page, MINOR.get(qid, Give(way_out="not_now")), by_mouse=True)
    drive.settle()
    assert page.at_minor_reminder() and page.minor_gate.isVisible()
    assert not any(_sensitive(page.protocol, page.protocol.question(q)) for q in asked)
    assert "age_range" in asked
    assert WORDS[language]["minor"] in visible_texts()
    drive.look("minor reminder", [page.minor_gate.told, page.minor_gate.end])
    # The person's screen (F11) says it in their language, and shows no question.
    drive.shortcut("person_view")
    drive.wait_until(lambda: window.interviews.person_view is not None
                     and window.interviews.person_view.isVisible(), "the person's screen")
    view = window.interviews.person_view
    assert view is not None
    qtbot.waitExposed(view)
    assert view.shown_texts() == [page.minor_gate.person_words]
    assert WORDS[language]["under_18"] in view.shown_texts()[0]
    drive.wait_until(lambda: QGuiApplication.focusWindow() is window.windowHandle(),
                     "the keyboard back on the interview")
    # Enter takes the suggested way: an officer hands a minor over (ends for today), an advocate
    # goes on, to a sensitive question now that the person knows.
    drive.wait_until(lambda: QApplication.focusWidget() is page.minor_gate.suggested,
                     "the keyboard on the suggested button")
    iv_id = window.location.interview_id
    assert iv_id is not None
    drive.key("Return")
    if role == "officer":
        drive.wait_until(lambda: window.area is not None and window.area.case_view is not None
                         and window.area.case_view.isVisible(), "the case page")
        drive.settle()
        status = call(qtbot, worker, lambda s: interviews.get_interview(s, iv_id).status)
        assert status == "paused"
    else:
        drive.wait_until(lambda: not page.at_minor_reminder(), "the next question")
        qid = page.current_question_id()
        assert qid is not None and _sensitive(page.protocol, page.protocol.question(qid))
        drive.answer_to_the_end(page, {}, by_mouse=True)
        _end_screen_stays(drive, page)
        assert page.end_screen.minor_box.isVisible()  # and the end screen says it again
    assert not drive.problems, "\n".join(drive.problems)
