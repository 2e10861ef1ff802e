"""Case codes: short, unambiguous, with a check character that catches every single typo
and every swap of two neighbouring characters.

Alphabet: Crockford base32 without I, L, O, U (no 0/O or 1/I/L confusion) -> 32 symbols.
A code is `XXXX-XXXC`: 7 random symbols (35 bits) plus one check symbol, computed with a
weighted sum modulo 37 over the Crockford check alphabet (which adds * ~ $ = U for values 32-36).
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECK_ALPHABET = ALPHABET + "*~$=U"
_BODY_LENGTH = 7
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
# Reading aids: what people type by mistake for what they meant.
_ALIASES = {"O": "0", "I": "1", "L": "1"}


def _check_symbol(body: str) -> str:
    # Weights 1..n with a prime modulus: a single substitution changes the sum by
    # weight * delta, never 0 mod 37; a neighbour swap changes it by (a - b), never 0 mod 37.
    total = sum((i + 1) * _VALUE[c] for i, c in enumerate(body))
    return CHECK_ALPHABET[total % 37]


def new_case_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(_BODY_LENGTH))
    return format_code(body + _check_symbol(body))


def format_code(raw: str) -> str:
    return f"{raw[:4]}-{raw[4:]}"


def normalise(text: str) -> str:
    """Upper-case, drop spaces and dashes, map look-alike letters; does not validate."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -_")
    return "".join(_ALIASES.get(ch, ch) if i < _BODY_LENGTH else ch for i, ch in enumerate(cleaned))


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
