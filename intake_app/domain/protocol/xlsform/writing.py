"""A Protocol -> an XLSForm workbook (bytes), written so that importing it gives it back.

Every Field Intake field is written out explicitly (no default is relied on), each section is a
group, its intro a note as the group's first row, and a yes/no question uses the shared list
yes_no. Numbers are `decimal` (the app's number takes both).
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import openpyxl

from intake_app.domain.protocol.conditions import AllOf, Answered, AnswerIs, AnyOf, Condition
from intake_app.domain.protocol.model import LANGUAGES, AnswerType, Localized, Protocol, Question
from intake_app.domain.protocol.value_checks import AllPass, Check, Compare, Length, NotPass

_LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "fr": "French", "pt": "Portuguese"}
_YES_NO = {"yes": {"en": "Yes", "es": "Sí"}, "no": {"en": "No", "es": "No"}}
_TYPES = {AnswerType.SHORT_TEXT: "text", AnswerType.LONG_TEXT: "text", AnswerType.LANGUAGE: "text",
          AnswerType.NUMBER: "decimal", AnswerType.DATE: "date",
          AnswerType.DATETIME: "dateTime", AnswerType.TIME: "time",
          AnswerType.SINGLE_CHOICE: "select_one", AnswerType.AGE_RANGE: "select_one",
          AnswerType.MULTIPLE_CHOICE: "select_multiple", AnswerType.YES_NO: "select_one"}
_META = ("intake::sensitivity", "intake::category", "intake::identifying", "intake::fills",
         "intake::roles", "intake::age", "intake::danger", "intake::indicator", "intake::feeds",
         "intake::type")


def _header(code: str) -> str:
    return f"{_LANGUAGE_NAMES.get(code, code)} ({code})"


def _languages(protocol: Protocol) -> list[str]:
    codes = {lang for lang, _ in protocol.titles.items}
    for section in protocol.sections:
        codes |= {lang for lang, _ in section.titles.items}
        for q in section.questions:
            codes |= {lang for lang, _ in q.texts.items}
    return sorted(codes, key=lambda c: (c != "en", c))


def _literal(value: object) -> str:
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f")  # never 1e-05: XLSForm has no exponents
    if isinstance(value, int) and not isinstance(value, bool):
        return repr(value)
    text = str(value)
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    raise ValueError("a condition value holds both kinds of quote; XLSForm cannot write it")


def expression(condition: Condition, protocol: Protocol) -> str:
    """The `relevant` that imports back as `condition`."""
    if isinstance(condition, Answered):
        return "${" + condition.question + "} != ''"
    if isinstance(condition, AnswerIs):
        multiple = protocol.question(condition.question).type is AnswerType.MULTIPLE_CHOICE
        ref = "${" + condition.question + "}"
        parts = [f"selected({ref}, {_literal(v)})" if multiple else f"{ref} = {_literal(v)}"
                 for v in condition.test.values]
        return " or ".join(parts)
    joiner = " or " if isinstance(condition, AnyOf) else " and "
    assert isinstance(condition, AnyOf | AllOf)
    return joiner.join(f"({expression(item, protocol)})" for item in condition.items)


def constraint(check: Check) -> str:
    """The `constraint` that imports back as `check`."""
    if isinstance(check, Compare):
        return f". {check.op} {_literal(check.value)}"
    if isinstance(check, Length):
        return f"string-length(.) {check.op} {check.length}"
    if isinstance(check, NotPass):
        return f"not({constraint(check.item)})"
    joiner = " and " if isinstance(check, AllPass) else " or "
    return joiner.join(f"({constraint(item)})" for item in check.items)


def _texts(prefix: str, texts: Localized | None, languages: list[str]) -> dict[str, str]:
    if texts is None:
        return {}
    have = dict(texts.items)
    return {f"{prefix}::{_header(lang)}": have[lang] for lang in languages if lang in have}


def _question_row(q: Question, protocol: Protocol, languages: list[str]) -> dict[str, str]:
    xls_type = _TYPES[q.type]
    if q.type in (AnswerType.SINGLE_CHOICE, AnswerType.AGE_RANGE, AnswerType.MULTIPLE_CHOICE):
        xls_type += f" {q.id}"
    elif q.type is AnswerType.YES_NO:
        xls_type += " yes_no"
    row = {"type": xls_type, "name": q.id, **_texts("label", q.texts, languages),
           **_texts("intake::note", q.notes, languages),
           "intake::sensitivity": q.sensitivity.value, "intake::category": q.category.value,
           "intake::identifying": "yes" if q.identifying else "no"}
    if q.type is AnswerType.LONG_TEXT:
        row["appearance"] = "multiline"
    if q.type is AnswerType.LANGUAGE:
        row["intake::type"] = "language"
    if q.show_if is not None:
        row["relevant"] = expression(q.show_if, protocol)
    if q.check is not None:
        row["constraint"] = constraint(q.check)
        row.update(_texts("constraint_message", q.check_message, languages))
    if q.fills is not None:
        row["intake::fills"] = q.fills
    if q.roles:
        row["intake::roles"] = " ".join(sorted(q.roles))
    if q.age:
        row["intake::age"] = "yes"
    if q.danger is not None:
        row["intake::danger"] = " ".join(str(v) for v in q.danger.values)
    if q.indicators:
        row["intake::indicator"] = "; ".join(
            f"{tag.group.value}: {' '.join(str(v) for v in tag.when.values)}"
            for tag in q.indicators)
    if q.feeds is not None:
        pairs = " ".join(f"{option}={value}" for option, value in q.feeds.mapping)
        row["intake::feeds"] = f"{q.feeds.fact}: {pairs}" if pairs else q.feeds.fact
    return row


def _sheet(book: Any, title: str, rows: list[dict[str, str]], first: list[str]) -> None:
    sheet = book.create_sheet(title)
    headers = list(first)
    for row in rows:
        headers += [key for key in row if key not in headers]
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a text starting with "=" is text, never a formula


def to_xlsform(protocol: Protocol) -> bytes:
    """The protocol as an .xlsx XLSForm (survey, choices, settings)."""
    languages = _languages(protocol)
    survey: list[dict[str, str]] = []
    choices: list[dict[str, str]] = []
    uses_yes_no = False
    for section in protocol.sections:
        survey.append({"type": "begin_group", "name": section.id,
                       **_texts("label", section.titles, languages)})
        if section.intros is not None:
            survey.append({"type": "note", "name": f"{section.id}_intro",
                           **_texts("label", section.intros, languages)})
        for q in section.questions:
            survey.append(_question_row(q, protocol, languages))
            uses_yes_no |= q.type is AnswerType.YES_NO
            choices += [{"list_name": q.id, "name": o.id, **_texts("label", o.texts, languages),
                         **({"intake::indicators": " ".join(g.value for g in o.indicators)}
                            if o.indicators else {})}
                        for o in q.options]
        survey.append({"type": "end_group"})
    if uses_yes_no:
        choices += [{"list_name": "yes_no", "name": value,
                     **{f"label::{_header(lang)}": words.get(lang, words["en"])
                        for lang in languages}} for value, words in _YES_NO.items()]
    settings = {"form_id": protocol.id, "version": protocol.version,
                "form_title": protocol.title(languages[0]),
                **_texts("intake::title", protocol.titles, languages),
                "intake::roles": " ".join(sorted(protocol.roles)), "clean_text_values": "no"}
    if protocol.languages != LANGUAGES:
        settings["intake::languages"] = " ".join(protocol.languages)
    for key, texts in protocol.person_words:
        settings |= _texts(f"intake::person::{key}", texts, languages)
    book = openpyxl.Workbook()
    book.remove(book.active)
    _sheet(book, "survey", survey, ["type", "name", *(f"label::{_header(lang)}"
                                                      for lang in languages)])
    _sheet(book, "choices", choices, ["list_name", "name"])
    _sheet(book, "settings", [settings], [])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
