"""XLSX with openpyxl: one sheet, counts as numbers (so a spreadsheet can add them), markers as text."""

from __future__ import annotations

import io
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from intake_app.domain.reporting.labels import label
from intake_app.domain.reporting.tables import PublishedReport
from intake_app.exports.layout import Kind, report_lines

_FIXED_TIME = datetime(2000, 1, 1)  # no clock in the file: two exports of one report are equal
_BOLD = Font(bold=True)
_FONTS = {Kind.HEADING: Font(bold=True, size=14), Kind.TITLE: Font(bold=True, size=12),
          Kind.HEADER: _BOLD, Kind.TOTAL: _BOLD, Kind.NOTE: Font(italic=True, size=9)}


def to_xlsx(report: PublishedReport, language: str = "en") -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = report.period.label[:31]
    book.properties.creator = "Field Intake"
    book.properties.title = label(report.kind, language)
    book.properties.created = book.properties.modified = _FIXED_TIME
    for number, line in enumerate(report_lines(report, language), 1):
        for column, value in enumerate(line.values, 1):
            cell = sheet.cell(row=number, column=column, value=value)
            if line.kind in _FONTS:
                cell.font = _FONTS[line.kind]
            if isinstance(value, str) and column > 1 and line.kind in (Kind.DATA, Kind.TOTAL):
                cell.alignment = Alignment(horizontal="right")  # "<5" lines up with the numbers
    sheet.column_dimensions["A"].width = 44
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
