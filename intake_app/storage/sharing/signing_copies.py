"""The agency signing key's sealed copies, one per key-file slot that may open it
(`agency_signing_copies`, migration 9). Sealing and opening are services/agency_keys.py's."""

from __future__ import annotations

from dataclasses import dataclass

from intake_app.storage.database import Cursor, Database


@dataclass(frozen=True, slots=True)
class SigningCopy:
    slot_id: str
    slot_public: bytes
    sealed: bytes


def all_copies(db: Database | Cursor) -> dict[str, SigningCopy]:
    sql = "SELECT slot_id, slot_public, sealed FROM agency_signing_copies"
    rows = db.all(sql) if isinstance(db, Cursor) else db.query(sql)
    return {str(r[0]): SigningCopy(str(r[0]), bytes(r[1]), bytes(r[2])) for r in rows}


def put(c: Cursor, slot_id: str, slot_public: bytes, sealed: bytes, at: str) -> None:
    c.execute(
        "INSERT INTO agency_signing_copies (slot_id, slot_public, sealed, created_at)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (slot_id) DO UPDATE SET"
        " slot_public = excluded.slot_public, sealed = excluded.sealed,"
        " created_at = excluded.created_at",
        (slot_id, slot_public, sealed, at),
    )


def delete(c: Cursor, slot_id: str) -> None:
    c.execute("DELETE FROM agency_signing_copies WHERE slot_id = ?", (slot_id,))


def delete_all(c: Cursor) -> None:
    c.execute("DELETE FROM agency_signing_copies")
