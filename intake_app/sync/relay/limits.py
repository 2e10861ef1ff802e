"""Strict parsing of what a stranger sends the relay: ASCII numbers and shallow JSON.

`str.isdigit` accepts "²", "١" and "１"; `int` then either raises (a 500) or reads a number the
client never meant. Every number the relay reads from a header or a query string goes through
`ascii_int`. JSON bodies are checked for nesting depth before the parser sees them, so a body of
5,000 brackets is a 400, not a RecursionError.
"""

from __future__ import annotations

import json
import re
from typing import Any

_DIGITS = re.compile(r"[0-9]{1,18}")
_OPEN = frozenset(b"[{")
_CLOSE = frozenset(b"]}")
_QUOTE = ord('"')
_ESCAPE = ord("\\")


def ascii_int(text: str | None, max_digits: int = 18) -> int | None:
    """The value of 1..max_digits ASCII digits, or None for anything else (sign, space, "²")."""
    if text is None or len(text) > max_digits or not _DIGITS.fullmatch(text):
        return None
    return int(text)


def json_depth(data: bytes) -> int:
    """The deepest nesting of arrays and objects in `data` (brackets inside strings ignored)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == _ESCAPE:
                escaped = True
            elif byte == _QUOTE:
                in_string = False
        elif byte == _QUOTE:
            in_string = True
        elif byte in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif byte in _CLOSE:
            depth -= 1
    return deepest


def load_shallow_json(data: bytes, max_depth: int) -> Any:
    """`json.loads(data)` for a body nested at most `max_depth` deep; ValueError otherwise."""
    if json_depth(data) > max_depth:
        raise ValueError("JSON nested too deep")
    try:
        return json.loads(data)
    except RecursionError:  # pragma: no cover - the depth check comes first
        raise ValueError("JSON nested too deep") from None
