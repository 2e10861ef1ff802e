"""Sharing wired into the main window: the status bar button, Ctrl+2, the share dialogs.

`SyncFeature(window)` is created once with the window. It starts the SyncController on
`unlocked` and stops it on `locked` (the session is closed on lock); the sharing page lives in
the case area, which is destroyed on every lock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from intake_app.ui.i18n import duration_words, noop, relative_time, tr
from intake_app.ui.shortcuts import keys_for
from intake_app.ui.sync.status import Connection, SyncStatus
from intake_app.ui.wrap_buttons import ElidingButton

if TYPE_CHECKING:
    from intake_app.ui.mainwindow import MainWindow
    from intake_app.ui.sync.controller import SyncController
    from intake_app.ui.sync.share_dialog import ShareDialog
    from intake_app.ui.sync.sharing_page import SharingPage

CONNECTION_WORDS: dict[Connection, str] = {
    Connection.NO_RELAY: noop("Sync", "No relay: share by folder"),
    Connection.NO_AGENCY: noop("Sync", "Not part of an agency yet"),
    Connection.CONNECTING: noop("Sync", "Connecting…"),
    Connection.SYNCING: noop("Sync", "Syncing…"),
    Connection.ONLINE: noop("Sync", "Online"),
    Connection.OFFLINE: noop("Sync", "Offline: will retry"),
    Connection.REFUSED: noop("Sync", "Relay refused this laptop"),
}


def status_text(status: SyncStatus) -> str:
    """One line a tired person can read: connection · waiting · last sent · attention."""
    parts = [tr("Sync", CONNECTION_WORDS[status.connection])]
    if status.connection is not Connection.NO_AGENCY:
        parts.append(tr("Sync", "%1 waiting to send").replace("%1", str(status.pending)))
        if status.last_delivery is not None:
            parts.append(tr("Sync", "last sent %1").replace(
                "%1", relative_time(status.last_delivery.isoformat())))
    if status.quarantined:
        parts.append(tr("Sync", "⚠ %1 refused on arrival: see Sharing").replace(
            "%1", str(status.quarantined)))
    if status.failed:
        parts.append(tr("Sync", "⚠ %1 could not be sent: see Sharing").replace(
            "%1", str(status.failed)))
    if status.held_by_partners:
        parts.append(tr("Sync", "⚠ This laptop's clock is %1 ahead: check the date and time"
                        " (a partner holds %2 until then)").replace(
            "%1", duration_words(status.clock_ahead_seconds)).replace(
            "%2", str(status.held_by_partners)))
    return " · ".join(parts)


class SyncFeature(QObject):
    """Everything sharing adds to the main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._controller: SyncController | None = None  # made at first unlock (lean start-up)
        self.relay_url_override: str | None = None  # tests, development
        self.page: SharingPage | None = None
        self._reopen_page = False
        self.button = ElidingButton()  # a long status line is cut short, never the window
        self.button.setObjectName("syncStatus")
        self.button.setFlat(True)
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button.clicked.connect(self.show_page)
        self.button.hide()
        window.statusBar().addPermanentWidget(self.button)
        self.action = QAction(window)
        self.action.setObjectName("sync_status")
        self.action.setShortcut(QKeySequence(keys_for("sync_status")))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.triggered.connect(self.show_page)
        self.action.setEnabled(False)
        window.addAction(self.action)
        window.unlocked.connect(self._unlocked)
        window.locked.connect(self._locked)
        self._show_status(SyncStatus())

    @property
    def controller(self) -> SyncController:
        if self._controller is None:
            from intake_app.ui.sync.controller import SyncController

            self._controller = SyncController(self.window.worker, self.window.data_dir, self)
            self._controller.status_changed.connect(self._show_status)
        self._controller.relay_url_override = self.relay_url_override
        return self._controller

    # --- lock and unlock --------------------------------------------------------------------
    def _unlocked(self) -> None:
        self.action.setEnabled(True)
        self.button.show()
        self.controller.start()
        if self._reopen_page:
            self._reopen_page = False
            self.show_page()

    def _locked(self) -> None:
        self._reopen_page = self.page is not None
        self.page = None  # destroyed with the case area
        self.action.setEnabled(False)
        self.button.hide()
        if self._controller is not None:
            self._controller.stop()

    # --- the page and the dialogs -----------------------------------------------------------
    def show_page(self) -> None:
        from intake_app.ui.sync.sharing_page import SharingPage

        area = self.window.area
        if area is None:
            return
        page = SharingPage(self.window.worker)
        page.sync_requested.connect(self.controller.sync_now)
        page.destroyed.connect(lambda _o=None: self._page_gone(page))
        area.show_admin(page)  # the case area's slot for a full page
        self.page = page
        page.show_status(status_text(self.controller.status))
        page.tabs.setFocus()

    def _page_gone(self, page: object) -> None:
        if self.page is page:
            self.page = None

    def open_share(self, case_id: int, case_code: str, mode: str = "share") -> ShareDialog:
        from intake_app.ui.sync.share_dialog import open_share_dialog

        dialog = open_share_dialog(self.window.worker, case_id, case_code, mode, self.window)
        dialog.record_consent_requested.connect(self.window.open_consent)
        dialog.sent.connect(lambda text: self.window.statusBar().showMessage(text, 15_000))
        return dialog

    def open_referral(self, case_id: int, case_code: str) -> ShareDialog:
        return self.open_share(case_id, case_code, "referral")

    def _show_status(self, status: SyncStatus) -> None:
        text = status_text(status)
        self.button.setText(text)
        # The line may be cut short on a small screen: the tooltip holds it whole.
        self.button.setToolTip(text + "\n" + tr("Sync", "Open Sharing (%1)").replace(
            "%1", keys_for("sync_status")))
        self.button.setAccessibleName(tr("Sync", "Sharing status: %1").replace("%1", text))
        self.button.setProperty("role", "danger" if status.needs_attention else "")
        self.button.style().polish(self.button)
        self.action.setText(tr("Shortcuts", "Sharing and inbox"))
        if self.page is not None:
            self.page.show_status(text)

    def shutdown(self) -> None:
        if self._controller is not None:
            self._controller.shutdown()
