"""The case page as people use it: its keyboard shortcuts, the consents tab in words, the share
dialog's starting purpose and the case count in the list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from intake_app.domain.answers import Answer
from intake_app.domain.consent import Category, Consent, Method, Purpose
from intake_app.services import agency, cases, consents, interviews, partners
from intake_app.services.session import Workspace
from intake_app.sync.keys import AgencyIdentity
from intake_app.threads import clear_gui_thread, mark_gui_thread
from intake_app.ui import i18n
from intake_app.ui.caseview import TAB_CONSENTS
from intake_app.ui.interview.consent_dialog import ConsentDialog
from tests.ui.conftest import (
    ADMIN_USER,
    PASSPHRASE,
    PLANTED_NAME,
    USER,
    answer_start_dialog,
    call,
    start_interview,
    unlock,
)
from tests.ui.helpers import planted_case_id

CONTACT = [{"name": "Duty desk", "phone": "+1 555 0100"}]
PARTNER = "Unidad Norte"


@dataclass(frozen=True)
class Partnered:
    partner_id: str
    case_id: int


def _partnered(data_dir: Path, purposes: tuple[Purpose, ...],
               words: str | None = None) -> Partnered:
    """This shelter is an agency with one confirmed partner; the planted case has a needs
    answer and a consent in force for the partner for each of `purposes`."""
    clear_gui_thread()  # set-up is not the UI: it calls the services directly
    try:
        s = Workspace(data_dir).unlock(USER, PASSPHRASE)
        try:
            agency.init_agency(s, "Casa Esperanza", "service_provider", CONTACT)
            card = AgencyIdentity.generate(PARTNER, "law_enforcement", CONTACT).card.to_json()
            partner_id = partners.store_partner(s, card).agency_id
            partners.mark_confirmed(s, partner_id)
            case_id = cases.list_cases(s, PLANTED_NAME.split()[0])[0].id
            iv = interviews.start_interview(s, case_id, "advocate_intake", "1.1", "en")
            interviews.record_answer(s, iv.id, "shelter_tonight", Answer.of("yes"))
            now = datetime.now(UTC)
            for purpose in purposes:
                consents.give_consent(s, Consent(
                    0, case_id, purpose, partner_id, frozenset({Category.NEEDS, Category.IDENTITY}),
                    "w", "en", Method.VERBAL, False, now - timedelta(minutes=1),
                    now + timedelta(days=30),
                    purpose_text=words if purpose is Purpose.OTHER else None))
        finally:
            s.close()
    finally:
        mark_gui_thread()
    return Partnered(partner_id, case_id)


@pytest.fixture
def law_enforcement_consent(data_dir: Path) -> Partnered:
    return _partnered(data_dir, (Purpose.LAW_ENFORCEMENT,))




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
    answer_start_dialog(qtbot, window)
    assert isinstance(window.area.interview, InterviewPage)
    assert window.location.screen == "interview"


def test_search_finds_the_preferred_name_typed_in_the_interview(qtbot, make_window, data_dir,
                                                                worker):
    from intake_app.services import cases

    window = make_window(data_dir)
    unlock(qtbot, window)
    case = call(qtbot, worker, cases.create_case)
    window.open_case(case.id)
    view = window.area.case_view
    qtbot.waitUntil(lambda: view.bundle is not None)
    page = start_interview(qtbot, window)
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



def test_the_consents_tab_names_the_partner_and_the_kinds_of_information(
        qtbot, make_window, data_dir, worker, law_enforcement_consent):
    window = make_window(data_dir)
    unlock(qtbot, window)
    view = open_planted_case(qtbot, window, worker)
    view.tabs.setCurrentIndex(TAB_CONSENTS)
    row = [view.consents_tab.table.item(0, c).text() for c in range(view.consents_tab.table.columnCount())]
    assert row[:3] == ["Law enforcement", PARTNER, "Identity (identifying), Needs"]
    assert law_enforcement_consent.partner_id not in " ".join(row)
    window.set_language("es")
    qtbot.waitUntil(lambda: view.consents_tab.table.item(0, 2).text() == "Identidad (identificativa), "
                    "Necesidades")
    assert view.consents_tab.table.item(0, 1).text() == PARTNER


@pytest.mark.parametrize(("language", "one", "three"), [
    ("en", "Showing 1 case", "Showing 3 cases"),
    ("es", "Se muestra 1 caso", "Se muestran 3 casos"),
])
def test_the_case_count_says_one_case_and_three_cases(qtbot, make_window, data_dir, worker,
                                                      language, one, three):
    window = make_window(data_dir)
    unlock(qtbot, window)
    window.set_language(language)
    listing = window.area.case_list
    qtbot.waitUntil(lambda: listing.count.text() == three)
    _case_id, code = planted_case_id(qtbot, worker)
    qtbot.keyClicks(listing.search, code)
    qtbot.waitUntil(lambda: listing.count.text() == one)
    i18n.set_language("en")


@pytest.mark.parametrize(("user", "offered"), [(USER, True), (ADMIN_USER, False)])
def test_share_and_refer_are_offered_to_case_workers_only(qtbot, make_window, data_dir, worker,
                                                          user, offered):
    window = make_window(data_dir)
    unlock(qtbot, window, user)
    view = open_planted_case(qtbot, window, worker)
    assert view.share_button.isVisible() is offered
    assert view.refer_button.isVisible() is offered
