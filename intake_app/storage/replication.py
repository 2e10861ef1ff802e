"""The op log of team replication (table `ops`) and what it materialises into `cases` and `notes`.

Every op is kept for good (a field's history). `materialise_case` rewrites one case's row and
notes from the states of its ops (domain/replication.py), so applying a batch in any order, any
number of times, leaves the same rows; fields with several heads are listed in
`field_conflicts` until a person settles them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from intake_app import errors
from intake_app.domain.case import CaseStatus
from intake_app.domain.replicated_rows import CONSENT_FIELDS, INTERVIEW_FIELDS, valid_field
from intake_app.domain.replication import FieldState, Hlc, Op, states
from intake_app.storage.database import Cursor, Database
from intake_app.storage.replication_rows import materialise_rows

# What replicates, by entity: the columns an op may name (never anything else).
CASE_FIELDS: tuple[str, ...] = (
    "code", "created_at", "status", "preferred_name", "legal_name", "date_of_birth", "contact",
    "immigration", "language", "legal_hold", "deleted",
)
NOTE_FIELDS: tuple[str, ...] = ("body", "created_at", "deleted")
FIELDS_OF = {"case": frozenset(CASE_FIELDS), "note": frozenset(NOTE_FIELDS),
             "interview": frozenset(INTERVIEW_FIELDS), "consent": frozenset(CONSENT_FIELDS)}
ENTITIES = frozenset({*FIELDS_OF, "answer", "never_share", "facts", "row"})
# Fields merged by a rule, never shown as "two versions": who holds an interview's sitting
# (the newest), its status, a consent's withdrawal (the earliest), the never-share list (listed
# wins: storage/replication_rows.py), a case's legal hold (held wins: a hold put on while
# apart is never lifted by a colleague who had not seen it).
_NOT_LISTED = frozenset({("interview", "held_by"), ("interview", "status"),
                         ("interview", "ended_at"), ("consent", "withdrawn_at"),
                         ("consent", "record"), ("case", "legal_hold")})


# Entities whose fields a person settles; reportable facts take the newest (both stay in the
# history), rows only ever added cannot have two versions, the never-share list is merged.
_LISTED = frozenset({"case", "note", "interview", "answer", "consent"})
_ROW_TABLE = {"service": "case_services", "referral": "case_referrals",
              "agreement": "case_agreements", "do_not_contact": "do_not_contact"}


def row_uid(c: Cursor, kind: str, row_id: int) -> str:
    """The uid of a service, referral, agreement or do-not-contact row."""
    row = c.one(f"SELECT uid FROM {_ROW_TABLE[kind]} WHERE id = ?", (row_id,))
    if row is None:
        raise errors.NotFound(kind=kind, id=row_id)
    return str(row[0])


def may_name(entity: str, field: str) -> bool:
    """Whether an op may name this entity's field (nothing else ever reaches the database)."""
    if entity in ("case", "note"):
        return field in FIELDS_OF[entity]
    return entity in ENTITIES and valid_field(entity, field)

_OP = ("SELECT op_id, hlc, entity, entity_uid, field, value, parents, author, case_uid"
       " FROM ops")


def _op(r: Any) -> Op:
    return Op(str(r[0]), Hlc.parse(str(r[1])), str(r[2]), str(r[3]), str(r[4]),
              None if r[5] is None else str(r[5]), frozenset(json.loads(r[6])), str(r[7]),
              str(r[8]))


def insert(c: Cursor, op: Op, at: str, *, local: bool) -> bool:
    """Keep `op` (False: already known). Local ops wait to be sent; received ones do not."""
    cur = c.execute(
        # ON CONFLICT, not OR IGNORE: that would also skip a failed CHECK without a word.
        "INSERT INTO ops (op_id, hlc, entity, entity_uid, field, value, parents,"
        " author, case_uid, received_at, sent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (op_id) DO NOTHING",
        (op.op_id, op.hlc.text(), op.entity, op.entity_uid, op.field, op.value,
         json.dumps(sorted(op.parents)), op.author, op.case_uid, at, 0 if local else 1),
    )
    return int(cur.rowcount) == 1


def field_ops(c: Cursor, entity: str, uid: str, field: str) -> list[Op]:
    return [_op(r) for r in c.all(_OP + " WHERE entity = ? AND entity_uid = ? AND field = ?",
                                   (entity, uid, field))]


def case_ops(db: Database | Cursor, case_uid: str) -> list[Op]:
    sql, args = _OP + " WHERE case_uid = ?", (case_uid,)
    rows = db.query(sql, args) if isinstance(db, Database) else db.all(sql, args)
    return [_op(r) for r in rows]


