"""One XLSForm question (as pyxform's JSON has it) to one raw protocol question, or a refusal.

Types: text -> short_text (appearance multiline: long_text; intake::type language: language),
integer and decimal -> number, date -> date, dateTime -> datetime, time -> time, select_one ->
single_choice (a list of exactly yes and no: yes_no; exactly the age ranges: age_range),
select_multiple -> multiple_choice.
hint and guidance_hint (shown to whoever fills in the form: here the interviewer) are the note.
A constraint and its constraint_message become the question's check (checks.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pyxform.aliases import yes_no

from intake_app.domain.protocol.model import AGE_RANGES
from intake_app.domain.protocol.xlsform import checks, columns
from intake_app.domain.protocol.xlsform.conditions import Earlier, to_show_if
from intake_app.domain.protocol.xlsform.expressions import ExpressionRefused, parse

_TYPES = {"text": "short_text", "integer": "number", "decimal": "number", "date": "date",
          "select one": "single_choice", "select all that apply": "multiple_choice",
          "dateTime": "datetime", "datetime": "datetime", "time": "time"}
_KEYS = frozenset({"type", "name", "label", "intake", "bind", "itemset", "list_name", "choices",
                   "parameters", "control", "hint", "guidance_hint"})
# pyxform's key (column) -> the reason it is refused; any other unknown key: column_unsupported.
_REFUSED_KEYS = {"hint": "hint_unsupported", "guidance_hint": "hint_unsupported",
                 "calculate": "calculate_unsupported",
                 "choice_filter": "choice_filter_unsupported", "default": "default_unsupported",
                 "readonly": "read_only_unsupported", "media": "media_unsupported"}
_BIND = ("relevant", "required", "constraint", checks.MESSAGE_KEY)  # a question's bind columns
_APPEARANCES = {"text": {"multiline"}, "date": {"year", "month-year"},
                "select one": {"minimal"}, "select all that apply": {"minimal"}}


class ChoiceRefused(ExpressionRefused):
    """A refusal on the choices sheet: `choice` is the (list name, choice name) at fault."""

    def __init__(self, reason: str, detail: str, choice: tuple[str, str]) -> None:
        super().__init__(reason, detail)
        self.choice = choice


@dataclass(frozen=True, slots=True)
class Context:
    """What translating one question needs of the rest of the form."""

    earlier: Mapping[str, Earlier]  # questions before this one
    later: frozenset[str]  # names of questions after it
    default_code: str | None  # the settings' default language code
    group_relevant: str | None  # the enclosing group's relevant, applied to each question


def refuse_unknown_keys(element: Mapping[str, Any], allowed: frozenset[str],
                        bind: tuple[str, ...] = ("relevant", "required")) -> None:
    """Refuse every column of `element` outside `allowed` (and `bind`, pyxform's nest of
    relevant, required, constraint...), each with its own reason."""
    for key in element:
        if key not in allowed and key != "bind":
            raise ExpressionRefused(_REFUSED_KEYS.get(key, "column_unsupported"), key)
    for key, value in dict(element.get("bind") or {}).items():
        if key not in bind:
            raise ExpressionRefused(_REFUSED_KEYS.get(key, "column_unsupported"),
                                    "required_message" if key == "jr:requiredMsg" else key)
        if key == "required" and yes_no.get(str(value).strip()) is None:
            raise ExpressionRefused("required_expression", str(value))


def _appearance(element: Mapping[str, Any], xls_type: str) -> str | None:
    control = dict(element.get("control") or {})
    appearance = control.pop("appearance", None)
    if control:
        raise ExpressionRefused("column_unsupported", sorted(control)[0])
    if appearance is None:
        return None
    if str(appearance) not in _APPEARANCES.get(xls_type, set()):
        raise ExpressionRefused("appearance_unsupported", str(appearance))
    return str(appearance)


def _options(element: Mapping[str, Any], default_code: str | None) -> list[dict[str, Any]]:
    list_name = str(element.get("list_name", ""))
    options = []
    for choice in element.get("choices") or []:
        key = (list_name, str(choice.get("name", "")))
        for column in choice:
            if column not in ("name", "label", "intake"):
                reason = "media_unsupported" if column == "media" else "column_unsupported"
                raise ChoiceRefused(reason, column, key)
        intake = choice.get("intake", {})
        if not isinstance(intake, dict) or set(intake) - {"indicators"}:
            raise ChoiceRefused("column_unsupported", "intake", key)
        try:
            text = columns.localized(choice.get("label"), default_code)
        except ExpressionRefused as exc:
            raise ChoiceRefused(exc.reason, exc.detail, key) from None
        option: dict[str, Any] = {"id": key[1], "text": text}
        if "indicators" in intake:  # the loader checks each group's name and where it may go
            option["indicators"] = str(intake["indicators"]).split()
        options.append(option)
    return options


def question(element: Mapping[str, Any], ctx: Context) -> dict[str, Any]:
    """The raw protocol question; raises ExpressionRefused (or ChoiceRefused) with a reason."""
    xls_type = str(element.get("type", ""))
    name = str(element.get("name", ""))
    if xls_type not in _TYPES:
        raise ExpressionRefused("calculate_unsupported" if xls_type == "calculate"
                                else "type_unsupported", xls_type)
    refuse_unknown_keys(element, _KEYS, _BIND)
    if element.get("parameters"):
        raise ExpressionRefused("column_unsupported", "parameters")
    appearance = _appearance(element, xls_type)
    qtype = _TYPES[xls_type]
    options = _options(element, ctx.default_code) if qtype in ("single_choice",
                                                               "multiple_choice") else []
    ids = [o["id"] for o in options]
    if qtype == "single_choice" and sorted(ids) == ["no", "yes"]:
        qtype, options = "yes_no", []  # the app shows its own Yes / No in every language
    elif qtype == "single_choice" and sorted(ids) == sorted(AGE_RANGES):
        qtype = "age_range"
    elif appearance == "multiline":
        qtype = "long_text"
    intake = dict(element.get("intake") or {})
    if "type" in intake:
        if str(intake["type"]).strip() != "language" or qtype != "short_text":
            raise ExpressionRefused("intake_value", "intake::type can only be language, on text")
        qtype = "language"
    text = columns.localized(element.get("label"), ctx.default_code)
    raw: dict[str, Any] = {"id": name, "text": text, "type": qtype}
    raw.update(columns.metadata(intake, name, qtype, set(text), ctx.default_code))
    hinted = columns.hint_note(element.get("hint"), element.get("guidance_hint"),
                               ctx.default_code)
    if hinted is not None:
        if "note" in intake:  # which of the two the interviewer should read is the form's call
            raise ExpressionRefused("hint_and_note", "hint" if "hint" in element
                                    else "guidance_hint")
        raw["note"] = hinted
    if options:
        raw["options"] = options
    show_if = _show_if(element, name, ctx)
    if show_if is not None:
        raw["show_if"] = show_if
    raw.update(checks.check_fields(dict(element.get("bind") or {}), qtype, ctx.default_code))
    return raw


def earlier_view(raw: Mapping[str, Any]) -> Earlier:
    """What later conditions may read of a translated question."""
    if raw["type"] == "yes_no":
        return Earlier("yes_no", ("yes", "no"))
    return Earlier(raw["type"], tuple(o["id"] for o in raw.get("options", [])))


def _show_if(element: Mapping[str, Any], name: str, ctx: Context) -> dict[str, Any] | None:
    own = dict(element.get("bind") or {}).get("relevant")
    parts = [to_show_if(parse(str(text)), ctx.earlier, ctx.later, name)
             for text in (ctx.group_relevant, own) if text]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else {"all_of": parts}
