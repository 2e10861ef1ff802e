"""The one database worker thread: it owns the Session; the GUI hands it work and gets results by signal.

Contract:
- Jobs run one at a time, in the order they were given (one SQLCipher connection, bound to
  this thread). Unlocking and first-run set-up run here too, so the KDF never blocks the GUI.
- A call site is one line: ``worker.run(lambda s: cases.list_cases(s, text), self._show,
  self._fail, changes=[...])``. ``on_done(result)`` / ``on_error(IntakeError)`` run on the GUI
  thread. Any other exception is reported as a generic IntakeError (its text may hold case data,
  so only its type is logged); the UI never crashes on a failed job.
- After a job that changes data succeeds, ``changed(kind, id)`` is emitted for each change it
  declared, so views refresh only what changed (an autosaved answer says "answer", which the
  case list ignores).
- ``close_session()`` (on lock) drops every queued result: answers to questions asked before
  the lock never reach a screen after it. A job marked ``after_lock=True`` (autosave) is still
  reported: its callbacks only keep the retry queue's books and show nothing.
- A result whose callback is a method of a widget deleted meanwhile (a case page closed by the
  interview it started) is dropped: a screen that is gone is not updated.
- A job that finds the database unreadable asks the session whether another program rotated the
  keys (``Session.reopen_if_keys_changed``); if so, the job runs once more on the reopened
  database, so a CLI ``rekey`` in the middle of an interview loses nothing.
"""

from __future__ import annotations

import enum
import logging
import queue
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

from intake_app.errors import DatabaseCorrupt, IntakeError

if TYPE_CHECKING:
    from intake_app.services.session import Session

log = logging.getLogger(__name__)

T = TypeVar("T")

ErrorHandler = Callable[[IntakeError], None]


class Locked(IntakeError):
    """Work was asked of the worker while no session is open."""

    code = "locked"
    template = "The app is locked."
    plain = "The app is locked. Unlock it to continue."


class ChangeKind(enum.StrEnum):
    """What a job changed, so the screens showing it refresh (sent as its text by `changed`)."""

    CASE = "case"  # a case's fields, status, notes or interviews: the case page and the list
    CASE_CREATED = "case.created"  # a new case: the case list
    ANSWER = "answer"  # an autosaved answer: nobody repaints for these (on purpose)
    CONSENT = "consent"  # consents given or withdrawn: sharing
    SHARING = "sharing"  # outbox, inbox, referrals: the sharing page and status
    PARTNER = "partner"  # partner directory: sharing, admin
    IDENTITY = "identity"  # this agency's own card: sharing status
    POLICY = "policy"  # the signed policy in force: sharing status
    BACKUP = "backup"  # a backup made or the schedule changed: the status bar, the Backups tab


@dataclass(frozen=True, slots=True)
class Change:
    """What a job changed: a kind and the id it is about (0: the whole kind)."""

    kind: ChangeKind
    id: int


@dataclass(slots=True)
class _Job:
    kind: str  # "run", "call", "open" or "close"
    fn: Callable[..., Any]
    on_done: Callable[[Any], None] | None
    on_error: ErrorHandler | None
    changes: tuple[Change, ...] | Callable[[Any], Iterable[Change]]
    epoch: int
    after_lock: bool = False
    result: Any = None
    error: IntakeError | None = field(default=None)


def _receiver_alive(callback: Callable[..., Any]) -> bool:
    """False for a method of a widget Qt has already destroyed (a screen closed mid-job).

    The answer is dropped as for a screen that no longer exists; the job's changes were
    still announced, so any screen that is left refreshes.
    """
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


