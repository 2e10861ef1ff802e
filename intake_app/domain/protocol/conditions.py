"""Show-if logic: conditions on earlier answers, and the value tests they and indicators use.

Choice answers are option ids (a multiple choice matches when any chosen id matches); yes_no
answers are "yes" or "no" (True/False are read as "yes"/"no"); numbers are numbers. A condition
on a question that has no value (declined, unknown, not asked, hidden) is false; Answered is
the test "has a value" itself (a repeat's next copy waits on it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from intake_app.domain.answers import Answer, Value


def _normal(value: Value | bool) -> Value:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


@dataclass(frozen=True, slots=True)
class ValueTest:
    """`equals` one value or `in` a list of values; lists (multiple choice) match on any item."""

    values: tuple[str | int | float, ...]

    def matches(self, value: Value) -> bool:
        value = _normal(value)
        items = value if isinstance(value, list) else [value]
        return any(item in self.values for item in items)


@dataclass(frozen=True, slots=True)
class AnswerIs:
    question: str
    test: ValueTest

    def holds(self, answers: Mapping[str, Answer]) -> bool:
        answer = answers.get(self.question)
        if answer is None or not answer.has_value or answer.value is None:
            return False  # declined / unknown / not asked: the follow-up is skipped
        return self.test.matches(answer.value)

    def refers_to(self) -> tuple[str, ...]:
        return (self.question,)


@dataclass(frozen=True, slots=True)
class Answered:
    """The question has a value; declined, unknown or not asked is no value, as everywhere."""

    question: str

    def holds(self, answers: Mapping[str, Answer]) -> bool:
        answer = answers.get(self.question)
        return answer is not None and answer.has_value and answer.value is not None

    def refers_to(self) -> tuple[str, ...]:
        return (self.question,)


@dataclass(frozen=True, slots=True)
class AnyOf:
    items: tuple[Condition, ...]

    def holds(self, answers: Mapping[str, Answer]) -> bool:
        return any(c.holds(answers) for c in self.items)

    def refers_to(self) -> tuple[str, ...]:
        return tuple(q for c in self.items for q in c.refers_to())


@dataclass(frozen=True, slots=True)
class AllOf:
    items: tuple[Condition, ...]

    def holds(self, answers: Mapping[str, Answer]) -> bool:
        return all(c.holds(answers) for c in self.items)

    def refers_to(self) -> tuple[str, ...]:
        return tuple(q for c in self.items for q in c.refers_to())


Condition = AnswerIs | Answered | AnyOf | AllOf
