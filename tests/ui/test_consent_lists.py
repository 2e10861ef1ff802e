"""The Consents tab's two lists, as an advocate keeps them: people not to contact or tell, and
agencies never to share with; each change lands in the encrypted database and is then refused
where it matters (the consent dialog, the share)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from intake_app.domain.consent import Purpose
from intake_app.services import consents, sharing
from intake_app.ui.caseview import TAB_CONSENTS
from tests.ui.conftest import call, unlock
from tests.ui.test_case_page import PARTNER, _partnered, open_planted_case


def _tab(qtbot, window, worker):
    view = open_planted_case(qtbot, window, worker)
    view.tabs.setCurrentIndex(TAB_CONSENTS)
    lists = view.consents_tab.lists
    qtbot.waitUntil(lambda: lists.agency.count() == 1)
    return view, lists


def test_a_person_not_to_contact_is_added_and_taken_off(qtbot, make_window, data_dir, worker):
    setup = _partnered(data_dir, (Purpose.LAW_ENFORCEMENT,))
    window = make_window(data_dir)
    unlock(qtbot, window)
    _view, lists = _tab(qtbot, window, worker)
    assert lists.people_box.title() == "People not to contact or tell"
    assert not lists.add_person.isEnabled()  # nothing typed yet
    qtbot.keyClicks(lists.person_name, "Marco Ruiz")
    lists.relation.setCurrentIndex(lists.relation.findData("trafficker"))
    qtbot.mouseClick(lists.add_person, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: lists.people_table.rowCount() == 1)
    assert [lists.people_table.item(0, c).text() for c in range(2)] == ["Marco Ruiz", "Trafficker"]
    assert lists.person_name.text() == ""
    stored = call(qtbot, worker, lambda s: consents.case_do_not_contact(s, setup.case_id))
    assert [(n, r) for _, n, r in stored] == [("Marco Ruiz", "trafficker")]
    lists.people_table.selectRow(0)
    qtbot.mouseClick(lists.remove_person, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: lists.people_table.rowCount() == 0)
    assert call(qtbot, worker, lambda s: consents.case_do_not_contact(s, setup.case_id)) == []


def test_a_never_share_agency_gets_nothing_until_taken_off(qtbot, make_window, data_dir, worker):
    setup = _partnered(data_dir, (Purpose.LAW_ENFORCEMENT,))
    window = make_window(data_dir)
    unlock(qtbot, window)
    _view, lists = _tab(qtbot, window, worker)
    lists.agency.setCurrentIndex(0)
    assert lists.agency.currentText() == PARTNER
    qtbot.mouseClick(lists.add_agency, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: lists.never_table.rowCount() == 1)
    assert lists.never_table.item(0, 0).text() == PARTNER
    assert lists.agency.count() == 0  # already on the list: not offered again

    def preview(s):
        return sharing.preview_share(s, setup.case_id, setup.partner_id, Purpose.LAW_ENFORCEMENT)

    assert isinstance(call(qtbot, worker, preview), sharing.NeverShare)
    lists.never_table.selectRow(0)
    qtbot.mouseClick(lists.remove_agency, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: lists.never_table.rowCount() == 0)
    assert call(qtbot, worker, preview).fields  # the needs answer may go again


def test_the_lists_in_spanish(qtbot, make_window, data_dir, worker):
    _partnered(data_dir, (Purpose.LAW_ENFORCEMENT,))
    window = make_window(data_dir)
    unlock(qtbot, window)
    _view, lists = _tab(qtbot, window, worker)
    window.set_language("es")
    qtbot.waitUntil(lambda: lists.never_box.title() == "Nunca compartir con")
    assert lists.people_box.title() == "Personas a las que no contactar ni informar"
    assert lists.relation.itemText(lists.relation.findData("trafficker")) == "Tratante"
    window.set_language("en")
