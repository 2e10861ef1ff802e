"""Cases and their identity fields, and full-text search over code, preferred name and notes."""

from __future__ import annotations

import re
from typing import Any

from intake_app import errors
from intake_app.domain.case import IDENTIFYING_FIELDS, CaseStatus, CaseSummary, Identity
from intake_app.storage.database import Cursor, Database

_SUMMARY = (
    "SELECT c.id, c.code, c.status, c.preferred_name, c.updated_at, c.created_at,"
    " (SELECT count(*) FROM interviews i WHERE i.case_id = c.id), c.is_demo, c.legal_hold"
    " FROM cases c"
)


def _summary(row: Any) -> CaseSummary:
    return CaseSummary(
        id=int(row[0]),
        code=str(row[1]),
        status=CaseStatus(row[2]),
        preferred_name=row[3],
        updated_at=str(row[4]),
        created_at=str(row[5]),
        interview_count=int(row[6]),
        is_demo=bool(row[7]),
        legal_hold=bool(row[8]),
    )


def insert(
    c: Cursor,
    code: str,
    preferred_name: str | None,
    language: str | None,
    created_by: int | None,
    at: str,
    is_demo: bool = False,
) -> int:
    cur = c.execute(
        "INSERT INTO cases (uid, code, preferred_name, language, is_demo, created_at, updated_at,"
        " created_by) VALUES (lower(hex(randomblob(16))), ?, ?, ?, ?, ?, ?, ?)",
        (code, preferred_name or None, language, int(is_demo), at, at, created_by),
    )
    return int(cur.lastrowid)


def code_exists(c: Cursor, code: str) -> bool:
    return c.one("SELECT 1 FROM cases WHERE code = ?", (code,)) is not None


def get(db: Database, case_id: int) -> CaseSummary:
    row = db.query_one(_SUMMARY + " WHERE c.id = ?", (case_id,))
    if row is None:
        raise errors.NotFound(kind="case", id=case_id)
    return _summary(row)


def get_by_code(db: Database, code: str) -> CaseSummary:
    row = db.query_one(_SUMMARY + " WHERE c.code = ?", (code,))
    if row is None:
        raise errors.NotFound(kind="case", id=code)
    return _summary(row)


def touch(c: Cursor, case_id: int, at: str) -> None:
    if c.execute("UPDATE cases SET updated_at = ? WHERE id = ?", (at, case_id)).rowcount != 1:
        raise errors.NotFound(kind="case", id=case_id)


def set_status(c: Cursor, case_id: int, status: CaseStatus, at: str) -> None:
    cur = c.execute(
        "UPDATE cases SET status = ?, updated_at = ? WHERE id = ?", (status.value, at, case_id)
    )
    if cur.rowcount != 1:
        raise errors.NotFound(kind="case", id=case_id)


def set_legal_hold(c: Cursor, case_id: int, held: bool, at: str) -> None:
    cur = c.execute("UPDATE cases SET legal_hold = ?, updated_at = ? WHERE id = ?",
                    (int(held), at, case_id))
    if cur.rowcount != 1:
        raise errors.NotFound(kind="case", id=case_id)


def is_held(c: Cursor, case_id: int) -> bool:
    row = c.one("SELECT legal_hold FROM cases WHERE id = ?", (case_id,))
    return row is not None and bool(row[0])


def set_preferred_name(c: Cursor, case_id: int, name: str | None, at: str) -> None:
    cur = c.execute(
        "UPDATE cases SET preferred_name = ?, updated_at = ? WHERE id = ?",
        (name or None, at, case_id),
    )
    if cur.rowcount != 1:
        raise errors.NotFound(kind="case", id=case_id)


def identity(db: Database, case_id: int) -> Identity:
    row = db.query_one(
        "SELECT legal_name, date_of_birth, contact, immigration FROM cases WHERE id = ?", (case_id,)
    )
    if row is None:
        raise errors.NotFound(kind="case", id=case_id)
    return Identity(*row)


