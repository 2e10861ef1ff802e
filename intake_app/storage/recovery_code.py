"""Recovery codes: 120 random bits as 25 Crockford base32 symbols with a check symbol.

Typed back in any case, with spaces or dashes, and with O/0, I/1, L/1 confused; the check
symbol catches most typos before the slow KDF runs.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from typing import Final

# Crockford base32: no I, L, O, U.
_CROCKFORD: Final = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RECOVERY_DATA_CHARS: Final = 24  # 24 * 5 = 120 bits of entropy
_RECOVERY_GROUP: Final = 5
_RECOVERY_CONFUSABLE: Final = str.maketrans({"O": "0", "I": "1", "L": "1"})
_RECOVERY_STRIP: Final = re.compile(r"[\s\-_.]+")


def _recovery_check_char(data: str) -> str:
    digest = hashlib.sha256(b"field-intake/recovery-check/" + data.encode("ascii")).digest()
    return _CROCKFORD[digest[0] >> 3]


def new_recovery_code() -> str:
    """A fresh recovery code (25 symbols with a check symbol, in groups of five)."""
    data = "".join(secrets.choice(_CROCKFORD) for _ in range(_RECOVERY_DATA_CHARS))
    full = data + _recovery_check_char(data)
    return "-".join(full[i : i + _RECOVERY_GROUP] for i in range(0, len(full), _RECOVERY_GROUP))


def normalise_recovery_code(code: str) -> str | None:
    """Canonical 25-character form of a typed recovery code, or None if it cannot be one.

    Accepts any case, spaces, dashes, and O/0, I/1, L/1 confusions. The last character is a
    check character, so most typos are caught before the slow KDF runs.
    """
    text = _RECOVERY_STRIP.sub("", code.upper()).translate(_RECOVERY_CONFUSABLE)
    if len(text) != _RECOVERY_DATA_CHARS + 1 or any(c not in _CROCKFORD for c in text):
        return None
    data, check = text[:-1], text[-1]
    if not hmac.compare_digest(_recovery_check_char(data), check):
        return None
    return text
