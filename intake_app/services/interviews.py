"""Interview use cases: start, autosave each answer (with its change history), pacing record,
complete, and the case's answer summary."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from intake_app import errors
from intake_app.domain.answer_summary import InterviewAnswers, summarize
from intake_app.domain.answers import Answer
from intake_app.domain.case import InterviewSummary
from intake_app.services import interview_hold, protocols, replication, replication_rows
from intake_app.services.session import Session, user_names
from intake_app.storage import audit, cases, interviews
from intake_app.storage.audit import now_iso
from intake_app.storage.database import Cursor

if TYPE_CHECKING:
    from intake_app.domain.protocol import Protocol, Question

# What a filled case field is audited as (the same entries as editing it on the case page).
_FILL_ACTIONS: dict[str, str] = {"preferred_name": "case.edit"}


def _question(c: Cursor, registry: protocols.Registry, interview_id: int, question_id: str
              ) -> Question | None:
    """The question as the interview's protocol version has it, if this laptop knows it."""
    row = c.one("SELECT protocol_id, protocol_version FROM interviews WHERE id = ?",
                (interview_id,))
    protocol = None if row is None else registry.version(str(row[0]), str(row[1]))
    if protocol is None:
        return None
    try:
        return protocol.question(question_id)
    except KeyError:  # an answer under an id this protocol version does not know
        return None


def _fills(c: Cursor, registry: protocols.Registry, interview_id: int, question_id: str
           ) -> str | None:
    """The case field the question's answer is copied to (protocol "fills"), if any."""
    question = _question(c, registry, interview_id, question_id)
    return None if question is None else question.fills


def _audit_fill(c: Cursor, s: Session, case_id: int, field: str, detail: str, at: str) -> None:
    audit.append(c, s.user.id, _FILL_ACTIONS.get(field, "case.edit_identity"), "case", case_id,
                 detail=f"{field}:from_answer:{detail}", at=at)


# The guide each role starts with, when the agency offers it.
_PREFERRED: dict[str, str] = {"advocate": "advocate_intake", "officer": "officer_victim_interview"}


def protocol_choices(s: Session, enabled: tuple[str, ...] | None = None) -> list[Protocol]:
    """The guides this user may start an interview with: those for the user's role among the
    ones the agency policy enables, the role's usual guide first. An interview is never
    blocked: if no enabled guide fits the role, every guide for the role is offered, and a role
    no guide names (a supervisor) is offered them all."""
    role = s.user.role.value
    registry = protocols.installed(s)  # each id in the version a new interview starts under
    allowed = [p for k, p in registry.items() if enabled is None or k in enabled]
    for_role = [p for p in allowed if role in p.roles] or \
        [p for p in registry.values() if role in p.roles] or allowed or list(registry.values())
    preferred = _PREFERRED.get(role)
    return sorted(for_role, key=lambda p: (p.id != preferred, p.id))


def start_chosen(s: Session, case_id: int, protocol_id: str, language: str,
                 enabled: tuple[str, ...] | None = None) -> InterviewSummary:
    """Start an interview with a guide from `protocol_choices` in `language`: one the guide is
    written in and the policy enables (interview_languages.check_person_language)."""
    from intake_app.services.interview_languages import check_person_language

    protocol = next((p for p in protocol_choices(s, enabled) if p.id == protocol_id), None)
    if protocol is None:
        raise errors.InvalidInput(field="interview guide", reason="not offered to this user")
    check_person_language(s, protocol, language)
    return start_interview(s, case_id, protocol.id, protocol.version, language)


