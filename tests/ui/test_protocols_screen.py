"""Agency > Protocols on real widgets and a real encrypted data folder: an administrator picks a
spreadsheet form in Qt's own file dialog (the path typed, as a keyboard user does), reads the
preview or the refusal with its sheet and row, installs it, sees it listed, and goes on to the
Policy tab where it is offered, ticks it and signs it into the profile."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from intake_app.admin.policy import AgencyPolicy
from intake_app.admin.profile import load_installed_profile
from intake_app.domain.protocol.xlsform import import_xlsform
from intake_app.ui import i18n
from intake_app.ui.admin.page import AdminPage
from intake_app.ui.admin.protocols import ProtocolsScreen
from intake_app.ui.mainwindow import MainWindow
from intake_app.ui.shortcuts import SHORTCUTS
from tests.ui.test_admin_flow import ADMIN, ADMIN_PASS, _admin_laptop, open_agency_page, unlock_as

FORMS = Path(__file__).resolve().parents[1] / "data" / "xlsforms"


def _protocols_tab(qtbot: QtBot, make_window: Callable[..., MainWindow], tmp_path: Path,
                   policy: AgencyPolicy | None = None) -> tuple[MainWindow, AdminPage]:
    data_dir = tmp_path / "data"
    _admin_laptop(data_dir, policy or AgencyPolicy(), 2)
    window = make_window(data_dir)
    unlock_as(qtbot, window, ADMIN, ADMIN_PASS)
    page = open_agency_page(qtbot, window)
    page.tabs.setCurrentWidget(page.protocols)
    qtbot.waitUntil(lambda: len(page.protocols.rows) >= 3, timeout=10_000)
    return window, page


def _pick_in_the_dialog(qtbot: QtBot, screen: ProtocolsScreen, path: Path) -> None:
    """Press Import, type the path into Qt's file dialog and press Enter."""
    qtbot.mouseClick(screen.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.dialog is not None and screen.dialog.isVisible())
    dialog = screen.dialog
    assert dialog is not None
    name = dialog.findChild(QLineEdit, "fileNameEdit")
    assert name is not None
    name.setFocus()
    # The whole path in the name field, as typed (typing it key by key races the dialog, which
    # opens each folder as its "/" is typed), then Enter: the dialog's own accept.
    dialog.selectFile(str(path))
    qtbot.keyClick(name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.dialog is None, timeout=10_000)


def _listed(screen: ProtocolsScreen) -> dict[str, list[str]]:
    out = {}
    for i in range(screen.guides.topLevelItemCount()):
        item = screen.guides.topLevelItem(i)
        assert item is not None
        out[item.text(1)] = [item.text(c) for c in range(4)]
    return out


