"""Date-time and time answers: the shapes a question accepts, what the loader allows on them, and
an answer saved on a real SQLCipher file that reads back and shows as people write a time."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake_app.domain.answers import Answer
from intake_app.domain.case import Role
from intake_app.domain.protocol import AnswerType, ProtocolError, Question, parse_protocol
from intake_app.services import cases, interviews, protocols
from intake_app.services.session import Session, Workspace
from intake_app.storage.kdf import KdfParams
from tests.agencies import PASSPHRASE


def _t(text: str) -> dict[str, str]:
    return {"en": text, "es": f"{text} (es)"}


def _q(qid: str, qtype: str, **extra: Any) -> dict[str, Any]:
    return {"id": qid, "text": _t(f"Question {qid}?"), "note": _t("Why: x. How: y."),
            "sensitivity": "medium", "type": qtype, "category": "experience",
            "identifying": False, **extra}


def _doc(*questions: dict[str, Any]) -> dict[str, Any]:
    return {"id": "timeline", "version": "1", "title": _t("Timeline"),
            "roles": ["advocate", "officer"],
            "sections": [{"id": "main", "title": _t("When"), "questions": list(questions)}]}


P = parse_protocol(_doc(_q("left_at", "datetime"), _q("usual", "time")), "timeline.json")
DT, TIME = P.question("left_at"), P.question("usual")


# --- accepts -----------------------------------------------------------------------------------
@given(st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)))
def test_a_date_time_to_the_minute_and_any_date_alone_are_accepted(at: datetime) -> None:
    for text in (at.strftime("%Y-%m-%dT%H:%M"), f"{at:%Y}", f"{at:%Y-%m}", f"{at:%Y-%m-%d}"):
        if len(text.split("-")[0]) == 4:  # years below 1000 print short on some platforms
            assert DT.accepts(text), text
    assert TIME.accepts(at.strftime("%H:%M"))


_WRONG = ["2026-12-03 22:00", "2026-12-03T22:00:00", "2026-12-03T22:00Z", "2026-12-03T22:00+01:00",
          "2026-12-03T24:00", "2026-12-03T22:60", "2026-13-03T22:00", "2026-12-32T22:00",
          "2026-12-03T", "2026-12T22:00", "2026-12-03T22:00\n", "10pm", "3/12/2026 22:00",
          "２０２６-12-03T22:00", "", " ", "T22:00"]


@pytest.mark.parametrize("text", _WRONG)
def test_other_ways_of_writing_a_time_are_not_a_date_time(text: str) -> None:
    assert not DT.accepts(text)


@pytest.mark.parametrize("text", ["22:00:00", "24:00", "9:30", "09:60", "10pm", "22h00",
                                  "2026-12-03T22:00", "22:00\n", ""])
def test_a_time_is_hours_and_minutes_only(text: str) -> None:
    assert not TIME.accepts(text)


_SHAPE = re.compile(r"(\d{4})(-(\d\d)(-(\d\d)(T(\d\d):(\d\d))?)?)?")


@given(st.text(alphabet="0123456789-T: Z+", max_size=20))
def test_whatever_is_accepted_has_a_month_day_hour_and_minute_in_range(text: str) -> None:
    if not DT.accepts(text):
        return
    found = _SHAPE.fullmatch(text)
    assert found is not None and found.group(1).isascii()
    month, day, hour, minute = (found.group(i) for i in (3, 5, 7, 8))
    assert month is None or 1 <= int(month) <= 12
    assert day is None or 1 <= int(day) <= 31
    assert hour is None or (int(hour) < 24 and minute is not None and int(minute) < 60)


@given(st.one_of(st.integers(), st.booleans(), st.lists(st.just("2026-12-03T22:00"))))
def test_only_text_is_a_date_time_or_time(value: Any) -> None:
    assert not DT.accepts(value) and not TIME.accepts(value)


# --- the loader --------------------------------------------------------------------------------
def test_a_condition_or_danger_on_a_time_must_be_a_time_an_answer_could_be() -> None:
    ok = parse_protocol(_doc(_q("usual", "time"), _q("night", "short_text",
                                                      show_if={"question": "usual",
                                                               "in": ["22:00", "23:30"]})), "f")
    assert isinstance(ok.question("night"), Question)
    for test in ({"equals": "10pm"}, {"equals": "2026-12-03"}, {"in": ["22:00", 22]}):
        with pytest.raises(ProtocolError, match="can never be an answer"):
            parse_protocol(_doc(_q("usual", "time", danger=test)), "f")
    with pytest.raises(ProtocolError, match="can never be an answer"):
        parse_protocol(_doc(_q("left_at", "datetime", danger={"equals": "yesterday"})), "f")


@pytest.mark.parametrize("qtype", ["datetime", "time"])
def test_a_date_time_or_time_fills_no_case_field_and_gives_no_age(qtype: str) -> None:
    with pytest.raises(ProtocolError, match="fills is only for text and date"):
        parse_protocol(_doc(_q("born", qtype, fills="date_of_birth")), "f")
    with pytest.raises(ProtocolError, match="only on number, age_range or date"):
        parse_protocol(_doc(_q("born", qtype, age=True)), "f")
    with pytest.raises(ProtocolError, match="cannot feed a fact"):
        parse_protocol(_doc(_q("born", qtype, feeds="age_group")), "f")


# --- saved on a real database ------------------------------------------------------------------
@pytest.fixture
def admin(tmp_path: Path) -> Iterator[Session]:
    s, _code = Workspace(tmp_path / "laptop").set_up("admin", PASSPHRASE, Role.ADMIN,
                                                    kdf=KdfParams.for_tests())
    yield s
    s.close()


def test_a_date_time_answer_is_saved_read_back_and_shown_as_people_write_it(
    admin: Session, tmp_path: Path
) -> None:
    protocols.install(admin, json.dumps(_doc(_q("left_at", "datetime"), _q("usual", "time"),
                                             _q("arrived", "datetime"))).encode())
    case = cases.create_case(admin)
    iv = interviews.start_chosen(admin, case.id, "timeline", "es")
    interviews.record_answer(admin, iv.id, "left_at", Answer.of("2026-12-03T22:00"))
    interviews.record_answer(admin, iv.id, "usual", Answer.of("07:30"))
    interviews.record_answer(admin, iv.id, "arrived", Answer.of("2026-11"))  # hour not known
    admin.close()
    again = Workspace(tmp_path / "laptop").unlock("admin", PASSPHRASE)
    try:
        assert interviews.answers(again, iv.id) == {
            "left_at": Answer.of("2026-12-03T22:00"), "usual": Answer.of("07:30"),
            "arrived": Answer.of("2026-11")}
        [summary] = interviews.answer_summary(again, case.id)
        shown = {line.question_id: line.answer.text for line in summary.lines}
        assert shown == {"left_at": "2026-12-03 22:00", "usual": "07:30", "arrived": "2026-11"}
        assert AnswerType.DATETIME.value == "datetime"  # the word protocol files use
    finally:
        again.close()