def unsent(db: Database, limit: int) -> list[Op]:
    return [_op(r) for r in db.query(_OP + " WHERE sent = 0 ORDER BY hlc LIMIT ?", (limit,))]


def all_ops(db: Database, after: str = "", limit: int = 10_000) -> list[Op]:
    """Every op, in clock order from `after` (a snapshot for a laptop that joins)."""
    return [_op(r) for r in db.query(_OP + " WHERE hlc > ? ORDER BY hlc LIMIT ?", (after, limit))]


def purge_case(c: Cursor, case_uid: str) -> None:
    """A deleted case keeps nothing but its deletion: no earlier value (a name, a note) stays
    in the log; the tombstone keeps a late or repeated op from bringing the case back."""
    c.execute("DELETE FROM ops WHERE case_uid = ? AND NOT (entity = 'case' AND field = 'deleted')",
              (case_uid,))
    c.execute("DELETE FROM field_conflicts WHERE case_uid = ?", (case_uid,))


def purge_note(c: Cursor, note_uid: str) -> None:
    """A deleted note keeps only its deletion in the log (its text is gone)."""
    c.execute("DELETE FROM ops WHERE entity = 'note' AND entity_uid = ? AND field != 'deleted'",
              (note_uid,))


def resend_all(c: Cursor) -> None:
    """Every op goes out again (a laptop new to this one gets the whole log)."""
    c.execute("UPDATE ops SET sent = 0 WHERE sent = 1")


def mark_sent(c: Cursor, op_ids: Sequence[str]) -> None:
    c.executemany("UPDATE ops SET sent = 1 WHERE op_id = ?", [(i,) for i in op_ids])


def case_uid_of(db: Database | Cursor, case_id: int) -> str:
    sql, args = "SELECT uid FROM cases WHERE id = ?", (case_id,)
    row = db.query_one(sql, args) if isinstance(db, Database) else db.one(sql, args)
    if row is None:
        raise errors.NotFound(kind="case", id=case_id)
    return str(row[0])


def note_uid_of(c: Cursor, note_id: int) -> tuple[str, str]:
    """(note uid, its case's uid)."""
    row = c.one("SELECT n.uid, c.uid FROM notes n JOIN cases c ON c.id = n.case_id"
                " WHERE n.id = ?", (note_id,))
    if row is None:
        raise errors.NotFound(kind="note", id=note_id)
    return str(row[0]), str(row[1])


def interview_uid_of(c: Cursor, interview_id: int) -> tuple[str, int]:
    """(interview uid, its case's id)."""
    row = c.one("SELECT uid, case_id FROM interviews WHERE id = ?", (interview_id,))
    if row is None:
        raise errors.NotFound(kind="interview", id=interview_id)
    return str(row[0]), int(row[1])


def consent_uid_of(c: Cursor, consent_id: int) -> tuple[str, int]:
    """(consent uid, its case's id)."""
    row = c.one("SELECT uid, case_id FROM consents WHERE id = ?", (consent_id,))
    if row is None:
        raise errors.NotFound(kind="consent", id=consent_id)
    return str(row[0]), int(row[1])


def consent_id_of(c: Cursor, uid: str) -> int | None:
    row = c.one("SELECT id FROM consents WHERE uid = ?", (uid,))
    return None if row is None else int(row[0])


def rows_without_ops(c: Cursor) -> tuple[list[int], list[int]]:
    """(interviews, consents) of replicated cases with no op yet: kept before they replicated."""
    interviews = [int(r[0]) for r in c.all(
        "SELECT i.id FROM interviews i JOIN cases k ON k.id = i.case_id WHERE k.is_demo = 0"
        " AND NOT EXISTS (SELECT 1 FROM ops WHERE ops.entity = 'interview'"
        " AND ops.entity_uid = i.uid)")]
    consents = [int(r[0]) for r in c.all(
        "SELECT n.id FROM consents n JOIN cases k ON k.id = n.case_id WHERE k.is_demo = 0"
        " AND NOT EXISTS (SELECT 1 FROM ops WHERE ops.entity = 'consent'"
        " AND ops.entity_uid = n.uid)")]
    return interviews, consents


def never_share_without_ops(c: Cursor) -> list[tuple[int, str]]:
    """(case id, agency id) of never-share entries on replicated cases with no op yet."""
    return [(int(r[0]), str(r[1])) for r in c.all(
        "SELECT n.case_id, n.agency_id FROM never_share n JOIN cases k ON k.id = n.case_id"
        " WHERE k.is_demo = 0 AND NOT EXISTS (SELECT 1 FROM ops WHERE ops.entity = 'never_share'"
        " AND ops.entity_uid = k.uid AND ops.field = n.agency_id)")]


