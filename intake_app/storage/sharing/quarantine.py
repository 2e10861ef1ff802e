"""Seen envelope ids (replay and duplicate check) and the quarantine of refused envelopes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from intake_app.storage.database import Cursor, Database


def seen_hash(c: Cursor, envelope_id: str) -> bytes | None:
    row = c.one("SELECT body_sha256 FROM seen_envelopes WHERE envelope_id = ?", (envelope_id,))
    return None if row is None else bytes(row[0])


def mark_seen(c: Cursor, envelope_id: str, body_sha256: bytes, expires: int, at: str) -> None:
    c.execute(
        "INSERT INTO seen_envelopes (envelope_id, body_sha256, expires, seen_at) VALUES (?, ?, ?, ?)",
        (envelope_id, body_sha256, expires, at),
    )


def forget_seen_before(c: Cursor, cutoff: int) -> int:
    """Drop seen ids whose envelopes expired before `cutoff` (expiry refuses those anyway)."""
    return int(c.execute("DELETE FROM seen_envelopes WHERE expires < ?", (cutoff,)).rowcount)


def quarantine(
    c: Cursor,
    envelope_id: str | None,
    sender_id: str | None,
    reason: str,
    source: str,
    size: int,
    body_sha256: bytes,
    body: bytes | None,
    at: str,
) -> bool:
    """Keep a refused envelope with its reason; False when the same bytes were already kept."""
    cur = c.execute(
        "INSERT OR IGNORE INTO quarantine (envelope_id, sender_id, reason, source, size,"
        " body_sha256, body, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (envelope_id, sender_id, reason, source, size, body_sha256, body, at),
    )
    return int(cur.rowcount) == 1


def quarantined_bodies(db: Database, reasons: Sequence[str]) -> list[tuple[int, str, bytes]]:
    """(id, source, raw bytes) of kept quarantined envelopes with one of `reasons`, oldest first."""
    if not reasons:
        return []
    marks = ", ".join("?" for _ in reasons)
    return [
        (int(r[0]), str(r[1]), bytes(r[2]))
        for r in db.query(
            f"SELECT id, source, body FROM quarantine WHERE reason IN ({marks})"
            " AND body IS NOT NULL ORDER BY id",
            tuple(reasons),
        )
    ]


def delete_quarantined(c: Cursor, quarantine_id: int) -> bool:
    return int(c.execute("DELETE FROM quarantine WHERE id = ?", (quarantine_id,)).rowcount) == 1


@dataclass(frozen=True, slots=True)
class QuarantineRow:
    id: int
    envelope_id: str | None
    sender_id: str | None
    reason: str
    source: str
    size: int
    received_at: str


def quarantined(db: Database) -> list[QuarantineRow]:
    return [
        QuarantineRow(
            int(r[0]),
            None if r[1] is None else str(r[1]),
            None if r[2] is None else str(r[2]),
            str(r[3]),
            str(r[4]),
            int(r[5]),
            str(r[6]),
        )
        for r in db.query(
            "SELECT id, envelope_id, sender_id, reason, source, size, received_at FROM quarantine"
            " ORDER BY id"
        )
    ]
