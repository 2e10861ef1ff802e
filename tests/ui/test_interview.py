"""The interview page, break screen and person view, driven like an interviewer would."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from intake_app.domain.answers import Answer
from intake_app.domain.protocol import Protocol, parse_protocol
from intake_app.ui.interview.interview_page import InterviewPage
from intake_app.ui.interview.person_view import PersonView
from intake_app.ui.interview.translations import load_translator


def _t(en: str, es: str) -> dict[str, str]:
    return {"en": en, "es": es}


def _q(qid: str, qtype: str, en: str, es: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": qid, "text": _t(en, es), "note": _t(f"Why we ask {qid}", f"Por qué {qid}"),
        "sensitivity": extra.pop("sensitivity", "low"), "type": qtype,
        "category": extra.pop("category", "needs"), "identifying": extra.pop("identifying", False),
        **extra,
    }


RAW = {
    "id": "test_intake", "version": "1", "title": _t("Test intake", "Entrevista de prueba"),
    "roles": ["advocate", "officer"],
    "sections": [
        {"id": "about", "title": _t("About you", "Sobre usted"), "questions": [
            _q("name", "short_text", "What may I call you?", "¿Cómo le puedo llamar?",
               category="identity", identifying=True),
            _q("age", "number", "How old are you?", "¿Cuántos años tiene?", age=True),
            _q("has_job", "yes_no", "Do you have a job?", "¿Tiene trabajo?"),
            _q("job_kind", "single_choice", "What kind of work?", "¿Qué tipo de trabajo?",
               options=[{"id": "farm", "text": _t("Farm", "Campo")},
                        {"id": "home", "text": _t("In a home", "En una casa")}],
               show_if={"question": "has_job", "equals": "yes"}),
        ]},
        {"id": "work", "title": _t("Work", "Trabajo"), "questions": [
            _q("docs", "yes_no", "Does someone else keep your papers?",
               "¿Otra persona guarda sus papeles?", sensitivity="high",
               indicator={"group": "documents", "when": {"equals": "yes"}}),
        ]},
    ],
}
CASE_CODE = "K7Q-4MX"  # a case code the person's screen must never show


class FakeClock:
    """Seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.t = 100.0

    def now(self) -> float:
        return self.t


@pytest.fixture
def protocol() -> Protocol:
    return parse_protocol(RAW, "test.json")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_page(qtbot, protocol: Protocol, clock: FakeClock):
    def make(language: str = "en", ui: str = "en", answers: dict[str, Answer] | None = None):
        page = InterviewPage(protocol, language, "advocate", answers or {}, clock, ui_language=ui)
        qtbot.addWidget(page)
        page.resize(1300, 800)
        page.show()
        page.activateWindow()
        qtbot.waitExposed(page)
        qtbot.waitUntil(page.isActiveWindow)
        return page

    return make


@pytest.fixture
def spanish_ui() -> Iterator[None]:
    translator = load_translator("es")
    assert translator is not None, "interview_es.qm is missing"
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def line(page: InterviewPage) -> QLineEdit:
    assert page.panel.editor is not None
    field = page.panel.editor.input_widget()
    assert isinstance(field, QLineEdit)
    return field


def press(qtbot, page: InterviewPage, key: Qt.Key, mod=Qt.KeyboardModifier.AltModifier) -> None:
    target = page.focusWidget() or page
    qtbot.keyClick(target, key, mod)