_ROW_COLUMNS = {  # kind -> the table's columns, named as domain/replicated_rows.ROW_KINDS
    "service": "t.given_on, t.category, t.given_by, t.outcome, t.created_at",
    "referral": "t.made_on, t.category, t.made_by, t.sent_to, t.outcome, t.created_at",
    "agreement": "t.kind, t.agreed, t.method, t.language, t.given_at",
    "do_not_contact": "t.name, t.relation, t.created_at",
}


def rows_of_kind_without_ops(c: Cursor, kind: str) -> list[tuple[int, int, list[object]]]:
    """(row id, case id, its values in ROW_KINDS order) of rows on replicated cases with no op."""
    table = _ROW_TABLE[kind]
    return [(int(r[0]), int(r[1]), list(r[2:])) for r in c.all(
        f"SELECT t.id, t.case_id, {_ROW_COLUMNS[kind]} FROM {table} t"
        " JOIN cases k ON k.id = t.case_id WHERE k.is_demo = 0 AND NOT EXISTS"
        " (SELECT 1 FROM ops WHERE ops.entity = 'row' AND ops.entity_uid = t.uid)")]


def facts_without_ops(c: Cursor) -> list[tuple[int, dict[str, str | None]]]:
    """(case id, its facts by op field) of replicated cases whose facts have no op yet."""
    out = []
    for r in c.all(
            "SELECT f.case_id, f.trafficking_type, f.gender, f.age_group, f.nationality,"
            " f.referral_source, f.counted, f.intake_on, f.closed_on, f.closure_reason"
            " FROM case_facts f JOIN cases k ON k.id = f.case_id WHERE k.is_demo = 0"
            " AND NOT EXISTS (SELECT 1 FROM ops WHERE ops.entity = 'facts'"
            " AND ops.entity_uid = k.uid)"):
        closure = None if r[8] is None else json.dumps([r[8], r[9]])
        out.append((int(r[0]), {
            "trafficking_type": r[1], "gender": r[2], "age_group": r[3], "nationality": r[4],
            "referral_source": r[5], "counted": str(int(r[6])), "intake_on": r[7],
            "closure": closure}))
    return out


def interview_row(c: Cursor, interview_id: int) -> dict[str, str | None]:
    """The replicated columns of one interview, by name."""
    cols = INTERVIEW_FIELDS
    row = c.one(f"SELECT {', '.join(cols)} FROM interviews WHERE id = ?", (interview_id,))
    if row is None:
        raise errors.NotFound(kind="interview", id=interview_id)
    return dict(zip(cols, row, strict=True))


def cases_without_ops(c: Cursor) -> list[int]:
    """Cases kept before replication (or made while it was off): they need a baseline."""
    return [int(r[0]) for r in c.all(
        "SELECT id FROM cases WHERE is_demo = 0 AND NOT EXISTS"
        " (SELECT 1 FROM ops WHERE ops.case_uid = cases.uid)")]


def case_row(c: Cursor, case_id: int) -> dict[str, str | None]:
    """The replicated columns of one case, by name (its uid apart)."""
    cols = [f for f in CASE_FIELDS if f != "deleted"]
    row = c.one(f"SELECT {', '.join(cols)} FROM cases WHERE id = ?", (case_id,))
    if row is None:
        raise errors.NotFound(kind="case", id=case_id)
    values = dict(zip(cols, row, strict=True))
    values["legal_hold"] = "1" if values["legal_hold"] else None  # an op's value is text or none
    return values


def is_demo(c: Cursor, case_id: int) -> bool:
    row = c.one("SELECT is_demo FROM cases WHERE id = ?", (case_id,))
    return row is not None and bool(row[0])


def note_is_demo(c: Cursor, note_id: int) -> bool:
    row = c.one("SELECT c.is_demo FROM notes n JOIN cases c ON c.id = n.case_id WHERE n.id = ?",
                (note_id,))
    return row is not None and bool(row[0])


def note_rows(c: Cursor, case_id: int) -> list[tuple[str, str, str]]:
    return [(str(r[0]), str(r[1]), str(r[2])) for r in c.all(
        "SELECT uid, body, created_at FROM notes WHERE case_id = ?", (case_id,))]


