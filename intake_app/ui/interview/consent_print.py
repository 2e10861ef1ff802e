"""Print the person's copy of a consent: to a PDF file, or through the system print dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from intake_app.domain.consent import Consent, day_of
from intake_app.ui.interview.consent_wording import ConsentChoices, summary_html


def summary_document(consent: Consent, recipient_name: str, language: str) -> QTextDocument:
    """The person's copy as a text document in `language`."""
    choices = ConsentChoices(
        recipient_name=recipient_name,
        purpose=consent.purpose,
        categories=consent.categories,
        expires_on=day_of(consent.expires_at),
        interpreter=consent.interpreter,
    )
    doc = QTextDocument()
    given_on = consent.given_at.astimezone().date()
    doc.setHtml(summary_html(choices, consent.method, consent.wording, language, given_on))
    return doc


def print_consent_summary(consent: Consent, recipient_name: str, language: str, path: Path) -> None:
    """Write the person's copy (what, with whom, until when, how to withdraw) as a PDF."""
    writer = QPdfWriter(str(path))
    writer.setResolution(150)
    writer.setTitle("Consent")  # no case data in the PDF's metadata
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.Letter),
            QPageLayout.Orientation.Portrait,
            QMarginsF(20, 20, 20, 20),
            QPageLayout.Unit.Millimeter,
        )
    )
    doc = summary_document(consent, recipient_name, language)
    doc.print_(writer)


def print_with_dialog(
    consent: Consent, recipient_name: str, language: str, parent: QWidget | None = None
) -> bool:
    """Ask for a printer and print the person's copy; False when the interviewer cancels."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    summary_document(consent, recipient_name, language).print_(printer)
    return True
