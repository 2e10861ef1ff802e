"""From a `constraint` (and its message) to the protocol's check (raw JSON), or a refusal.

The constraint is parsed with `.` allowed (the answer itself) and `string-length(.)`; each
comparison becomes {"op", "value"} or {"op", "length"}, and and / or / not become all_of /
any_of / not. Which comparisons fit the question's type is the loader's rule
(value_checks.read_check), said with the row as protocol_invalid. A literal is read as ODK reads
it against the question: '5' on a number is 5, 5 on a text is '5'.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from intake_app.domain.protocol.xlsform import columns
from intake_app.domain.protocol.xlsform.expressions import (
    SELF,
    SELF_LENGTH,
    And,
    Compare,
    Expr,
    ExpressionRefused,
    Literal,
    Not,
    Or,
    parse,
)

MESSAGE_KEY = "jr:constraintMsg"  # pyxform's key for the constraint_message column


def check_fields(bind: Mapping[str, Any], qtype: str, default_code: str | None) -> dict[str, Any]:
    """The question's "check" and "check_message" from pyxform's bind (empty without them)."""
    out: dict[str, Any] = {}
    if bind.get("constraint"):
        out["check"] = to_check(parse(str(bind["constraint"]), self_ref=True), qtype)
    if MESSAGE_KEY in bind:
        out["check_message"] = columns.localized(bind[MESSAGE_KEY], default_code)
    return out


def to_check(tree: Expr, qtype: str) -> dict[str, Any]:
    if isinstance(tree, Not):
        return {"not": to_check(tree.item, qtype)}
    if isinstance(tree, And | Or):
        return {"all_of" if isinstance(tree, And) else "any_of":
                [to_check(item, qtype) for item in tree.items]}
    if not isinstance(tree, Compare):
        raise ExpressionRefused("constraint_selected", tree.question)
    if tree.question == SELF_LENGTH:
        return {"op": tree.op, "length": _whole(tree.value)}
    if tree.question != SELF:
        raise ExpressionRefused("constraint_other_question", tree.question)
    return {"op": tree.op, "value": _typed(tree.value, qtype)}


def _typed(value: Literal, qtype: str) -> Literal:
    if qtype == "number" and isinstance(value, str):
        try:
            return float(value) if "." in value else int(value)
        except ValueError:
            return value  # the loader refuses it: a text can never answer a number question
    if qtype != "number" and not isinstance(value, str):
        return str(value)
    return value


def _whole(value: Literal) -> Literal:
    """A length written '3' is 3; anything else goes to the loader as it is."""
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return value
