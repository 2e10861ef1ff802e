"""XLSForm import and export: the corpus (every supported and refused construct, each refusal
with its sheet, row and reason), generated forms, the shipped protocols' round trip, the CLI."""

from __future__ import annotations

import io
import json
import runpy
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake_app import cli
from intake_app.domain.answers import Answer
from intake_app.domain.protocol import (
    AllOf,
    AnswerIs,
    AnswerType,
    AnyOf,
    Condition,
    Protocol,
    load_protocol,
    load_shipped,
    parse_protocol,
)
from intake_app.domain.protocol.xlsform import (
    MAX_XLSFORM_BYTES,
    REASONS,
    import_xlsform,
    to_xlsform,
)
from intake_app.domain.protocol.xlsform.conditions import Earlier, to_show_if
from intake_app.domain.protocol.xlsform.expressions import (
    And,
    ExpressionRefused,
    Not,
    Or,
    Selected,
    parse,
)
from intake_app.errors import XlsFormRefused

CORPUS = Path(__file__).resolve().parents[1] / "data" / "xlsforms"
EXPECTED: dict[str, dict[str, Any]] = json.loads((CORPUS / "expected.json").read_text())


def _load(name: str) -> Protocol:
    return import_xlsform((CORPUS / name).read_bytes(), name)


