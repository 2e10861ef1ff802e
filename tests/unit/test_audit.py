"""The audit chain: append-only, and a change to any byte of any entry is named by verify."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake_app import errors
from intake_app.services import cases as case_svc
from intake_app.services.checks import audit_span
from intake_app.services.session import Session

COLUMNS = ["at", "actor", "action", "object_kind", "object_id", "detail", "prev_hash", "hash"]


@pytest.fixture
def chain(admin_session: Session) -> Session:
    session = admin_session  # verifying the audit log is an administrator's or supervisor's work
    for i in range(4):
        case = case_svc.create_case(session)
        case_svc.add_note(session, case.id, f"note {i}")
        case_svc.open_case(session, case.id)
    return session


def _unprotect(session: Session) -> None:
    # An attacker holding the key can drop the triggers; the hashes still catch the edit.
    with session.db.transaction() as c:
        c.execute("DROP TRIGGER IF EXISTS audit_no_update")
        c.execute("DROP TRIGGER IF EXISTS audit_no_delete")


def test_the_chain_verifies_and_is_append_only(chain: Session) -> None:
    count = audit_span(chain).entries
    assert count >= 13
    with pytest.raises(Exception, match="append-only"), chain.db.transaction() as c:
        c.execute("UPDATE audit SET action = 'x' WHERE seq = 1")
    with pytest.raises(Exception, match="append-only"), chain.db.transaction() as c:
        c.execute("DELETE FROM audit WHERE seq = 1")
    assert audit_span(chain).entries == count


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_one_changed_byte_in_any_entry_is_named(chain: Session, data: st.DataObject) -> None:
    _unprotect(chain)
    total = audit_span(chain).entries
    seq = data.draw(st.integers(1, total), label="seq")
    column = data.draw(st.sampled_from(COLUMNS), label="column")
    row = chain.db.query_one(f"SELECT {column} FROM audit WHERE seq = ?", (seq,))
    assert row is not None
    original = row[0]
    if isinstance(original, bytes):
        i = data.draw(st.integers(0, len(original) - 1))
        changed: object = original[:i] + bytes([original[i] ^ 0x01]) + original[i + 1 :]
    elif isinstance(original, int):
        changed = original + 1
    elif original is None:
        changed = "x"
    else:
        i = data.draw(st.integers(0, len(original) - 1))
        changed = original[:i] + chr(ord(original[i]) ^ 0x01) + original[i + 1 :]
    with chain.db.transaction() as c:
        c.execute(f"UPDATE audit SET {column} = ? WHERE seq = ?", (changed, seq))
    try:
        with pytest.raises(errors.AuditBroken) as info:
            audit_span(chain)
        assert info.value.ids["seq"] == seq
        assert f"entry {seq}" in info.value.message
    finally:
        with chain.db.transaction() as c:
            c.execute(f"UPDATE audit SET {column} = ? WHERE seq = ?", (original, seq))
    assert audit_span(chain).entries == total


def test_a_removed_entry_is_named(chain: Session) -> None:
    _unprotect(chain)
    with chain.db.transaction() as c:
        c.execute("DELETE FROM audit WHERE seq = 3")
    with pytest.raises(errors.AuditBroken) as info:
        audit_span(chain)
    assert info.value.ids["seq"] == 3
