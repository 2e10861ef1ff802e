"""The sync engine's view of a session: its `Mailbox`, and a session of its own per thread."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from intake_app.services import agency
from intake_app.services.session import Session
from intake_app.services.sharing.inbound import (
    InboundResult,
    process_inbound,
    record_receive_problem,
    retry_when_due,
)
from intake_app.services.sharing.views import expire_partner_views
from intake_app.storage import audit
from intake_app.storage.audit import now_iso
from intake_app.storage.database import Database
from intake_app.storage.sharing import outbox, quarantine


class SessionMailbox:
    """The sync engine's `Mailbox` over one session (one thread, one connection)."""

    def __init__(self, s: Session, *, owns_session: bool = False) -> None:
        self.session = s
        self._owns = owns_session
        self.agency_id = agency.require_identity(s).agency_id

    def pending(self, limit: int = 500) -> list[outbox.OutboxRow]:
        return outbox.pending(self.session.db, limit)

    def pending_count(self) -> int:
        return outbox.count_pending(self.session.db)

    def mark_delivered(self, envelope_ids: Sequence[str]) -> None:
        if envelope_ids:
            with self.session.db.transaction() as c:
                outbox.mark_delivered(c, envelope_ids, now_iso())

    def mark_attempt(self, envelope_id: str, reason: str, *, failed: bool) -> None:
        with self.session.db.transaction() as c:
            outbox.mark_attempt(c, envelope_id, reason, failed=failed)
            if failed:
                audit.append(
                    c,
                    self.session.user.id,
                    "outbox.failed",
                    "envelope",
                    envelope_id,
                    detail=f"reason:{reason}",
                )

    def process(self, body: bytes, source: str, now: float | None = None) -> InboundResult:
        return process_inbound(self.session, body, now, source=source)

    def record_problem(self, source: str, reason: str) -> None:
        record_receive_problem(self.session, source, reason)

    def expire_views(self, now: float) -> int:
        return expire_partner_views(self.session, datetime.fromtimestamp(now, UTC))

    def prepare_outgoing(self) -> int:
        from intake_app.services import replication  # it seals through this package

        return replication.queue_outgoing(self.session)

    def retry_waiting(self, now: float) -> int:
        return retry_when_due(self.session, now).accepted

    def forget_seen_before(self, cutoff: int) -> int:
        with self.session.db.transaction() as c:
            return quarantine.forget_seen_before(c, cutoff)

    def close(self) -> None:
        if self._owns:
            self.session.close()


def open_worker_session(s: Session) -> Session:
    """A second session over the same unlocked data folder with its OWN connection.

    Call it in the thread that will use it (SQLCipher connections belong to their thread).
    """
    db = Database.open(s.workspace.db_path, [s.data_key])
    return Session(s.workspace, db, s.vault, s.user, s.data_key)


def worker_mailbox_factory(s: Session) -> Any:
    """A zero-argument callable for `SyncWorker`: opens a fresh connection in the worker thread."""

    def open_mailbox() -> SessionMailbox:
        return SessionMailbox(open_worker_session(s), owns_session=True)

    return open_mailbox
