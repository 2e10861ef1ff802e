"""Value checks: a test a typed answer must pass to be saved (XLSForm's `constraint`).

    CHECK = {"op": OP, "value": LITERAL}     the answer's own value compared with a literal
          | {"op": OP, "length": N}          text only: its length in characters
          | {"all_of": [CHECK, ...]} | {"any_of": [CHECK, ...]} | {"not": CHECK}
    OP    = "=" | "!=" | "<" | "<=" | ">" | ">="

By the question's type (anything else is refused when the protocol loads, as a check that could
never pass):
    number                        every OP, numerically, with a number
    date                          every OP, with a date "YYYY", "YYYY-MM" or "YYYY-MM-DD",
                                  compared at the precision both have: "2020" against
                                  "2020-06-30" compares "2020" with "2020" (equal), so a person
                                  who knows only the year passes <= and >= bounds inside that
                                  year, and fails < and > ones
    short_text, long_text,        = and != with a text, exactly as typed; a length (whole number)
    language                      with every OP
    single_choice, age_range,     = and != with one of its answers ("yes" / "no" for yes_no)
    yes_no
Only a value is checked: a declined, unknown or not-asked answer always passes.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from intake_app.domain.answers import Answer, Value

Literal = str | int | float
OPS: dict[str, Callable[[Any, Any], bool]] = {
    "=": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt,
    ">=": operator.ge,
}
_EQUALITY = ("=", "!=")
_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_TEXT_TYPES = frozenset({"short_text", "long_text", "language"})
_CLOSED_TYPES = frozenset({"single_choice", "age_range", "yes_no"})
MAX_DEPTH = 20  # and / or / not nested deeper than this is refused (a hostile file)


@dataclass(frozen=True, slots=True)
class Compare:
    """The answer's value `op` a literal; `date`: compared at the precision both sides have."""

    op: str
    value: Literal
    date: bool = False

    def passes(self, value: Value) -> bool:
        if isinstance(value, bool):
            value = "yes" if value else "no"
        if isinstance(value, list) or isinstance(value, str) != isinstance(self.value, str):
            return self.op == "!="  # another kind of value: unequal, and in no order
        if self.date and isinstance(value, str) and isinstance(self.value, str):
            common = min(len(value), len(self.value))
            return OPS[self.op](value[:common], self.value[:common])
        return OPS[self.op](value, self.value)


@dataclass(frozen=True, slots=True)
class Length:
    """The text's length in characters `op` a whole number."""

    op: str
    length: int

    def passes(self, value: Value) -> bool:
        return isinstance(value, str) and OPS[self.op](len(value), self.length)


@dataclass(frozen=True, slots=True)
class AllPass:
    items: tuple[Check, ...]

    def passes(self, value: Value) -> bool:
        return all(item.passes(value) for item in self.items)


@dataclass(frozen=True, slots=True)
class AnyPass:
    items: tuple[Check, ...]

    def passes(self, value: Value) -> bool:
        return any(item.passes(value) for item in self.items)


@dataclass(frozen=True, slots=True)
class NotPass:
    item: Check

    def passes(self, value: Value) -> bool:
        return not self.item.passes(value)


Check = Compare | Length | AllPass | AnyPass | NotPass


def answer_passes(check: Check | None, answer: Answer) -> bool:
    """Whether `answer` may be saved: no check, no value (declined...), or a value that passes."""
    if check is None or not answer.has_value or answer.value is None:
        return True
    return check.passes(answer.value)


def read_check(raw: object, qtype: str, options: tuple[str, ...], depth: int = 0) -> Check:
    """A CHECK from protocol JSON for a question of type `qtype` (options: its answers, for
    choice types); raises ValueError with the problem in words."""
    if depth > MAX_DEPTH:
        raise ValueError(f"check nests more than {MAX_DEPTH} deep")
    if not isinstance(raw, dict):
        raise ValueError("check must be an object")
    for combo, kind in (("all_of", AllPass), ("any_of", AnyPass)):
        if combo in raw:
            items = raw[combo]
            if len(raw) != 1 or not isinstance(items, list) or not items:
                raise ValueError(f"check {combo} needs a non-empty list and nothing else")
            return kind(tuple(read_check(i, qtype, options, depth + 1) for i in items))
    if "not" in raw:
        if len(raw) != 1:
            raise ValueError("check not holds one check and nothing else")
        return NotPass(read_check(raw["not"], qtype, options, depth + 1))
    unknown = sorted(set(raw) - {"op", "value", "length"})
    if unknown:
        raise ValueError(f"unknown field {unknown[0]!r} in check")
    op = raw.get("op")
    if op not in OPS:
        raise ValueError(f"check op must be one of {' '.join(OPS)}")
    if ("value" in raw) == ("length" in raw):
        raise ValueError("a check compares exactly one of 'value' or 'length'")
    if "length" in raw:
        return _length(op, raw["length"], qtype)
    return _compare(op, raw["value"], qtype, options)


def _length(op: str, length: object, qtype: str) -> Length:
    if qtype not in _TEXT_TYPES:
        raise ValueError(f"a length check is only for text questions, not {qtype}")
    if not isinstance(length, int) or isinstance(length, bool) or length < 0:
        raise ValueError("a check's length must be a whole number, 0 or more")
    if (op, length) == ("<", 0):
        raise ValueError("a length below 0 can never be")
    return Length(op, length)


def _compare(op: str, value: object, qtype: str, options: tuple[str, ...]) -> Compare:
    never = f"check value {value!r} can never be an answer to a {qtype} question"
    if qtype == "number":
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise ValueError(never)
        return Compare(op, value)
    if not isinstance(value, str):
        raise ValueError(never)
    if qtype == "date":
        if not _DATE.match(value):
            raise ValueError(f"{never} (a date is YYYY, YYYY-MM or YYYY-MM-DD)")
        return Compare(op, value, date=True)
    if qtype in _TEXT_TYPES or qtype in _CLOSED_TYPES:
        if op not in _EQUALITY:
            raise ValueError(f"check op {op} compares only numbers and dates")
        closed = ("yes", "no") if qtype == "yes_no" else options
        if (qtype in _CLOSED_TYPES and value not in closed) or not value.strip():
            raise ValueError(never)
        return Compare(op, value)
    raise ValueError(f"a {qtype} question cannot have a check")