# --- materialise -----------------------------------------------------------------------------
def materialise_case(c: Cursor, case_uid: str, at: str) -> int | None:
    """Rewrite the case `case_uid` and its notes from its ops; the case id, or None while its
    code has not arrived yet (or it was deleted)."""
    ops = case_ops(c, case_uid)
    fields = states(ops)
    _record_conflicts(c, case_uid, fields)

    def value(key: tuple[str, str, str]) -> str | None:
        s = fields.get(key)
        return None if s is None else s.value

    code = value(("case", case_uid, "code"))
    row = c.one("SELECT id FROM cases WHERE uid = ?", (case_uid,))
    hold = fields.get(("case", case_uid, "legal_hold"))
    held = hold is not None and any(h.value == "1" for h in hold.heads)
    # A colleague deleted it without having seen this laptop's legal hold: the hold keeps it,
    # also after the hold is lifted here (a deletion counts only when it is later than every
    # hold or lift: else a later, unrelated change would carry it out unaudited).
    deleted = fields.get(("case", case_uid, "deleted"))
    hold_times = [o.hlc for o in ops if o.key == ("case", case_uid, "legal_hold")]
    if (deleted is not None and deleted.value == "1" and not held
            and (not hold_times or deleted.heads[0].hlc > max(hold_times))):
        if row is not None:
            c.execute("DELETE FROM cases WHERE id = ?", (row[0],))
        purge_case(c, case_uid)
        return None
    if code is None:
        return None
    # Only fields that have ops are written: a column no op names keeps what this laptop holds.
    cols = {name: value(("case", case_uid, name)) for name in CASE_FIELDS
            if name not in ("code", "deleted", "created_at")
            and ("case", case_uid, name) in fields}
    if "status" in cols and cols["status"] not in {s.value for s in CaseStatus}:
        cols["status"] = CaseStatus.OPEN.value  # cleared or unknown: a case is open
    if "legal_hold" in cols:
        cols["legal_hold"] = "1" if held else "0"
    created = value(("case", case_uid, "created_at")) or at
    if row is None:
        cur = c.execute(
            "INSERT INTO cases (uid, code, created_at, updated_at) VALUES (?, ?, ?, ?)",
            (case_uid, code, created, at))
        case_id = int(cur.lastrowid)
    else:
        case_id = int(row[0])
    if cols:
        sets = ", ".join(f"{name} = ?" for name in cols)
        c.execute(f"UPDATE cases SET {sets}, updated_at = ? WHERE id = ?",
                  (*cols.values(), at, case_id))
    _materialise_notes(c, case_id, fields, at)
    materialise_rows(c, case_id, fields, at)
    return case_id


def _materialise_notes(
    c: Cursor, case_id: int, fields: dict[tuple[str, str, str], FieldState], at: str
) -> None:
    note_uids = {uid for (entity, uid, _f) in fields if entity == "note"}
    existing = {str(r[0]): int(r[1]) for r in c.all(
        "SELECT uid, id FROM notes WHERE case_id = ?", (case_id,))}
    for uid in note_uids:
        body = fields.get(("note", uid, "body"))
        deleted = fields.get(("note", uid, "deleted"))
        created = fields.get(("note", uid, "created_at"))
        gone = deleted is not None and deleted.value == "1"
        if gone or body is None or body.value is None:
            if uid in existing and gone:
                c.execute("DELETE FROM notes WHERE id = ?", (existing[uid],))
            if gone:
                purge_note(c, uid)
            continue
        if uid in existing:
            c.execute("UPDATE notes SET body = ? WHERE id = ? AND body IS NOT ?",
                      (body.value, existing[uid], body.value))
        else:
            c.execute("INSERT INTO notes (uid, case_id, body, created_at) VALUES (?, ?, ?, ?)",
                      (uid, case_id, body.value, (created.value if created else None) or at))


def _record_conflicts(
    c: Cursor, case_uid: str, fields: dict[tuple[str, str, str], FieldState]
) -> None:
    c.execute("DELETE FROM field_conflicts WHERE case_uid = ?", (case_uid,))
    c.executemany(
        "INSERT INTO field_conflicts (entity, entity_uid, field, case_uid) VALUES (?, ?, ?, ?)",
        [(*key, case_uid) for key, s in fields.items()
         if s.conflicted and (key[0], key[2]) not in _NOT_LISTED and key[0] in _LISTED])


def conflicts(db: Database, case_uid: str) -> list[tuple[str, str, str]]:
    return [(str(r[0]), str(r[1]), str(r[2])) for r in db.query(
        "SELECT entity, entity_uid, field FROM field_conflicts WHERE case_uid = ?"
        " ORDER BY entity, field", (case_uid,))]


def conflict_count(db: Database) -> int:
    row = db.query_one("SELECT count(DISTINCT case_uid) FROM field_conflicts")
    return int(row[0]) if row else 0


def known(c: Cursor, op_ids: Iterable[str]) -> set[str]:
    ids = list(op_ids)
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        found |= {str(r[0]) for r in c.all(
            f"SELECT op_id FROM ops WHERE op_id IN ({marks})", tuple(chunk))}
    return found
