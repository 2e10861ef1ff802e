"""The Files tab in the real window: attach a photographed document (the file chooser is the
system's: its answer is given), see it listed, preview it in memory, delete it after asking."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from intake_app.ui.case_attachments import AddFileDialog
from intake_app.ui.caseview import TAB_FILES
from intake_app.ui.mainwindow import MainWindow
from intake_app.ui.worker import Worker
from tests.ui.conftest import unlock


def _photo(path: Path) -> None:
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    assert image.save(str(path))  # the format from the name


def test_a_photographed_document_is_attached_previewed_and_deleted(
    qtbot: QtBot, make_window: Callable[..., MainWindow], data_dir: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scan = tmp_path / "scanner" / "id-card.png"
    scan.parent.mkdir()
    _photo(scan)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(scan), ""))
    window = make_window(data_dir)
    unlock(qtbot, window)
    window.new_case()
    qtbot.waitUntil(lambda: window.area is not None and window.area.case_view is not None
                    and window.area.case_view.bundle is not None, timeout=15_000)
    assert window.area is not None and window.area.case_view is not None
    view = window.area.case_view
    view.tabs.setCurrentIndex(TAB_FILES)
    tab = view.files_tab
    qtbot.waitUntil(tab.empty.isVisible, timeout=15_000)
    tab.add_button.click()
    dialog = tab.dialog
    assert isinstance(dialog, AddFileDialog) and dialog.label.text() == "id-card"
    dialog.shred.setChecked(True)
    dialog.accept()
    qtbot.waitUntil(lambda: tab.table.rowCount() == 1, timeout=15_000)
    assert not scan.exists()  # shredded once saved
    item = tab.table.item(0, 0)
    assert item is not None and item.text() == "id-card"
    tab.table.selectRow(0)
    assert tab.preview_button.isEnabled()
    tab.preview_button.click()
    qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog.isVisible(), timeout=15_000)
    shown = tab.dialog
    assert shown is not None
    shown.reject()
    qtbot.waitUntil(lambda: tab.dialog is None, timeout=15_000)
    tab.delete_button.click()
    box = tab.dialog
    assert isinstance(box, QMessageBox)
    [delete] = [b for b in box.buttons() if b.text() == "Delete"]
    delete.click()
    qtbot.waitUntil(lambda: tab.table.rowCount() == 0 and tab.empty.isVisible(), timeout=15_000)


def _pdf(path: Path) -> None:
    from PySide6.QtGui import QFont, QPainter, QPdfWriter

    writer = QPdfWriter(str(path))
    painter = QPainter(writer)
    painter.setFont(QFont("DejaVu Sans", 28))
    painter.drawText(300, 600, "Synthetic signed release")
    painter.fillRect(300, 900, 3000, 400, QColor("black"))
    painter.end()


def test_a_scanned_pdf_is_previewed_in_memory_and_a_damaged_one_said_so(
    qtbot: QtBot, make_window: Callable[..., MainWindow], data_dir: Path, tmp_path: Path,
    worker: Worker,
) -> None:
    from intake_app.domain.consent import Category
    from intake_app.services import attachments, cases
    from tests.ui.conftest import call

    _pdf(tmp_path / "release.pdf")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00" * 400)
    window = make_window(data_dir)
    unlock(qtbot, window)

    def attach(s):
        case = cases.create_case(s)
        good = attachments.add_attachment(s, case.id, tmp_path / "release.pdf", Category.NEEDS)
        bad = attachments.add_attachment(s, case.id, tmp_path / "broken.pdf", Category.NEEDS)
        page = attachments.pdf_preview(s, good.id, 400)
        try:
            attachments.pdf_preview(s, bad.id)
        except attachments.AttachmentUnreadable:
            refused = True
        else:
            refused = False
        return case.id, page, refused

    case_id, page, refused = call(qtbot, worker, attach)
    assert refused and abs(page.width - 400) <= 1 and page.pages == 1  # PDFium rounds up
    assert min(page.rgb) == 0 and max(page.rgb) == 255  # black ink on a white page
    window.open_case(case_id)
    qtbot.waitUntil(lambda: window.area is not None and window.area.case_view is not None
                    and window.area.case_view.bundle is not None, timeout=15_000)
    assert window.area is not None and window.area.case_view is not None
    view = window.area.case_view
    view.tabs.setCurrentIndex(TAB_FILES)
    tab = view.files_tab
    qtbot.waitUntil(lambda: tab.table.rowCount() == 2, timeout=15_000)
    tab.table.selectRow(0)
    assert tab.preview_button.isEnabled()
    tab.preview_button.click()
    qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog.isVisible(), timeout=15_000)
    shown = tab.dialog
    assert shown is not None
    from PySide6.QtWidgets import QLabel

    pictures = [w for w in shown.findChildren(QLabel) if not w.pixmap().isNull()]
    assert pictures and pictures[0].pixmap().width() > 100
    shown.reject()
