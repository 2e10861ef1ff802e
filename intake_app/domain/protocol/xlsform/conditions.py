"""From a parsed `relevant` to the protocol's show_if (raw JSON), or a refusal with a reason.

show_if can say "question q's answer is one of these values", and any_of / all_of of those.
So `=` and selected() map directly; `!=` and not() map only on a question with a closed list
of answers (single choice, yes/no, age range), as "one of the other values". As everywhere in
Field Intake, a test on an answer that was declined, not known or not asked is false, `!=` and
not() included: the follow-up then stays hidden rather than being asked on a guess.
Order comparisons (<, <=, >, >=) have no place in show_if and are refused.
`${q} != ''` (on any type) is "q has an answer" (answered); `${q} = ''`, "q has none", is
refused: a condition never holds on a missing answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from intake_app.domain.protocol.xlsform.expressions import (
    And,
    Compare,
    Expr,
    ExpressionRefused,
    Literal,
    Not,
    Or,
    Selected,
)

CLOSED = frozenset({"single_choice", "yes_no", "age_range"})  # one answer from a fixed list
CHOICES = CLOSED | {"multiple_choice"}


@dataclass(frozen=True, slots=True)
class Earlier:
    """What a condition may read of an earlier question: its type and its possible values."""

    type: str
    values: tuple[str, ...]  # option ids; ("yes", "no") for yes_no; () for open answers


# What a question after a repeat sees of the repeat's questions: only their copies are there.
INSIDE_REPEAT = Earlier("inside_repeat", ())


def to_show_if(tree: Expr, earlier: Mapping[str, Earlier], later: frozenset[str],
               own: str) -> dict[str, Any]:
    """The show_if of question `own`; `later` are the names of questions after it."""
    return _Translator(earlier, later, own).translate(tree, negated=False)


class _Translator:
    def __init__(self, earlier: Mapping[str, Earlier], later: frozenset[str], own: str) -> None:
        self.earlier = earlier
        self.later = later
        self.own = own

    def translate(self, tree: Expr, *, negated: bool) -> dict[str, Any]:
        if isinstance(tree, Not):
            return self.translate(tree.item, negated=not negated)
        if isinstance(tree, And | Or):
            items = [self.translate(item, negated=negated) for item in tree.items]
            # not(a and b) is (not a) or (not b), and the other way round (De Morgan).
            if isinstance(tree, Or) != negated:
                return _merged(items)
            return {"all_of": items}
        if isinstance(tree, Selected):
            return self.selected(tree, negated=negated)
        return self.compare(tree, negated=negated)

    def target(self, name: str) -> Earlier:
        if name == self.own:
            raise ExpressionRefused("relevant_self", name)
        if self.earlier.get(name) == INSIDE_REPEAT:
            raise ExpressionRefused("relevant_into_repeat", name)
        if name in self.earlier:
            return self.earlier[name]
        raise ExpressionRefused("relevant_later" if name in self.later else "relevant_unknown",
                                name)

    def selected(self, tree: Selected, *, negated: bool) -> dict[str, Any]:
        target = self.target(tree.question)
        if target.type not in CHOICES:
            raise ExpressionRefused("relevant_selected_open", tree.question)
        _known_value(tree.value, target, tree.question)
        if not negated:
            return _test(tree.question, [tree.value])
        if target.type not in CLOSED:
            raise ExpressionRefused("relevant_not_selected_multiple", tree.question)
        return _test(tree.question, _others(tree.value, target, tree.question))

    def compare(self, tree: Compare, *, negated: bool) -> dict[str, Any]:
        target = self.target(tree.question)
        if tree.value == "" and tree.op in ("=", "!="):
            if (tree.op == "=") != negated:
                raise ExpressionRefused("relevant_unanswered", tree.question)
            return {"question": tree.question, "answered": True}
        if tree.op not in ("=", "!="):
            raise ExpressionRefused("relevant_order", f"{tree.op}")
        if target.type == "multiple_choice":
            raise ExpressionRefused("relevant_compare_multiple", tree.question)
        equal = (tree.op == "=") != negated
        value = _typed(tree.value, target)
        if target.type in CLOSED:
            assert isinstance(value, str)
            _known_value(value, target, tree.question)
            values = [value] if equal else _others(value, target, tree.question)
            return _test(tree.question, values)
        if not equal:
            raise ExpressionRefused("relevant_not_equal_open", tree.question)
        return _test(tree.question, [value])


def _typed(value: Literal, target: Earlier) -> Literal:
    """ODK compares choice answers as text and numbers as numbers: read the literal so."""
    if target.type in CHOICES:
        return value if isinstance(value, str) else str(value)
    if target.type == "number" and isinstance(value, str):
        try:
            return float(value) if "." in value else int(value)
        except ValueError:
            raise ExpressionRefused("relevant_value_type", value) from None
    return value


def _known_value(value: str, target: Earlier, name: str) -> None:
    if value not in target.values:
        raise ExpressionRefused("relevant_value_unknown", f"{value} ({name})")


def _others(value: str, target: Earlier, name: str) -> list[str]:
    others = [v for v in target.values if v != value]
    if not others:
        raise ExpressionRefused("relevant_never", name)
    return others


def _test(question: str, values: list[Any]) -> dict[str, Any]:
    if len(values) == 1:
        return {"question": question, "equals": values[0]}
    return {"question": question, "in": values}


def _merged(items: list[dict[str, Any]]) -> dict[str, Any]:
    """`a = 'x' or a = 'y'` is one test, "a is x or y", as the protocol files write it."""
    questions = {item.get("question") for item in items}
    if len(questions) == 1 and None not in questions and not any("answered" in i for i in items):
        values: list[Any] = []
        for item in items:
            for v in item["in"] if "in" in item else [item["equals"]]:
                if v not in values:
                    values.append(v)
        return _test(items[0]["question"], values)
    return {"any_of": items}
