"""Weak passphrases are refused with the reason in words; four unrelated words pass."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake_app.domain.passphrase import MIN_LENGTH, weakness
from intake_app.errors import WeakPassphrase
from intake_app.storage.kdf import KdfParams
from intake_app.storage.keyvault import KeyVault


@pytest.mark.parametrize("weak", ["password", "12345678", "password1", "qwertyuiop", "iloveyou1",
                                  "P@ssw0rd!", "abcabcabcabc", "19841984"])
def test_common_and_guessable_passphrases_are_refused(weak: str) -> None:
    assert weakness(weak) in ("common", "guessable")


def test_short_is_short_before_anything_else() -> None:
    assert weakness("x7#Qz") == "too_short"


def test_the_user_name_inside_the_passphrase_counts_against_it() -> None:
    assert weakness("Marisolgarcia2026") is None
    assert weakness("Marisolgarcia2026", ("marisolgarcia",)) is not None


@pytest.mark.parametrize("good", ["orange kettle seventeen lanterns", "river stone lamp cloud",
                                  "tapa-verde-nube-caminos"])
def test_unrelated_words_pass(good: str) -> None:
    assert weakness(good) is None


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=0, max_size=400))
def test_any_text_gets_an_answer_quickly_and_short_is_always_refused(text: str) -> None:
    result = weakness(text)
    assert result in (None, "too_short", "common", "guessable")
    if len(text) < MIN_LENGTH:
        assert result == "too_short"


def test_a_very_long_passphrase_gets_an_answer_not_a_crash() -> None:
    # zxcvbn raises ValueError past 72 characters; hypothesis found it with 73 zeros.
    assert weakness("0" * 73) in ("common", "guessable")
    assert weakness("mango river lantern quietly " * 10, ["x" * 100]) is None


def test_the_vault_refuses_and_says_why(tmp_path: Path) -> None:
    with pytest.raises(WeakPassphrase) as info:
        KeyVault.create(tmp_path / "keys.json", "ana", "password1", KdfParams.for_tests())
    assert info.value.ids["reason"] in ("common", "guessable")
    assert "common" in info.value.plain_source() or "easy to guess" in info.value.plain_source()
    assert not (tmp_path / "keys.json").exists()
