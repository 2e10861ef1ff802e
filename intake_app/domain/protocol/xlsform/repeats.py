"""A top-level repeat, unrolled into a fixed number of sections: answers stay one per question.

Copy k (1..count) of repeat `r` is section `r_k`, titled "<title> (k)" in every language; each
question `q` in it is `q_k`, and a show_if on a sibling reads the same copy's sibling.
Copy k >= 2 waits for copy k-1 to begin: each of its questions shows only once some question of
copy k-1 has an answer (answered), besides its own show_if. The count is the repeat_count
column when it is a whole number from 1 to MAX_COPIES, else DEFAULT_COPIES.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from intake_app.domain.protocol.xlsform.expressions import ExpressionRefused

DEFAULT_COPIES = 3  # enough for most events or perpetrators; a form says more with repeat_count
MAX_COPIES = 10  # each copy is a section in the list: more would drown the interview
_MAX_ID = 64  # the protocol loader's id length
_WHOLE = re.compile(r"^\s*\d+\s*$")


def copies(cell: object) -> int:
    """The number of copies a repeat_count cell asks for (None: the default)."""
    if cell is None or str(cell).strip() == "":
        return DEFAULT_COPIES
    text = str(cell)
    if not _WHOLE.match(text) or not 1 <= int(text) <= MAX_COPIES:
        raise ExpressionRefused("repeat_count", text.strip())
    return int(text)


class NameRefused(ExpressionRefused):
    """A copy's name that cannot be used; `base` is the repeat's or question's own name."""

    def __init__(self, reason: str, detail: str, base: str) -> None:
        super().__init__(reason, detail)
        self.base = base


def names(template: dict[str, Any], count: int, taken: frozenset[str]) -> None:
    """Refuse a copy's name that is too long or already a name elsewhere in the form."""
    for base in [template["id"], *(q["id"] for q in template["questions"])]:
        for k in range(1, count + 1):
            name = f"{base}_{k}"
            if len(name) > _MAX_ID:
                raise NameRefused("repeat_name_long", name, base)
            if name in taken:
                raise NameRefused("repeat_name_clash", name, base)


def unroll(template: dict[str, Any], count: int) -> list[dict[str, Any]]:
    """The repeat's section (raw protocol JSON, questions by their own names) as `count` copies."""
    order = [q["id"] for q in template["questions"]]
    siblings = set(order)
    sections: list[dict[str, Any]] = []
    for k in range(1, count + 1):
        section = copy.deepcopy(template)
        section["id"] = f"{template['id']}_{k}"
        section["title"] = {lang: f"{text} ({k})" for lang, text in template["title"].items()}
        for q in section["questions"]:
            q["id"] = f"{q['id']}_{k}"
            own = _renamed(q["show_if"], siblings, k) if "show_if" in q else None
            if k > 1:
                own = _after(_begun([f"{name}_{k - 1}" for name in order]), own)
            if own is not None:
                q["show_if"] = own
        sections.append(section)
    return sections


def _renamed(condition: dict[str, Any], siblings: set[str], k: int) -> dict[str, Any]:
    for combo in ("any_of", "all_of"):
        if combo in condition:
            return {combo: [_renamed(c, siblings, k) for c in condition[combo]]}
    ref = condition["question"]
    return {**condition, "question": f"{ref}_{k}" if ref in siblings else ref}


def _begun(previous: list[str]) -> dict[str, Any]:
    """"Some question of the previous copy has an answer"."""
    tests = [{"question": name, "answered": True} for name in previous]
    return tests[0] if len(tests) == 1 else {"any_of": tests}


def _after(gate: dict[str, Any], own: dict[str, Any] | None) -> dict[str, Any]:
    # One flat all_of: the form this exports to (`(gate) and (a) and (b)`) imports back as it.
    if own is None:
        return gate
    return {"all_of": [gate, *own["all_of"]]} if "all_of" in own else {"all_of": [gate, own]}