REFUSED_WORDS = {
    "en": ("Sheet “survey”, row 8: the comparison > cannot be honoured: show-if tests only that"
           " an answer is, or is not, one of given values.", "Nothing was installed."),
    "es": ("Hoja «survey», fila 8: la comparación > no se puede aplicar: la condición para"
           " mostrar una pregunta solo comprueba si la respuesta es, o no es, uno de los valores"
           " dados.", "No se instaló nada."),
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_refused_workbook_says_its_sheet_row_and_reason_and_installs_nothing(
    qtbot: QtBot, make_window: Callable[..., MainWindow], tmp_path: Path, language: str,
) -> None:
    """The reason in the UI language, the form's own `>` as it is, and again in the other
    language when the administrator switches while reading it."""
    window, page = _protocols_tab(qtbot, make_window, tmp_path)
    i18n.set_language(language)
    QApplication.processEvents()
    screen = page.protocols
    before = _listed(screen)
    _pick_in_the_dialog(qtbot, screen, FORMS / "no_relevant_order.xlsx")
    qtbot.waitUntil(screen.error.isVisible, timeout=20_000)
    where, words = REFUSED_WORDS[language]
    text = screen.error.text()
    assert where in text and words in text and "relevant_order" in text
    assert screen.error.accessibleName() == text
    other = "es" if language == "en" else "en"
    i18n.set_language(other)
    qtbot.waitUntil(lambda: REFUSED_WORDS[other][0] in screen.error.text())
    i18n.set_language(language)
    qtbot.waitUntil(lambda: screen.error.text() == text)
    assert not screen.preview.isVisible() and not screen.install_button.isVisible()
    assert QApplication.focusWidget() is screen.import_button  # Space tries another file
    page.protocols.reload()
    qtbot.waitUntil(lambda: not window.worker.is_busy)
    assert _listed(screen) == before


def test_a_bilingual_workbook_is_previewed_installed_listed_and_signed_into_the_profile(
    qtbot: QtBot, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    """The agency interviews in French too: the preview says the form lacks it, per question."""
    window, page = _protocols_tab(qtbot, make_window, tmp_path,
                                  AgencyPolicy(interview_languages=("en", "es", "fr")))
    screen = page.protocols
    form = FORMS / "ok_metadata.xlsx"
    expected = import_xlsform(form.read_bytes(), form.name)
    assert "demo" not in _listed(screen)
    _pick_in_the_dialog(qtbot, screen, form)
    qtbot.waitUntil(screen.preview.isVisible, timeout=20_000)
    assert screen.headline.text() == "Demo form, version 1"
    assert len(expected.sections) == 1
    assert (f"ok_metadata.xlsx: guide id demo, 1 section, {len(expected.questions)} questions"
            in screen.sizes.text())
    assert screen.spoken.text() == ("Written in English, español (Spanish). Interviews with it "
                                    "can be held in English, español (Spanish).")
    assert re.search(r"français \(French\): missing in \d+ places", screen.gaps.text())
    assert screen.install_button.text() == "In&stall version 1"
    assert QApplication.focusWidget() is screen.install_button
    assert not screen.error.isVisible()

    qtbot.keyClick(screen.install_button, Qt.Key.Key_Space)  # the keyboard path
    qtbot.waitUntil(screen.status.isVisible, timeout=20_000)
    assert screen.status.text().startswith("Installed “Demo form” version 1 on this laptop.")
    assert "Policy tab" in screen.status.text() and "sign" in screen.status.text()
    qtbot.waitUntil(lambda: "demo" in _listed(screen), timeout=10_000)
    assert _listed(screen)["demo"] == ["Demo form", "demo", "1", "Installed on this laptop"]
    assert _listed(screen)["advocate_intake"][3] == "Comes with the app"

    editor = page.policy
    assert "demo" in editor.protocols.boxes and not editor.protocols.boxes["demo"].isChecked()
    assert QApplication.focusWidget() is screen.policy_button
    qtbot.keyClick(screen.policy_button, Qt.Key.Key_Space)
    assert page.tabs.currentWidget() is editor
    box = editor.protocols.boxes["demo"]
    assert QApplication.focusWidget() is box and box.text() == "Demo form (version 1)"
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked()
    editor.sign.click()
    qtbot.waitUntil(editor.status.isVisible, timeout=10_000)
    assert "Signed and installed policy version 3" in editor.status.text()
    assert window.policy is not None and "demo" in window.policy.protocols_enabled
    carried = load_installed_profile(tmp_path / "data")
    assert carried is not None and ("demo", "1") in {(p.id, p.version) for p in carried.protocols}


def test_the_same_form_again_has_nothing_to_install_and_other_content_is_refused_at_once(
    qtbot: QtBot, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    _window, page = _protocols_tab(qtbot, make_window, tmp_path)
    screen = page.protocols
    screen.check_file(FORMS / "ok_minimal.xlsx")
    qtbot.waitUntil(screen.install_button.isVisible, timeout=20_000)
    screen.install_button.click()
    qtbot.waitUntil(screen.status.isVisible, timeout=20_000)

    screen.check_file(FORMS / "ok_minimal.xlsx")
    qtbot.waitUntil(screen.preview.isVisible, timeout=20_000)
    assert "installed already: there is nothing to install" in screen.state.text()
    assert not screen.install_button.isVisible() and not screen.status.isVisible()
    assert QApplication.focusWidget() is screen.cancel_button
    screen.cancel_button.click()
    assert not screen.preview.isVisible()

    # Another form under the same id and version ("demo" 1): refused before anything is pressed.
    screen.check_file(FORMS / "ok_types.xlsx")
    qtbot.waitUntil(screen.error.isVisible, timeout=20_000)
    assert screen.error.text() == (
        "A different interview guide demo 1 is already installed on this laptop. Nothing was "
        "changed. A changed guide needs a new version number.")
    assert not screen.install_button.isVisible()


def test_a_file_that_cannot_be_read_is_said_in_words(
    qtbot: QtBot, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    _window, page = _protocols_tab(qtbot, make_window, tmp_path)
    screen = page.protocols
    screen.check_file(tmp_path)  # a folder
    qtbot.waitUntil(screen.error.isVisible, timeout=20_000)
    assert screen.error.text() == "That spreadsheet file cannot be read. Nothing was installed."


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_tabs_mnemonics_do_not_clash(
    qtbot: QtBot, make_window: Callable[..., MainWindow], tmp_path: Path, language: str
) -> None:
    """Every button the tab may show at once has its own Alt key, none of the app's own."""
    _window, page = _protocols_tab(qtbot, make_window, tmp_path)
    i18n.set_language(language)
    QApplication.processEvents()
    screen = page.protocols
    screen.check_file(FORMS / "ok_minimal.xlsx")
    qtbot.waitUntil(screen.install_button.isVisible, timeout=20_000)
    taken = {s.keys.split("+")[1].lower() for s in SHORTCUTS if s.keys.startswith("Alt+")}
    for group in ([screen.import_button, screen.cancel_button, screen.install_button],
                  [screen.import_button, screen.policy_button]):
        keys = [_mnemonic(b) for b in group]
        assert None not in keys, [b.text() for b in group]
        assert len(set(keys)) == len(keys) and not set(keys) & taken, keys


def _mnemonic(button: QPushButton) -> str | None:
    found = re.search(r"&(\w)", button.text())
    return found.group(1).lower() if found else None
