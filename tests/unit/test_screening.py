"""Screening: each indicator group fires from its own answers only; minors raise the reminder."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake_app.domain.answers import Answer
from intake_app.domain.protocol import (
    AGE_RANGES,
    MINOR_AGE_RANGES,
    AnswerIs,
    IndicatorGroup,
    Protocol,
    Question,
    load_shipped,
)
from intake_app.domain.screening import (
    AnswerRef,
    Possibility,
    Topic,
    group_label,
    screen,
    topic_label,
)

SHIPPED = load_shipped()
SCREENING = SHIPPED["indicator_screening"]
TAGGED = [(p, q) for p in SHIPPED.values() for q in p.questions if q.feeds_screening]
VERDICTS = ("is a victim", "was trafficked", "is trafficked", "es víctima", "fue víctima de trata")
FOLLOW_UP = {"en": "indicators to follow up", "es": "indicadores para dar seguimiento"}


def declined_everywhere(p: Protocol) -> dict[str, Answer]:
    return {q.id: Answer.declined() for q in p.questions}


def triggers(q: Question) -> list[tuple[Answer, frozenset[IndicatorGroup]]]:
    """Each answer that feeds screening, with the groups the protocol file says it feeds: a
    tag's first value, and every option that names groups of its own."""
    def as_answer(v: str | int | float) -> Answer:
        return Answer.of([v] if q.type == "multiple_choice" else v)  # type: ignore[list-item]

    def expected(v: str | int | float) -> frozenset[IndicatorGroup]:
        from_tags = {t.group for t in q.indicators if v in t.when.values}
        from_option = {g for o in q.options if o.id == v for g in o.indicators}
        return frozenset(from_tags | from_option)

    values = [t.when.values[0] for t in q.indicators] + [o.id for o in q.options if o.indicators]
    return [(as_answer(v), expected(v)) for v in values]


def with_parents_open(p: Protocol, q: Question, answers: dict[str, Answer]) -> None:
    """Answer whatever `q`'s show-if needs (shipped follow-ups hang on one question each)."""
    if isinstance(q.show_if, AnswerIs):
        parent = p.question(q.show_if.question)
        answers[parent.id] = Answer.of(q.show_if.test.values[0])
        with_parents_open(p, parent, answers)


@pytest.mark.parametrize(("p", "q"), TAGGED, ids=[f"{p.id}.{q.id}" for p, q in TAGGED])
def test_each_group_fires_from_its_own_answers_and_no_other(p: Protocol, q: Question) -> None:
    for answer, groups in triggers(q):
        answers = declined_everywhere(p)
        with_parents_open(p, q, answers)
        from_parents = screen([(p, answers)], "advocate").groups
        answers[q.id] = answer
        result = screen([(p, answers)], "advocate")
        assert groups and result.groups == groups | from_parents
        for g in groups:
            assert AnswerRef(p.id, q.id) in next(f for f in result.findings if f.group == g).evidence
        for lang in ("en", "es"):
            assert FOLLOW_UP[lang] in result.summary(lang).lower()


@pytest.mark.parametrize(("p", "q"), TAGGED, ids=[f"{p.id}.{q.id}" for p, q in TAGGED])
@pytest.mark.parametrize("non_answer", [Answer.declined(), Answer.unknown(), Answer.not_asked()])
def test_a_non_answer_feeds_no_indicator(p: Protocol, q: Question, non_answer: Answer) -> None:
    answers = declined_everywhere(p)
    with_parents_open(p, q, answers)
    from_parents = screen([(p, answers)], "officer").groups
    answers[q.id] = non_answer
    assert screen([(p, answers)], "officer").groups == from_parents


def test_every_group_can_be_reached_and_all_declined_gives_no_verdict() -> None:
    reached = {g for _, q in TAGGED for _, groups in triggers(q) for g in groups}
    assert reached == set(IndicatorGroup)
    result = screen([(p, declined_everywhere(p)) for p in SHIPPED.values()], "advocate")
    assert not result.indicators_present and not result.possible_minor
    assert result.possibility is Possibility.NONE_FOUND and result.by_topic() == ()
    assert result.summary("en").startswith("No indicators found in the answers given.")
    assert result.summary("es").startswith("No se encontraron indicadores")
    for lang in ("en", "es"):
        text = result.summary(lang)
        assert "no" in text.lower() and not any(v in text.lower() for v in VERDICTS)
        assert result.minor_reminder(lang) is None


