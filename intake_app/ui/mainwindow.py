"""The main window: first run or lock screen while locked; case list and case view once unlocked.

Start-up stays lean: the case screens (and, through them, the services and the database
driver) are imported only after unlocking, so the lock screen paints first.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from intake_app.errors import IntakeError
from intake_app.paths import KEY_FILE
from intake_app.ui import i18n
from intake_app.ui.firstrun import FirstRunPage
from intake_app.ui.fit import fit_window, size_to_current
from intake_app.ui.i18n import error_text, tr
from intake_app.ui.locking import ClipboardGuard, IdleLock
from intake_app.ui.recovery import RecoveryPage
from intake_app.ui.shortcuts import SHORTCUTS, keys_for
from intake_app.ui.unlock import UnlockPage
from intake_app.ui.worker import Change, Worker

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QFileSystemWatcher

    from intake_app.admin.enrolment import Enrolment
    from intake_app.admin.policy import AgencyPolicy
    from intake_app.domain.answers import Answer
    from intake_app.domain.case import CaseSummary, InterviewSummary, UserInfo
    from intake_app.domain.consent import Consent
    from intake_app.domain.protocol import Protocol
    from intake_app.services.session import KdfParams, Session
    from intake_app.ui.admin.join import JoinAgencyPanel
    from intake_app.ui.caselist import CaseListPage
    from intake_app.ui.caseview import CaseView


@dataclass(frozen=True, slots=True)
class Location:
    """Where the user was when the app locked: ids only, kept in memory."""

    screen: str = "cases"  # "cases", "case", "interview" or "agency"
    case_id: int | None = None
    interview_id: int | None = None
    tab: int = 0


def _set_up(
    data_dir: Path, name: str, role: str, passphrase: str, kdf: KdfParams | None,
    floor: AgencyPolicy | None = None,
) -> tuple[Session, tuple[str, UserInfo]]:
    """Runs on the worker: key file, database and first user; KDF calibrated here if not given,
    and never below the installed policy's cost."""
    from intake_app.domain.case import Role
    from intake_app.services.session import Workspace
    from intake_app.ui.admin.provisioning import kdf_at_least

    session, recovery = Workspace(data_dir).set_up(
        name, passphrase, Role(role), kdf=kdf_at_least(kdf, floor)
    )
    return session, (recovery, session.user)


def _unlock(data_dir: Path, name: str, passphrase: str) -> tuple[Session, UserInfo]:
    from intake_app.services.session import Workspace

    session = Workspace(data_dir).unlock(name, passphrase)
    return session, session.user


def _recover(
    data_dir: Path, code: str, name: str, new_passphrase: str
) -> tuple[Session, UserInfo]:
    from intake_app.services.session import Workspace

    session = Workspace(data_dir).recover(code, name, new_passphrase)
    return session, session.user


def _create_case(s: Session) -> CaseSummary:
    from intake_app.services import cases

    return cases.create_case(s)


@dataclass(frozen=True, slots=True)
class LoadedInterview:
    protocol: Protocol
    summary: InterviewSummary
    answers: dict[str, Answer]
    pacing: list[dict[str, Any]]


def _protocol_for(role: str, enabled: tuple[str, ...] | None = None) -> Protocol:
    """The interview guide for `role`, among those the agency policy enables when one of them
    fits the role (an interview is never blocked: otherwise every shipped guide is considered)."""
    from intake_app.domain.protocol import load_shipped

    protocols = load_shipped()
    allowed = {k: p for k, p in protocols.items() if enabled is None or k in enabled}
    if any(role in p.roles for p in allowed.values()):
        protocols = allowed
    preferred = {"officer": "officer_victim_interview"}.get(role, "advocate_intake")
    if preferred in protocols:
        return protocols[preferred]
    return next(p for p in protocols.values() if role in p.roles)


def _start_interview(
    s: Session, case_id: int, role: str, language: str, enabled: tuple[str, ...] | None = None
) -> LoadedInterview:
    from intake_app.services import interviews

    protocol = _protocol_for(role, enabled)
    iv = interviews.start_interview(s, case_id, protocol.id, protocol.version, language)
    return LoadedInterview(protocol, iv, {}, [])


