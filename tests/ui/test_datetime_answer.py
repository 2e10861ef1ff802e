"""Date-time and time questions in the interview, typed with the keyboard only: a date, Tab, an
optional time, Ctrl+Return; the Answer recorded, in the window down to the encrypted file; and
how a share preview words it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from intake_app.domain.answers import Answer
from intake_app.domain.protocol import parse_protocol
from intake_app.services import protocols
from intake_app.services.session import Workspace
from intake_app.ui.interview.interview_page import InterviewPage
from intake_app.ui.interview.translations import load_translator
from tests.ui.conftest import ADMIN_USER, PASSPHRASE, start_interview, unlock
from tests.ui.helpers import planted_case_id, saved_answers


def _t(text: str) -> dict[str, str]:
    return {"en": text, "es": f"{text} (es)"}


def _q(qid: str, qtype: str) -> dict[str, Any]:
    return {"id": qid, "text": _t(f"When {qid}?"), "note": _t("Why: the order of events."),
            "sensitivity": "medium", "type": qtype, "category": "experience",
            "identifying": False}


RAW = {"id": "timeline", "version": "1", "title": _t("Timeline"), "roles": ["advocate"],
       "sections": [{"id": "when", "title": _t("When"),
                     "questions": [_q("left_at", "datetime"), _q("usual", "time")]}]}


class _Clock:
    def now(self) -> float:
        return 100.0


@pytest.fixture
def make_page(qtbot):
    def make(ui: str = "en", answers: dict[str, Answer] | None = None) -> InterviewPage:
        page = InterviewPage(parse_protocol(RAW, "timeline.json"), "en", "advocate",
                             answers or {}, _Clock(), ui_language=ui)
        qtbot.addWidget(page)
        page.resize(1300, 800)
        page.show()
        page.activateWindow()
        qtbot.waitExposed(page)
        qtbot.waitUntil(page.isActiveWindow)
        return page

    return make


def _fields(page: InterviewPage) -> tuple[QLineEdit, QLineEdit]:
    editor = page.panel.editor
    assert editor is not None
    day, clock = editor.input_widget(), editor.time_widget()
    assert isinstance(day, QLineEdit) and isinstance(clock, QLineEdit)
    return day, clock


def _type(qtbot, text: str) -> None:
    focused = QApplication.focusWidget()
    assert isinstance(focused, QLineEdit)
    qtbot.keyClicks(focused, text)


def _save(qtbot, page: InterviewPage) -> None:
    qtbot.keyClick(page.focusWidget() or page, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)


def test_a_date_tab_and_a_time_are_recorded_as_one_date_time(qtbot, make_page) -> None:
    page = make_page()
    day, clock = _fields(page)
    qtbot.waitUntil(day.hasFocus)  # the keyboard starts on the date
    _type(qtbot, "2026-12-03")
    qtbot.keyClick(day, Qt.Key.Key_Tab)
    qtbot.waitUntil(clock.hasFocus)
    _type(qtbot, "22:00")
    with qtbot.waitSignal(page.answer_given) as blocker:
        _save(qtbot, page)
    assert blocker.args == ["left_at", Answer.of("2026-12-03T22:00")]


@pytest.mark.parametrize(("typed", "saved"), [("2026-12", "2026-12"), ("2026", "2026"),
                                              ("2026-12-03", "2026-12-03")])
def test_without_a_time_the_date_alone_is_recorded(qtbot, make_page, typed, saved) -> None:
    page = make_page()
    _type(qtbot, typed)
    with qtbot.waitSignal(page.answer_given) as blocker:
        _save(qtbot, page)
    assert blocker.args == ["left_at", Answer.of(saved)]


@pytest.mark.parametrize(("day", "time"), [("2026-12", "22:00"), ("2026-12-03", "25:00"),
                                           ("2026-12-3", ""), ("", "22:00")])
def test_a_time_without_a_day_or_an_impossible_one_is_not_recorded(qtbot, make_page, day,
                                                                   time) -> None:
    page = make_page()
    field, clock = _fields(page)
    qtbot.keyClicks(field, day)
    qtbot.keyClicks(clock, time)
    with qtbot.assertNotEmitted(page.answer_given):
        _save(qtbot, page)
    assert "does not look complete" in page.panel.state.text()
    assert page.current_question_id() == "left_at"


def test_a_time_question_takes_hours_and_minutes_as_people_type_them(qtbot, make_page) -> None:
    page = make_page()
    page.record(Answer.declined())  # on to the time question
    qtbot.waitUntil(lambda: page.current_question_id() == "usual")
    editor = page.panel.editor
    assert editor is not None and editor.time_widget() is None
    _type(qtbot, "9:30")
    with qtbot.waitSignal(page.answer_given) as blocker:
        _save(qtbot, page)
    assert blocker.args == ["usual", Answer.of("09:30")]


def test_an_earlier_date_time_shows_its_date_and_its_time(qtbot, make_page) -> None:
    page = make_page(answers={"left_at": Answer.of("2026-12-03T22:00")})
    assert page.current_question_id() == "usual"  # the first one without an answer
    page.panel.previous.click()
    qtbot.waitUntil(lambda: page.current_question_id() == "left_at")
    day, clock = _fields(page)
    assert (day.text(), clock.text()) == ("2026-12-03", "22:00")


@pytest.fixture
def spanish_ui() -> Iterator[None]:
    translator = load_translator("es")
    assert translator is not None, "interview_es.qm is missing"
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


@pytest.mark.usefixtures("spanish_ui")
def test_the_date_and_time_fields_are_labelled_in_spanish(qtbot, make_page) -> None:
    page = make_page(ui="es")
    day, clock = _fields(page)
    assert (day.accessibleName(), clock.accessibleName()) == ("Fecha", "Hora (opcional)")
    labels = {w.text() for w in page.panel.editor.findChildren(QLabel)}
    assert {"Fecha", "Hora (opcional)"} <= labels
    assert any(text.startswith("Deje la hora vacía") for text in labels)


def test_in_the_window_the_typed_date_time_is_saved_to_the_case_file(
    qtbot, make_window, data_dir: Path, worker
) -> None:
    def install() -> None:  # as the administrator, off the GUI thread (services refuse it)
        admin = Workspace(data_dir).unlock(ADMIN_USER, PASSPHRASE)
        try:
            protocols.install(admin, json.dumps(RAW).encode())
        finally:
            admin.close()

    with ThreadPoolExecutor(1) as pool:
        pool.submit(install).result()
    window = make_window(data_dir)
    unlock(qtbot, window)
    case_id, _code = planted_case_id(qtbot, worker)
    window.open_case(case_id)
    view = window.area.case_view
    qtbot.waitUntil(lambda: view.bundle is not None)
    page = start_interview(qtbot, window, protocol="timeline")
    assert page.current_question_id() == "left_at"
    day, clock = _fields(page)
    assert clock.text() == ""
    qtbot.waitUntil(day.hasFocus)
    _type(qtbot, "2026-12-03")
    qtbot.keyClick(day, Qt.Key.Key_Tab)
    _type(qtbot, "2230")
    _save(qtbot, page)
    qtbot.waitUntil(lambda: window.interviews.autosave.pending == 0)
    assert saved_answers(qtbot, worker, window) == {"left_at": Answer.of("2026-12-03T22:30")}


def test_a_date_time_in_a_share_preview_reads_as_a_date_and_a_time(data_dir: Path) -> None:
    from intake_app.ui.sync.jobs import field_lines

    def preview() -> list[str]:
        admin = Workspace(data_dir).unlock(ADMIN_USER, PASSPHRASE)
        try:
            protocols.install(admin, json.dumps(RAW).encode())
            fields = [{"name": qid, "protocol": "timeline", "state": "value", "value": value}
                      for qid, value in (("left_at", "2026-12-03T22:00"), ("usual", "07:30"))]
            return [line.value for line in field_lines(admin, fields, "en")]
        finally:
            admin.close()

    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(preview).result() == ["2026-12-03 22:00", "07:30"]
