"""Case use cases: create, list, search, view, reveal identity, notes, status, activity."""

from __future__ import annotations

import dataclasses

from intake_app import errors
from intake_app.domain import casecode
from intake_app.domain.case import CaseStatus, CaseSummary, Identity, Note
from intake_app.services import replication
from intake_app.services.session import Session
from intake_app.storage import audit, cases, notes
from intake_app.storage.audit import AuditEntry, now_iso
from intake_app.storage.database import Cursor


def create_case(
    s: Session,
    preferred_name: str | None = None,
    language: str | None = None,
    *,
    is_demo: bool = False,
) -> CaseSummary:
    """A new case needs no field at all: it is known by its generated code."""
    at = now_iso()
    with s.db.transaction() as c:
        code = casecode.new_case_code()
        while cases.code_exists(c, code):  # 35 random bits: a clash is rare, never silent
            code = casecode.new_case_code()
        case_id = cases.insert(c, code, preferred_name, language, s.user.id, at, is_demo)
        replication.record_new_case(c, s, case_id, at)
        audit.append(c, s.user.id, "case.create", "case", case_id, at=at)
    return cases.get(s.db, case_id)


def list_cases(
    s: Session, text: str = "", status: CaseStatus | None = None, limit: int = 200, offset: int = 0
) -> list[CaseSummary]:
    return cases.search(s.db, text, status, limit, offset)


def count_cases(s: Session) -> int:
    return cases.count(s.db)


def open_case(s: Session, case_id: int) -> CaseSummary:
    """The case summary; the view is audited."""
    summary = cases.get(s.db, case_id)
    with s.db.transaction() as c:
        audit.append(c, s.user.id, "case.view", "case", case_id)
    return summary


def find_by_code(s: Session, typed_code: str) -> CaseSummary:
    """The case a typed code names; a typo is a typed error saying what is wrong."""
    try:
        code = casecode.parse(typed_code)
    except ValueError as exc:  # its words name lengths and check characters, never a case
        raise errors.InvalidInput(field="case code", reason=str(exc)) from None
    return cases.get_by_code(s.db, code)


def reveal_identity(s: Session, case_id: int) -> Identity:
    """Identifying fields, shown on request; every reveal is audited."""
    ident = cases.identity(s.db, case_id)
    with s.db.transaction() as c:
        audit.append(c, s.user.id, "case.reveal_identity", "case", case_id)
    return ident


def update_identity(s: Session, case_id: int, ident: Identity) -> None:
    at = now_iso()
    before = cases.identity(s.db, case_id)
    with s.db.transaction() as c:
        cases.set_identity(c, case_id, ident, at)
        # Only the fields that changed: another laptop's edit of another field is no conflict.
        replication.record_case(c, s, case_id, {
            f.name: getattr(ident, f.name) for f in dataclasses.fields(Identity)
            if (getattr(ident, f.name) or None) != (getattr(before, f.name) or None)}, at)
        audit.append(c, s.user.id, "case.edit_identity", "case", case_id, at=at)


def set_preferred_name(s: Session, case_id: int, name: str | None) -> None:
    at = now_iso()
    with s.db.transaction() as c:
        cases.set_preferred_name(c, case_id, name, at)
        replication.record_case(c, s, case_id, {"preferred_name": name}, at)
        audit.append(c, s.user.id, "case.edit", "case", case_id, detail="preferred_name", at=at)


def set_status(s: Session, case_id: int, status: CaseStatus) -> None:
    at = now_iso()
    with s.db.transaction() as c:
        cases.set_status(c, case_id, status, at)
        replication.record_case(c, s, case_id, {"status": status.value}, at)
        audit.append(c, s.user.id, "case.status", "case", case_id, detail=status.value, at=at)


def delete_case(s: Session, case_id: int) -> None:
    with s.db.transaction() as c:
        delete_in(c, s, case_id, "case.delete")
        cases.compact_search(c)


def delete_in(c: Cursor, s: Session, case_id: int, action: str) -> None:
    """The one deletion of a case, inside the caller's transaction: a replication tombstone,
    the row (its interviews, answers, notes and consents go with it), the op log purged to the
    tombstone, and an audit entry `action` naming the case by its local id only. The caller
    compacts the search index after its last deletion (storage/cases.compact_search). A case
    under a legal hold is never deleted (CaseOnLegalHold)."""
    if cases.is_held(c, case_id):
        raise errors.CaseOnLegalHold(id=case_id)
    at = now_iso()
    uid = None if replication.is_demo(c, case_id) else replication.case_uid(c, case_id)
    if uid is not None:
        replication.record_deleted_case(c, s, uid, at)
    cases.delete(c, case_id)
    if uid is not None:
        replication.forget_case(c, uid)
    audit.append(c, s.user.id, action, "case", case_id, at=at)


