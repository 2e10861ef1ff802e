"""Reportable facts and the protocol `feeds` key: answers become facts, states are kept."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake_app.domain.answers import Answer
from intake_app.domain.consent import Purpose
from intake_app.domain.protocol import AGE_RANGES, ProtocolError, parse_protocol
from intake_app.domain.reporting.facts import AgeGroup, ConsentTopic, LifeStage
from intake_app.domain.reporting.feeds import facts_from_answers
from intake_app.paths import resource

RAW: dict[str, Any] = json.loads((resource("protocols") / "advocate_intake.json").read_text("utf-8"))
GENDER_QUESTION = {
    "id": "gender", "type": "single_choice", "sensitivity": "medium", "category": "identity",
    "identifying": False,
    "text": {"en": "How do you describe your gender?", "es": "¿Cómo describe su género?"},
    "note": {"en": "Only if it helps.", "es": "Solo si ayuda."},
    "options": [
        {"id": "woman", "text": {"en": "Woman", "es": "Mujer"}},
        {"id": "man", "text": {"en": "Man", "es": "Hombre"}},
        {"id": "another", "text": {"en": "Another way", "es": "De otra manera"}},
    ],
    "feeds": {"fact": "gender", "map": {"woman": "female", "man": "male", "another": "other"}},
}


def with_feeds(extra: dict[str, Any] | None = None, **feeds: Any) -> dict[str, Any]:
    """The shipped advocate protocol with `feeds` added to some questions (by id)."""
    raw = copy.deepcopy(RAW)
    for section in raw["sections"]:
        for question in section["questions"]:
            if question["id"] in feeds:
                question["feeds"] = feeds[question["id"]]
    if extra is not None:
        raw["sections"][0]["questions"].append(extra)
    return raw


def test_age_groups_are_the_protocol_age_ranges_and_consent_topics_cover_every_purpose() -> None:
    assert tuple(g.value for g in AgeGroup)[: len(AGE_RANGES)] == AGE_RANGES
    assert {p.value for p in Purpose} <= {t.value for t in ConsentTopic}
    assert AgeGroup.AGE_15_17.life_stage is LifeStage.MINOR
    assert AgeGroup.AGE_18_24.life_stage is LifeStage.ADULT
    assert AgeGroup.DECLINED.life_stage is LifeStage.DECLINED


def test_a_protocol_without_feeds_still_loads_and_feeds_nothing() -> None:
    raw = copy.deepcopy(RAW)  # the shipped guide declares feeds: take them out
    for section in raw["sections"]:
        for question in section["questions"]:
            question.pop("feeds", None)
    protocol = parse_protocol(raw, "advocate_intake.json")
    assert all(q.feeds is None for q in protocol.questions)
    assert facts_from_answers(protocol.questions, {"age_range": Answer.of("18_24")}) == {}


def test_answers_feed_facts_and_keep_declined_unknown_and_not_asked_apart() -> None:
    protocol = parse_protocol(with_feeds(GENDER_QUESTION, age_range="age_group"), "p.json")
    assert facts_from_answers(protocol.questions, {
        "gender": Answer.of("woman"), "age_range": Answer.of("15_17"),
    }) == {"gender": "female", "age_group": "15_17"}
    assert facts_from_answers(protocol.questions, {
        "gender": Answer.declined(), "age_range": Answer.unknown(),
    }) == {"gender": "declined", "age_group": "unknown"}
    assert facts_from_answers(protocol.questions, {"gender": Answer.not_asked()}) == {}


def test_a_yes_no_question_can_feed_a_fact_through_its_map() -> None:
    feed = {"fact": "trafficking_type", "map": {"yes": "labour", "no": "unknown"}}
    protocol = parse_protocol(with_feeds(forced_work=feed), "p.json")
    assert facts_from_answers(protocol.questions, {"forced_work": Answer.of(True)}) == {"trafficking_type": "labour"}


@given(st.integers(0, 130))
def test_an_age_in_years_falls_in_its_range(age: int) -> None:
    raw = json.loads((resource("protocols") / "indicator_screening.json").read_text("utf-8"))
    raw["sections"][0]["questions"][0]["feeds"] = "age_group"  # current_age, a number
    protocol = parse_protocol(raw, "indicator_screening.json")
    group = facts_from_answers(protocol.questions, {"current_age": Answer.of(age)})["age_group"]
    bounds = {"under_12": (0, 11), "12_14": (12, 14), "15_17": (15, 17), "18_24": (18, 24),
              "25_34": (25, 34), "35_plus": (35, 130)}
    low, high = bounds[group]
    assert low <= age <= high


def test_a_value_beats_declined_which_beats_unknown_and_the_first_value_wins() -> None:
    second = {**GENDER_QUESTION, "id": "gender_again"}
    raw = with_feeds(GENDER_QUESTION)
    raw["sections"][0]["questions"].append(second)
    protocol = parse_protocol(raw, "p.json")
    assert facts_from_answers(protocol.questions, {
        "gender": Answer.unknown(), "gender_again": Answer.declined()}) == {"gender": "declined"}
    assert facts_from_answers(protocol.questions, {
        "gender": Answer.declined(), "gender_again": Answer.of("man")}) == {"gender": "male"}
    assert facts_from_answers(protocol.questions, {
        "gender": Answer.of("woman"), "gender_again": Answer.of("man")}) == {"gender": "female"}


@pytest.mark.parametrize(
    ("where", "feeds", "problem"),
    [
        ("age_range", "shoe_size", "feeds names no fact"),
        ("preferred_name", "gender", "a short_text question cannot feed a fact"),
        ("needs_now", "gender", "a multiple_choice question cannot feed a fact"),
        ("safe_now", "gender", "option 'safe' is no gender value: give a map"),
        ("safe_now", {"fact": "gender", "map": {"safe": "female", "not_sure": "male"}},
         "cover exactly the options (see 'not_safe')"),
        ("safe_now", {"fact": "gender", "map": {"safe": "female", "not_sure": "male", "not_safe": "cat"}},
         "option 'not_safe' maps to 'cat', which is no gender value"),
        ("age_range", {"fact": "gender"}, "feeds must be a fact name or"),
    ],
)
def test_a_broken_feeds_key_is_refused_by_question_and_reason(where: str, feeds: object, problem: str) -> None:
    with pytest.raises(ProtocolError) as caught:
        parse_protocol(with_feeds(None, **{where: feeds}), "p.json")
    assert f"question {where!r}" in caught.value.message
    assert problem in caught.value.message


def test_a_number_question_feeds_only_the_age_group() -> None:
    raw = json.loads((resource("protocols") / "indicator_screening.json").read_text("utf-8"))
    raw["sections"][0]["questions"][0]["feeds"] = "gender"
    with pytest.raises(ProtocolError, match="can only feed age_group"):
        parse_protocol(raw, "indicator_screening.json")
