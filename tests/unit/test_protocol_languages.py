"""Protocols in any number of languages: declared at the top, each text in each of them, and what
a protocol lacks of the languages an agency enables, reported per section, question and option."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake_app.domain.protocol import (
    LANGUAGE_CODE,
    Localized,
    Protocol,
    ProtocolError,
    Section,
    is_language_code,
    load_protocol,
    load_shipped,
    missing_languages,
    parse_protocol,
)

TRILINGUAL = Path(__file__).parents[1] / "data" / "protocols" / "trilingual_check_in.json"
EXTRA = ["fr", "pt-br", "ar", "mam", "zh-hant", "ht"]


def texts(langs: list[str], words: str) -> dict[str, str]:
    return {lang: f"{words} ({lang})" for lang in langs}


def raw_protocol(langs: list[str], shape: list[list[int]], declare: bool = True) -> dict[str, Any]:
    """A protocol in `langs`; `shape` gives, per section, each question's option count (0: a
    yes/no question, else a single choice)."""
    sections = []
    n = 0
    for i, questions in enumerate(shape):
        qs = []
        for options in questions:
            q: dict[str, Any] = {
                "id": f"q{n}", "text": texts(langs, f"Question {n}?"),
                "note": texts(["en", "es"], "Why, how"), "sensitivity": "low",
                "type": "single_choice" if options else "yes_no", "category": "needs",
                "identifying": False,
            }
            if options:
                q["options"] = [{"id": f"o{k}", "text": texts(langs, f"Option {k}")}
                                for k in range(options)]
            qs.append(q)
            n += 1
        section: dict[str, Any] = {"id": f"s{i}", "title": texts(langs, f"Section {i}"),
                                   "questions": qs}
        if i % 2:
            section["intro"] = texts(langs, f"About section {i}")
        sections.append(section)
    raw: dict[str, Any] = {"id": "generated", "version": "1", "title": texts(langs, "Title"),
                           "roles": ["advocate"], "sections": sections}
    if declare:
        raw["languages"] = langs
    return raw


SIMPLE = [[0, 2], [3]]


# --- declaring languages -----------------------------------------------------------------------
def test_a_file_without_languages_is_english_and_spanish_as_before() -> None:
    p = parse_protocol(raw_protocol(["en", "es"], SIMPLE, declare=False), "old.json")
    assert p.languages == ("en", "es")
    for shipped in load_shipped().values():  # the shipped guides stay bilingual
        assert shipped.languages == ("en", "es")


def test_declared_languages_are_kept_and_each_text_read_in_them() -> None:
    p = load_protocol(TRILINGUAL)
    assert p.languages == ("en", "es", "fr")
    assert p.question("safe_now").text("fr") == "Vous sentez-vous en sécurité en ce moment ?"
    assert p.question("age_now").option("35_plus").text("fr") == "35 ans ou plus"
    assert p.section("welcome").intro("fr") == "Merci de parler avec {interviewer}."
    assert p.question("safe_now").note("en")  # notes stay in the app's languages


@pytest.mark.parametrize(("languages", "problem"), [
    ([], "non-empty list"),
    ("en,es", "non-empty list"),
    (["en", "es", "FR"], "invalid language code 'FR'"),
    (["en", "es", "fr_CA"], "invalid language code 'fr_CA'"),
    (["en", "es", "french"], "invalid language code 'french'"),
    (["en", "es", 7], "invalid language code 7"),
    (["en", "es", "fr", "fr"], "names one language twice"),
    (["en", "fr"], "must include en and es"),
])
def test_invalid_languages_are_refused_with_the_reason(languages: object, problem: str) -> None:
    raw = raw_protocol(["en", "es"], SIMPLE)
    raw["languages"] = languages
    with pytest.raises(ProtocolError, match=problem) as info:
        parse_protocol(raw, "bad.json")
    assert "protocol 'generated'" in str(info.value)


@pytest.mark.parametrize(("path", "where", "field"), [
    (("sections", 0, "questions", 1, "text"), "question 'q1'", "text"),
    (("sections", 0, "questions", 1, "options", 1, "text"), "question 'q1' option 'o1'", "text"),
    (("sections", 1, "title"), "section 's1'", "title"),
    (("sections", 1, "intro"), "section 's1'", "intro"),
    (("title",), "protocol 'generated'", "title"),
])
def test_a_text_missing_a_declared_language_is_refused_with_its_position(
        path: tuple[str | int, ...], where: str, field: str) -> None:
    raw = raw_protocol(["en", "es", "fr"], SIMPLE)
    node: Any = raw
    for step in path:
        node = node[step]
    del node["fr"]
    with pytest.raises(ProtocolError) as info:
        parse_protocol(raw, "trilingual.json")
    message = str(info.value)
    assert "trilingual.json" in message and where in message
    assert f"missing fr text in {field}" in message


def test_a_text_in_an_undeclared_language_is_refused() -> None:
    raw = raw_protocol(["en", "es"], SIMPLE)
    raw["sections"][0]["questions"][0]["text"]["fr"] = "Oui ?"
    with pytest.raises(ProtocolError, match=r"question 'q0'.*'fr', not among the file's languages"):
        parse_protocol(raw, "x.json")


def test_a_note_needs_only_the_apps_languages_and_placeholders_match_in_every_language() -> None:
    raw = raw_protocol(["en", "es", "fr"], SIMPLE)
    assert "fr" not in raw["sections"][0]["questions"][0]["note"]
    parse_protocol(raw, "x.json")  # a note without French loads
    del raw["sections"][0]["questions"][0]["note"]["es"]
    with pytest.raises(ProtocolError, match="missing Spanish text in note"):
        parse_protocol(raw, "x.json")
    raw = raw_protocol(["en", "es", "fr"], SIMPLE)
    raw["sections"][0]["questions"][0]["text"]["fr"] += " {agency}"
    with pytest.raises(ProtocolError, match="placeholder mismatch between en and fr in text"):
        parse_protocol(raw, "x.json")


@pytest.mark.parametrize("code", ["en", "fr", "mam", "pt-br", "zh-hant", "es-419", "sr-latn-rs"])
def test_language_codes_that_are_taken(code: str) -> None:
    assert is_language_code(code) and LANGUAGE_CODE.match(code)


@pytest.mark.parametrize("code", ["", "e", "EN", "pt_BR", "pt-", "-pt", "english", "fr-x", "f1"])
def test_language_codes_that_are_refused(code: str) -> None:
    assert not is_language_code(code)


# --- what a protocol lacks ---------------------------------------------------------------------
def test_the_trilingual_protocol_lacks_only_what_the_agency_adds_beyond_it() -> None:
    p = load_protocol(TRILINGUAL)
    assert missing_languages(p, ["en", "es", "fr"]) == []
    gaps = missing_languages(p, ["fr", "ar"])
    assert {lang for _, lang in gaps} == {"ar"}
    assert gaps[:3] == [("section 'welcome'", "ar"), ("question 'safe_now'", "ar"),
                        ("question 'age_now'", "ar")]
    assert ("question 'age_now' option 'under_12'", "ar") in gaps
    shipped = load_shipped()["advocate_intake"]
    assert len(missing_languages(shipped, ["en", "es", "fr"])) == sum(
        1 + len(q.options) for q in shipped.questions) + len(shipped.sections)


def _positions(p: Protocol) -> list[tuple[str, list[Localized]]]:
    """What missing_languages reads, written out the long way, in protocol order."""
    out: list[tuple[str, list[Localized]]] = []
    for s in p.sections:
        out.append((f"section '{s.id}'", [s.titles] + ([s.intros] if s.intros else [])))
        for q in s.questions:
            out.append((f"question '{q.id}'", [q.texts]))
            out += [(f"question '{q.id}' option '{o.id}'", [o.texts]) for o in q.options]
    return out


def _drop(text: Localized, gone: frozenset[str]) -> Localized:
    return Localized(tuple((lang, words) for lang, words in text.items if lang not in gone))


Draw = Callable[[st.SearchStrategy[frozenset[str]]], frozenset[str]]


def _with_gaps(p: Protocol, gone: Draw) -> Protocol:
    """`p` with some languages dropped from some texts (as a protocol made in code may be)."""
    langs = st.frozensets(st.sampled_from(p.languages), max_size=2)
    sections = []
    for s in p.sections:
        questions = []
        for q in s.questions:
            options = tuple(replace(o, texts=_drop(o.texts, gone(langs))) for o in q.options)
            questions.append(replace(q, texts=_drop(q.texts, gone(langs)), options=options))
        intros = None if s.intros is None else _drop(s.intros, gone(langs))
        sections.append(Section(s.id, _drop(s.titles, gone(langs)), intros, tuple(questions)))
    return replace(p, sections=tuple(sections))


shapes = st.lists(st.lists(st.sampled_from([0, 2, 3]), min_size=1, max_size=3), min_size=1, max_size=3)
declared = st.lists(st.sampled_from(EXTRA), unique=True, max_size=3).map(lambda x: ["en", "es", *x])
enabled_lists = st.lists(st.sampled_from(["en", "es", *EXTRA]), max_size=5)


@settings(max_examples=60, deadline=None)
@given(declared, shapes, enabled_lists)
def test_a_loaded_protocol_lacks_exactly_the_enabled_languages_it_does_not_declare(
        langs: list[str], shape: list[list[int]], enabled: list[str]) -> None:
    p = parse_protocol(raw_protocol(langs, shape), "gen.json")
    assert p.languages == tuple(langs)
    lacking = [lang for lang in dict.fromkeys(enabled) if lang not in langs]
    assert missing_languages(p, enabled) == [
        (where, lang) for where, _ in _positions(p) for lang in lacking]


@settings(max_examples=60, deadline=None)
@given(declared, shapes, enabled_lists, st.data())
def test_gaps_are_reported_per_section_question_and_option(
        langs: list[str], shape: list[list[int]], enabled: list[str], data: st.DataObject) -> None:
    p = _with_gaps(parse_protocol(raw_protocol(langs, shape), "gen.json"), data.draw)
    expected = [
        (where, lang)
        for where, found in _positions(p)
        for lang in dict.fromkeys(enabled)
        if not all(any(code == lang and w.strip() for code, w in t.items) for t in found)
    ]
    gaps = missing_languages(p, enabled)
    assert gaps == expected
    assert len(set(gaps)) == len(gaps)  # an element is named once per language
    assert missing_languages(p, []) == []


def test_a_blank_text_counts_as_missing() -> None:
    p = parse_protocol(raw_protocol(["en", "es", "fr"], [[0]]), "x.json")
    q = p.questions[0]
    blank = replace(q, texts=Localized((("en", "Q?"), ("es", "¿P?"), ("fr", "  "))))
    section = replace(p.sections[0], questions=(blank,))
    assert missing_languages(replace(p, sections=(section,)), ["fr"]) == [("question 'q0'", "fr")]

