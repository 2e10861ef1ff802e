"""Files partners sent (V_PARTNER_ATTACHMENTS): a row per file, its pieces as they arrive, the
consents it came under. Bytes stay in this encrypted database; nothing is written elsewhere."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from intake_app import errors
from intake_app.domain.attachments import FileKind
from intake_app.domain.consent import Category
from intake_app.storage.database import Cursor, Database


@dataclass(frozen=True, slots=True)
class PartnerFile:
    """One file a partner sent, without its bytes (no label travels: only its kind)."""

    id: int
    sender_id: str
    share_ref: str
    ref: str
    kind: FileKind
    category: Category
    size: int
    sha256: str
    count: int
    expires_at: str
    received_at: str
    completed_at: str | None

    def __repr__(self) -> str:
        return f"PartnerFile(id={self.id}, kind={self.kind.value}, size={self.size})"


_COLUMNS = ("id, sender_id, share_ref, ref, kind, category, size, sha256, count, expires_at,"
            " received_at, completed_at")


def _file(r: Any) -> PartnerFile:
    return PartnerFile(int(r[0]), str(r[1]), str(r[2]), str(r[3]), FileKind(r[4]),
                       Category(r[5]), int(r[6]), str(r[7]), int(r[8]), str(r[9]), str(r[10]),
                       None if r[11] is None else str(r[11]))


def find(c: Cursor, sender_id: str, share_ref: str, ref: str) -> PartnerFile | None:
    row = c.one(f"SELECT {_COLUMNS} FROM partner_attachments"
                " WHERE sender_id = ? AND share_ref = ? AND ref = ?", (sender_id, share_ref, ref))
    return None if row is None else _file(row)


def insert(c: Cursor, sender_id: str, share_ref: str, ref: str, kind: FileKind,
           category: Category, size: int, sha256: str, count: int, expires_at: str,
           consent_refs: Sequence[int], at: str) -> int:
    cur = c.execute(
        "INSERT INTO partner_attachments (sender_id, share_ref, ref, kind, category, size, sha256,"
        " count, expires_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (sender_id, share_ref, ref, kind.value, category.value, size, sha256, count, expires_at,
         at))
    file_id = int(cur.lastrowid)
    add_consents(c, file_id, consent_refs)
    return file_id


def add_consents(c: Cursor, file_id: int, consent_refs: Sequence[int]) -> None:
    c.executemany("INSERT OR IGNORE INTO partner_attachment_consents (attachment_id, consent_ref)"
                  " VALUES (?, ?)", [(file_id, r) for r in consent_refs])


def add_piece(c: Cursor, file_id: int, seq: int, data: bytes) -> None:
    """A piece already held is kept as it was (a repeat changes nothing)."""
    c.execute("INSERT OR IGNORE INTO partner_attachment_pieces (attachment_id, seq, data)"
              " VALUES (?, ?, ?)", (file_id, seq, data))


def piece_count(c: Cursor, file_id: int) -> int:
    row = c.one("SELECT count(*) FROM partner_attachment_pieces WHERE attachment_id = ?",
                (file_id,))
    return 0 if row is None else int(row[0])


def pieces(db: Database | Cursor, file_id: int) -> Iterator[bytes]:
    """The pieces in order, one at a time (a whole file is never read in one query)."""
    seq = 0
    sql = "SELECT data FROM partner_attachment_pieces WHERE attachment_id = ? AND seq = ?"
    while True:
        row = db.one(sql, (file_id, seq)) if isinstance(db, Cursor) else db.query_one(
            sql, (file_id, seq))
        if row is None:
            return
        yield bytes(row[0])
        seq += 1


def mark_complete(c: Cursor, file_id: int, at: str) -> None:
    c.execute("UPDATE partner_attachments SET completed_at = ? WHERE id = ?", (at, file_id))


def complete_for_share(db: Database, sender_id: str, share_ref: str) -> list[PartnerFile]:
    return [_file(r) for r in db.query(
        f"SELECT {_COLUMNS} FROM partner_attachments WHERE sender_id = ? AND share_ref = ?"
        " AND completed_at IS NOT NULL ORDER BY id", (sender_id, share_ref))]


def not_found(file_id: int) -> errors.NotFound:
    return errors.NotFound(kind="partner attachment", id=file_id)


def discard(c: Cursor, file_id: int) -> None:
    """A file whose pieces do not make what was signed: it and its pieces go."""
    c.execute("DELETE FROM partner_attachments WHERE id = ?", (file_id,))


def remove_under_consent(c: Cursor, sender_id: str, consent_ref: int) -> int:
    """Every file (complete or not) `sender_id` sent under its consent `consent_ref`: a piece
    that came before its share has no view yet for the view's trigger to take with it."""
    cur = c.execute(
        "DELETE FROM partner_attachments WHERE sender_id = ? AND id IN (SELECT attachment_id"
        " FROM partner_attachment_consents WHERE consent_ref = ?)", (sender_id, consent_ref))
    return int(cur.rowcount or 0)


def remove_expired(c: Cursor, now: str) -> int:
    """Every file whose first consent ended at or before `now` (compared as instants)."""
    cur = c.execute("DELETE FROM partner_attachments WHERE julianday(expires_at) <= julianday(?)",
                    (now,))
    return int(cur.rowcount or 0)
