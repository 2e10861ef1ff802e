"""Value checks (a protocol's "check", an XLSForm's constraint): they agree with a plain Python
reading of the same comparison, a declined answer always passes, a check that could never pass
for its question's type is refused with a precise error, and XLSForm round-trips them."""

from __future__ import annotations

import operator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake_app.domain.answers import Answer
from intake_app.domain.protocol import ProtocolError, Question, parse_protocol
from intake_app.domain.protocol.value_checks import (
    OPS,
    AllPass,
    AnyPass,
    Compare,
    Length,
    NotPass,
    answer_passes,
    read_check,
)
from intake_app.domain.protocol.xlsform import import_xlsform, to_xlsform
from intake_app.domain.protocol.xlsform.checks import to_check
from intake_app.domain.protocol.xlsform.expressions import ExpressionRefused, parse
from intake_app.domain.protocol.xlsform.writing import constraint

_PY = {"=": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
       ">": operator.gt, ">=": operator.ge}
_OPS = st.sampled_from(sorted(OPS))
_NUMBERS = st.one_of(st.integers(-10**6, 10**6),
                     st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False))


def _t(text: str) -> dict[str, str]:
    return {"en": text, "es": f"{text} (es)"}


def _question(qtype: str, **extra: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {"id": "q", "text": _t("Q?"), "note": _t("Why"), "sensitivity": "low",
                           "type": qtype, "category": "needs", "identifying": False, **extra}
    if qtype in ("single_choice", "multiple_choice"):
        raw["options"] = [{"id": o, "text": _t(o)} for o in ("red", "blue")]
    return raw


def _load(question: dict[str, Any], languages: list[str] | None = None) -> Question:
    doc: dict[str, Any] = {"id": "p", "version": "1", "title": _t("P"), "roles": ["advocate"],
                           "sections": [{"id": "s", "title": _t("S"), "questions": [question]}]}
    if languages is not None:
        doc["languages"] = languages
        doc["title"] = {lang: "P" for lang in languages}
        doc["sections"][0]["title"] = {lang: "S" for lang in languages}
        question["text"] = {lang: "Q?" for lang in languages}
    return parse_protocol(doc, "checked.json").question("q")


# --- what a check says ---------------------------------------------------------------------------
@given(op=_OPS, bound=_NUMBERS, value=_NUMBERS)
def test_a_number_check_agrees_with_python(op: str, bound: float, value: float) -> None:
    check = read_check({"op": op, "value": bound}, "number", ())
    assert check.passes(value) is _PY[op](value, bound)


@given(op=_OPS, low=_NUMBERS, high=_NUMBERS, value=_NUMBERS)
def test_and_or_not_agree_with_python(op: str, low: float, high: float, value: float) -> None:
    raw = {"any_of": [{"all_of": [{"op": ">=", "value": low}, {"op": "<=", "value": high}]},
                      {"not": {"op": op, "value": low}}]}
    expected = (low <= value <= high) or not _PY[op](value, low)
    assert read_check(raw, "number", ()).passes(value) is expected


_DATES = st.dates().map(lambda d: d.isoformat()).flatmap(
    lambda iso: st.sampled_from([iso[:4], iso[:7], iso]))


@given(op=_OPS, bound=_DATES, value=_DATES)
def test_a_date_check_compares_at_the_precision_both_have(op: str, bound: str, value: str) -> None:
    common = min(len(bound), len(value))
    check = read_check({"op": op, "value": bound}, "date", ())
    assert check.passes(value) is _PY[op](value[:common], bound[:common])


def test_a_year_only_answer_passes_bounds_inside_its_year() -> None:
    upper = read_check({"op": "<=", "value": "2020-06-30"}, "date", ())
    assert upper.passes("2020") and upper.passes("2020-06") and not upper.passes("2020-07")
    strict = read_check({"op": "<", "value": "2020-06-30"}, "date", ())
    assert not strict.passes("2020")  # as far as it goes, 2020 is the bound's year: not below


@given(op=_OPS, length=st.integers(0, 12), text=st.text(min_size=1, max_size=15))
def test_a_length_check_counts_characters(op: str, length: int, text: str) -> None:
    if (op, length) == ("<", 0):
        return  # refused: it could never pass (below)
    assert read_check({"op": op, "length": length}, "short_text", ()).passes(text) is \
        _PY[op](len(text), length)


@given(value=st.sampled_from(["red", "blue"]), op=st.sampled_from(["=", "!="]))
def test_a_choice_check_tests_the_chosen_id(value: str, op: str) -> None:
    assert read_check({"op": op, "value": "red"}, "single_choice", ("red", "blue")).passes(
        value) is _PY[op](value, "red")
    assert read_check({"op": op, "value": "yes"}, "yes_no", ()).passes(True) is _PY[op]("yes",
                                                                                         "yes")


@given(answer=st.sampled_from([Answer.declined(), Answer.unknown(), Answer.not_asked()]))
def test_a_decline_unknown_or_not_asked_always_passes(answer: Answer) -> None:
    never_below = Compare(">", 10**9)
    assert answer_passes(never_below, answer)
    assert not answer_passes(never_below, Answer.of(5)) and answer_passes(None, Answer.of(5))


def test_a_value_of_another_kind_is_unequal_and_in_no_order() -> None:
    assert not Compare("<", 5).passes("3") and Compare("!=", 5).passes("3")
    assert not Length(">=", 0).passes(3)


# --- the loader ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("qtype", "check", "problem"), [
    ("number", {"op": ">", "value": "3"}, "check value '3' can never be an answer to a number"),
    ("number", {"op": ">", "value": True}, "check value True can never be an answer"),
    ("number", {"op": ">", "length": 3}, "a length check is only for text questions, not number"),
    ("short_text", {"op": ">", "value": "b"}, "check op > compares only numbers and dates"),
    ("short_text", {"op": "=", "value": "  "}, "can never be an answer to a short_text"),
    ("short_text", {"op": "<", "length": 0}, "a length below 0 can never be"),
    ("short_text", {"op": "<=", "length": -1}, "whole number, 0 or more"),
    ("short_text", {"op": "<=", "length": 2.5}, "whole number, 0 or more"),
    ("date", {"op": "<=", "value": "2020-13"}, "a date is YYYY, YYYY-MM or YYYY-MM-DD"),
    ("date", {"op": "<=", "value": 2020}, "check value 2020 can never be an answer to a date"),
    ("single_choice", {"op": "=", "value": "green"}, "'green' can never be an answer"),
    ("single_choice", {"op": "<", "value": "red"}, "compares only numbers and dates"),
    ("yes_no", {"op": "=", "value": "maybe"}, "'maybe' can never be an answer"),
    ("multiple_choice", {"op": "=", "value": "red"}, "a multiple_choice question cannot have"),
    ("number", {"op": "==", "value": 3}, "check op must be one of = != < <= > >="),
    ("number", {"op": "=", "value": 3, "length": 3}, "exactly one of 'value' or 'length'"),
    ("number", {"op": "=", "values": 3}, "unknown field 'values' in check"),
    ("number", {"all_of": []}, "check all_of needs a non-empty list"),
    ("number", {"not": {"op": "=", "value": 1}, "op": "="}, "check not holds one check"),
    ("number", [{"op": "=", "value": 1}], "check must be an object"),
    ("number", {"not": {"op": "=", "value": "x"}}, "can never be an answer"),
])
def test_a_check_that_could_never_pass_or_is_malformed_is_refused(
    qtype: str, check: object, problem: str
) -> None:
    with pytest.raises(ProtocolError) as caught:
        _load(_question(qtype, check=check))
    assert "question 'q'" in caught.value.message and problem in caught.value.message


