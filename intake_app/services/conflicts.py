"""Two versions of one field: a detail changed on two laptops while they were apart keeps both
values until a person keeps one (or writes another); that choice is an op like any change, and
every earlier value stays in the field's history. Identifying values are withheld until an
audited reveal, as on the Identifying details tab."""

from __future__ import annotations

from dataclasses import dataclass

from intake_app import errors
from intake_app.domain.answer_summary import value_text
from intake_app.domain.case import IDENTIFYING_FIELDS, CaseStatus
from intake_app.domain.protocol import Question
from intake_app.domain.replicated_rows import answer_shown, decode_answer
from intake_app.domain.replication import Op, field_state, history, states
from intake_app.services.replication_clock import record
from intake_app.services.session import Session
from intake_app.storage import audit
from intake_app.storage import replication as log
from intake_app.storage.audit import now_iso


@dataclass(frozen=True, slots=True)
class Version:
    value: str | None  # an answer's: its value as text (None: declined, not known, cleared)
    author: str
    at_ms: int
    op_id: str
    state: str | None = None  # an answer's state ("value", "declined", ...); None: no answer

    def __repr__(self) -> str:
        return f"Version(by={self.author!r}, at={self.at_ms})"


# Values shown only after an audited reveal, as on the Identifying details tab.
HIDDEN_FIELDS = frozenset({"preferred_name", *IDENTIFYING_FIELDS})


@dataclass(frozen=True, slots=True)
class FieldConflict:
    """One field shown as "two versions": each with who and when, newest first."""

    entity: str
    entity_uid: str
    field: str  # an answer's: the question id
    versions: tuple[Version, ...]
    history: tuple[Version, ...]  # every value it had, oldest first
    hidden: bool = False  # identifying: the values are withheld until an audited reveal
    label: str = ""  # an answer's question, in the interview's language


def case_conflicts(s: Session, case_id: int, *, reveal: bool = True) -> list[FieldConflict]:
    """The case's fields with several versions. `reveal=False` withholds identifying values
    (the case page's first view); revealing them is audited like any identity reveal."""
    case_uid = log.case_uid_of(s.db, case_id)
    ops = log.case_ops(s.db, case_uid)
    listed = set(log.conflicts(s.db, case_uid))  # fields merged by a rule are never shown
    out = []
    shown_identifying = False  # a revealed identifying value: audited below
    for key, state in sorted(states(ops).items()):
        if not state.conflicted or key not in listed:
            continue
        question, language = _question_in(s, key) if key[0] == "answer" else (None, "en")
        label, identifying = _label(key, question, language)
        identifying = identifying or (key[0] == "case" and key[2] in HIDDEN_FIELDS)
        hide = not reveal and identifying
        shown_identifying = shown_identifying or (reveal and identifying)
        same = [o for o in ops if o.key == key]
        out.append(FieldConflict(
            *key, tuple(_version(h, hide, question, language) for h in state.heads),
            tuple(_version(o, hide, question, language) for o in history(same)), hide, label,
        ))
    if shown_identifying:
        with s.db.transaction() as c:
            audit.append(c, s.user.id, "case.reveal_identity", "case", case_id,
                         detail="conflicting versions")
    return out


def _question_in(s: Session, key: tuple[str, str, str]) -> tuple[Question | None, str]:
    """An answer's question and its interview's language (None: not known here)."""
    from intake_app.services.interviews import question_in

    found = question_in(s, key[1], key[2])
    return found if found is not None else (None, "en")


def _label(key: tuple[str, str, str], question: Question | None, language: str
           ) -> tuple[str, bool]:
    """An answer's question text, and whether it is identifying; a case field's: ("", False)."""
    if key[0] != "answer":
        return "", False
    if question is None:
        return key[2], True  # unknown: withheld, to be safe
    return question.text(language), question.identifying


def _version(op: Op, hide: bool = False, question: Question | None = None,
             language: str = "en") -> Version:
    if op.entity == "answer":
        state, text = answer_shown(op.value)
        value = None if op.value is None else decode_answer(op.value).value
        if value is not None:  # in words, as the answer summary shows it ("2026-12-03 22:00")
            text = value_text(question, value, language)
        return Version(None if hide else text, op.author, op.hlc.wall_ms, op.op_id,
                       None if state is None else state.value)
    return Version(None if hide else op.value, op.author, op.hlc.wall_ms, op.op_id)


def keep_version(s: Session, case_id: int, conflict: FieldConflict, op_id: str) -> None:
    """A person keeps one of the versions shown (by its op: its value may be withheld)."""
    with s.db.transaction() as c:
        ops = {o.op_id: o for o in log.field_ops(c, conflict.entity, conflict.entity_uid,
                                                  conflict.field)}
    if op_id not in ops:
        raise errors.InvalidInput(field="version", reason="not a version of this field")
    resolve(s, case_id, conflict, ops[op_id].value)


def resolve(s: Session, case_id: int, conflict: FieldConflict, value: str | None) -> None:
    """A person picks one version (or writes a third): an op replacing every version shown."""
    at = now_iso()
    with s.db.transaction() as c:
        case_uid = log.case_uid_of(c, case_id)
        state = field_state(log.field_ops(c, conflict.entity, conflict.entity_uid, conflict.field))
        if not state.conflicted:
            raise errors.InvalidInput(field="version", reason="this field has one value now")
        if conflict.field == "status" and value not in {x.value for x in CaseStatus}:
            raise errors.InvalidInput(field="status", reason="not a case status")
        record(c, s, conflict.entity, conflict.entity_uid, conflict.field, value, case_uid, at)
        log.materialise_case(c, case_uid, at)
        audit.append(c, s.user.id, "case.conflict_resolved", "case", case_id,
                     detail=f"{conflict.entity}.{conflict.field}:versions:{len(state.heads)}")
