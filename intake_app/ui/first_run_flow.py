"""First run: create the first user (and the key file and database), or join an agency from an
enrolment bundle first. Functions of the main window, which keeps the pages and their state."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from intake_app.ui import i18n, unlock_flow
from intake_app.ui import session_jobs as jobs
from intake_app.ui.i18n import error_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from intake_app.admin.enrolment import Enrolment
    from intake_app.domain.case import UserInfo
    from intake_app.errors import IntakeError
    from intake_app.services.session import Session
    from intake_app.ui.mainwindow import MainWindow


def _centred(page: QWidget) -> QWidget:
    """`page` in the middle third of the window, like the first-run form."""
    from PySide6.QtWidgets import QHBoxLayout

    holder = QWidget()
    row = QHBoxLayout(holder)
    row.addStretch(1)
    row.addWidget(page, 3)
    row.addStretch(1)
    return holder


def show_first_run(window: MainWindow) -> None:
    from intake_app.ui.firstrun import FirstRunPage

    window.build_deferred()  # the lean start is for the lock screen; first run is once
    window._load_policy()
    if window.policy is not None:  # a baked-in profile: the agency's language to start with
        i18n.set_language(window.policy.language)
    page = FirstRunPage()
    page.join_requested.connect(partial(show_join, window))
    page.language_chosen.connect(partial(language_picked, window))
    page.setup_requested.connect(partial(setup_requested, window))
    page.language_chosen.connect(window.set_language)
    page.finished.connect(partial(first_run_done, window))
    window.first_run = page
    window.pages.addWidget(page)
    window.pages.setCurrentWidget(page)
    window._set_unlocked_ui(False)
    page.username.setFocus()


def setup_requested(window: MainWindow, name: str, role: str, passphrase: str) -> None:
    page, data_dir, kdf = window.first_run, window.data_dir, window.kdf
    assert page is not None
    enrolment = window._enrolment

    def done(result: tuple[str, UserInfo]) -> None:
        recovery, window.user = result
        i18n.save_language(window.data_dir, i18n.current_language())
        window._load_policy()
        page.show_recovery_code(recovery)

    def failed(err: IntakeError) -> None:
        page.show_error(error_text(err))

    make: Callable[[], tuple[Session, tuple[str, UserInfo]]]
    if enrolment is not None:
        make = lambda: jobs.enrol_first_user(  # noqa: E731
            data_dir, enrolment, name, role, passphrase, kdf
        )
    else:
        make = lambda: jobs.set_up(data_dir, name, role, passphrase, kdf)  # noqa: E731
    window.worker.open_session(make, done, failed)


def show_join(window: MainWindow) -> None:
    """First run, "Join my agency": the bundle panel; then back to create the first user."""
    from intake_app.ui.admin.join import JoinAgencyPanel

    if window.join_panel is None:
        panel = JoinAgencyPanel(window.worker)
        panel.joined.connect(partial(joined, window))
        panel.cancelled.connect(partial(join_cancelled, window))
        window.join_panel = panel
        window.pages.addWidget(_centred(panel))
    holder = window.join_panel.parentWidget()
    assert holder is not None
    window.pages.setCurrentWidget(holder)
    window.join_panel.path.setFocus()


def language_picked(window: MainWindow, _language: str) -> None:
    window._language_picked = True


def joined(window: MainWindow, enrolment: Enrolment) -> None:
    window._enrolment = enrolment
    page = window.first_run
    if page is None:
        return
    # The agency's language, unless the person already picked one on this screen.
    language = i18n.current_language() if window._language_picked else (
        enrolment.profile.policy.language
    )
    i18n.set_language(language)
    page.set_joining(enrolment.card.name, language)
    close_join_panel(window)
    window.pages.setCurrentWidget(page)
    page.username.setFocus()


def join_cancelled(window: MainWindow) -> None:
    close_join_panel(window)
    if window.first_run is not None:
        window.pages.setCurrentWidget(window.first_run)
        window.first_run.username.setFocus()


def close_join_panel(window: MainWindow) -> None:
    panel, window.join_panel = window.join_panel, None
    holder = panel.parentWidget() if panel is not None else None
    if holder is not None:
        window.pages.removeWidget(holder)
        holder.hide()
        holder.deleteLater()


def first_run_done(window: MainWindow) -> None:
    page = window.first_run
    window.first_run = None
    if page is not None:
        window.pages.removeWidget(page)
        page.deleteLater()
    unlock_flow.enter(window)
