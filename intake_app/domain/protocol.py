"""Interview protocols: the JSON format, an all-or-nothing validating loader, show-if, and a walker.

Format (one protocol per file in resources/protocols/, every text in English and Spanish):

    {"id": "advocate_intake", "version": "1.0", "title": {"en": ..., "es": ...},
     "roles": ["advocate"],                          # advocate and/or officer
     "sections": [{"id": ..., "title": {...}, "intro": {...} (optional),
                   "questions": [QUESTION, ...]}]}

    QUESTION = {"id": "safe_now", "text": {...}, "note": {...},   # note: why we ask, how to ask
                "sensitivity": "low" | "medium" | "high",
                "type": one of ANSWER TYPES below,
                "category": "identity" | "contact" | "experience" | "needs" | "safety"
                            | "immigration",
                "identifying": true | false,
                "options": [{"id": ..., "text": {...}}],  # choice types and age_range only
                "roles": ["officer"],                     # optional; default: every protocol role
                "show_if": CONDITION,                     # optional; earlier questions only
                "indicator": {"group": GROUP, "when": TEST},  # optional; feeds screening
                "age": true,                              # optional; used to detect a minor
                "danger": TEST,                           # optional; answers that signal
                                                          # immediate danger (safety alert)
                "fills": CASE_FIELD,                      # optional; the answer is copied to
                                                          # the case (text and date types only)
                "feeds": FEED}                            # optional; the reportable fact the
                                                          # answer gives (domain.reporting.feeds)

    CASE_FIELD = "preferred_name" | "legal_name" | "date_of_birth" | "contact" | "immigration"

    CONDITION = {"question": qid, "equals": v} | {"question": qid, "in": [v, ...]}
              | {"any_of": [CONDITION, ...]} | {"all_of": [CONDITION, ...]}
    TEST      = {"equals": v} | {"in": [v, ...]}

Values: choice answers are option ids (a multiple choice matches when any chosen id matches);
yes_no answers are "yes" or "no" (True/False are read as "yes"/"no"); numbers are numbers.
A condition on a question that has no value (declined, unknown, not asked, hidden) is false.
age_range questions list exactly the options in AGE_RANGES, translated in the file.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from intake_app.domain.answers import Answer, Value
from intake_app.domain.case import IDENTIFYING_FIELDS
from intake_app.domain.consent import Category
from intake_app.domain.reporting.feeds import FactFeed, parse_feed
from intake_app.errors import IntakeError
from intake_app.paths import resource

LANGUAGES: tuple[str, ...] = ("en", "es")
ROLES: frozenset[str] = frozenset({"advocate", "officer"})
AGE_RANGES: tuple[str, ...] = ("under_12", "12_14", "15_17", "18_24", "25_34", "35_plus")
MINOR_AGE_RANGES: frozenset[str] = frozenset({"under_12", "12_14", "15_17"})
YES_NO: tuple[str, ...] = ("yes", "no")

_E = TypeVar("_E", bound=enum.StrEnum)
_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_OPTION_ID = re.compile(r"^[a-z0-9][a-z0-9_]{0,63}$")  # may start with a digit: "12_14"
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


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
    NUMBER = "number"
    AGE_RANGE = "age_range"
    LANGUAGE = "language"  # free text: many languages (Mam, K'iche'...) are in no short list


CHOICE_TYPES = frozenset({AnswerType.SINGLE_CHOICE, AnswerType.MULTIPLE_CHOICE})
AGE_TYPES = frozenset({AnswerType.NUMBER, AnswerType.AGE_RANGE, AnswerType.DATE})
TEXT_TYPES = frozenset({AnswerType.SHORT_TEXT, AnswerType.LONG_TEXT, AnswerType.LANGUAGE})
# Case fields an answer may fill: the preferred name and every identifying field.
CASE_FIELDS: tuple[str, ...] = ("preferred_name", *IDENTIFYING_FIELDS)


class IndicatorGroup(enum.StrEnum):
    DOCUMENTS = "documents"  # someone else holds the person's papers
    DEBT = "debt"  # a debt used to keep the person working
    MOVEMENT = "movement"  # not free to leave or go out
    THREATS = "threats"  # threats or violence to the person or family
    PAY_CONDITIONS = "pay_conditions"  # little or no pay, hours, living conditions
    DECEPTION = "deception"  # the job or terms were not what was promised
    MINOR = "minor"  # under 18 when the work or exploitation began


class ProtocolError(IntakeError):
    """A protocol file is broken; names the file, where (question id) and what is wrong."""

    code = "protocol_invalid"
    template = "Protocol file {file}, {where}: {problem}."
    plain = "This interview protocol cannot be used: {where}: {problem}."


# --- model -------------------------------------------------------------------------------------
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


def _normal(value: Value | bool) -> Value:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


@dataclass(frozen=True, slots=True)
class ValueTest:
    """`equals` one value or `in` a list of values; lists (multiple choice) match on any item."""

    values: tuple[str | int | float, ...]

    def matches(self, value: Value) -> bool:
        value = _normal(value)
        items = value if isinstance(value, list) else [value]
        return any(item in self.values for item in items)


@dataclass(frozen=True, slots=True)
class AnswerIs:
    question: str
    test: ValueTest

    def holds(self, answers: Mapping[str, Answer]) -> bool:
        answer = answers.get(self.question)
        if answer is None or not answer.has_value or answer.value is None:
            return False  # declined / unknown / not asked: the follow-up is skipped
        return self.test.matches(answer.value)

    def refers_to(self) -> tuple[str, ...]:
        return (self.question,)


@dataclass(frozen=True, slots=True)
class AnyOf:
    items: tuple[Condition, ...]

    def holds(self, answers: Mapping[str, Answer]) -> bool:
        return any(c.holds(answers) for c in self.items)

    def refers_to(self) -> tuple[str, ...]:
        return tuple(q for c in self.items for q in c.refers_to())


@dataclass(frozen=True, slots=True)
class AllOf:
    items: tuple[Condition, ...]

    def holds(self, answers: Mapping[str, Answer]) -> bool:
        return all(c.holds(answers) for c in self.items)

    def refers_to(self) -> tuple[str, ...]:
        return tuple(q for c in self.items for q in c.refers_to())


Condition = AnswerIs | AnyOf | AllOf


@dataclass(frozen=True, slots=True)
class IndicatorTag:
    group: IndicatorGroup
    when: ValueTest


@dataclass(frozen=True, slots=True)
class Option:
    id: str
    texts: Localized

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
    indicator: IndicatorTag | None = None
    age: bool = False
    danger: ValueTest | None = None
    fills: str | None = None
    feeds: FactFeed | None = None

    def signals_danger(self, answer: Answer | None) -> bool:
        """Whether `answer` is one the protocol marks as immediate danger."""
        if self.danger is None or answer is None or answer.value is None:
            return False
        return self.danger.matches(answer.value)

    def text(self, language: str) -> str:
        return self.texts.get(language)

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
            return isinstance(value, str) and bool(_PARTIAL_DATE.match(value))
        return isinstance(value, str) and bool(value.strip())


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

    def title(self, language: str) -> str:
        return self.titles.get(language)

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


# --- loading -----------------------------------------------------------------------------------
_PROTOCOL_KEYS = frozenset({"id", "version", "title", "roles", "sections"})
_SECTION_KEYS = frozenset({"id", "title", "intro", "questions"})
_QUESTION_KEYS = frozenset(
    {"id", "text", "note", "sensitivity", "type", "category", "identifying", "options", "roles",
     "show_if", "indicator", "age", "danger", "fills", "feeds"}
)
_REQUIRED_QUESTION_KEYS = ("text", "note", "sensitivity", "type", "category", "identifying")


class _Reader:
    """Parses one file; every failure names the file and where (question id when there is one)."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.seen: dict[str, Question] = {}  # questions so far, in order: show_if looks back only
        self.all_ids: frozenset[str] = frozenset()

    def fail(self, where: str, problem: str) -> NoReturn:
        raise ProtocolError(file=self.file, where=where, problem=problem)

    def obj(self, raw: object, where: str, keys: frozenset[str]) -> dict[str, Any]:
        if not isinstance(raw, dict):
            self.fail(where, "expected an object")
        unknown = sorted(set(raw) - keys)
        if unknown:
            self.fail(where, f"unknown field {unknown[0]!r}")
        return raw

    def ident(self, raw: dict[str, Any], where: str, pattern: re.Pattern[str] = _ID) -> str:
        value = raw.get("id")
        if value is None:
            self.fail(where, "missing id")
        if not isinstance(value, str) or not pattern.match(value):
            self.fail(where, "invalid id (use lower-case letters, digits and _)")
        return value

    def text(self, raw: dict[str, Any], key: str, where: str) -> Localized:
        value = raw.get(key)
        if value is None:
            self.fail(where, f"missing {key}")
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            self.fail(where, f"{key} must be an object of texts by language")
        for lang in LANGUAGES:
            if not value.get(lang, "").strip():
                self.fail(where, f"missing {_LANGUAGE_NAMES.get(lang, lang)} text in {key}")
        loc = Localized(tuple((lang, value[lang]) for lang in sorted(value)))
        base = loc.placeholders(LANGUAGES[0])
        for lang, _ in loc.items:
            if loc.placeholders(lang) != base:
                self.fail(where, f"placeholder mismatch between en and {lang} in {key}")
        return loc

    def enum_field(self, raw: dict[str, Any], key: str, where: str, kind: type[_E]) -> _E:
        value = raw.get(key)
        if value is None:
            self.fail(where, f"missing {key}")
        try:
            return kind(value)
        except (ValueError, TypeError):
            self.fail(where, f"unknown {key} {value!r}")

    def roles(self, raw: object, where: str, allowed: frozenset[str]) -> frozenset[str]:
        if not isinstance(raw, list) or not raw or not all(isinstance(r, str) for r in raw):
            self.fail(where, "roles must be a non-empty list")
        for r in raw:
            if r not in allowed:
                self.fail(where, f"unknown role {r!r}")
        return frozenset(raw)

    def protocol(self, raw: object) -> Protocol:
        top = self.obj(raw, "protocol", _PROTOCOL_KEYS)
        pid = self.ident(top, "protocol")
        where = f"protocol {pid!r}"
        version = top.get("version")
        if not isinstance(version, str) or not version.strip():
            self.fail(where, "missing version")
        titles = self.text(top, "title", where)
        roles = self.roles(top.get("roles"), where, ROLES)
        raw_sections = top.get("sections")
        if not isinstance(raw_sections, list) or not raw_sections:
            self.fail(where, "a protocol needs at least one section")
        # Known up front only to tell "a later question" from "no such question" in show_if.
        self.all_ids = frozenset(
            q["id"]
            for s in raw_sections
            if isinstance(s, dict) and isinstance(s.get("questions"), list)
            for q in s["questions"]
            if isinstance(q, dict) and isinstance(q.get("id"), str)
        )
        sections: list[Section] = []
        for index, raw_section in enumerate(raw_sections, 1):
            section = self.section(raw_section, index, roles)
            if any(s.id == section.id for s in sections):
                self.fail(f"section {section.id!r}", "duplicate section id")
            sections.append(section)
        return Protocol(pid, version, titles, roles, tuple(sections))

    def section(self, raw: object, index: int, roles: frozenset[str]) -> Section:
        sec = self.obj(raw, f"section #{index}", _SECTION_KEYS)
        sid = self.ident(sec, f"section #{index}")
        where = f"section {sid!r}"
        titles = self.text(sec, "title", where)
        intros = self.text(sec, "intro", where) if "intro" in sec else None
        raw_questions = sec.get("questions")
        if not isinstance(raw_questions, list) or not raw_questions:
            self.fail(where, "a section needs at least one question")
        questions = tuple(
            self.question(q, f"question #{i} in section {sid!r}", sid, roles)
            for i, q in enumerate(raw_questions, 1)
        )
        return Section(sid, titles, intros, questions)

    def question(self, raw: object, position: str, sid: str, roles: frozenset[str]) -> Question:
        q = self.obj(raw, position, _QUESTION_KEYS)
        qid = self.ident(q, position)
        where = f"question {qid!r}"
        if qid in self.seen:
            self.fail(where, "duplicate id")
        for key in _REQUIRED_QUESTION_KEYS:
            if key not in q:
                self.fail(where, f"missing {key}")
        texts = self.text(q, "text", where)
        notes = self.text(q, "note", where)
        sensitivity = self.enum_field(q, "sensitivity", where, Sensitivity)
        qtype = self.enum_field(q, "type", where, AnswerType)
        category = self.enum_field(q, "category", where, Category)
        identifying = q.get("identifying")
        if not isinstance(identifying, bool):
            self.fail(where, "identifying must be true or false")
        options = self.options(q.get("options"), qtype, where)
        q_roles = self.roles(q["roles"], where, roles) if "roles" in q else frozenset()
        show_if = self.condition(q["show_if"], where, qid) if "show_if" in q else None
        age = q.get("age", False)
        if not isinstance(age, bool) or (age and qtype not in AGE_TYPES):
            self.fail(where, "age must be true or false, and only on number, age_range or date")
        question = Question(
            qid, sid, texts, notes, sensitivity, qtype, category, identifying, options, q_roles,
            show_if, None, age,
        )
        if "indicator" in q:
            question = replace(question, indicator=self.indicator(q["indicator"], where, question))
        if "danger" in q:
            test = self.obj(q["danger"], where, frozenset({"equals", "in"}))
            question = replace(question, danger=self.value_test(test, where, question))
        if "fills" in q:
            question = replace(question, fills=self.fills(q["fills"], where, qtype))
        if "feeds" in q:
            try:
                feed = parse_feed(q["feeds"], qtype.value, tuple(o.id for o in options))
            except ValueError as exc:
                self.fail(where, str(exc))
            question = replace(question, feeds=feed)
        self.seen[qid] = question
        return question

    def options(self, raw: object, qtype: AnswerType, where: str) -> tuple[Option, ...]:
        if qtype not in CHOICE_TYPES and qtype is not AnswerType.AGE_RANGE:
            if raw is not None:
                self.fail(where, f"options are only for choice and age_range types, not {qtype}")
            return ()
        if not isinstance(raw, list) or not raw:
            self.fail(where, f"a {qtype} question needs options")
        options: list[Option] = []
        for i, item in enumerate(raw, 1):
            opt = self.obj(item, f"{where} option #{i}", frozenset({"id", "text"}))
            oid = self.ident(opt, f"{where} option #{i}", _OPTION_ID)
            if any(o.id == oid for o in options):
                self.fail(where, f"duplicate option id {oid!r}")
            options.append(Option(oid, self.text(opt, "text", f"{where} option {oid!r}")))
        ids = [o.id for o in options]
        if qtype is AnswerType.AGE_RANGE and sorted(ids) != sorted(AGE_RANGES):
            self.fail(where, f"age_range options must be exactly {', '.join(AGE_RANGES)}")
        if qtype in CHOICE_TYPES and len(options) < 2:
            self.fail(where, "a choice question needs at least two options")
        return tuple(options)

    def value_test(self, raw: dict[str, Any], where: str, target: Question) -> ValueTest:
        if ("equals" in raw) == ("in" in raw):
            self.fail(where, "a test needs exactly one of 'equals' or 'in'")
        values = [raw["equals"]] if "equals" in raw else raw["in"]
        if not isinstance(values, list) or not values:
            self.fail(where, "'in' needs a non-empty list")
        for v in values:
            if not _fits(v, target):
                self.fail(where, f"value {v!r} can never be an answer to question {target.id!r}")
        return ValueTest(tuple(values))

    def condition(self, raw: object, where: str, qid: str) -> Condition:
        if not isinstance(raw, dict):
            self.fail(where, "show_if must be an object")
        for combo, kind in (("any_of", AnyOf), ("all_of", AllOf)):
            if combo in raw:
                items = raw[combo]
                if len(raw) != 1 or not isinstance(items, list) or not items:
                    self.fail(where, f"show_if {combo} needs a non-empty list and nothing else")
                return kind(tuple(self.condition(c, where, qid) for c in items))
        self.obj(raw, where, frozenset({"question", "equals", "in"}))
        ref = raw.get("question")
        if not isinstance(ref, str):
            self.fail(where, "show_if needs a question id")
        if ref == qid:
            self.fail(where, "show_if refers to the question itself")
        if ref not in self.seen:
            if ref in self.all_ids:
                self.fail(where, f"show_if refers to a later question {ref!r}")
            self.fail(where, f"show_if refers to unknown question {ref!r}")
        return AnswerIs(ref, self.value_test(raw, where, self.seen[ref]))

    def fills(self, raw: object, where: str, qtype: AnswerType) -> str:
        if not isinstance(raw, str) or raw not in CASE_FIELDS:
            self.fail(where, f"fills must be one of {', '.join(CASE_FIELDS)}")
        if qtype not in TEXT_TYPES and qtype is not AnswerType.DATE:
            self.fail(where, "fills is only for text and date questions")
        return raw

    def indicator(self, raw: object, where: str, question: Question) -> IndicatorTag:
        tag = self.obj(raw, where, frozenset({"group", "when"}))
        group = self.enum_field(tag, "group", where, IndicatorGroup)
        when = self.obj(tag.get("when"), where, frozenset({"equals", "in"}))
        return IndicatorTag(group, self.value_test(when, where, question))


_LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}


def _fits(value: object, target: Question) -> bool:
    """Whether a literal in a condition could ever equal an answer to `target`."""
    if isinstance(value, bool):
        return False  # yes_no conditions say "yes"/"no", which reads the same in every file
    if target.type in CHOICE_TYPES or target.type is AnswerType.AGE_RANGE:
        return value in {o.id for o in target.options}
    if target.type is AnswerType.YES_NO:
        return value in YES_NO
    if target.type is AnswerType.NUMBER:
        return isinstance(value, int | float)
    return isinstance(value, str)


def parse_protocol(raw: object, file: str) -> Protocol:
    """Validate already-decoded JSON; `file` is only used to name the source in errors."""
    return _Reader(file).protocol(raw)


def load_protocol(path: Path) -> Protocol:
    """Read and validate one protocol file; raises ProtocolError, never returns half a protocol."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProtocolError(file=path.name, where="file", problem="cannot be read") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProtocolError(file=path.name, where="file", problem="is not valid JSON") from exc
    return parse_protocol(raw, path.name)


def load_folder(folder: Path) -> dict[str, Protocol]:
    """Every *.json protocol in `folder`, by id; one broken file fails the whole load."""
    loaded: dict[str, Protocol] = {}
    for path in sorted(folder.glob("*.json")):
        protocol = load_protocol(path)
        if protocol.id in loaded:
            raise ProtocolError(
                file=path.name, where=f"protocol {protocol.id!r}", problem="id used by another file"
            )
        loaded[protocol.id] = protocol
    if not loaded:
        raise ProtocolError(file=str(folder), where="folder", problem="holds no protocol")
    return loaded


def load_shipped() -> dict[str, Protocol]:
    """The protocols shipped in resources/protocols/, by id."""
    return load_folder(resource("protocols"))


# --- walking an interview ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SectionProgress:
    section_id: str
    answered: int  # visible questions with an answer in any of the four states
    visible: int

    @property
    def done(self) -> bool:
        return self.answered == self.visible


@dataclass(frozen=True, slots=True)
class Walk:
    """Where an interview stands, given the answers so far."""

    visible: tuple[Question, ...]
    next: Question | None  # first visible question without an answer; None when complete
    progress: tuple[SectionProgress, ...]

    @property
    def complete(self) -> bool:
        return self.next is None

    def is_visible(self, question_id: str) -> bool:
        return any(q.id == question_id for q in self.visible)

    def number(self, question_id: str) -> int:
        """1-based position among the visible questions (0 if hidden)."""
        ids = [q.id for q in self.visible]
        return ids.index(question_id) + 1 if question_id in ids else 0

    def after(
        self, question_id: str, answered: Mapping[str, Answer], *, unanswered_only: bool
    ) -> Question | None:
        """The visible question after `question_id` (skipping answered ones if asked); at the
        end, the first question still open, or None when every visible question is answered."""
        start = self.number(question_id)
        for q in self.visible[start:]:
            if not unanswered_only or q.id not in answered:
                return q
        return self.next


def visible_questions(
    protocol: Protocol, answers: Mapping[str, Answer], role: str | None = None
) -> tuple[Question, ...]:
    """Questions to ask, in order; a hidden question's (stale) answer never opens a follow-up."""
    shown: dict[str, Answer] = {}
    visible: list[Question] = []
    for q in protocol.questions:
        if not q.is_for(role):
            continue
        if q.show_if is not None and not q.show_if.holds(shown):
            continue
        visible.append(q)
        if q.id in answers:
            shown[q.id] = answers[q.id]
    return tuple(visible)


def walk(protocol: Protocol, answers: Mapping[str, Answer], role: str | None = None) -> Walk:
    """Visible questions, the next one to ask, and progress per section."""
    visible = visible_questions(protocol, answers, role)
    pending = [q for q in visible if q.id not in answers]
    progress = tuple(
        SectionProgress(
            s.id,
            sum(1 for q in visible if q.section_id == s.id and q.id in answers),
            sum(1 for q in visible if q.section_id == s.id),
        )
        for s in protocol.sections
    )
    return Walk(visible, pending[0] if pending else None, progress)
