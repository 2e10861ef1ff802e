"""The main window: first run or lock screen while locked; case list and case view once unlocked.

(Just over 400 lines: the shell's own wiring; its flows live beside it in case_area.py,
first_run_flow.py, unlock_flow.py, lock_flow.py, main_actions.py, policy_watch.py.)

Start-up stays lean: the case screens (and, through them, the services and the database
driver) are imported only after unlocking, and what the lock screen does not show (toolbar,
auto-lock, OS-lock watcher, interview and sync wiring, the recovery page) is built right after
its first paint (ui/deferred.py). Nothing here touches the `Qt` enum namespace before that paint
(PySide6 builds all its enums at first touch, ~12 ms): methods that need it import it.

MainWindow is the shell; its parts live beside it: case_area.py (the unlocked content),
first_run_flow.py, unlock_flow.py and session_jobs.py (set-up, unlock, recovery and their worker
jobs), lock_flow.py (where the user was, locking), main_actions.py (actions, toolbar, shortcut
list), policy_watch.py, consent_flow.py and quit_guard.py.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from intake_app.errors import IntakeError
from intake_app.paths import KEY_FILE
from intake_app.ui import (
    consent_flow,
    first_run_flow,
    i18n,
    lock_flow,
    main_actions,
    policy_watch,
    quit_guard,
    unlock_flow,
)
from intake_app.ui import session_jobs as jobs
from intake_app.ui.case_area import CaseArea
from intake_app.ui.deferred import Deferred
from intake_app.ui.fit import fit_window, size_to_current
from intake_app.ui.i18n import error_text, tr
from intake_app.ui.lock_flow import Location
from intake_app.ui.unlock import UnlockPage
from intake_app.ui.worker import Change, ChangeKind, Worker

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QFileSystemWatcher
    from PySide6.QtGui import QAction, QCloseEvent, QResizeEvent
    from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QToolBar

    from intake_app.admin.enrolment import Enrolment
    from intake_app.admin.policy import AgencyPolicy
    from intake_app.domain.case import UserInfo
    from intake_app.services.profiles import PolicyState
    from intake_app.services.session import KdfParams
    from intake_app.ui.admin.join import JoinAgencyPanel
    from intake_app.ui.admin.page import AdminPage
    from intake_app.ui.backup_feature import BackupFeature
    from intake_app.ui.firstrun import FirstRunPage
    from intake_app.ui.interview_flow import InterviewFlow
    from intake_app.ui.locking import ClipboardGuard, IdleLock
    from intake_app.ui.os_lock import SystemLockWatcher
    from intake_app.ui.quick_exit import QuickExit
    from intake_app.ui.recovery import RecoveryPage
    from intake_app.ui.reports.page import ReportsPage
    from intake_app.ui.session_jobs import Unlocked
    from intake_app.ui.sync.feature import SyncFeature


class _AfterFirstPaint(QObject):
    """Builds the window's deferred parts once its first paint is on screen."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        window.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self._window.build_deferred)  # after this paint is flushed
        return False


