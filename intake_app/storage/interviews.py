"""Interview sessions and their answers; each answer is its own committed row (autosave)."""

from __future__ import annotations

from typing import Any

from intake_app import errors
from intake_app.domain.answer_summary import StoredChange
from intake_app.domain.answers import Answer
from intake_app.domain.case import InterviewSummary, Role
from intake_app.storage.database import Cursor, Database

_SUMMARY = (
    "SELECT i.id, i.case_id, i.protocol_id, i.protocol_version, i.language, i.role, i.status,"
    " i.started_at, i.updated_at, (SELECT count(*) FROM answers a WHERE a.interview_id = i.id),"
    " i.held_by FROM interviews i"
)


def _summary(row: Any) -> InterviewSummary:
    return InterviewSummary(
        id=int(row[0]),
        case_id=int(row[1]),
        protocol_id=str(row[2]),
        protocol_version=str(row[3]),
        language=str(row[4]),
        role=Role(row[5]),
        status=str(row[6]),
        started_at=str(row[7]),
        updated_at=str(row[8]),
        answered=int(row[9]),
        held_by=None if row[10] is None else str(row[10]),
    )


def insert(
    c: Cursor,
    case_id: int,
    protocol_id: str,
    protocol_version: str,
    language: str,
    role: str,
    created_by: int | None,
    at: str,
) -> int:
    cur = c.execute(
        "INSERT INTO interviews (uid, case_id, protocol_id, protocol_version, language, role,"
        " started_at, updated_at, created_by)"
        " VALUES (lower(hex(randomblob(16))), ?, ?, ?, ?, ?, ?, ?, ?)",
        (case_id, protocol_id, protocol_version, language, role, at, at, created_by),
    )
    return int(cur.lastrowid)


def get(db: Database, interview_id: int) -> InterviewSummary:
    row = db.query_one(_SUMMARY + " WHERE i.id = ?", (interview_id,))
    if row is None:
        raise errors.NotFound(kind="interview", id=interview_id)
    return _summary(row)


def by_uid(db: Database, uid: str) -> InterviewSummary | None:
    row = db.query_one(_SUMMARY + " WHERE i.uid = ?", (uid,))
    return None if row is None else _summary(row)


def for_case(db: Database, case_id: int) -> list[InterviewSummary]:
    return [
        _summary(r) for r in db.query(_SUMMARY + " WHERE i.case_id = ? ORDER BY i.id", (case_id,))
    ]


def case_of(c: Cursor, interview_id: int) -> int:
    row = c.one("SELECT case_id FROM interviews WHERE id = ?", (interview_id,))
    if row is None:
        raise errors.NotFound(kind="interview", id=interview_id)
    return int(row[0])


def upsert_answer(c: Cursor, interview_id: int, question_id: str, answer: Answer, at: str) -> None:
    c.execute(
        "INSERT INTO answers (interview_id, question_id, state, value_json, updated_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (interview_id, question_id) DO UPDATE SET"
        " state = excluded.state, value_json = excluded.value_json, updated_at = excluded.updated_at",
        (interview_id, question_id, answer.state.value, answer.value_json(), at),
    )
    c.execute("UPDATE interviews SET updated_at = ? WHERE id = ?", (at, interview_id))


_ANSWERS = "SELECT question_id, state, value_json FROM answers WHERE interview_id = ?"


def answers(db: Database, interview_id: int) -> dict[str, Answer]:
    return {str(q): Answer.from_stored(str(s), v) for q, s, v in db.query(_ANSWERS, (interview_id,))}


def answers_in(c: Cursor, interview_id: int) -> dict[str, Answer]:
    """`answers` inside the caller's transaction."""
    return {str(q): Answer.from_stored(str(s), v) for q, s, v in c.all(_ANSWERS, (interview_id,))}


