"""A picture of a person's document shown in memory (a photographed card, a PDF's first page):
one window for the case's own files and a partner's; never a temp file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from intake_app.pdf_preview import Page
from intake_app.ui.i18n import tr


def image_of(shown: Page | bytes) -> QImage:
    """What a preview shows, as an image; run on the worker (a 20 MB photo takes its time to
    decode). A picture that cannot be decoded is said in words, not shown blank."""
    if isinstance(shown, Page):  # a copy: the bytes it was made from may go
        return QImage(shown.rgb, shown.width, shown.height, shown.stride,
                      QImage.Format.Format_RGB888).copy()
    image = QImage.fromData(shown)
    if image.isNull():
        from intake_app.services.attachments import AttachmentUnreadable

        raise AttachmentUnreadable(reason="a damaged picture")
    return image


def size_text(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, n // 1024)} KB"


def preview_dialog(parent: QWidget, image: QImage) -> QDialog:
    """Shown (non-modal, deleted on close); the caller keeps a reference while it is open. Its
    title names no file: a title reaches the task switcher and a shared screen."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(tr("CaseView", "Preview"))
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
