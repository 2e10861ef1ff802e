"""Attachments (V_ATTACHMENTS): a row per file, its bytes in chunks of the same encrypted
database; nothing is ever written outside it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from intake_app import errors
from intake_app.domain.attachments import AttachmentInfo, FileKind
from intake_app.domain.consent import Category
from intake_app.storage.database import Cursor, Database

_COLUMNS = "id, case_id, label, kind, category, size, sha256, created_at"


def _info(r: Any) -> AttachmentInfo:
    return AttachmentInfo(int(r[0]), int(r[1]), str(r[2]), FileKind(r[3]), Category(r[4]),
                          int(r[5]), str(r[6]), str(r[7]))


def insert(c: Cursor, case_id: int, label: str, kind: FileKind, category: Category,
           chunks: Iterable[bytes], size: int, at: str, created_by: int | None,
           consent_id: int | None = None) -> int:
    """The row and its chunks; its SHA-256 follows (`set_digest`) once `chunks` is read."""
    cur = c.execute(
        "INSERT INTO attachments (uid, case_id, label, kind, category, size, sha256, created_at,"
        " created_by, consent_id) VALUES (lower(hex(randomblob(16))), ?, ?, ?, ?, ?, '', ?, ?, ?)",
        (case_id, label, kind.value, category.value, size, at, created_by, consent_id))
    attachment_id = int(cur.lastrowid)
    c.executemany("INSERT INTO attachment_chunks (attachment_id, seq, data) VALUES (?, ?, ?)",
                  ((attachment_id, seq, data) for seq, data in enumerate(chunks)))
    return attachment_id


def set_digest(c: Cursor, attachment_id: int, sha256: str, size: int) -> None:
    """What was read: a file still being written may have grown since it was first looked at."""
    c.execute("UPDATE attachments SET sha256 = ?, size = ? WHERE id = ?",
              (sha256, size, attachment_id))


def is_signature(c: Cursor, attachment_id: int) -> bool:
    row = c.one("SELECT consent_id FROM attachments WHERE id = ?", (attachment_id,))
    return row is not None and row[0] is not None


def signature_of(db: Database, consent_id: int) -> int | None:
    """The attachment holding a consent's on-screen signature, if it has one."""
    row = db.query_one("SELECT id FROM attachments WHERE consent_id = ?", (consent_id,))
    return None if row is None else int(row[0])


def for_case(db: Database, case_id: int) -> list[AttachmentInfo]:
    return [_info(r) for r in db.query(
        f"SELECT {_COLUMNS} FROM attachments WHERE case_id = ? ORDER BY id", (case_id,))]


def get(db: Database | Cursor, attachment_id: int) -> AttachmentInfo:
    sql, args = f"SELECT {_COLUMNS} FROM attachments WHERE id = ?", (attachment_id,)
    row = db.one(sql, args) if isinstance(db, Cursor) else db.query_one(sql, args)
    if row is None:
        raise errors.NotFound(kind="attachment", id=attachment_id)
    return _info(row)


def shareable_for_case(c: Cursor, case_id: int) -> list[tuple[AttachmentInfo, str]]:
    """The case's files that may leave under a consent, each with its uid (what a partner
    knows it by). A consent's on-screen signature never leaves: it is the person's own mark,
    kept here as proof of that consent, not case information."""
    return [(_info(r), str(r[8])) for r in c.all(
        f"SELECT {_COLUMNS}, uid FROM attachments WHERE case_id = ? AND consent_id IS NULL"
        " ORDER BY id", (case_id,))]


def chunks(db: Database | Cursor, attachment_id: int) -> Iterator[bytes]:
    """The file's bytes, a chunk at a time, in order."""
    seq = 0
    sql = "SELECT data FROM attachment_chunks WHERE attachment_id = ? AND seq = ?"
    while True:
        args = (attachment_id, seq)
        row = db.one(sql, args) if isinstance(db, Cursor) else db.query_one(sql, args)
        if row is None:
            return
        yield bytes(row[0])
        seq += 1


def delete(c: Cursor, attachment_id: int) -> int:
    """Delete one attachment and its bytes (secure_delete zeroes the pages); its case id."""
    info = get(c, attachment_id)
    c.execute("DELETE FROM attachments WHERE id = ?", (attachment_id,))
    return info.case_id
