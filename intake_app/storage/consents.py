"""Consent records: insert, list, withdraw. Never deleted: a withdrawal is a timestamp."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from intake_app import errors
from intake_app.domain.consent import (
    Agreement,
    AgreementKind,
    Category,
    Consent,
    GivenBy,
    Method,
    Purpose,
)
from intake_app.storage.database import Cursor, Database

_COLUMNS = (
    "id, case_id, purpose, recipient_id, categories_json, wording, language, method, interpreter,"
    " given_at, expires_at, withdrawn_at, given_by, guardian, purpose_text"
)


def _consent(r: Any) -> Consent:
    return Consent(
        id=int(r[0]),
        case_id=int(r[1]),
        purpose=Purpose(r[2]),
        recipient_id=str(r[3]),
        categories=frozenset(Category(c) for c in json.loads(r[4])),
        wording=str(r[5]),
        language=str(r[6]),
        method=Method(r[7]),
        interpreter=bool(r[8]),
        given_at=datetime.fromisoformat(r[9]),
        expires_at=datetime.fromisoformat(r[10]),
        withdrawn_at=None if r[11] is None else datetime.fromisoformat(r[11]),
        given_by=GivenBy(r[12]),
        guardian=None if r[13] is None else str(r[13]),
        purpose_text=None if r[14] is None else str(r[14]),
    )


def insert(c: Cursor, consent: Consent, created_by: int | None) -> int:
    cur = c.execute(
        "INSERT INTO consents (uid, case_id, purpose, recipient_id, categories_json, wording,"
        " language, method, interpreter, given_at, expires_at, created_by, given_by, guardian,"
        " purpose_text) VALUES (lower(hex(randomblob(16))), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            consent.case_id,
            consent.purpose.value,
            consent.recipient_id,
            json.dumps(sorted(c.value for c in consent.categories)),
            consent.wording,
            consent.language,
            consent.method.value,
            int(consent.interpreter),
            consent.given_at.isoformat(),
            consent.expires_at.isoformat(),
            created_by,
            consent.given_by.value,
            consent.guardian,
            consent.purpose_text,
        ),
    )
    return int(cur.lastrowid)


def refs_of(c: Cursor, consent_ids: Sequence[int]) -> dict[int, int]:
    """What a share cites for each consent: a number from its uid, the same on every laptop of
    the agency and never the same for two consents (a local id would be: 1 on each laptop)."""
    out = {}
    for consent_id in consent_ids:
        row = c.one("SELECT uid FROM consents WHERE id = ?", (consent_id,))
        if row is None:
            raise errors.NotFound(kind="consent", id=consent_id)
        out[consent_id] = int(str(row[0])[:15], 16)  # 60 bits: a JSON and SQLite integer
    return out


def for_case(db: Database, case_id: int) -> list[Consent]:
    rows = db.query(f"SELECT {_COLUMNS} FROM consents WHERE case_id = ? ORDER BY id", (case_id,))
    return [_consent(r) for r in rows]


def get(db: Database | Cursor, consent_id: int) -> Consent:
    sql, args = f"SELECT {_COLUMNS} FROM consents WHERE id = ?", (consent_id,)
    row = db.one(sql, args) if isinstance(db, Cursor) else db.query_one(sql, args)
    if row is None:
        raise errors.NotFound(kind="consent", id=consent_id)
    return _consent(row)


def withdraw(c: Cursor, consent_id: int, at: datetime) -> tuple[int, bool]:
    """(the consent's case, whether this withdrew it: False when it already was)."""
    row = c.one("SELECT case_id, withdrawn_at FROM consents WHERE id = ?", (consent_id,))
    if row is None:
        raise errors.NotFound(kind="consent", id=consent_id)
    if row[1] is None:
        c.execute("UPDATE consents SET withdrawn_at = ? WHERE id = ?", (at.isoformat(), consent_id))
    return int(row[0]), row[1] is None


# --- people the person does not want contacted or told ------------------------------------------
def add_do_not_contact(c: Cursor, case_id: int, name: str, relation: str, at: str,
                       created_by: int | None) -> int:
    cur = c.execute(
        "INSERT INTO do_not_contact (uid, case_id, name, relation, created_at, created_by)"
        " VALUES (lower(hex(randomblob(16))), ?, ?, ?, ?, ?)",
        (case_id, name, relation, at, created_by),
    )
    return int(cur.lastrowid)


def remove_do_not_contact(c: Cursor, case_id: int, entry_id: int) -> bool:
    cur = c.execute("DELETE FROM do_not_contact WHERE id = ? AND case_id = ?", (entry_id, case_id))
    return bool(cur.rowcount)


def do_not_contact(db: Database | Cursor, case_id: int) -> list[tuple[int, str, str]]:
    """(id, name, relation) of each person on the case's list."""
    sql = "SELECT id, name, relation FROM do_not_contact WHERE case_id = ? ORDER BY id"
    rows = db.all(sql, (case_id,)) if isinstance(db, Cursor) else db.query(sql, (case_id,))
    return [(int(r[0]), str(r[1]), str(r[2])) for r in rows]


# --- agencies the person never wants anything shared with ---------------------------------------
def add_never_share(c: Cursor, case_id: int, agency_id: str, at: str,
                    created_by: int | None) -> bool:
    cur = c.execute(
        "INSERT OR IGNORE INTO never_share (case_id, agency_id, created_at, created_by)"
        " VALUES (?, ?, ?, ?)",
        (case_id, agency_id, at, created_by),
    )
    return bool(cur.rowcount)


def remove_never_share(c: Cursor, case_id: int, agency_id: str) -> bool:
    cur = c.execute("DELETE FROM never_share WHERE case_id = ? AND agency_id = ?",
                    (case_id, agency_id))
    return bool(cur.rowcount)


def never_share(db: Database | Cursor, case_id: int) -> frozenset[str]:
    sql = "SELECT agency_id FROM never_share WHERE case_id = ?"
    rows = db.all(sql, (case_id,)) if isinstance(db, Cursor) else db.query(sql, (case_id,))
    return frozenset(str(r[0]) for r in rows)


# --- consent to services and to de-identified reporting ----------------------------------------
def insert_agreement(c: Cursor, a: Agreement, created_by: int | None) -> int:
    cur = c.execute(
        "INSERT INTO case_agreements (uid, case_id, kind, agreed, method, language, given_at,"
        " created_by) VALUES (lower(hex(randomblob(16))), ?, ?, ?, ?, ?, ?, ?)",
        (a.case_id, a.kind.value, int(a.agreed), a.method.value, a.language,
         a.given_at.isoformat(), created_by),
    )
    return int(cur.lastrowid)


def agreements(db: Database, case_id: int) -> list[Agreement]:
    """Every answer of the case, oldest first."""
    rows = db.query(
        "SELECT id, case_id, kind, agreed, method, language, given_at FROM case_agreements"
        # given_at first: an answer from another laptop may arrive after a later one made here.
        " WHERE case_id = ? ORDER BY given_at, id", (case_id,))
    return [Agreement(int(r[0]), int(r[1]), AgreementKind(r[2]), bool(r[3]), Method(r[4]),
                      str(r[5]), datetime.fromisoformat(r[6])) for r in rows]
