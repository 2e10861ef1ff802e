"""The screening result over generated answers: possible sex / labour / both, or indicators to
follow up, or none found, following the federal definition's elements (see domain/screening.py).

- A person who may be under 18 (now, or when it began) with any commercial-sex indicator:
  possible sex trafficking, whatever the force, fraud or coercion answers say.
- An adult with commercial sex and no force, fraud or coercion indicator: not sex trafficking,
  but the commercial-sex indicator is listed to follow up, with the reason.
- Commercial sex with coercion, and coercion at work: both.
- No indicator: nothing found, and said so.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from intake_app.domain.answers import Answer
from intake_app.domain.protocol import (
    MINOR_AGE_RANGES,
    AnswerType,
    IndicatorGroup,
    Question,
    load_shipped,
)
from intake_app.domain.screening import (
    FORCE_FRAUD_COERCION,
    Possibility,
    ScreeningResult,
    Topic,
    screen,
)

SHIPPED = load_shipped()
SCREENING = SHIPPED["indicator_screening"]
G = IndicatorGroup
SEX_FFC_OPTIONS = ("pressured", "owed_money", "could_not_stop")  # coercion within commercial sex
SEX_OTHER_OPTIONS = ("someone_arranged", "someone_kept_money", "none")
LABOUR_FFC = {  # one work or living-conditions answer per coercion group
    "threatened": "yes", "lied_about_terms": "yes", "owes_debt": "yes",
    "documents_held": "yes", "free_to_leave": "no",
}
NON_ANSWERS = st.sampled_from([Answer.declined(), Answer.unknown(), Answer.not_asked()])
VERDICTS = ("is a victim", "was trafficked", "is trafficked", "es víctima", "fue víctima")


def values(q: Question) -> st.SearchStrategy[Answer]:
    """Any answer the question's type produces, or a non-answer."""
    ids = [o.id for o in q.options]
    if q.type is AnswerType.YES_NO:
        given_ = st.sampled_from(["yes", "no"]).map(Answer.of)
    elif q.type is AnswerType.NUMBER:
        given_ = st.integers(0, 90).map(Answer.of)
    elif q.type in (AnswerType.SINGLE_CHOICE, AnswerType.AGE_RANGE):
        given_ = st.sampled_from(ids).map(Answer.of)
    elif q.type is AnswerType.MULTIPLE_CHOICE:
        given_ = st.lists(st.sampled_from(ids), min_size=1, unique=True).map(Answer.of)
    else:
        given_ = st.just(Answer.of("synthetic"))
    return st.one_of(NON_ANSWERS, given_)


ANSWERS = st.fixed_dictionaries({q.id: values(q) for q in SCREENING.questions})


def result_of(answers: dict[str, Answer]) -> ScreeningResult:
    return screen([(SCREENING, answers)], "advocate")


def said(result: ScreeningResult) -> list[str]:
    return [t for lang in ("en", "es")
            for t in (result.summary(lang), result.explanation(lang) or "")]


@settings(max_examples=150, deadline=None)
@given(ANSWERS, st.integers(0, 17), st.lists(st.sampled_from(SEX_FFC_OPTIONS + SEX_OTHER_OPTIONS),
                                            min_size=1, unique=True))
def test_a_minor_with_any_commercial_sex_indicator_is_possible_sex_trafficking(
    answers: dict[str, Answer], age: int, how: list[str],
) -> None:
    answers |= {"current_age": Answer.of(age), "sex_exchanged": Answer.of("yes"),
                "sex_exchange_how": Answer.of(how)}
    result = result_of(answers)
    assert result.possibility in (Possibility.SEX, Possibility.BOTH)
    assert result.minor_and_commercial_sex
    assert "force, fraud or coercion need not be shown" in (result.explanation("en") or "")
    assert "no hace falta" in (result.explanation("es") or "")


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(MINOR_AGE_RANGES)), st.integers(18, 90))
def test_under_18_when_it_began_counts_as_a_minor_for_the_sex_rule(
    started: str, age_now: int,
) -> None:
    # Every other answer declined: the age it began at alone carries the rule.
    answers = {q.id: Answer.declined() for q in SCREENING.questions}
    answers |= {"current_age": Answer.of(age_now), "age_started": Answer.of(started),
                "sex_exchanged": Answer.of("yes")}
    result = result_of(answers)
    assert not (result.groups & FORCE_FRAUD_COERCION) and not result.possible_minor
    assert result.possibility is Possibility.SEX


def test_a_birth_date_in_another_interview_is_the_same_minor_detection() -> None:
    officer = SHIPPED["officer_victim_interview"]
    born = {"identity_ok": Answer.of("yes"), "date_of_birth": Answer.of("2011")}
    pairs = [(officer, born), (SCREENING, {"sex_exchanged": Answer.of("yes")})]
    assert screen(pairs, "officer", today=date(2026, 12, 3)).possibility is Possibility.SEX
    assert screen(pairs, "officer").possibility is Possibility.FOLLOW_UP  # no today, no guess


@settings(max_examples=150, deadline=None)
@given(st.integers(18, 90), st.sampled_from(["18_24", "25_34", "35_plus"]),
       st.lists(st.sampled_from(SEX_OTHER_OPTIONS), min_size=1, unique=True),
       st.fixed_dictionaries({q: values(SCREENING.question(q)) for q in (
           "paid_as_agreed", "harsh_conditions", "housing_controlled", "moved_for_this")}))
