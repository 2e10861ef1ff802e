"""Issue 15's admin path in a real window on a 1280x720 screen: the administrator writes a
bilingual form in a spreadsheet (openpyxl, as scripts/make_xlsform_corpus.py writes forms),
opens Agency > Protocols, imports it through Qt's file dialog with the path typed, installs it,
goes on to the Policy tab, ticks it and signs. Then a second laptop of the agency, enrolled from
a bundle of that profile, holds an interview with it: an advocate in a window of its own, to
the end screen. Keys go to whichever window has the keyboard; clicks land where seen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QTabWidget

from intake_app.admin.enrolment import open_bundle
from intake_app.admin.policy import AgencyPolicy
from intake_app.admin.profile import load_installed_profile
from intake_app.domain.case import Role
from intake_app.services import cases, interviews, provisioning
from intake_app.services.session import Workspace
from intake_app.storage.kdf import KdfParams
from intake_app.ui.admin.page import AdminPage
from intake_app.ui.interview.interview_page import InterviewPage
from intake_app.ui.mainwindow import MainWindow
from intake_app.ui.worker import Worker
from tests.journeys.driver import Driver
from tests.protocol_docs import XLSFORM_ID as PID
from tests.protocol_docs import write_xlsform
from tests.ui.conftest import call
from tests.ui.helpers import visible_texts
from tests.ui.test_admin_flow import ADMIN, ADMIN_PASS, BUNDLE_PASS, _admin_laptop, off_gui


def _office(data_dir: Path) -> None:
    """The agency's office laptop (an administrator, policy version 2) with one case."""
    _admin_laptop(data_dir, AgencyPolicy(), 2)

    def a_case() -> None:
        s = Workspace(data_dir).unlock(ADMIN, ADMIN_PASS)
        try:
            cases.create_case(s, is_demo=True)
        finally:
            s.close()

    off_gui(a_case)


def _click_tab(drive: Driver, tabs: QTabWidget, index: int) -> None:
    """A click on the tab's label, where it is seen (tabs are not widgets of their own)."""
    bar = tabs.tabBar()
    top = bar.window()
    handle = top.windowHandle()
    assert handle is not None
    spot = bar.mapTo(top, bar.tabRect(index).center())
    QTest.mouseClick(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, spot)
    drive.wait_until(lambda: tabs.currentIndex() == index, f"tab {tabs.tabText(index)}")


def _import_and_sign(drive: Driver, form: Path) -> AdminPage:
    window = drive.window
    drive.shortcut("agency_admin")  # Ctrl+3
    drive.wait_until(lambda: window.area is not None and isinstance(window.area.admin, AdminPage)
                     and window.area.admin.overview is not None, "the Agency page")
    assert window.area is not None
    page = window.area.admin
    assert isinstance(page, AdminPage)
    _click_tab(drive, page.tabs, page.tabs.indexOf(page.protocols))
    tab = page.protocols
    drive.wait_until(lambda: len(tab.rows) >= 3, "the guides on this laptop")
    drive.look("protocols tab", [tab.import_button, drive.lock_button()])

    drive.click(tab.import_button)
    drive.wait_until(lambda: tab.dialog is not None and tab.dialog.isActiveWindow(),
                     "the file dialog with the keyboard")
    dialog = tab.dialog
    assert dialog is not None
    name = dialog.findChild(QLineEdit, "fileNameEdit")
    assert name is not None
    drive.wait_until(lambda: QApplication.focusWidget() is name, "the keyboard on the file name")
    drive.look("file dialog", [name])
    drive.type(str(form))  # the whole path, as a keyboard user types it
    drive.wait_until(lambda: name.text() == str(form), "the path in the file name field")
    drive.key("Return")
    drive.wait_until(lambda: tab.dialog is None, "the dialog closed")
    drive.wait_until(tab.preview.isVisible, "the form's preview")
    drive.look("preview", [tab.install_button, tab.cancel_button, tab.import_button])
    shown = visible_texts()
    assert "Night shelter check, version 1" in shown
    assert ("From night_shelter.xlsx: guide id night_shelter, 1 section, 3 questions."
            in shown)
    assert QApplication.focusWidget() is tab.install_button

    drive.key("Alt+S")  # In&stall
    drive.wait_until(tab.status.isVisible, "the installed line")
    drive.wait_until(lambda: any(r.protocol.id == PID for r in tab.rows), "the guide listed")
    drive.look("installed", [tab.policy_button, tab.status])
    assert tab.status.text() in visible_texts()
    assert "Policy tab" in tab.status.text()

    drive.key("Alt+Y")  # Open the Polic&y tab
    editor = page.policy
    drive.wait_until(lambda: page.tabs.currentWidget() is editor, "the Policy tab")
    box = editor.protocols.boxes[PID]
    drive.wait_until(lambda: QApplication.focusWidget() is box, "the keyboard on the new guide")
    drive.key("Space")
    drive.wait_until(box.isChecked, "the guide ticked")
    drive.look("policy with the guide", [box, editor.sign])
    drive.click(editor.sign)
    drive.wait_until(editor.status.isVisible, "the policy signed")
    assert "Signed and installed policy version 3" in editor.status.text()
    assert editor.status.text() in visible_texts()
    assert box.isVisible() and box.isChecked() and box.text() == "Night shelter check (version 1)"
    return page


