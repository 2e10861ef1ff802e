"""The seam other parts call: XLSForm bytes -> a validated Protocol, or one XlsFormRefused.

The raw dict goes through the same validating loader as the shipped files (parse_protocol);
what it refuses is said again with the sheet and row it came from.
"""

from __future__ import annotations

import re
from typing import Any

from intake_app.domain.protocol.loading import ProtocolError, parse_protocol
from intake_app.domain.protocol.model import Protocol
from intake_app.domain.protocol.xlsform.reading import CHOICES, SETTINGS, SURVEY, Rows, read_xlsform
from intake_app.errors import XlsFormRefused

_QUESTION = re.compile(r"^question '([^']*)'(?: option (?:#(\d+)|'([^']*)'))?")
_NTH_QUESTION = re.compile(r"^question #(\d+) in section '([^']*)'")
_SECTION = re.compile(r"^section '([^']*)'")


def xlsform_to_protocol_json(data: bytes, file_name: str) -> tuple[dict[str, Any], Protocol]:
    """The raw protocol JSON (what a protocol file holds) and the Protocol it loads as."""
    raw, rows = read_xlsform(data, file_name)
    try:
        return raw, parse_protocol(raw, file_name)
    except ProtocolError as exc:
        raise _located(rows, raw, str(exc.ids["where"]), str(exc.ids["problem"])) from None


def import_xlsform(data: bytes, file_name: str) -> Protocol:
    """Read an XLSForm into a validated Protocol; raises XlsFormRefused naming sheet and row."""
    return xlsform_to_protocol_json(data, file_name)[1]


def _located(rows: Rows, raw: dict[str, Any], where: str, problem: str) -> XlsFormRefused:
    detail = f"{where}: {problem}"
    sheet, row = SURVEY, 1
    if (found := _QUESTION.match(where)) is not None:
        name, number, option = found.groups()
        sheet, row = SURVEY, rows.by_name.get(name, 1)
        if number is not None or option is not None:
            option = option or _nth_option(raw, name, int(number or 0))
            key = (rows.lists.get(name, ""), option or "")
            if key in rows.choices:
                sheet, row = CHOICES, rows.choices[key]
    elif (found := _NTH_QUESTION.match(where)) is not None:
        names = [q.get("id") for s in raw["sections"] if s.get("id") == found.group(2)
                 for q in s["questions"]]
        index = int(found.group(1)) - 1
        if 0 <= index < len(names):
            row = rows.by_name.get(str(names[index]), 1)
    elif (found := _SECTION.match(where)) is not None:
        row = rows.by_name.get(found.group(1), 1)
    elif where.startswith("protocol"):
        sheet, row = SETTINGS, 2
    return rows.fail(sheet, row, "protocol_invalid", detail)


def _nth_option(raw: dict[str, Any], name: str, number: int) -> str | None:
    for section in raw["sections"]:
        for q in section["questions"]:
            if q.get("id") == name and 0 < number <= len(q.get("options", [])):
                return str(q["options"][number - 1].get("id"))
    return None