def test_an_adult_with_commercial_sex_only_is_listed_to_follow_up_not_called_sex_trafficking(
    age: int, started: str, how: list[str], work: dict[str, Answer],
) -> None:
    answers = {q.id: Answer.declined() for q in SCREENING.questions} | work
    answers |= {"current_age": Answer.of(age), "age_started": Answer.of(started),
                "sex_exchanged": Answer.of("yes"), "sex_exchange_how": Answer.of(how)}
    result = result_of(answers)
    assert not result.groups & FORCE_FRAUD_COERCION
    assert result.possibility is Possibility.FOLLOW_UP
    assert result.summary("en").startswith("Indicators to follow up.")
    assert "sex trafficking" not in result.summary("en").replace("neither sex nor", "")
    topics = dict(result.by_topic())
    assert [f.group for f in topics[Topic.COMMERCIAL_SEX]] == [G.COMMERCIAL_SEX]
    assert "no sign so far of force, fraud or coercion" in (result.explanation("en") or "")
    assert "sin señales por ahora" in (result.explanation("es") or "")


@settings(max_examples=150, deadline=None)
@given(ANSWERS, st.integers(18, 90), st.sampled_from(SEX_FFC_OPTIONS),
       st.sampled_from(sorted(LABOUR_FFC)))
def test_coercion_in_commercial_sex_and_at_work_gives_both(
    answers: dict[str, Answer], age: int, sex_means: str, labour_qid: str,
) -> None:
    answers |= {"current_age": Answer.of(age), "sex_exchanged": Answer.of("yes"),
                "sex_exchange_how": Answer.of([sex_means]),
                labour_qid: Answer.of(LABOUR_FFC[labour_qid])}
    result = result_of(answers)
    assert result.possibility is Possibility.BOTH
    assert result.summary("en") == "Possible sex and labour trafficking: indicators to follow up."
    assert result.summary("es") == "Posible trata sexual y laboral: indicadores para dar seguimiento."


def test_coercion_given_only_inside_the_commercial_sex_questions_is_sex_not_labour() -> None:
    for means in SEX_FFC_OPTIONS:
        answers = {"current_age": Answer.of(30), "sex_exchanged": Answer.of("yes"),
                   "sex_exchange_how": Answer.of([means])}
        assert result_of(answers).possibility is Possibility.SEX, means


def test_coercion_at_work_without_commercial_sex_is_labour_and_pay_alone_is_follow_up() -> None:
    for qid, value in LABOUR_FFC.items():
        answers = {"current_age": Answer.of(40), qid: Answer.of(value)}
        assert result_of(answers).possibility is Possibility.LABOUR, qid
    pay = result_of({"paid_as_agreed": Answer.of("no_pay"), "harsh_conditions": Answer.of("yes")})
    assert pay.possibility is Possibility.FOLLOW_UP
    assert [t for t, _ in pay.by_topic()] == [Topic.WORK]


def test_travel_answers_feed_papers_debt_deception_and_movement() -> None:
    base = {"moved_for_this": Answer.of("yes"), "travel_arranged_by": Answer.of("recruiter")}
    cases = {
        ("travel_debt", "yes"): {G.DEBT},
        ("travel_events", ("papers_taken",)): {G.DOCUMENTS},
        ("travel_events", ("papers_until_paid",)): {G.DOCUMENTS, G.DEBT},
        ("travel_events", ("different_place",)): {G.DECEPTION},
        ("travel_events", ("not_free",)): {G.MOVEMENT},
        ("travel_events", ("none",)): set(),
    }
    for (qid, value), groups in cases.items():
        v = list(value) if isinstance(value, tuple) else value
        result = result_of(base | {qid: Answer.of(v)})  # type: ignore[arg-type]
        assert result.groups == groups, (qid, value)
        assert result.possibility is (Possibility.LABOUR if groups else Possibility.NONE_FOUND)
    # A trip the family paid for asks nothing about a travel debt.
    family = base | {"travel_arranged_by": Answer.of("family"), "travel_debt": Answer.of("yes")}
    assert result_of(family).groups == frozenset()


@settings(max_examples=150, deadline=None)
@given(ANSWERS)
def test_no_indicator_means_nothing_found_worded_as_such(answers: dict[str, Answer]) -> None:
    quiet = {qid: (a if a.value is None or not SCREENING.question(qid).indicator_groups(a.value)
                   else Answer.declined()) for qid, a in answers.items()}
    result = result_of(quiet)
    assert result.possibility is Possibility.NONE_FOUND and result.by_topic() == ()
    assert result.summary("en").startswith("No indicators found in the answers given.")
    assert "This is not a conclusion" in result.summary("en")
    assert result.explanation("en") is None


@settings(max_examples=200, deadline=None)
@given(ANSWERS)
def test_any_answers_give_decision_support_wording_listed_by_topic(
    answers: dict[str, Answer],
) -> None:
    result = result_of(answers)
    listed = [f for _, found in result.by_topic() for f in found]
    assert sorted(f.group for f in listed) == sorted(result.groups)
    for text in said(result):
        assert not any(v in text.lower() for v in VERDICTS), text
    if result.possibility is not Possibility.NONE_FOUND:
        assert "indicators to follow up" in result.summary("en").lower()
        assert "indicadores para dar seguimiento" in result.summary("es").lower()
    if G.COMMERCIAL_SEX in result.groups and (result.possible_minor or G.MINOR in result.groups):
        assert result.possibility in (Possibility.SEX, Possibility.BOTH)
    if G.COMMERCIAL_SEX not in result.groups:
        assert result.possibility not in (Possibility.SEX, Possibility.BOTH)
