"""The case's Answers tab: what was asked and answered in the interview's language, identifying
answers hidden until shown (and that audited), and each answer's changes."""

from __future__ import annotations

import pytest

from intake_app.domain.answers import Answer
from intake_app.services import interviews
from intake_app.ui import i18n
from intake_app.ui.caseview import TAB_ACTIVITY, TAB_ANSWERS
from tests.ui.conftest import call, unlock
from tests.ui.helpers import planted_case_id, shows

GIVEN_NAME = "Rosa Sintética"


def _interview_with_answers(qtbot, worker, case_id: int) -> int:
    def make(s):
        iv = interviews.start_interview(s, case_id, "advocate_intake", "1.1", "es")
        interviews.record_answer(s, iv.id, "preferred_name", Answer.of(GIVEN_NAME))
        interviews.record_answer(s, iv.id, "language_preferred", Answer.of("Mam"))
        interviews.record_answer(s, iv.id, "safe_now", Answer.of("not_sure"))
        interviews.record_answer(s, iv.id, "safe_now", Answer.declined())
        interviews.record_answer(s, iv.id, "age_range", Answer.unknown())
        return iv.id

    return int(call(qtbot, worker, make))


def _rows(view) -> dict[str, str]:
    table = view.answers.table
    return {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}


def answer_to(rows: dict[str, str], question_start: str) -> str:
    return next(a for q, a in rows.items() if q.startswith(question_start))


def _open(qtbot, make_window, data_dir, worker):
    window = make_window(data_dir)
    unlock(qtbot, window)
    case_id, _code = planted_case_id(qtbot, worker)
    _interview_with_answers(qtbot, worker, case_id)
    window.open_case(case_id)
    view = window.area.case_view
    qtbot.waitUntil(lambda: view.bundle is not None)
    view.tabs.setCurrentIndex(TAB_ANSWERS)
    return window, view


def test_the_answers_tab_lists_what_was_asked_in_the_interviews_language(
        qtbot, make_window, data_dir, worker):
    _window, view = _open(qtbot, make_window, data_dir, worker)
    assert view.tabs.tabText(TAB_ANSWERS) == "Answers"
    rows = _rows(view)
    assert answer_to(rows, "¿En qué idioma") == "Mam"
    assert rows["¿Se siente a salvo ahora mismo, aquí, hoy?"] == "Prefers not to say"
    assert answer_to(rows, "¿Más o menos cuántos años") == "Doesn't know"
    assert answer_to(rows, "¿Le gustaría tener un intérprete") == "Not asked"  # not reached yet
    assert answer_to(rows, "¿Cómo le gustaría que le llame?") == "Hidden (identifying)"
    assert not shows(GIVEN_NAME)


def test_showing_identifying_answers_is_audited_and_hiding_drops_them(
        qtbot, make_window, data_dir, worker):
    _window, view = _open(qtbot, make_window, data_dir, worker)
    view.answers.reveal_button.click()
    qtbot.waitUntil(lambda: view.answers.revealed)
    assert GIVEN_NAME in _rows(view).values()
    assert view.answers.reveal_button.text() == "Hide identifying answers"
    view.tabs.setCurrentIndex(TAB_ACTIVITY)
    qtbot.waitUntil(lambda: shows("Identifying details shown"))
    view.tabs.setCurrentIndex(TAB_ANSWERS)
    assert GIVEN_NAME in _rows(view).values()  # the refresh after the audit keeps it shown
    view.answers.reveal_button.click()
    assert GIVEN_NAME not in _rows(view).values() and not shows(GIVEN_NAME)


def test_each_answer_shows_who_changed_it_when_and_what_it_was(qtbot, make_window, data_dir,
                                                               worker):
    _window, view = _open(qtbot, make_window, data_dir, worker)
    table = view.answers.table
    row = next(r for r in range(table.rowCount())
               if table.item(r, 0).text().startswith("¿Se siente a salvo"))
    table.selectRow(row)
    history = view.answers.history
    assert history.rowCount() == 2
    newest = [history.item(0, c).text() for c in range(4)]
    oldest = [history.item(1, c).text() for c in range(4)]
    assert newest[1] == "ana" and newest[2] == "Prefers not to say"
    assert newest[3] == oldest[2] and newest[3] not in ("", "not_sure")  # the option's words
    assert oldest[3] == "No answer"


@pytest.mark.parametrize("language", ["es"])
def test_the_answers_tab_speaks_the_ui_language(qtbot, make_window, data_dir, worker, language):
    window, view = _open(qtbot, make_window, data_dir, worker)
    window.set_language(language)
    qtbot.waitUntil(lambda: view.tabs.tabText(TAB_ANSWERS) == "Respuestas")
    assert view.answers.reveal_button.text() == "Mostrar respuestas identificativas"
    assert "Prefiere no decirlo" in _rows(view).values()
    i18n.set_language("en")
