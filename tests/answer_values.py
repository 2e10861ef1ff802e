"""Answer values that fit a question, for tests that answer every question of a protocol.

The interview service refuses a value its question's type does not take (a text for a yes/no),
so a test storing a canary for every question stores it where the type is text, and elsewhere a
value of the question's own kind (which a canary search cannot find: assert on keys instead).
"""

from __future__ import annotations

from intake_app.domain.answers import Answer, Value
from intake_app.domain.protocol import MINOR_AGE_RANGES, TEXT_TYPES, AnswerType, Question

# Tried in order: the first the question's type takes and its check (if any) passes. An adult's
# age and birth date first, so that answering every question does not make the person a minor.
_CANDIDATES: dict[AnswerType, tuple[Value, ...]] = {
    AnswerType.YES_NO: ("yes", "no"),
    AnswerType.NUMBER: (30, 7, 1, 0, 100, 1000),
    AnswerType.DATE: ("1990-04", "1990-04-12", "2019", "2001-01-01", "2025-01-01"),
    AnswerType.DATETIME: ("2019-04-12T22:00", "2019-04-12", "2025-01-01T08:30"),
    AnswerType.TIME: ("22:00", "08:30", "12:00"),
}


def takes_text(question: Question) -> bool:
    """Whether the question takes free text (so a canary string can be its answer)."""
    return question.type in TEXT_TYPES


def fitting_value(question: Question, canary: str) -> Value:
    """`canary` where the question takes text, else a value of its type its check passes."""
    if takes_text(question):
        candidates: tuple[Value, ...] = (canary,)
    elif question.type is AnswerType.MULTIPLE_CHOICE:
        candidates = tuple([o.id] for o in question.options)
    elif question.type in (AnswerType.SINGLE_CHOICE, AnswerType.AGE_RANGE):
        ids = [o.id for o in question.options]
        candidates = tuple(sorted(ids, key=lambda i: i in MINOR_AGE_RANGES))
    else:
        candidates = _CANDIDATES[question.type]
    for value in candidates:
        if question.accepts(value) and question.passes_check(Answer.of(value)):
            return value
    raise AssertionError(f"no fitting test value for question {question.id}")


def fitting_answer(question: Question, canary: str) -> Answer:
    return Answer.of(fitting_value(question, canary))
