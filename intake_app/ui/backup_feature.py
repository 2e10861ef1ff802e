"""Backups wired into the main window: the "Last backup" item in the status bar, Ctrl+5 (the
Backups tab, administrators), and the timer that makes the scheduled backup while unlocked.

`BackupFeature(window)` is created once with the window. While the app is unlocked, a timer asks
the worker every minute whether a backup is due and, in the same job, makes it
(services/backup_schedule.run_if_due): the copy runs on the database thread, never here. The
status bar item is kept short ("Last backup: 2 h ago"), its tooltip holding the details, so the
window still fits 1280x720 at 200%.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence

from intake_app.errors import IntakeError
from intake_app.services import backup_schedule
from intake_app.services.backup_schedule import BackupStatus
from intake_app.ui.i18n import error_text, relative_time, tr
from intake_app.ui.shortcuts import keys_for
from intake_app.ui.worker import Change, ChangeKind
from intake_app.ui.wrap_buttons import ElidingButton

if TYPE_CHECKING:
    from intake_app.services.session import Session
    from intake_app.ui.mainwindow import MainWindow

log = logging.getLogger(__name__)

CHECK_MS = 60_000  # cheap (one small read); also keeps "2 h ago" current
POLL_MS = 150  # how often a running copy's progress is shown


class CopyProgress:
    """What the worker's copy reports, read by the GUI on a timer: a plain object, so no Qt
    object is touched from the database thread or outlives its screen there."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: tuple[int, int] | None = None

    def __call__(self, done: int, total: int) -> None:
        with self._lock:
            self._seen = (done, total)

    def read(self) -> tuple[int, int] | None:
        with self._lock:
            return self._seen


# --- words ----------------------------------------------------------------------------------
def short_line(state: BackupStatus | None) -> tuple[str, bool]:
    """The status bar's few words, and whether they warn."""
    last = state.last if state is not None else None
    if last is None:
        return tr("Backup", "No backup yet"), True
    if not last.ok:
        return tr("Backup", "Last backup failed"), True
    return tr("Backup", "Last backup: %1").replace("%1", relative_time(last.at.isoformat())), False


def long_lines(state: BackupStatus | None) -> list[str]:
    """Everything about the last backup and the next one, one sentence a line."""
    if state is None:
        return []
    lines: list[str] = []
    last = state.last
    if last is None:
        lines.append(tr("Backup", "No backup of this laptop has been made yet."))
    elif last.ok:
        lines.append(tr("Backup", "Last backup: %1, to %2").replace(
            "%1", relative_time(last.at.isoformat())).replace("%2", str(last.folder)))
    else:
        failure = last.failure()
        lines.append(tr("Backup", "The last backup failed (%1): %2").replace(
            "%1", relative_time(last.at.isoformat())).replace(
            "%2", error_text(failure) if failure is not None else ""))
        if last.good_at is not None:
            lines.append(tr("Backup", "Last good backup: %1").replace(
                "%1", relative_time(last.good_at.isoformat())))
    plan = state.schedule
    if plan is None or state.next_due is None:
        lines.append(tr("Backup", "Automatic backup is off."))
    elif state.due:
        lines.append(tr("Backup", "Automatic backup: due now."))
    else:
        lines.append(tr("Backup", "Next automatic backup: %1").replace(
            "%1", state.next_due.astimezone().strftime("%Y-%m-%d %H:%M")))
    return lines


def scheduled_tick(s: Session, progress: CopyProgress) -> tuple[BackupStatus, bool]:
    """The timer's job: the scheduled backup if due, then the status to show; True if it tried.

    A failed backup is not raised on: run_scheduled_backup recorded its outcome, and the status
    returned here shows it ("Last backup failed", the reason in the tooltip)."""
    try:
        tried = backup_schedule.run_if_due(s, progress) is not None
    except IntakeError as exc:
        log.warning("scheduled backup failed: %s", exc.code)  # the code only: no path, no data
        tried = True
    return backup_schedule.status(s), tried