class Worker(QObject):
    """Owns the database thread and the Session that lives on it."""

    changed = Signal(str, int)  # kind, id
    busy_changed = Signal(bool)
    failed = Signal(object)  # IntakeError, for jobs given no on_error
    _finished = Signal(object)  # _Job, emitted on the worker thread, delivered on the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._session: Session | None = None  # touched on the worker thread only
        self._epoch = 0
        self._pending = 0
        self._finished.connect(self._deliver)
        self._thread = threading.Thread(target=self._loop, name="intake-db", daemon=True)
        self._thread.start()

    # --- GUI-thread API ---------------------------------------------------------------------
    def run(
        self,
        fn: Callable[[Session], T],
        on_done: Callable[[T], None] | None = None,
        on_error: ErrorHandler | None = None,
        *,
        changes: Iterable[Change] | Callable[[T], Iterable[Change]] = (),
        after_lock: bool = False,
    ) -> None:
        """Run `fn(session)` on the database thread; deliver its result to `on_done`.

        `changes` names what the job changes, or computes it from the result (a new case's id).
        `after_lock`: deliver the outcome even if the app locked meanwhile (callbacks that show
        nothing, like the autosave queue's).
        """
        declared = changes if callable(changes) else tuple(changes)
        self._submit(_Job("run", fn, on_done, on_error, declared, self._epoch, after_lock))

    def open_session(
        self,
        make: Callable[[], tuple[Session, T]],
        on_done: Callable[[T], None] | None = None,
        on_error: ErrorHandler | None = None,
    ) -> None:
        """Unlock or set up on the database thread; keep the Session there, deliver the rest."""
        self._submit(_Job("open", make, on_done, on_error, (), self._epoch))

    def call(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: ErrorHandler | None = None,
    ) -> None:
        """Run `fn()` on the database thread without a session (warming imports, say)."""
        self._submit(_Job("call", fn, on_done, on_error, (), self._epoch))

    def close_session(self, on_done: Callable[[None], None] | None = None) -> None:
        """Close the database and forget the session; results still queued are dropped."""
        self._epoch += 1
        self._submit(_Job("close", lambda: None, on_done, None, (), self._epoch))

    @property
    def is_busy(self) -> bool:
        return self._pending > 0

    def shutdown(self, timeout: float = 10.0) -> None:
        """Close the session and stop the thread (call before the QApplication goes away)."""
        if not self._thread.is_alive():
            return
        self._epoch += 1
        self._jobs.put(None)
        self._thread.join(timeout)

    # --- internals ----------------------------------------------------------------------------
    def _submit(self, job: _Job) -> None:
        if not self._thread.is_alive():
            raise RuntimeError("the database worker has been shut down")
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        self._jobs.put(job)

    def _loop(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                self._close()
                return
            try:
                job.result = self._execute(job)
            except IntakeError as exc:
                job.error = exc
            except Exception as exc:  # noqa: BLE001 - reported in words; the thread lives on
                # The message may quote case data: log the type and place only.
                tb = exc.__traceback__
                while tb is not None and tb.tb_next is not None:
                    tb = tb.tb_next
                where = f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}" if tb else "?"
                log.error("database job failed: %s at %s", type(exc).__name__, where)
                job.error = IntakeError()
            self._finished.emit(job)

    def _execute(self, job: _Job) -> Any:
        if job.kind == "close":
            self._close()
            return None
        if job.kind == "call":
            return job.fn()
        if job.kind == "open":
            session, out = job.fn()
            self._close()
            self._session = session
            return out
        if self._session is None:
            raise Locked()
        try:
            return job.fn(self._session)
        except DatabaseCorrupt:
            if not self._session.reopen_if_keys_changed():
                raise
            return job.fn(self._session)

    def _close(self) -> None:
        if self._session is not None:
            session, self._session = self._session, None
            session.close()

    @Slot(object)
    def _deliver(self, job: _Job) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)
        if job.epoch != self._epoch and job.kind != "close" and not job.after_lock:
            return  # asked before a lock: its answer must not reach a screen after it
        if job.error is not None:
            if job.on_error is not None:
                if _receiver_alive(job.on_error):
                    job.on_error(job.error)
            else:
                self.failed.emit(job.error)
            return
        stale = job.epoch != self._epoch  # an after_lock job: no view is left to refresh
        changes = () if stale else job.changes(job.result) if callable(job.changes) else job.changes
        for change in changes:
            self.changed.emit(change.kind, change.id)
        if job.on_done is not None and _receiver_alive(job.on_done):
            try:
                job.on_done(job.result)
            except RuntimeError as exc:
                # A closure over a widget destroyed meanwhile: the same case as above.
                if "already deleted" not in str(exc):
                    raise
                log.debug("dropped a result for a closed screen")
