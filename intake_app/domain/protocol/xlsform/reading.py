"""An XLSForm workbook -> the raw protocol JSON dict, read through pyxform, or one refusal.

pyxform reads the workbook (xls2json_backends.get_xlsform: every row, empty ones too, so a
row's index gives its number) and checks and structures it (xls2json.workbook_to_json: groups,
types, choice lists, translations). We walk that structure; the rows only give row numbers.
Each group is one section; a note as its first row is the section's intro. A repeat at the
top level is read as a group, then unrolled into a fixed number of sections (repeats.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pyxform.errors import PyXFormError
from pyxform.xls2json import workbook_to_json
from pyxform.xls2json_backends import get_xlsform

from intake_app.domain.protocol.xlsform import columns, repeats
from intake_app.domain.protocol.xlsform.conditions import INSIDE_REPEAT, Earlier
from intake_app.domain.protocol.xlsform.expressions import ExpressionRefused
from intake_app.domain.protocol.xlsform.questions import (
    ChoiceRefused,
    Context,
    earlier_view,
    question,
    refuse_unknown_keys,
)
from intake_app.domain.protocol.xlsform.refusals import refusal
from intake_app.errors import XlsFormRefused

MAX_XLSFORM_BYTES = 4 * 1024 * 1024
SURVEY, CHOICES, SETTINGS = "survey", "choices", "settings"
_REFUSED_SHEETS = frozenset({"external_choices", "entities", "osm"})
_SETTINGS = frozenset({"form_id", "id_string", "form_title", "title", "version",
                       "default_language", "clean_text_values", "intake::roles",
                       "intake::languages"})
# Settings columns named per language: the title, and the app's lines on the person's screen
# (intake::person::may_skip::Français (fr): the protocol's person_words).
_BY_LANGUAGE = ("intake::title::", "intake::person::")
_GROUP_KEYS = frozenset({"type", "name", "label", "children", "bind", "control"})
_PYXFORM_ROW = re.compile(r"\[row : (\d+)\]")
_PYXFORM_SHEET = re.compile(r"On the '(\w+)' sheet")
_ALL_ROLES = ["advocate", "officer"]
# Refusals that only mean "its relevant looks at other questions": outside_group is the news.
_LATER_REASONS = frozenset({"relevant_later", "relevant_unknown", "relevant_self"})


@dataclass
class Rows:
    """Where each part of the protocol came from, to name the row of any later problem."""

    file: str
    by_name: dict[str, int] = field(default_factory=dict)  # survey row of a question or group
    choices: dict[tuple[str, str], int] = field(default_factory=dict)  # (list, name) -> row
    lists: dict[str, str] = field(default_factory=dict)  # question name -> its choice list
    section_questions: dict[str, list[str]] = field(default_factory=dict)

    def fail(self, sheet: str, row: int, reason: str, detail: str = "") -> XlsFormRefused:
        return refusal(self.file, sheet, row, reason, detail)

    def at(self, name: str, exc: ExpressionRefused) -> XlsFormRefused:
        if isinstance(exc, ChoiceRefused) and exc.choice in self.choices:
            return self.fail(CHOICES, self.choices[exc.choice], exc.reason, exc.detail)
        return self.fail(SURVEY, self.by_name.get(name, 1), exc.reason, exc.detail)


def read_xlsform(data: bytes, file: str) -> tuple[dict[str, Any], Rows]:
    """The raw protocol and where its parts came from; raises XlsFormRefused."""
    rows = Rows(file)
    if len(data) > MAX_XLSFORM_BYTES:
        raise rows.fail(SURVEY, 1, "too_large", str(MAX_XLSFORM_BYTES))
    try:
        book = get_xlsform(data, file_type=".xlsx")
    except Exception:  # noqa: BLE001 - pyxform reading an untrusted file: any failure is a refusal
        raise rows.fail(SURVEY, 1, "unreadable") from None
    for sheet in book.sheet_names or []:
        if sheet.lower() in _REFUSED_SHEETS:
            raise rows.fail(sheet, 1, "sheet_unsupported", sheet)
    for number, row in enumerate(book.survey or [], start=2):
        name = row.get("name")
        if name is not None:
            rows.by_name.setdefault(str(name), number)
        if "or_other" in str(row.get("type", "")):
            raise rows.fail(SURVEY, number, "or_other_unsupported")
    for number, row in enumerate(book.choices or [], start=2):
        rows.choices.setdefault((str(row.get("list_name")), str(row.get("name"))), number)
    settings = _settings(dict((book.settings or [{}])[0]), rows)
    try:
        form = workbook_to_json(book, form_name="data")
    except PyXFormError as exc:
        raise _pyxform_refusal(rows, str(exc)) from None
    except Exception:  # noqa: BLE001 - a crash inside pyxform on an odd file is still a refusal
        raise rows.fail(SURVEY, 1, "xlsform_invalid", "it could not read the form") from None
    default_code = settings["default_code"]
    sections = _sections(form.get("children") or [], rows, default_code)
    languages = {lang for s in sections for texts in [s["title"], *(q["text"] for q in
                                                                     s["questions"])]
                 for lang in texts}
    raw = {"id": settings["id"], "version": settings["version"],
           "title": settings["title"] or dict.fromkeys(sorted(languages), settings["form_title"]),
           "roles": settings["roles"], "sections": sections}
    _add_languages(raw, settings, languages)
    return raw, rows


def _add_languages(raw: dict[str, Any], settings: dict[str, Any], found: set[str]) -> None:
    """The protocol's languages (intake::languages, else en, es and any other the texts are
    in) and its person words, only when there is more than English and Spanish."""
    extra = sorted(found - {"en", "es"})
    if settings["languages"] is not None:
        raw["languages"] = settings["languages"]
    elif extra:
        raw["languages"] = ["en", "es", *extra]
    if settings["person_words"]:
        raw["person_words"] = settings["person_words"]


def _pyxform_refusal(rows: Rows, message: str) -> XlsFormRefused:
    first = message.strip().splitlines()[0] if message.strip() else "unknown problem"
    found = _PYXFORM_ROW.search(message)
    named = _PYXFORM_SHEET.search(message)
    sheet = named.group(1) if named else SURVEY
    return rows.fail(sheet, int(found.group(1)) if found else 1, "xlsform_invalid",
                     _PYXFORM_ROW.sub("", first).strip())


def _settings(cells: dict[str, Any], rows: Rows) -> dict[str, Any]:
    for key in cells:
        if key not in _SETTINGS and not key.startswith(_BY_LANGUAGE):
            raise rows.fail(SETTINGS, 1, "setting_unsupported", key)
    form_id = cells.get("form_id", cells.get("id_string"))
    for needed, value in (("form_id", form_id), ("version", cells.get("version"))):
        if value is None:
            raise rows.fail(SETTINGS, 2 if cells else 1, "settings_missing", needed)
    try:
        default = cells.get("default_language")
        default_code = None if default is None else columns.language_code(str(default), None)
        title = {columns.language_code(k.removeprefix("intake::title::"), None): str(v)
                 for k, v in cells.items() if k.startswith("intake::title::")}
        person_words: dict[str, dict[str, str]] = {}
        for k, v in cells.items():
            if k.startswith("intake::person::"):
                name, _, header = k.removeprefix("intake::person::").partition("::")
                person_words.setdefault(name, {})[columns.language_code(header or k, None)] = str(v)
    except ExpressionRefused as exc:
        raise rows.fail(SETTINGS, 2, exc.reason, exc.detail) from None
    form_title = cells.get("form_title", cells.get("title"))
    if not title and form_title is None:
        raise rows.fail(SETTINGS, 2, "settings_missing", "form_title or intake::title::<language>")
    roles = str(cells["intake::roles"]).split() if "intake::roles" in cells else _ALL_ROLES
    languages = (str(cells["intake::languages"]).split() if "intake::languages" in cells
                 else None)
    return {"id": str(form_id), "version": str(cells["version"]), "title": title,
            "form_title": str(form_title), "roles": roles, "default_code": default_code,
            "languages": languages, "person_words": person_words}


def _question_names(children: list[Any]) -> list[str]:
    out: list[str] = []
    for child in children:
        if isinstance(child, Mapping):
            if child.get("type") not in ("group", "repeat", "note"):
                out.append(str(child.get("name")))
            out += _question_names(list(child.get("children") or []))
    return out


def _sections(children: list[Any], rows: Rows, default_code: str | None) -> list[dict[str, Any]]:
    order = _question_names(children)
    earlier: dict[str, Earlier] = {}
    sections: list[dict[str, Any]] = []
    for index, child in enumerate(children):
        name = str(child.get("name", ""))
        kind = child.get("type")
        if name == "meta" and dict(child.get("control") or {}).get("bodyless"):
            continue  # pyxform's own instanceID group, not a row of the form
        if _is_count_of_next(children, index, rows):
            continue  # pyxform's own calculate holding a plain repeat_count, not a row either
        if kind == "repeat":
            count = _repeat_count(child, children[index - 1] if index else {})
            sections += _repeat(child, count, rows, default_code, earlier, order)
            continue
        if kind == "note":
            raise rows.fail(SURVEY, rows.by_name.get(name, 1), "note_unsupported")
        if kind != "group":
            try:  # the question's own refusal (its type, a column) comes first
                question(child, Context({}, frozenset(), default_code, None))
            except ExpressionRefused as exc:
                if exc.reason not in _LATER_REASONS:
                    raise rows.at(name, exc) from None
            raise rows.fail(SURVEY, rows.by_name.get(name, 1), "outside_group", str(kind))
        sections.append(_section(child, rows, default_code, earlier, order))
    return sections


def _is_count_of_next(children: list[Any], index: int, rows: Rows) -> bool:
    """pyxform writes a plain repeat_count as a calculate `<repeat>_count` before the repeat."""
    child, after = children[index], children[index + 1] if index + 1 < len(children) else {}
    name = str(child.get("name", ""))
    return (child.get("type") == "calculate" and name not in rows.by_name
            and after.get("type") == "repeat" and name == f"{after.get('name')}_count")


def _repeat_count(element: Mapping[str, Any], before: Mapping[str, Any]) -> str | None:
    """The repeat_count cell: pyxform points jr:count at its own calculate for a plain value."""
    count = dict(element.get("control") or {}).get("jr:count")
    if count is not None and str(count) == "${" + str(before.get("name")) + "}":
        return str(dict(before.get("bind") or {}).get("calculate"))
    return None if count is None else str(count)


def _repeat(element: Mapping[str, Any], cell: str | None, rows: Rows, default_code: str | None,
            earlier: dict[str, Earlier], order: list[str]) -> list[dict[str, Any]]:
    """The repeat's copies as sections; `earlier` ends up naming the copies' questions."""
    name = str(element.get("name", ""))
    try:
        count = repeats.copies(cell)
    except ExpressionRefused as exc:
        raise rows.at(name, exc) from None
    template = _section(element, rows, default_code, earlier, order, repeat=True)
    own = [q["id"] for q in template["questions"]]
    for q in template["questions"]:
        if "fills" in q:  # a case field holds one value: copies would overwrite each other
            raise rows.fail(SURVEY, rows.by_name.get(q["id"], 1), "repeat_fills", q["id"])
    try:
        repeats.names(template, count, frozenset(rows.by_name))
    except repeats.NameRefused as exc:
        raise rows.at(exc.base, exc) from None
    sections = repeats.unroll(template, count)
    for q in own:  # a later question may not read the repeat's questions by their own names
        view, earlier[q] = earlier[q], INSIDE_REPEAT
        for k in range(1, count + 1):
            earlier[f"{q}_{k}"] = view
            rows.by_name.setdefault(f"{q}_{k}", rows.by_name.get(q, 1))
            rows.lists[f"{q}_{k}"] = rows.lists.get(q, "")
    for section in sections:
        rows.by_name.setdefault(section["id"], rows.by_name.get(name, 1))
        rows.section_questions[section["id"]] = [q["id"] for q in section["questions"]]
    return sections


def _section(group: Mapping[str, Any], rows: Rows, default_code: str | None,
             earlier: dict[str, Earlier], order: list[str], *,
             repeat: bool = False) -> dict[str, Any]:
    sid = str(group.get("name", ""))
    try:
        refuse_unknown_keys(group, _GROUP_KEYS, bind=("relevant",))
        control = dict(group.get("control") or {})
        if repeat:
            control.pop("jr:count", None)  # the repeat_count, read by _repeat_count
        if control:
            raise ExpressionRefused("appearance_unsupported", str(control.get("appearance", "")))
        section: dict[str, Any] = {"id": sid,
                                   "title": columns.localized(group.get("label"), default_code)}
    except ExpressionRefused as exc:
        raise rows.at(sid, exc) from None
    relevant = dict(group.get("bind") or {}).get("relevant")
    questions: list[dict[str, Any]] = []
    children = list(group.get("children") or [])
    for index, child in enumerate(children):
        name = str(child.get("name", ""))
        kind = child.get("type")
        if _is_count_of_next(children, index, rows):
            continue  # a repeat's count: the repeat below is refused
        if kind in ("group", "repeat"):
            reason = ("repeat_nested" if repeat else
                      "nested_group" if kind == "group" else "repeat_in_group")
            raise rows.fail(SURVEY, rows.by_name.get(name, 1), reason)
        try:
            if kind == "note":
                if index != 0:
                    raise ExpressionRefused("note_unsupported")
                refuse_unknown_keys(child, frozenset({"type", "name", "label"}), bind=())
                section["intro"] = columns.localized(child.get("label"), default_code)
                continue
            later = frozenset(order[order.index(name) + 1:]) if name in order else frozenset()
            raw = question(child, Context(earlier, later, default_code,
                                          None if relevant is None else str(relevant)))
        except ExpressionRefused as exc:
            raise rows.at(name, exc) from None
        rows.lists[name] = str(child.get("list_name", ""))
        earlier[name] = earlier_view(raw)
        questions.append(raw)
    rows.section_questions[sid] = [q["id"] for q in questions]
    section["questions"] = questions
    return section
