"""The audit chain: append-only, each entry holding the hash of the one before.

Entries hold ids and action names, never field values.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from intake_app import errors
from intake_app.storage.database import Cursor, Database

GENESIS = b"\x00" * 32


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: str
    actor: int | None
    action: str
    object_kind: str | None
    object_id: str | None
    detail: str | None


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _digest(prev: bytes, e: AuditEntry) -> bytes:
    canonical = json.dumps(
        [e.seq, e.at, e.actor, e.action, e.object_kind, e.object_id, e.detail],
        separators=(",", ":"),
        ensure_ascii=True,
    ).encode()
    return hashlib.sha256(prev + canonical).digest()


def append(
    c: Cursor,
    actor: int | None,
    action: str,
    object_kind: str | None = None,
    object_id: object = None,
    detail: str | None = None,
    at: str | None = None,
) -> int:
    """Append one entry inside the caller's transaction; returns its sequence number."""
    last = c.one("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")
    seq, prev = (1, GENESIS) if last is None else (int(last[0]) + 1, bytes(last[1]))
    entry = AuditEntry(
        seq,
        at or now_iso(),
        actor,
        action,
        object_kind,
        None if object_id is None else str(object_id),
        detail,
    )
    c.execute(
        "INSERT INTO audit (seq, at, actor, action, object_kind, object_id, detail, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            entry.seq,
            entry.at,
            entry.actor,
            entry.action,
            entry.object_kind,
            entry.object_id,
            entry.detail,
            prev,
            _digest(prev, entry),
        ),
    )
    return seq


def verify(db: Database) -> int:
    """Walk the whole chain; return the number of entries or raise AuditBroken naming the first bad one."""
    prev = GENESIS
    expected_seq = 1
    count = 0
    for row in db.query(
        "SELECT seq, at, actor, action, object_kind, object_id, detail, prev_hash, hash"
        " FROM audit ORDER BY seq"
    ):
        entry = AuditEntry(*row[:7])
        if entry.seq != expected_seq:
            raise errors.AuditBroken(seq=expected_seq, reason="entry missing")
        if bytes(row[7]) != prev:
            raise errors.AuditBroken(seq=entry.seq, reason="does not follow the entry before it")
        digest = _digest(prev, entry)
        if bytes(row[8]) != digest:
            raise errors.AuditBroken(seq=entry.seq, reason="its content was changed")
        prev = digest
        expected_seq += 1
        count += 1
    return count


def entries_for(
    db: Database, object_kind: str, object_id: object, limit: int = 200
) -> list[AuditEntry]:
    rows = db.query(
        "SELECT seq, at, actor, action, object_kind, object_id, detail FROM audit"
        " WHERE object_kind = ? AND object_id = ? ORDER BY seq DESC LIMIT ?",
        (object_kind, str(object_id), limit),
    )
    return [AuditEntry(*r) for r in rows]


def last_seq(db: Database | Cursor, action: str) -> int:
    """The sequence number of the latest entry with `action` (0 if there is none)."""
    if isinstance(db, Database):
        row = db.query_one("SELECT max(seq) FROM audit WHERE action = ?", (action,))
    else:
        row = db.one("SELECT max(seq) FROM audit WHERE action = ?", (action,))
    return int(row[0]) if row is not None and row[0] is not None else 0
