"""One printable layout of a published report, shared by the CSV, XLSX and PDF writers.

Rows of plain values with a kind (title, header, data, total, note, blank), so that every
format prints the same tables, the same totals and the same rule sentence under each table.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from intake_app.domain.reporting.labels import label, period_text, rule_sentence, shown_text
from intake_app.domain.reporting.tables import Hidden, PublishedReport, PublishedTable, Shown

Value = str | int


class Kind(enum.StrEnum):
    HEADING = "heading"  # the report's title
    TITLE = "title"  # a table's title
    HEADER = "header"
    DATA = "data"
    TOTAL = "total"
    NOTE = "note"
    BLANK = "blank"


@dataclass(frozen=True, slots=True)
class Line:
    kind: Kind
    values: tuple[Value, ...]


def _cell(value: Shown, threshold: int) -> Value:
    return shown_text(value, threshold) if isinstance(value, Hidden) else value


def table_lines(report: PublishedReport, table: PublishedTable, language: str) -> list[Line]:
    t = report.threshold
    words = [label(c, language, table.id) for c in table.columns]
    wide_totals = table.row_totals is not None
    lines = [
        Line(Kind.TITLE, (label(table.id, language),)),
        Line(Kind.HEADER, ("", *words, *((label("total", language),) if wide_totals else ()))),
    ]
    if table.withheld:
        return [*lines[:1], Line(Kind.NOTE, (label("withheld", language),)), Line(Kind.BLANK, ())]
    for r, key in enumerate(table.rows):
        extra = (_cell(table.row_totals[r], t),) if table.row_totals is not None else ()
        cells = tuple(_cell(v, t) for v in table.cells[r])
        lines.append(Line(Kind.DATA, (label(key, language, table.id), *cells, *extra)))
    if table.column_totals is not None and table.grand_total is not None:
        totals = tuple(_cell(v, t) for v in table.column_totals)
        lines.append(Line(Kind.TOTAL, (label("total", language), *totals, _cell(table.grand_total, t))))
    elif table.grand_total is not None:
        lines.append(Line(Kind.TOTAL, (label("total", language), _cell(table.grand_total, t))))
    else:
        lines.append(Line(Kind.NOTE, (label("no_total", language),)))
    lines.append(Line(Kind.NOTE, (rule_sentence(report, language),)))
    lines.append(Line(Kind.BLANK, ()))
    return lines


def measure_lines(report: PublishedReport, language: str) -> list[Line]:
    lines: list[Line] = []
    for m in report.measures:
        if m.withheld:
            value = label("measure_withheld", language).format(t=report.threshold)
        elif m.value is None:
            value = label("measure_none", language)
        else:
            value = label("days", language).format(value=f"{m.value:g}")
        lines.append(Line(Kind.DATA, (label(m.id, language), value)))
    return [*lines, Line(Kind.BLANK, ())] if lines else []


def report_lines(report: PublishedReport, language: str) -> list[Line]:
    """Every line of the report, top to bottom."""
    head = [Line(Kind.HEADING, (label(report.kind, language),)),
            Line(Kind.NOTE, (period_text(report, language),))]
    if report.combined_from > 1:
        head.append(Line(Kind.NOTE, (label("combined", language).format(n=report.combined_from),)))
    lines = [*head, Line(Kind.BLANK, ()), *measure_lines(report, language)]
    for table in report.tables:
        lines += table_lines(report, table, language)
    return lines
