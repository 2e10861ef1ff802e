"""Is a passphrase strong enough? Length first, then zxcvbn's estimate of how it is guessed.

zxcvbn (Dropbox's estimator, also used by KeePassXC and Bitwarden) recognises common
passwords, dictionary words, names, dates, keyboard walks, repeats and l33t substitutions, so
`password1` and `12345678` fail although they are long enough, while four unrelated words pass.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Final

MIN_LENGTH: Final = 8
# zxcvbn's score 3: "safely unguessable", about 10^8 guesses or more, which against the
# Argon2id slot and the app's lockout is years of attempts.
MIN_SCORE: Final = 3
# zxcvbn's matching cost grows with length; past this many characters it checks the start only.
_CHECKED_CHARS: Final = 72


def weakness(passphrase: str, context: Sequence[str] = ()) -> str | None:
    """None when strong enough; else why not: "too_short", "common" or "guessable".

    `context` holds words the passphrase must not lean on (the user name, the agency's name).
    """
    text = unicodedata.normalize("NFC", passphrase)
    if len(text) < MIN_LENGTH:
        return "too_short"
    from zxcvbn import zxcvbn  # its word lists take ~40 ms to import: only when a passphrase is set

    # zxcvbn raises (it does not truncate) past max_length: a long passphrase is judged by its
    # start, which a strong one passes anyway.
    result = zxcvbn(text[:_CHECKED_CHARS], user_inputs=[c[:_CHECKED_CHARS] for c in context if c],
                    max_length=_CHECKED_CHARS)
    score = int(result["score"])
    if score >= MIN_SCORE:
        return None
    return "common" if score <= 1 and result["guesses"] < 10**6 else "guessable"