def test_no_wording_is_ever_a_verdict() -> None:
    texts = [group_label(g, lang) for g in IndicatorGroup for lang in ("en", "es")]
    texts += [topic_label(t, lang) for t in Topic for lang in ("en", "es")]
    adult_sex = {"current_age": Answer.of(30), "sex_exchanged": Answer.of("yes")}
    minor_sex = {"current_age": Answer.of(15), "sex_exchanged": Answer.of("yes")}
    for role in ("advocate", "officer", "supervisor"):
        answers = {"current_age": Answer.of(15), "threatened": Answer.of("yes")}
        for given_answers in (answers, adult_sex, minor_sex, {}):
            result = screen([(SCREENING, given_answers)], role)
            for lang in ("en", "es"):
                texts += [result.summary(lang), result.minor_reminder(lang) or "",
                          result.explanation(lang) or ""]
    assert len({t for t in texts if "traffick" in t or "trata" in t}) >= 6  # each wording read
    for text in texts:
        assert not any(v in text.lower() for v in VERDICTS), text


def test_a_hidden_follow_up_feeds_nothing() -> None:
    # "can you get your papers back? no" only counts if someone holds the papers
    answers = {"documents_held": Answer.declined(), "documents_returned": Answer.of("no")}
    assert screen([(SCREENING, answers)], "advocate").groups == frozenset()
    answers["documents_held"] = Answer.of("no")
    assert screen([(SCREENING, answers)], "advocate").groups == frozenset()


def test_findings_combine_interviews_and_name_their_answers() -> None:
    officer = SHIPPED["officer_victim_interview"]
    result = screen(
        [
            (SCREENING, {"threatened": Answer.of("yes"), "owes_debt": Answer.of("yes")}),
            (officer, {"threats_received": Answer.of(True)}),
        ],
        "officer",
    )
    assert [f.group for f in result.findings] == [IndicatorGroup.DEBT, IndicatorGroup.THREATS]
    threats = result.findings[1]
    assert threats.evidence == (
        AnswerRef("indicator_screening", "threatened"),
        AnswerRef("officer_victim_interview", "threats_received"),
    )
    assert threats.label("es") == "Amenazas o violencia contra la persona o su familia"


def test_pay_choice_fires_only_on_the_bad_options() -> None:
    for option, fires in (("yes", False), ("partly", True), ("no", True), ("no_pay", True)):
        answers = {"paid_as_agreed": Answer.of(option)}
        groups = screen([(SCREENING, answers)], "advocate").groups
        assert groups == ({IndicatorGroup.PAY_CONDITIONS} if fires else set())


# --- minors ------------------------------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(st.integers(0, 120), st.sampled_from(["advocate", "officer"]))
def test_a_number_age_under_18_raises_the_reminder(age: int, role: str) -> None:
    result = screen([(SCREENING, {"current_age": Answer.of(age)})], role)
    assert result.possible_minor == (age < 18)
    for lang in ("en", "es"):
        assert (result.minor_reminder(lang) is not None) == (age < 18)
    if age < 18:
        assert result.minor_evidence == (AnswerRef("indicator_screening", "current_age"),)


@pytest.mark.parametrize("pid", ["advocate_intake", "officer_victim_interview"])
@pytest.mark.parametrize("age_range", AGE_RANGES)
def test_an_age_range_under_18_raises_the_reminder(pid: str, age_range: str) -> None:
    result = screen([(SHIPPED[pid], {"age_range": Answer.of(age_range)})], "advocate")
    assert result.possible_minor == (age_range in MINOR_AGE_RANGES)


def test_the_reminder_suits_the_role_and_language() -> None:
    minor = {"current_age": Answer.of(16)}
    texts = {
        (role, lang): screen([(SCREENING, minor)], role).minor_reminder(lang)
        for role in ("advocate", "officer", "admin")
        for lang in ("en", "es")
    }
    assert len(set(texts.values())) == 6
    assert "program" in (texts["advocate", "en"] or "")
    assert "child protective services" in (texts["officer", "en"] or "")
    assert "protección infantil" in (texts["officer", "es"] or "")
    assert all("18" in (t or "") for t in texts.values())


def test_age_when_it_started_is_an_indicator_not_the_minor_reminder() -> None:
    result = screen([(SCREENING, {"age_started": Answer.of("15_17")})], "advocate")
    assert result.groups == {IndicatorGroup.MINOR} and not result.possible_minor


@pytest.mark.parametrize(("born", "minor"), [
    ("2010-05-01", True), ("2007-06-02", True), ("2007-06-01", False), ("2007", True),
    ("2006", False), ("2007-05", False), ("1990-01-31", False), ("not-a-date", False),
])
def test_a_date_of_birth_counts_when_today_is_given(born: str, minor: bool) -> None:
    officer = SHIPPED["officer_victim_interview"]
    answers = {"identity_ok": Answer.of("yes"), "date_of_birth": Answer.of(born)}
    today = date(2025, 6, 1)
    assert screen([(officer, answers)], "officer", today=today).possible_minor == minor
    assert not screen([(officer, answers)], "officer").possible_minor  # no date, no guess


def test_adults_raise_no_reminder() -> None:
    answers = {"current_age": Answer.of(34), "age_started": Answer.of("25_34")}
    result = screen([(SCREENING, answers)], "officer")
    assert not result.possible_minor and result.minor_reminder("en") is None
    assert result.groups == frozenset()
