"""XLSForm repeats: unrolled into numbered sections at import, each copy waiting for the one
before it (the Answered condition), exported back as plain groups that import identically."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake_app.domain.answers import Answer, AnswerState
from intake_app.domain.protocol import (
    AllOf,
    Answered,
    AnswerIs,
    AnyOf,
    Protocol,
    ProtocolError,
    parse_protocol,
    walk,
)
from intake_app.domain.protocol.xlsform import (
    REASONS,
    import_xlsform,
    to_xlsform,
    xlsform_to_protocol_json,
)
from intake_app.domain.protocol.xlsform.expressions import ExpressionRefused
from intake_app.domain.protocol.xlsform.repeats import DEFAULT_COPIES, MAX_COPIES, copies, unroll
from intake_app.domain.protocol.xlsform.writing import expression
from intake_app.errors import XlsFormRefused

CORPUS = Path(__file__).resolve().parents[1] / "data" / "xlsforms"


def _load(name: str) -> Protocol:
    return import_xlsform((CORPUS / name).read_bytes(), name)


# --- unrolling -----------------------------------------------------------------------------------
def test_a_repeat_becomes_numbered_sections_with_numbered_questions() -> None:
    p = _load("ok_repeat.xlsx")
    assert [s.id for s in p.sections] == ["s1", "perp_1", "perp_2", "perp_3", "s2"]
    assert [(s.title("en"), s.title("es")) for s in p.sections[1:4]] == [
        (f"Perpetrator ({k})", f"Agresor ({k})") for k in (1, 2, 3)]
    assert [q.id for q in p.section("perp_2").questions] == [
        "perp_name_2", "perp_known_2", "perp_how_2", "perp_red_2"]
    # Every copy asks the same question, in every language.
    assert p.question("perp_how_3").texts == p.question("perp_how_1").texts


def test_a_sibling_reference_reads_the_same_copy_and_an_outside_one_stays() -> None:
    p = _load("ok_repeat.xlsx")
    first = p.question("perp_how_1").show_if
    assert isinstance(first, AnswerIs) and first.question == "perp_known_1"
    for k in (2, 3):
        how, red = p.question(f"perp_how_{k}").show_if, p.question(f"perp_red_{k}").show_if
        assert isinstance(how, AllOf) and isinstance(red, AllOf)
        assert how.items[1].refers_to() == (f"perp_known_{k}",)
        assert red.items[1].refers_to() == ("colour",)  # outside the repeat: as written


def test_copy_k_waits_for_any_answer_in_copy_k_minus_1() -> None:
    p = _load("ok_repeat.xlsx")
    assert p.question("perp_name_1").show_if is None
    gate = p.question("perp_name_3").show_if
    assert gate == AnyOf(tuple(Answered(f"{q}_2") for q in
                               ("perp_name", "perp_known", "perp_how", "perp_red")))


def test_the_default_count_and_the_repeats_relevant_and_intro_apply_to_each_copy() -> None:
    p = _load("ok_repeat_default.xlsx")
    copies_ = [s for s in p.sections if s.id.startswith("perp_")]
    assert len(copies_) == DEFAULT_COPIES
    assert {s.intro("es") for s in copies_} == {"perp_intro (es)"}
    for s in copies_:
        for q in s.questions:
            assert Answered("story") in _conjuncts(q.show_if)


def _conjuncts(condition: object) -> tuple[object, ...]:
    return condition.items if isinstance(condition, AllOf) else (condition,)


@settings(max_examples=200, deadline=None)
@given(cell=st.one_of(st.none(), st.integers(-5, 20).map(str), st.just(" 4 "),
                      st.sampled_from(["${n}", "2.5", "three", "", "1e1"])))
def test_a_repeat_count_is_a_whole_number_from_1_to_10_or_the_default(cell: str | None) -> None:
    try:
        got = copies(cell)
    except ExpressionRefused as exc:
        assert exc.reason == "repeat_count" and cell is not None
        assert not cell.strip().isdigit() or not 1 <= int(cell) <= MAX_COPIES
        return
    if cell is None or not cell.strip():
        assert got == DEFAULT_COPIES
    else:
        assert got == int(cell) and 1 <= got <= MAX_COPIES


_SIBLINGS = ["a", "b", "c"]
_REFS = st.sampled_from([*_SIBLINGS, "outside"])


def _conditions() -> st.SearchStrategy[dict[str, Any]]:
    atom = _REFS.map(lambda ref: {"question": ref, "equals": "x"})
    return st.recursive(atom, lambda kids: st.one_of(
        st.lists(kids, min_size=1, max_size=3).map(lambda items: {"any_of": items}),
        st.lists(kids, min_size=1, max_size=3).map(lambda items: {"all_of": items})),
        max_leaves=6)


def _refs(condition: dict[str, Any]) -> list[str]:
    for combo in ("any_of", "all_of"):
        if combo in condition:
            return [r for c in condition[combo] for r in _refs(c)]
    return [condition["question"]]


@settings(max_examples=150, deadline=None)
@given(show_if=_conditions(), count=st.integers(1, MAX_COPIES))
def test_unrolling_renames_exactly_the_siblings_in_every_copy(
    show_if: dict[str, Any], count: int
) -> None:
    template = {"id": "r", "title": {"en": "R", "es": "R"},
                "questions": [{"id": q, "text": {}} for q in _SIBLINGS]
                + [{"id": "d", "text": {}, "show_if": show_if}]}
    before = copy.deepcopy(template)
    sections = unroll(template, count)
    assert template == before  # the template is not changed
    assert [s["id"] for s in sections] == [f"r_{k}" for k in range(1, count + 1)]
    for k, section in enumerate(sections, 1):
        d = section["questions"][-1]
        own = d["show_if"] if k == 1 else d["show_if"]["all_of"]
        renamed = [r if r == "outside" else f"{r}_{k}" for r in _refs(show_if)]
        if k == 1:
            assert _refs(own) == renamed
        else:  # the gate first, then the question's own condition, flattened
            gate, *rest = own
            assert _refs(gate) == [f"{q}_{k - 1}" for q in [*_SIBLINGS, "d"]]
            assert [r for c in rest for r in _refs(c)] == renamed


# --- the Answered condition ----------------------------------------------------------------------
_STATES = st.one_of(
    st.none(),
    st.sampled_from([Answer.declined(), Answer.unknown(), Answer.not_asked()]),
    st.one_of(st.text(min_size=1).filter(str.strip), st.integers(), st.sampled_from(["yes", "no"]),
              st.lists(st.sampled_from(["a", "b"]), min_size=1)).map(Answer.of),
)


@settings(max_examples=200, deadline=None)
@given(answer=_STATES)
def test_answered_holds_exactly_when_the_question_has_a_value(answer: Answer | None) -> None:
    answers = {} if answer is None else {"q": answer}
    assert Answered("q").holds(answers) == (answer is not None
                                            and answer.state is AnswerState.VALUE)
    assert Answered("q").refers_to() == ("q",)


def _protocol(show_if: object) -> dict[str, Any]:
    both = {"en": "t", "es": "t"}

    def q(qid: str, **extra: Any) -> dict[str, Any]:
        return {"id": qid, "text": both, "note": both, "sensitivity": "low",
                "type": "short_text", "category": "needs", "identifying": False, **extra}
    return {"id": "p", "version": "1", "title": both, "roles": ["advocate"],
            "sections": [{"id": "s", "title": both,
                          "questions": [q("first"), q("then", show_if=show_if)]}]}


def test_the_loader_reads_answered_and_refuses_its_misuse() -> None:
    p = parse_protocol(_protocol({"question": "first", "answered": True}), "t.json")
    assert p.question("then").show_if == Answered("first")
    for bad in ({"question": "first", "answered": False},
                {"question": "first", "answered": True, "equals": "x"},
                {"question": "then", "answered": True}, {"question": "later", "answered": True}):
        with pytest.raises(ProtocolError):
            parse_protocol(_protocol(bad), "t.json")


def test_answered_exports_as_not_empty_and_imports_back() -> None:
    p = parse_protocol(_protocol({"any_of": [{"question": "first", "answered": True},
                                             {"question": "first", "equals": "x"}]}), "t.json")
    assert expression(Answered("first"), p) == "${first} != ''"
    assert import_xlsform(to_xlsform(p), "p.xlsx") == p


@pytest.mark.parametrize("name", ["ok_repeat.xlsx", "ok_repeat_default.xlsx",
                                  "ok_relevant_answered.xlsx"])
def test_an_unrolled_form_round_trips_identically(name: str) -> None:
    raw, protocol = xlsform_to_protocol_json((CORPUS / name).read_bytes(), name)
    again_raw, again = xlsform_to_protocol_json(to_xlsform(protocol), "again.xlsx")
    assert again == protocol
    assert json.dumps(again_raw, sort_keys=True) == json.dumps(raw, sort_keys=True)


# --- what the interviewer sees -------------------------------------------------------------------
def test_a_later_copy_shows_once_the_one_before_has_begun() -> None:
    p = _load("ok_repeat.xlsx")

    def state(answers: dict[str, Answer]) -> dict[str, tuple[int, bool]]:
        return {s.section_id: (s.visible, s.waiting) for s in walk(p, answers).progress}

    start = state({})
    assert start["perp_1"] == (2, False)  # perp_how waits for perp_known; perp_red for colour
    assert start["perp_2"] == (0, True) and start["perp_3"] == (0, True)
    # A declined name does not begin the copy; a known answer does.
    assert state({"perp_name_1": Answer.declined()})["perp_2"] == (0, True)
    begun = state({"perp_name_1": Answer.declined(), "perp_known_1": Answer.of("no")})
    assert begun["perp_2"] == (2, False) and begun["perp_3"] == (0, True)
    # An ordinary section with nothing to ask is still listed (as "no questions for now").
    other = parse_protocol(_protocol({"question": "first", "equals": "x"}), "t.json")
    assert walk(other, {}).progress[0].waiting is False


# --- refusals ------------------------------------------------------------------------------------
def _workbook(survey: list[dict[str, Any]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    tables = {"survey": survey,
              "choices": [{"list_name": "yes_no", "name": n, "label::English (en)": n,
                           "label::Spanish (es)": n} for n in ("yes", "no")],
              "settings": [{"form_id": "gen", "version": "1", "form_title": "Generated"}]}
    for title, rows in tables.items():
        sheet = book.create_sheet(title)
        headers: list[str] = []
        for row in rows:
            headers += [k for k in row if k not in headers]
        sheet.append(headers)
        for row in rows:
            sheet.append([row.get(h) for h in headers])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _row(qtype: str, name: str, **cells: str) -> dict[str, str]:
    return {"type": qtype, "name": name, "label::English (en)": name,
            "label::Spanish (es)": name, **cells}


_QUESTION = st.sampled_from([
    _row("text", "who"), _row("select_one yes_no", "known"),
    _row("text", "how", relevant="${known} = 'yes'"),
    _row("text", "when", relevant="${who} != ''"),
    _row("text", "odd", relevant="${who} = ''"),
    _row("text", "before", relevant="${start} = 'go'"),
])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(questions=st.lists(_QUESTION, min_size=1, max_size=4, unique_by=lambda r: r["name"]),
       count=st.one_of(st.none(), st.integers(0, 12).map(str)))
def test_a_generated_repeat_imports_and_round_trips_or_is_refused_with_a_reason(
    questions: list[dict[str, str]], count: str | None
) -> None:
    survey = [_row("begin_group", "intro"), _row("text", "start"), {"type": "end_group"},
              {**_row("begin_repeat", "rep"), **({"repeat_count": count} if count else {})},
              *questions, {"type": "end_repeat"}]
    try:
        protocol = import_xlsform(_workbook(survey), "generated.xlsx")
    except XlsFormRefused as err:
        assert err.reason in REASONS and err.sheet == "survey" and err.row >= 2
        return
    n = int(count) if count else DEFAULT_COPIES
    assert len(protocol.sections) == 1 + n
    assert len(protocol.questions) == 1 + n * len(questions)
    assert import_xlsform(to_xlsform(protocol), "again.xlsx") == protocol