def test_a_deeply_nested_check_is_refused_not_a_crash() -> None:
    check: dict[str, Any] = {"op": ">", "value": 1}
    for _ in range(25):
        check = {"not": check}
    with pytest.raises(ProtocolError) as caught:
        _load(_question("number", check=check))
    assert "nests more than 20 deep" in caught.value.message


def test_the_message_needs_a_check_and_the_apps_languages() -> None:
    with pytest.raises(ProtocolError, match="check_message needs a check"):
        _load(_question("number", check_message=_t("Too big")))
    with pytest.raises(ProtocolError, match="missing Spanish text in check_message"):
        _load(_question("number", check={"op": "<", "value": 9}, check_message={"en": "Big"}))


def test_the_message_reads_in_the_interviewers_language_else_english() -> None:
    q = _load(_question("number", check={"op": "<", "value": 9},
                        check_message={"en": "Below 9", "es": "Menos de 9", "fr": "Moins de 9"}),
              languages=["en", "es", "fr"])
    assert (q.check_text("es"), q.check_text("fr"), q.check_text("de")) == (
        "Menos de 9", "Moins de 9", "Below 9")
    assert _load(_question("number", check={"op": "<", "value": 9})).check_text("en") is None


# --- XLSForm --------------------------------------------------------------------------------------
_CHECKS = st.recursive(
    st.one_of(st.builds(Compare, _OPS, st.integers(-500, 500) | st.floats(
        -1e4, 1e4, allow_nan=False).map(lambda f: round(f, 3)))),
    lambda kids: st.one_of(st.builds(NotPass, kids),
                           st.lists(kids, min_size=2, max_size=3).map(
                               lambda items: AllPass(tuple(items))),
                           st.lists(kids, min_size=2, max_size=3).map(
                               lambda items: AnyPass(tuple(items)))),
    max_leaves=6)