def test_typing_a_short_answer_gives_answer_of_the_text(qtbot, make_page) -> None:
    page = make_page()
    assert page.current_question_id() == "name"
    qtbot.keyClicks(line(page), "Rosa")
    with qtbot.waitSignal(page.answer_given) as blocker:
        press(qtbot, page, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == ["name", Answer.of("Rosa")]
    assert page.current_question_id() == "age"
    assert page.saved.text() == "Saving…"
    page.show_save_state(0, None)
    assert page.saved.text() == "Saved ✓"
    page.show_save_state(1, "The disk is full.")
    assert page.saved.text().startswith("Not saved yet (1 waiting")
    assert "The disk is full." in page.saved.text()


def test_alt_p_records_prefers_not_to_say(qtbot, make_page) -> None:
    page = make_page()
    with qtbot.waitSignal(page.answer_given) as blocker:
        press(qtbot, page, Qt.Key.Key_P)
    assert blocker.args == ["name", Answer.declined()]
    with qtbot.waitSignal(page.answer_given) as blocker:
        press(qtbot, page, Qt.Key.Key_N)
    assert blocker.args == ["age", Answer.not_asked()]
    with qtbot.waitSignal(page.answer_given) as blocker:
        press(qtbot, page, Qt.Key.Key_D)
    assert blocker.args == ["has_job", Answer.unknown()]


def test_the_way_out_is_always_on_screen(make_page) -> None:
    page = make_page()
    for button in (page.panel.declined, page.panel.not_now, page.panel.unknown):
        assert button.isVisible()
    assert page.panel.identifying.isVisible()  # "name" is identifying
    page.record(Answer.declined())
    assert not page.panel.identifying.isVisible()  # "age" is not


def test_declining_everything_completes_the_interview(qtbot, make_page) -> None:
    page = make_page()
    given: list[str] = []
    page.answer_given.connect(lambda qid, _a: given.append(qid))
    with qtbot.waitSignal(page.interview_finished):
        for _ in range(10):
            if page.current_question_id() is None:
                break
            press(qtbot, page, Qt.Key.Key_P)
    assert given == ["name", "age", "has_job", "docs"]  # job_kind hidden: has_job has no value
    assert page.stack.currentWidget() is page.end_screen
    assert "No indicators found in the answers given" in page.end_screen.screening_text()
    assert "under 18" not in page.end_screen.screening_text()


def test_end_screen_shows_indicators_and_the_minor_reminder(qtbot, make_page) -> None:
    page = make_page()
    page.record(Answer.declined())
    qtbot.keyClicks(line(page), "16")
    page.save_and_continue()
    page.record(Answer.of("no"))
    # Before the sensitive section, the reminder says first what cannot stay confidential.
    assert page.at_minor_reminder() and "may be under 18" in page.minor_gate.reminder.text()
    page.minor_gate.told.click()
    assert page.current_question_id() == "docs"
    with qtbot.waitSignal(page.interview_finished):
        page.record(Answer.of("yes"))
    text = page.end_screen.screening_text()
    # Papers held is a coercion indicator in a work question: possible labour trafficking.
    assert "Possible labour trafficking: indicators to follow up." in text
    assert "Force, fraud or coercion" in text
    assert "Someone else controls identity or travel documents" in text
    assert "may be under 18" in text and "mandatory" in text.lower()


@pytest.mark.parametrize(("has_job", "after"), [("yes", "job_kind"), ("no", "docs")])
def test_show_if_skips_follow_ups(make_page, has_job: str, after: str) -> None:
    page = make_page(answers={"name": Answer.declined(), "age": Answer.declined()})
    assert page.current_question_id() == "has_job"
    page.record(Answer.of(has_job))
    assert page.current_question_id() == after


def test_empty_save_moves_nowhere_and_says_why(qtbot, make_page) -> None:
    page = make_page()
    page.save_and_continue()
    assert page.current_question_id() == "name"
    assert "Nothing entered yet" in page.panel.state.text()


def test_a_pacing_prompt_appears_on_time_and_never_blocks_typing(qtbot, make_page, clock) -> None:
    page = make_page()
    for banner in page.banners():  # the right-to-stop reminder at the start
        banner.findChildren(QPushButton)[0].click()
    assert page.banners() == []
    clock.t += 5 * 60
    page.check_pacing()
    assert page.banners() == []
    clock.t += 16 * 60
    with qtbot.waitSignal(page.pacing_changed) as blocker:
        page.check_pacing()
    record = blocker.args[0]
    assert record[-1]["kind"] == "break" and record[-1]["outcome"] == "shown"
    [banner] = page.banners()
    assert banner.isVisible()
    assert "Offer one" in banner.message.text()
    qtbot.keyClicks(line(page), "Ana")  # the banner is there; typing still lands in the answer
    assert line(page).text() == "Ana"
    assert line(page).hasFocus()
    continue_button = next(b for b in banner.findChildren(QPushButton) if b.text() == "Continue")
    with qtbot.waitSignal(page.pacing_changed) as blocker:
        qtbot.mouseClick(continue_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0][-1]["outcome"] == "dismissed"
    assert page.banners() == []


def test_break_screen_timer_follows_the_clock(qtbot, make_page, clock) -> None:
    page = make_page()
    press(qtbot, page, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert page.on_break()
    assert "Take the time you need" in page.break_screen.calm.text()
    clock.t += 125
    qtbot.waitUntil(lambda: "2 min 05 s" in page.break_screen.elapsed.text(), timeout=2000)
    qtbot.mouseClick(page.break_screen.resume_button, Qt.MouseButton.LeftButton)
    assert not page.on_break()
    assert page.current_question_id() == "name"


def test_f2_toggles_the_interviewer_note(qtbot, make_page) -> None:
    page = make_page()
    assert not page.note.isVisible()
    press(qtbot, page, Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier)
    assert page.note.isVisible()
    assert page.note.body.text() == "Why we ask name"


def test_person_view_shows_only_the_question_and_the_skip_message(qtbot, make_page) -> None:
    page = make_page(language="es")
    view = PersonView("es")
    qtbot.addWidget(view)
    view.follow(page)
    view.show()
    qtbot.keyClicks(line(page), "Rosa " + CASE_CODE)
    page.save_and_continue()
    texts = view.shown_texts()
    # the person's language (Spanish), whatever the interviewer's UI language (English here)
    skip = "Puede saltarse esta pregunta. Puede parar cuando quiera."
    assert texts == ["¿Cuántos años tiene?", skip]
    assert all(CASE_CODE not in t and "Rosa" not in t for t in texts)
    page.start_break()
    assert view.shown_texts() == ["Estamos en un descanso. Tómese el tiempo que necesite."]
    view.blank()
    assert view.shown_texts() == []


@pytest.mark.usefixtures("spanish_ui")
def test_spanish_ui_on_every_interview_screen(qtbot, make_page) -> None:
    page = make_page(language="es", ui="es")
    assert page.panel.declined.text().startswith("Prefiere no decirlo")
    assert page.panel.save.text().startswith("Guardar y seguir")
    assert "Pregunta 1 de" in page.panel.counter.text()
    view = PersonView("es")
    qtbot.addWidget(view)
    view.follow(page)
    assert view.shown_texts()[1] == "Puede saltarse esta pregunta. Puede parar cuando quiera."
    page.start_break()
    assert page.break_screen.calm.text() == "Tómese el tiempo que necesite."
    page.end_break()
    with qtbot.waitSignal(page.interview_finished):
        for _ in range(10):
            if page.current_question_id() is None:
                break
            page.record(Answer.declined())
    assert "La entrevista está completa" in page.end_screen.findChildren(type(page.saved))[0].text()
    assert "No se encontraron indicadores" in page.end_screen.screening_text()