def start_interview(
    s: Session, case_id: int, protocol_id: str, protocol_version: str, language: str
) -> InterviewSummary:
    """An interview under exactly that installed protocol version (ProtocolNotInstalled)."""
    protocols.protocol_for(s, protocol_id, protocol_version)  # it must reopen under it
    at = now_iso()
    with s.db.transaction() as c:
        interview_id = interviews.insert(
            c, case_id, protocol_id, protocol_version, language, s.user.role.value, s.user.id, at
        )
        cases.touch(c, case_id, at)
        replication_rows.record_new_interview(c, s, interview_id, at)
        interview_hold.hold_in(c, s, interview_id, at)
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
    with a history row (who, when, the answer before) when it changed.

    A value for a question that fills a case field (the preferred name...) is copied to the case
    in the same transaction, so search finds it; a decline or "doesn't know" leaves it as it was.

    A value that is not the kind its question's type takes (Question.accepts: text for a yes/no)
    raises AnswerWrongShape, and one its question's check refuses AnswerFailsCheck; either way
    nothing changes. A decline, "not now" or "doesn't know" carries no value and is never
    checked, nor is an answer under an id the interview's protocol version does not know (it is
    kept as given). Colleagues' answers arriving by sync do not pass here (replication_rows
    applies them as their laptop recorded them)."""
    at = now_iso()
    registry = protocols.installed(s)  # read before the transaction (it may seed)
    with s.db.transaction() as c:
        case_id = interviews.case_of(c, interview_id)
        interview_hold.refuse_if_held_elsewhere(c, interview_id, at)
        question = _question(c, registry, interview_id, question_id)
        if question is not None and answer.value is not None and \
                not question.accepts(answer.value):
            raise errors.AnswerWrongShape(question=question_id, expected=question.type.value)
        if question is not None and not question.passes_check(answer):
            raise errors.AnswerFailsCheck(question=question_id)
        previous = interviews.answer(c, interview_id, question_id)
        interviews.upsert_answer(c, interview_id, question_id, answer, at)
        if previous != answer:  # saving the same answer again is no change
            replication_rows.record_answer(c, s, interview_id, question_id, answer, at)
            filled = _fill_case(c, s, registry, case_id, interview_id, question_id, answer, at)
            interviews.add_change(c, interview_id, question_id, at, s.user.id, answer, previous,
                                  filled)
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


def _fill_case(c: Cursor, s: Session, registry: protocols.Registry, case_id: int,
               interview_id: int, question_id: str, answer: Answer, at: str
               ) -> tuple[str, str | None] | None:
    """Copy a value to the case field its question fills; returns (field, value before)."""
    if not isinstance(answer.value, str):
        return None
    field = _fills(c, registry, interview_id, question_id)
    value = answer.value.strip()
    if field is None or not value:
        return None
    before = cases.field_value(c, case_id, field)
    if before == value:
        return None
    cases.set_field(c, case_id, field, value, at)
    replication.record_case(c, s, case_id, {field: value}, at)
    _audit_fill(c, s, case_id, field, f"interview:{interview_id}:{question_id}", at)
    return field, before


def question_of(s: Session, interview_uid: str, question_id: str) -> tuple[str, bool] | None:
    """(the question's text in the interview's language, whether it is identifying), or None
    when the interview or its protocol or the question is not known here."""
    found = question_in(s, interview_uid, question_id)
    if found is None:
        return None
    question, language = found
    return question.text(language), question.identifying


def question_in(s: Session, interview_uid: str, question_id: str
                ) -> tuple[Question, str] | None:
    """(the question as the interview's protocol version has it, the interview's language), or
    None when the interview or its protocol or the question is not known here."""
    iv = interviews.by_uid(s.db, interview_uid)
    protocol = None if iv is None else protocols.installed(s).version(iv.protocol_id,
                                                                      iv.protocol_version)
    if iv is None or protocol is None:
        return None
    try:
        return protocol.question(question_id), iv.language
    except KeyError:
        return None


def answers(s: Session, interview_id: int) -> dict[str, Answer]:
    return interviews.answers(s.db, interview_id)


def protocol_of(s: Session, iv: InterviewSummary) -> Protocol:
    """The protocol `iv` started under, in that version: ProtocolNotInstalled if this laptop
    lacks it (an interview made on a laptop with a guide this one never received), never
    another guide in its place."""
    return protocols.protocol_for(s, iv.protocol_id, iv.protocol_version)


def get_interview(s: Session, interview_id: int) -> InterviewSummary:
    """`held_by`: the other laptop holding it ("<laptop> (<user>)"), else None."""
    return interview_hold.shown(s, [interviews.get(s.db, interview_id)])[0]


def case_interviews(s: Session, case_id: int) -> list[InterviewSummary]:
    return interview_hold.shown(s, interviews.for_case(s.db, case_id))


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
        replication_rows.record_interview(c, s, interview_id, {
            "status": status, "ended_at": at if status == "complete" else None}, at)
        if status in ("paused", "complete"):
            interview_hold.release_in(c, s, interview_id, at)
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
        interview_hold.refuse_if_held_elsewhere(c, interview_id, at)
        previous = interviews.answer(c, interview_id, question_id)
        fill = interviews.last_fill(c, interview_id, question_id)
        interviews.delete_answer(c, interview_id, question_id, at)
        if previous is not None:
            interviews.add_change(c, interview_id, question_id, at, s.user.id, None, previous)
            replication_rows.record_answer(c, s, interview_id, question_id, None, at)
        if fill is not None and previous is not None and isinstance(previous.value, str):
            field, before = fill
            # The undone answer put its value in the case: put back what was there, unless
            # someone changed the field since.
            if cases.field_value(c, case_id, field) == previous.value.strip():
                cases.set_field(c, case_id, field, before, at)
                replication.record_case(c, s, case_id, {field: before}, at)
                _audit_fill(c, s, case_id, field, f"undo:interview:{interview_id}:{question_id}",
                            at)
        c.execute("UPDATE cases SET updated_at = ? WHERE id = ?", (at, case_id))
        audit.append(c, s.user.id, "answer.clear", "case", case_id,
                     detail=f"interview:{interview_id}:{question_id}", at=at)


def end_sitting(s: Session, interview_id: int) -> str:
    """Close today's sitting: complete when every question the protocol shows is answered (in
    any of the four states), else paused to continue another day. Returns the status set.

    So reviewing a finished interview and pressing "End for today" leaves it complete."""
    from intake_app.domain.protocol import walk

    iv = interviews.get(s.db, interview_id)
    protocol = protocols.installed(s).version(iv.protocol_id, iv.protocol_version)
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
    if reveal_identifying:  # recorded before anything is read
        with s.db.transaction() as c:
            audit.append(c, s.user.id, "case.reveal_identity", "case", case_id, detail="answers")
    changes = interviews.changes_for_case(s.db, case_id)
    names = user_names(s)
    registry = protocols.installed(s)
    return [
        summarize(iv, registry.version(iv.protocol_id, iv.protocol_version),
                  interviews.answers(s.db, iv.id),
                  [ch for ch in changes if ch.interview_id == iv.id], names,
                  reveal=reveal_identifying)
        for iv in interviews.for_case(s.db, case_id)
    ]
