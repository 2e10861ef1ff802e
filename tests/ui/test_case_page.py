"""The case page as people use it: its keyboard shortcuts, the consents tab in words, the share
dialog's starting purpose and the case count in the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from intake_app.ui.interview.consent_dialog import ConsentDialog
from tests.ui.conftest import call, unlock
from tests.ui.test_shell import planted_case_id


def open_planted_case(qtbot, window, worker):
    case_id, _code = planted_case_id(qtbot, worker)
    window.open_case(case_id)
    view = window.area.case_view
    qtbot.waitUntil(lambda: view.bundle is not None)
    return view


def test_ctrl_k_on_the_case_page_opens_the_consent_form(qtbot, make_window, data_dir, worker):
    window = make_window(data_dir)
    unlock(qtbot, window)
    view = open_planted_case(qtbot, window, worker)
    view.tabs.setFocus()
    qtbot.keyClick(view.tabs, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(isinstance(w, ConsentDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()))
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ConsentDialog))
    dialog.reject()


def test_ctrl_i_on_the_case_page_starts_an_interview(qtbot, make_window, data_dir, worker):
    from intake_app.ui.interview.interview_page import InterviewPage

    window = make_window(data_dir)
    unlock(qtbot, window)
    view = open_planted_case(qtbot, window, worker)
    view.tabs.setFocus()
    qtbot.keyClick(view.tabs, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(window.area.interview, InterviewPage))
    assert window.location.screen == "interview"


def test_search_finds_the_preferred_name_typed_in_the_interview(qtbot, make_window, data_dir,
                                                                worker):
    from intake_app.services import cases
    from intake_app.ui.interview.interview_page import InterviewPage

    window = make_window(data_dir)
    unlock(qtbot, window)
    case = call(qtbot, worker, cases.create_case)
    window.open_case(case.id)
    view = window.area.case_view
    qtbot.waitUntil(lambda: view.bundle is not None)
    view.start_interview.click()
    qtbot.waitUntil(lambda: isinstance(window.area.interview, InterviewPage))
    page = window.area.interview
    assert page.current_question_id() == "preferred_name"
    field = page.panel.editor.input_widget()
    qtbot.keyClicks(field, "Lunaria")
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.current_question_id() != "preferred_name")
    qtbot.waitUntil(lambda: window.interviews.autosave.pending == 0)
    window.show_case_list()
    listing = window.area.case_list
    qtbot.keyClicks(listing.search, "Lunaria")
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1
                    and listing.model.index(0, 0).data() == case.code)
