"""The partner view names the files that came with it by kind, size and category (never by a
name: none travels), in English and in Spanish, and offers a preview of a picture or a PDF."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from intake_app.ui import i18n
from intake_app.ui.sync.jobs import PartnerViewShown
from intake_app.ui.sync.partner_view import PartnerViewDialog


def _shown(files: tuple[tuple[int, str, str, int], ...]) -> PartnerViewShown:
    return PartnerViewShown("Harbour Shelter", 1, "case_coordination",
                            "2026-03-01T10:00:00+00:00", (), None, files, 7)


def _rows(dialog: PartnerViewDialog) -> list[str]:
    return [dialog.file_list.item(i).text() for i in range(dialog.file_list.count())]


def test_files_are_listed_by_kind_size_and_category(qtbot: QtBot) -> None:
    asked: list[int] = []
    dialog = PartnerViewDialog(_shown(((3, "pdf", "needs", 5 * 1024 * 1024),
                                       (4, "png", "safety", 3000), (5, "other", "needs", 10))),
                               preview=asked.append)
    qtbot.addWidget(dialog)
    assert dialog.files.text() == "Files they sent (3):"
    assert _rows(dialog) == ["PDF document · 5.0 MB · Needs", "Picture (PNG) · 2 KB · Safety",
                             "Document · 1 KB · Needs"]
    assert not dialog.preview_button.isEnabled()  # nothing chosen yet
    dialog.file_list.setCurrentRow(0)
    dialog.preview_button.click()
    dialog.file_list.setCurrentRow(2)
    assert not dialog.preview_button.isEnabled()  # a file of no known kind is not shown
    assert asked == [3]
    i18n.set_language("es")
    qtbot.waitUntil(lambda: dialog.files.text().startswith("Archivos que enviaron (3):"))
    assert _rows(dialog)[0].startswith("Documento PDF · 5.0 MB")


def test_no_files_is_said(qtbot: QtBot) -> None:
    dialog = PartnerViewDialog(_shown(()))
    qtbot.addWidget(dialog)
    assert dialog.files.text() == "No files came with it."
    assert dialog.file_list.isHidden() and dialog.preview_button.isHidden()
