"""Report aggregates partners sent this agency as task-force coordinator (V_AGGREGATES).

One row per sender, report kind and period: the latest the sender made (by its own signed
`made_at`, so a folder drop read out of order never puts an older report back). The body is the
canonical wire form the service re-wrote after validating it, not the bytes as received.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from intake_app.storage.database import Cursor, Database


@dataclass(frozen=True, slots=True)
class AggregateRow:
    sender_id: str
    kind: str
    period_start: str
    period_end: str
    made_at: str
    envelope_id: str
    body: str
    received_at: str

    def __repr__(self) -> str:  # the body is counts only, but long: never in a log line
        return f"AggregateRow(sender_id={self.sender_id}, kind={self.kind}, made_at={self.made_at})"


_COLUMNS = "sender_id, kind, period_start, period_end, made_at, envelope_id, body, received_at"


def keep_latest(
    c: Cursor, sender_id: str, kind: str, start: date, end: date, made_at: str,
    envelope_id: str, body: str, at: str,
) -> bool:
    """Store this aggregate unless one made later (or at the same instant) is held; returns
    whether it was stored. `made_at` is ISO 8601 UTC with microseconds, so text order is time
    order."""
    held = c.one(
        "SELECT made_at FROM received_aggregates WHERE sender_id = ? AND kind = ?"
        " AND period_start = ? AND period_end = ?",
        (sender_id, kind, start.isoformat(), end.isoformat()),
    )
    if held is not None and str(held[0]) >= made_at:
        return False
    c.execute(
        f"INSERT INTO received_aggregates ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (sender_id, kind, period_start, period_end) DO UPDATE SET"
        " made_at = excluded.made_at, envelope_id = excluded.envelope_id,"
        " body = excluded.body, received_at = excluded.received_at",
        (sender_id, kind, start.isoformat(), end.isoformat(), made_at, envelope_id, body, at),
    )
    return True


def for_period(db: Database | Cursor, start: date, end: date) -> list[AggregateRow]:
    """Every aggregate held for exactly this period, by sender then kind."""
    sql = (f"SELECT {_COLUMNS} FROM received_aggregates WHERE period_start = ? AND period_end = ?"
           " ORDER BY sender_id, kind")
    args = (start.isoformat(), end.isoformat())
    rows = db.all(sql, args) if isinstance(db, Cursor) else db.query(sql, args)
    return [AggregateRow(*(str(v) for v in r)) for r in rows]
