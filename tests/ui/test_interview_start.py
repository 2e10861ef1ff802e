"""Starting an interview: a guide for the user's role among those the agency enables, and the
language of the questions (the app's by default); resuming keeps the interview's own."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from intake_app.admin.policy import AgencyPolicy
from intake_app.domain.protocol import load_shipped
from intake_app.services import interviews
from intake_app.ui import i18n
from intake_app.ui.interview.start_dialog import StartInterviewDialog
from tests.ui.conftest import answer_start_dialog, call, unlock
from tests.ui.test_case_page import open_planted_case


def _offered(dialog: StartInterviewDialog) -> list[str]:
    return [dialog.protocol.itemData(i) for i in range(dialog.protocol.count())]


def test_the_guide_and_language_chosen_are_the_interviews(qtbot, make_window, data_dir, worker):
    window = make_window(data_dir)
    unlock(qtbot, window)
    window.set_language("es")
    view = open_planted_case(qtbot, window, worker)
    view.start_interview.click()
    qtbot.waitUntil(lambda: window.interviews.start_dialog is not None)
    dialog = window.interviews.start_dialog
    # An advocate: the advocate guides, the usual one first; the questions in the app's language.
    assert _offered(dialog) == ["advocate_intake", "indicator_screening"]
    assert dialog.language.currentData() == "es"
    assert dialog.protocol.currentText() == load_shipped()["advocate_intake"].title("es")
    page = answer_start_dialog(qtbot, window, "indicator_screening", "en")
    iv_id = window.location.interview_id
    iv = call(qtbot, worker, lambda s: interviews.get_interview(s, iv_id))
    assert (iv.protocol_id, iv.language) == ("indicator_screening", "en")
    first = load_shipped()["indicator_screening"].questions[0]
    assert page.person_screen()[0] == first.text("en")
    i18n.set_language("en")


def test_only_the_guides_the_agency_enables_are_offered(qtbot, make_window, data_dir, worker):
    window = make_window(data_dir)
    unlock(qtbot, window)
    window.apply_policy(AgencyPolicy(protocols_enabled=("indicator_screening",
                                                        "officer_victim_interview")))
    view = open_planted_case(qtbot, window, worker)
    view.start_interview.click()
    qtbot.waitUntil(lambda: window.interviews.start_dialog is not None)
    assert _offered(window.interviews.start_dialog) == ["indicator_screening"]
    window.interviews.start_dialog.reject()
    qtbot.waitUntil(lambda: window.interviews.start_dialog is None)
    assert window.area.case_view is view and window.location.screen == "case"


def test_resuming_keeps_the_interviews_own_guide_and_language(qtbot, make_window, data_dir,
                                                              worker):
    window = make_window(data_dir)
    unlock(qtbot, window)
    view = open_planted_case(qtbot, window, worker)
    view.start_interview.click()
    answer_start_dialog(qtbot, window, "indicator_screening", "es")
    iv_id = window.location.interview_id
    window.open_case(view.case_id)
    view = window.area.case_view
    qtbot.waitUntil(lambda: view.bundle is not None and view.interviews_tab.table.rowCount() == 1)
    view.interviews_tab.table.selectRow(0)
    view.interviews_tab.resume.click()
    qtbot.waitUntil(lambda: window.location.screen == "interview"
                    and window.area.interview is not None)
    page = window.area.interview
    assert window.location.interview_id == iv_id
    assert (page.protocol.id, page.language) == ("indicator_screening", "es")
    assert not any(isinstance(w, StartInterviewDialog) and w.isVisible()
                   for w in QApplication.topLevelWidgets())


def test_an_interview_whose_guide_is_not_installed_here_says_so_and_stays_closed(
    qtbot, make_window, data_dir, worker
):
    """As an interview replicated from a colleague's laptop with a guide this one never got:
    the window says which guide is missing, in words, and shows no other guide's questions."""
    window = make_window(data_dir)
    unlock(qtbot, window)
    view = open_planted_case(qtbot, window, worker)
    view.start_interview.click()
    answer_start_dialog(qtbot, window, "indicator_screening", "en")
    iv_id = window.location.interview_id

    def elsewhere(s) -> None:
        with s.db.transaction() as c:
            c.execute("UPDATE interviews SET protocol_id = 'street_outreach', protocol_version ="
                      " '2' WHERE id = ?", (iv_id,))

    call(qtbot, worker, elsewhere)
    window.open_case(view.case_id)
    view = window.area.case_view
    qtbot.waitUntil(lambda: view.bundle is not None and view.interviews_tab.table.rowCount() == 1)
    view.interviews_tab.table.selectRow(0)
    view.interviews_tab.resume.click()
    qtbot.waitUntil(lambda: "not installed on this laptop" in window.statusBar().currentMessage())
    assert "street_outreach 2" in window.statusBar().currentMessage()
    assert window.location.screen == "case" and window.area.interview is None