class BackupFeature(QObject):
    """Everything backups add to the main window."""

    def __init__(self, window: MainWindow, check_ms: int = CHECK_MS) -> None:
        super().__init__(window)
        self.window = window
        self.state: BackupStatus | None = None
        self._checking = False
        self._progress: CopyProgress | None = None
        self.button = ElidingButton()
        self.button.setObjectName("backupStatus")
        self.button.setFlat(True)
        self.button.clicked.connect(self.show_page)
        self.button.hide()
        window.statusBar().addPermanentWidget(self.button)
        self.action = QAction(window)
        self.action.setObjectName("backups")
        self.action.setShortcut(QKeySequence(keys_for("backups")))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.triggered.connect(self.show_page)
        self.action.setEnabled(False)
        window.addAction(self.action)
        self.timer = QTimer(self)
        self.timer.setInterval(check_ms)
        self.timer.timeout.connect(self.check)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._show_progress)
        window.unlocked.connect(self._unlocked)
        window.locked.connect(self._locked)
        window.worker.changed.connect(self._changed)
        window.installEventFilter(self)
        self._show(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self._show(self.state)
        return False

    @property
    def is_admin(self) -> bool:
        user = self.window.user
        return user is not None and user.role.value == "admin"

    # --- lock and unlock --------------------------------------------------------------------
    def _unlocked(self) -> None:
        self.action.setEnabled(self.is_admin)
        self.button.setCursor(Qt.CursorShape.PointingHandCursor if self.is_admin
                              else Qt.CursorShape.ArrowCursor)
        self.button.setFocusPolicy(Qt.FocusPolicy.TabFocus if self.is_admin
                                   else Qt.FocusPolicy.NoFocus)
        self.button.show()
        self.timer.start()
        self.check()

    def _locked(self) -> None:
        self.timer.stop()
        self._poll.stop()
        self._checking = False  # the worker drops the answer of a job asked before the lock
        self.action.setEnabled(False)
        self.button.hide()
        self._show(None)

    # --- the timer's check ------------------------------------------------------------------
    def check(self) -> None:
        """Ask the worker whether a backup is due, and make it if so."""
        if self._checking or self.window.is_locked:
            return
        self._checking = True
        progress = self._progress = CopyProgress()
        self._poll.start()
        self.window.worker.run(
            lambda s: scheduled_tick(s, progress), self._checked, self._check_failed,
            changes=lambda r: [Change(ChangeKind.BACKUP, 0)] if r[1] else [])

    def _checked(self, result: tuple[BackupStatus, bool]) -> None:
        self._checking = False
        self._poll.stop()
        self._show(result[0])

    def _check_failed(self, err: IntakeError) -> None:
        self._checking = False
        self._poll.stop()
        log.warning("backup status unavailable: %s", err.code)
        self._show(self.state)

    def _show_progress(self) -> None:
        seen = self._progress.read() if self._progress is not None else None
        if seen is not None and seen[1]:
            self.button.setText(tr("Backup", "Backing up… %1%").replace(
                "%1", str(100 * seen[0] // seen[1])))

    def _changed(self, kind: str, _id: int) -> None:
        if kind == ChangeKind.BACKUP and not self.window.is_locked:
            self.window.worker.run(backup_schedule.status, self._show)

    # --- the status bar item ----------------------------------------------------------------
    def _show(self, state: BackupStatus | None) -> None:
        self.state = state
        text, warn = short_line(state)
        self.button.setText(text)
        details = long_lines(state)
        if self.is_admin:
            details.append(tr("Backup", "Open Backups (%1)").replace("%1", keys_for("backups")))
        self.button.setToolTip("\n".join(details) or text)
        self.button.setAccessibleName(tr("Backup", "Backup status: %1").replace("%1", text))
        self.button.setProperty("role", "danger" if warn else "")
        self.button.style().polish(self.button)
        self.action.setText(tr("Shortcuts", "Backups (administrators)"))

    def show_page(self) -> None:
        """The Agency page at its Backups tab (administrators); others read the tooltip."""
        if not self.is_admin:
            self.window.statusBar().showMessage(" ".join(long_lines(self.state)), 10_000)
            return
        page = self.window.show_agency()
        if page is not None:
            page.show_backups()
