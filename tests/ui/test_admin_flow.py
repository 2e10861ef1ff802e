"""The admin flow on real widgets, real encrypted data folders and a real relay on 127.0.0.1.

An administrator creates the agency on screen, saves its card, imports a partner's card,
confirms it, signs a policy and saves an enrolment bundle; a second laptop joins from that bundle
at first run ("Join my agency"), and a case shared from it reaches the partner through the relay.
Plus: a wrong bundle passphrase writes nothing; the auto-lock minutes come from the installed
profile; tampered, older and foreign profiles are refused on screen, in words.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from intake_app.admin.enrolment import make_bundle
from intake_app.admin.policy import AgencyPolicy
from intake_app.admin.profile import SignedProfile, install_profile, load_installed_profile
from intake_app.domain.answers import Answer
from intake_app.domain.case import Role
from intake_app.domain.consent import Category, Consent, Method, Purpose
from intake_app.services import agency, cases, consents, interviews, partners, provisioning, sharing
from intake_app.services.session import Session, Workspace
from intake_app.storage.kdf import KdfParams
from intake_app.sync.engine import Backoff, SyncEngine, SyncReport
from intake_app.sync.keys import AgencyIdentity, fingerprint_words, read_card, write_card
from intake_app.sync.transport import HttpRelayTransport
from intake_app.ui import i18n
from intake_app.ui.admin.page import AdminPage
from intake_app.ui.mainwindow import MainWindow
from intake_app.ui.worker import Worker
from tests.integration.conftest import TEST_CONFIG, RelayThread

T = TypeVar("T")
ADMIN, ADMIN_PASS = "adela", "admin passphrase long enough"
BUNDLE_PASS = "orange kettle seventeen lanterns"
PARTNER_PHONE = "+1 555 0142"
NEEDS_TEXT = "needs a safe place tonight"  # synthetic
NO_SLEEP = Backoff(base=0.0, cap=0.0, max_attempts=3)


def off_gui(fn: Callable[[], T]) -> T:
    """Run `fn` on a short-lived thread: the services refuse the GUI thread, as they should."""
    box: list[Any] = []

    def run() -> None:
        try:
            box.append(fn())
        except BaseException as exc:  # re-raised on the test thread
            box.append(exc)

    t = threading.Thread(target=run, name="test-setup")
    t.start()
    t.join(60)
    if isinstance(box[0], BaseException):
        raise box[0]
    return box[0]  # type: ignore[no-any-return]


def on_worker(qtbot: QtBot, worker: Worker, fn: Callable[[Session], T]) -> T:
    box: list[Any] = []
    worker.run(fn, box.append, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=20_000)
    if isinstance(box[0], BaseException):
        raise box[0]
    return box[0]  # type: ignore[no-any-return]


def answer_file_dialogs(monkeypatch: pytest.MonkeyPatch, paths: dict[str, Path]) -> None:
    """QFileDialog answers by its title's first words (no native dialog in a test)."""

    def pick(_parent: object, title: str, *_args: object) -> tuple[str, str]:
        for key, path in paths.items():
            if title.startswith(key):
                return str(path), ""
        raise AssertionError(f"unexpected file dialog: {title}")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", pick)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)


def first_run(
    qtbot: QtBot, window: MainWindow, user: str, passphrase: str, role_index: int
) -> None:
    page = window.first_run
    assert page is not None
    page.username.setText(user)
    page.role.setCurrentIndex(role_index)
    page.passphrase.setText(passphrase)
    page.repeat.setText(passphrase)
    page.submit.click()
    qtbot.waitUntil(lambda: page.steps.currentIndex() == 1, timeout=20_000)
    page.written.setChecked(True)
    page.last_group.setText(page.code.text().rsplit("-", 1)[1])
    page.done.click()
    qtbot.waitUntil(lambda: window.area is not None, timeout=10_000)


def open_agency_page(qtbot: QtBot, window: MainWindow) -> AdminPage:
    action = window.actions_["agency_admin"]
    assert action.isVisible() and action.isEnabled()
    action.trigger()
    assert window.area is not None
    page = window.area.admin
    assert isinstance(page, AdminPage)
    qtbot.waitUntil(lambda: page.overview is not None, timeout=10_000)
    return page


@pytest.fixture
def relay(tmp_path: Path) -> Iterator[RelayThread]:
    server = RelayThread(f"sqlite://{tmp_path / 'relay' / 'relay.db'}", TEST_CONFIG).start()
    yield server
    server.stop()


