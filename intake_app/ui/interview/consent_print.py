"""Print the person's copy of a consent: a preview first, then a printer, or a PDF file where
the user picks one (never silently in the home folder)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDir, QMarginsF, QStandardPaths, Qt
from PySide6.QtGui import QAction, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import (
    QAbstractPrintDialog,
    QPrintDialog,
    QPrinter,
    QPrinterInfo,
    QPrintPreviewDialog,
)
from PySide6.QtWidgets import QFileDialog, QLabel, QToolBar, QWidget

from intake_app.domain.consent import Consent, GivenBy, day_of
from intake_app.ui.interview.consent_wording import ConsentChoices, summary_html


def summary_document(consent: Consent, recipient_name: str, language: str) -> QTextDocument:
    """The person's copy as a text document in `language`."""
    choices = ConsentChoices(
        recipient_name=recipient_name,
        purpose=consent.purpose,
        categories=consent.categories,
        expires_on=day_of(consent.expires_at),
        interpreter=consent.interpreter,
        purpose_text=consent.purpose_text,
    )
    doc = QTextDocument()
    given_on = consent.given_at.astimezone().date()
    guardian = consent.given_by is not GivenBy.PERSON
    doc.setHtml(summary_html(choices, consent.method, consent.wording, language, given_on,
                             guardian))
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


class ConsentPrintPreview(QPrintPreviewDialog):
    """The person's copy, previewed in memory. Print goes to a real printer only (never Qt's
    "print to file", which proposes an unencrypted PDF in the home folder); "Save as PDF…"
    writes a file only where the user picks one, after saying it is not encrypted."""

    def __init__(self, consent: Consent, recipient_name: str, language: str,
                 parent: QWidget | None = None) -> None:
        self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self._printer.setOutputFileName("")
        self._printer.setDocName("Consent")  # no case data in a print queue
        super().__init__(self._printer, parent)
        self._consent, self._recipient, self._language = consent, recipient_name, language
        self._document = summary_document(consent, recipient_name, language)
        self.paintRequested.connect(self._document.print_)
        self.setWindowTitle(self.tr("Preview of the person's copy"))
        toolbar = self.findChild(QToolBar)
        self.print_action = self._qt_print_action(toolbar)
        self.print_action.triggered.disconnect()  # Qt's own opens the print-to-file dialog
        self.print_action.triggered.connect(self._print)
        self.save_action = QAction(self.tr("Save as PDF…"), self)
        self.save_action.triggered.connect(self._choose_file)
        if toolbar is not None:
            toolbar.addAction(self.save_action)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.hide()
        layout = self.layout()
        if layout is not None:
            layout.addWidget(self.notice)
        self.print_dialog: QPrintDialog | None = None
        self.file_chooser: QFileDialog | None = None

    @staticmethod
    def _qt_print_action(toolbar: QToolBar | None) -> QAction:
        actions = [a for a in (toolbar.actions() if toolbar else []) if not a.isSeparator()]
        if not actions:
            raise RuntimeError("the print preview has no toolbar")
        return actions[-1]  # Qt's toolbar ends with Page setup, Print

    def _say(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    def _print(self) -> None:
        if not QPrinterInfo.availablePrinters():
            self._say(self.tr("No printer is set up on this laptop. Use “Save as PDF…” to "
                              "choose where a copy goes: that file is not encrypted."))
            return
        self._printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
        self._printer.setOutputFileName("")
        dialog = QPrintDialog(self._printer, self)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
        dialog.accepted.connect(self._print_chosen)
        self.print_dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()

    def _print_chosen(self) -> None:
        if self._printer.outputFileName():  # a printer driver asked for a file: not here
            self._say(self.tr("That printer writes a file. Use “Save as PDF…” instead."))
            return
        self._document.print_(self._printer)
        self.accept()

    def _choose_file(self) -> None:
        chooser = QFileDialog(self, self.tr("Save a PDF copy: it is not encrypted"))
        chooser.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # so the warning shows
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.setFileMode(QFileDialog.FileMode.AnyFile)
        chooser.setNameFilter(self.tr("PDF files (*.pdf)"))
        chooser.setDefaultSuffix("pdf")
        chooser.setLabelText(QFileDialog.DialogLabel.Accept, self.tr("Save unencrypted PDF"))
        chooser.setDirectory(str(start_folder()))
        chooser.selectFile("consent.pdf")  # no case data in the name
        chooser.fileSelected.connect(self._save)
        self.file_chooser = chooser
        chooser.open()

    def _save(self, path: str) -> None:
        print_consent_summary(self._consent, self._recipient, self._language, Path(path))
        self._say(self.tr("Saved. Keep the file only as long as it is needed, then delete it."))


def start_folder() -> Path:
    """Where "Save as PDF" starts: Documents or Desktop if there is one, else the top of the
    file system; never the home folder itself, where a stray copy is easily forgotten."""
    home = Path(QDir.homePath()).resolve()
    for kind in (QStandardPaths.StandardLocation.DocumentsLocation,
                 QStandardPaths.StandardLocation.DesktopLocation):
        found = QStandardPaths.writableLocation(kind)
        if found and Path(found).is_dir() and Path(found).resolve() != home:
            return Path(found)
    return Path(QDir.rootPath())


def open_print_preview(consent: Consent, recipient_name: str, language: str,
                       parent: QWidget | None = None) -> ConsentPrintPreview:
    """Show the preview (not modal: the consent dialog stays usable behind it)."""
    preview = ConsentPrintPreview(consent, recipient_name, language, parent)
    preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    preview.open()
    return preview