def test_an_admin_imports_a_spreadsheet_form_signs_it_and_a_second_laptop_interviews_with_it(
    qtbot: Any, make_window: Any, tmp_path: Path, worker: Worker
) -> None:
    office = tmp_path / "office"
    _office(office)
    (tmp_path / "forms").mkdir()
    form = write_xlsform(tmp_path / "forms" / "night_shelter.xlsx")
    window = make_window(office)
    qtbot.waitActive(window)
    window.build_deferred()
    drive = Driver(window)
    drive.unlock(ADMIN, ADMIN_PASS)
    _import_and_sign(drive, form)
    assert not drive.problems, "\n".join(drive.problems)
    carried = load_installed_profile(office)
    assert carried is not None and (PID, "1") in {(p.id, p.version) for p in carried.protocols}

    # The second laptop: a bundle of the signed profile, enrolled as an advocate's laptop.
    bundle = tmp_path / "ana.bundle"
    call(qtbot, worker, lambda s: provisioning.export_bundle(s, bundle, BUNDLE_PASS,
                                                             KdfParams.for_tests()))
    window.lock()
    field = tmp_path / "field"

    def enrol() -> None:
        s, _code = provisioning.enrol_new_laptop(field, open_bundle(bundle.read_bytes(),
                                                                     BUNDLE_PASS),
                                                 "ana", ADMIN_PASS, Role.ADVOCATE,
                                                 kdf=KdfParams.for_tests())
        try:
            cases.create_case(s, is_demo=True)
        finally:
            s.close()

    off_gui(enrol)
    window.hide()
    second = Worker()
    try:
        _interview_on_the_second_laptop(qtbot, field, second)
    finally:
        second.shutdown()


def _interview_on_the_second_laptop(qtbot: Any, field: Path, worker: Worker) -> None:
    laptop = MainWindow(field, worker, kdf=KdfParams.for_tests())
    qtbot.addWidget(laptop)
    try:
        laptop.show()
        qtbot.waitExposed(laptop)
        qtbot.waitActive(laptop)
        laptop.build_deferred()
        drive = Driver(laptop)
        drive.unlock("ana", ADMIN_PASS)
        drive.new_case()
        area = laptop.area
        assert area is not None and area.case_view is not None
        drive.click(area.case_view.start_interview)
        flow = laptop.interviews
        drive.wait_until(lambda: flow.start_dialog is not None and flow.start_dialog.isVisible(),
                         "the start dialog")
        dialog = flow.start_dialog
        assert dialog is not None
        index = dialog.protocol.findData(PID)
        assert index >= 0, "the second laptop does not offer the agency's guide"
        dialog.protocol.setCurrentIndex(index)
        drive.click(dialog.start_button)
        drive.wait_until(lambda: isinstance(area.interview, InterviewPage)
                         and area.interview.isVisible(), "the interview")
        page = area.interview
        assert isinstance(page, InterviewPage) and page.protocol.id == PID
        drive.look_at_question(page)
        assert "Do you have a safe place to sleep tonight?" in visible_texts()
        drive.answer_to_the_end(page, {}, by_mouse=True)
        drive.settle()
        assert page.stack.currentWidget() is page.end_screen
        iv_id = laptop.location.interview_id
        assert iv_id is not None
        saved = call(qtbot, worker, lambda s: interviews.answers(s, iv_id))
        assert set(saved) == {"safe_tonight", "help_now", "anything_else"}
        assert not drive.problems, "\n".join(drive.problems)
    finally:
        laptop.lock()
        laptop.idle.remove()
