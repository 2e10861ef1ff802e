"""Staff users: names live here, inside the encrypted file, never in the key file."""

from __future__ import annotations

from intake_app import errors
from intake_app.domain.case import Role, UserInfo
from intake_app.storage.database import Cursor, Database


def insert(c: Cursor, slot_id: str, username: str, role: Role, at: str) -> int:
    cur = c.execute(
        "INSERT INTO users (slot_id, username, role, created_at) VALUES (?, ?, ?, ?)",
        (slot_id, username, role.value, at),
    )
    return int(cur.lastrowid)


def by_slot(db: Database, slot_id: str) -> UserInfo:
    row = db.query_one(
        "SELECT id, username, role, created_at FROM users WHERE slot_id = ? AND removed_at IS NULL",
        (slot_id,),
    )
    if row is None:
        raise errors.UnknownUser(user="(this passphrase's user)")
    return UserInfo(int(row[0]), str(row[1]), Role(row[2]), str(row[3]))


def by_name(db: Database, username: str) -> UserInfo:
    row = db.query_one(
        "SELECT id, username, role, created_at FROM users WHERE username = ? AND removed_at IS NULL",
        (username,),
    )
    if row is None:
        raise errors.UnknownUser(user=username)
    return UserInfo(int(row[0]), str(row[1]), Role(row[2]), str(row[3]))


def active(db: Database) -> list[UserInfo]:
    rows = db.query(
        "SELECT id, username, role, created_at FROM users WHERE removed_at IS NULL ORDER BY username"
    )
    return [UserInfo(int(r[0]), str(r[1]), Role(r[2]), str(r[3])) for r in rows]


def mark_removed(c: Cursor, user_id: int, at: str) -> None:
    # A removed user's record stays (audit entries keep their author) under a name that frees
    # the original for someone added later; the slot is gone.
    c.execute(
        "UPDATE users SET removed_at = ?, slot_id = slot_id || ':removed:' || id,"
        " username = username || ' #removed-' || id WHERE id = ?",
        (at, user_id),
    )


def set_slot(c: Cursor, user_id: int, slot_id: str) -> None:
    c.execute("UPDATE users SET slot_id = ? WHERE id = ?", (slot_id, user_id))


def slot_of(db: Database | Cursor, user_id: int) -> str:
    sql, args = "SELECT slot_id FROM users WHERE id = ?", (user_id,)
    row = db.query_one(sql, args) if isinstance(db, Database) else db.one(sql, args)
    if row is None:
        raise errors.UnknownUser(user=str(user_id))
    return str(row[0])