@pytest.fixture
def second_worker() -> Iterator[Worker]:
    w = Worker()
    yield w
    w.shutdown()


class Partner:
    """The partner agency (police): its own data folder and database thread, driven through
    services (its screens are not part of this flow)."""

    def __init__(self, qtbot: QtBot, root: Path) -> None:
        self.qtbot = qtbot
        self.worker = Worker()
        box: list[Any] = []

        def make() -> tuple[Session, AgencyIdentity]:
            s, _ = Workspace(root).set_up("oscar", ADMIN_PASS, Role.ADMIN,
                                          kdf=KdfParams.for_tests())
            identity = provisioning.create_agency(
                s, "Metro Police Unit", "law_enforcement",
                [{"name": "Duty desk", "phone": PARTNER_PHONE}],
            )  # fmt: skip
            return s, identity

        self.worker.open_session(make, box.append, box.append)
        qtbot.waitUntil(lambda: bool(box), timeout=20_000)
        assert isinstance(box[0], AgencyIdentity), box[0]
        self.identity: AgencyIdentity = box[0]
        self.card_path = root.parent / "police-card.json"
        write_card(self.identity.card, self.card_path)

    def do(self, fn: Callable[[Session], T]) -> T:
        return on_worker(self.qtbot, self.worker, fn)

    def close(self) -> None:
        self.worker.shutdown()


def _transport(s: Session, relay: RelayThread) -> HttpRelayTransport:
    identity = agency.require_identity(s)
    device = agency.ensure_device_key(s)
    if relay.store.device_key(identity.agency_id, device.device_id) is None:
        relay.store.register_device(identity.agency_id, device.device_id, device.public_bytes)
    return HttpRelayTransport(
        relay.url, identity.agency_id, device.device_id, device.private_key, timeout=5
    )


def _sync(s: Session, relay: RelayThread) -> SyncReport:
    transport = _transport(s, relay)
    try:
        engine = SyncEngine(sharing.SessionMailbox(s), backoff=NO_SLEEP, sleep=lambda _: None)
        return engine.run_once(transport)
    finally:
        transport.close()


def _share_from(s: Session, recipient: str, relay: RelayThread) -> SyncReport:
    """On the enrolled laptop: a case, a needs answer, the person's consent, the share, sync."""
    case = cases.create_case(s)
    iv = interviews.start_interview(s, case.id, "advocate_intake", "1.1", "en")
    interviews.record_answer(s, iv.id, "anything_else", Answer.of(NEEDS_TEXT))
    now = datetime.now(UTC)
    consents.give_consent(s, Consent(
        0, case.id, Purpose.CASE_COORDINATION, recipient, frozenset({Category.NEEDS}), "w",
        "en", Method.SIGNED, False, now - timedelta(minutes=1), now + timedelta(days=30),
    ))  # fmt: skip
    sharing.queue_share(s, case.id, recipient, Purpose.CASE_COORDINATION)
    return _sync(s, relay)


