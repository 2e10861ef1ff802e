"""Retention over real SQLCipher folders and a fake clock: the due list, a case under a legal hold
kept, deletion audited and vacuumed with the deleted case's name gone from every table and from
the op log, the data check still passing; a legal hold replicates to a second laptop."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from intake_app import errors
from intake_app.domain.case import CaseStatus, Identity, Role
from intake_app.domain.retention import Refusal
from intake_app.services import cases, checks, replication, retention
from intake_app.services.roles import NotPermitted
from intake_app.services.session import Session, Workspace
from intake_app.storage.kdf import KdfParams
from tests.agencies import PASSPHRASE

PLANTED = "Zorabelle Quintanilla"  # synthetic; searched for in every table afterwards
EIGHT_YEARS_ON = datetime.now(UTC) + timedelta(days=8 * 365)


def _laptop(folder: Path, user: str, role: Role = Role.SUPERVISOR) -> Session:
    s, _code = Workspace(folder).set_up(user, PASSPHRASE, role, kdf=KdfParams.for_tests())
    return s


@pytest.fixture
def sara(tmp_path: Path) -> Iterator[Session]:
    s = _laptop(tmp_path / "sara", "sara")
    yield s
    s.close()


def send(source: Session, *targets: Session) -> None:
    ids, payload = replication.outgoing(source)
    data = replication.payload_bytes(payload)
    for target in targets:
        replication.apply_ops(target, replication.parse_batch(json.loads(data)))
    replication.mark_sent(source, ids)


def _closed(s: Session, name: str, *, note: str | None = None) -> str:
    made = cases.create_case(s, name)
    cases.update_identity(s, made.id, Identity(legal_name=f"{name} Example", contact="555-0199"))
    if note is not None:
        cases.add_note(s, made.id, note)
    cases.set_status(s, made.id, CaseStatus.CLOSED)
    return made.code


def _text_anywhere(s: Session, needle: str) -> list[str]:
    """Every table.column whose text (or bytes) holds `needle`, case-insensitively."""
    found: list[str] = []
    tables = [str(r[0]) for r in s.db.query(
        "SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        columns = [str(r[1]) for r in s.db.query(f"PRAGMA table_info('{table}')")]
        for column in columns:
            for (value,) in s.db.query(f'SELECT "{column}" FROM "{table}"'):
                text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
                if any(part.lower() in text.lower() for part in needle.split()):
                    found.append(f"{table}.{column}")
    return found


def test_due_cases_are_listed_held_ones_kept_and_deletion_leaves_nothing(sara: Session) -> None:
    due = _closed(sara, PLANTED, note=f"{PLANTED} asked for a lawyer")
    held = _closed(sara, "Held Person")
    retention.set_legal_hold(sara, cases.browse_code(sara, held).id, True)
    still_open = cases.create_case(sara, "Open Person").code
    assert retention.cases_due_for_deletion(sara) == []  # today: nothing is seven years old

    listed = retention.cases_due_for_deletion(sara, EIGHT_YEARS_ON)
    assert [d.code for d in listed] == [due]
    assert listed[0].status is CaseStatus.CLOSED and listed[0].days_overdue >= 360
    assert PLANTED not in repr(listed)
    assert _text_anywhere(sara, PLANTED)  # the probe finds it while the case is there

    result = retention.delete_due_cases(sara, [due, held, still_open, "ZZZZ-ZZZZ"], EIGHT_YEARS_ON)
    assert result.deleted == (due,)
    assert result.refused == {held: Refusal.LEGAL_HOLD, still_open: Refusal.NOT_DUE,
                              "ZZZZ-ZZZZ": Refusal.NOT_FOUND}
    assert sorted(c.code for c in cases.browse(sara)) == sorted([held, still_open])

    assert _text_anywhere(sara, PLANTED) == []  # no table, no op, no search index, no audit
    deletions = sara.db.query(
        "SELECT object_kind, detail FROM audit WHERE action = ?", (retention.DELETE_ACTION,))
    assert [tuple(r) for r in deletions] == [("case", None)]
    [tombstone] = sara.db.query(
        "SELECT field, value FROM ops WHERE case_uid NOT IN (SELECT uid FROM cases)")
    assert tuple(tombstone) == ("deleted", "1")  # the deletion still travels to colleagues
    report = checks.check_data(sara)
    assert report.ok, (report.page_problems, report.audit_problem)


def test_only_supervisors_and_administrators_manage_retention(tmp_path: Path) -> None:
    ana = _laptop(tmp_path / "ana", "ana", Role.ADVOCATE)
    try:
        code = cases.create_case(ana).code
        with pytest.raises(NotPermitted):
            retention.cases_due_for_deletion(ana, EIGHT_YEARS_ON)
        with pytest.raises(NotPermitted):
            retention.delete_due_cases(ana, [code], EIGHT_YEARS_ON)
        with pytest.raises(NotPermitted):
            retention.set_legal_hold(ana, cases.browse_code(ana, code).id, True)
        assert not retention.may_manage(ana)
    finally:
        ana.close()


def test_a_legal_hold_replicates_and_wins_over_a_colleague_who_lifted_it_apart(
    tmp_path: Path,
) -> None:
    sara, tom = _laptop(tmp_path / "sara", "sara"), _laptop(tmp_path / "tom", "tom", Role.ADMIN)
    try:
        code = _closed(sara, PLANTED)
        send(sara, tom)
        sara_id, tom_id = cases.browse_code(sara, code).id, cases.browse_code(tom, code).id
        retention.set_legal_hold(sara, sara_id, True)
        send(sara, tom)
        assert cases.browse_code(tom, code).legal_hold
        assert retention.cases_due_for_deletion(tom, EIGHT_YEARS_ON) == []
        assert retention.delete_due_cases(tom, [code], EIGHT_YEARS_ON).refused == {
            code: Refusal.LEGAL_HOLD}

        # Apart: Tom lifts the hold he saw; Sara, not having heard, puts it on again with a
        # new reason. Held wins: a hold is never lifted by someone who had not seen it.
        retention.set_legal_hold(tom, tom_id, False)
        retention.set_legal_hold(sara, sara_id, False)
        retention.set_legal_hold(sara, sara_id, True)
        send(tom, sara)
        send(sara, tom)
        assert cases.browse_code(sara, code).legal_hold and cases.browse_code(tom, code).legal_hold

        retention.set_legal_hold(tom, tom_id, False)  # lifted having seen every hold: lifted
        send(tom, sara)
        assert not cases.browse_code(sara, code).legal_hold
        assert retention.delete_due_cases(sara, [code], EIGHT_YEARS_ON).deleted == (code,)
        send(sara, tom)
        assert [c.code for c in cases.browse(tom)] == []  # the deletion reached the colleague
        assert _text_anywhere(tom, PLANTED) == []
    finally:
        sara.close()
        tom.close()


def test_a_hold_the_deleting_colleague_had_not_seen_keeps_the_case(tmp_path: Path) -> None:
    sara, tom = _laptop(tmp_path / "sara", "sara"), _laptop(tmp_path / "tom", "tom", Role.ADMIN)
    try:
        code = _closed(sara, PLANTED)
        send(sara, tom)
        tom_id = cases.browse_code(tom, code).id
        retention.set_legal_hold(tom, tom_id, True)  # not yet sent
        assert retention.delete_due_cases(sara, [code], EIGHT_YEARS_ON).deleted == (code,)
        send(sara, tom)
        kept = cases.browse_code(tom, code)
        assert kept.legal_hold and cases.reveal_identity(tom, kept.id).contact == "555-0199"
        with pytest.raises(errors.CaseOnLegalHold):
            cases.delete_case(tom, kept.id)  # nor does anyone delete it there by hand
        assert cases.browse_code(tom, code).legal_hold
        # Lifted later: the old deletion is not carried out by the next unrelated change (it
        # would be unaudited); the case goes back to its retention period here.
        retention.set_legal_hold(tom, kept.id, False)
        from intake_app.storage import replication as log
        from intake_app.storage.audit import now_iso

        with tom.db.transaction() as c:  # what any colleague's change to the case does here
            log.materialise_case(c, log.case_uid_of(c, kept.id), now_iso())
        assert cases.browse_code(tom, code).id == kept.id
    finally:
        sara.close()
        tom.close()