def set_status(c: Cursor, interview_id: int, status: str, at: str) -> None:
    ended = at if status == "complete" else None
    cur = c.execute(
        "UPDATE interviews SET status = ?, updated_at = ?, ended_at = ? WHERE id = ?",
        (status, at, ended, interview_id),
    )
    if cur.rowcount != 1:
        raise errors.NotFound(kind="interview", id=interview_id)


def set_held_by(c: Cursor, interview_id: int, held_by: str | None) -> None:
    c.execute("UPDATE interviews SET held_by = ? WHERE id = ?", (held_by, interview_id))


def held_by(c: Cursor, interview_id: int) -> str | None:
    row = c.one("SELECT held_by FROM interviews WHERE id = ?", (interview_id,))
    if row is None:
        raise errors.NotFound(kind="interview", id=interview_id)
    return None if row[0] is None else str(row[0])


def set_pacing(c: Cursor, interview_id: int, pacing_json: str, at: str) -> None:
    c.execute(
        "UPDATE interviews SET pacing_json = ?, updated_at = ? WHERE id = ?",
        (pacing_json, at, interview_id),
    )


def pacing(db: Database, interview_id: int) -> str:
    row = db.query_one("SELECT pacing_json FROM interviews WHERE id = ?", (interview_id,))
    if row is None:
        raise errors.NotFound(kind="interview", id=interview_id)
    return str(row[0])


def delete_answer(c: Cursor, interview_id: int, question_id: str, at: str) -> None:
    c.execute("DELETE FROM answers WHERE interview_id = ? AND question_id = ?",
              (interview_id, question_id))
    c.execute("UPDATE interviews SET updated_at = ? WHERE id = ?", (at, interview_id))


def answer(c: Cursor, interview_id: int, question_id: str) -> Answer | None:
    """The stored answer to one question, inside a transaction (None: no answer)."""
    row = c.one("SELECT state, value_json FROM answers WHERE interview_id = ? AND question_id = ?",
                (interview_id, question_id))
    return None if row is None else Answer.from_stored(str(row[0]), row[1])


def add_change(
    c: Cursor,
    interview_id: int,
    question_id: str,
    at: str,
    by: int | None,
    new: Answer | None,
    previous: Answer | None,
    filled: tuple[str, str | None] | None = None,
) -> None:
    """One row of answer history: `new` None is a clear, `previous` None means no answer before;
    `filled` is the case field this change set and that field's value before."""
    c.execute(
        "INSERT INTO answer_history (interview_id, question_id, changed_at, changed_by, state,"
        " value_json, prev_state, prev_value_json, case_field, case_before)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (interview_id, question_id, at, by,
         None if new is None else new.state.value, None if new is None else new.value_json(),
         None if previous is None else previous.state.value,
         None if previous is None else previous.value_json(),
         None if filled is None else filled[0], None if filled is None else filled[1]),
    )


def last_fill(c: Cursor, interview_id: int, question_id: str) -> tuple[str, str | None] | None:
    """The case field the answer's latest change filled, and its value before; None when the
    latest change filled nothing."""
    row = c.one("SELECT case_field, case_before FROM answer_history WHERE interview_id = ?"
                " AND question_id = ? ORDER BY id DESC LIMIT 1", (interview_id, question_id))
    if row is None or row[0] is None:
        return None
    return str(row[0]), None if row[1] is None else str(row[1])


def changes_for_case(db: Database, case_id: int) -> list[StoredChange]:
    """Every answer change of the case's interviews, oldest first."""
    rows = db.query(
        "SELECT h.interview_id, h.question_id, h.changed_at, h.changed_by, h.state, h.value_json,"
        " h.prev_state, h.prev_value_json FROM answer_history h"
        " JOIN interviews i ON i.id = h.interview_id WHERE i.case_id = ? ORDER BY h.id",
        (case_id,),
    )
    return [
        StoredChange(
            int(r[0]), str(r[1]), str(r[2]), None if r[3] is None else int(r[3]),
            None if r[4] is None else Answer.from_stored(str(r[4]), r[5]),
            None if r[6] is None else Answer.from_stored(str(r[6]), r[7]),
        )
        for r in rows
    ]
