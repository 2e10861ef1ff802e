"""The disclosure receipt as a printable PDF: the sentences of domain.receipt laid out for paper,
through the reports' Qt writer (ui/reports/pdf.html_pdf). The bytes go only to the file the user
chose (written 0600, atomically); the PDF's title is the receipt's heading, never case data."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtGui import QGuiApplication

from intake_app.domain.receipt import Receipt, ReceiptEntry
from intake_app.paths import atomic_write
from intake_app.ui.reports.pdf import html_pdf

FONT_POINTS = 12  # larger than a report: the person reads it, perhaps on a bad day
# One weight, with sizes for headings (as the reports do): the PDF embeds one font, so the file
# stays small and its text can be read back by the tests.


def receipt_html(receipt: Receipt) -> str:
    e = html.escape
    parts = [
        f"<html lang='{e(receipt.language)}'><body style='color:#000000'>",
        f"<p style='font-size:20pt'>{e(receipt.title)}</p>",
        f"<p style='font-size:14pt'>{e(receipt.case_line)}</p><p>{e(receipt.made_line)}</p>",
        f"<p>{e(receipt.intro)}</p>",
        f"<p style='{_HEADING}'>{e(receipt.withdraw_heading)}</p>",
        f"<p>{e(receipt.withdraw_text)}</p>",
    ]
    if receipt.handed_note:
        parts.append(f"<p>{e(receipt.handed_note)}</p>")
    if receipt.contacts:
        items = "".join(f"<li>{e(c)}</li>" for c in receipt.contacts)
        parts.append(f"<p>{e(receipt.reach_line)}</p><ul style='margin-top:0'>{items}</ul>")
    if not receipt.entries:
        parts.append(f"<p style='font-size:14pt'>{e(receipt.none_text)}</p>")
    parts += [_entry_html(entry, receipt.sent_heading) for entry in receipt.entries]
    parts.append(f"<p style='font-size:10pt; margin-top:18px'>{e(receipt.keep_text)}</p>"
                 "</body></html>")
    return "".join(parts)


_HEADING = "font-size:16pt; margin-top:20px"
_LABEL = "padding:3px 14px 3px 0; color:#444444"


def _entry_html(entry: ReceiptEntry, sent_heading: str) -> str:
    e = html.escape
    # A withdrawn or ended agreement says so first, in words (a grey heading is lost in a copy).
    shade = "#555555" if entry.withdrawn or entry.expired else "#000000"
    rows = "".join(
        f"<tr><td style='{_LABEL}' valign='top'>{e(k)}</td>"
        f"<td style='padding:3px 0' valign='top'>{e(v)}</td></tr>"
        for k, v in entry.rows
    )
    sent = "".join(f"<li>{e(line)}</li>" for line in entry.sent)
    return (
        f"<p style='{_HEADING}; color:{shade}'>{e(entry.recipient)}</p>"
        f"<p style='font-size:13pt'>{e(entry.state)}</p>"
        f"<table cellspacing='0'>{rows}</table>"
        f"<p style='color:#444444'>{e(sent_heading)}</p><ul style='margin-top:0'>{sent}</ul>"
    )


def receipt_pdf(receipt: Receipt) -> bytes:
    """The receipt as an A4 PDF; needs a QGuiApplication (offscreen is enough)."""
    return html_pdf(receipt_html(receipt), receipt.title, FONT_POINTS)


def save_receipt(receipt: Receipt, path: Path) -> None:
    """Write the PDF to `path`, and nowhere else (no temporary copy outside its folder)."""
    atomic_write(path, receipt_pdf(receipt))


def save_from_command_line(receipt: Receipt, path: Path) -> None:
    """`intake consent receipt`: Qt draws the PDF with no window (the offscreen platform), so
    it works over SSH and on a laptop with no display; an app already running is reused."""
    if QGuiApplication.instance() is None:
        _APP.append(QGuiApplication(["intake", "-platform", "offscreen"]))
    save_receipt(receipt, path)


_APP: list[QGuiApplication] = []  # kept alive for the process: Qt allows one application
