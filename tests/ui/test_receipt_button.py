"""The Consents tab's "Print receipt for the person…": reached from the keyboard, it writes the
person's paper to the file chosen (and only there), naming the partner and never the person."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from intake_app.domain.consent import Purpose
from intake_app.services import sharing
from intake_app.ui.caseview import TAB_CONSENTS
from tests.ui.conftest import PLANTED_LEGAL, PLANTED_NAME, call, unlock
from tests.ui.test_case_page import PARTNER, _partnered, open_planted_case
from tests.unit.test_report_exports import _flat, _pdf_text


def test_the_receipt_button_writes_the_persons_paper(qtbot, make_window, data_dir, worker,
                                                     tmp_path: Path, monkeypatch) -> None:
    setup = _partnered(data_dir, (Purpose.LAW_ENFORCEMENT,))
    window = make_window(data_dir)
    unlock(qtbot, window)
    view = open_planted_case(qtbot, window, worker)
    view.tabs.setCurrentIndex(TAB_CONSENTS)
    tab = view.consents_tab
    call(qtbot, worker, lambda s: sharing.queue_share(s, setup.case_id, setup.partner_id,
                                                      Purpose.LAW_ENFORCEMENT))
    folder = tmp_path / "usb"
    folder.mkdir()
    asked: list[str] = []

    def chosen(_parent, title, start, _filter, **_options):  # a dialog is not what is tested
        asked.append(start)
        return str(folder / "for-the-person"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", chosen)
    assert tab.receipt.text() == "Print receipt for the person…"
    assert tab.receipt.focusPolicy() & Qt.FocusPolicy.TabFocus
    tab.receipt.setFocus()
    qtbot.keyClick(tab.receipt, Qt.Key.Key_Space)
    qtbot.waitUntil(tab.receipt_status.isVisible, timeout=10_000)
    assert Path(asked[0]).name == "receipt.pdf"  # no case data in the name offered
    written = folder / "for-the-person.pdf"
    assert tab.receipt_status.text().startswith("Saved for-the-person.pdf.")
    assert sorted(p.name for p in folder.iterdir()) == ["for-the-person.pdf"]  # no stray copy
    text = _pdf_text(written.read_bytes())
    # The screens speak English; the person said Spanish (the case's language), and so does
    # their paper.
    assert _flat("Lo que se compartió sobre usted") in text
    assert _flat(PARTNER) in text and _flat("la ayuda que necesita") in text
    for planted in (PLANTED_NAME, PLANTED_LEGAL):
        assert _flat(planted) not in text and planted.encode() not in written.read_bytes()
    # In Spanish screens, the button and its message speak Spanish too.
    window.set_language("es")
    qtbot.waitUntil(lambda: tab.receipt.text() == "Imprimir comprobante para la persona…")
    written.unlink()
    tab.receipt_status.hide()
    qtbot.mouseClick(tab.receipt, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(tab.receipt_status.isVisible, timeout=10_000)
    assert tab.receipt_status.text().startswith("Se guardó for-the-person.pdf.")
    assert _flat(PARTNER) in _pdf_text(written.read_bytes())
