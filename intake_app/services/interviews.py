"""Interview use cases: start, autosave each answer (with its change history), pacing record,
complete, and the case's answer summary."""

from __future__ import annotations

import json
from typing import Any

from intake_app.domain.answer_summary import InterviewAnswers, summarize
from intake_app.domain.answers import Answer
from intake_app.domain.case import InterviewSummary
from intake_app.services.session import Session, user_names
from intake_app.storage import audit, cases, interviews
from intake_app.storage.audit import now_iso


def start_interview(
    s: Session, case_id: int, protocol_id: str, protocol_version: str, language: str
) -> InterviewSummary:
    at = now_iso()
    with s.db.transaction() as c:
        interview_id = interviews.insert(
            c, case_id, protocol_id, protocol_version, language, s.user.role.value, s.user.id, at
        )
        cases.touch(c, case_id, at)
        audit.append(
            c,
            s.user.id,
            "interview.start",
            "case",
            case_id,
            detail=f"interview:{interview_id}:{protocol_id}",
            at=at,
        )
    return interviews.get(s.db, interview_id)


def record_answer(s: Session, interview_id: int, question_id: str, answer: Answer) -> None:
    """Autosave: the answer is committed (and audited by question id, never value) before return,
    with a history row (who, when, the answer before) when it changed."""
    at = now_iso()
    with s.db.transaction() as c:
        case_id = interviews.case_of(c, interview_id)
        previous = interviews.answer(c, interview_id, question_id)
        interviews.upsert_answer(c, interview_id, question_id, answer, at)
        if previous != answer:  # saving the same answer again is no change
            interviews.add_change(c, interview_id, question_id, at, s.user.id, answer, previous)
        c.execute("UPDATE cases SET updated_at = ? WHERE id = ?", (at, case_id))
        audit.append(
            c,
            s.user.id,
            "answer.record",
            "case",
            case_id,
            detail=f"interview:{interview_id}:{question_id}:{answer.state.value}",
            at=at,
        )


def answers(s: Session, interview_id: int) -> dict[str, Answer]:
    return interviews.answers(s.db, interview_id)


def get_interview(s: Session, interview_id: int) -> InterviewSummary:
    return interviews.get(s.db, interview_id)


def case_interviews(s: Session, case_id: int) -> list[InterviewSummary]:
    return interviews.for_case(s.db, case_id)


def save_pacing(s: Session, interview_id: int, record: list[dict[str, Any]]) -> None:
    """Which prompts were shown, taken or dismissed: part of the session record."""
    with s.db.transaction() as c:
        interviews.set_pacing(c, interview_id, json.dumps(record), now_iso())


def pacing_record(s: Session, interview_id: int) -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = json.loads(interviews.pacing(s.db, interview_id))
    return loaded


def set_interview_status(s: Session, interview_id: int, status: str) -> None:
    """open, paused (continue another day) or complete."""
    at = now_iso()
    with s.db.transaction() as c:
        case_id = interviews.case_of(c, interview_id)
        interviews.set_status(c, interview_id, status, at)
        audit.append(
            c,
            s.user.id,
            f"interview.{status}",
            "case",
            case_id,
            detail=f"interview:{interview_id}",
            at=at,
        )


def clear_answer(s: Session, interview_id: int, question_id: str) -> None:
    """An undo back to "no answer yet": the question is open again (audited by id)."""
    at = now_iso()
    with s.db.transaction() as c:
        case_id = interviews.case_of(c, interview_id)
        previous = interviews.answer(c, interview_id, question_id)
        interviews.delete_answer(c, interview_id, question_id, at)
        if previous is not None:
            interviews.add_change(c, interview_id, question_id, at, s.user.id, None, previous)
        c.execute("UPDATE cases SET updated_at = ? WHERE id = ?", (at, case_id))
        audit.append(c, s.user.id, "answer.clear", "case", case_id,
                     detail=f"interview:{interview_id}:{question_id}", at=at)


def end_sitting(s: Session, interview_id: int) -> str:
    """Close today's sitting: complete when every question the protocol shows is answered (in
    any of the four states), else paused to continue another day. Returns the status set.

    So reviewing a finished interview and pressing "End for today" leaves it complete."""
    from intake_app.domain.protocol import load_shipped, walk

    iv = interviews.get(s.db, interview_id)
    protocol = load_shipped().get(iv.protocol_id)
    answered = interviews.answers(s.db, interview_id)
    done = protocol is not None and walk(protocol, answered, iv.role.value).complete
    status = "complete" if done else "paused"
    set_interview_status(s, interview_id, status)
    return status


def answer_summary(s: Session, case_id: int, *, reveal_identifying: bool = False
                   ) -> list[InterviewAnswers]:
    """Per interview of the case: what was asked and answered, in the interview's language, and
    each answer's changes. Identifying values stay hidden unless `reveal_identifying`, which is
    audited like showing the case's identifying details."""
    from intake_app.domain.protocol import load_shipped

    if reveal_identifying:  # recorded before anything is read
        with s.db.transaction() as c:
            audit.append(c, s.user.id, "case.reveal_identity", "case", case_id, detail="answers")
    changes = interviews.changes_for_case(s.db, case_id)
    names = user_names(s)
    protocols = load_shipped()
    return [
        summarize(iv, protocols.get(iv.protocol_id), interviews.answers(s.db, iv.id),
                  [ch for ch in changes if ch.interview_id == iv.id], names,
                  reveal=reveal_identifying)
        for iv in interviews.for_case(s.db, case_id)
    ]
