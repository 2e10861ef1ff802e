"""The protocol model: protocols, sections, questions, options, texts in every language."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from intake_app.domain.answers import Answer, Value
from intake_app.domain.case import IDENTIFYING_FIELDS
from intake_app.domain.consent import Category
from intake_app.domain.protocol.conditions import Condition, ValueTest
from intake_app.domain.protocol.value_checks import Check, answer_passes
from intake_app.domain.reporting.feeds import FactFeed

# The app's own languages: a protocol's languages always include them (see languages.py).
LANGUAGES: tuple[str, ...] = ("en", "es")
ROLES: frozenset[str] = frozenset({"advocate", "officer"})
AGE_RANGES: tuple[str, ...] = ("under_12", "12_14", "15_17", "18_24", "25_34", "35_plus")
MINOR_AGE_RANGES: frozenset[str] = frozenset({"under_12", "12_14", "15_17"})
YES_NO: tuple[str, ...] = ("yes", "no")

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
# ASCII: a bare \d would take any script's digits ("２０２６"), which no date reader parses.
_DATE = r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?"
_CLOCK = r"([01]\d|2[0-3]):[0-5]\d"
_PARTIAL_DATE = re.compile(_DATE, re.ASCII)
_TIME = re.compile(_CLOCK, re.ASCII)
_DATE_TIME = re.compile(rf"\d{{4}}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T{_CLOCK}", re.ASCII)


class Sensitivity(enum.StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class AnswerType(enum.StrEnum):
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    YES_NO = "yes_no"
    DATE = "date"  # "YYYY", "YYYY-MM" or "YYYY-MM-DD": people often know only the year
    # "YYYY-MM-DDTHH:MM", the wall-clock time as the person tells it ("around 10 at night on the
    # 3rd"), with no zone: nobody knows the offset of a place and a night years ago, and a zone
    # guessed from this laptop would be false. A date alone (any of DATE's) is accepted too: a
    # person who does not know the hour still tells the day, and "doesn't know" stays for none.
    DATETIME = "datetime"
    TIME = "time"  # "HH:MM", wall-clock, no zone (as DATETIME)
    NUMBER = "number"
    AGE_RANGE = "age_range"
    LANGUAGE = "language"  # free text: many languages (Mam, K'iche'...) are in no short list


CHOICE_TYPES = frozenset({AnswerType.SINGLE_CHOICE, AnswerType.MULTIPLE_CHOICE})
AGE_TYPES = frozenset({AnswerType.NUMBER, AnswerType.AGE_RANGE, AnswerType.DATE})
TEXT_TYPES = frozenset({AnswerType.SHORT_TEXT, AnswerType.LONG_TEXT, AnswerType.LANGUAGE})
# Case fields an answer may fill: the preferred name and every identifying field.
CASE_FIELDS: tuple[str, ...] = ("preferred_name", *IDENTIFYING_FIELDS)


class IndicatorGroup(enum.StrEnum):
    # Sex exchanged for anything of value (money, food, a place to stay, drugs...), whoever
    # received it: the "commercial sex act" of the federal definition (22 U.S.C. 7102).
    COMMERCIAL_SEX = "commercial_sex"
    DOCUMENTS = "documents"  # someone else holds the person's papers
    DEBT = "debt"  # a debt used to keep the person working
    MOVEMENT = "movement"  # not free to leave or go out
    THREATS = "threats"  # threats or violence to the person or family
    PAY_CONDITIONS = "pay_conditions"  # little or no pay, hours, living conditions
    DECEPTION = "deception"  # the job or terms were not what was promised
    MINOR = "minor"  # under 18 when the work or exploitation began


@dataclass(frozen=True, slots=True)
class Localized:
    """One text in every supported language."""

    items: tuple[tuple[str, str], ...]

    def get(self, language: str) -> str:
        for lang, text in self.items:
            if lang == language:
                return text
        raise KeyError(f"no text in language {language!r}")

    def placeholders(self, language: str) -> frozenset[str]:
        return frozenset(_PLACEHOLDER.findall(self.get(language)))


@dataclass(frozen=True, slots=True)
class IndicatorTag:
    group: IndicatorGroup
    when: ValueTest


@dataclass(frozen=True, slots=True)
class Option:
    id: str
    texts: Localized
    indicators: tuple[IndicatorGroup, ...] = ()  # groups choosing this option feeds

    def text(self, language: str) -> str:
        return self.texts.get(language)


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    section_id: str
    texts: Localized
    notes: Localized
    sensitivity: Sensitivity
    type: AnswerType
    category: Category
    identifying: bool
    options: tuple[Option, ...] = ()
    roles: frozenset[str] = frozenset()  # empty: every role of the protocol
    show_if: Condition | None = None
    indicators: tuple[IndicatorTag, ...] = ()  # besides the options' own groups
    age: bool = False
    danger: ValueTest | None = None
    fills: str | None = None
    feeds: FactFeed | None = None
    check: Check | None = None  # a test a typed value must pass to be saved (value_checks.py)
    check_message: Localized | None = None  # what the interviewer reads when it fails

    def passes_check(self, answer: Answer) -> bool:
        """Whether `answer` may be saved: a decline, unknown or not-asked always may."""
        return answer_passes(self.check, answer)

    def check_text(self, language: str) -> str | None:
        """The protocol's words for a failed check, in `language` or else English."""
        if self.check_message is None:
            return None
        have = dict(self.check_message.items)
        return have.get(language) or have.get("en")

    def signals_danger(self, answer: Answer | None) -> bool:
        """Whether `answer` is one the protocol marks as immediate danger."""
        if self.danger is None or answer is None or answer.value is None:
            return False
        return self.danger.matches(answer.value)

    def text(self, language: str) -> str:
        return self.texts.get(language)

    @property
    def feeds_screening(self) -> bool:
        return bool(self.indicators) or any(o.indicators for o in self.options)

    def indicator_groups(self, value: Value) -> frozenset[IndicatorGroup]:
        """The groups an answer feeds: every tag whose test it passes, and the groups of every
        option it chooses (one option may feed several groups)."""
        groups = {tag.group for tag in self.indicators if tag.when.matches(value)}
        chosen = value if isinstance(value, list) else [value]
        for opt in self.options:
            if opt.id in chosen:
                groups.update(opt.indicators)
        return frozenset(groups)

    def note(self, language: str) -> str:
        return self.notes.get(language)

    def option(self, option_id: str) -> Option:
        for opt in self.options:
            if opt.id == option_id:
                return opt
        raise KeyError(option_id)

    def is_for(self, role: str | None) -> bool:
        return role is None or not self.roles or role in self.roles

    def accepts(self, value: Value) -> bool:
        """Whether `value` has the shape this question's type produces (not whether it is true)."""
        t = self.type
        if t in (AnswerType.SINGLE_CHOICE, AnswerType.AGE_RANGE):
            return isinstance(value, str) and value in {o.id for o in self.options}
        if t is AnswerType.MULTIPLE_CHOICE:
            ids = {o.id for o in self.options}
            return isinstance(value, list) and bool(value) and all(v in ids for v in value)
        if t is AnswerType.YES_NO:
            return isinstance(value, bool) or value in YES_NO
        if t is AnswerType.NUMBER:
            return isinstance(value, int | float) and not isinstance(value, bool)
        if t is AnswerType.DATE:
            return isinstance(value, str) and bool(_PARTIAL_DATE.fullmatch(value))
        if t is AnswerType.DATETIME:
            return isinstance(value, str) and bool(
                _DATE_TIME.fullmatch(value) or _PARTIAL_DATE.fullmatch(value))
        if t is AnswerType.TIME:
            return isinstance(value, str) and bool(_TIME.fullmatch(value))
        return isinstance(value, str) and bool(value.strip())