class MainWindow(QMainWindow):
    """Locked, it shows only the lock (or first-run) screen; unlocked, the cases."""

    locked = Signal()
    unlocked = Signal()

    # Built right after the first paint, or at first use if sooner (see build_deferred).
    clipboard: Deferred[ClipboardGuard] = Deferred()
    idle: Deferred[IdleLock] = Deferred()
    interviews: Deferred[InterviewFlow] = Deferred()
    quick_exit_keys: Deferred[QuickExit] = Deferred()
    os_lock: Deferred[SystemLockWatcher] = Deferred()
    recovery_page: Deferred[RecoveryPage] = Deferred()
    lock_warning: Deferred[QLabel] = Deferred()
    actions_: Deferred[dict[str, QAction]] = Deferred()
    toolbar: Deferred[QToolBar] = Deferred()
    toolbar_proxies: Deferred[dict[str, QAction]] = Deferred()  # buttons a narrow window drops
    who: Deferred[QLabel] = Deferred()
    who_action: Deferred[QAction] = Deferred()
    quick_exit_button: Deferred[QPushButton] = Deferred()
    sync: Deferred[SyncFeature] = Deferred()
    backups: Deferred[BackupFeature] = Deferred()

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
        self.is_built = False
        self.data_dir = data_dir
        self.worker = worker
        self.kdf = kdf
        self.user: UserInfo | None = None
        self.location = Location()
        self.area: CaseArea | None = None
        self.first_run: FirstRunPage | None = None
        # The agency policy in force (read from the installed signed profile after unlock and at
        # first run); an explicit `idle_minutes` (tests, benchmarks) overrides its auto-lock.
        self.policy: AgencyPolicy | None = None
        self.policy_problem: IntakeError | None = None
        self._idle_override = idle_minutes
        self._idle_clock = clock
        self._profile_stamp: tuple[int, int, int] | None = None
        self._profile_watcher: QFileSystemWatcher | None = None
        self._enrolment: Enrolment | None = None  # first run: the opened bundle, when joining
        self._language_picked = False  # first run: the person chose a language themselves
        self.join_panel: JoinAgencyPanel | None = None
        self.worker.failed.connect(self._show_error)
        self._quit_with_unsaved = False
        self.quit_question: QDialog | None = None
        self.recovery_notice: QDialog | None = None

        # Parents first, children made inside them: each widget is styled once, not again when
        # it would be moved under its parent (a few ms before the first paint).
        central = QWidget(self)
        self.setCentralWidget(central)
        self._column = QVBoxLayout(central)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self.pages = QStackedWidget(central)
        self._column.addWidget(self.pages, 1)
        self.unlock_page = UnlockPage(self.pages)
        self.unlock_page.unlock_requested.connect(partial(unlock_flow.unlock_requested, self))
        self.unlock_page.language_requested.connect(self.switch_language)
        self.unlock_page.recovery_requested.connect(partial(unlock_flow.show_recovery, self))
        self.pages.addWidget(self.unlock_page)
        self.statusBar()  # there from the first paint: the sync status joins it without a jump
        # The screen's available geometry, never a fixed desk-monitor size (see setVisible).
        self._maximize_when_shown = fit_window(self)
        self._fitted = self.size()
        _AfterFirstPaint(self)
        if (data_dir / KEY_FILE).exists():
            self._show_lock_screen()
        else:
            first_run_flow.show_first_run(self)

    def setVisible(self, visible: bool) -> None:
        # A small screen (fit_window), unless the window was sized since (as resize() clears a
        # maximized state Qt had set).
        if visible and self._maximize_when_shown and self.size() == self._fitted:
            self._maximize_when_shown = False
            self.showMaximized()  # comes back here to show it, maximized
            return
        super().setVisible(visible)

    def build_deferred(self) -> None:
        """What the lock screen does not show; once (see the class's Deferred attributes)."""
        if self.is_built:
            return
        self.is_built = True
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QLabel

        from intake_app.ui.backup_feature import BackupFeature  # status bar, Ctrl+5, timer
        from intake_app.ui.interview_flow import InterviewFlow
        from intake_app.ui.locking import ClipboardGuard, IdleLock, idle_clock
        from intake_app.ui.os_lock import SystemLockWatcher
        from intake_app.ui.quick_exit import QuickExit
        from intake_app.ui.recovery import RecoveryPage
        from intake_app.ui.sync.feature import SyncFeature  # status bar, Ctrl+2, share dialogs

        self.clipboard = ClipboardGuard(self)
        self.idle = IdleLock(self._idle_override, clock=self._idle_clock or idle_clock,
                             parent=self)
        self.idle.lock_requested.connect(self.lock)
        self.interviews = InterviewFlow(self)
        self.quick_exit_keys = QuickExit(self)
        self.quick_exit_keys.triggered.connect(self.quick_exit)
        self.os_lock = SystemLockWatcher(self)  # the OS locks the screen or sleeps: lock too
        self.os_lock.lock_requested.connect(lambda _why: self.lock())
        self.os_lock.register_window(self)
        self.recovery_page = RecoveryPage()
        self.recovery_page.back_requested.connect(self._show_lock_screen)
        self.recovery_page.recover_requested.connect(partial(unlock_flow.recover_requested, self))
        self.pages.addWidget(self.recovery_page)
        self.lock_warning = QLabel()
        self.lock_warning.setObjectName("lockWarning")
        self.lock_warning.setWordWrap(True)
        self.lock_warning.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lock_warning.hide()
        self._column.insertWidget(0, self.lock_warning)
        size_to_current(self.pages)  # nor does the hidden lock screen, once unlocked
        self.idle.warning.connect(partial(lock_flow.warn_before_lock, self))
        self.idle.warning_cleared.connect(self.lock_warning.hide)
        self._build_actions()
        self.sync = SyncFeature(self)
        self.backups = BackupFeature(self)
        self._set_unlocked_ui(not self.is_locked)
        self._fit_toolbar()

    # --- actions and toolbar --------------------------------------------------------------------
    def _build_actions(self) -> None:
        main_actions.build_actions(self)

    def _set_unlocked_ui(self, unlocked: bool) -> None:
        self.toolbar.setVisible(unlocked)
        for name in ("lock", "new_case", "find", "case_list"):
            self.actions_[name].setEnabled(unlocked)
        is_admin = unlocked and self.user is not None and self.user.role.value == "admin"
        self.actions_["agency_admin"].setEnabled(is_admin)
        self.actions_["agency_admin"].setVisible(is_admin)  # only administrators see it
        reporter = unlocked and self.user is not None and self.user.role.value in (
            "supervisor", "admin")
        self.actions_["reports"].setEnabled(reporter)
        self.actions_["reports"].setVisible(reporter)
        self.actions_["caseload"].setEnabled(reporter)
        self.retranslate()

    # --- policy ---------------------------------------------------------------------------------
    def _load_policy(self) -> None:
        policy_watch.load_policy(self)

    def _policy_settled(self, state: PolicyState) -> None:
        """A worker's answer, through a bound method: dropped once the window is gone."""
        policy_watch.settled(self, state)

    def apply_policy(self, policy: AgencyPolicy | None) -> None:
        """Put `policy` in force now: auto-lock at once; consent and pacing from the next use."""
        from intake_app.ui.locking import clamp_idle_minutes

        self.policy = policy
        if self._idle_override is None:
            minutes = policy.auto_lock_minutes if policy is not None else None
            self.idle.idle_seconds = clamp_idle_minutes(minutes) * 60

    def show_reports(self) -> ReportsPage | None:
        """The Reports screen, built when asked for (supervisors and administrators)."""
        from intake_app.ui.reports.page import ReportsPage

        if self.area is None or self.user is None or self.user.role.value not in (
                "supervisor", "admin"):
            return None
        page = ReportsPage(self.worker)
        page.open_requested.connect(self.open_case)
        self.area.show_admin(page)
        return page

    def show_caseload(self) -> None:
        """Reports, on its "Caseload now" tab (Ctrl+6)."""
        from intake_app.ui.reports.page import ReportsPage

        page = self.area.admin if self.area is not None else None
        if not isinstance(page, ReportsPage):
            page = self.show_reports()
        if page is not None:
            page.show_caseload()

    def show_agency(self) -> AdminPage | None:
        """The Agency page (administrators only): agency, partners, policy, laptops, backups."""
        from intake_app.ui.admin.page import AdminPage

        if self.area is None or self.user is None or self.user.role.value != "admin":
            return None
        page = AdminPage(self.worker, bundle_kdf=self.kdf)
        page.policy_installed.connect(self.apply_policy)
        self.location = Location("agency", user_id=self._user_id())
        self.area.show_admin(page)
        page.tabs.setFocus()
        return page

    # --- lock and unlock ------------------------------------------------------------------------
    def _show_lock_screen(self) -> None:
        self.pages.setCurrentWidget(self.unlock_page)
        if self.is_built:
            self._set_unlocked_ui(False)
        else:  # start-up: the title now, the rest after the first paint (build_deferred)
            self.setWindowTitle(self._title())
        self.unlock_page.reset(self.user.username if self.user else "")

    def _unlocked(self, result: Unlocked) -> None:
        unlock_flow.unlocked(self, result)

    def _user_id(self) -> int | None:
        return self.user.id if self.user is not None else None

    @property
    def is_locked(self) -> bool:
        return self.area is None

    def lock(self) -> None:
        """Hide everything at once, drop every view holding case data, close the database."""
        lock_flow.lock(self)

    def quick_exit(self) -> None:
        """Esc three times, or the button: the lock screen at once, as on lock."""
        self.lock()
        self.lock_warning.hide()

    # --- navigation -----------------------------------------------------------------------------
    def open_case(self, case_id: int, tab: int = 0) -> None:
        if self.area is None:
            return
        self.location = Location("case", case_id, user_id=self._user_id())
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
        self.worker.run(jobs.create_case, lambda c: self.open_case(c.id),
                        changes=lambda c: [Change(ChangeKind.CASE_CREATED, c.id)])

    # --- interviews and consent (widgets from ui/interview, wired in ui/interview_flow) ---------
    def open_interview(self, case_id: int) -> None:
        """Start a new interview for `case_id` with the protocol for this user's role."""
        if self.area is not None:
            self.interviews.start(case_id)

    def resume_interview(self, case_id: int, interview_id: int) -> None:
        """Reopen interview `interview_id` of `case_id` with its answers and pacing record."""
        self.location = Location("interview", case_id, interview_id, user_id=self._user_id())
        self.interviews.resume(interview_id)

    def location_interview(self, case_id: int, interview_id: int) -> None:
        self.location = Location("interview", case_id, interview_id, user_id=self._user_id())

    def open_consent(self, case_id: int) -> None:
        """Record a consent for `case_id` with the consent dialog from ui/interview."""
        consent_flow.open_consent(self, case_id)

    # --- language, help, errors -----------------------------------------------------------------
    def set_language(self, language: str) -> None:
        i18n.set_language(language)
        i18n.save_language(self.data_dir, language)

    def switch_language(self) -> None:
        self.set_language(i18n.next_language())

    def show_shortcuts(self) -> None:
        main_actions.show_shortcuts(self)

    def _show_error(self, err: IntakeError) -> None:
        self.statusBar().showMessage(error_text(err), 10_000)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.is_built:
            self._fit_toolbar()

    def _fit_toolbar(self) -> None:
        main_actions.fit_toolbar(self)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _title(self) -> str:
        # The title never names a case or a person; while locked, it may name nothing at all
        # (the policy's neutral title, e.g. "Notes").
        neutral = self.policy.neutral_title if self.policy is not None else ""
        if self.is_locked:
            return neutral or tr("MainWindow", "Locked")
        return tr("MainWindow", "Field Intake")

    def retranslate(self) -> None:
        self.setWindowTitle(self._title())
        if not self.is_built:
            return  # the rest is translated as it is built
        main_actions.retranslate(self)
        self._fit_toolbar()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.lock()
        if not self.is_built:  # closed before its first paint: nothing was typed
            super().closeEvent(event)
            return
        queue = self.interviews.autosave
        if queue.waiting_count() and not self._quit_with_unsaved:
            # Quitting would drop answers that only live in memory: wait for the saves under way,
            # then ask (the default keeps the app open).
            event.ignore()
            if queue.saving_now:
                queue.changed.connect(self._ask_to_quit_once_settled)
            else:
                quit_guard.ask_to_quit(self)
            return
        self.idle.remove()
        super().closeEvent(event)

    def _ask_to_quit_once_settled(self) -> None:
        queue = self.interviews.autosave
        if queue.saving_now:
            return
        queue.changed.disconnect(self._ask_to_quit_once_settled)
        if queue.waiting_count():
            quit_guard.ask_to_quit(self)
        else:
            self.close()


class _NotAvailable(IntakeError):
    code = "not_available"
    template = "This screen is not available in this build yet."
