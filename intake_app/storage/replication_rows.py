"""What a case's interview, answer, consent and never-share ops materialise into (called by
storage/replication.materialise_case with the case's field states). Like the case row, each is
a pure function of the ops known, so any order and any repeat leaves the same rows.
"""

from __future__ import annotations

import json

from intake_app.domain.replicated_rows import decode_answer, decode_consent, decode_row
from intake_app.domain.replication import FieldState
from intake_app.storage.database import Cursor

Fields = dict[tuple[str, str, str], FieldState]
_NEEDED = ("protocol_id", "protocol_version", "language", "role", "started_at")


def _value(fields: Fields, key: tuple[str, str, str]) -> str | None:
    state = fields.get(key)
    return None if state is None else state.value


def materialise_rows(c: Cursor, case_id: int, fields: Fields, at: str) -> None:
    _interviews(c, case_id, fields, at)
    _answers(c, fields, at)
    _consents(c, case_id, fields)
    _never_share(c, case_id, fields, at)
    _facts(c, case_id, fields, at)
    _rows(c, case_id, fields)


def _interviews(c: Cursor, case_id: int, fields: Fields, at: str) -> None:
    for uid in sorted({u for (e, u, _f) in fields if e == "interview"}):
        got = {f: _value(fields, ("interview", uid, f)) for f in _NEEDED}
        if any(v is None for v in got.values()):
            continue  # its start has not arrived yet
        status = _value(fields, ("interview", uid, "status")) or "open"
        ended = _value(fields, ("interview", uid, "ended_at"))
        held = _value(fields, ("interview", uid, "held_by"))
        row = c.one("SELECT id FROM interviews WHERE uid = ?", (uid,))
        if row is None:
            c.execute(
                "INSERT INTO interviews (uid, case_id, protocol_id, protocol_version, language,"
                " role, status, started_at, updated_at, ended_at, held_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (uid, case_id, got["protocol_id"], got["protocol_version"], got["language"],
                 got["role"], status, got["started_at"], at, ended, held))
        else:
            c.execute(
                "UPDATE interviews SET status = ?, ended_at = ?, held_by = ?, updated_at = ?"
                " WHERE id = ? AND (status, ended_at, held_by) IS NOT (?, ?, ?)",
                (status, ended, held, at, row[0], status, ended, held))


def _answers(c: Cursor, fields: Fields, at: str) -> None:
    ids: dict[str, int | None] = {}
    for (entity, uid, question), state in sorted(fields.items()):
        if entity != "answer":
            continue
        if uid not in ids:
            row = c.one("SELECT id FROM interviews WHERE uid = ?", (uid,))
            ids[uid] = None if row is None else int(row[0])
        interview_id = ids[uid]
        if interview_id is None:
            continue
        if state.value is None:
            c.execute("DELETE FROM answers WHERE interview_id = ? AND question_id = ?",
                      (interview_id, question))
            continue
        answer = decode_answer(state.value)  # checked when the op was received
        c.execute(
            "INSERT INTO answers (interview_id, question_id, state, value_json, updated_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (interview_id, question_id) DO UPDATE SET"
            " state = excluded.state, value_json = excluded.value_json,"
            " updated_at = excluded.updated_at"
            " WHERE (state, value_json) IS NOT (excluded.state, excluded.value_json)",
            (interview_id, question, answer.state.value, answer.value_json(), at))


