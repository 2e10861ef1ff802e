"""A picture of a person's document shown in memory (a photographed card, a PDF's first page):
one window for the case's own files and a partner's; never a temp file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from intake_app.pdf_preview import Page
from intake_app.ui.i18n import tr


def page_image(page: Page) -> QImage:
    """A rendered PDF page as an image (a copy: the bytes it was made from may go)."""
    return QImage(page.rgb, page.width, page.height, page.stride,
                  QImage.Format.Format_RGB888).copy()


def preview_dialog(parent: QWidget, title: str, image: QImage) -> QDialog:
    """Shown (non-modal, deleted on close); the caller keeps a reference while it is open."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setProperty("caseData", True)
    picture = QLabel()
    picture.setPixmap(QPixmap.fromImage(image))
    picture.setAccessibleName(tr("CaseView", "Preview"))
    scroll = QScrollArea()
    scroll.setWidget(picture)
    close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    close.button(QDialogButtonBox.StandardButton.Close).setText(tr("CaseView", "Close"))
    close.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(scroll, 1)
    layout.addWidget(close)
    dialog.resize(800, 600)
    dialog.open()
    return dialog
