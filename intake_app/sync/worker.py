"""The sync worker: the engine's rounds on a plain background thread with its own database
connection, woken early on demand, stopped on lock (sync/engine.py does one round)."""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable

from intake_app.sync.engine import Backoff, Mailbox, SyncEngine, SyncReport
from intake_app.sync.transport import Transport

log = logging.getLogger(__name__)

class SyncWorker(threading.Thread):
    """Delivers and fetches in the background, off the GUI thread (stdlib threading, no Qt).

    Contract (like a job queue's):

    - Own connection: `open_mailbox()` is called IN this thread and must open its own database
      connection (SQLCipher connections belong to the thread that opened them); `open_transport()`
      likewise. Both are closed when the thread ends.
    - Order: each round delivers the outbox oldest first, then reads the inbox in the order the
      transport gives it, acknowledging a page only after every envelope in it was stored or
      quarantined.
    - Network error (`TransportUnavailable`): the round ends `offline`; the worker waits an
      exponentially growing, jittered delay (capped) and tries again; envelopes stay queued.
      The first round that gets through resets the delay.
    - Authentication / permanent refusal (`TransportRejected` for the whole exchange): the worker
      reports (`on_report` with `stopped` set) and STOPS; a person must act (re-enrol the device,
      fix the clock). It does not retry.
    - Anything else (a bad envelope, a bug in one step): the envelope is quarantined or the error
      is reported by type name, and the worker moves on to the next round.
    - `wake()` runs a round now (e.g. after something was queued); `stop()` ends the thread after
      the current round; `join()` waits for it.
    - `on_report(report)` is called from this thread after every round: a UI must hand it over to
      its own thread (a queued signal) and never touch widgets here.
    """

    def __init__(
        self,
        open_mailbox: Callable[[], Mailbox],
        open_transport: Callable[[], Transport],
        *,
        interval: float = 30.0,
        on_report: Callable[[SyncReport], None] | None = None,
        backoff: Backoff | None = None,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__(name="sync-worker", daemon=True)
        self._open_mailbox = open_mailbox
        self._open_transport = open_transport
        self.interval = interval
        self._on_report = on_report
        self._backoff = backoff or Backoff()
        self._rng = rng or random.Random()  # noqa: S311 - jitter, not secrecy
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self.last_report: SyncReport | None = None
        self.stopped_reason: str | None = None
        self.rounds = 0

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()

    def _emit(self, report: SyncReport) -> None:
        self.last_report = report
        if self._on_report is not None:
            try:
                self._on_report(report)
            except Exception as exc:  # noqa: BLE001 - a broken listener must not kill sync
                log.warning("sync report listener failed: %s", type(exc).__name__)

    def run(self) -> None:
        mailbox = self._open_mailbox()
        transport: Transport | None = None
        try:
            transport = self._open_transport()
            engine = SyncEngine(mailbox, backoff=self._backoff, rng=self._rng)
            failures = 0
            while not self._stopping.is_set():
                try:
                    report = engine.run_once(transport)
                except Exception as exc:  # noqa: BLE001 - report by type and keep going
                    report = SyncReport(errors=[f"round:{type(exc).__name__}"])
                self.rounds += 1
                self._emit(report)
                if report.stopped is not None:
                    self.stopped_reason = report.stopped
                    return
                if report.offline or report.errors:
                    wait = self._backoff.delay(failures + 1, self._rng)
                    failures += 1
                else:
                    wait = self.interval
                    failures = 0
                self._wake.wait(wait)
                self._wake.clear()
        finally:
            if transport is not None:
                transport.close()
            mailbox.close()
