"""The interview package's translations: the UI translator and person-facing text by language."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QLocale, QTranslator

from intake_app.paths import resource

if TYPE_CHECKING:
    from intake_app.domain.protocol import Protocol

PERSON_CONTEXT = "PersonFacing"


def translation_file(language: str) -> Path:
    """The compiled catalogue for `language` (it may not exist, e.g. for English)."""
    return resource("translations", f"interview_{language}.qm")


def load_translator(language: str) -> QTranslator | None:
    """A loaded translator for `language`; None for English (the source) or a missing file."""
    if language == "en":
        return None
    translator = QTranslator()
    if not translator.load(str(translation_file(language))):
        return None
    return translator


def words_language(person_language: str) -> str:
    """The language of the words the app itself shows the person ("You may skip this
    question"...): the person's when it is English or Spanish, the only two the app is written
    in; for any other (a guide in French), the interviewer's screen language, so the interviewer
    chooses English or Spanish by the app's language switch and can read it out."""
    from intake_app.ui import i18n

    return person_language if person_language in i18n.LANGUAGES else i18n.current_language()


class PersonText:
    """Texts shown to the person, in THEIR language whatever the interviewer's UI language is:
    the app's own words in English or Spanish; in another language, the `protocol`'s own
    person words for it when it has them, else English or Spanish (`words_language`)."""

    def __init__(self, language: str, protocol: Protocol | None = None) -> None:
        from intake_app.ui import i18n

        self.language = language
        self._translator = load_translator(words_language(language))
        self._own: dict[str, str] = {}  # source text -> the protocol's words in `language`
        if protocol is not None and language not in i18n.LANGUAGES:
            for key, source in PERSON_WORDS.items():
                words = protocol.person_word(key, language)
                if words:
                    self._own[source] = words

    def __call__(self, source: str) -> str:
        if source in self._own:
            return self._own[source]
        if self._translator is None:
            return source
        text = self._translator.translate(PERSON_CONTEXT, source)
        return text or source

    def date(self, day: QDate) -> str:
        """A date written the way the person reads dates, e.g. '20 de febrero de 2027'; in a
        language the app is not written in, by that language's own long format without the
        weekday ("3 décembre 2026"), or as in English/Spanish if Qt does not know it."""
        from intake_app.ui import i18n

        locale = QLocale(self.language)
        if self.language in i18n.LANGUAGES:
            return locale.toString(day, self(DATE_FORMAT))
        if locale.language() == QLocale.Language.C:  # e.g. Mam: no month names to use
            return QLocale(words_language(self.language)).toString(day, self(DATE_FORMAT))
        return locale.toString(day, long_date_without_weekday(locale))


_WEEKDAY = re.compile(r"^dddd[\s,،]*|[\s,،]*dddd")


def long_date_without_weekday(locale: QLocale) -> str:
    """The locale's long date format with its weekday taken out: a date on the person's screen
    reads as the app's English and Spanish ones do ("d MMMM yyyy" for French)."""
    return _WEEKDAY.sub("", locale.dateFormat(QLocale.FormatType.LongFormat)).strip()


# Marked for lupdate here, translated per person by PersonText (not by the app-wide translator).
DATE_FORMAT = str(QT_TRANSLATE_NOOP("PersonFacing", "MMMM d, yyyy"))
MAY_SKIP = str(
    QT_TRANSLATE_NOOP("PersonFacing", "You may skip this question. You can stop at any time.")
)
ON_BREAK = str(
    QT_TRANSLATE_NOOP("PersonFacing", "We are taking a break. Take the time you need.")
)
THANK_YOU = str(QT_TRANSLATE_NOOP("PersonFacing", "Thank you for your time."))
# What the person hears before sensitive questions when they may be a minor (minor_gate.py).
RIGHT_TO_KNOW = str(QT_TRANSLATE_NOOP(
    "PersonFacing",
    "Before we go on: because you may be under 18, there are some things I have to share to "
    "keep you safe. I will always tell you what I share, with whom, and what happens next. "
    "You can still skip any question.",
))
# The person's screen lines a protocol may carry for its other languages, by their key
# (domain.protocol.PERSON_WORDS).
PERSON_WORDS = {"may_skip": MAY_SKIP, "on_break": ON_BREAK, "thank_you": THANK_YOU,
                "right_to_know": RIGHT_TO_KNOW}
