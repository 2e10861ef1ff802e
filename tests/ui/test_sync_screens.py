"""Sharing screens on real widgets, two real encrypted data folders and a REAL relay on
127.0.0.1: share preview and send, delivery, the partner's read-only view, a referral round
trip, withdrawal, a refused (quarantined) item, and the Spanish UI. The GUI thread is marked:
any SQL, key derivation or network there raises."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from intake_app.domain.answers import Answer
from intake_app.domain.case import Role
from intake_app.domain.consent import Category, Consent, Method, Purpose
from intake_app.services import agency, cases, consents, interviews, partners, sharing
from intake_app.services.session import Workspace
from intake_app.storage.kdf import KdfParams
from intake_app.threads import clear_gui_thread, mark_gui_thread
from intake_app.ui import i18n
from intake_app.ui.caseview import TAB_CONSENTS, CaseView
from intake_app.ui.interview.consent_dialog import ConsentDialog
from intake_app.ui.mainwindow import MainWindow
from intake_app.ui.sync.controller import SYNC_THREAD
from intake_app.ui.sync.share_dialog import ShareDialog
from intake_app.ui.sync.sharing_page import TAB_REFUSED, SharingPage
from intake_app.ui.sync.status import Connection, SyncStatus
from intake_app.ui.worker import Worker
from tests.integration.conftest import TEST_CONFIG, RelayThread
from tests.ui.conftest import PASSPHRASE, PLANTED_LEGAL, PLANTED_NAME, USER, call, unlock

CONTACT = [{"name": "Duty desk", "phone": "+1 555 0100"}]
NEEDS_CANARY = "needs-canary-Q7W2"  # a needs answer: consented
EXPERIENCE_CANARY = "experience-canary-K9PL"  # an experience answer: never consented
OFFICER = "oficial"


@dataclass
class Setup:
    a_dir: Path
    b_dir: Path
    a_id: str
    b_id: str
    case_id: int
    a_key: bytes  # agency signing keys, registered at the relay by its operator
    b_key: bytes


@pytest.fixture
def relay(tmp_path: Path) -> Iterator[RelayThread]:
    server = RelayThread(f"sqlite://{tmp_path / 'relay' / 'relay.db'}", TEST_CONFIG).start()
    yield server
    server.stop()


@pytest.fixture
def two(data_dir: Path, tmp_path: Path) -> Setup:
    """Shelter (the template folder, user ana) and police (a new folder): partners, confirmed;
    one case with needs and experience answers and a needs-only consent for the police."""
    clear_gui_thread()  # set-up is not the UI: it calls the services directly
    try:
        a = Workspace(data_dir).unlock(USER, PASSPHRASE)
        b, _ = Workspace(tmp_path / "police").set_up(
            OFFICER, PASSPHRASE, Role.OFFICER, kdf=KdfParams.for_tests()
        )
        try:
            ida = agency.init_agency(a, "Casa Esperanza", "service_provider", CONTACT)
            idb = agency.init_agency(b, "Unidad Norte", "law_enforcement", CONTACT)
            for x, y in ((a, idb), (b, ida)):
                partners.mark_confirmed(x, partners.store_partner(x, y.card.to_json()).agency_id)
            case_id = cases.list_cases(a, PLANTED_NAME.split()[0])[0].id
            iv = interviews.start_interview(a, case_id, "advocate_intake", "1.1", "en")
            interviews.record_answer(a, iv.id, "anything_else", Answer.of(NEEDS_CANARY))
            interviews.record_answer(a, iv.id, "shelter_tonight", Answer.of("yes"))
            interviews.record_answer(a, iv.id, "what_brought_you", Answer.of(EXPERIENCE_CANARY))
            now = datetime.now(UTC)
            for purpose in (Purpose.CASE_COORDINATION, Purpose.SERVICES_REFERRAL):
                consents.give_consent(a, Consent(
                    0, case_id, purpose, idb.agency_id, frozenset({Category.NEEDS}), "w", "en",
                    Method.VERBAL, False, now - timedelta(minutes=1), now + timedelta(days=30),
                ))
        finally:
            a.close()
            b.close()
    finally:
        mark_gui_thread()
    return Setup(data_dir, tmp_path / "police", ida.agency_id, idb.agency_id, case_id,
                 ida.card.signing_public, idb.card.signing_public)


@pytest.fixture
def windows(qtbot: QtBot, make_window: Callable[..., MainWindow]) -> Iterator[
    Callable[..., MainWindow]
]:
    """make_window, plus a second window with its own worker; every sync thread stopped after."""
    made: list[MainWindow] = []
    extra: list[Worker] = []

    def make(data_dir: Path, relay_url: str, *, own_worker: bool = False) -> MainWindow:
        if own_worker:
            w = Worker()
            extra.append(w)
            window = MainWindow(data_dir, w, kdf=KdfParams.for_tests())
            qtbot.addWidget(window)
            window.show()
        else:
            window = make_window(data_dir)
        window.sync.relay_url_override = relay_url
        made.append(window)
        return window

    yield make
    for window in made:
        window.sync.shutdown()
    for window in made:
        if window.worker in extra:
            window.lock()
            window.idle.remove()
    for w in extra:
        w.shutdown()
    alive = [t.name for t in threading.enumerate() if t.name == SYNC_THREAD and t.is_alive()]
    assert not alive, f"sync threads left running: {alive}"


def statuses(window: MainWindow) -> list[SyncStatus]:
    seen: list[SyncStatus] = []
    window.sync.controller.status_changed.connect(seen.append)
    return seen


def cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return "" if item is None else item.text()


def closed(widget: QWidget) -> bool:
    return not shiboken6.isValid(widget) or not widget.isVisible()


def the_dialog() -> ShareDialog:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, ShareDialog)
             and not closed(w)]
    assert len(found) == 1
    return found[0]


def open_case(qtbot: QtBot, window: MainWindow, case_id: int) -> CaseView:
    window.open_case(case_id)
    assert window.area is not None
    view = window.area.case_view
    assert view is not None
    qtbot.waitUntil(lambda: view.bundle is not None)
    return view


def sharing_page(qtbot: QtBot, window: MainWindow) -> SharingPage:
    window.sync.action.trigger()  # Ctrl+2
    page = window.sync.page
    assert page is not None
    qtbot.waitUntil(lambda: page.bundle is not None)
    return page


def unlock_officer(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window, OFFICER)


def wait_online_and_empty(qtbot: QtBot, window: MainWindow) -> None:
    def done() -> bool:
        s = window.sync.controller.status
        return s.connection is Connection.ONLINE and s.pending == 0

    qtbot.waitUntil(done, timeout=15_000)


# --- the flow ------------------------------------------------------------------------------
def test_share_deliver_view_referral_and_withdraw_through_a_real_relay(
    qtbot: QtBot, two: Setup, relay: RelayThread, windows: Callable[..., MainWindow]
) -> None:
    started = time.monotonic()
    relay.store.register_agency(two.a_id, two.a_key, int(time.time()))
    relay.store.register_agency(two.b_id, two.b_key, int(time.time()))
    shelter = windows(two.a_dir, relay.url)
    unlock(qtbot, shelter)
    seen = statuses(shelter)
    qtbot.waitUntil(shelter.sync.button.isVisible)
    wait_online_and_empty(qtbot, shelter)
    assert "Online" in shelter.sync.button.text()

    # Share preview: needs only, and nothing sendable without a live consent.
    view = open_case(qtbot, shelter, two.case_id)
    view.share_button.click()
    dialog = the_dialog()
    qtbot.waitUntil(lambda: dialog.preview is not None)
    shown = " | ".join(dialog.tree.texts())
    assert NEEDS_CANARY in shown and "Needs (3)" in shown and "Español" in shown
    assert EXPERIENCE_CANARY not in shown and PLANTED_NAME not in shown
    assert PLANTED_LEGAL not in shown and "Experience" not in shown
    assert "Advocate" in shown  # provenance: advocate-origin
    assert "Unidad Norte will see exactly this" in dialog.heading.text()
    assert dialog.send.isEnabled()
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("law_enforcement"))
    qtbot.waitUntil(lambda: dialog.problem == "no_consent")
    assert not dialog.send.isEnabled()
    assert "Nothing can be sent" in dialog.message.text()
    assert dialog.record_consent.isVisible()
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("case_coordination"))
    qtbot.waitUntil(lambda: dialog.preview is not None)
    dialog.send.click()
    qtbot.waitUntil(lambda: closed(dialog))

    # Queued: the count went up; a round against the relay delivered it; back to 0.
    qtbot.waitUntil(lambda: any(s.pending >= 1 for s in seen), timeout=10_000)
    qtbot.waitUntil(lambda: shelter.sync.controller.status.last_delivery is not None,
                    timeout=15_000)
    wait_online_and_empty(qtbot, shelter)
    assert "0 waiting to send" in shelter.sync.button.text()
    assert "last sent" in shelter.sync.button.text()
    assert call(qtbot, shelter.worker, sharing.pending_count) == 0

    # A referral (services) in the same spirit.
    view.refer_button.click()
    referral = the_dialog()
    qtbot.waitUntil(lambda: referral.preview is not None)
    assert not referral.send.isEnabled()  # no service named yet
    qtbot.keyClicks(referral.service, "Emergency shelter")
    referral.urgency.setCurrentIndex(referral.urgency.findData("urgent"))
    assert referral.send.isEnabled()
    referral.send.click()
    qtbot.waitUntil(lambda: closed(referral))
    qtbot.waitUntil(lambda: call(qtbot, shelter.worker, sharing.pending_count) == 0,
                    timeout=15_000)

    # The police laptop: the partner's view, read-only, signed, versioned; answer the referral.
    police = windows(two.b_dir, relay.url, own_worker=True)
    unlock_officer(qtbot, police)
    page = sharing_page(qtbot, police)
    qtbot.waitUntil(lambda: page.inbox.rowCount() == 2, timeout=15_000)
    rows = {cell(page.inbox, r, 2): r for r in range(2)}
    assert "Referral: Emergency shelter (Urgent (today))" in rows
    page.inbox.selectRow(rows["Case information"])
    assert cell(page.inbox, rows["Case information"], 1) == "Casa Esperanza"
    page.open_button.click()
    qtbot.waitUntil(lambda: bool(page.open_views))
    partner = page.open_views[0]
    assert "read-only" in partner.windowTitle()
    assert "Casa Esperanza's record — read-only" in partner.banner.text()
    assert "version 1" in partner.details.text() and "Signed by Casa Esperanza" in (
        partner.details.text())
    seen_there = " | ".join(partner.tree.texts())
    assert NEEDS_CANARY in seen_there and EXPERIENCE_CANARY not in seen_there
    assert not partner.findChildren(QLineEdit) and not partner.findChildren(QPlainTextEdit)
    partner.accept()
    page.inbox.selectRow(rows["Referral: Emergency shelter (Urgent (today))"])
    assert page.accept_button.isEnabled()
    qtbot.keyClicks(page.answer_note, "Bed ready tonight")
    page.accept_button.click()
    qtbot.waitUntil(lambda: any(
        cell(page.inbox, r, 3) == "You accepted" for r in range(page.inbox.rowCount())),
        timeout=10_000)
    wait_online_and_empty(qtbot, police)

    # The answer reaches the sender.
    shelter.sync.controller.sync_now()
    qtbot.waitUntil(lambda: call(qtbot, shelter.worker, lambda s: [
        r.status for r in sharing.case_referrals(s, two.case_id)]) == ["accepted"],
        timeout=15_000)
    view.refer_button.click()
    again = the_dialog()
    qtbot.waitUntil(lambda: again.earlier.count() == 1 and "Accepted" in again.earlier.item(
        0).text())
    assert "Bed ready tonight" in again.earlier.item(0).text()
    again.reject()

    # Withdrawal from the consents tab tells the partner; its view is removed there.
    view.tabs.setCurrentIndex(TAB_CONSENTS)
    row = next(r for r in range(view.consents_tab.table.rowCount())
               if cell(view.consents_tab.table, r, 0) == "Case coordination")
    view.consents_tab.table.selectRow(row)
    view.consents_tab.withdraw.click()
    view.consents_tab.confirm_yes.click()
    qtbot.waitUntil(lambda: call(qtbot, shelter.worker, lambda s: [
        w.envelope_id for c in [r for r in consents_of(s, two.case_id)
                                if r.purpose is Purpose.CASE_COORDINATION]
        for w in sharing.consent_withdrawals(s, c.id)]) != [], timeout=10_000)
    qtbot.waitUntil(lambda: call(qtbot, shelter.worker, sharing.pending_count) == 0,
                    timeout=15_000)
    police.sync.controller.sync_now()
    qtbot.waitUntil(lambda: any(
        cell(page.inbox, r, 3) == "Withdrawn by the sender: removed"
        for r in range(page.inbox.rowCount())), timeout=15_000)
    gone = call(qtbot, police.worker, lambda s: [
        sharing.open_partner_view(s, i.id) for i in sharing.inbox(s) if i.kind == "share"])
    assert gone == [None]
    assert time.monotonic() - started < 60


def consents_of(s: object, case_id: int) -> list[Consent]:
    return consents.case_consents(s, case_id)  # type: ignore[arg-type]


def test_folder_drop_export_import_and_a_refused_file_with_its_reason(
    qtbot: QtBot, two: Setup, windows: Callable[..., MainWindow], tmp_path: Path
) -> None:
    stick = tmp_path / "stick"
    shelter = windows(two.a_dir, "")  # no relay in the policy: folder drop only
    unlock(qtbot, shelter)
    qtbot.waitUntil(lambda: shelter.sync.controller.status.connection is Connection.NO_RELAY)
    assert "No relay: share by folder" in shelter.sync.button.text()
    view = open_case(qtbot, shelter, two.case_id)
    view.share_action.trigger()  # Ctrl+Shift+S
    dialog = the_dialog()
    qtbot.waitUntil(lambda: dialog.preview is not None)
    dialog.send.click()
    qtbot.waitUntil(lambda: "1 waiting to send" in shelter.sync.button.text())
    page = sharing_page(qtbot, shelter)
    page.exchange_folder(stick, export=True)
    qtbot.waitUntil(lambda: "1 items written to the folder" in page.message.text())
    qtbot.waitUntil(lambda: "0 waiting to send" in shelter.sync.button.text())
    assert len(list((stick / two.b_id).glob("*.fienv"))) == 1

    police = windows(two.b_dir, "", own_worker=True)
    unlock_officer(qtbot, police)
    bad = stick / two.b_id / ("0" * 32 + ".fienv")
    bad.write_bytes(b"not an envelope at all")
    ppage = sharing_page(qtbot, police)
    ppage.exchange_folder(stick, export=False)
    qtbot.waitUntil(lambda: "1 items imported, 1 refused" in ppage.message.text())
    qtbot.waitUntil(lambda: ppage.inbox.rowCount() == 1 and ppage.refused.rowCount() == 1)
    assert cell(ppage.inbox, 0, 1) == "Casa Esperanza"
    assert cell(ppage.refused, 0, 2) == "A file in the folder is not a Field Intake message."
    assert ppage.tabs.tabText(TAB_REFUSED) == "Refused (1)"
    qtbot.waitUntil(lambda: "1 refused on arrival" in police.sync.button.text())


def test_spanish_sharing_screens(
    qtbot: QtBot, two: Setup, windows: Callable[..., MainWindow]
) -> None:
    i18n.set_language("es")
    shelter = windows(two.a_dir, "")
    unlock(qtbot, shelter)
    qtbot.waitUntil(lambda: "Sin relé: compartir por carpeta" in shelter.sync.button.text())
    view = open_case(qtbot, shelter, two.case_id)
    assert view.share_button.text() == "Compartir…"
    assert view.share_button.accessibleName() == "Compartir con una agencia aliada"
    assert view.refer_button.toolTip() == "Enviar una derivación"
    view.share_button.click()
    dialog = the_dialog()
    qtbot.waitUntil(lambda: dialog.preview is not None)
    assert "Unidad Norte verá exactamente esto" in dialog.heading.text()
    assert "Necesidades (" in " | ".join(dialog.tree.texts())
    assert dialog.send.text() == "Enviar"
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("law_enforcement"))
    qtbot.waitUntil(lambda: dialog.problem == "no_consent")
    assert "No se puede enviar nada" in dialog.message.text()
    assert dialog.record_consent.text() == "Registrar consentimiento"
    dialog.record_consent.click()  # the way to record consent: the consent dialog, partners in it
    qtbot.waitUntil(lambda: any(isinstance(w, ConsentDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()))
    consent = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ConsentDialog)
                   and w.isVisible())
    assert consent.recipient.count() == 1 and consent.recipient.itemText(0) == "Unidad Norte"
    consent.reject()
    page = sharing_page(qtbot, shelter)
    assert page.title.text() == "Compartir con agencias aliadas"
    assert page.tabs.tabText(0).startswith("Recibidos")
    assert page.import_button.text() == "Importar desde carpeta…"


def test_lock_stops_the_sync_thread_and_unlock_starts_it_again(
    qtbot: QtBot, two: Setup, relay: RelayThread, windows: Callable[..., MainWindow]
) -> None:
    relay.store.register_agency(two.a_id, two.a_key, int(time.time()))
    shelter = windows(two.a_dir, relay.url)
    unlock(qtbot, shelter)
    wait_online_and_empty(qtbot, shelter)
    controller = shelter.sync.controller
    assert controller.threads_alive == 1
    shelter.lock()
    assert not shelter.sync.button.isVisible() and not shelter.sync.action.isEnabled()
    qtbot.waitUntil(lambda: controller.threads_alive == 0, timeout=15_000)
    unlock(qtbot, shelter)
    wait_online_and_empty(qtbot, shelter)
    assert controller.threads_alive == 1 and shelter.sync.button.isVisible()


def test_a_laptop_whose_clock_ran_ahead_is_told_so_in_its_status_bar(
    qtbot: QtBot, two: Setup, windows: Callable[..., MainWindow], tmp_path: Path
) -> None:
    import functools

    from intake_app.sync.engine import SyncEngine
    from intake_app.sync.transport import FolderDropTransport

    stick = tmp_path / "stick"
    ahead = 3 * 3600
    now = time.time()
    clear_gui_thread()  # the two laptops' rounds, as their sync threads would run them
    try:
        for folder, user, me, at in (
            (two.a_dir, USER, two.a_id, now + ahead),  # the shelter's clock is 3 h fast
            (two.b_dir, OFFICER, two.b_id, now),  # the police refuse it for now and say so
            (two.b_dir, OFFICER, two.b_id, now),  # ...the notice goes out
            (two.a_dir, USER, two.a_id, now + ahead),  # the shelter reads the notice
        ):
            s = Workspace(folder).unlock(user, PASSPHRASE)
            try:
                if folder == two.a_dir and not sharing.outbox(s):
                    sharing.queue_share(s, two.case_id, two.b_id, Purpose.CASE_COORDINATION,
                                        datetime.fromtimestamp(at, UTC))
                SyncEngine(sharing.SessionMailbox(s), sleep=lambda _: None,
                           clock=functools.partial(float, at)).run_once(
                    FolderDropTransport(stick, me))
            finally:
                s.close()
    finally:
        mark_gui_thread()
    shelter = windows(two.a_dir, "")
    unlock(qtbot, shelter)
    qtbot.waitUntil(lambda: "clock is 3 h ahead" in shelter.sync.button.text(), timeout=15_000)
    assert "a partner holds 1 until then" in shelter.sync.button.text()
    assert shelter.sync.controller.status.needs_attention


def test_a_long_status_line_is_cut_short_not_the_window(
    qtbot: QtBot, make_window: Callable[..., MainWindow], data_dir: Path
) -> None:
    from intake_app.ui.sync.feature import status_text

    window = make_window(data_dir)
    unlock(qtbot, window)
    long = SyncStatus(Connection.OFFLINE, pending=3, failed=2, quarantined=4,
                      last_delivery=datetime.now(UTC), held_by_partners=1,
                      clock_ahead_seconds=3 * 3600)
    window.sync._show_status(long)
    button = window.sync.button
    button.show()
    window.resize(640, 480)  # a 1280x720 screen at 200%
    qtbot.waitUntil(lambda: button.width() < 640)
    assert button.minimumSizeHint().width() < 640  # it never asks for the whole line
    shown = button.shown_text()
    assert shown.endswith("…") and status_text(long).startswith(shown[:-1])
    assert button.fontMetrics().horizontalAdvance(shown) <= button.width()
    assert button.text() == status_text(long)  # whole for screen readers
    assert "clock is 3 h ahead" in window.sync.button.toolTip()
