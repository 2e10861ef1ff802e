"""The app's own lines on the person's screen, in a protocol's languages beyond English and Spanish.

The person's screen shows the protocol's question and four lines of the app's own: that the
question may be skipped, the break, the thanks at the end and, when the person may be a minor,
what cannot stay confidential. The app writes them in English and Spanish only; a protocol in
more languages may carry them for those (top-level key "person_words"):

    "person_words": {"may_skip": {"fr": "Vous pouvez passer cette question..."},
                     "on_break": {"fr": ...}, "thank_you": {"fr": ...},
                     "right_to_know": {"fr": ...}}

Every key and language is optional (a line the protocol lacks falls back to the app's English
or Spanish, which the interviewer can read out); only the file's own languages other than
English and Spanish are taken, since the app has its own words in those two.
"""

from __future__ import annotations

from collections.abc import Iterable

from intake_app.domain.protocol.model import LANGUAGES, Localized, Protocol

PERSON_WORDS: tuple[str, ...] = ("may_skip", "on_break", "thank_you", "right_to_know")


def parse_person_words(raw: object, languages: tuple[str, ...]) -> tuple[tuple[str, Localized], ...]:
    """A file's "person_words", by key in PERSON_WORDS order; ValueError says what is wrong."""
    known = ", ".join(PERSON_WORDS)
    if not isinstance(raw, dict) or not raw:
        raise ValueError(f"person_words must be an object of lines by name ({known})")
    for key in raw:
        if key not in PERSON_WORDS:
            raise ValueError(f"person_words has no line {key!r} (known: {known})")
    out: list[tuple[str, Localized]] = []
    for key in (k for k in PERSON_WORDS if k in raw):
        texts = raw[key]
        if (not isinstance(texts, dict) or not texts
                or not all(isinstance(v, str) for v in texts.values())):
            raise ValueError(f"person_words {key} must be an object of texts by language")
        for lang in sorted(texts):
            if lang in LANGUAGES:
                raise ValueError(f"person_words {key} has a text in {lang!r}: the app has its "
                                 "own words in English and Spanish")
            if lang not in languages:
                raise ValueError(f"person_words {key} has a text in {lang!r}, not among the "
                                 "file's languages")
            if not texts[lang].strip():
                raise ValueError(f"person_words {key} has an empty text in {lang!r}")
        out.append((key, Localized(tuple((lang, texts[lang]) for lang in sorted(texts)))))
    return tuple(out)


def missing_person_words(protocol: Protocol, enabled: Iterable[str]) -> list[tuple[str, str]]:
    """("person word 'may_skip'", language) for each line the protocol lacks in one of the
    `enabled` languages the app is not written in, by line, then in the order given."""
    wanted = [lang for lang in dict.fromkeys(enabled) if lang not in LANGUAGES]
    return [(f"person word {key!r}", lang) for key in PERSON_WORDS for lang in wanted
            if not (protocol.person_word(key, lang) or "").strip()]
