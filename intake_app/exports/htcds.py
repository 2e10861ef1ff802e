"""An HTCDS record as a file: JSON (one object, the standard's field names as keys) or CSV.

CSV: one header row of field names in the standard's order and one row of values, UTF-8 with a
byte-order mark so spreadsheets read accents; a multiselect's value names are joined with ";"
(how Salesforce, the standard's reference system, stores a multi-select picklist). A cell that a
spreadsheet would run as a formula (starting with = + - @ or a tab) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import json

from intake_app.domain.htcds import Record

MULTISELECT_SEPARATOR = ";"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_json(record: Record) -> bytes:
    return (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _cell(value: str | list[str]) -> str:
    text = MULTISELECT_SEPARATOR.join(value) if isinstance(value, list) else value
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def to_csv(record: Record) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(list(record))
    writer.writerow([_cell(v) for v in record.values()])
    return out.getvalue().encode("utf-8-sig")
