"""Printable PDF of a published report, drawn by Qt (QTextDocument onto QPdfWriter).

Why Qt and not a PDF library: PySide6 is already shipped, its PDF writer embeds (subsets of)
real fonts, so Spanish accents print, and it paginates tables. The cost is a QGuiApplication,
which the CLI can start with the offscreen platform. One font in one weight is used on purpose:
the file stays small and its text can be checked (tests read it back).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import QFont, QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from intake_app.domain.reporting.labels import label
from intake_app.domain.reporting.tables import PublishedReport
from intake_app.exports.layout import Kind, Line, report_lines

_SIZES = {Kind.HEADING: 16, Kind.TITLE: 12, Kind.NOTE: 8}


def _html(lines: list[Line]) -> str:
    parts: list[str] = []
    table: list[str] = []

    def close() -> None:
        if table:
            parts.append('<table border="1" cellspacing="0" cellpadding="3">' + "".join(table) + "</table>")
            table.clear()

    for line in lines:
        text = [html.escape(str(v)) for v in line.values]
        if line.kind in (Kind.HEADER, Kind.DATA, Kind.TOTAL):
            cells = "".join(
                f'<td align="{"left" if i == 0 else "right"}">{t}</td>' for i, t in enumerate(text)
            )
            shade = ' bgcolor="#e6e6e6"' if line.kind is not Kind.DATA else ""
            table.append(f"<tr{shade}>{cells}</tr>")
            continue
        close()
        if line.kind is Kind.BLANK:
            parts.append("<p></p>")
        else:
            size = _SIZES.get(line.kind, 10)
            parts.append(f'<p style="font-size:{size}pt">{" ".join(text)}</p>')
    close()
    return "".join(parts)


def to_pdf(report: PublishedReport, language: str = "en") -> bytes:
    """An A4 PDF of the report; needs a QGuiApplication (offscreen is enough)."""
    return html_pdf(_html(report_lines(report, language)), label(report.kind, language))


def html_pdf(body: str, title: str, font_size: int = 10) -> bytes:
    """An A4 PDF of an HTML body, drawn by QTextDocument in memory (the bytes are the caller's
    to write where the user chose); needs a QGuiApplication. The disclosure receipt prints
    through here too (ui/receipt_pdf.py)."""
    if QGuiApplication.instance() is None:
        raise RuntimeError("html_pdf needs a QGuiApplication")
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("Field Intake")
    writer.setPageLayout(QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
        QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter,
    ))
    document = QTextDocument()
    document.setDefaultFont(QFont("DejaVu Sans", font_size))
    document.setHtml(body)
    document.print_(writer)
    del writer  # finishes the file
    buffer.close()
    return bytes(data.data())
