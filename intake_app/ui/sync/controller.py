"""SyncController: runs sync rounds off the GUI thread and keeps the status the bar shows.

- Rounds run in `sync.worker.SyncWorker` (a plain thread with its own database connection and
  its own relay client). Its reports reach the GUI thread through a queued signal.
- Counts (waiting, failed, refused) are read through the one database worker after anything
  that may change them: a Change(ChangeKind.SHARING, ...) from a screen, or a round's report.
- The relay address comes from the agency policy (`relay_url`); without one the laptop is
  "offline" and shares wait for a folder export.
- `stop()` on lock: the thread is told to stop and is reaped by a timer once its round ends
  (the GUI never waits on the network); `shutdown()` waits for it (quit, tests).
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from intake_app.services import sync_rounds
from intake_app.sync.engine import Backoff, SyncReport
from intake_app.sync.worker import SyncWorker
from intake_app.ui.sync import jobs
from intake_app.ui.sync.status import Connection, SyncStatus
from intake_app.ui.worker import ChangeKind, Worker

if TYPE_CHECKING:
    from intake_app.services.session import Session

SYNC_THREAD = "sync-worker"


class SyncController(QObject):
    """Owns the sync thread while unlocked; `status` is what the status bar shows."""

    status_changed = Signal(object)  # SyncStatus
    round_finished = Signal(object)  # SyncReport
    _reported = Signal(object)  # from the sync thread, delivered on the GUI thread

    def __init__(self, worker: Worker, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.data_dir = data_dir
        self.relay_url_override: str | None = None  # tests, development
        self.interval = 30.0
        self.backoff = Backoff(base=1.0, cap=120.0, max_attempts=2)
        self.status = SyncStatus()
        self._thread: SyncWorker | None = None
        self._stopping: list[SyncWorker] = []
        self._running = False
        self._reaper = QTimer(self)
        self._reaper.setInterval(200)
        self._reaper.timeout.connect(self._reap)
        self._reported.connect(self._on_report)
        worker.changed.connect(self._on_changed)

    # --- life cycle ---------------------------------------------------------------------------
    def start(self) -> None:
        """After unlock: read the counts, then start the sync thread if there is a relay."""
        if self._running:
            return
        self._running = True
        url = self.relay_url_override
        self.refresh()

        def setup(s: Session) -> sync_rounds.SyncSetup | None:
            return sync_rounds.sync_setup(s, url)

        self.worker.run(setup, self._start_thread, lambda _e: self._set(Connection.NO_AGENCY))

    def _start_thread(self, setup: sync_rounds.SyncSetup | None) -> None:
        if not self._running:
            return
        if setup is None:  # no relay address (or no agency: the counts said so first)
            if self.status.connection is not Connection.NO_AGENCY:
                self._set(Connection.NO_RELAY)
            return
        self._thread = SyncWorker(
            setup.open_mailbox, setup.open_transport, interval=self.interval,
            on_report=self._reported.emit, backoff=self.backoff,
        )
        self._thread.start()
        self._set(Connection.CONNECTING)

    def stop(self) -> None:
        """On lock: no new rounds; the thread ends after its current one (reaped later)."""
        self._running = False
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.stop()
            self._stopping.append(thread)
            self._reaper.start()
        self.status = SyncStatus(last_delivery=self.status.last_delivery)

    def shutdown(self, timeout: float = 20.0) -> None:
        """Stop and wait for the sync thread (quitting, tests)."""
        self.stop()
        for thread in self._stopping:
            thread.join(timeout)
        self._reap()

    @property
    def threads_alive(self) -> int:
        return sum(1 for t in self._stopping if t.is_alive()) + (
            1 if self._thread is not None and self._thread.is_alive() else 0
        )

    def _reap(self) -> None:
        self._stopping = [t for t in self._stopping if t.is_alive()]
        if not self._stopping:
            self._reaper.stop()

    # --- rounds -------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def sync_now(self) -> None:
        if self.running and self._thread is not None:
            self._set(Connection.SYNCING)
            self._thread.wake()

    @Slot(object)
    def _on_report(self, report: SyncReport) -> None:
        if not self._running:
            return
        if report.stopped is not None:
            self.status = replace(self.status, refused_reason=report.stopped)
            connection = Connection.REFUSED
        elif report.offline:
            connection = Connection.OFFLINE
        else:
            connection = Connection.ONLINE
        if report.delivered or report.already_delivered:
            self.status = replace(self.status, last_delivery=datetime.now(UTC))
        self.status = replace(self.status, pending=report.pending_after)
        self._set(connection)
        self.round_finished.emit(report)
        if report.received or report.delivered or report.failed or report.quarantined:
            # Other screens (inbox, case view) refresh on this notice.
            self.worker.changed.emit(ChangeKind.SHARING, 0)
        else:
            self.refresh()

    def _on_changed(self, kind: str, _ident: int) -> None:
        if not self._running:
            return
        if kind in (ChangeKind.IDENTITY, ChangeKind.POLICY):
            # A new agency or a new relay address: start over with the new set-up.
            self.stop()
            self.start()
        elif kind in (ChangeKind.SHARING, ChangeKind.CONSENT, ChangeKind.PARTNER):
            self.refresh()

    def refresh(self) -> None:
        """Re-read the counts through the database worker."""
        self.worker.run(jobs.counts, self._show_counts, lambda _e: None)

    def _show_counts(self, counts: jobs.Counts) -> None:
        if not self._running:
            return
        n = counts.counted
        grew = n.pending > self.status.pending
        self.status = replace(
            self.status, pending=n.pending, failed=n.failed, quarantined=n.quarantined,
            held_by_partners=n.held_by_partners, clock_ahead_seconds=n.clock_ahead_seconds,
        )
        if not counts.has_agency:
            self.status = replace(self.status, connection=Connection.NO_AGENCY)
        self.status_changed.emit(self.status)
        if grew:  # something new to send: try now rather than at the next interval
            self.sync_now()

    def _set(self, connection: Connection) -> None:
        self.status = replace(self.status, connection=connection)
        self.status_changed.emit(self.status)


def sync_threads_alive() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name == SYNC_THREAD and t.is_alive()]
