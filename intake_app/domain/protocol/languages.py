"""The languages a protocol is written in, and what a protocol lacks of the agency's languages.

A protocol file may declare `"languages": ["en", "es", "fr"]` at its top (absent: ["en", "es"],
so every file written before keeps loading unchanged). A language is a lower-case BCP-47-like
code: a two- or three-letter language ("fr", "pt", "mam" for Mam), optionally followed by
subtags of 2 to 8 letters or digits ("pt-br", "zh-hant"), all joined by "-".

English and Spanish are always among them: the app's own screens exist in those two, and the
interviewer reads every question, option and note in the app's language. Every text the person
may see (the title, section titles and introductions, questions, options) must be written in
every declared language; interviewer notes are never shown to the person, so English and
Spanish are all they need (a note may carry other declared languages too).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from intake_app.domain.protocol.model import LANGUAGES, Localized, Protocol

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")
MAX_LANGUAGES = 32


def is_language_code(value: object) -> bool:
    return isinstance(value, str) and len(value) <= 35 and bool(LANGUAGE_CODE.match(value))


def language_problem(raw: object) -> str | None:
    """Why `raw` cannot be a protocol's "languages" list; None when it can."""
    if not isinstance(raw, list) or not raw:
        return "languages must be a non-empty list of language codes"
    if len(raw) > MAX_LANGUAGES:
        return f"languages may list at most {MAX_LANGUAGES} languages"
    for code in raw:
        if not is_language_code(code):
            return f"invalid language code {code!r} (use lower-case codes such as fr or pt-br)"
    if len(set(raw)) != len(raw):
        return "languages names one language twice"
    absent = [lang for lang in LANGUAGES if lang not in raw]
    if absent:
        return "languages must include en and es (the app's own screens are in them)"
    return None


def _has(text: Localized, language: str) -> bool:
    return any(lang == language and value.strip() for lang, value in text.items)


def _person_texts(protocol: Protocol) -> Iterable[tuple[str, tuple[Localized, ...]]]:
    """Each section, question and option with the texts the person may read, in order."""
    for section in protocol.sections:
        texts = (section.titles,) if section.intros is None else (section.titles, section.intros)
        yield f"section {section.id!r}", texts
        for question in section.questions:
            yield f"question {question.id!r}", (question.texts,)
            for option in question.options:
                yield f"question {question.id!r} option {option.id!r}", (option.texts,)


def missing_languages(protocol: Protocol, enabled: Iterable[str]) -> list[tuple[str, str]]:
    """(position, language) for each section, question and option lacking a text in one of the
    `enabled` languages, in protocol order, then in the order the languages are given. Read from
    the texts themselves, not `protocol.languages`, so a protocol built in code is judged too."""
    wanted = list(dict.fromkeys(enabled))
    return [
        (position, language)
        for position, texts in _person_texts(protocol)
        for language in wanted
        if not all(_has(text, language) for text in texts)
    ]
