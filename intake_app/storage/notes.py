"""Free-text notes on a case (searchable inside the encrypted file)."""

from __future__ import annotations

from intake_app import errors
from intake_app.domain.case import Note
from intake_app.storage.database import Cursor, Database


def insert(c: Cursor, case_id: int, body: str, author: int | None, at: str) -> int:
    cur = c.execute(
        "INSERT INTO notes (uid, case_id, body, created_at, created_by)"
        " VALUES (lower(hex(randomblob(16))), ?, ?, ?, ?)",
        (case_id, body, at, author),
    )
    return int(cur.lastrowid)


def update(c: Cursor, note_id: int, body: str) -> int:
    row = c.one("SELECT case_id FROM notes WHERE id = ?", (note_id,))
    if row is None:
        raise errors.NotFound(kind="note", id=note_id)
    c.execute("UPDATE notes SET body = ? WHERE id = ?", (body, note_id))
    return int(row[0])


def delete(c: Cursor, note_id: int) -> int:
    row = c.one("SELECT case_id FROM notes WHERE id = ?", (note_id,))
    if row is None:
        raise errors.NotFound(kind="note", id=note_id)
    c.execute("DELETE FROM notes WHERE id = ?", (note_id,))
    return int(row[0])


def for_case(db: Database, case_id: int) -> list[Note]:
    rows = db.query(
        "SELECT n.id, n.case_id, n.body, n.created_at, u.username FROM notes n"
        " LEFT JOIN users u ON u.id = n.created_by WHERE n.case_id = ? ORDER BY n.id",
        (case_id,),
    )
    return [Note(int(r[0]), int(r[1]), str(r[2]), str(r[3]), r[4]) for r in rows]
