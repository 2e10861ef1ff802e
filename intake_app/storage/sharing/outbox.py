"""The outbox: sealed envelopes waiting for (or past) delivery, oldest first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from intake_app.storage.database import Cursor, Database


@dataclass(frozen=True, slots=True)
class OutboxRow:
    id: int
    envelope_id: str
    recipient_id: str
    kind: str
    expires: int
    body: bytes
    status: str
    attempts: int
    last_error: str | None

    def __repr__(self) -> str:
        return f"OutboxRow(id={self.id}, envelope_id={self.envelope_id}, status={self.status})"


_OUTBOX = (
    "SELECT id, envelope_id, recipient_id, kind, expires, body, status, attempts, last_error"
    " FROM outbox"
)


def _outbox(r: Any) -> OutboxRow:
    return OutboxRow(
        int(r[0]),
        str(r[1]),
        str(r[2]),
        str(r[3]),
        int(r[4]),
        bytes(r[5]),
        str(r[6]),
        int(r[7]),
        None if r[8] is None else str(r[8]),
    )


def enqueue(
    c: Cursor, envelope_id: str, recipient_id: str, kind: str, expires: int, body: bytes, at: str
) -> int:
    cur = c.execute(
        "INSERT INTO outbox (envelope_id, recipient_id, kind, expires, body, queued_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (envelope_id, recipient_id, kind, expires, body, at),
    )
    return int(cur.lastrowid)


def pending(db: Database, limit: int = 500) -> list[OutboxRow]:
    """Pending envelopes, oldest first (the order they were queued)."""
    return [
        _outbox(r)
        for r in db.query(_OUTBOX + " WHERE status = 'pending' ORDER BY id LIMIT ?", (limit,))
    ]


def outbox_all(db: Database) -> list[OutboxRow]:
    return [_outbox(r) for r in db.query(_OUTBOX + " ORDER BY id")]


def count_by_status(db: Database) -> dict[str, int]:
    """How many envelopes are pending, delivered and failed (no body is read)."""
    return {str(r[0]): int(r[1]) for r in db.query(
        "SELECT status, count(*) FROM outbox GROUP BY status")}


def count_pending(db: Database) -> int:
    row = db.query_one("SELECT count(*) FROM outbox WHERE status = 'pending'")
    return int(row[0]) if row else 0


def mark_delivered(c: Cursor, envelope_ids: Sequence[str], at: str) -> int:
    """Mark envelopes delivered (idempotent); returns how many changed state."""
    changed = 0
    for eid in envelope_ids:
        cur = c.execute(
            "UPDATE outbox SET status = 'delivered', delivered_at = ?, attempts = attempts + 1,"
            " last_error = NULL WHERE envelope_id = ? AND status = 'pending'",
            (at, eid),
        )
        changed += int(cur.rowcount)
    return changed


def mark_attempt(c: Cursor, envelope_id: str, reason: str, *, failed: bool) -> None:
    """Record a failed attempt by reason code; `failed` ends retries for this envelope."""
    c.execute(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?,"
        " status = CASE WHEN ? THEN 'failed' ELSE status END"
        " WHERE envelope_id = ? AND status = 'pending'",
        (reason, int(failed), envelope_id),
    )


# A delivered envelope the partner holds back because it is dated in their future (our clock
# ahead of theirs): `last_error` says so until their notice that it was accepted.
WAITING_PREFIX = "partner_waiting:"


def mark_waiting_at_partner(c: Cursor, envelope_id: str, recipient_id: str, ahead: int) -> bool:
    cur = c.execute(
        "UPDATE outbox SET last_error = ? WHERE envelope_id = ? AND recipient_id = ?"
        " AND status = 'delivered'",
        (f"{WAITING_PREFIX}{int(ahead)}", envelope_id, recipient_id),
    )
    return bool(cur.rowcount)


def clear_waiting_at_partner(c: Cursor, envelope_id: str, recipient_id: str) -> bool:
    cur = c.execute(
        "UPDATE outbox SET last_error = NULL WHERE envelope_id = ? AND recipient_id = ?"
        " AND status = 'delivered' AND last_error LIKE ?",
        (envelope_id, recipient_id, WAITING_PREFIX + "%"),
    )
    return bool(cur.rowcount)


def waiting_at_partners(db: Database) -> tuple[int, int]:
    """How many delivered envelopes partners hold back for our clock, and the most seconds
    ahead any of them found us."""
    rows = db.query(
        "SELECT last_error FROM outbox WHERE status = 'delivered' AND last_error LIKE ?",
        (WAITING_PREFIX + "%",),
    )
    aheads = [int(str(r[0])[len(WAITING_PREFIX):] or 0) for r in rows]
    return len(aheads), max(aheads, default=0)
