"""Agency keys by role (migration 9): the signing key's sealed copies, one per key-file slot that
may open it (`agency_signing_copies`; sealing and opening are services/agency_keys.py's), the
HPKE keys a rotation retired (`agency_retired_keys`), and the laptops this administrator's
laptop certified (`agency_devices`, which a rotation reaches)."""

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


# --- keys retired by a rotation, and the laptops a rotation reaches ----------------------------
def retire(c: Cursor, serial: int, hpke_private: bytes, card: bytes, retired_at: int) -> None:
    c.execute(
        "INSERT INTO agency_retired_keys (serial, hpke_private, card, retired_at)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (serial) DO NOTHING",
        (serial, hpke_private, card, retired_at),
    )


def retired_cards(db: Database | Cursor) -> list[bytes]:
    sql = "SELECT card FROM agency_retired_keys ORDER BY serial DESC"
    rows = db.all(sql) if isinstance(db, Cursor) else db.query(sql)
    return [bytes(r[0]) for r in rows]


def retired(db: Database | Cursor) -> list[tuple[bytes, int]]:
    """(ML-KEM seed || X25519 private key, retired at) of every retired key, newest first."""
    sql = "SELECT hpke_private, retired_at FROM agency_retired_keys ORDER BY serial DESC"
    rows = db.all(sql) if isinstance(db, Cursor) else db.query(sql)
    return [(bytes(r[0]), int(r[1])) for r in rows]


def add_device(c: Cursor, device_id: str, certificate: bytes, at: str) -> None:
    c.execute(
        "INSERT INTO agency_devices (device_id, certificate, certified_at) VALUES (?, ?, ?)"
        " ON CONFLICT (device_id) DO UPDATE SET certificate = excluded.certificate",
        (device_id, certificate, at),
    )


def revoke_device(c: Cursor, device_id: str, at: str) -> None:
    c.execute(
        "INSERT INTO agency_devices (device_id, certificate, certified_at, revoked_at)"
        " VALUES (?, x'', ?, ?) ON CONFLICT (device_id) DO UPDATE SET"
        " revoked_at = coalesce(agency_devices.revoked_at, excluded.revoked_at)",
        (device_id, at, at),
    )


def active_devices(db: Database | Cursor) -> list[bytes]:
    """Certificates of the laptops certified here and not revoked."""
    sql = "SELECT certificate FROM agency_devices WHERE revoked_at IS NULL ORDER BY device_id"
    rows = db.all(sql) if isinstance(db, Cursor) else db.query(sql)
    return [bytes(r[0]) for r in rows]
