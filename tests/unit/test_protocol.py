"""Protocols: the shipped ones load complete in both languages; broken ones are refused by name."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake_app.domain.answers import Answer
from intake_app.domain.protocol import (
    AGE_RANGES,
    LANGUAGES,
    AnswerType,
    IndicatorGroup,
    Localized,
    Protocol,
    ProtocolError,
    Question,
    load_folder,
    load_protocol,
    load_shipped,
    parse_protocol,
    visible_questions,
    walk,
)
from intake_app.errors import IntakeError

SHIPPED = load_shipped()
Raw = dict[str, Any]
Qs = list[dict[str, Any]]


def all_texts(p: Protocol) -> list[tuple[str, Localized]]:
    out: list[tuple[str, Localized]] = [(p.id, p.titles)]
    for s in p.sections:
        out.append((s.id, s.titles))
        if s.intros is not None:
            out.append((s.id, s.intros))
        for q in s.questions:
            out += [(q.id, q.texts), (q.id, q.notes)]
            out += [(f"{q.id}.{o.id}", o.texts) for o in q.options]
    return out


def a_value(q: Question) -> Answer:
    """Some valid value answer for `q`."""
    by_type: dict[AnswerType, Any] = {
        AnswerType.YES_NO: "yes", AnswerType.NUMBER: 30, AnswerType.DATE: "1990-04",
    }
    if q.options:
        value: Any = [q.options[0].id] if q.type is AnswerType.MULTIPLE_CHOICE else q.options[0].id
    else:
        value = by_type.get(q.type, "some words")
    assert q.accepts(value)
    return Answer.of(value)


# --- the shipped protocols ---------------------------------------------------------------------
def test_the_three_protocols_ship_and_load() -> None:
    assert set(SHIPPED) == {"advocate_intake", "officer_victim_interview", "indicator_screening"}
    assert SHIPPED["advocate_intake"].roles == {"advocate"}
    assert SHIPPED["officer_victim_interview"].roles == {"officer"}
    assert SHIPPED["indicator_screening"].roles == {"advocate", "officer"}


@pytest.mark.parametrize("pid", sorted(SHIPPED))
def test_every_text_has_spanish_and_english(pid: str) -> None:
    for where, text in all_texts(SHIPPED[pid]):
        for lang in LANGUAGES:
            assert text.get(lang).strip(), (where, lang)
    for q in SHIPPED[pid].questions:  # questions and notes are really translated, not copied
        assert q.text("es") != q.text("en"), q.id
        assert q.note("es") != q.note("en"), q.id


@pytest.mark.parametrize("pid", sorted(SHIPPED))
def test_placeholders_match_between_languages(pid: str) -> None:
    for where, text in all_texts(SHIPPED[pid]):
        assert text.placeholders("en") == text.placeholders("es"), where


@pytest.mark.parametrize("pid", sorted(SHIPPED))
def test_every_protocol_asks_age_and_notes_say_why_and_how(pid: str) -> None:
    p = SHIPPED[pid]
    assert any(q.age for q in p.questions)
    for q in p.questions:
        assert "Why:" in q.note("en") and "How:" in q.note("en"), q.id
        assert "Por qué:" in q.note("es") and "Cómo:" in q.note("es"), q.id


def test_screening_covers_every_indicator_group() -> None:
    questions = SHIPPED["indicator_screening"].questions
    tagged = {t.group for q in questions for t in q.indicators}
    tagged |= {g for q in questions for o in q.options for g in o.indicators}
    assert tagged == set(IndicatorGroup)


def test_officer_interview_asks_identity_last_and_marks_it_identifying() -> None:
    p = SHIPPED["officer_victim_interview"]
    assert [s.id for s in p.sections][-1] == "about_you"
    identity = p.section("about_you").questions
    for qid in ("preferred_name", "legal_name", "date_of_birth", "contact"):
        q = p.question(qid)
        assert q in identity and q.identifying
    assert not any(q.identifying for s in p.sections[:-1] for q in s.questions)


@pytest.mark.parametrize("pid", sorted(SHIPPED))
@pytest.mark.parametrize("state", [Answer.declined, Answer.unknown, Answer.not_asked])
def test_an_interview_completes_with_nothing_but_non_answers(
    pid: str, state: Callable[[], Answer]
) -> None:
    p = SHIPPED[pid]
    for role in sorted(p.roles):
        answers: dict[str, Answer] = {}
        while (w := walk(p, answers, role)).next is not None:
            answers[w.next.id] = state()
        assert w.complete
        assert all(sp.done for sp in w.progress)
        # every follow-up hangs on a value, so only unconditional questions were shown
        assert {q.id for q in w.visible} == {q.id for q in p.questions if q.show_if is None}


# --- walking and show-if -----------------------------------------------------------------------
ADVOCATE = SHIPPED["advocate_intake"]


def visible_ids(answers: dict[str, Answer], p: Protocol = ADVOCATE) -> set[str]:
    return {q.id for q in visible_questions(p, answers)}


def test_show_if_follows_choices() -> None:
    assert "shelter_tonight" not in visible_ids({"needs_now": Answer.of(["food"])})
    assert "shelter_tonight" in visible_ids({"needs_now": Answer.of(["food", "shelter"])})
    legal = visible_ids({"needs_now": Answer.of(["legal"])})
    assert "immigration_lawyer" in legal and "withdrawal_support" not in legal
    assert "danger_tonight" in visible_ids({"safe_now": Answer.of("not_sure")})
    assert "danger_tonight" not in visible_ids({"safe_now": Answer.of("safe")})


@pytest.mark.parametrize("non_answer", [Answer.declined(), Answer.unknown(), Answer.not_asked()])
def test_show_if_on_a_non_answer_skips_the_follow_up(non_answer: Answer) -> None:
    assert "shelter_tonight" not in visible_ids({"needs_now": non_answer})
    assert "danger_tonight" not in visible_ids({"safe_now": non_answer})


def test_a_stale_answer_to_a_hidden_question_opens_nothing() -> None:
    answers = {
        "needs_now": Answer.of(["family_contact"]),
        "family_contact_wanted": Answer.of("yes"),
    }
    assert "family_contact_safe" in visible_ids(answers)
    answers["needs_now"] = Answer.of(["food"])  # changed mind: the middle question is hidden
    assert {"family_contact_wanted", "family_contact_safe"}.isdisjoint(visible_ids(answers))


def test_yes_no_accepts_booleans_as_yes_and_no() -> None:
    officer = SHIPPED["officer_victim_interview"]
    assert "legal_name" in visible_ids({"identity_ok": Answer.of(True)}, officer)
    assert "legal_name" not in visible_ids({"identity_ok": Answer.of(False)}, officer)


def test_walk_reports_next_question_and_progress() -> None:
    w = walk(ADVOCATE, {})
    assert w.next == ADVOCATE.questions[0] and not w.complete
    first = ADVOCATE.sections[0]
    answers = {q.id: Answer.declined() for q in first.questions}
    w = walk(ADVOCATE, answers)
    assert w.progress[0].done and w.progress[0].answered == len(first.questions)
    assert w.next == ADVOCATE.sections[1].questions[0]
    assert w.is_visible("safe_now") and not w.is_visible("danger_tonight")


# --- a small synthetic protocol ----------------------------------------------------------------
def t(en: str, es: str | None = None) -> dict[str, str]:
    return {"en": en, "es": es if es is not None else f"es: {en}"}


def question(qid: str, qtype: str = "yes_no", **extra: Any) -> dict[str, Any]:
    d: dict[str, Any] = {
        "id": qid, "text": t(f"Question {qid}?"), "note": t("Why: x. How: y."),
        "sensitivity": "low", "type": qtype, "category": "experience", "identifying": False,
    }
    if qtype in ("single_choice", "multiple_choice"):
        d["options"] = [{"id": f"o{i}", "text": t(f"Option {i}")} for i in range(3)]
    if qtype == "age_range":
        d["options"] = [{"id": a, "text": t(a)} for a in AGE_RANGES]
    d.update(extra)
    return d


def protocol_dict(sections: list[list[dict[str, Any]]], roles: list[str] | None = None) -> Raw:
    return {
        "id": "synthetic", "version": "1", "title": t("Synthetic"),
        "roles": roles or ["advocate", "officer"],
        "sections": [
            {"id": f"s{i}", "title": t(f"Section {i}"), "questions": qs}
            for i, qs in enumerate(sections)
        ],
    }


def test_any_of_and_all_of() -> None:
    raw = protocol_dict([[
        question("a"), question("b", "single_choice"),
        question("either", show_if={"any_of": [
            {"question": "a", "equals": "yes"}, {"question": "b", "in": ["o1", "o2"]}]}),
        question("both", show_if={"all_of": [
            {"question": "a", "equals": "yes"}, {"question": "b", "equals": "o0"}]}),
    ]])
    p = parse_protocol(raw, "synthetic.json")
    assert visible_ids({}, p) == {"a", "b"}
    assert visible_ids({"b": Answer.of("o2")}, p) == {"a", "b", "either"}
    both = {"a": Answer.of("yes"), "b": Answer.of("o0")}
    assert visible_ids(both, p) == {"a", "b", "either", "both"}
    assert visible_ids({"a": Answer.of("yes"), "b": Answer.declined()}, p) == {"a", "b", "either"}


def test_questions_for_one_role_are_hidden_from_the_other() -> None:
    raw = protocol_dict([[question("all"), question("officer_only", roles=["officer"])]])
    p = parse_protocol(raw, "synthetic.json")
    assert [q.id for q in walk(p, {}, "advocate").visible] == ["all"]
    assert [q.id for q in walk(p, {}, "officer").visible] == ["all", "officer_only"]


def test_accepts_checks_the_shape_of_a_value() -> None:
    p = parse_protocol(protocol_dict([[
        question("c", "multiple_choice"), question("d", "date"), question("n", "number"),
    ]]), "synthetic.json")
    assert p.question("c").accepts(["o1"]) and not p.question("c").accepts(["nope"])
    assert p.question("d").accepts("2001") and p.question("d").accepts("2001-02-28")
    assert not p.question("d").accepts("28/02/2001")
    assert p.question("n").accepts(16) and not p.question("n").accepts(True)


# --- broken protocols --------------------------------------------------------------------------
TYPES = ["short_text", "long_text", "single_choice", "multiple_choice", "yes_no", "date", "datetime", "time",
         "number", "age_range", "language"]


@st.composite
def valid_protocols(draw: st.DrawFn) -> dict[str, Any]:
    sizes = draw(st.lists(st.integers(1, 4), min_size=1, max_size=3))
    n = 0
    sections = []
    for size in sizes:
        qs = []
        for _ in range(size):
            qs.append(question(f"q{n}", draw(st.sampled_from(TYPES))))
            n += 1
        sections.append(qs)
    return protocol_dict(sections)


def flat(raw: dict[str, Any]) -> list[dict[str, Any]]:
    return [q for s in raw["sections"] for q in s["questions"]]


def write(folder: Path, name: str, raw: object) -> Path:
    path = folder / name
    path.write_text(json.dumps(raw), encoding="utf-8")
    return path


@settings(max_examples=40, deadline=None)
@given(valid_protocols())
def test_generated_valid_protocols_load(raw: dict[str, Any]) -> None:
    p = parse_protocol(raw, "gen.json")
    assert [q.id for q in p.questions] == [q["id"] for q in flat(raw)]


def break_missing_id(raw: Raw, qs: Qs, k: int, _: int) -> tuple[str, str]:
    del qs[k]["id"]
    sid = next(s["id"] for s in raw["sections"] if any("id" not in q for q in s["questions"]))
    pos = next(i for s in raw["sections"] for i, q in enumerate(s["questions"], 1) if "id" not in q)
    return f"question #{pos} in section '{sid}'", "missing id"


def break_duplicate_id(_: Raw, qs: Qs, k: int, j: int) -> tuple[str, str]:
    first, second = sorted((j, k))
    if first == second:
        second = first + 1
    qs[second]["id"] = qs[first]["id"]
    return f"question '{qs[first]['id']}'", "duplicate id"


def break_show_if_forward(_: Raw, qs: Qs, k: int, j: int) -> tuple[str, str]:
    early, late = sorted((j, k))
    if early == late:
        late = early + 1
    qs[early]["show_if"] = {"question": qs[late]["id"], "equals": "yes"}
    return f"question '{qs[early]['id']}'", f"later question '{qs[late]['id']}'"


def break_show_if_nothing(_: Raw, qs: Qs, k: int, __: int) -> tuple[str, str]:
    qs[k]["show_if"] = {"question": "no_such_question", "equals": "yes"}
    return f"question '{qs[k]['id']}'", "unknown question 'no_such_question'"


def break_self_reference(_: Raw, qs: Qs, k: int, __: int) -> tuple[str, str]:
    qs[k]["show_if"] = {"question": qs[k]["id"], "equals": "yes"}
    return f"question '{qs[k]['id']}'", "refers to the question itself"


def break_unknown_type(_: Raw, qs: Qs, k: int, __: int) -> tuple[str, str]:
    qs[k]["type"] = "essay"
    qs[k].pop("options", None)
    return f"question '{qs[k]['id']}'", "unknown type 'essay'"


def break_missing_spanish(_: Raw, qs: Qs, k: int, j: int) -> tuple[str, str]:
    field = "text" if j % 2 else "note"
    del qs[k][field]["es"]
    return f"question '{qs[k]['id']}'", f"missing Spanish text in {field}"


def break_placeholder(_: Raw, qs: Qs, k: int, __: int) -> tuple[str, str]:
    qs[k]["text"]["en"] += " {name}"
    return f"question '{qs[k]['id']}'", "placeholder mismatch between en and es in text"


def break_choice_without_options(_: Raw, qs: Qs, k: int, __: int) -> tuple[str, str]:
    qs[k]["type"] = "single_choice"
    qs[k].pop("options", None)
    return f"question '{qs[k]['id']}'", "a single_choice question needs options"


def break_missing_sensitivity(_: Raw, qs: Qs, k: int, __: int) -> tuple[str, str]:
    del qs[k]["sensitivity"]
    return f"question '{qs[k]['id']}'", "missing sensitivity"


BREAKERS = [
    break_missing_id, break_duplicate_id, break_show_if_forward, break_show_if_nothing,
    break_self_reference, break_unknown_type, break_missing_spanish, break_placeholder,
    break_choice_without_options, break_missing_sensitivity,
]
NEEDS_TWO = {break_duplicate_id, break_show_if_forward}


@settings(max_examples=120, deadline=None)
@given(valid_protocols(), st.sampled_from(BREAKERS), st.data())
def test_broken_protocols_are_refused_naming_file_question_and_problem(
    tmp_path_factory: pytest.TempPathFactory,
    raw: dict[str, Any],
    breaker: Callable[..., tuple[str, str]],
    data: st.DataObject,
) -> None:
    qs = flat(raw)
    if breaker in NEEDS_TWO and len(qs) < 2:
        raw["sections"][-1]["questions"].append(question("extra"))
        qs = flat(raw)
    k = data.draw(st.integers(0, len(qs) - 1), label="k")
    j = data.draw(st.integers(0, len(qs) - 2 if breaker in NEEDS_TWO else len(qs) - 1), label="j")
    where, problem = breaker(raw, qs, k, j)
    folder = tmp_path_factory.mktemp("broken")
    path = write(folder, "field_guide.json", raw)
    with pytest.raises(ProtocolError) as info:
        load_protocol(path)
    message = str(info.value)
    assert "field_guide.json" in message
    assert where in message
    assert problem in message
    assert isinstance(info.value, IntakeError) and info.value.code == "protocol_invalid"


def qs0(raw: Raw) -> Qs:
    return raw["sections"][0]["questions"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(("mutate", "problem"), [
    (lambda r: qs0(r)[0].update(options=[]), "options are only for"),
    (lambda r: qs0(r)[0].update(sensitivity="extreme"), "unknown sensitivity"),
    (lambda r: qs0(r)[0].update(category="gossip"), "unknown category"),
    (lambda r: qs0(r)[0].update(identifying="no"), "identifying must be"),
    (lambda r: qs0(r)[0].update(roles=["judge"]), "unknown role 'judge'"),
    (lambda r: qs0(r)[0].update(show_iff={}), "unknown field 'show_iff'"),
    (lambda r: qs0(r)[0].update(age=True), "age must be"),
    (lambda r: qs0(r)[0].update(
        indicator={"group": "debt", "when": {"equals": "maybe"}}), "can never be an answer"),
    (lambda r: qs0(r)[0].update(
        indicator={"group": "gossip", "when": {"equals": "yes"}}), "unknown group"),
    (lambda r: qs0(r)[1].update(
        show_if={"question": "a", "equals": "perhaps"}), "can never be an answer"),
    (lambda r: qs0(r)[2]["options"].pop(), "age_range options must be"),
    (lambda r: r["sections"].append(copy.deepcopy(r["sections"][0])), "duplicate"),
    (lambda r: r.pop("version"), "missing version"),
])
def test_other_mistakes_are_named(mutate: Callable[[dict[str, Any]], object], problem: str) -> None:
    raw = protocol_dict([[question("a"), question("b"), question("c", "age_range")]])
    mutate(raw)
    with pytest.raises(ProtocolError, match=problem):
        parse_protocol(raw, "x.json")


def test_loading_is_all_or_nothing(tmp_path: Path) -> None:
    good = protocol_dict([[question("a")]])
    write(tmp_path, "a_good.json", good)
    (tmp_path / "b_bad.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(ProtocolError, match=r"b_bad\.json, file: is not valid JSON"):
        load_folder(tmp_path)
    (tmp_path / "b_bad.json").unlink()
    write(tmp_path, "c_same.json", good)
    with pytest.raises(ProtocolError, match="id used by another file"):
        load_folder(tmp_path)


# --- danger markers and case fields --------------------------------------------------------------
def test_danger_marks_only_the_answers_the_protocol_names() -> None:
    p = parse_protocol(protocol_dict([[
        question("tonight", danger={"equals": "yes"}),
        question("feel", "single_choice", danger={"in": ["o2"]}),
        question("plain"),
    ]]), "synthetic.json")
    tonight, feel, plain = (p.question(q) for q in ("tonight", "feel", "plain"))
    assert tonight.signals_danger(Answer.of("yes")) and tonight.signals_danger(Answer.of(True))
    assert not tonight.signals_danger(Answer.of("no"))
    assert not tonight.signals_danger(Answer.declined()) and not tonight.signals_danger(None)
    assert feel.signals_danger(Answer.of("o2")) and not feel.signals_danger(Answer.of("o1"))
    assert not plain.signals_danger(Answer.of("yes"))


def test_shipped_protocols_mark_danger_and_fill_the_case() -> None:
    advocate, officer = load_shipped()["advocate_intake"], load_shipped()["officer_victim_interview"]
    assert advocate.question("danger_tonight").signals_danger(Answer.of("yes"))
    assert advocate.question("safe_now").signals_danger(Answer.of("not_safe"))
    assert officer.question("threats_current").signals_danger(Answer.of("yes"))
    assert advocate.question("preferred_name").fills == "preferred_name"
    assert {q.fills for q in officer.questions if q.fills} == {
        "preferred_name", "legal_name", "date_of_birth", "contact"}
    assert all(q.identifying for q in officer.questions if q.fills)


@pytest.mark.parametrize(("extra", "problem"), [
    ({"fills": "favourite_colour"}, "fills must be one of"),
    ({"danger": {"equals": "maybe"}}, "can never be an answer"),
    ({"danger": "yes"}, "expected an object"),
])
def test_bad_danger_or_fills_is_refused_with_the_reason(extra: dict[str, Any], problem: str) -> None:
    with pytest.raises(IntakeError) as caught:
        parse_protocol(protocol_dict([[question("q", **extra)]]), "synthetic.json")
    assert problem in str(caught.value)


def test_fills_is_refused_on_a_choice_question() -> None:
    with pytest.raises(IntakeError, match="only for text and date"):
        parse_protocol(protocol_dict([[question("q", "single_choice", fills="contact")]]), "x.json")


def test_a_file_naming_one_key_twice_is_refused_not_read_by_its_last_value(tmp_path: Path) -> None:
    """Hand-edited files repeat keys: a second "sensitivity" must not quietly win over the first."""
    path = write(tmp_path, "guide.json", protocol_dict([[question("a", sensitivity="high")]]))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"sensitivity": "high"',
                                 '"sensitivity": "high", "sensitivity": "low"'), encoding="utf-8")
    with pytest.raises(ProtocolError, match=r"guide\.json, file: names one key twice"):
        load_protocol(path)
    (tmp_path / "top.json").write_text("[]", encoding="utf-8")
    with pytest.raises(ProtocolError, match=r"top\.json, protocol: expected an object"):
        load_protocol(tmp_path / "top.json")
