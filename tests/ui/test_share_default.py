"""The share and referral dialogs open on a purpose the case's consents cover, or say that none
does, instead of opening on a purpose no consent covers."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from intake_app.domain.consent import Purpose
from intake_app.ui import i18n
from intake_app.ui.sync.share_dialog import ShareDialog
from tests.ui.conftest import unlock
from tests.ui.test_case_page import (  # noqa: F401 - fixtures
    PARTNER,
    Partnered,
    _partnered,
    law_enforcement_consent,
    open_planted_case,
)


@pytest.fixture
def no_consent(data_dir: Path) -> Partnered:
    return _partnered(data_dir, ())


OTHER_WORDS = "Housing application at the county office"


@pytest.fixture
def other_purpose_consent(data_dir: Path) -> Partnered:
    return _partnered(data_dir, (Purpose.OTHER,), OTHER_WORDS)


def _share_dialog(qtbot, view, button) -> ShareDialog:
    button.click()
    qtbot.waitUntil(lambda: any(isinstance(w, ShareDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()))
    return next(w for w in QApplication.topLevelWidgets()
                if isinstance(w, ShareDialog) and w.isVisible())


@pytest.mark.usefixtures("law_enforcement_consent")
@pytest.mark.parametrize("button", ["share_button", "refer_button"])
def test_the_share_dialog_opens_on_a_purpose_a_consent_covers(qtbot, make_window, data_dir,
                                                              worker, button):
    window = make_window(data_dir)
    unlock(qtbot, window)
    view = open_planted_case(qtbot, window, worker)
    dialog = _share_dialog(qtbot, view, getattr(view, button))
    qtbot.waitUntil(lambda: dialog.preview is not None)
    assert dialog.purpose.currentData() == "law_enforcement"
    assert dialog.recipient.currentText() == PARTNER
    assert dialog.preview is not None and dialog.preview.lines
    assert not dialog.message.isVisible()
    dialog.reject()


@pytest.mark.usefixtures("no_consent")
def test_the_share_dialog_says_when_no_consent_covers_any_purpose(qtbot, make_window, data_dir,
                                                                  worker):
    window = make_window(data_dir)
    unlock(qtbot, window)
    view = open_planted_case(qtbot, window, worker)
    dialog = _share_dialog(qtbot, view, view.share_button)
    qtbot.waitUntil(dialog.message.isVisible)
    assert "no consent in force for any purpose" in dialog.message.text()
    assert PARTNER in dialog.message.text()
    assert dialog.record_consent.isVisible() and not dialog.send.isEnabled()
    dialog.reject()


@pytest.mark.usefixtures("law_enforcement_consent")
@pytest.mark.parametrize(("language", "said"), [
    ("en", ("Preferred name", "only spoken")), ("es", ("Nombre preferido", "solo verbal"))])
def test_the_preview_says_why_a_spoken_consent_keeps_the_name_here(
        qtbot, make_window, data_dir, worker, language, said):
    # The consent (verbal) names identity and needs: the needs go, the name stays, with why.
    i18n.set_language(language)
    window = make_window(data_dir)
    unlock(qtbot, window)
    view = open_planted_case(qtbot, window, worker)
    dialog = _share_dialog(qtbot, view, view.share_button)
    qtbot.waitUntil(lambda: dialog.preview is not None)
    assert dialog.preview is not None and dialog.preview.lines
    assert all(line.label != "Preferred name" for line in dialog.preview.lines)
    text = dialog.withheld.text()
    assert all(words in text for words in said)
    dialog.reject()


@pytest.mark.usefixtures("other_purpose_consent")
def test_another_purpose_is_offered_in_its_words_and_shared_for_them(qtbot, make_window,
                                                                     data_dir, worker):
    window = make_window(data_dir)
    unlock(qtbot, window)
    view = open_planted_case(qtbot, window, worker)
    dialog = _share_dialog(qtbot, view, view.share_button)
    qtbot.waitUntil(lambda: dialog.preview is not None)
    assert dialog.purpose.currentText() == f"Another purpose: {OTHER_WORDS}"
    assert dialog.preview is not None and dialog.preview.purpose_text == OTHER_WORDS
    assert dialog.preview.lines  # the needs answer; the name stays (a spoken consent)
    # A listed purpose no consent names says so, in the words of that purpose.
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("law_enforcement"))
    qtbot.waitUntil(dialog.message.isVisible)
    assert '"Law enforcement"' in dialog.message.text()
    dialog.purpose.setCurrentIndex(dialog.purpose.count() - 1)
    qtbot.waitUntil(lambda: dialog.preview is not None)
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(dialog.send, Qt.MouseButton.LeftButton)