def _consents(c: Cursor, case_id: int, fields: Fields) -> None:
    for uid in sorted({u for (e, u, _f) in fields if e == "consent"}):
        record = _value(fields, ("consent", uid, "record"))
        if record is None:
            continue
        # Withdrawn on any laptop is withdrawn for good: the earliest time any op ever gave
        # (its whole history, not the heads: a later op never brings a withdrawal forward).
        first = c.one("SELECT min(value) FROM ops WHERE entity = 'consent' AND entity_uid = ?"
                      " AND field = 'withdrawn_at' AND value IS NOT NULL", (uid,))
        when = None if first is None or first[0] is None else str(first[0])
        row = c.one("SELECT id FROM consents WHERE uid = ?", (uid,))
        if row is None:
            k = decode_consent(record, case_id)
            c.execute(
                "INSERT INTO consents (uid, case_id, purpose, recipient_id, categories_json,"
                " wording, language, method, interpreter, given_at, expires_at, withdrawn_at,"
                " given_by, guardian, purpose_text)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (uid, case_id, k.purpose.value, k.recipient_id,
                 json.dumps(sorted(x.value for x in k.categories)), k.wording, k.language,
                 k.method.value, int(k.interpreter), k.given_at.isoformat(),
                 k.expires_at.isoformat(), when, k.given_by.value, k.guardian, k.purpose_text))
        elif when is not None:
            c.execute("UPDATE consents SET withdrawn_at = ? WHERE id = ?"
                      " AND withdrawn_at IS NOT ?", (when, row[0], when))


def _never_share(c: Cursor, case_id: int, fields: Fields, at: str) -> None:
    for (entity, _uid, agency_id), state in sorted(fields.items()):
        if entity != "never_share":
            continue
        # Kept off a list on one laptop and put on it on another while apart: listed (the
        # person asked for it once; sharing with them by mistake cannot be undone).
        if any(h.value == "1" for h in state.heads):
            c.execute("INSERT OR IGNORE INTO never_share (case_id, agency_id, created_at)"
                      " VALUES (?, ?, ?)", (case_id, agency_id, at))
        else:
            c.execute("DELETE FROM never_share WHERE case_id = ? AND agency_id = ?",
                      (case_id, agency_id))


_FACT_COLUMNS = ("trafficking_type", "gender", "age_group", "nationality", "referral_source",
                 "counted", "intake_on")


def _facts(c: Cursor, case_id: int, fields: Fields, at: str) -> None:
    got = {f: state for (e, _u, f), state in fields.items() if e == "facts"}
    if not got:
        return
    c.execute("INSERT INTO case_facts (case_id, intake_on, updated_at)"
              " SELECT id, substr(created_at, 1, 10), ? FROM cases WHERE id = ?"
              " ON CONFLICT (case_id) DO NOTHING", (at, case_id))
    sets: dict[str, object] = {}
    for name in _FACT_COLUMNS:
        if name in got:
            value = got[name].value
            sets[name] = int(value == "1") if name == "counted" else value
    if "intake_on" in sets and sets["intake_on"] is None:
        del sets["intake_on"]  # a case always has an intake day
    if "closure" in got:
        closure = got["closure"].value
        on, reason = (None, None) if closure is None else json.loads(closure)
        sets["closed_on"], sets["closure_reason"] = on, reason
    if sets:
        assignments = ", ".join(f"{k} = ?" for k in sets)
        c.execute(f"UPDATE case_facts SET {assignments}, updated_at = ? WHERE case_id = ?",
                  (*sets.values(), at, case_id))


# kind -> (table, its columns in the order of ROW_KINDS' fields)
_ROW_TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "service": ("case_services", ("given_on", "category", "given_by", "outcome", "created_at")),
    "referral": ("case_referrals", ("made_on", "category", "made_by", "sent_to", "outcome",
                                    "created_at")),
    "agreement": ("case_agreements", ("kind", "agreed", "method", "language", "given_at")),
    "do_not_contact": ("do_not_contact", ("name", "relation", "created_at")),
}


def _rows(c: Cursor, case_id: int, fields: Fields) -> None:
    from intake_app.domain.replicated_rows import ROW_KINDS

    for (entity, uid, kind), state in sorted(fields.items()):
        if entity != "row":
            continue
        table, columns = _ROW_TABLES[kind]
        if state.value is None:  # removed (a person taken off the do-not-contact list)
            c.execute(f"DELETE FROM {table} WHERE uid = ?", (uid,))
            continue
        row = decode_row(kind, state.value)
        values = [row[k] for k in ROW_KINDS[kind]]
        marks = ", ".join("?" for _ in range(len(columns) + 2))
        c.execute(f"INSERT INTO {table} (uid, case_id, {', '.join(columns)}) VALUES ({marks})"
                  " ON CONFLICT (uid) DO NOTHING", (uid, case_id, *values))
