"""An interview in French, in the real main window by keyboard: the administrator has installed a
guide in three languages and enabled French; the advocate chooses that guide and French in the
start dialog, opens the person's screen, and the person reads French there: the question and
the guide's own skip line, then its break line."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QComboBox

from intake_app.admin.policy import DEFAULT_PROTOCOLS, AgencyPolicy
from intake_app.services import protocols, provisioning
from intake_app.services.session import Workspace
from intake_app.ui.interview.interview_page import InterviewPage
from tests.journeys.driver import Driver
from tests.ui.conftest import ADMIN_USER, PASSPHRASE, USER
from tests.ui.helpers import visible_texts

TRILINGUAL = Path(__file__).parents[1] / "data" / "protocols" / "trilingual_check_in.json"
# What the person reads, written out here (not taken from the guide file).
QUESTION_FR = "Vous sentez-vous en sécurité en ce moment ?"
SKIP_FR = "Vous pouvez passer cette question. Vous pouvez arrêter à tout moment."
BREAK_FR = "Nous faisons une pause. Prenez le temps qu'il vous faut."
CONTACTS = [{"name": "Ana Ruiz", "role": "Coordinator", "email": "ana@norte.example.org"}]


def _off_gui(fn: Callable[[], None]) -> None:
    """Run set-up on a short-lived thread: the services refuse the GUI thread, as they should."""
    failed: list[BaseException] = []

    def run() -> None:
        try:
            fn()
        except BaseException as exc:  # re-raised on the test thread
            failed.append(exc)

    t = threading.Thread(target=run, name="test-setup")
    t.start()
    t.join(120)
    assert not t.is_alive() and not failed, failed


def _agency_with_french(data_dir: Path) -> None:
    """As an administrator does: the agency, the guide installed, French and the guide enabled."""
    s = Workspace(data_dir).unlock(ADMIN_USER, PASSPHRASE)
    try:
        provisioning.create_agency(s, "Refugio Norte", "service_provider", CONTACTS)
        protocols.install(s, TRILINGUAL.read_bytes(), name=TRILINGUAL.name)
        provisioning.sign_policy(s, AgencyPolicy(
            interview_languages=("en", "es", "fr"),
            protocols_enabled=(*DEFAULT_PROTOCOLS, "trilingual_check_in")))
    finally:
        s.close()


def _moved_from(combo: QComboBox, index: int) -> Callable[[], bool]:
    return lambda: combo.currentIndex() != index


def _choose_by_arrows(drive: Driver, combo: QComboBox, value: str) -> None:
    """With the keyboard on `combo`, arrow Down until it shows `value` (at most once round)."""
    drive.wait_until(lambda: QApplication.focusWidget() is combo, f"the keyboard on {value}'s list")
    assert combo.findData(value) >= 0, f"{value} is not offered"
    for _ in range(combo.count()):
        if combo.currentData() == value:
            return
        moved = _moved_from(combo, combo.currentIndex())
        drive.key("Down")
        drive.wait_until(moved, "the next item chosen")
    assert combo.currentData() == value


def test_an_interview_in_french_shows_french_on_the_persons_screen(
    qtbot, make_window, data_dir
):
    _off_gui(lambda: _agency_with_french(data_dir))
    window = make_window(data_dir)
    qtbot.waitActive(window)
    drive = Driver(window)
    window.build_deferred()  # the window's shortcuts, wired after its first paint
    drive.unlock(USER, PASSPHRASE, by_mouse=False)
    drive.new_case()

    # Ctrl+I: the start dialog; the guide list has the keyboard, Tab goes to the language.
    drive.shortcut("start_interview")
    flow = window.interviews
    drive.wait_until(lambda: flow.start_dialog is not None and flow.start_dialog.isVisible(),
                     "the start dialog")
    dialog = flow.start_dialog
    assert dialog is not None
    drive.wait_until(dialog.isActiveWindow, "the keyboard in the start dialog")
    _choose_by_arrows(drive, dialog.protocol, "trilingual_check_in")
    drive.key("Tab")
    _choose_by_arrows(drive, dialog.language, "fr")
    assert dialog.language.currentText() == "français (French)"
    drive.look("start dialog in French", [dialog.start_button])
    drive.key("Return")
    area = window.area
    assert area is not None
    drive.wait_until(lambda: isinstance(area.interview, InterviewPage)
                     and area.interview.isVisible(), "the interview")
    page = area.interview
    assert isinstance(page, InterviewPage)
    assert (page.protocol.id, page.language) == ("trilingual_check_in", "fr")
    drive.look_at_question(page)

    # F11: the person's screen, which never takes the interviewer's keyboard.
    drive.shortcut("person_view")
    drive.wait_until(lambda: flow.person_view is not None and flow.person_view.isVisible(),
                     "the person's screen")
    view = flow.person_view
    assert view is not None
    drive.wait_until(lambda: view.windowHandle() is not None and view.windowHandle().isExposed(),
                     "the person's screen drawn")
    assert view.shown_texts() == [QUESTION_FR, SKIP_FR]
    assert QUESTION_FR in visible_texts() and SKIP_FR in visible_texts()
    assert view.screen().availableGeometry().contains(view.frameGeometry())
    drive.look("person's screen in French", [view.question, view.skip])

    # A break, by its shortcut: the person reads the guide's French break line.
    drive.shortcut("take_break")
    drive.wait_until(lambda: view.shown_texts() == [BREAK_FR], "the break on the person's screen")
    assert not drive.problems, "\n".join(drive.problems)
