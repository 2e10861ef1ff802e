"""Reading protocol files: the all-or-nothing validating loader (the format is in the package
docstring). Every failure names the file and where (question id when there is one).

(Over 400 lines: one reader for the whole format, so every refusal names file and place the
same way; value checks and language rules already live beside it in value_checks.py and
languages.py.)"""

from __future__ import annotations

import enum
import re
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from intake_app import strict_json
from intake_app.domain.consent import Category
from intake_app.domain.protocol.conditions import (
    AllOf,
    Answered,
    AnswerIs,
    AnyOf,
    Condition,
    ValueTest,
)
from intake_app.domain.protocol.languages import language_problem
from intake_app.domain.protocol.model import (
    AGE_RANGES,
    AGE_TYPES,
    CASE_FIELDS,
    CHOICE_TYPES,
    LANGUAGES,
    ROLES,
    TEXT_TYPES,
    YES_NO,
    AnswerType,
    IndicatorGroup,
    IndicatorTag,
    Localized,
    Option,
    Protocol,
    Question,
    Section,
    Sensitivity,
)
from intake_app.domain.protocol.person_words import parse_person_words
from intake_app.domain.protocol.value_checks import read_check
from intake_app.domain.reporting.feeds import parse_feed
from intake_app.errors import IntakeError
from intake_app.paths import resource

_E = TypeVar("_E", bound=enum.StrEnum)
_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_OPTION_ID = re.compile(r"^[a-z0-9][a-z0-9_]{0,63}$")  # may start with a digit: "12_14"


class ProtocolError(IntakeError):
    """A protocol file is broken; names the file, where (question id) and what is wrong."""

    code = "protocol_invalid"
    template = "Protocol file {file}, {where}: {problem}."
    plain = "This interview protocol cannot be used: {where}: {problem}."


_PROTOCOL_KEYS = frozenset({"id", "version", "title", "roles", "sections", "languages",
                            "person_words"})
_SECTION_KEYS = frozenset({"id", "title", "intro", "questions"})
_QUESTION_KEYS = frozenset(
    {"id", "text", "note", "sensitivity", "type", "category", "identifying", "options", "roles",
     "show_if", "indicator", "age", "danger", "fills", "feeds", "check", "check_message"}
)
_OPTION_KEYS = frozenset({"id", "text", "indicators"})
_INTERVIEWER_TEXTS = ("note", "check_message")  # read by the interviewer: the app's languages
_REQUIRED_QUESTION_KEYS = ("text", "note", "sensitivity", "type", "category", "identifying")


