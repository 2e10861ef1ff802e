"""The audit chain: append-only, and a change to any byte of any entry is named by verify."""

from __future__ import annotations

from pathlib import Path

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


# --- the keyed chain and its head outside the database (issue 11, item 6) ----------------------
def _recompute_plain_chain(session: Session, seq: int, action: str) -> None:
    """What an attacker who can open the file did before: edit an entry and recompute the
    public SHA-256 chain from there on, so the plain hashes all agree again."""
    import hashlib
    import json

    _unprotect(session)
    with session.db.transaction() as c:
        c.execute("UPDATE audit SET action = ? WHERE seq = ?", (action, seq))
        rows = c.all("SELECT seq, at, actor, action, object_kind, object_id, detail FROM audit"
                     " ORDER BY seq")
        prev = b"\x00" * 32
        for r in rows:
            canonical = json.dumps(list(r), separators=(",", ":"), ensure_ascii=True).encode()
            digest = hashlib.sha256(prev + canonical).digest()
            c.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, digest, r[0]))
            prev = digest


def test_an_edit_with_the_public_chain_recomputed_is_caught_by_the_keyed_seal(
    chain: Session,
) -> None:
    _recompute_plain_chain(chain, 3, "case.view")
    with pytest.raises(errors.AuditBroken) as info:
        audit_span(chain)
    assert info.value.ids["seq"] == 3 and "rewritten" in info.value.message


def test_cutting_the_last_entries_is_caught_by_the_head_outside(chain: Session) -> None:
    total = audit_span(chain).entries
    _unprotect(chain)
    with chain.db.transaction() as c:
        c.execute("DELETE FROM audit WHERE seq > ?", (total - 3,))
        c.execute("DELETE FROM audit_macs WHERE seq > ?", (total - 3,))
    with pytest.raises(errors.AuditBroken) as info:
        audit_span(chain)
    assert "last 3 entries were removed" in info.value.message
    case_svc.create_case(chain)  # the next answer must not overwrite the evidence
    with pytest.raises(errors.AuditBroken):
        audit_span(chain)


def test_an_older_copy_of_the_database_put_back_is_caught(chain: Session, tmp_path: Path) -> None:
    import shutil

    db_path = chain.db.path
    chain.db.checkpoint()
    shutil.copyfile(db_path, tmp_path / "older.db")  # e.g. a lost WAL, or a file rolled back
    case_svc.create_case(chain)
    ws, key = chain.workspace, chain.data_key
    chain.db.close()
    shutil.copyfile(tmp_path / "older.db", db_path)
    for leftover in db_path.parent.glob(db_path.name + "-*"):
        leftover.unlink()
    from intake_app.storage.database import Database

    chain.db = Database.open(db_path, [key])
    with pytest.raises(errors.AuditBroken, match="older copy"):
        audit_span(chain)
    assert ws.data_dir == db_path.parent


def test_a_missing_head_is_named(chain: Session) -> None:
    (chain.db.path.parent / "audit-head.json").unlink()
    with pytest.raises(errors.AuditBroken, match="head kept beside the database is missing"):
        audit_span(chain)


def test_a_rekey_keeps_the_chain_and_its_head_whole(chain: Session) -> None:
    from intake_app.services.session import rekey

    before = audit_span(chain).entries
    rekey(chain)
    assert audit_span(chain).entries > before  # the rotation is itself audited
    case_svc.create_case(chain)
    assert audit_span(chain).entries > before + 1


def test_a_crash_between_the_new_chain_and_the_rekey_leaves_the_old_one(chain: Session) -> None:
    import secrets

    from intake_app.storage import audit
    from intake_app.storage.database import audit_key_for

    with chain.db.transaction() as c:  # the first step of Database.rekey, then "the crash"
        audit.rechain(c, audit_key_for(secrets.token_bytes(32)))
    audit.settle_chain(chain.db)  # what the next open does
    assert audit_span(chain).entries >= 13


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    ops=st.lists(st.sampled_from(["append", "rekey"]), min_size=1, max_size=4),
    cut=st.integers(min_value=0, max_value=3),
)
def test_random_appends_rekeys_and_a_cut_tail(chain: Session, ops: list[str], cut: int) -> None:
    from intake_app.services.session import rekey

    for op in ops:
        if op == "rekey":
            rekey(chain)
        else:
            case_svc.create_case(chain)
        assert audit_span(chain).entries > 0  # intact after every step
    if not cut:
        return
    total = audit_span(chain).entries
    _unprotect(chain)
    with chain.db.transaction() as c:
        kept = c.all("SELECT * FROM audit WHERE seq > ?", (total - cut,))
        kept_macs = c.all("SELECT * FROM audit_macs WHERE seq > ?", (total - cut,))
        c.execute("DELETE FROM audit WHERE seq > ?", (total - cut,))
        c.execute("DELETE FROM audit_macs WHERE seq > ?", (total - cut,))
    with pytest.raises(errors.AuditBroken) as info:
        audit_span(chain)
    assert f"last {cut} entries were removed" in info.value.message
    with chain.db.transaction() as c:  # put them back: the fixture is shared by every example
        for row in kept:
            c.execute(f"INSERT INTO audit VALUES ({','.join('?' * len(row))})", tuple(row))
        for row in kept_macs:
            c.execute(f"INSERT INTO audit_macs VALUES ({','.join('?' * len(row))})", tuple(row))
    assert audit_span(chain).entries == total
