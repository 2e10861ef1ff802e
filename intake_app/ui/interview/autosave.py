"""The autosave queue: an answer stays here until the database has committed it.

Contract (what an interviewer relies on, and what "Saved ✓" means):
- `submit` hands the answer to the database worker at once. A newer answer to the same question
  replaces one still waiting; only one save per question is in flight, and the newest is sent
  when it returns.
- A failed save is kept and retried after 1, 2, 4 ... 30 seconds (and at once by `flush`). The
  last failure is kept for the screen: the disk is full, another program changed the keys...
- `pending` counts answers not yet committed: "Saved ✓" may be shown only when it is 0.
- `flush` (before lock) sends everything waiting; the worker runs those saves before it closes
  the session, and reports their outcome even after the lock (``after_lock``).
- Answers that still could not be saved stay here, in memory only (never on disk in the clear),
  for the next unlock by the same user; another user's session never saves them under their name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from intake_app.domain.answers import Answer
from intake_app.errors import IntakeError
from intake_app.ui.worker import Change, ChangeKind, Worker

if TYPE_CHECKING:
    from intake_app.services.session import Session

Key = tuple[int, str]  # interview id, question id
SaveFn = Callable[["Session", int, str, "Answer | None"], None]

FIRST_RETRY_MS = 1_000
LAST_RETRY_MS = 30_000


def _record_answer(
    s: Session, interview_id: int, question_id: str, answer: Answer | None
) -> None:
    from intake_app.services import interviews  # loaded after unlock, not at start-up

    if answer is None:
        interviews.clear_answer(s, interview_id, question_id)
    else:
        interviews.record_answer(s, interview_id, question_id, answer)


@dataclass(slots=True)
class _Entry:
    answer: Answer | None  # the newest change: an answer, or None when an undo cleared it
    user: str  # who gave it: only their session saves it
    version: int = 0  # counts changes, so a late reply can tell whether it saved the newest
    in_flight: bool = False


class AutosaveQueue(QObject):
    """Answers on their way to the database; see the module docstring for the contract."""

    changed = Signal()  # pending count or last problem changed
    committed = Signal(int, str)  # interview id, question id: the newest answer is saved

    def __init__(
        self,
        worker: Worker,
        save: SaveFn = _record_answer,
        *,
        first_retry_ms: int = FIRST_RETRY_MS,
        last_retry_ms: int = LAST_RETRY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._worker = worker
        self._save = save
        self._entries: dict[Key, _Entry] = {}
        self._user: str | None = None  # whose session is open; None while locked
        self._first_ms = first_retry_ms
        self._last_ms = last_retry_ms
        self._delay_ms = first_retry_ms
        self.problem: IntakeError | None = None  # the last failure, until a save succeeds
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._send_all)

    # --- state ---------------------------------------------------------------------------------
    @property
    def pending(self) -> int:
        """Answers of the open session's user not yet committed."""
        return sum(1 for e in self._entries.values() if e.user == self._user)

    def pending_for(self, interview_id: int) -> int:
        return sum(1 for (iv, _q), e in self._entries.items()
                   if iv == interview_id and e.user == self._user)

    @property
    def waiting_users(self) -> frozenset[str]:
        """Users with answers still waiting (for the lock screen: names of staff, no case data)."""
        return frozenset(e.user for e in self._entries.values())

    @property
    def saving_now(self) -> bool:
        """Whether a save is still on its way to the database (its outcome not yet known)."""
        return any(e.in_flight for e in self._entries.values())

    def waiting_count(self) -> int:
        """Every answer not yet saved, whoever gave it."""
        return len(self._entries)

    @property
    def retry_in_ms(self) -> int:
        return self._retry.remainingTime() if self._retry.isActive() else 0

    def waiting(self, interview_id: int) -> dict[str, Answer | None]:
        """Changes to `interview_id` not yet saved, by question (None: cleared by an undo); a
        reopened interview shows these rather than the older values the database holds."""
        return {q: e.answer for (iv, q), e in self._entries.items()
                if iv == interview_id and e.user == self._user}

    # --- session -------------------------------------------------------------------------------
    def session_opened(self, user: str) -> None:
        """After unlock: this user's waiting answers are sent now."""
        self._user = user
        self._delay_ms = self._first_ms
        self._send_all()

    def flush(self) -> None:
        """Before lock: send every waiting answer now (the worker saves them before closing)."""
        self._retry.stop()
        self._send_all()

    def session_closed(self) -> None:
        self._retry.stop()
        self._user = None
        self.changed.emit()

    # --- saving --------------------------------------------------------------------------------
    def submit(self, interview_id: int, question_id: str, answer: Answer | None) -> None:
        """Save `answer` (None: clear the question's answer, an undo) as soon as possible."""
        if self._user is None:
            return  # no session: nothing to save with (the page is gone by then anyway)
        key = (interview_id, question_id)
        entry = self._entries.get(key)
        if entry is None:
            self._entries[key] = _Entry(answer, self._user)
        else:
            entry.answer, entry.user, entry.version = answer, self._user, entry.version + 1
        self._send(key)
        self.changed.emit()

    def _send_all(self) -> None:
        for key in list(self._entries):
            self._send(key)
        self.changed.emit()

    def _send(self, key: Key) -> None:
        entry = self._entries[key]
        if entry.in_flight or entry.user != self._user:
            return
        entry.in_flight = True
        answer, version = entry.answer, entry.version
        interview_id, question_id = key
        save = self._save
        self._worker.run(
            lambda s: save(s, interview_id, question_id, answer),
            lambda _r: self._done(key, version),
            lambda err: self._failed(key, err),
            changes=[Change(ChangeKind.ANSWER, interview_id)],  # the case list ignores these
            after_lock=True,
        )

    def _done(self, key: Key, version: int) -> None:
        entry = self._entries.get(key)
        if entry is None:
            return
        entry.in_flight = False
        if entry.version == version:
            del self._entries[key]
            self.committed.emit(*key)
        else:
            self._send(key)  # a newer answer arrived while this one was saving
        if not any(e.user == self._user for e in self._entries.values()):
            self.problem = None
            self._delay_ms = self._first_ms
        self.changed.emit()

    def _failed(self, key: Key, err: IntakeError) -> None:
        entry = self._entries.get(key)
        if entry is not None:
            entry.in_flight = False
        self.problem = err
        if self._user is not None and not self._retry.isActive():
            self._retry.start(self._delay_ms)
            self._delay_ms = min(self._delay_ms * 2, self._last_ms)
        self.changed.emit()