class _Reader:
    """Parses one file; every failure names the file and where (question id when there is one)."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.seen: dict[str, Question] = {}  # questions so far, in order: show_if looks back only
        self.all_ids: frozenset[str] = frozenset()
        self.languages: tuple[str, ...] = LANGUAGES  # the file's "languages", once read

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
        """A text in every language of the file (a note, read only by the interviewer, in the
        app's languages at least); a language the file does not declare is refused."""
        value = raw.get(key)
        if value is None:
            self.fail(where, f"missing {key}")
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            self.fail(where, f"{key} must be an object of texts by language")
        for lang in LANGUAGES if key in _INTERVIEWER_TEXTS else self.languages:
            if not value.get(lang, "").strip():
                self.fail(where, f"missing {_LANGUAGE_NAMES.get(lang, lang)} text in {key}")
        for lang in sorted(value):
            if lang not in self.languages:
                self.fail(where, f"{key} has a text in {lang!r}, not among the file's languages")
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
        if "languages" in top:
            problem = language_problem(top["languages"])
            if problem is not None:
                self.fail(where, problem)
            self.languages = tuple(top["languages"])
        version = top.get("version")
        if not isinstance(version, str) or not version.strip():
            self.fail(where, "missing version")
        titles = self.text(top, "title", where)
        words = self.person_words(top, where)
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
        return Protocol(pid, version, titles, roles, tuple(sections), self.languages, words)

    def person_words(self, top: dict[str, Any], where: str) -> tuple[tuple[str, Localized], ...]:
        if "person_words" not in top:
            return ()
        try:
            return parse_person_words(top["person_words"], self.languages)
        except ValueError as exc:
            self.fail(where, str(exc))

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
            show_if, (), age,
        )
        if "indicator" in q:
            question = replace(question, indicators=self.indicators(q["indicator"], where, question))
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
        if "check" in q or "check_message" in q:
            question = self.check(q, where, question)
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
            opt = self.obj(item, f"{where} option #{i}", _OPTION_KEYS)
            oid = self.ident(opt, f"{where} option #{i}", _OPTION_ID)
            if any(o.id == oid for o in options):
                self.fail(where, f"duplicate option id {oid!r}")
            at = f"{where} option {oid!r}"
            groups = self.option_groups(opt["indicators"], at, qtype) if "indicators" in opt else ()
            options.append(Option(oid, self.text(opt, "text", at), groups))
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
        self.obj(raw, where, frozenset({"question", "equals", "in", "answered"}))
        ref = raw.get("question")
        if not isinstance(ref, str):
            self.fail(where, "show_if needs a question id")
        if ref == qid:
            self.fail(where, "show_if refers to the question itself")
        if ref not in self.seen:
            if ref in self.all_ids:
                self.fail(where, f"show_if refers to a later question {ref!r}")
            self.fail(where, f"show_if refers to unknown question {ref!r}")
        if "answered" in raw:
            if raw["answered"] is not True or len(raw) != 2:
                self.fail(where, "show_if answered must be true, with no equals or in")
            return Answered(ref)
        return AnswerIs(ref, self.value_test(raw, where, self.seen[ref]))

    def check(self, raw: dict[str, Any], where: str, question: Question) -> Question:
        if "check" not in raw:
            self.fail(where, "check_message needs a check")
        try:
            check = read_check(raw["check"], question.type.value,
                               tuple(o.id for o in question.options))
        except ValueError as exc:
            self.fail(where, str(exc))
        message = self.text(raw, "check_message", where) if "check_message" in raw else None
        return replace(question, check=check, check_message=message)

    def fills(self, raw: object, where: str, qtype: AnswerType) -> str:
        if not isinstance(raw, str) or raw not in CASE_FIELDS:
            self.fail(where, f"fills must be one of {', '.join(CASE_FIELDS)}")
        if qtype not in TEXT_TYPES and qtype is not AnswerType.DATE:
            self.fail(where, "fills is only for text and date questions")
        return raw

    def indicators(self, raw: object, where: str, question: Question) -> tuple[IndicatorTag, ...]:
        """One tag ({"group", "when"}) as files have always had it, or a list of them."""
        if not isinstance(raw, list):
            return (self.indicator(raw, f"{where} indicator", question),)
        if not raw:
            self.fail(where, "indicator needs at least one {group, when}")
        return tuple(
            self.indicator(item, f"{where} indicator #{i}", question) for i, item in enumerate(raw, 1)
        )

    def indicator(self, raw: object, where: str, question: Question) -> IndicatorTag:
        tag = self.obj(raw, where, frozenset({"group", "when"}))
        group = self.enum_field(tag, "group", where, IndicatorGroup)
        when = self.obj(tag.get("when"), where, frozenset({"equals", "in"}))
        return IndicatorTag(group, self.value_test(when, where, question))

    def option_groups(self, raw: object, where: str, qtype: AnswerType) -> tuple[IndicatorGroup, ...]:
        if qtype not in CHOICE_TYPES:
            self.fail(where, "indicators on options are only for choice questions")
        if not isinstance(raw, list) or not raw or not all(isinstance(g, str) for g in raw):
            self.fail(where, "indicators must be a non-empty list of group names")
        groups: list[IndicatorGroup] = []
        for name in raw:
            try:
                group = IndicatorGroup(name)
            except ValueError:
                self.fail(where, f"unknown indicator group {name!r}")
            if group in groups:
                self.fail(where, f"indicator group {name!r} named twice")
            groups.append(group)
        return tuple(groups)


_LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}
MAX_PROTOCOL_BYTES = 1024 * 1024
_JSON_PROBLEMS = {
    "oversized": f"is larger than {MAX_PROTOCOL_BYTES} bytes",
    "duplicate_key": "names one key twice in an object",
    "not_a_number": "holds NaN or Infinity, which JSON does not have",
    "too_deep": "is nested too deeply",
}


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
    if target.type in (AnswerType.DATETIME, AnswerType.TIME):
        return isinstance(value, str) and target.accepts(value)  # never "10pm"
    return isinstance(value, str)


def parse_protocol(raw: object, file: str) -> Protocol:
    """Validate already-decoded JSON; `file` is only used to name the source in errors."""
    return _Reader(file).protocol(raw)


def load_protocol(path: Path) -> Protocol:
    """Read and validate one protocol file; raises ProtocolError, never returns half a protocol."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_PROTOCOL_BYTES + 1)
    except OSError as exc:
        raise ProtocolError(file=path.name, where="file", problem="cannot be read") from exc
    return decode_protocol(data, path.name)[0]


def decode_protocol(data: bytes, file: str) -> tuple[Protocol, dict[str, Any]]:
    """Validate a protocol document's bytes: the protocol and the JSON object it was read from
    (installing keeps that object's canonical form). Raises ProtocolError."""
    try:
        raw = strict_json.loads(data, max_bytes=MAX_PROTOCOL_BYTES)
    except strict_json.StrictJsonError as exc:
        if exc.reason == "not_object":
            where, problem = "protocol", "expected an object"  # as parse_protocol says it
        else:
            where, problem = "file", _JSON_PROBLEMS.get(exc.reason, "is not valid JSON")
        raise ProtocolError(file=file, where=where, problem=problem) from None
    return parse_protocol(raw, file), raw


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
