"""Use cases over a real encrypted data folder: cases, search, identity, notes, users, audit."""

from __future__ import annotations

import pytest

from intake_app import errors
from intake_app.domain import casecode
from intake_app.domain.case import CaseStatus, Identity, Role
from intake_app.services import cases as case_svc
from intake_app.services import session as svc
from intake_app.services.checks import audit_span
from intake_app.services.session import Session, Workspace
from intake_app.storage.kdf import KdfParams
from tests.conftest import PASSPHRASE


def _actions(session: Session, case_id: int) -> list[str]:
    return [e.action for e in case_svc.case_activity(session, case_id)]


def test_a_new_case_needs_no_field_at_all(session: Session) -> None:
    case = case_svc.create_case(session)
    assert casecode.is_valid(case.code)
    assert case.preferred_name is None
    assert case.status is CaseStatus.OPEN
    assert case_svc.reveal_identity(session, case.id) == Identity()
    assert [c.id for c in case_svc.list_cases(session)] == [case.id]


def test_search_finds_code_preferred_name_and_notes(session: Session) -> None:
    a = case_svc.create_case(session, preferred_name="Mariposa")
    b = case_svc.create_case(session)
    case_svc.add_note(session, b.id, "needs a Tagalog interpreter")
    case_svc.create_case(session, preferred_name="Other")
    assert [c.id for c in case_svc.list_cases(session, "maripo")] == [a.id]
    assert [c.id for c in case_svc.list_cases(session, "tagalog")] == [b.id]
    assert [c.id for c in case_svc.list_cases(session, b.code)] == [b.id]
    assert [c.id for c in case_svc.list_cases(session, b.code[:4])] == [b.id]
    assert case_svc.list_cases(session, "nothing-like-this") == []
    assert case_svc.list_cases(session, '"); DROP TABLE cases; --') == []
    case_svc.set_status(session, a.id, CaseStatus.CLOSED)
    assert [c.id for c in case_svc.list_cases(session, status=CaseStatus.CLOSED)] == [a.id]


def test_a_typed_code_with_a_typo_is_caught(session: Session) -> None:
    case = case_svc.create_case(session)
    assert case_svc.find_by_code(session, case.code.lower().replace("-", " ")).id == case.id
    body = casecode.normalise(case.code)
    wrong = ("1" if body[0] != "1" else "2") + body[1:]
    with pytest.raises(errors.InvalidInput, match="typo"):  # typed: one line in every front-end
        case_svc.find_by_code(session, wrong)


def test_identity_reveal_and_edit_are_audited_without_values(session: Session) -> None:
    case = case_svc.create_case(session)
    case_svc.update_identity(session, case.id, Identity(legal_name="Synthetic Legalname"))
    assert case_svc.reveal_identity(session, case.id).legal_name == "Synthetic Legalname"
    assert {"case.create", "case.edit_identity", "case.reveal_identity"} <= set(
        _actions(session, case.id)
    )
    rows = session.db.query("SELECT detail FROM audit")
    assert all("Synthetic" not in (r[0] or "") for r in rows)
    assert "Synthetic" not in repr(case_svc.reveal_identity(session, case.id))


def test_case_list_rows_never_hold_a_name_until_an_audited_reveal(session: Session) -> None:
    case = case_svc.create_case(session, "Synthetic Brightwater")
    rows = case_svc.browse(session, "Brightwater")
    assert [r.id for r in rows] == [case.id]  # found by the name...
    assert rows[0].preferred_name is None  # ...but the row does not carry it
    assert case_svc.browse_code(session, case.code).preferred_name is None
    assert "case.reveal_identity" not in _actions(session, case.id)
    assert case_svc.reveal_preferred_name(session, case.id) == "Synthetic Brightwater"
    assert "case.reveal_identity" in _actions(session, case.id)


def test_notes_edit_and_delete_update_search(session: Session) -> None:
    case = case_svc.create_case(session)
    note = case_svc.add_note(session, case.id, "first words")
    case_svc.edit_note(session, note, "second words")
    assert case_svc.list_cases(session, "first") == []
    assert [c.id for c in case_svc.list_cases(session, "second")] == [case.id]
    case_svc.delete_note(session, note)
    assert case_svc.list_cases(session, "second") == []
    with pytest.raises(errors.NotFound):
        case_svc.delete_note(session, note)


