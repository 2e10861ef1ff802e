"""The main window: first run or lock screen while locked; case list and case view once unlocked.

Start-up stays lean: the case screens (and, through them, the services and the database
driver) are imported only after unlocking, so the lock screen paints first.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
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
from intake_app.ui.interview_flow import InterviewFlow
from intake_app.ui.locking import ClipboardGuard, IdleLock, idle_clock
from intake_app.ui.quick_exit import QuickExit
from intake_app.ui.recovery import RecoveryPage
from intake_app.ui.shortcuts import SHORTCUTS, keys_for
from intake_app.ui.unlock import UnlockPage
from intake_app.ui.worker import Change, ChangeKind, Worker

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QFileSystemWatcher

    from intake_app.admin.enrolment import Enrolment
    from intake_app.admin.policy import AgencyPolicy
    from intake_app.domain.case import CaseSummary, UserInfo
    from intake_app.domain.consent import Consent
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
    data_dir: Path, name: str, role: str, passphrase: str, kdf: KdfParams | None
) -> tuple[Session, tuple[str, UserInfo]]:
    """Runs on the worker: key file, database and first user (the services raise the KDF cost
    to the installed policy's floor, and calibrate it when not given)."""
    from intake_app.domain.case import Role
    from intake_app.services.session import Workspace

    session, recovery = Workspace(data_dir).set_up(name, passphrase, Role(role), kdf=kdf)
    return session, (recovery, session.user)


def _enrol_first_user(
    data_dir: Path, enrolment: Enrolment, name: str, role: str, passphrase: str,
    kdf: KdfParams | None,
) -> tuple[Session, tuple[str, UserInfo]]:
    """First run from an enrolment bundle, on the worker: first user, then join the agency."""
    from intake_app.domain.case import Role
    from intake_app.services.provisioning import enrol_new_laptop

    session, recovery = enrol_new_laptop(data_dir, enrolment, name, passphrase, Role(role), kdf=kdf)
    return session, (recovery, session.user)


Unlocked = tuple["UserInfo", str | None]  # who, and a new recovery code to show once


def _unlock(data_dir: Path, name: str, passphrase: str) -> tuple[Session, Unlocked]:
    from intake_app.services.session import Workspace

    session = Workspace(data_dir).unlock(name, passphrase)
    code, session.new_recovery_code = session.new_recovery_code, None
    return session, (session.user, code)


def _recover(
    data_dir: Path, code: str, name: str, new_passphrase: str
) -> tuple[Session, Unlocked]:
    from intake_app.services.session import Workspace

    session = Workspace(data_dir).recover(code, name, new_passphrase)
    new_code, session.new_recovery_code = session.new_recovery_code, None
    return session, (session.user, new_code)


def _recovery_code_shown(s: Session) -> None:
    from intake_app.services.session import recovery_code_shown

    recovery_code_shown(s)


def _create_case(s: Session) -> CaseSummary:
    from intake_app.services import cases

    return cases.create_case(s)


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
        self.clipboard = ClipboardGuard(self)
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
        self.idle = IdleLock(idle_minutes, clock=clock or idle_clock, parent=self)
        self.idle.lock_requested.connect(self.lock)
        self.worker.failed.connect(self._show_error)
        self.interviews = InterviewFlow(self)
        self._quit_with_unsaved = False
        self.quit_question: QDialog | None = None
        self.recovery_notice: QDialog | None = None
        self.quick_exit_keys = QuickExit(self)
        self.quick_exit_keys.triggered.connect(self.quick_exit)
        from intake_app.ui.os_lock import SystemLockWatcher

        self.os_lock = SystemLockWatcher(self)  # the OS locks the screen or sleeps: lock too
        self.os_lock.lock_requested.connect(lambda _why: self.lock())
        self.os_lock.register_window(self)

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
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.lock_warning = QLabel()
        self.lock_warning.setObjectName("lockWarning")
        self.lock_warning.setWordWrap(True)
        self.lock_warning.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lock_warning.hide()
        column.addWidget(self.lock_warning)
        column.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        size_to_current(self.pages)  # nor does the hidden lock screen, once unlocked
        self.idle.warning.connect(self._warn_before_lock)
        self.idle.warning_cleared.connect(self.lock_warning.hide)
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
            "reports": self.show_reports,
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
        for name in ("case_list", "find", "agency_admin", "reports"):
            self.toolbar.addAction(self.actions_[name])
        spacer = QWidget()
        spacer.setSizePolicy(spacer.sizePolicy().horizontalPolicy().Expanding,
                             spacer.sizePolicy().verticalPolicy().Preferred)
        self.toolbar.addWidget(spacer)
        self.who = QLabel()
        self.who_action = self.toolbar.addWidget(self.who)
        for name in ("switch_language", "help_shortcuts", "lock"):
            self.toolbar.addAction(self.actions_[name])
        # Quick exit: a plain button (its keys, Esc three times, are watched by QuickExit).
        self.quick_exit_button = QPushButton()
        self.quick_exit_button.setObjectName("quickExitButton")
        self.quick_exit_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.quick_exit_button.clicked.connect(self.quick_exit)
        self.toolbar.addWidget(self.quick_exit_button)
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
        reporter = unlocked and self.user is not None and self.user.role.value in (
            "supervisor", "admin")
        self.actions_["reports"].setEnabled(reporter)
        self.actions_["reports"].setVisible(reporter)
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
        enrolment = self._enrolment

        def done(result: tuple[str, UserInfo]) -> None:
            recovery, self.user = result
            i18n.save_language(self.data_dir, i18n.current_language())
            self._load_policy()
            page.show_recovery_code(recovery)

        def failed(err: IntakeError) -> None:
            page.show_error(error_text(err))

        make: Callable[[], tuple[Session, tuple[str, UserInfo]]]
        if enrolment is not None:
            make = lambda: _enrol_first_user(  # noqa: E731
                data_dir, enrolment, name, role, passphrase, kdf
            )
        else:
            make = lambda: _set_up(data_dir, name, role, passphrase, kdf)  # noqa: E731
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
        from intake_app.services.provisioning import read_policy

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

    def show_reports(self) -> None:
        """The Reports screen, built when asked for (supervisors and administrators)."""
        from intake_app.ui.reports.page import ReportsPage

        if self.area is not None and self.user is not None and self.user.role.value in (
                "supervisor", "admin"):
            self.area.show_admin(ReportsPage(self.worker))

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

    def _unlocked(self, result: Unlocked) -> None:
        self.user, code = result
        self.unlock_page.reset()
        self._enter()
        if code is not None:
            self._show_new_recovery_code(code)

    def _show_new_recovery_code(self, code: str) -> None:
        """The recovery code was replaced (after a user was removed): show it once, to the admin."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Information, tr("MainWindow", "New recovery code"),
                          tr("MainWindow", "The recovery code was replaced after a user was "
                             "removed. Write the new one down and keep it locked away; it is "
                             "shown only once:") + f"\n\n{code}", parent=self)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setProperty("caseData", True)  # a secret: lock() deletes it, not just hides it
        done = box.addButton(tr("MainWindow", "I have written it down"),
                             QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(done)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r: self._recovery_code_answered(box.clickedButton() is done))
        self.recovery_notice = box
        box.open()

    def _recovery_code_answered(self, written_down: bool) -> None:
        self.recovery_notice = None
        if written_down and not self.is_locked:  # else it is shown again at the next unlock
            self.worker.run(_recovery_code_shown)

    def _enter(self) -> None:
        """Show the cases and go back to where the user was before the lock."""
        self._load_policy()
        self._watch_profile()
        self.area = CaseArea(self)
        self.pages.addWidget(self.area)
        self.pages.setCurrentWidget(self.area)
        self._set_unlocked_ui(True)
        self.idle.arm()
        if self.user is not None:
            self.interviews.autosave.session_opened(self.user.username)
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
            from intake_app.ui.interview.interview_page import (
                InterviewPage,  # loaded once an interview is open
            )

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
        self.interviews.autosave.flush()  # queued before the close below: saved first
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
        # Its timers (a search typed just before) must not fire into a closed session before
        # the deferred delete runs (seen on a loaded machine).
        for timer in area.findChildren(QTimer):
            timer.stop()
        area.deleteLater()
        self.clipboard.clear_ours()
        self.worker.close_session()
        self.interviews.autosave.session_closed()
        self._show_lock_screen()
        self.locked.emit()

    def quick_exit(self) -> None:
        """Esc three times, or the button: the lock screen at once, as on lock."""
        self.lock()
        self.lock_warning.hide()

    def _warn_before_lock(self, seconds: int) -> None:
        self.lock_warning.setText(tr(
            "MainWindow",
            "For privacy this window locks in {seconds} seconds. Press any key or move the "
            "mouse to keep working.",
        ).format(seconds=seconds))
        self.lock_warning.show()

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
                        changes=lambda c: [Change(ChangeKind.CASE_CREATED, c.id)])

    # --- interviews and consent (widgets from ui/interview, wired in ui/interview_flow) ---------
    def open_interview(self, case_id: int) -> None:
        """Start a new interview for `case_id` with the protocol for this user's role."""
        if self.area is not None:
            self.interviews.start(case_id)

    def resume_interview(self, case_id: int, interview_id: int) -> None:
        """Reopen interview `interview_id` of `case_id` with its answers and pacing record."""
        self.location = Location("interview", case_id, interview_id)
        self.interviews.resume(interview_id)

    def location_interview(self, case_id: int, interview_id: int) -> None:
        self.location = Location("interview", case_id, interview_id)

    def open_consent(self, case_id: int) -> None:
        """Record a consent for `case_id` with the consent dialog from ui/interview."""
        from intake_app.ui.interview.consent_dialog import ConsentDialog
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
                                    changes=[Change(ChangeKind.CASE, case_id), Change(ChangeKind.CONSENT, case_id)])

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

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_toolbar()

    def _fit_toolbar(self) -> None:
        """On a narrow window (a small screen, 200%) the toolbar drops what has another way in
        (who is signed in, the shortcut list: F1) so Lock and Quick exit always stay in view."""
        droppable = (self.who_action, self.actions_["help_shortcuts"])
        for action in droppable:
            action.setVisible(True)
        for action in droppable:
            if self._toolbar_need() <= self.toolbar.width():
                break
            action.setVisible(False)

    def _toolbar_need(self) -> int:
        bar = self.toolbar
        shown = [bar.widgetForAction(a) for a in bar.actions() if a.isVisible()]
        layout = bar.layout()
        spacing = layout.spacing() if layout is not None else 0
        margins = bar.contentsMargins().left() + bar.contentsMargins().right()
        widths = [w.sizeHint().width() for w in shown if w is not None and w.sizeHint().width() > 0]
        return sum(widths) + spacing * len(widths) + margins + 24  # the handle's room

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        # The title never names a case or a person; while locked, it may name nothing at all
        # (the policy's neutral title, e.g. "Notes").
        neutral = self.policy.neutral_title if self.policy is not None else ""
        if self.is_locked:
            self.setWindowTitle(neutral or tr("MainWindow", "Locked"))
        else:
            self.setWindowTitle(tr("MainWindow", "Field Intake"))
        self.quick_exit_button.setText(tr("MainWindow", "Quick exit"))
        self.quick_exit_button.setToolTip(tr(
            "MainWindow", "Hide everything at once and show the lock screen (Esc three times)"))
        self.quick_exit_button.setAccessibleName(tr("MainWindow", "Quick exit"))
        labels = {
            "lock": tr("MainWindow", "Lock"),
            "new_case": tr("MainWindow", "New case"),
            "find": tr("MainWindow", "Search"),
            "case_list": tr("MainWindow", "Case list"),
            "agency_admin": tr("MainWindow", "Agency"),
            "reports": tr("MainWindow", "Reports"),
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
        self._fit_toolbar()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.lock()
        queue = self.interviews.autosave
        if queue.waiting_count() and not self._quit_with_unsaved:
            # Quitting would drop answers that only live in memory: wait for the saves under way,
            # then ask (the default keeps the app open).
            event.ignore()
            if queue.saving_now:
                queue.changed.connect(self._ask_to_quit_once_settled)
            else:
                self._ask_to_quit()
            return
        self.idle.remove()
        super().closeEvent(event)

    def _ask_to_quit_once_settled(self) -> None:
        queue = self.interviews.autosave
        if queue.saving_now:
            return
        queue.changed.disconnect(self._ask_to_quit_once_settled)
        if queue.waiting_count():
            self._ask_to_quit()
        else:
            self.close()

    def _ask_to_quit(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        queue = self.interviews.autosave
        box = QMessageBox(QMessageBox.Icon.Warning, tr("MainWindow", "Answers not saved yet"),
                          tr("MainWindow", "{n} answers could not be saved yet: {problem} If you "
                             "quit now they are lost. Free some space, then unlock to save them.")
                          .format(n=queue.waiting_count(),
                                  problem=error_text(queue.problem) if queue.problem else ""),
                          parent=self)
        stay = box.addButton(tr("MainWindow", "Keep the app open"), QMessageBox.ButtonRole.RejectRole)
        leave = box.addButton(tr("MainWindow", "Quit and lose them"),
                              QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(stay)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r: self._quit_answered(box.clickedButton() is leave))
        self.quit_question = box
        box.open()

    def _quit_answered(self, quit_anyway: bool) -> None:
        self.quit_question = None
        if quit_anyway:
            self._quit_with_unsaved = True
            self.close()


class _NotAvailable(IntakeError):
    code = "not_available"
    template = "This screen is not available in this build yet."
