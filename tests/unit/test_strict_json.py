"""The one strict JSON reader: what it accepts equals what Python reads, and everything a second
reader could read differently (a repeated key, NaN, nesting past the limit) is refused by reason.

Documents are generated as trees whose objects are lists of pairs, so a key may repeat, then
written with generated whitespace (compact, indented, or spaces before a colon) and strings that
hold quotes, colons, brackets and escapes: the shapes the reader's fast path must not misjudge.
"""

from __future__ import annotations

import json
import string
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake_app.strict_json import DEFAULT_MAX_DEPTH, REASONS, StrictJsonError, loads

MAX = 1 << 20
# Characters that could confuse a reader that counts `":` or brackets instead of parsing.
TRICKY = '"\\:{}[], \t\n' + "aé€\u2028"
TEXT = st.text(alphabet=st.sampled_from(TRICKY) | st.sampled_from(string.ascii_letters), max_size=8)
KEYS = st.text(alphabet=st.sampled_from('ab"\\: '), max_size=3)
SENTINEL = "@sentinel@"  # no drawn text holds "@"


class Obj:
    """A JSON object as written: its pairs in order, repeats allowed."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        self.pairs = pairs


SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT
)
TREES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4)
    | st.lists(st.tuples(KEYS, inner), max_size=4).map(Obj),
    max_leaves=30,
)
TOP = st.lists(st.tuples(KEYS, TREES), max_size=5).map(Obj)
SPACE = st.sampled_from(["", " ", "\n  ", "\t", "\r\n"])


def write(node: Any, draw: Callable[[st.SearchStrategy[str]], str]) -> str:
    """`node` as JSON text, with whitespace drawn around every token."""
    if isinstance(node, Obj):
        parts = [
            json.dumps(k) + draw(SPACE) + ":" + draw(SPACE) + write(v, draw)
            for k, v in node.pairs
        ]
        return "{" + draw(SPACE) + ("," + draw(SPACE)).join(parts) + draw(SPACE) + "}"
    if isinstance(node, list):
        return "[" + ("," + draw(SPACE)).join(write(v, draw) for v in node) + "]"
    return json.dumps(node)


def repeats(node: Any) -> bool:
    if isinstance(node, Obj):
        keys = [k for k, _ in node.pairs]
        return len(set(keys)) != len(keys) or any(repeats(v) for _, v in node.pairs)
    if isinstance(node, list):
        return any(repeats(v) for v in node)
    return False


def depth(node: Any) -> int:
    if isinstance(node, Obj):
        return 1 + max((depth(v) for _, v in node.pairs), default=0)
    if isinstance(node, list):
        return 1 + max((depth(v) for v in node), default=0)
    return 0


def reason(data: bytes, **kwargs: Any) -> str | None:
    try:
        loads(data, **{"max_bytes": MAX, **kwargs})
    except StrictJsonError as exc:
        assert exc.reason in REASONS
        return exc.reason
    return None


@settings(max_examples=400)
@given(top=TOP, data=st.data())
def test_a_document_is_read_as_python_reads_it_or_refused_for_its_repeated_key(
    top: Obj, data: st.DataObject
) -> None:
    text = write(top, data.draw)
    raw = text.encode()
    if repeats(top):
        assert reason(raw) == "duplicate_key"
    else:
        assert loads(raw, max_bytes=MAX) == json.loads(text)


@given(top=TOP, data=st.data(), levels=st.integers(1, 6))
def test_nesting_past_the_limit_is_refused(top: Obj, data: st.DataObject, levels: int) -> None:
    got = reason(write(top, data.draw).encode(), max_depth=levels)
    if repeats(top):  # the repeat may be what nested deepest: either refusal is right
        assert got in {"too_deep", "duplicate_key"}
    else:
        assert got == ("too_deep" if depth(top) > levels else None)


@pytest.mark.parametrize("levels", [DEFAULT_MAX_DEPTH + 1, 5_000, 200_000])
def test_deep_nesting_is_refused_well_below_and_past_the_interpreter_limit(levels: int) -> None:
    text = '{"a":' + "[" * (levels - 1) + "]" * (levels - 1) + "}"
    assert reason(text.encode()) == "too_deep"
    at_limit = '{"a":' + "[" * (DEFAULT_MAX_DEPTH - 1) + "]" * (DEFAULT_MAX_DEPTH - 1) + "}"
    assert reason(at_limit.encode()) is None


@given(top=TOP, data=st.data(), constant=st.sampled_from(["NaN", "Infinity", "-Infinity"]))
def test_nan_and_infinity_are_refused_wherever_they_are(
    top: Obj, data: st.DataObject, constant: str
) -> None:
    top.pairs.insert(data.draw(st.integers(0, len(top.pairs))), ("x", [[SENTINEL]]))
    text = write(top, data.draw).replace(json.dumps(SENTINEL), constant)
    assert reason(text.encode()) == "not_a_number"


@given(value=st.floats(allow_nan=False, allow_infinity=False), key=KEYS)
def test_a_reader_that_wants_whole_numbers_refuses_every_float(value: float, key: str) -> None:
    raw = json.dumps({key: {"n": [value]}}).encode()
    assert reason(raw, floats=False) == "float"
    assert loads(raw, max_bytes=MAX) == {key: {"n": [value]}}


@given(value=SCALARS | st.lists(SCALARS, max_size=3))
def test_only_an_object_is_a_document(value: Any) -> None:
    assert reason(json.dumps(value).encode()) == "not_object"


@given(data=st.binary(min_size=1, max_size=200))
def test_over_the_size_limit_is_refused_before_reading(data: bytes) -> None:
    assert reason(data, max_bytes=len(data) - 1) == "oversized"
    assert reason(b"{}" + bytes(len(data)), max_bytes=1) == "oversized"


def test_not_bytes_and_not_utf8_are_refused_by_name() -> None:
    assert reason("{}", max_bytes=MAX) == "not_bytes"  # type: ignore[arg-type]
    assert reason(b'{"a": "\xff"}') == "not_utf8"
    assert reason(b'{"a": 1,}') == "not_json"


@settings(max_examples=300)
@given(data=st.binary(max_size=300) | TEXT.map(str.encode))
def test_any_bytes_give_an_object_or_a_reason_that_carries_nothing_of_the_input(
    data: bytes,
) -> None:
    canary = b'{"CANARY-Maria-Lopez": ' + data
    try:
        loads(canary, max_bytes=MAX)
    except StrictJsonError as exc:
        assert "CANARY" not in str(exc) and "CANARY" not in repr(exc)
        # The parser's own exception quotes its whole input: it must not ride along.
        assert exc.__cause__ is None and exc.__context__ is None