def _load_interview(s: Session, interview_id: int) -> LoadedInterview:
    from intake_app.domain.protocol import load_shipped
    from intake_app.services import interviews

    iv = interviews.get_interview(s, interview_id)
    protocols = load_shipped()
    protocol = protocols.get(iv.protocol_id) or _protocol_for(iv.role.value)
    return LoadedInterview(protocol, iv, interviews.answers(s, interview_id),
                           interviews.pacing_record(s, interview_id))


def _record_answer(s: Session, interview_id: int, question_id: str, answer: Answer) -> None:
    from intake_app.services import interviews

    interviews.record_answer(s, interview_id, question_id, answer)


def _save_pacing(s: Session, interview_id: int, record: list[dict[str, Any]]) -> None:
    from intake_app.services import interviews

    interviews.save_pacing(s, interview_id, record)


def _set_interview_status(s: Session, interview_id: int, status: str) -> None:
    from intake_app.services import interviews

    interviews.set_interview_status(s, interview_id, status)


def _give_consent(s: Session, consent: Consent) -> None:
    from intake_app.services import consents

    consents.give_consent(s, consent)


def _centred(page: QWidget) -> QWidget:
    """`page` in the middle third of the window, like the first-run form."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.addStretch(1)
    row.addWidget(page, 3)
    row.addStretch(1)
    return holder


class CaseArea(QWidget):
    """Unlocked content: the case list and, when open, one case. Destroyed on every lock."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        from intake_app.ui.caselist import CaseListPage

        self.window_ = window
        self.stack = QStackedWidget()
        self.case_list: CaseListPage = CaseListPage(window.worker)
        self.case_view: CaseView | None = None
        self.interview: QWidget | None = None
        self.admin: QWidget | None = None  # the Agency page (administrators)
        self.stack.addWidget(self.case_list)
        size_to_current(self.stack)  # a hidden case page never makes the window taller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(self.stack)
        self.case_list.open_requested.connect(window.open_case)
        self.case_list.new_case_requested.connect(window.new_case)
        self.case_list.run_query()

    def show_case(self, case_id: int, tab: int = 0) -> CaseView:
        from intake_app.ui.caseview import CaseView

        self.close_case()
        view = CaseView(self.window_.worker, case_id, self.window_.clipboard)
        view.back_requested.connect(self.show_list)
        view.start_interview_requested.connect(self.window_.open_interview)
        view.resume_interview_requested.connect(self.window_.resume_interview)
        view.record_consent_requested.connect(self.window_.open_consent)
        view.share_requested.connect(self.window_.sync.open_share)
        view.referral_requested.connect(self.window_.sync.open_referral)
        view.tabs.setCurrentIndex(tab)
        self.case_view = view
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        view.back.setFocus()
        return view

    def show_interview(self, page: QWidget) -> None:
        self.close_case()
        self.case_view = None
        self.interview = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)

    def show_admin(self, page: QWidget) -> None:
        self.close_case()
        self.admin = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)

    def close_case(self) -> None:
        admin = getattr(self, "admin", None)
        if admin is not None:
            self.stack.removeWidget(admin)
            admin.hide()
            admin.deleteLater()
            self.admin = None
        page = getattr(self, "interview", None)
        if page is not None:
            self.stack.removeWidget(page)
            page.hide()
            page.deleteLater()
            self.interview = None
        if self.case_view is not None:
            self.stack.removeWidget(self.case_view)
            self.case_view.hide()
            self.case_view.deleteLater()
            self.case_view = None

    def show_list(self) -> None:
        self.close_case()
        self.stack.setCurrentWidget(self.case_list)
        self.case_list.table.setFocus()


