"""An interview held in French (a guide in three languages) in a real window: the person's
screen shows the French question and options; the app's own words on it are in the
interviewer's screen language (English or Spanish), never blank."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from intake_app.domain.pacing import MonotonicClock
from intake_app.domain.protocol import load_protocol
from intake_app.ui.interview.interview_page import InterviewPage
from intake_app.ui.interview.person_view import PersonView
from intake_app.ui.interview.start_dialog import StartInterviewDialog
from intake_app.ui.interview.translations import words_language

TRILINGUAL = load_protocol(Path(__file__).parents[1] / "data" / "protocols" /
                           "trilingual_check_in.json")
SKIP_EN = "You may skip this question. You can stop at any time."


def test_the_start_dialog_offers_the_guides_languages_the_agency_enables(qtbot) -> None:
    dialog = StartInterviewDialog([TRILINGUAL], "en", None, ("en", "es", "fr"))
    qtbot.addWidget(dialog)
    names = [dialog.language.itemText(i) for i in range(dialog.language.count())]
    assert names == ["English", "Spanish (español)", "français (French)"]
    dialog.language.setCurrentIndex(2)
    assert dialog.chosen() == ("trilingual_check_in", "fr")
    narrow = StartInterviewDialog([TRILINGUAL], "en", None, ("en", "es"))
    qtbot.addWidget(narrow)
    assert narrow.language.findData("fr") == -1  # the policy does not enable French


def test_an_interview_in_french_shows_french_on_the_persons_screen(qtbot) -> None:
    page = InterviewPage(TRILINGUAL, "fr", "advocate", {}, MonotonicClock(), ui_language="en",
                         placeholders={"interviewer": "Ana", "agency": "Refugio"})
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    page.activateWindow()
    qtbot.waitExposed(page)
    view = PersonView("fr")
    qtbot.addWidget(view)
    view.follow(page)
    view.show()
    qtbot.waitExposed(view)
    assert view.shown_texts() == ["Vous sentez-vous en sécurité en ce moment ?", SKIP_EN]
    assert page.panel.text.text() == "Vous sentez-vous en sécurité en ce moment ?"
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    # Prefer not to say, by its shortcut, as the interviewer would: the next question comes up.
    qtbot.keyClick(page.focusWidget() or page, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: view.shown_texts()[:1] == ["Quel âge avez-vous ?"])
    assert view.shown_texts()[1] == SKIP_EN
    assert page.panel.editor is not None
    options = [text for _, text in page.panel.editor._choices()]
    assert "35 ans ou plus" in options


def test_the_apps_own_words_for_a_third_language_follow_the_interviewers_screen() -> None:
    assert words_language("es") == "es"
    assert words_language("en") == "en"
    assert words_language("fr") == "en"  # the interviewer's screen is in English here