def readable_time(value: str) -> str:
    """A date-time answer as people read it, "2026-12-03 22:00" (the stored "T" is for files)."""
    return value.replace("T", " ", 1) if _DATE_TIME.fullmatch(value) else value


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    titles: Localized
    intros: Localized | None
    questions: tuple[Question, ...]

    def title(self, language: str) -> str:
        return self.titles.get(language)

    def intro(self, language: str) -> str | None:
        return None if self.intros is None else self.intros.get(language)

    @property
    def is_sensitive(self) -> bool:
        return any(q.sensitivity is Sensitivity.HIGH for q in self.questions)


@dataclass(frozen=True, slots=True)
class Protocol:
    id: str
    version: str
    titles: Localized
    roles: frozenset[str]
    sections: tuple[Section, ...]
    # What the person may be interviewed in; every person-facing text has each of them.
    languages: tuple[str, ...] = LANGUAGES
    # The app's own lines on the person's screen in its other languages (person_words.py).
    person_words: tuple[tuple[str, Localized], ...] = ()

    def title(self, language: str) -> str:
        return self.titles.get(language)

    def person_word(self, key: str, language: str) -> str | None:
        """The protocol's `key` line (e.g. "may_skip") in `language`; None when it has none."""
        for name, texts in self.person_words:
            if name == key:
                return dict(texts.items).get(language)
        return None

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for s in self.sections for q in s.questions)

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)
