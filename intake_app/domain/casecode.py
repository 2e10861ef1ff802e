"""Case codes: short, unambiguous, with a check character that catches every single typo
and every swap of two neighbouring characters.

Alphabet: Crockford base32 without I, L, O, U (no 0/O or 1/I/L confusion) and without S
(S/5 confusion) -> 31 symbols, a prime. A code is `XXXX-XXXC`: 7 random symbols (34.7 bits)
plus one check symbol from the same alphabet (no punctuation to type), a weighted sum mod 31.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRTVWXYZ"
CHECK_ALPHABET = ALPHABET
_MODULUS = len(ALPHABET)  # 31, prime
_BODY_LENGTH = 7
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
# Reading aids: what people type by mistake for what they meant.
_ALIASES = {"O": "0", "I": "1", "L": "1", "S": "5"}


def _check_symbol(body: str) -> str:
    # Weights 1..7 with a prime modulus larger than every weight and every |delta| (< 31): a
    # single substitution changes the sum by weight * delta, never 0 mod 31; a neighbour swap
    # changes it by (a - b), never 0 mod 31.
    total = sum((i + 1) * _VALUE[c] for i, c in enumerate(body))
    return CHECK_ALPHABET[total % _MODULUS]


def new_case_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(_BODY_LENGTH))
    return format_code(body + _check_symbol(body))


def format_code(raw: str) -> str:
    return f"{raw[:4]}-{raw[4:]}"


def normalise(text: str) -> str:
    """Upper-case, drop spaces and dashes, map look-alike letters; does not validate."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -_")
    return "".join(_ALIASES.get(ch, ch) for ch in cleaned)


def is_valid(text: str) -> bool:
    raw = normalise(text)
    if len(raw) != _BODY_LENGTH + 1:
        return False
    body, check = raw[:_BODY_LENGTH], raw[_BODY_LENGTH:]
    if any(c not in _VALUE for c in body):
        return False
    return _check_symbol(body) == check


def parse(text: str) -> str:
    """The canonical form of a typed code, or ValueError naming what is wrong (no case data)."""
    raw = normalise(text)
    if len(raw) != _BODY_LENGTH + 1:
        raise ValueError(f"a case code has {_BODY_LENGTH + 1} characters; got {len(raw)}")
    if not is_valid(raw):
        raise ValueError("that case code has a typo (its check character does not match)")
    return format_code(raw)
