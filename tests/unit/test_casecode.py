"""Case codes: the check character catches every single typo and every neighbour swap."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake_app.domain.casecode import (
    ALPHABET,
    CHECK_ALPHABET,
    format_code,
    is_valid,
    new_case_code,
    normalise,
    parse,
)

bodies = st.text(alphabet=ALPHABET, min_size=7, max_size=7)


def complete(body: str) -> str:
    """The one raw 8-character code with this body (found without the private check function)."""
    valid = [body + c for c in CHECK_ALPHABET if is_valid(body + c)]
    assert len(valid) == 1
    return valid[0]


@settings(max_examples=200, deadline=None)
@given(bodies)
def test_every_body_has_exactly_one_check_character(body: str) -> None:
    assert is_valid(format_code(complete(body)))


@settings(max_examples=60, deadline=None)
@given(bodies)
def test_every_single_character_substitution_is_detected(body: str) -> None:
    raw = complete(body)
    for i in range(len(raw)):
        symbols = ALPHABET if i < len(body) else CHECK_ALPHABET
        for other in symbols:
            if other != raw[i]:
                typo = raw[:i] + other + raw[i + 1 :]
                assert not is_valid(typo), (raw, i, other)


@settings(max_examples=200, deadline=None)
@given(bodies)
def test_every_adjacent_swap_is_detected(body: str) -> None:
    raw = complete(body)
    for i in range(len(raw) - 1):
        if raw[i] != raw[i + 1]:
            swapped = raw[:i] + raw[i + 1] + raw[i] + raw[i + 2 :]
            assert not is_valid(swapped), (raw, i)


def test_generated_codes_are_valid_and_formatted() -> None:
    for _ in range(500):
        code = new_case_code()
        assert is_valid(code)
        assert len(code) == 9 and code[4] == "-"
        assert parse(code) == code


@settings(max_examples=100, deadline=None)
@given(bodies, st.data())
def test_look_alike_letters_normalise(body: str, data: st.DataObject) -> None:
    code = format_code(complete(body))
    look_alike = {"0": ["O", "o"], "1": ["I", "i", "L", "l"]}
    typed = "".join(
        data.draw(st.sampled_from([ch, *look_alike[ch]])) if ch in look_alike and i < 8 else ch
        for i, ch in enumerate(code)
    )
    assert is_valid(typed)
    assert parse(typed.lower().replace("-", " ")) == code


def test_normalise_drops_separators_and_upper_cases() -> None:
    assert normalise(" ab-cd_ef gh ") == "ABCDEFGH"


@pytest.mark.parametrize("text", ["", "ABC", "ABCD-EFGH-J"])
def test_wrong_length_is_refused_without_echoing_the_code(text: str) -> None:
    with pytest.raises(ValueError, match="8 characters") as info:
        parse(text)
    assert text not in str(info.value) or not text
