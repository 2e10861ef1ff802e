"""The moments an interviewer relies on: the minor reminder before disclosure, the safety alert,
undo, prompts that never move a button under a click, and shortcuts that work from a text field."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from intake_app.domain.answers import Answer
from intake_app.domain.pacing import PromptKind
from intake_app.domain.protocol import Protocol, load_shipped, parse_protocol
from intake_app.ui.interview.interview_page import InterviewPage
from intake_app.ui.interview.safety_alert import SafetyAlert
from tests.ui.helpers import answer_until
from tests.ui.test_interview import RAW, FakeClock


def _page(qtbot: Any, protocol: Protocol, clock: FakeClock, role: str = "advocate",
          **kwargs: Any) -> InterviewPage:
    page = InterviewPage(protocol, kwargs.pop("language", "en"), role, kwargs.pop("answers", {}),
                         clock, **kwargs)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.activateWindow()
    qtbot.waitExposed(page)
    qtbot.waitUntil(page.isActiveWindow)
    return page


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def shipped() -> dict[str, Protocol]:
    return load_shipped()


@pytest.mark.parametrize(("pid", "role", "first_sensitive"), [
    ("advocate_intake", "advocate", "safe_now"),
    ("officer_victim_interview", "officer", "rights_repeat"),
])
def test_a_minor_hears_what_cannot_stay_confidential_before_any_sensitive_question(
    qtbot, shipped, clock, pid, role, first_sensitive
) -> None:
    page = _page(qtbot, shipped[pid], clock, role)
    answer_until(page, "__never__", {"age_range": Answer.of("15_17")})
    assert page.at_minor_reminder()
    protocol = shipped[pid]
    asked = [q for q in protocol.questions if q.id in page.answers()]
    assert all(q.sensitivity.value != "high" for q in asked)  # nothing sensitive asked yet
    assert "may be under 18" in page.minor_gate.reminder.text()
    text, is_question = page.person_screen()
    assert not is_question and "under 18" in text  # the person reads it in their language
    # An officer hands a minor over to specialists: Enter ends for today; an advocate goes on.
    expected = page.minor_gate.end if role == "officer" else page.minor_gate.told
    assert expected.isDefault()
    page.minor_gate.told.click()
    assert not page.at_minor_reminder()
    current = protocol.question(page.current_question_id() or "")
    assert current.sensitivity.value == "high" or protocol.section(current.section_id).is_sensitive
    assert any(r["kind"] == "minor_reminder" and r["outcome"] == "taken"
               for r in page.pacing_record())
    del first_sensitive


def test_an_adult_is_never_stopped_and_a_resumed_interview_is_not_stopped_twice(
    qtbot, shipped, clock
) -> None:
    adult = _page(qtbot, shipped["advocate_intake"], clock)
    answer_until(adult, "what_brought_you", {"age_range": Answer.of("25_34")})
    assert not adult.at_minor_reminder()
    told = [{"kind": PromptKind.MINOR_REMINDER.value, "at": 1.0, "outcome": "taken",
             "question_id": None}]
    resumed = _page(qtbot, shipped["advocate_intake"], clock,
                    answers={"preferred_name": Answer.declined(), "language_preferred":
                             Answer.declined(), "interpreter_wanted": Answer.declined(),
                             "age_range": Answer.of("12_14")},
                    earlier_pacing=told)
    assert not resumed.at_minor_reminder()
    assert resumed.current_question_id() == "safe_now"


def test_a_danger_answer_raises_the_agency_safety_steps_without_blocking(
    qtbot, shipped, clock
) -> None:
    page = _page(qtbot, shipped["advocate_intake"], clock,
                 safety_steps="Call the on-call supervisor at extension 12.")
    answer_until(page, "safe_now", {"age_range": Answer.of("25_34")})
    page.record(Answer.of("not_safe"))
    alerts = [w for w in page.banners() if isinstance(w, SafetyAlert)]
    assert len(alerts) == 1 and "extension 12" in alerts[0].steps.text()
    assert page.current_question_id() == "danger_tonight"  # the interview went on
    assert page.panel.editor is not None and page.panel.editor.isEnabled()
    assert any(r["kind"] == "safety_alert" for r in page.pacing_record())


def test_undo_puts_the_last_answer_back_and_reopens_its_question(qtbot, clock) -> None:
    page = _page(qtbot, parse_protocol(RAW, "t.json"), clock)
    changes: list[tuple[str, object]] = []
    page.answer_given.connect(lambda q, a: changes.append((q, a)))
    page.record(Answer.declined())
    assert page.undo_bar.active and "prefers not to say" in page.undo_bar.message.text()
    target = page.focusWidget() or page
    qtbot.keyClick(target, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.current_question_id() == "name"
    assert "name" not in page.answers()
    assert changes == [("name", Answer.declined()), ("name", None)]  # None: cleared in the db
    assert not page.undo_bar.active


def test_a_prompt_appearing_never_moves_the_ways_out(qtbot, clock) -> None:
    page = _page(qtbot, parse_protocol(RAW, "t.json"), clock)
    page.record(Answer.declined())
    buttons = (page.panel.declined, page.panel.not_now, page.panel.unknown, page.panel.save)
    before = [b.mapTo(page, b.rect().topLeft()) for b in buttons]
    clock.t += 25 * 60  # a break offer appears above the question
    page.check_pacing()
    assert page.banners()
    qtbot.wait(0)  # let the layout settle
    assert [b.mapTo(page, b.rect().topLeft()) for b in buttons] == before
    page.panel.declined.click()  # and a click there records what it says
    assert page.answers()["age"] == Answer.declined()


def test_closing_a_prompt_moves_nothing_and_keyboard_works_after(qtbot, clock) -> None:
    page = _page(qtbot, parse_protocol(RAW, "t.json"), clock)
    clock.t += 25 * 60
    page.check_pacing()
    banner = page.banners()[0]
    before = page.panel.declined.mapTo(page, page.panel.declined.rect().topLeft())
    keep_going = next(b for b in banner.findChildren(QPushButton)
                  if b.text() == "Continue")
    keep_going.click()
    qtbot.wait(0)  # let the layout settle
    after = page.panel.declined.mapTo(page, page.panel.declined.rect().topLeft())
    assert before == after
    assert isinstance(page.focusWidget(), QLineEdit)  # the answer has focus again
    target = page.focusWidget()
    qtbot.keyClick(target, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert page.answers()["name"] == Answer.declined()


def test_end_for_today_from_inside_a_text_field(qtbot, clock) -> None:
    page = _page(qtbot, parse_protocol(RAW, "t.json"), clock)
    field = page.focusWidget()
    assert isinstance(field, QLineEdit)
    qtbot.keyClicks(field, "Rosa")
    with qtbot.waitSignal(page.end_for_today):
        qtbot.keyClick(field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert page.answers()["name"] == Answer.of("Rosa")  # what was typed is kept
