"""This agency's own keys (the one `agency_self` row) and the partner directory (`partners`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from intake_app import errors
from intake_app.storage.database import Cursor, Database


# --- this agency -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SelfRow:
    agency_id: str
    identity: bytes
    device_id: str | None
    device_key: bytes | None
    device_certificate: bytes | None = None


def get_self(db: Database | Cursor) -> SelfRow | None:
    sql = (
        "SELECT agency_id, identity, device_id, device_key, device_certificate FROM agency_self"
        " WHERE id = 1"
    )
    row = db.one(sql) if isinstance(db, Cursor) else db.query_one(sql)
    if row is None:
        return None
    return SelfRow(
        str(row[0]),
        bytes(row[1]),
        None if row[2] is None else str(row[2]),
        None if row[3] is None else bytes(row[3]),
        None if row[4] is None else bytes(row[4]),
    )


def put_self(c: Cursor, agency_id: str, identity: bytes, at: str) -> None:
    """Store (or replace) the private identity; a new agency id forgets the device key."""
    c.execute(
        "INSERT INTO agency_self (id, agency_id, identity, created_at, updated_at)"
        " VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
        " device_id = CASE WHEN agency_self.agency_id = excluded.agency_id"
        "   THEN agency_self.device_id END,"
        " device_key = CASE WHEN agency_self.agency_id = excluded.agency_id"
        "   THEN agency_self.device_key END,"
        " device_certificate = CASE WHEN agency_self.agency_id = excluded.agency_id"
        "   THEN agency_self.device_certificate END,"
        " agency_id = excluded.agency_id, identity = excluded.identity,"
        " updated_at = excluded.updated_at",
        (agency_id, identity, at, at),
    )


def put_device(
    c: Cursor, device_id: str, device_key: bytes, at: str, certificate: bytes | None = None
) -> None:
    """Store this laptop's device key (and its certificate); a new key drops an old certificate."""
    cur = c.execute(
        "UPDATE agency_self SET device_id = ?, device_key = ?, device_certificate = ?,"
        " updated_at = ? WHERE id = 1",
        (device_id, device_key, certificate, at),
    )
    if cur.rowcount != 1:
        raise errors.NotFound(kind="agency identity", id=1)


def put_device_certificate(c: Cursor, certificate: bytes, at: str) -> None:
    cur = c.execute(
        "UPDATE agency_self SET device_certificate = ?, updated_at = ?"
        " WHERE id = 1 AND device_key IS NOT NULL",
        (certificate, at),
    )
    if cur.rowcount != 1:
        raise errors.NotFound(kind="device key", id=1)


# --- partners ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PartnerRow:
    id: int
    agency_id: str
    name: str
    kind: str
    card: bytes
    fingerprint: str
    imported_at: str
    confirmed_at: str | None

    def __repr__(self) -> str:
        return f"PartnerRow(id={self.id}, agency_id={self.agency_id})"


_PARTNER = (
    "SELECT id, agency_id, name, kind, card, fingerprint, imported_at, confirmed_at FROM partners"
)


def _partner(r: Any) -> PartnerRow:
    return PartnerRow(
        int(r[0]),
        str(r[1]),
        str(r[2]),
        str(r[3]),
        bytes(r[4]),
        str(r[5]),
        str(r[6]),
        None if r[7] is None else str(r[7]),
    )


def upsert_partner(
    c: Cursor,
    agency_id: str,
    name: str,
    kind: str,
    card: bytes,
    fingerprint: str,
    user_id: int | None,
    at: str,
) -> int:
    """Insert a partner card, or replace a stored one; new keys void an earlier confirmation."""
    row = c.one("SELECT id, fingerprint FROM partners WHERE agency_id = ?", (agency_id,))
    if row is None:
        cur = c.execute(
            "INSERT INTO partners (agency_id, name, kind, card, fingerprint, imported_at,"
            " imported_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (agency_id, name, kind, card, fingerprint, at, user_id),
        )
        return int(cur.lastrowid)
    same_keys = str(row[1]) == fingerprint
    c.execute(
        "UPDATE partners SET name = ?, kind = ?, card = ?, fingerprint = ?, imported_at = ?,"
        " imported_by = ?, confirmed_at = CASE WHEN ? THEN confirmed_at END,"
        " confirmed_by = CASE WHEN ? THEN confirmed_by END WHERE id = ?",
        (name, kind, card, fingerprint, at, user_id, int(same_keys), int(same_keys), int(row[0])),
    )
    return int(row[0])


def replace_partner_card(c: Cursor, agency_id: str, card: bytes, fingerprint: str, at: str) -> None:
    """A partner's newer card, already proven by the signing key its confirmed card named: its
    confirmation stands (services/agency_rotation.py checks that before calling this)."""
    c.execute(
        "UPDATE partners SET card = ?, fingerprint = ?, imported_at = ? WHERE agency_id = ?",
        (card, fingerprint, at, agency_id),
    )


def confirm_partner(c: Cursor, agency_id: str, user_id: int | None, at: str) -> None:
    cur = c.execute(
        "UPDATE partners SET confirmed_at = coalesce(confirmed_at, ?),"
        " confirmed_by = coalesce(confirmed_by, ?) WHERE agency_id = ?",
        (at, user_id, agency_id),
    )
    if cur.rowcount != 1:
        raise errors.NotFound(kind="partner", id=agency_id)


def get_partner(db: Database | Cursor, agency_id: str) -> PartnerRow | None:
    sql = _PARTNER + " WHERE agency_id = ?"
    row = db.one(sql, (agency_id,)) if isinstance(db, Cursor) else db.query_one(sql, (agency_id,))
    return None if row is None else _partner(row)


def list_partners(db: Database | Cursor) -> list[PartnerRow]:
    sql = _PARTNER + " ORDER BY name, agency_id"
    rows = db.all(sql) if isinstance(db, Cursor) else db.query(sql)
    return [_partner(r) for r in rows]
