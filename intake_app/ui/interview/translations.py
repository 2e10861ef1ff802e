"""The interview package's translations: the UI translator and person-facing text by language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QLocale, QTranslator

from intake_app.paths import resource

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
    """Texts shown to the person, in THEIR language whatever the interviewer's UI language is
    (the app's own words in English or Spanish: `words_language`)."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._translator = load_translator(words_language(language))

    def __call__(self, source: str) -> str:
        if self._translator is None:
            return source
        text = self._translator.translate(PERSON_CONTEXT, source)
        return text or source

    def date(self, day: QDate) -> str:
        """A date written the way the person reads dates, e.g. '20 de febrero de 2027'."""
        return QLocale(self.language).toString(day, self(DATE_FORMAT))


# Marked for lupdate here, translated per person by PersonText (not by the app-wide translator).
DATE_FORMAT = str(QT_TRANSLATE_NOOP("PersonFacing", "MMMM d, yyyy"))
MAY_SKIP = str(
    QT_TRANSLATE_NOOP("PersonFacing", "You may skip this question. You can stop at any time.")
)
ON_BREAK = str(
    QT_TRANSLATE_NOOP("PersonFacing", "We are taking a break. Take the time you need.")
)
THANK_YOU = str(QT_TRANSLATE_NOOP("PersonFacing", "Thank you for your time."))