def test_the_corpus_covers_every_reason_but_the_size_limit() -> None:
    reasons = {e["reason"] for e in EXPECTED.values() if "reason" in e}
    # relevant_unknown: pyxform refuses those first (xlsform_invalid); too_large: tested below.
    assert set(REASONS) - reasons == {"too_large", "relevant_unknown"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_form_of_the_corpus_imports_or_is_refused_where_expected(name: str) -> None:
    expected = EXPECTED[name]
    if expected.get("ok"):
        assert isinstance(_load(name), Protocol)
        return
    with pytest.raises(XlsFormRefused) as caught:
        _load(name)
    err = caught.value
    assert (err.sheet, err.row, err.reason) == (expected["sheet"], expected["row"],
                                                expected["reason"])
    assert f"sheet {err.sheet}, row {err.row}" in err.message and "\n" not in err.message
    assert name in err.message


def _outcome(path: Path) -> object:
    try:
        return import_xlsform(path.read_bytes(), path.name)
    except XlsFormRefused as err:
        return (err.sheet, err.row, err.reason)


def test_the_committed_corpus_is_what_its_script_writes(tmp_path: Path) -> None:
    # The .xlsx bytes carry save times, so the forms are compared by what they import as.
    script = runpy.run_path(str(CORPUS.parents[2] / "scripts" / "make_xlsform_corpus.py"))
    script["main"](tmp_path)
    assert json.loads((tmp_path / "expected.json").read_text()) == EXPECTED
    assert sorted(p.name for p in tmp_path.glob("*.xlsx")) == sorted(EXPECTED)
    for name in EXPECTED:
        assert _outcome(tmp_path / name) == _outcome(CORPUS / name), name


def test_names_that_look_identifying_default_to_identifying_and_high() -> None:
    questions = {q.id: q for q in _load("ok_identifying_defaults.xlsx").questions}
    for qid, category in (("full_name", "identity"), ("date_of_birth", "identity"),
                          ("phone_number", "contact"), ("home_address", "contact"),
                          ("current_location", "contact")):
        q = questions[qid]
        assert (q.identifying, q.sensitivity.value, q.category.value) == (True, "high", category)
    plain = _load("ok_minimal.xlsx").question("story")
    assert (plain.identifying, plain.sensitivity.value, plain.category.value) == (
        False, "medium", "experience")
    assert plain.note("es").startswith("El formulario no trae")


def test_types_map_to_the_protocols_answer_types() -> None:
    p = _load("ok_types.xlsx")
    got = {q.id: q.type for q in p.questions}
    assert got["long"] is AnswerType.LONG_TEXT and got["spoken"] is AnswerType.LANGUAGE
    assert got["amount"] is AnswerType.NUMBER and got["when"] is AnswerType.DATE
    assert got["age_group"] is AnswerType.AGE_RANGE and got["agreed"] is AnswerType.YES_NO
    assert got["colours"] is AnswerType.MULTIPLE_CHOICE and got["pick"] is AnswerType.SINGLE_CHOICE
    assert [o.text("es") for o in p.question("colour").options] == ["Rojo", "Azul", "Verde"]


def test_intake_columns_fill_every_field() -> None:
    p = _load("ok_metadata.xlsx")
    q = p.question("favourite")
    assert (q.note("en"), q.note("es")) == ("Ask gently.", "Con calma.")
    assert (q.sensitivity.value, q.category.value, q.identifying) == ("low", "needs", False)
    assert q.roles == frozenset({"advocate"}) and q.danger is not None
    assert q.danger.values == ("red",)
    [tag] = q.indicators
    assert tag.group.value == "threats" and tag.when.values == ("red", "blue")
    age = p.question("age")
    assert age.age and age.feeds is not None and age.feeds.fact == "age_group"
    assert p.question("called").fills == "preferred_name"


def test_relevant_expressions_become_show_if() -> None:
    p = _load("ok_relevant.xlsx")

    def cond(qid: str) -> object:
        return p.question(qid).show_if

    def test(qid: str, values: tuple[object, ...]) -> AnswerIs:
        found = cond(qid)
        assert isinstance(found, AnswerIs)
        assert found.test.values == values
        return found

    test("r_equals", ("red",))
    test("r_not_equal", ("blue", "green"))  # the other values of a closed list
    test("r_selected", ("blue",))
    test("r_selected_one", ("blue",))
    test("r_flipped", ("yes",))
    test("r_in", ("red", "blue"))
    mixed = cond("r_and_or")
    assert isinstance(mixed, AnyOf) and isinstance(mixed.items[0], AllOf)
    count = mixed.items[0].items[1]
    assert isinstance(count, AnswerIs) and count.question == "count"
    assert count.test.values == (3,)  # a number, as the integer question answers
    negated = cond("r_not")  # not(a or b) = (not a) and (not b)
    assert isinstance(negated, AllOf)
    assert [c.test.values for c in negated.items if isinstance(c, AnswerIs)] == [
        ("no",), ("blue", "green")]


def test_a_groups_relevant_applies_to_each_of_its_questions() -> None:
    later = _load("ok_group_relevant.xlsx").question("later")
    assert isinstance(later.show_if, AllOf)
    assert [c.refers_to() for c in later.show_if.items] == [("agreed",), ("colour",)]


def test_titles_and_roles_come_from_the_settings_sheet() -> None:
    p = _load("ok_titles_by_language.xlsx")
    assert (p.title("en"), p.title("es"), p.version) == ("Intake", "Entrevista", "2")
    assert p.roles == frozenset({"officer"})
    assert _load("ok_minimal.xlsx").title("es") == "Demo form"


def test_required_is_accepted_and_a_first_note_is_the_intro() -> None:
    p = _load("ok_required_and_intro.xlsx")
    assert p.sections[0].intro("es") == "intro (es)"
    assert [q.id for q in p.questions] == ["story"]


def test_an_oversized_file_is_refused_before_it_is_read() -> None:
    with pytest.raises(XlsFormRefused) as caught:
        import_xlsform(b"x" * (MAX_XLSFORM_BYTES + 1), "big.xlsx")
    assert caught.value.reason == "too_large"


@pytest.mark.parametrize("pid", sorted(load_shipped()))
def test_each_shipped_protocol_round_trips_through_xlsform(pid: str) -> None:
    protocol = load_shipped()[pid]
    assert import_xlsform(to_xlsform(protocol), f"{pid}.xlsx") == protocol


def test_date_times_and_times_import_and_export_as_xlsform_date_time_and_time() -> None:
    p = _load("ok_datetime.xlsx")
    got = {q.id: q.type for q in p.questions}
    assert got["happened_at"] is AnswerType.DATETIME and got["left_at"] is AnswerType.DATETIME
    assert got["usual_time"] is AnswerType.TIME
    follow = p.question("after_night").show_if
    assert isinstance(follow, AnswerIs) and follow.test.values == ("22:00",)
    survey = openpyxl.load_workbook(io.BytesIO(to_xlsform(p)))["survey"]
    types = {row[1]: row[0] for row in survey.iter_rows(min_row=2, values_only=True)}
    assert (types["happened_at"], types["left_at"], types["usual_time"]) == (
        "dateTime", "dateTime", "time")
    assert import_xlsform(to_xlsform(p), "again.xlsx") == p


def test_a_hint_and_a_guidance_hint_are_the_interviewers_note_one_paragraph_each() -> None:
    p = _load("ok_hint.xlsx")
    hinted, guided, both = (p.question(qid) for qid in ("hinted", "guided", "both"))
    assert (hinted.note("en"), hinted.note("es")) == ("Ask slowly.", "Pregunte despacio.")
    assert (guided.note("en"), guided.note("es")) == ("Wait.", "Espere.")
    assert both.note("en") == "Ask.\n\nThen wait." and both.note("es") == "Pregunte.\n\nLuego espere."
    # Exported, the note is intake::note (no hint), and it imports back the same.
    survey = openpyxl.load_workbook(io.BytesIO(to_xlsform(p)))["survey"]
    headers = [c.value for c in survey[1]]
    assert "intake::note::English (en)" in headers
    assert not [h for h in headers if "hint" in str(h)]
    assert import_xlsform(to_xlsform(p), "again.xlsx") == p


# --- generated forms ---------------------------------------------------------------------------
_TYPES = ["text", "integer", "decimal", "date", "select_one colour", "select_multiple colour",
          "select_one yes_no", "dateTime", "time", "geopoint", "note", "calculate", "begin_group",
          "end_group", "begin_repeat", "end_repeat", "select_one nowhere", "", "text or_other"]
_NAMES = ["story", "colour", "count", "full_name", "phone", "Bad-Name", "s2", "x"]
_EXPRESSIONS = st.one_of(
    st.sampled_from(["${colour} = 'red'", "selected(${colour}, 'blue')", "${count} > 2",
                     "not(${story} = 'a')", "${x} != 'yes' and ${count} = 1", "(", "today()",
                     "${colour} = 'red' or ${story} = 'b'", "${nobody} = 1", ". > 3"]),
    st.text(alphabet="${}()'=!<> andortselc0123", max_size=30),
)
# A workbook cannot hold control characters at all (openpyxl refuses to write them).
_CHARS = st.characters(exclude_categories=("Cc", "Cs")) | st.just("\n")
_CELL = st.one_of(st.none(), st.text(_CHARS, max_size=12))
_ROW = st.fixed_dictionaries(
    {"type": st.sampled_from(_TYPES), "name": st.sampled_from(_NAMES)},
    optional={"label::English (en)": _CELL, "label::Spanish (es)": _CELL,
              "relevant": _EXPRESSIONS, "required": st.sampled_from(["yes", "no", "maybe"]),
              "intake::sensitivity": st.sampled_from(["low", "high", "odd"]),
              "intake::identifying": st.sampled_from(["yes", "no", "?"]),
              "intake::danger": _CELL, "intake::indicator": _CELL, "appearance": _CELL,
              "constraint": _CELL, "hint": _CELL, "guidance_hint::English (en)": _CELL,
              "hint::Spanish (es)": _CELL},
)


def _workbook(survey: list[dict[str, Any]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    tables = {"survey": survey,
              "choices": [{"list_name": "colour", "name": n, "label::English (en)": n,
                           "label::Spanish (es)": n} for n in ("red", "blue")]
              + [{"list_name": "yes_no", "name": n, "label::English (en)": n,
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


_GROUP = {"type": "begin_group", "name": "s1", "label::English (en)": "S",
          "label::Spanish (es)": "S"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(_ROW, max_size=6), grouped=st.booleans())
def test_a_generated_form_imports_and_round_trips_or_is_refused_with_a_reason(
    rows: list[dict[str, Any]], grouped: bool
) -> None:
    survey = [_GROUP, *rows, {"type": "end_group"}] if grouped else rows
    try:
        protocol = import_xlsform(_workbook(survey), "generated.xlsx")
    except XlsFormRefused as err:
        assert err.reason in REASONS and err.row >= 1 and err.sheet
        assert "\n" not in err.message
        return
    assert import_xlsform(to_xlsform(protocol), "again.xlsx") == protocol


# --- the command line --------------------------------------------------------------------------
def test_cli_imports_to_json_that_loads_as_the_same_protocol(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form, out = tmp_path / "adv.xlsx", tmp_path / "adv.json"
    data_dir = ["--data-dir", str(tmp_path / "data")]
    assert cli.main([*data_dir, "protocol", "export", "advocate_intake", "--out", str(form)]) == 0
    assert cli.main([*data_dir, "protocol", "import", str(form), "--out", str(out)]) == 0
    assert load_protocol(out) == load_shipped()["advocate_intake"]
    assert "22 questions" in capsys.readouterr().out


def test_cli_says_a_refusal_in_one_line_with_sheet_row_and_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form = CORPUS / "no_constraint.xlsx"
    assert cli.main(["--data-dir", str(tmp_path), "protocol", "import", str(form)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "sheet survey, row 8" in err
    assert "constraint_function" in err and "Traceback" not in err


# --- the relevant subset, against a reference reading of the same expression -------------------
_EARLIER = {"colour": Earlier("single_choice", ("red", "blue", "green")),
            "colours": Earlier("multiple_choice", ("red", "blue", "green")),
            "story": Earlier("short_text", ()), "count": Earlier("number", ()),
            "agreed": Earlier("yes_no", ("yes", "no"))}
_ATOMS = ["${colour} = 'red'", "${colour} != 'blue'", "selected(${colour}, 'green')",
          "selected(${colours}, 'red')", "selected(${colours}, 'blue')", "${story} = 'a'",
          "${count} = 2", "2 = ${count}", "${agreed} = 'yes'", "${agreed} != 'yes'",
          "${count} < 2", "${colours} = 'red'", "${story} != 'a'", "not(selected(${colours}, 'red'))"]


def _expressions() -> st.SearchStrategy[str]:
    def combine(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.tuples(children, st.sampled_from([" and ", " or "]), children).map(
                lambda t: f"({t[0]}){t[1]}({t[2]})"),
            children.map(lambda c: f"not({c})"),
        )
    return st.recursive(st.sampled_from(_ATOMS), combine, max_leaves=5)


def _reference(tree: Any, answers: dict[str, Any]) -> bool:
    """ODK's reading of the expression when every answer has a value."""
    if isinstance(tree, Not):
        return not _reference(tree.item, answers)
    if isinstance(tree, And):
        return all(_reference(i, answers) for i in tree.items)
    if isinstance(tree, Or):
        return any(_reference(i, answers) for i in tree.items)
    value = answers[tree.question]
    if isinstance(tree, Selected):
        return bool(tree.value in value if isinstance(value, list) else value == tree.value)
    return bool(value == tree.value) if tree.op == "=" else bool(value != tree.value)


_ANSWERS = st.fixed_dictionaries({
    "colour": st.sampled_from(["red", "blue", "green"]),
    "colours": st.lists(st.sampled_from(["red", "blue", "green"]), min_size=1, max_size=3,
                        unique=True),
    "story": st.sampled_from(["a", "b"]), "count": st.sampled_from([1, 2, 3]),
    "agreed": st.sampled_from(["yes", "no"]),
})


@settings(max_examples=300, deadline=None)
@given(text=_expressions(), answers=_ANSWERS)
def test_a_translated_relevant_holds_exactly_when_odk_would_show_the_question(
    text: str, answers: dict[str, Any]
) -> None:
    try:
        tree = parse(text)
        raw = to_show_if(tree, _EARLIER, frozenset(), "follow_up")
    except ExpressionRefused as refusal:
        assert refusal.reason in REASONS
        return
    condition = _condition(raw)
    given_answers = {k: Answer.of(v) for k, v in answers.items()}
    assert condition.holds(given_answers) == _reference(tree, answers)
    # A declined answer makes every test on it false, != and not() included.
    declined = {k: Answer.declined() for k in answers}
    assert not condition.holds(declined)


def _condition(show_if: dict[str, Any]) -> Condition:
    """The show_if through the real loader, on a protocol holding the earlier questions."""
    def question(qid: str, qtype: str, options: tuple[str, ...]) -> dict[str, Any]:
        both = {"en": qid, "es": qid}
        raw: dict[str, Any] = {"id": qid, "text": both, "note": both, "sensitivity": "low",
                               "type": qtype, "category": "needs", "identifying": False}
        if qtype in ("single_choice", "multiple_choice"):
            raw["options"] = [{"id": o, "text": {"en": o, "es": o}} for o in options]
        return raw
    questions = [question(k, e.type, e.values) for k, e in _EARLIER.items()]
    questions.append({**question("follow_up", "short_text", ()), "show_if": show_if})
    protocol = parse_protocol({"id": "p", "version": "1", "title": {"en": "P", "es": "P"},
                               "roles": ["advocate"], "sections": [
                                   {"id": "s", "title": {"en": "S", "es": "S"},
                                    "questions": questions}]}, "generated")
    found = protocol.question("follow_up").show_if
    assert found is not None
    return found


@given(text=st.text(alphabet="${}()'\"=!<> andortselc.0123,-", max_size=40))
@settings(max_examples=300, deadline=None)
def test_any_expression_parses_or_is_refused_with_a_reason(text: str) -> None:
    try:
        to_show_if(parse(text), _EARLIER, frozenset(), "follow_up")
    except ExpressionRefused as refusal:
        assert refusal.reason in REASONS
