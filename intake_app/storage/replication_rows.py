"""What a case's interview, answer, consent and never-share ops materialise into (called by
storage/replication.materialise_case with the case's field states). Like the case row, each is
a pure function of the ops known, so any order and any repeat leaves the same rows.
"""

from __future__ import annotations

import json

from intake_app.domain.replicated_rows import decode_answer, decode_consent
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
                " given_by, guardian) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (uid, case_id, k.purpose.value, k.recipient_id,
                 json.dumps(sorted(x.value for x in k.categories)), k.wording, k.language,
                 k.method.value, int(k.interpreter), k.given_at.isoformat(),
                 k.expires_at.isoformat(), when, k.given_by.value, k.guardian))
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
