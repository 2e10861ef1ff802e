"""An interview held in French (a guide in three languages) in a real window: the person's
screen shows the French question and options, and the app's own lines on it in the guide's
French (its person_words); a guide without them leaves those lines in the interviewer's screen
language (English or Spanish), never blank. Dates in French read as French writes them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt

from intake_app.domain.pacing import MonotonicClock
from intake_app.domain.protocol import load_protocol
from intake_app.ui.interview.interview_page import InterviewPage
from intake_app.ui.interview.person_view import PersonView
from intake_app.ui.interview.start_dialog import StartInterviewDialog
from intake_app.ui.interview.translations import (
    MAY_SKIP,
    ON_BREAK,
    RIGHT_TO_KNOW,
    THANK_YOU,
    PersonText,
    words_language,
)

TRILINGUAL = load_protocol(Path(__file__).parents[1] / "data" / "protocols" /
                           "trilingual_check_in.json")
SKIP_EN = "You may skip this question. You can stop at any time."
SKIP_FR = "Vous pouvez passer cette question. Vous pouvez arrêter à tout moment."
BREAK_FR = "Nous faisons une pause. Prenez le temps qu'il vous faut."
THANKS_FR = "Merci de nous avoir accordé votre temps."


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
    assert view.shown_texts() == ["Vous sentez-vous en sécurité en ce moment ?", SKIP_FR]
    assert page.panel.text.text() == "Vous sentez-vous en sécurité en ce moment ?"
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    # Prefer not to say, by its shortcut, as the interviewer would: the next question comes up.
    qtbot.keyClick(page.focusWidget() or page, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: view.shown_texts()[:1] == ["Quel âge avez-vous ?"])
    assert view.shown_texts()[1] == SKIP_FR
    assert page.panel.editor is not None
    options = [text for _, text in page.panel.editor._choices()]
    assert "35 ans ou plus" in options


def test_the_apps_own_words_for_a_third_language_follow_the_interviewers_screen() -> None:
    assert words_language("es") == "es"
    assert words_language("en") == "en"
    assert words_language("fr") == "en"  # the interviewer's screen is in English here


def _french_page(qtbot, guide=TRILINGUAL) -> tuple[InterviewPage, PersonView]:
    page = InterviewPage(guide, "fr", "advocate", {}, MonotonicClock(), ui_language="en")
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    qtbot.waitExposed(page)
    view = PersonView("fr")
    qtbot.addWidget(view)
    view.follow(page)
    view.show()
    qtbot.waitExposed(view)
    return page, view


def test_the_persons_screen_in_french_says_the_guides_own_lines(qtbot) -> None:
    page, view = _french_page(qtbot)
    assert view.skip.text() == SKIP_FR and view.skip.isVisible()
    # What a possible minor hears first, ready for the person's screen in French too.
    assert page.minor_gate.person_words.startswith("Avant de continuer : comme vous avez")
    with qtbot.waitSignal(page.person_screen_changed):
        page.start_break()
    assert view.shown_texts() == [BREAK_FR]
    assert page.break_screen.person_message.text() == BREAK_FR  # shown to the interviewer too
    with qtbot.waitSignal(page.person_screen_changed):
        page.end_break()
    assert view.shown_texts() == ["Vous sentez-vous en sécurité en ce moment ?", SKIP_FR]


def test_a_guide_without_french_lines_leaves_the_apps_english(qtbot) -> None:
    _page, view = _french_page(qtbot, replace(TRILINGUAL, person_words=()))
    assert view.shown_texts() == ["Vous sentez-vous en sécurité en ce moment ?", SKIP_EN]


def test_person_text_takes_the_guides_lines_only_for_a_language_the_app_lacks() -> None:
    french = PersonText("fr", TRILINGUAL)
    assert french(MAY_SKIP) == SKIP_FR and french(THANK_YOU) == THANKS_FR
    assert french(ON_BREAK) == BREAK_FR
    assert french(RIGHT_TO_KNOW).startswith("Avant de continuer : comme vous avez peut-être")
    assert PersonText("es", TRILINGUAL)(THANK_YOU) == "Gracias por su tiempo."
    assert PersonText("en", TRILINGUAL)(THANK_YOU) == "Thank you for your time."
    assert PersonText("fr")(MAY_SKIP) == SKIP_EN  # no guide: the interviewer's screen language


@pytest.mark.parametrize(("language", "written"), [
    ("fr", "3 décembre 2026"), ("pt-br", "3 de dezembro de 2026"), ("de", "3. Dezember 2026"),
    ("ja", "2026年12月3日"), ("es", "3 de diciembre de 2026"), ("en", "December 3, 2026"),
    ("mam", "December 3, 2026"),  # Qt has no Mam month names: as the interviewer's English
])
def test_a_date_for_the_person_reads_as_their_language_writes_it(language, written) -> None:
    assert PersonText(language, TRILINGUAL).date(QDate(2026, 12, 3)) == written
