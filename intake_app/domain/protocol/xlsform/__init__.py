"""Protocols written in a spreadsheet: XLSForm in (through pyxform) and out (openpyxl).

    importing.py    the seam: import_xlsform(bytes, file name) -> Protocol, or XlsFormRefused
    reading.py      workbook -> raw protocol JSON, through pyxform's reader and structure
    questions.py    one question: types, choices, columns that are refused
    repeats.py      a repeat unrolled into numbered sections, each copy waiting for the last
    columns.py      Field Intake's own intake:: columns and the safe defaults without them
    expressions.py  the `relevant` and `constraint` subset: pyxform's tokens, our parser
    conditions.py   a parsed relevant -> show_if, or a reason it cannot be honoured
    checks.py       a parsed constraint (and its message) -> the question's check
    refusals.py     every reason code and its words
    writing.py      Protocol -> XLSForm bytes (round trip: import(export(p)) == p)

The README section "Writing a protocol in a spreadsheet" is the user's guide to all of it.
"""

from intake_app.domain.protocol.xlsform.importing import import_xlsform, xlsform_to_protocol_json
from intake_app.domain.protocol.xlsform.reading import MAX_XLSFORM_BYTES
from intake_app.domain.protocol.xlsform.refusals import REASONS
from intake_app.domain.protocol.xlsform.writing import to_xlsform

__all__ = ["MAX_XLSFORM_BYTES", "REASONS", "import_xlsform", "to_xlsform",
           "xlsform_to_protocol_json"]