def test_wrong_passphrase_is_specific_and_audited_after_success(
    workspace: Workspace, admin_session: Session
) -> None:
    admin_session.close()
    with pytest.raises(errors.WrongPassphrase) as info:
        workspace.unlock("ana", "not the passphrase")
    assert "passphrase" in info.value.message
    s = workspace.unlock("ana", PASSPHRASE)
    actions = [r[0] for r in s.db.query("SELECT action FROM audit ORDER BY seq")]
    assert actions[-2:] == ["unlock.failed", "unlock"]
    assert audit_span(s).entries == len(actions)
    s.close()


def test_recovery_code_sets_a_new_passphrase_and_keeps_data(
    workspace: Workspace, session_and_code: tuple[Session, str]
) -> None:
    session, code = session_and_code
    case = case_svc.create_case(session, preferred_name="Kept")
    session.close()
    with pytest.raises(errors.WrongRecoveryCode):
        workspace.recover("AAAAA-AAAAA-AAAAA-AAAAA-AAAAA", "ana", "a brand new passphrase")
    s = workspace.recover(code.lower(), "ana", "a brand new passphrase")
    s.close()
    with pytest.raises(errors.WrongPassphrase):
        workspace.unlock("ana", PASSPHRASE)
    s = workspace.unlock("ana", "a brand new passphrase")
    assert case_svc.list_cases(s)[0].id == case.id
    s.close()


def test_users_added_changed_removed(workspace: Workspace, admin_session: Session) -> None:
    svc.add_user(admin_session, "ben", "bens own passphrase", Role.ADMIN)
    with pytest.raises(errors.UserExists):
        svc.add_user(admin_session, "ben", "another passphrase", Role.OFFICER)
    assert [u.username for u in svc.list_users(admin_session)] == ["ana", "ben"]
    admin_session.close()
    ben = workspace.unlock("ben", "bens own passphrase")
    assert ben.user.role is Role.ADMIN
    svc.change_passphrase(ben, "bens own passphrase", "bens newer passphrase")
    svc.remove_user(ben, "ana")
    assert [u.username for u in svc.list_users(ben)] == ["ben"]
    with pytest.raises(errors.LastUser):
        svc.remove_user(ben, "ben")
    ben.close()
    with pytest.raises(errors.WrongPassphrase):
        workspace.unlock("ana", PASSPHRASE)
    workspace.unlock("ben", "bens newer passphrase").close()


def test_rekey_keeps_every_way_in(workspace: Workspace) -> None:
    admin_session, code = workspace.set_up("ana", PASSPHRASE, Role.ADMIN, kdf=KdfParams.for_tests())
    case = case_svc.create_case(admin_session)
    old_key = admin_session.data_key
    svc.rekey(admin_session)
    assert admin_session.data_key != old_key
    admin_session.close()
    s = workspace.unlock("ana", PASSPHRASE)
    assert case_svc.list_cases(s)[0].id == case.id
    s.close()
    workspace.recover(code, "ana", PASSPHRASE).close()


def test_a_second_set_up_is_refused(workspace: Workspace, session: Session) -> None:
    with pytest.raises(errors.AlreadyInitialised):
        workspace.set_up("eve", PASSPHRASE, kdf=KdfParams.for_tests())


def test_a_corrupt_key_file_is_specific_and_leaves_the_database(
    workspace: Workspace, session: Session
) -> None:
    session.close()
    db_before = workspace.db_path.read_bytes()
    workspace.key_path.write_text("{ not json")
    with pytest.raises(errors.KeyFileCorrupt) as info:
        workspace.unlock("ana", PASSPHRASE)
    assert "key file" in info.value.message
    assert workspace.db_path.read_bytes() == db_before


def test_a_removed_users_old_key_file_opens_nothing(workspace: Workspace, admin_session: Session) -> None:
    svc.add_user(admin_session, "ben", "bens own passphrase", Role.OFFICER)
    stolen = workspace.key_path.read_bytes()  # ben keeps a copy before he leaves
    svc.remove_user(admin_session, "ben")
    admin_session.close()
    current = workspace.key_path.read_bytes()
    workspace.key_path.write_bytes(stolen)
    with pytest.raises(errors.DatabaseKeyMismatch):
        workspace.unlock("ben", "bens own passphrase")
    workspace.key_path.write_bytes(current)
    workspace.unlock("ana", PASSPHRASE).close()
