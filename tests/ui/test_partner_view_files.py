"""The partner view names the files that came with it by kind, size and category (never by a
name: none travels), in English and in Spanish."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from intake_app.ui import i18n
from intake_app.ui.sync.jobs import PartnerViewShown
from intake_app.ui.sync.partner_view import PartnerViewDialog


def _shown(files: tuple[tuple[str, str, int], ...]) -> PartnerViewShown:
    return PartnerViewShown("Harbour Shelter", 1, "case_coordination",
                            "2026-03-01T10:00:00+00:00", (), None, files)


def test_files_are_listed_by_kind_size_and_category(qtbot: QtBot) -> None:
    dialog = PartnerViewDialog(_shown((("pdf", "needs", 5 * 1024 * 1024), ("png", "safety", 3000))))
    qtbot.addWidget(dialog)
    assert dialog.files.text() == (
        "Files they sent (2):\nPDF document · 5.0 MB · Needs\nPicture (PNG) · 2 KB · Safety")
    i18n.set_language("es")
    qtbot.waitUntil(lambda: dialog.files.text().startswith("Archivos que enviaron (2):"))
    assert "Documento PDF · 5.0 MB" in dialog.files.text()


def test_no_files_is_said(qtbot: QtBot) -> None:
    dialog = PartnerViewDialog(_shown(()))
    qtbot.addWidget(dialog)
    assert dialog.files.text() == "No files came with it."