def add_note(s: Session, case_id: int, body: str) -> int:
    at = now_iso()
    with s.db.transaction() as c:
        note_id = notes.insert(c, case_id, body, s.user.id, at)
        replication.record_note(c, s, note_id, {"created_at": at, "body": body}, at)
        cases.touch(c, case_id, at)
        audit.append(c, s.user.id, "note.create", "case", case_id, detail=f"note:{note_id}", at=at)
    return note_id


def edit_note(s: Session, note_id: int, body: str) -> None:
    at = now_iso()
    with s.db.transaction() as c:
        case_id = notes.update(c, note_id, body)
        replication.record_note(c, s, note_id, {"body": body}, at)
        cases.touch(c, case_id, at)
        audit.append(c, s.user.id, "note.edit", "case", case_id, detail=f"note:{note_id}", at=at)


def delete_note(s: Session, note_id: int) -> None:
    at = now_iso()
    with s.db.transaction() as c:
        replication.record_note(c, s, note_id, {"deleted": "1"}, at)
        note_uid = replication.note_uid(c, note_id)
        case_id = notes.delete(c, note_id)
        replication.forget_note(c, note_uid)
        cases.touch(c, case_id, at)
        audit.append(c, s.user.id, "note.delete", "case", case_id, detail=f"note:{note_id}", at=at)


def case_notes(s: Session, case_id: int) -> list[Note]:
    return notes.for_case(s.db, case_id)


def case_activity(s: Session, case_id: int, limit: int = 200) -> list[AuditEntry]:
    return audit.entries_for(s.db, "case", case_id, limit)


def browse(
    s: Session, text: str = "", status: CaseStatus | None = None, limit: int = 200, offset: int = 0
) -> list[CaseSummary]:
    """The case list's rows: no preferred name in them; one comes only through a reveal."""
    return [_nameless(c) for c in cases.search(s.db, text, status, limit, offset)]


def browse_code(s: Session, typed_code: str) -> CaseSummary:
    """One case list row, by its code, without the name."""
    return _nameless(find_by_code(s, typed_code))


def reveal_preferred_name(s: Session, case_id: int) -> str | None:
    """The one name asked for; audited as an identity reveal."""
    with s.db.transaction() as c:
        audit.append(c, s.user.id, "case.reveal_identity", "case", case_id)
    return cases.get(s.db, case_id).preferred_name


@dataclasses.dataclass(frozen=True, slots=True)
class CaseRecord:
    """One case for a check from the command line: its row, what it holds, and which
    identifying fields are filled; their values only after an audited reveal."""

    summary: CaseSummary
    interviews: int
    answers: int
    notes: int
    consents: int
    filled: tuple[str, ...]  # names of the identifying fields that hold something
    revealed: dict[str, str] | None  # field -> value, only when asked for (audited)

    def __repr__(self) -> str:
        return f"CaseRecord({self.summary!r}, filled={self.filled})"


def case_record(s: Session, typed_code: str, *, reveal: bool = False) -> CaseRecord:
    """The case behind `typed_code`, nameless unless `reveal` (one audited reveal)."""
    from intake_app.services import consents, interviews

    summary = find_by_code(s, typed_code)
    ident = cases.identity(s.db, summary.id)
    values = {"preferred_name": summary.preferred_name,
              **{f.name: getattr(ident, f.name) for f in dataclasses.fields(Identity)}}
    filled = tuple(name for name, value in values.items() if value)
    with s.db.transaction() as c:
        audit.append(c, s.user.id, "case.reveal_identity" if reveal else "case.view",
                     "case", summary.id)
    held = interviews.case_interviews(s, summary.id)
    return CaseRecord(
        summary=_nameless(summary),
        interviews=len(held),
        answers=sum(i.answered for i in held),
        notes=len(notes.for_case(s.db, summary.id)),
        consents=len(consents.case_consents(s, summary.id)),
        filled=filled,
        revealed={name: str(values[name]) for name in filled} if reveal else None,
    )


def _nameless(summary: CaseSummary) -> CaseSummary:
    return dataclasses.replace(summary, preferred_name=None)
