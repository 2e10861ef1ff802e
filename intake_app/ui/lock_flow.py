"""Locking the main window: where the user was (ids only, in memory), the autosave flushed, every
window holding case data dropped, the database closed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from intake_app.ui.i18n import tr

if TYPE_CHECKING:
    from intake_app.ui.mainwindow import MainWindow


@dataclass(frozen=True, slots=True)
class Location:
    """Where the user was when the app locked: ids only, kept in memory."""

    screen: str = "cases"  # "cases", "case", "interview", "agency" or "reports"
    case_id: int | None = None
    interview_id: int | None = None
    tab: int = 0
    user_id: int | None = None  # whose place it is: another user starts on the case list


def _admin_location(window: MainWindow) -> Location:
    """The admin slot holds the Agency page or the Reports page: come back to the same one,
    and for Reports to the same tab (Caseload now comes back read anew)."""
    from intake_app.ui.reports.page import ReportsPage  # loaded once it was shown

    page = window.area.admin if window.area is not None else None
    if isinstance(page, ReportsPage):
        return Location("reports", tab=page.tabs.currentIndex(), user_id=window._user_id())
    return Location("agency", user_id=window._user_id())


def lock(window: MainWindow) -> None:
    """Hide everything at once, drop every view holding case data, close the database."""
    if window.area is None:
        return
    window.idle.disarm()
    view = window.area.case_view
    if window.area.interview is not None and window.location.screen == "interview":
        # Typed but not yet saved: queue its autosave now; the worker runs jobs in order,
        # so it commits before the session closes below.
        from intake_app.ui.interview.interview_page import (
            InterviewPage,  # loaded once an interview is open
        )

        if isinstance(window.area.interview, InterviewPage):
            window.area.interview.keep_typed()
    elif window.area.admin is not None:
        window.location = _admin_location(window)
    elif view is not None:
        window.location = Location(
            "interview" if window.location.screen == "interview" else "case",
            view.case_id, window.location.interview_id, view.tabs.currentIndex(),
            window._user_id(),
        )
    else:
        window.location = Location()
    window.interviews.autosave.flush()  # queued before the close below: saved first
    # Other top-level windows (person-facing screen, dialogs, menus) go first and for good.
    from PySide6.QtWidgets import QApplication, QDialog, QMenu

    for w in QApplication.topLevelWidgets():
        if w is window or not w.isVisible():
            continue
        if isinstance(w, QDialog):
            w.reject()
        w.hide()
        if isinstance(w, (QDialog, QMenu)) or w.property("caseData"):
            w.deleteLater()
    area, window.area = window.area, None
    window.pages.setCurrentWidget(window.unlock_page)
    window.pages.removeWidget(area)
    area.hide()
    # Its timers (a search typed just before) must not fire into a closed session before
    # the deferred delete runs (seen on a loaded machine).
    for timer in area.findChildren(QTimer):
        timer.stop()
    area.deleteLater()
    window.clipboard.clear_ours()
    window.worker.close_session()
    window.interviews.autosave.session_closed()
    window._show_lock_screen()
    window.locked.emit()


def warn_before_lock(window: MainWindow, seconds: int) -> None:
    window.lock_warning.setText(tr(
        "MainWindow",
        "For privacy this window locks in {seconds} seconds. Press any key or move the "
        "mouse to keep working.",
    ).format(seconds=seconds))
    window.lock_warning.show()
