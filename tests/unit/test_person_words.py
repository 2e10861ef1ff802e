"""The app's lines on the person's screen in a protocol's third languages ("person_words"): what
the loader takes and refuses, what the languages check reports missing, and the XLSForm round
trip through the settings sheet."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake_app.domain.protocol import (
    PERSON_WORDS,
    ProtocolError,
    load_protocol,
    load_shipped,
    missing_person_words,
    parse_protocol,
)
from intake_app.domain.protocol.xlsform import import_xlsform, to_xlsform
from intake_app.domain.protocol.xlsform.importing import xlsform_to_protocol_json
from intake_app.errors import XlsFormRefused
from intake_app.services import interview_languages as langs
from intake_app.services.session import Session
from tests.unit.test_protocol_languages import EXTRA, SIMPLE, raw_protocol

DATA = Path(__file__).parents[1] / "data"
TRILINGUAL = DATA / "protocols" / "trilingual_check_in.json"


def _with_words(words: object, languages: list[str] | None = None) -> dict[str, Any]:
    raw = raw_protocol(languages or ["en", "es", "fr"], SIMPLE)
    raw["person_words"] = words
    return raw


def test_the_trilingual_sample_carries_every_line_in_french() -> None:
    p = load_protocol(TRILINGUAL)
    assert [key for key, _ in p.person_words] == list(PERSON_WORDS)
    assert p.person_word("may_skip", "fr") == ("Vous pouvez passer cette question. Vous pouvez "
                                               "arrêter à tout moment.")
    assert p.person_word("may_skip", "es") is None  # the app's own Spanish is used
    assert missing_person_words(p, ["en", "es", "fr"]) == []


def test_a_file_without_person_words_loads_as_before() -> None:
    p = parse_protocol(raw_protocol(["en", "es", "fr"], SIMPLE), "x.json")
    assert p.person_words == () and p.person_word("thank_you", "fr") is None
    assert all(s.person_words == () for s in load_shipped().values())


@pytest.mark.parametrize(("words", "problem"), [
    ([], "person_words must be an object of lines by name"),
    ({}, "person_words must be an object of lines by name"),
    ({"welcome": {"fr": "Bonjour"}}, "person_words has no line 'welcome' (known: may_skip"),
    ({"may_skip": "Vous pouvez passer"}, "person_words may_skip must be an object of texts"),
    ({"may_skip": {}}, "person_words may_skip must be an object of texts"),
    ({"on_break": {"fr": 3}}, "person_words on_break must be an object of texts"),
    ({"thank_you": {"es": "Gracias"}},
     "person_words thank_you has a text in 'es': the app has its own words in English"),
    ({"thank_you": {"en": "Thanks"}}, "has a text in 'en': the app has its own words"),
    ({"thank_you": {"pt": "Obrigado"}},
     "person_words thank_you has a text in 'pt', not among the file's languages"),
    ({"right_to_know": {"fr": "  "}}, "person_words right_to_know has an empty text in 'fr'"),
])
def test_bad_person_words_are_refused_with_the_reason(words: object, problem: str) -> None:
    with pytest.raises(ProtocolError) as caught:
        parse_protocol(_with_words(words), "x.json")
    message = caught.value.message
    assert "x.json, protocol 'generated'" in message and problem in message


def test_person_words_need_the_language_declared() -> None:
    raw = raw_protocol(["en", "es"], SIMPLE)
    raw["person_words"] = {"may_skip": {"fr": "Vous pouvez passer cette question."}}
    with pytest.raises(ProtocolError, match="'fr', not among the file's languages"):
        parse_protocol(raw, "x.json")


# What a workbook cell keeps: no control or non-characters (XML has none); pyxform strips a
# cell's ends and reads a no-break space as a space (as for every text of a form).
_CHARS = st.characters(exclude_categories=("Cc", "Cs", "Cn", "Co", "Zs", "Zl", "Zp")) | st.just(" ")
_LINE = st.text(_CHARS, min_size=1, max_size=20).map(str.strip).filter(bool)
words_by_key = st.dictionaries(
    st.sampled_from(PERSON_WORDS),
    st.dictionaries(st.sampled_from(EXTRA), _LINE, min_size=1, max_size=3),
    min_size=1)


@settings(max_examples=60, deadline=None)
@given(words_by_key, st.lists(st.sampled_from(["en", "es", *EXTRA]), max_size=5))
def test_any_lines_in_declared_languages_load_and_the_rest_are_reported_missing(
        words: dict[str, dict[str, str]], enabled: list[str]) -> None:
    declared = ["en", "es", *sorted({lang for texts in words.values() for lang in texts})]
    p = parse_protocol(_with_words(words, declared), "gen.json")
    assert [key for key, _ in p.person_words] == [k for k in PERSON_WORDS if k in words]
    for key in PERSON_WORDS:
        for lang in EXTRA:
            assert p.person_word(key, lang) == words.get(key, {}).get(lang)
    wanted = [lang for lang in dict.fromkeys(enabled) if lang not in ("en", "es")]
    assert missing_person_words(p, enabled) == [
        (f"person word '{key}'", lang) for key in PERSON_WORDS for lang in wanted
        if lang not in words.get(key, {})]
    assert import_xlsform(to_xlsform(p), "again.xlsx") == p


def test_the_gap_report_names_each_missing_line_after_the_questions(
        admin_session: Session) -> None:
    p = load_protocol(TRILINGUAL)
    raw = json.loads(TRILINGUAL.read_text())
    del raw["person_words"]["on_break"]
    lacking = parse_protocol(raw, "lacking.json")
    report = langs.language_gaps(admin_session, [p, lacking], ("en", "es", "fr"),
                                 ("trilingual_check_in",))
    assert [r.gaps for r in report] == [(), (("person word 'on_break'", "fr"),)]
    arabic = langs.language_gaps(admin_session, [p], ("fr", "ar"), ("trilingual_check_in",))
    assert arabic[0].gaps[-len(PERSON_WORDS):] == tuple(
        (f"person word '{key}'", "ar") for key in PERSON_WORDS)


# --- XLSForm -------------------------------------------------------------------------------------
def test_the_trilingual_sample_round_trips_through_xlsform_with_its_person_words() -> None:
    p = load_protocol(TRILINGUAL)
    data = to_xlsform(p)
    raw, again = xlsform_to_protocol_json(data, "tri.xlsx")
    assert again == p
    assert raw["languages"] == ["en", "es", "fr"]
    assert raw["person_words"] == json.loads(TRILINGUAL.read_text())["person_words"]


def test_a_form_in_french_gives_its_person_words_from_the_settings_sheet() -> None:
    name = "ok_person_words.xlsx"
    p = import_xlsform((DATA / "xlsforms" / name).read_bytes(), name)
    assert p.languages == ("en", "es", "fr")  # found from the labels: no intake::languages
    assert p.person_word("may_skip", "fr") == "Vous pouvez passer cette question."
    assert p.person_word("thank_you", "fr") == "Merci de votre temps."
    assert p.person_word("on_break", "fr") is None
    assert missing_person_words(p, ["fr"]) == [("person word 'on_break'", "fr"),
                                               ("person word 'right_to_know'", "fr")]


def test_an_unknown_person_line_is_refused_on_the_settings_sheet() -> None:
    name = "no_person_word.xlsx"
    with pytest.raises(XlsFormRefused) as caught:
        import_xlsform((DATA / "xlsforms" / name).read_bytes(), name)
    err = caught.value
    assert (err.sheet, err.row, err.reason) == ("settings", 2, "protocol_invalid")
    assert "person_words has no line 'welcome'" in err.message
