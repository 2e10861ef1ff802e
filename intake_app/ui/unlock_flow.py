"""Unlocking the main window: by passphrase or recovery code (on the worker), the new recovery
code shown once, and entering: the cases, and the place the same user was at before the lock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from intake_app.ui import policy_watch
from intake_app.ui import session_jobs as jobs
from intake_app.ui.case_area import CaseArea
from intake_app.ui.i18n import error_text, tr
from intake_app.ui.lock_flow import Location

if TYPE_CHECKING:
    from intake_app.ui.mainwindow import MainWindow
    from intake_app.ui.session_jobs import Unlocked


def unlock_requested(window: MainWindow, name: str, passphrase: str) -> None:
    data_dir = window.data_dir
    window.worker.open_session(
        lambda: jobs.unlock(data_dir, name, passphrase), window._unlocked, window.unlock_page.show_error
    )


def show_recovery(window: MainWindow) -> None:
    window.recovery_page.username.setText(window.unlock_page.username.text())
    window.recovery_page.reset()
    window.pages.setCurrentWidget(window.recovery_page)


def recover_requested(window: MainWindow, code: str, name: str, new_passphrase: str) -> None:
    data_dir = window.data_dir
    window.worker.open_session(
        lambda: jobs.recover(data_dir, code, name, new_passphrase), window._unlocked,
        window.recovery_page.show_error,
    )


def unlocked(window: MainWindow, result: Unlocked) -> None:
    """Called through the window's bound method, so the worker drops it once the window is gone."""
    window.user, code, state = result
    window.unlock_page.reset()
    if state is not None:
        policy_watch.apply_state(window, state)
    enter(window)
    if code is not None:
        show_new_recovery_code(window, code)


def show_new_recovery_code(window: MainWindow, code: str) -> None:
    """The recovery code was replaced (after a user was removed): show it once, to the admin."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Information, tr("MainWindow", "New recovery code"),
                      tr("MainWindow", "The recovery code was replaced after a user was "
                         "removed. Write the new one down and keep it locked away; it is "
                         "shown only once:") + f"\n\n{code}", parent=window)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setProperty("caseData", True)  # a secret: lock() deletes it, not just hides it
    done = box.addButton(tr("MainWindow", "I have written it down"),
                         QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(done)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.finished.connect(lambda _r: recovery_code_answered(window, box.clickedButton() is done))
    window.recovery_notice = box
    box.open()


def recovery_code_answered(window: MainWindow, written_down: bool) -> None:
    window.recovery_notice = None
    if written_down and not window.is_locked:  # else it is shown again at the next unlock
        window.worker.run(jobs.recovery_code_shown)


def enter(window: MainWindow) -> None:
    """Show the cases and go back to where the user was before the lock. The policy in force is
    already applied: the one settled at unlock, or the file just written at first run."""
    policy_watch.watch_profile(window)
    window.area = CaseArea(window)
    window.pages.addWidget(window.area)
    window.pages.setCurrentWidget(window.area)
    window._set_unlocked_ui(True)
    window.idle.arm()
    if window.user is not None:
        window.interviews.autosave.session_opened(window.user.username)
    if window.policy_problem is not None:
        window.statusBar().showMessage(error_text(window.policy_problem), 30_000)
    where = window.location
    if window.user is None or where.user_id != window.user.id:
        where = window.location = Location()  # a colleague's place is not shown to the next
    if where.screen == "agency":
        window.show_agency()
    elif where.screen == "reports":
        from intake_app.ui.reports.page import TAB_CASELOAD

        if where.tab == TAB_CASELOAD:
            window.show_caseload()
        else:
            window.show_reports()
    elif where.case_id is not None and where.screen in ("case", "interview"):
        window.open_case(where.case_id, where.tab)
        if where.screen == "interview" and where.interview_id is not None:
            window.resume_interview(where.case_id, where.interview_id)
    else:
        window.area.case_list.search.setFocus()
    window.unlocked.emit()