class MainWindow(QMainWindow):
    """Locked, it shows only the lock (or first-run) screen; unlocked, the cases."""

    locked = Signal()
    unlocked = Signal()

    def __init__(
        self,
        data_dir: Path,
        worker: Worker,
        *,
        kdf: KdfParams | None = None,
        idle_minutes: float | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.worker = worker
        self.kdf = kdf
        self.clipboard = ClipboardGuard()
        self.user: UserInfo | None = None
        self.location = Location()
        self.area: CaseArea | None = None
        self.first_run: FirstRunPage | None = None
        # The agency policy in force (read from the installed signed profile after unlock and at
        # first run); an explicit `idle_minutes` (tests, benchmarks) overrides its auto-lock.
        self.policy: AgencyPolicy | None = None
        self.policy_problem: IntakeError | None = None
        self._idle_override = idle_minutes
        self._profile_stamp: tuple[int, int] | None = None
        self._profile_watcher: QFileSystemWatcher | None = None
        self._enrolment: Enrolment | None = None  # first run: the opened bundle, when joining
        self._language_picked = False  # first run: the person chose a language themselves
        self.join_panel: JoinAgencyPanel | None = None
        self.idle = IdleLock(idle_minutes, clock=clock or time.monotonic, parent=self)
        self.idle.lock_requested.connect(self.lock)
        self.worker.failed.connect(self._show_error)

        self.pages = QStackedWidget()
        self.unlock_page = UnlockPage()
        self.unlock_page.unlock_requested.connect(self._unlock_requested)
        self.unlock_page.language_requested.connect(self.switch_language)
        self.pages.addWidget(self.unlock_page)
        self.recovery_page = RecoveryPage()
        self.unlock_page.recovery_requested.connect(self._show_recovery)
        self.recovery_page.back_requested.connect(self._show_lock_screen)
        self.recovery_page.recover_requested.connect(self._recover_requested)
        self.pages.addWidget(self.recovery_page)
        self.setCentralWidget(self.pages)
        size_to_current(self.pages)  # nor does the hidden lock screen, once unlocked
        self._build_actions()
        from intake_app.ui.sync.feature import SyncFeature  # status bar, Ctrl+2, share dialogs

        self.sync = SyncFeature(self)
        fit_window(self)  # the screen's available geometry, never a fixed desk-monitor size
        if (data_dir / KEY_FILE).exists():
            self._show_lock_screen()
        else:
            self._show_first_run()

    # --- actions and toolbar --------------------------------------------------------------------
    def _build_actions(self) -> None:
        self.actions_: dict[str, QAction] = {}
        handlers: dict[str, Callable[[], Any]] = {
            "lock": self.lock,
            "new_case": self.new_case,
            "find": self.focus_search,
            "case_list": self.show_case_list,
            "agency_admin": self.show_agency,
            "switch_language": self.switch_language,
            "help_shortcuts": self.show_shortcuts,
            "quit": self.close,
        }
        for name, handler in handlers.items():
            action = QAction(self)
            action.setObjectName(name)
            action.setShortcut(QKeySequence(keys_for(name)))
            # Lock and language work from any window, the person-facing one too.
            context = (Qt.ShortcutContext.ApplicationShortcut if name in ("lock", "switch_language")
                       else Qt.ShortcutContext.WindowShortcut)
            action.setShortcutContext(context)
            action.triggered.connect(handler)
            self.addAction(action)
            self.actions_[name] = action
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for name in ("case_list", "find", "agency_admin"):
            self.toolbar.addAction(self.actions_[name])
        spacer = QWidget()
        spacer.setSizePolicy(spacer.sizePolicy().horizontalPolicy().Expanding,
                             spacer.sizePolicy().verticalPolicy().Preferred)
        self.toolbar.addWidget(spacer)
        self.who = QLabel()
        self.toolbar.addWidget(self.who)
        for name in ("switch_language", "help_shortcuts", "lock"):
            self.toolbar.addAction(self.actions_[name])
        # The visible way to lock: one bold button, always in the same corner.
        self.toolbar.widgetForAction(self.actions_["lock"]).setObjectName("lockButton")
        self.addToolBar(self.toolbar)
        self.retranslate()

    def _set_unlocked_ui(self, unlocked: bool) -> None:
        self.toolbar.setVisible(unlocked)
        for name in ("lock", "new_case", "find", "case_list"):
            self.actions_[name].setEnabled(unlocked)
        is_admin = unlocked and self.user is not None and self.user.role.value == "admin"
        self.actions_["agency_admin"].setEnabled(is_admin)
        self.actions_["agency_admin"].setVisible(is_admin)  # only administrators see it
        self.retranslate()

    # --- first run ------------------------------------------------------------------------------
    def _show_first_run(self) -> None:
        self._load_policy()
        if self.policy is not None:  # a baked-in profile: the agency's language to start with
            i18n.set_language(self.policy.language)
        page = FirstRunPage()
        page.join_requested.connect(self._show_join)
        page.language_chosen.connect(self._language_picked_at_first_run)
        page.setup_requested.connect(self._setup_requested)
        page.language_chosen.connect(self.set_language)
        page.finished.connect(self._first_run_done)
        self.first_run = page
        self.pages.addWidget(page)
        self.pages.setCurrentWidget(page)
        self._set_unlocked_ui(False)
        page.username.setFocus()

    def _setup_requested(self, name: str, role: str, passphrase: str) -> None:
        page, data_dir, kdf = self.first_run, self.data_dir, self.kdf
        assert page is not None
        enrolment, floor = self._enrolment, self.policy

        def done(result: tuple[str, UserInfo]) -> None:
            recovery, self.user = result
            i18n.save_language(self.data_dir, i18n.current_language())
            self._load_policy()
            page.show_recovery_code(recovery)

        def failed(err: IntakeError) -> None:
            from intake_app.ui.admin.join import join_error_text

            page.show_error(join_error_text(err) if enrolment is not None else error_text(err))

        make: Callable[[], tuple[Session, tuple[str, UserInfo]]]
        if enrolment is not None:
            from intake_app.ui.admin.provisioning import enrol_first_user

            make = lambda: enrol_first_user(  # noqa: E731
                data_dir, enrolment, name, role, passphrase, kdf
            )
        else:
            make = lambda: _set_up(data_dir, name, role, passphrase, kdf, floor)  # noqa: E731
        self.worker.open_session(make, done, failed)

    def _show_join(self) -> None:
        """First run, "Join my agency": the bundle panel; then back to create the first user."""
        from intake_app.ui.admin.join import JoinAgencyPanel

        if self.join_panel is None:
            panel = JoinAgencyPanel(self.worker)
            panel.joined.connect(self._joined)
            panel.cancelled.connect(self._join_cancelled)
            self.join_panel = panel
            self.pages.addWidget(_centred(panel))
        holder = self.join_panel.parentWidget()
        assert holder is not None
        self.pages.setCurrentWidget(holder)
        self.join_panel.path.setFocus()

    def _language_picked_at_first_run(self, _language: str) -> None:
        self._language_picked = True

    def _joined(self, enrolment: Enrolment) -> None:
        self._enrolment = enrolment
        page = self.first_run
        if page is None:
            return
        # The agency's language, unless the person already picked one on this screen.
        language = i18n.current_language() if self._language_picked else (
            enrolment.profile.policy.language
        )
        i18n.set_language(language)
        page.set_joining(enrolment.card.name, language)
        self._close_join_panel()
        self.pages.setCurrentWidget(page)
        page.username.setFocus()

    def _join_cancelled(self) -> None:
        self._close_join_panel()
        if self.first_run is not None:
            self.pages.setCurrentWidget(self.first_run)
            self.first_run.username.setFocus()

    def _close_join_panel(self) -> None:
        panel, self.join_panel = self.join_panel, None
        holder = panel.parentWidget() if panel is not None else None
        if holder is not None:
            self.pages.removeWidget(holder)
            holder.hide()
            holder.deleteLater()

    # --- policy ---------------------------------------------------------------------------------
    def _load_policy(self) -> None:
        """Read the installed profile's policy (a small signed file) and apply it."""
        self._profile_stamp = self._profile_file_stamp()
        from intake_app.ui.admin.provisioning import read_policy

        policy, problem = read_policy(self.data_dir)
        self.policy_problem = problem
        self.apply_policy(policy)

    def _profile_file_stamp(self) -> tuple[int, int] | None:
        from intake_app.admin.profile import profile_path

        try:
            st = profile_path(self.data_dir).stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def _watch_profile(self) -> None:
        """A profile installed from outside the window (`intake admin import-profile`) applies
        at once: the data folder is watched (profiles are replaced atomically, by rename)."""
        if self._profile_watcher is None and self.data_dir.is_dir():
            from PySide6.QtCore import QFileSystemWatcher

            self._profile_watcher = QFileSystemWatcher([str(self.data_dir)], self)
            self._profile_watcher.directoryChanged.connect(self._profile_maybe_changed)

    def _profile_maybe_changed(self, _path: str = "") -> None:
        if self._profile_file_stamp() == self._profile_stamp:
            return
        self._load_policy()
        if self.policy_problem is not None and not self.is_locked:
            self.statusBar().showMessage(error_text(self.policy_problem), 30_000)

    def apply_policy(self, policy: AgencyPolicy | None) -> None:
        """Put `policy` in force now: auto-lock at once; consent and pacing from the next use."""
        from intake_app.ui.locking import clamp_idle_minutes

        self.policy = policy
        if self._idle_override is None:
            minutes = policy.auto_lock_minutes if policy is not None else None
            self.idle.idle_seconds = clamp_idle_minutes(minutes) * 60

    def show_agency(self) -> None:
        """The Agency page (administrators only): agency, partners, policy, new laptops."""
        from intake_app.ui.admin.page import AdminPage

        if self.area is None or self.user is None or self.user.role.value != "admin":
            return
        page = AdminPage(self.worker, bundle_kdf=self.kdf)
        page.policy_installed.connect(self.apply_policy)
        self.location = Location("agency")
        self.area.show_admin(page)
        page.tabs.setFocus()

    def _first_run_done(self) -> None:
        page = self.first_run
        self.first_run = None
        if page is not None:
            self.pages.removeWidget(page)
            page.deleteLater()
        self._enter()

    # --- lock and unlock ------------------------------------------------------------------------
    def _show_lock_screen(self) -> None:
        self.pages.setCurrentWidget(self.unlock_page)
        self._set_unlocked_ui(False)
        self.unlock_page.reset(self.user.username if self.user else "")

    def _unlock_requested(self, name: str, passphrase: str) -> None:
        data_dir = self.data_dir
        self.worker.open_session(
            lambda: _unlock(data_dir, name, passphrase), self._unlocked, self.unlock_page.show_error
        )

    def _show_recovery(self) -> None:
        self.recovery_page.username.setText(self.unlock_page.username.text())
        self.recovery_page.reset()
        self.pages.setCurrentWidget(self.recovery_page)

    def _recover_requested(self, code: str, name: str, new_passphrase: str) -> None:
        data_dir = self.data_dir
        self.worker.open_session(
            lambda: _recover(data_dir, code, name, new_passphrase), self._unlocked,
            self.recovery_page.show_error,
        )

    def _unlocked(self, user: UserInfo) -> None:
        self.user = user
        self.unlock_page.reset()
        self._enter()

    def _enter(self) -> None:
        """Show the cases and go back to where the user was before the lock."""
        self._load_policy()
        self._watch_profile()
        self.area = CaseArea(self)
        self.pages.addWidget(self.area)
        self.pages.setCurrentWidget(self.area)
        self._set_unlocked_ui(True)
        self.idle.arm()
        if self.policy_problem is not None:
            self.statusBar().showMessage(error_text(self.policy_problem), 30_000)
        where = self.location
        if where.screen == "agency":
            self.show_agency()
        elif where.case_id is not None and where.screen in ("case", "interview"):
            self.open_case(where.case_id, where.tab)
            if where.screen == "interview" and where.interview_id is not None:
                self.resume_interview(where.case_id, where.interview_id)
        else:
            self.area.case_list.search.setFocus()
        self.unlocked.emit()

    @property
    def is_locked(self) -> bool:
        return self.area is None

    def lock(self) -> None:
        """Hide everything at once, drop every view holding case data, close the database."""
        if self.area is None:
            return
        self.idle.disarm()
        view = self.area.case_view
        if self.area.interview is not None and self.location.screen == "interview":
            # Typed but not yet saved: queue its autosave now; the worker runs jobs in order,
            # so it commits before the session closes below.
            from intake_app.ui.interview import InterviewPage  # loaded once an interview is open

            if isinstance(self.area.interview, InterviewPage):
                self.area.interview.keep_typed()
        elif self.area.admin is not None:
            self.location = Location("agency")
        elif view is not None:
            self.location = Location(
                "interview" if self.location.screen == "interview" else "case",
                view.case_id, self.location.interview_id, view.tabs.currentIndex(),
            )
        else:
            self.location = Location()
        # Other top-level windows (person-facing screen, dialogs, menus) go first and for good.
        for w in QApplication.topLevelWidgets():
            if w is self or not w.isVisible():
                continue
            if isinstance(w, QDialog):
                w.reject()
            w.hide()
            if isinstance(w, (QDialog, QMenu)) or w.property("caseData"):
                w.deleteLater()
        area, self.area = self.area, None
        self.pages.setCurrentWidget(self.unlock_page)
        self.pages.removeWidget(area)
        area.hide()
        area.deleteLater()
        self.clipboard.clear_ours()
        self.worker.close_session()
        self._show_lock_screen()
        self.locked.emit()

    # --- navigation -----------------------------------------------------------------------------
    def open_case(self, case_id: int, tab: int = 0) -> None:
        if self.area is None:
            return
        self.location = Location("case", case_id)
        self.area.show_case(case_id, tab)

    def show_case_list(self) -> None:
        if self.area is not None:
            self.location = Location()
            self.area.show_list()

    def focus_search(self) -> None:
        if self.area is not None:
            self.show_case_list()
            self.area.case_list.search.setFocus()
            self.area.case_list.search.selectAll()

    def new_case(self) -> None:
        """A new case needs no field at all: create it and open it."""
        if self.area is None:
            return
        self.worker.run(_create_case, lambda c: self.open_case(c.id),
                        changes=lambda c: [Change("case.created", c.id)])

    # --- interviews and consent (widgets from ui/interview, wired to services here) -------------
    def open_interview(self, case_id: int) -> None:
        """Start a new interview for `case_id` with the protocol for this user's role."""
        role, language = (self.user.role.value if self.user else "advocate"), i18n.current_language()
        enabled = self.policy.protocols_enabled if self.policy is not None else None
        self.worker.run(lambda s: _start_interview(s, case_id, role, language, enabled),
                        self._show_interview, changes=[Change("case", case_id)])

    def resume_interview(self, case_id: int, interview_id: int) -> None:
        """Reopen interview `interview_id` of `case_id` with its answers and pacing record."""
        self.location = Location("interview", case_id, interview_id)
        self.worker.run(lambda s: _load_interview(s, interview_id), self._show_interview)

    def _show_interview(self, loaded: LoadedInterview) -> None:
        from intake_app.domain.pacing import MonotonicClock
        from intake_app.ui.interview import InterviewPage

        if self.area is None:
            return
        iv = loaded.summary
        page = InterviewPage(
            loaded.protocol, iv.language, iv.role.value, loaded.answers, MonotonicClock(),
            ui_language=i18n.current_language(), earlier_pacing=loaded.pacing,
            policy=self.policy.pacing if self.policy is not None else None,
        )
        self.location = Location("interview", iv.case_id, iv.id)
        self.area.show_interview(page)
        iv_id, case_id = iv.id, iv.case_id

        def save(question_id: str, answer: Answer) -> None:
            self.worker.run(
                lambda s: _record_answer(s, iv_id, question_id, answer),
                lambda _r: page.mark_saved(question_id),
                lambda _e: page.mark_save_failed(question_id),
                changes=[Change("answer", iv_id)],  # the case list ignores these: no repaint
            )

        def finish(status: str) -> None:
            self.worker.run(lambda s: _set_interview_status(s, iv_id, status), None,
                            changes=[Change("case", case_id)])
            self.open_case(case_id)

        page.answer_given.connect(save)
        page.pacing_changed.connect(
            lambda record: self.worker.run(lambda s: _save_pacing(s, iv_id, record))
        )
        page.interview_finished.connect(lambda: finish("complete"))
        page.end_for_today.connect(lambda: finish("paused"))
        page.person_view_requested.connect(lambda: self._open_person_view(page, iv.language))

    def _open_person_view(self, page: QWidget, language: str) -> None:
        from intake_app.ui.interview import InterviewPage, PersonView

        assert isinstance(page, InterviewPage)
        view = PersonView(language)
        view.setProperty("caseData", True)  # lock() deletes it, not just hides it
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.follow(page)
        page.destroyed.connect(view.close)
        view.show()

    def open_consent(self, case_id: int) -> None:
        """Record a consent for `case_id` with the consent dialog from ui/interview."""
        from intake_app.ui.interview import ConsentDialog
        from intake_app.ui.sync.jobs import PartnerChoice, confirmed_partners

        days = self.policy.consent_default_days if self.policy is not None else None

        def show(partners: list[PartnerChoice]) -> None:  # confirmed partners only
            if self.area is None:
                return
            choices = [(p.agency_id, p.name) for p in partners]
            dialog = ConsentDialog(case_id, choices, i18n.current_language(), self,
                                   default_days=days)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

            def accepted() -> None:
                consent = dialog.consent()
                if consent is not None:
                    self.worker.run(lambda s: _give_consent(s, consent), None,
                                    changes=[Change("case", case_id), Change("consent", case_id)])

            dialog.accepted.connect(accepted)
            dialog.open()

        self.worker.run(confirmed_partners, show)

    # --- language, help, errors -----------------------------------------------------------------
    def set_language(self, language: str) -> None:
        i18n.set_language(language)
        i18n.save_language(self.data_dir, language)

    def switch_language(self) -> None:
        self.set_language(i18n.next_language())

    def show_shortcuts(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(tr("MainWindow", "Keyboard shortcuts"))
        table = QTableWidget(len(SHORTCUTS), 2, dialog)
        table.setHorizontalHeaderLabels([tr("MainWindow", "Keys"), tr("MainWindow", "Action")])
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, s in enumerate(SHORTCUTS):
            keys = QKeySequence(s.keys).toString(QKeySequence.SequenceFormat.NativeText)
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(tr("Shortcuts", s.label)))
        layout = QVBoxLayout(dialog)
        layout.addWidget(table)
        dialog.resize(520, 640)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def _show_error(self, err: IntakeError) -> None:
        self.statusBar().showMessage(error_text(err), 10_000)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        # The title never names a case or a person.
        self.setWindowTitle(tr("MainWindow", "Field Intake — locked") if self.is_locked
                            else tr("MainWindow", "Field Intake"))
        labels = {
            "lock": tr("MainWindow", "Lock"),
            "new_case": tr("MainWindow", "New case"),
            "find": tr("MainWindow", "Search"),
            "case_list": tr("MainWindow", "Case list"),
            "agency_admin": tr("MainWindow", "Agency"),
            # Names the language you switch TO, in itself: Spanish translates this to "English".
            "switch_language": tr("MainWindow", "Español"),
            "help_shortcuts": tr("MainWindow", "Shortcuts"),
            "quit": tr("MainWindow", "Quit"),
        }
        for name, text in labels.items():
            action = self.actions_[name]
            action.setText(text)
            keys = QKeySequence(keys_for(name)).toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text} ({keys})")
        self.toolbar.setAccessibleName(tr("MainWindow", "Main actions"))
        if self.user is not None:
            self.who.setText(tr("MainWindow", "Signed in: %1").replace("%1", self.user.username))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.lock()
        self.idle.remove()
        super().closeEvent(event)


class _NotAvailable(IntakeError):
    code = "not_available"
    template = "This screen is not available in this build yet."
