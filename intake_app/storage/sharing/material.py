"""What a share is computed from: a case's columns, its interviews' answers and its consents,
read inside the caller's transaction."""

from __future__ import annotations

from dataclasses import dataclass

from intake_app import errors
from intake_app.domain.answers import Answer
from intake_app.domain.consent import Consent
from intake_app.storage.consents import _COLUMNS as _CONSENT_COLUMNS
from intake_app.storage.consents import _consent
from intake_app.storage.database import Cursor


@dataclass(frozen=True, slots=True)
class InterviewMaterial:
    interview_id: int
    protocol_id: str
    protocol_version: str
    role: str
    answers: dict[str, Answer]


@dataclass(frozen=True, slots=True)
class CaseMaterial:
    """Everything of a case a share may be computed from, read inside the caller's transaction."""

    case_id: int
    fields: dict[str, str | None]  # case-level columns by name (preferred_name, legal_name, ...)
    interviews: tuple[InterviewMaterial, ...]
    consents: tuple[Consent, ...]

    def __repr__(self) -> str:
        return f"CaseMaterial(case_id={self.case_id}, interviews={len(self.interviews)})"


CASE_COLUMNS: tuple[str, ...] = (
    "preferred_name",
    "legal_name",
    "date_of_birth",
    "contact",
    "immigration",
    "language",
)


def case_material(c: Cursor, case_id: int) -> CaseMaterial:
    row = c.one(f"SELECT {', '.join(CASE_COLUMNS)} FROM cases WHERE id = ?", (case_id,))
    if row is None:
        raise errors.NotFound(kind="case", id=case_id)
    fields = {
        name: (None if v is None else str(v)) for name, v in zip(CASE_COLUMNS, row, strict=True)
    }
    interviews: list[InterviewMaterial] = []
    for iid, pid, pver, role in c.all(
        "SELECT id, protocol_id, protocol_version, role FROM interviews WHERE case_id = ?"
        " ORDER BY id",
        (case_id,),
    ):
        answers = {
            str(q): Answer.from_stored(str(st), v)
            for q, st, v in c.all(
                "SELECT question_id, state, value_json FROM answers WHERE interview_id = ?"
                " ORDER BY question_id",
                (int(iid),),
            )
        }
        interviews.append(InterviewMaterial(int(iid), str(pid), str(pver), str(role), answers))
    consents = tuple(
        _consent(r)
        for r in c.all(
            f"SELECT {_CONSENT_COLUMNS} FROM consents WHERE case_id = ? ORDER BY id", (case_id,)
        )
    )
    return CaseMaterial(case_id, fields, tuple(interviews), consents)


def consent_in_cursor(c: Cursor, consent_id: int) -> Consent:
    row = c.one(f"SELECT {_CONSENT_COLUMNS} FROM consents WHERE id = ?", (consent_id,))
    if row is None:
        raise errors.NotFound(kind="consent", id=consent_id)
    return _consent(row)