@settings(max_examples=150, deadline=None)
@given(check=_CHECKS)
def test_a_written_constraint_parses_back_to_the_same_check(check: Any) -> None:
    raw = to_check(parse(constraint(check), self_ref=True), "number")
    assert read_check(raw, "number", ()) == check


@pytest.mark.parametrize(("text", "reason"), [
    ("regex(., '[0-9]')", "constraint_function"), (". <= today()", "constraint_function"),
    (". > ${count}", "constraint_other_question"), ("${count} > 3", "constraint_other_question"),
    ("selected(., 'red')", "constraint_selected"), (". + 1 > 3", "expression_syntax"),
    ("string-length(${story}) > 3", "expression_syntax"), (". = .", "expression_compare_two"),
])
def test_a_constraint_outside_the_subset_is_refused_with_its_reason(text: str,
                                                                     reason: str) -> None:
    with pytest.raises(ExpressionRefused) as caught:
        to_check(parse(text, self_ref=True), "number")
    assert caught.value.reason == reason


def test_a_dot_is_refused_in_a_relevant() -> None:
    with pytest.raises(ExpressionRefused) as caught:
        parse(". > 3")
    assert caught.value.reason == "expression_syntax"


def test_a_protocol_with_checks_round_trips_through_xlsform() -> None:
    questions = [
        {**_question("number", check={"all_of": [{"op": ">=", "value": 0},
                                                 {"op": "<=", "value": 120.5}]},
                     check_message=_t("0 to 120")), "id": "years"},
        {**_question("short_text", check={"any_of": [{"op": "<=", "length": 6},
                                                     {"not": {"op": "=", "value": "it's"}}]}),
         "id": "code"},
        {**_question("date", check={"op": ">=", "value": "2000-06"}), "id": "since"},
        {**_question("single_choice", check={"op": "!=", "value": "blue"}), "id": "shade"},
        {**_question("yes_no", check={"op": "=", "value": "yes"}), "id": "agreed"},
    ]
    protocol = parse_protocol({"id": "p", "version": "1", "title": _t("P"), "roles": ["advocate"],
                               "sections": [{"id": "s", "title": _t("S"),
                                             "questions": questions}]}, "p.json")
    again = import_xlsform(to_xlsform(protocol), "p.xlsx")
    assert again == protocol
    assert again.question("years").check_text("es") == "0 to 120 (es)"
