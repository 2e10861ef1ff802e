"""A protocol's check on a typed value, in the real window on a real encrypted file: a value out
of range is not saved and the interviewer reads why by the answer (announced to screen
readers); "Prefers not to say" saves at once; nothing saved before is lost."""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from PySide6.QtWidgets import QLineEdit

from intake_app.domain.answers import Answer
from intake_app.domain.protocol import parse_protocol
from intake_app.services import protocols
from intake_app.services.session import Workspace
from intake_app.ui.interview.interview_page import InterviewPage
from tests.ui.conftest import ADMIN_USER, PASSPHRASE, start_interview, unlock
from tests.ui.helpers import planted_case_id, saved_answers
from tests.ui.test_admin_flow import off_gui

ID = "checked_intake"


def _t(en: str, es: str) -> dict[str, str]:
    return {"en": en, "es": es}


def _raw(*, message: bool = True) -> dict[str, Any]:
    years: dict[str, Any] = {
        "id": "years", "text": _t("How many years?", "¿Cuántos años?"),
        "note": _t("Why: x.", "Por qué: x."), "sensitivity": "low", "type": "number",
        "category": "needs", "identifying": False,
        "check": {"all_of": [{"op": ">=", "value": 0}, {"op": "<=", "value": 120}]}}
    if message:
        years["check_message"] = _t("Between 0 and 120 years.", "Entre 0 y 120 años.")
    story = {"id": "story", "text": _t("Anything else?", "¿Algo más?"),
             "note": _t("Why: y.", "Por qué: y."), "sensitivity": "low", "type": "short_text",
             "category": "needs", "identifying": False}
    return {"id": ID, "version": "1", "title": _t("Checked", "Con control"),
            "roles": ["advocate", "officer"],
            "sections": [{"id": "main", "title": _t("Main", "Principal"),
                          "questions": [years, story]}]}


def _line(page: InterviewPage) -> QLineEdit:
    editor = page.panel.editor
    assert editor is not None
    field = editor.input_widget()
    assert isinstance(field, QLineEdit)
    return field


def _type(qtbot, page: InterviewPage, text: str) -> None:
    field = _line(page)
    field.clear()
    qtbot.keyClicks(field, text)


def test_an_out_of_range_number_is_not_saved_and_a_decline_is(qtbot, make_window, data_dir,
                                                              worker):
    def install() -> None:
        admin = Workspace(data_dir).unlock(ADMIN_USER, PASSPHRASE)
        try:
            protocols.install(admin, json.dumps(_raw()).encode())
        finally:
            admin.close()

    off_gui(install)
    window = make_window(data_dir)
    unlock(qtbot, window)
    case_id, _code = planted_case_id(qtbot, worker)
    window.open_case(case_id)
    qtbot.waitUntil(lambda: window.area.case_view is not None
                    and window.area.case_view.bundle is not None)
    page = start_interview(qtbot, window, protocol=ID)
    assert page.current_question_id() == "years"
    panel, autosave = page.panel, window.interviews.autosave

    _type(qtbot, page, "40")
    panel.save.click()
    qtbot.waitUntil(lambda: saved_answers(qtbot, worker, window).get("years") == Answer.of(40))
    page.go_previous()
    assert page.current_question_id() == "years" and _line(page).text() == "40"

    _type(qtbot, page, "130")
    panel.save.click()
    assert panel.check_problem.isVisible()
    assert panel.check_problem.text() == "Between 0 and 120 years."
    assert _line(page).accessibleDescription() == "Between 0 and 120 years."
    assert page.current_question_id() == "years"  # still here, the typed text still there
    assert _line(page).text() == "130" and autosave.pending == 0
    page.go_next()  # moving on does not sneak it in either
    assert page.current_question_id() == "years" and autosave.pending == 0
    assert saved_answers(qtbot, worker, window)["years"] == Answer.of(40)  # nothing lost

    qtbot.keyClicks(_line(page), "5")  # typing again takes the message away
    assert not panel.check_problem.isVisible()
    panel.declined.click()  # "Prefers not to say" always saves, whatever was typed
    assert page.current_question_id() == "story"
    qtbot.waitUntil(lambda: saved_answers(qtbot, worker, window).get("years")
                    == Answer.declined())


def _append(into: list[tuple[str, object]], qid: str, answer: object) -> None:
    into.append((qid, answer))


def test_the_message_is_in_the_interviewers_language_or_the_apps_own(qtbot):
    class Clock:
        def now(self) -> float:
            return 100.0

    for raw, ui, expected in (
        (_raw(), "es", "Entre 0 y 120 años."),
        (_raw(message=False), "en", "This answer is outside what the interview guide accepts "
                                    "for this question, so it was not saved. Check it, or use "
                                    "“Prefers not to say”."),
    ):
        page = InterviewPage(parse_protocol(raw, "checked.json"), "en", "advocate", {}, Clock(),
                             ui_language=ui)
        qtbot.addWidget(page)
        given: list[tuple[str, object]] = []
        page.answer_given.connect(partial(_append, given))
        page.show()
        _type(qtbot, page, "-3")
        page.save_and_continue()
        assert page.panel.check_problem.text() == expected and given == []
        page.record(Answer.declined())
        assert given == [("years", Answer.declined())]