def set_identity(c: Cursor, case_id: int, ident: Identity, at: str) -> None:
    cur = c.execute(
        "UPDATE cases SET legal_name = ?, date_of_birth = ?, contact = ?, immigration = ?,"
        " updated_at = ? WHERE id = ?",
        (
            ident.legal_name or None,
            ident.date_of_birth or None,
            ident.contact or None,
            ident.immigration or None,
            at,
            case_id,
        ),
    )
    if cur.rowcount != 1:
        raise errors.NotFound(kind="case", id=case_id)


# The case fields an interview answer may fill (protocol "fills"): column names, never input.
FILLABLE: frozenset[str] = frozenset({"preferred_name", *IDENTIFYING_FIELDS})


def field_value(c: Cursor, case_id: int, field: str) -> str | None:
    if field not in FILLABLE:
        raise ValueError(f"not a case field an answer fills: {field}")
    row = c.one(f"SELECT {field} FROM cases WHERE id = ?", (case_id,))
    if row is None:
        raise errors.NotFound(kind="case", id=case_id)
    return None if row[0] is None else str(row[0])


def language(db: Database, case_id: int) -> str | None:
    """The language the person said they speak, as typed (free text), or None."""
    row = db.query_one("SELECT language FROM cases WHERE id = ?", (case_id,))
    if row is None:
        raise errors.NotFound(kind="case", id=case_id)
    return None if row[0] is None else str(row[0])


def set_field(c: Cursor, case_id: int, field: str, value: str | None, at: str) -> None:
    """Set one fillable field (search follows the preferred name through its trigger)."""
    if field not in FILLABLE:
        raise ValueError(f"not a case field an answer fills: {field}")
    cur = c.execute(f"UPDATE cases SET {field} = ?, updated_at = ? WHERE id = ?",
                    (value or None, at, case_id))
    if cur.rowcount != 1:
        raise errors.NotFound(kind="case", id=case_id)


def delete(c: Cursor, case_id: int) -> None:
    if c.execute("DELETE FROM cases WHERE id = ?", (case_id,)).rowcount != 1:
        raise errors.NotFound(kind="case", id=case_id)


def compact_search(c: Cursor) -> None:
    """Merge the search index into one segment. FTS5 deletes lazily: a deleted case's words stay
    in the index's older segments until a merge, so every deletion ends with this one."""
    c.execute("INSERT INTO case_search(case_search) VALUES ('optimize')")


def fts_query(text: str) -> str | None:
    """A safe FTS5 query from what a person typed: every word as a prefix, all required."""
    words = re.findall(r"\w+", text, flags=re.UNICODE)
    if not words:
        return None
    return " AND ".join(f'"{w}"*' for w in words[:8])


def search(
    db: Database,
    text: str = "",
    status: CaseStatus | None = None,
    limit: int = 200,
    offset: int = 0,
) -> list[CaseSummary]:
    """Newest activity first; `text` searches code, preferred name and notes.

    With text, the page's ids come from walking the activity index newest first and keeping the
    ones the full-text match holds (INDEXED BY: left to itself, SQLite fetches and sorts every
    hit, 35 ms for a one-letter prefix over 100,000 cases; this way any search costs a few ms,
    a rare word included). The summaries (and their interview counts) are read for that page
    only."""
    where: list[str] = []
    params: list[Any] = []
    query = fts_query(text)
    if query:
        where.append("id IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)")
        params.append(query)
    if status is not None:
        where.append("status = ?")
        params.append(status.value)
    page = "SELECT id FROM cases" + (" INDEXED BY cases_updated" if query else "")
    page += (" WHERE " + " AND ".join(where) if where else "")
    page += " ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?"
    sql = (_SUMMARY + f" JOIN ({page}) page ON page.id = c.id"
           " ORDER BY c.updated_at DESC, c.id DESC")
    return [_summary(r) for r in db.query(sql, (*params, limit, offset))]


def count(db: Database) -> int:
    row = db.query_one("SELECT count(*) FROM cases")
    return int(row[0]) if row else 0
