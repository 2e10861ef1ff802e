"""Ops for interviews, answers, consents and the never-share list, recorded in the change's own
transaction (by services/interviews.py, consents.py and sharing/withdrawals.py), and the baseline
of those kept before they replicated. How their values are written: domain/replicated_rows.py.

Demo cases stay on their laptop: nothing of theirs is recorded.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from intake_app.domain.answers import Answer
from intake_app.domain.consent import Consent
from intake_app.domain.replicated_rows import (
    ROW_KINDS,
    Hold,
    encode_answer,
    encode_consent,
    encode_row,
)
from intake_app.services.replication_clock import record
from intake_app.services.session import Session
from intake_app.storage import consents as consent_rows
from intake_app.storage import interviews as interview_rows
from intake_app.storage import replication as log
from intake_app.storage.database import Cursor


def record_interview(
    c: Cursor, s: Session, interview_id: int, changes: Mapping[str, str | None], at: str
) -> None:
    uid, case_id = log.interview_uid_of(c, interview_id)
    if log.is_demo(c, case_id):
        return
    of_case = log.case_uid_of(c, case_id)
    for field, value in changes.items():
        record(c, s, "interview", uid, field, value, of_case, at)


def record_new_interview(c: Cursor, s: Session, interview_id: int, at: str) -> None:
    row = log.interview_row(c, interview_id)
    record_interview(c, s, interview_id, {k: v for k, v in row.items() if v is not None}, at)


def record_hold(c: Cursor, s: Session, interview_id: int, hold: Hold | None, at: str) -> None:
    record_interview(c, s, interview_id, {"held_by": None if hold is None else hold.text()}, at)


def record_answer(
    c: Cursor, s: Session, interview_id: int, question_id: str, answer: Answer | None, at: str
) -> None:
    """The answer to one question as it is now (None: cleared back to "no answer yet")."""
    uid, case_id = log.interview_uid_of(c, interview_id)
    if log.is_demo(c, case_id):
        return
    record(c, s, "answer", uid, question_id, encode_answer(answer), log.case_uid_of(c, case_id),
           at)


def record_consent(c: Cursor, s: Session, consent_id: int, consent: Consent, at: str) -> None:
    uid, case_id = log.consent_uid_of(c, consent_id)
    if log.is_demo(c, case_id):
        return
    of_case = log.case_uid_of(c, case_id)
    record(c, s, "consent", uid, "record", encode_consent(consent), of_case, at)
    if consent.withdrawn_at is not None:
        record(c, s, "consent", uid, "withdrawn_at", consent.withdrawn_at.isoformat(), of_case, at)


def record_withdrawal(c: Cursor, s: Session, consent_id: int, when: datetime, at: str) -> None:
    uid, case_id = log.consent_uid_of(c, consent_id)
    if log.is_demo(c, case_id):
        return
    record(c, s, "consent", uid, "withdrawn_at", when.isoformat(), log.case_uid_of(c, case_id),
           at)


def record_never_share(
    c: Cursor, s: Session, case_id: int, agency_id: str, listed: bool, at: str
) -> None:
    if log.is_demo(c, case_id):
        return
    uid = log.case_uid_of(c, case_id)
    record(c, s, "never_share", uid, agency_id, "1" if listed else None, uid, at)


def record_fact(c: Cursor, s: Session, case_id: int, field: str, value: str | None,
                at: str) -> None:
    """One reportable fact as it is now (`closure`: `[day, reason]` as JSON, or None)."""
    if log.is_demo(c, case_id):
        return
    uid = log.case_uid_of(c, case_id)
    record(c, s, "facts", uid, field, value, uid, at)


def record_row(c: Cursor, s: Session, case_id: int, kind: str, row_id: int,
               values: Mapping[str, object] | None, at: str) -> None:
    """A service, referral, agreement or do-not-contact row added (`values` as ROW_KINDS names
    them) or removed (None)."""
    if log.is_demo(c, case_id):
        return
    record(c, s, "row", log.row_uid(c, kind, row_id), kind,
           None if values is None else encode_row(kind, dict(values)),
           log.case_uid_of(c, case_id), at)


def baseline_rows(c: Cursor, s: Session, at: str) -> int:
    """Ops for interviews (with their answers) and consents kept before they replicated, with
    their values as they are now; returns how many rows were recorded."""
    interviews, consents = log.rows_without_ops(c)
    for interview_id in interviews:
        record_new_interview(c, s, interview_id, at)
        for question_id, answer in interview_rows.answers_in(c, interview_id).items():
            record_answer(c, s, interview_id, question_id, answer, at)
    for consent_id in consents:
        record_consent(c, s, consent_id, consent_rows.get(c, consent_id), at)
    for case_id, agency_id in log.never_share_without_ops(c):
        record_never_share(c, s, case_id, agency_id, True, at)
    recorded = len(interviews) + len(consents)
    for case_id, facts in log.facts_without_ops(c):
        for field, value in facts.items():
            if value is not None:
                record_fact(c, s, case_id, field, value, at)
        recorded += 1
    for kind, names in ROW_KINDS.items():
        for row_id, case_id, values in log.rows_of_kind_without_ops(c, kind):
            record_row(c, s, case_id, kind, row_id, dict(zip(names, values, strict=True)), at)
            recorded += 1
    return recorded