# --- the whole story ---------------------------------------------------------------------------
def test_admin_flow_end_to_end(
    qtbot: QtBot, make_window: Callable[..., MainWindow], second_worker: Worker,
    relay: RelayThread, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    police = Partner(qtbot, tmp_path / "police" / "data")
    own_card, bundle = tmp_path / "our-card.json", tmp_path / "agency.bundle"
    answer_file_dialogs(monkeypatch, {
        "Save the public card": own_card, "Choose the partner's card": police.card_path,
        "Save the enrolment bundle": bundle,
    })  # fmt: skip
    try:
        # The admin's laptop: first run as Administrator, then Agency (Ctrl+3).
        window = make_window(tmp_path / "admin" / "data")
        first_run(qtbot, window, ADMIN, ADMIN_PASS, role_index=3)
        page = open_agency_page(qtbot, window)
        screen = page.agency
        assert screen.stack.currentIndex() == 0  # no agency yet: the form
        assert not screen.create_button.isEnabled()
        screen.name.setText("Refugio Norte")
        screen.contact_name.setText("Marta Ibáñez")
        assert "phone number or email" in screen.c_feedback.text()
        screen.contact_phone.setText("+1 555 0100")
        from intake_app.ui.sync.status import Connection

        qtbot.waitUntil(
            lambda: window.sync.controller.status.connection is Connection.NO_AGENCY,
            timeout=10_000,
        )
        screen.create_button.click()
        qtbot.waitUntil(lambda: screen.stack.currentIndex() == 1, timeout=10_000)
        # The status bar learns of the new agency at once (no relay address yet: folder only).
        qtbot.waitUntil(
            lambda: window.sync.controller.status.connection is Connection.NO_RELAY,
            timeout=10_000,
        )
        own = page.overview.own if page.overview else None
        assert own is not None and screen.s_title.text() == "Refugio Norte"
        assert screen.words.words() == list(own.words) and len(own.words) == 8
        assert screen.words.hex.text().replace(" ", "") == own.hex

        screen.save_card.click()
        qtbot.waitUntil(screen.s_status.isVisible, timeout=10_000)
        assert "our-card.json" in screen.s_status.text()
        assert fingerprint_words(read_card(own_card)) == list(own.words)
        # The partner imports our card and confirms it (their side, by phone).
        police.do(lambda s: partners.import_partner(s, own_card.read_bytes()))
        police.do(lambda s: partners.confirm_partner(s, own.agency_id))

        # Partner agencies: import, compare side by side, confirm.
        page.tabs.setCurrentWidget(page.partners)
        screen_p = page.partners
        screen_p.import_button.click()
        qtbot.waitUntil(screen_p.compare.isVisible, timeout=10_000)
        assert screen_p.their_words.words() == fingerprint_words(police.identity.card)
        assert screen_p.our_words.words() == list(own.words)
        assert PARTNER_PHONE in screen_p.call_hint.text()
        assert "every word matches" in screen_p.call_hint.text()
        qtbot.waitUntil(lambda: screen_p.partner_rows() == [
            ("Metro Police Unit", "Not confirmed: compare the words by phone")
        ])  # fmt: skip
        screen_p.confirm.click()
        qtbot.waitUntil(lambda: not screen_p.compare.isVisible(), timeout=10_000)
        assert "Metro Police Unit is confirmed" in screen_p.status.text()
        assert screen_p.partner_rows()[0][1].startswith("Confirmed ")

        # Policy: sign version 2 (version 1 came with the agency); applied here at once.
        page.tabs.setCurrentWidget(page.policy)
        editor = page.policy
        assert "Version 1 is in force" in editor.in_force.text()
        editor.auto_lock.setValue(7)
        editor.consent_days.setValue(30)
        editor.relay.setText("ftp://nowhere")
        editor.sign.click()
        assert "must start with https://" in editor.error.text()
        editor.relay.setText(relay.url)
        editor.language.setCurrentIndex(1)  # new laptops start in Spanish
        editor.sign.click()
        qtbot.waitUntil(editor.status.isVisible, timeout=10_000)
        assert "Signed and installed policy version 2" in editor.status.text()
        assert window.idle.idle_seconds == 7 * 60
        assert window.policy is not None and window.policy.consent_default_days == 30

        # New laptop: the bundle passphrase twice, at least 12 characters.
        page.tabs.setCurrentWidget(page.laptops)
        laptops = page.laptops
        laptops.passphrase.setText("too short")
        assert not laptops.save.isEnabled() and "9 of at least 12" in laptops.feedback.text()
        laptops.passphrase.setText(BUNDLE_PASS)
        laptops.repeat.setText(BUNDLE_PASS + "x")
        assert not laptops.save.isEnabled()
        laptops.repeat.setText(BUNDLE_PASS)
        laptops.save.click()
        qtbot.waitUntil(laptops.status.isVisible, timeout=20_000)
        assert "policy version 2, confirmed partner agencies: 1" in laptops.status.text()
        assert bundle.exists() and laptops.passphrase.text() == ""

        # The second laptop: first run, "Join my agency" from the bundle.
        laptop_dir = tmp_path / "laptop2" / "data"
        second = MainWindow(laptop_dir, second_worker, kdf=KdfParams.for_tests())
        qtbot.addWidget(second)
        second.show()
        try:
            join_second_laptop(qtbot, second, bundle, own.words)
            installed = load_installed_profile(laptop_dir)
            assert installed is not None and installed.serial == 2
            assert second.idle.idle_seconds == 7 * 60
            assert i18n.load_saved_language(laptop_dir) == "es"

            # The enrolled laptop shares a consented case with the partner through the relay.
            # Its own sync thread (the policy names the relay) would race this round: stop it.
            second.sync.controller.shutdown()
            # The relay keeps envelopes only for agencies its operator registered.
            card = police.identity.card
            relay.store.register_agency(card.agency_id, card.signing_public, int(time.time()))
            report = on_worker(
                qtbot, second_worker,
                lambda s: _share_from(s, police.identity.agency_id, relay),
            )  # fmt: skip
            # The share, and one batch of the case's changes for the agency's own laptops.
            assert (report.delivered, report.pending_after) == (2, 0) and report.replicated
        finally:
            second.lock()
            second.idle.remove()
        received = police.do(lambda s: _sync(s, relay))
        assert (received.accepted, received.quarantined) == (1, 0)
        [view] = police.do(sharing.partner_views)
        assert view.sender_id == own.agency_id
        assert {f["name"] for f in view.fields} == {"anything_else"}
        assert any(NEEDS_TEXT in str(f) for f in view.fields)
    finally:
        police.close()


def join_second_laptop(
    qtbot: QtBot, window: MainWindow, bundle: Path, words: tuple[str, ...]
) -> None:
    page = window.first_run
    assert page is not None and page.join.isVisible()
    page.join.click()
    panel = window.join_panel
    assert panel is not None and panel.isVisible()
    panel.path.setText(str(bundle))
    panel.passphrase.setText("the wrong bundle passphrase")
    panel.open_button.click()
    qtbot.waitUntil(panel.error.isVisible, timeout=10_000)
    assert panel.error.text() == "That passphrase does not open this enrolment bundle. Nothing was written."
    assert not window.data_dir.exists()
    panel.passphrase.setText(BUNDLE_PASS)
    panel.open_button.click()
    qtbot.waitUntil(panel.join_button.isVisible, timeout=10_000)
    assert panel.words.text() == " ".join(words)
    panel.join_button.click()
    assert window.join_panel is None and page.isVisible()
    # The policy's language (Spanish) is the default for the rest of the first run.
    assert page.title.text() == "Bienvenida a Field Intake"
    assert "Refugio Norte" in page.joining.text()
    first_run(qtbot, window, "bea", "bea's long passphrase", role_index=0)


# --- refusals and policy in force ------------------------------------------------------------------
def test_wrong_bundle_passphrase_on_screen_writes_nothing(
    qtbot: QtBot, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    identity = AgencyIdentity.generate(
        "Refugio Norte", "service_provider", [{"name": "A", "phone": "+1 555 0100"}]
    )
    profile = SignedProfile.issue(identity, AgencyPolicy(), 1)
    bundle = tmp_path / "agency.bundle"
    bundle.write_bytes(make_bundle(identity, profile, [], BUNDLE_PASS, KdfParams.for_tests()))
    data_dir = tmp_path / "laptop" / "data"
    data_dir.mkdir(parents=True)
    before = sorted(data_dir.rglob("*"))
    window = make_window(data_dir)
    assert window.first_run is not None
    window.first_run.join.click()
    panel = window.join_panel
    assert panel is not None
    panel.path.setText(str(bundle))
    panel.passphrase.setText("not the bundle passphrase")
    panel.open_button.click()
    qtbot.waitUntil(panel.error.isVisible, timeout=10_000)
    assert panel.error.text() == "That passphrase does not open this enrolment bundle. Nothing was written."
    assert not panel.join_button.isVisible()
    assert sorted(data_dir.rglob("*")) == before
    panel.cancel_button.click()
    assert window.join_panel is None and window.first_run.isVisible()


def _admin_laptop(data_dir: Path, policy: AgencyPolicy, serial: int) -> AgencyIdentity:
    def make() -> AgencyIdentity:
        s, _ = Workspace(data_dir).set_up(ADMIN, ADMIN_PASS, Role.ADMIN, kdf=KdfParams.for_tests())
        try:
            identity = agency.init_agency(
                s, "Refugio Norte", "service_provider", [{"name": "A", "phone": "+1 555 0100"}]
            )
        finally:
            s.close()
        profile = SignedProfile.issue(identity, policy, serial)
        install_profile(data_dir, profile.to_bytes(), identity.card)
        return identity

    return off_gui(make)


def unlock_as(qtbot: QtBot, window: MainWindow, user: str, passphrase: str) -> None:
    window.unlock_page.username.setText(user)
    window.unlock_page.passphrase.setText(passphrase)
    window.unlock_page.button.click()
    qtbot.waitUntil(lambda: not window.is_locked, timeout=10_000)


def test_auto_lock_minutes_come_from_the_installed_profile(
    qtbot: QtBot, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    _admin_laptop(data_dir, AgencyPolicy(auto_lock_minutes=3), 4)
    now = [1000.0]
    window = make_window(data_dir, clock=lambda: now[0])
    unlock_as(qtbot, window, ADMIN, ADMIN_PASS)
    assert window.idle.idle_seconds == 3 * 60
    now[0] += 3 * 60 - 1
    window.idle.check()
    assert not window.is_locked
    now[0] += 2
    window.idle.check()
    assert window.is_locked


def test_consent_and_pacing_defaults_follow_the_policy(
    qtbot: QtBot, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    from datetime import date

    from intake_app.ui.interview.consent_dialog import ConsentDialog

    data_dir = tmp_path / "data"
    _admin_laptop(data_dir, AgencyPolicy(consent_default_days=45, consent_max_days=60), 1)
    window = make_window(data_dir)
    unlock_as(qtbot, window, ADMIN, ADMIN_PASS)
    made: list[int] = []
    window.worker.run(lambda s: cases.create_case(s).id, made.append)
    qtbot.waitUntil(lambda: bool(made))
    window.open_consent(made[0])  # partners and the policy's rules are fetched by the worker

    def visible_dialogs() -> list[ConsentDialog]:
        return [w for w in window.findChildren(ConsentDialog) if w.isVisible()]

    qtbot.waitUntil(lambda: bool(visible_dialogs()), timeout=10_000)
    dialogs = visible_dialogs()
    assert dialogs[0].expiry_date() == date.today() + timedelta(days=45)
    assert dialogs[0].ends.hint.text() == "(after today, at most 60 days)"  # consent_max_days
    dialogs[0].reject()


def test_tampered_older_and_foreign_profiles_are_refused_on_screen(
    qtbot: QtBot, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    identity = _admin_laptop(data_dir, AgencyPolicy(auto_lock_minutes=5), 2)
    installed_before = (data_dir / "profile.json").read_bytes()
    older = tmp_path / "older.json"
    older.write_bytes(SignedProfile.issue(identity, AgencyPolicy(auto_lock_minutes=20), 1).to_bytes())
    newer = SignedProfile.issue(identity, AgencyPolicy(auto_lock_minutes=4), 3).to_bytes()
    tampered = tmp_path / "tampered.json"
    tampered.write_bytes(newer.replace(b'"auto_lock_minutes": 4', b'"auto_lock_minutes": 30'))
    stranger = AgencyIdentity.generate("Other", "other", [{"name": "B", "phone": "+1 555 0101"}])
    foreign = tmp_path / "foreign.json"
    foreign.write_bytes(SignedProfile.issue(stranger, AgencyPolicy(), 9).to_bytes())
    good = tmp_path / "newer.json"
    good.write_bytes(newer)

    window = make_window(data_dir)
    unlock_as(qtbot, window, ADMIN, ADMIN_PASS)
    assert window.idle.idle_seconds == 5 * 60
    page = open_agency_page(qtbot, window)
    page.tabs.setCurrentWidget(page.policy)
    editor = page.policy
    expected = {
        tampered: "Refused: this profile was changed after it was signed. Nothing was changed",
        older: "Refused: this profile is older than the one in force here.",
        foreign: "Refused: this profile was signed by a different agency.",
    }
    for path, message in expected.items():
        editor.import_profile(path)
        qtbot.waitUntil(editor.error.isVisible, timeout=10_000)
        assert editor.error.text().startswith(message)
        assert (data_dir / "profile.json").read_bytes() == installed_before
        assert window.idle.idle_seconds == 5 * 60
    editor.import_profile(good)
    qtbot.waitUntil(editor.status.isVisible, timeout=10_000)
    assert "Installed policy version 3" in editor.status.text()
    assert window.idle.idle_seconds == 4 * 60  # applied at once
    assert "Version 3 is in force" in editor.in_force.text()


def test_signing_from_the_editor_keeps_the_settings_it_has_no_control_for(
    qtbot: QtBot, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    """The neutral lock-screen title and the safety steps (set in a policy file) survive an admin
    changing the auto-lock on screen; so does every other setting the form does not show."""
    data_dir = tmp_path / "data"
    steps = (("en", "Call the shelter line first."),)
    _admin_laptop(data_dir, AgencyPolicy(neutral_title="Notes", safety_steps=steps), 2)
    window = make_window(data_dir)
    unlock_as(qtbot, window, ADMIN, ADMIN_PASS)
    page = open_agency_page(qtbot, window)
    page.tabs.setCurrentWidget(page.policy)
    editor = page.policy
    qtbot.waitUntil(lambda: "Version 2 is in force" in editor.in_force.text(), timeout=10_000)
    editor.auto_lock.setValue(6)
    editor.sign.click()
    qtbot.waitUntil(editor.status.isVisible, timeout=10_000)
    assert "Signed and installed policy version 3" in editor.status.text()
    assert window.policy is not None and window.policy.auto_lock_minutes == 6
    assert window.policy.neutral_title == "Notes"
    assert window.policy.safety_steps == steps
    window.lock()
    assert window.windowTitle() == "Notes"


def test_the_policy_offers_the_agencys_own_protocol_and_signing_carries_it(
    qtbot: QtBot, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    """A protocol the administrator installed is a box among the guides offered; ticked and
    signed on screen, the profile carries it whole; signing again never drops it."""
    from intake_app.services import protocols
    from tests.protocol_docs import ID, document

    data_dir = tmp_path / "data"
    _admin_laptop(data_dir, AgencyPolicy(), 2)

    def install() -> None:
        s = Workspace(data_dir).unlock(ADMIN, ADMIN_PASS)
        try:
            protocols.install(s, document("1"))
        finally:
            s.close()

    off_gui(install)
    window = make_window(data_dir)
    unlock_as(qtbot, window, ADMIN, ADMIN_PASS)
    page = open_agency_page(qtbot, window)
    page.tabs.setCurrentWidget(page.policy)
    editor = page.policy
    qtbot.waitUntil(lambda: ID in editor.protocols.boxes, timeout=10_000)
    box = editor.protocols.boxes[ID]
    assert box.text() == "Shelter check-in (version 1)" and not box.isChecked()
    box.setChecked(True)
    editor.sign.click()
    qtbot.waitUntil(editor.status.isVisible, timeout=10_000)
    assert "Signed and installed policy version 3" in editor.status.text()
    assert window.policy is not None and ID in window.policy.protocols_enabled
    carried = load_installed_profile(data_dir)
    assert carried is not None and (ID, "1") in {(p.id, p.version) for p in carried.protocols}
    editor.auto_lock.setValue(7)  # another change signed from the form keeps the guide
    editor.status.hide()
    editor.sign.click()
    qtbot.waitUntil(editor.status.isVisible, timeout=10_000)
    assert ID in window.policy.protocols_enabled


def test_agency_action_is_for_administrators_only(
    qtbot: QtBot, make_window: Callable[..., MainWindow], data_dir: Path
) -> None:
    from tests.ui.conftest import unlock

    window = make_window(data_dir)  # the template's user is an advocate
    unlock(qtbot, window)
    action = window.actions_["agency_admin"]
    assert not action.isVisible() and not action.isEnabled()
    window.show_agency()
    assert window.area is not None and window.area.admin is None


def test_a_profile_installed_from_outside_applies_at_once(
    qtbot: QtBot, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    """`intake admin import-profile` while the app runs: the window applies the new policy."""
    data_dir = tmp_path / "data"
    identity = _admin_laptop(data_dir, AgencyPolicy(auto_lock_minutes=12), 1)
    window = make_window(data_dir)
    unlock_as(qtbot, window, ADMIN, ADMIN_PASS)
    assert window.idle.idle_seconds == 12 * 60
    newer = SignedProfile.issue(identity, AgencyPolicy(auto_lock_minutes=2), 2)
    install_profile(data_dir, newer.to_bytes(), identity.card)
    qtbot.waitUntil(lambda: window.idle.idle_seconds == 2 * 60, timeout=5_000)


def test_a_replaced_profile_file_keeps_the_policy_in_force_and_the_window_says_why(
    qtbot: QtBot, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    """An older profile copied over the file while locked, a same-name foreign one dropped in while
    unlocked: auto-lock stays at the verified 3 minutes, the status bar and the Policy tab say
    why, and importing the agency's own profile puts the file right."""
    data_dir = tmp_path / "data"
    identity = _admin_laptop(data_dir, AgencyPolicy(auto_lock_minutes=3), 4)
    file = data_dir / "profile.json"
    verified = file.read_bytes()
    window = make_window(data_dir)
    unlock_as(qtbot, window, ADMIN, ADMIN_PASS)  # serial 4 verified into the database
    window.lock()
    file.write_bytes(SignedProfile.issue(identity, AgencyPolicy(auto_lock_minutes=25), 2).to_bytes())
    unlock_as(qtbot, window, ADMIN, ADMIN_PASS)
    assert window.idle.idle_seconds == 3 * 60
    assert "older than the policy in force" in window.statusBar().currentMessage()
    assert file.read_bytes() == verified  # put back at unlock

    impostor = AgencyIdentity.generate(
        "Refugio Norte", "service_provider", [{"name": "A", "phone": "+1 555 0100"}]
    )
    file.write_bytes(SignedProfile.issue(impostor, AgencyPolicy(auto_lock_minutes=30), 9).to_bytes())
    qtbot.waitUntil(lambda: "different agency" in window.statusBar().currentMessage(),
                    timeout=10_000)
    assert window.idle.idle_seconds == 3 * 60
    page = open_agency_page(qtbot, window)
    page.tabs.setCurrentWidget(page.policy)
    editor = page.policy
    assert "Version 4 is in force" in editor.in_force.text()
    assert editor.error.isVisible() and "different agency" in editor.error.text()
    good = tmp_path / "profile-4.json"
    good.write_bytes(verified)
    editor.import_profile(good)
    qtbot.waitUntil(editor.status.isVisible, timeout=10_000)
    assert "Installed policy version 4" in editor.status.text()
    assert file.read_bytes() == verified


def test_first_run_takes_language_and_kdf_floor_from_an_installed_profile(
    qtbot: QtBot, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    """A laptop whose installer carried a profile: first run starts in the agency's language and
    never derives passphrase keys below the policy's cost (tests' cheap KDF raised to 2 passes)."""
    identity = AgencyIdentity.generate(
        "Refugio Norte", "service_provider", [{"name": "A", "phone": "+1 555 0100"}]
    )
    data_dir = tmp_path / "data"
    policy = AgencyPolicy(language="es", kdf_memory_mib=8, kdf_time_cost=2)
    install_profile(data_dir, SignedProfile.issue(identity, policy, 1).to_bytes(), identity.card)
    window = make_window(data_dir)
    page = window.first_run
    assert page is not None and page.title.text() == "Bienvenida a Field Intake"
    first_run(qtbot, window, "bea", "bea's long passphrase", role_index=0)
    costs = {m.group(1) for m in re.finditer(
        r'"time_cost":\s*(\d+)', (data_dir / "keys.json").read_text(encoding="utf-8")
    )}  # fmt: skip
    assert costs and all(int(c) >= 2 for c in costs), costs
    assert i18n.load_saved_language(data_dir) == "es"


def test_an_admin_lists_interview_languages_and_sees_what_each_guide_lacks(
    qtbot: QtBot, make_window: Callable[..., MainWindow], tmp_path: Path
) -> None:
    """Typing French into the interview languages, the screen names it, lists per guide the
    questions without French, and signing puts it in the policy in force."""
    data_dir = tmp_path / "data"
    _admin_laptop(data_dir, AgencyPolicy(), 2)
    window = make_window(data_dir)
    unlock_as(qtbot, window, ADMIN, ADMIN_PASS)
    page = open_agency_page(qtbot, window)
    page.tabs.setCurrentWidget(page.policy)
    editor = page.policy
    qtbot.waitUntil(lambda: "Version 2 is in force" in editor.in_force.text(), timeout=10_000)
    box = editor.languages
    qtbot.waitUntil(lambda: "Every guide offered has all" in box.summary.text(), timeout=10_000)
    box.codes.setFocus()
    box.codes.selectAll()
    qtbot.keyClicks(box.codes, "en, es, fr")
    qtbot.keyClick(box.codes, Qt.Key.Key_Tab)
    assert "français (French)" in box.names.text()
    qtbot.waitUntil(lambda: "lack a language" in box.summary.text(), timeout=10_000)
    top = box.gaps.topLevelItem(0)
    assert top is not None and top.childCount() == 1
    french = top.child(0)
    assert french is not None and french.text(0).startswith("français (French): missing in ")
    first = french.child(0)
    assert first is not None and first.text(0).startswith(("section '", "question '"))
    editor.sign.click()
    qtbot.waitUntil(editor.status.isVisible, timeout=10_000)
    assert window.policy is not None and window.policy.interview_languages == ("en", "es", "fr")
