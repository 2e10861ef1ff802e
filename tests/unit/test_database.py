"""The encrypted database: settings, migrations, refusal of the unknown, damage reported clearly."""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path

import pytest
import sqlcipher3
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake_app import errors
from intake_app.storage import migrations
from intake_app.storage.database import Database, _raw_key, _split_sql


def _key() -> bytes:
    return secrets.token_bytes(32)


def _create_at_version(path: Path, key: bytes, version: int) -> None:
    """A database as an older app left it: only the first `version` steps applied."""
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.set_key(_raw_key(key))
    conn.execute("BEGIN")
    for step in migrations.STEPS[:version]:
        for statement in _split_sql(step):
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute("COMMIT")
    conn.close()


def test_settings_are_pinned_and_safe(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "a.db", [_key()])
    assert db.query_one("PRAGMA journal_mode") == ("wal",)
    assert db.query_one("PRAGMA temp_store") == (2,)  # 2 = MEMORY
    assert db.query_one("PRAGMA cipher_memory_security") == ("0",)  # policy may switch it on
    assert db.query_one("PRAGMA synchronous") == (2,)  # FULL
    assert db.query_one("PRAGMA cipher_page_size") == ("4096",)
    assert db.query_one("PRAGMA cipher_hmac_algorithm") == ("HMAC_SHA512",)
    assert db.schema_version() == migrations.LATEST
    db.close()


def test_the_file_is_not_sqlite_without_the_key(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "a.db"
    Database.open(path, [_key()]).close()
    assert not path.read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master").fetchall()


def test_a_wrong_key_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    Database.open(path, [_key()]).close()
    before = hashlib.sha256(path.read_bytes()).digest()
    with pytest.raises(errors.DatabaseKeyMismatch) as info:
        Database.open(path, [_key()])
    assert "a.db" in info.value.message
    assert hashlib.sha256(path.read_bytes()).digest() == before


def test_the_second_key_opens_after_an_interrupted_rekey(tmp_path: Path) -> None:
    path, old, new = tmp_path / "a.db", _key(), _key()
    db = Database.open(path, [old])
    db.rekey(new)
    db.close()
    db = Database.open(path, [old, new])
    assert db.key_index == 1
    db.close()


def test_migrating_from_zero_equals_creating_fresh(tmp_path: Path) -> None:
    fresh = Database.open(tmp_path / "fresh.db", [_key()])
    key = _key()
    _create_at_version(tmp_path / "old.db", key, 0)
    migrated = Database.open(tmp_path / "old.db", [key])
    assert migrated.schema() == fresh.schema()
    assert migrated.schema_version() == fresh.schema_version() == migrations.LATEST
    fresh.close()
    migrated.close()


def test_each_step_keeps_data_and_backs_up_first(tmp_path: Path) -> None:
    key = _key()
    path = tmp_path / "old.db"
    _create_at_version(path, key, 1)
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.set_key(_raw_key(key))
    conn.execute(
        "INSERT INTO cases (code, preferred_name, created_at, updated_at)"
        " VALUES ('ABCD-EFGH', 'Synthetic Person', '2026-01-01', '2026-01-01')"
    )
    conn.close()

    db = Database.open(path, [key], backup_dir=tmp_path / "backups")
    assert db.schema_version() == migrations.LATEST
    assert db.query("SELECT code, preferred_name FROM cases") == [("ABCD-EFGH", "Synthetic Person")]
    assert db.query("SELECT count(*) FROM consents") == [(0,)]  # the v2 table exists, empty
    db.close()

    backups = list((tmp_path / "backups").iterdir())
    assert len(backups) == 1
    assert b"Synthetic Person" not in backups[0].read_bytes()
    # The backup opens with the same key and is the pre-migration schema.
    conn = sqlcipher3.connect(str(backups[0]), isolation_level=None)
    conn.set_key(_raw_key(key))
    assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    assert conn.execute("SELECT preferred_name FROM cases").fetchall() == [("Synthetic Person",)]
    assert conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE name = 'consents'"
    ).fetchone() == (0,)
    conn.close()


def test_a_database_newer_than_the_app_is_refused_untouched(tmp_path: Path) -> None:
    key = _key()
    path = tmp_path / "new.db"
    _create_at_version(path, key, migrations.LATEST)
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.set_key(_raw_key(key))
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    conn.close()
    before = hashlib.sha256(path.read_bytes()).digest()
    with pytest.raises(errors.DatabaseTooNew) as info:
        Database.open(path, [key])
    assert "newer version" in info.value.message
    assert hashlib.sha256(path.read_bytes()).digest() == before


def test_a_corrupt_page_is_reported_and_the_rest_still_reads(tmp_path: Path) -> None:
    key = _key()
    path = tmp_path / "a.db"
    db = Database.open(path, [key])
    with db.transaction() as c:
        c.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)")
        c.executemany("INSERT INTO filler (body) VALUES (?)", [("x" * 500,) for _ in range(400)])
        c.execute(
            "INSERT INTO cases (code, created_at, updated_at) VALUES ('KEEP-SAFE', '2026', '2026')"
        )
    db.close()
    data = bytearray(path.read_bytes())
    pages = len(data) // 4096
    victim = pages - 3  # a filler page near the end, not the schema or the cases table
    data[victim * 4096 + 100 : victim * 4096 + 116] = secrets.token_bytes(16)
    path.write_bytes(bytes(data))

    db = Database.open(path, [key])
    assert db.query("SELECT code FROM cases") == [("KEEP-SAFE",)]
    with pytest.raises(errors.DatabaseCorrupt) as info:
        db.query("SELECT count(*), sum(length(body)) FROM filler")
    assert "damaged" in info.value.message
    assert db.integrity_problems()  # the check names a problem instead of passing
    db.close()


def test_a_damaged_first_page_is_named_as_damage_not_a_foreign_key(tmp_path: Path) -> None:
    key = _key()
    path = tmp_path / "a.db"
    Database.open(path, [key]).close()
    data = bytearray(path.read_bytes())
    data[40:56] = bytes(16)
    path.write_bytes(bytes(data))
    with pytest.raises(errors.DatabaseStartDamaged) as info:
        Database.open(path, [key])
    assert "a.db" in info.value.message and "key is right" in info.value.message
    assert path.read_bytes() == bytes(data)  # nothing was changed
    with pytest.raises(errors.DatabaseKeyMismatch):  # another key still says "other set-up"
        Database.open(path, [_key()])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(offset=st.integers(min_value=16, max_value=4095), bit=st.integers(min_value=0, max_value=7))
def test_any_flip_in_the_first_page_past_the_salt_is_damage(
    tmp_path: Path, offset: int, bit: int
) -> None:
    # The 16-byte salt keys every page, so a flip there reads as another set-up; any other
    # byte of page 1 leaves the rest verifiable under the right key.
    key = _key()
    path = tmp_path / f"{offset}-{bit}.db"
    Database.open(path, [key]).close()
    data = bytearray(path.read_bytes())
    data[offset] ^= 1 << bit
    path.write_bytes(bytes(data))
    with pytest.raises(errors.DatabaseStartDamaged):
        Database.open(path, [_key(), key])  # also when the right key is the second tried


def test_a_transaction_is_all_or_nothing(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "a.db", [_key()])
    with pytest.raises(RuntimeError), db.transaction() as c:
        c.execute("INSERT INTO cases (code, created_at, updated_at) VALUES ('AAAA-AAAA', '1', '1')")
        raise RuntimeError("boom")
    assert db.query("SELECT count(*) FROM cases") == [(0,)]
    db.close()


def test_the_gui_thread_may_not_touch_the_database(tmp_path: Path) -> None:
    from intake_app.threads import BlockingOnGuiThread, clear_gui_thread, mark_gui_thread

    db = Database.open(tmp_path / "a.db", [_key()])
    mark_gui_thread()
    try:
        with pytest.raises(BlockingOnGuiThread):
            db.query("SELECT 1")
    finally:
        clear_gui_thread()
    db.close()


def test_extension_loading_stays_off(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "a.db", [_key()])
    with pytest.raises(Exception, match="not authorized"):
        db.query("SELECT load_extension('/nonexistent/evil')")
    db.close()


# Rows an older app may have left, by the step that created their tables (synthetic only).
_SEEDS: dict[int, tuple[str, ...]] = {
    1: (
        "INSERT INTO users VALUES (1, 'slot-1', 'ana', 'advocate', '2026-01-01', NULL)",
        "INSERT INTO cases (id, code, preferred_name, legal_name, created_at, updated_at,"
        " created_by) VALUES (1, 'ABCD-EFGH', 'Synthetic Person', 'Synthetic Legal',"
        " '2026-01-01', '2026-01-02', 1)",
        "INSERT INTO interviews (id, case_id, protocol_id, protocol_version, language, role,"
        " started_at, updated_at) VALUES (1, 1, 'advocate_intake', '1', 'es', 'advocate',"
        " '2026-01-01', '2026-01-01')",
        "INSERT INTO answers VALUES (1, 'q1', 'value', '\"synthetic\"', '2026-01-01')",
        "INSERT INTO answers VALUES (1, 'q2', 'declined', NULL, '2026-01-01')",
        "INSERT INTO notes (id, case_id, body, created_at, created_by)"
        " VALUES (1, 1, 'synthetic note words', '2026-01-01', 1)",
    ),
    2: (
        "INSERT INTO consents (id, case_id, purpose, recipient_id, categories_json, wording,"
        " language, method, given_at, expires_at) VALUES (1, 1, 'services', 'ff00',"
        " '[\"needs\"]', 'synthetic wording', 'en', 'verbal', '2026-01-01', '2026-06-01')",
    ),
    3: (
        "INSERT INTO partners (id, agency_id, name, kind, card, fingerprint, imported_at)"
        " VALUES (1, 'ff00', 'Synthetic Shelter', 'service_provider', x'00', 'abcd',"
        " '2026-01-01')",
        "INSERT INTO outbox (id, envelope_id, recipient_id, kind, expires, body, queued_at)"
        " VALUES (1, 'e1', 'ff00', 'share', 99, x'0102', '2026-01-01')",
    ),
    5: ("INSERT INTO laptop_state VALUES ('probe', x'01', '2026-01-01')",),
}


def _tables(conn: sqlcipher3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        " AND name NOT LIKE 'case_search_%' ORDER BY name"
    ).fetchall()
    return [r[0] for r in rows]


@pytest.mark.parametrize("version", range(1, migrations.LATEST))
def test_every_step_from_here_keeps_every_row(tmp_path: Path, version: int) -> None:
    """Each version an older app may have left migrates to the latest with every row intact."""
    key, path = _key(), tmp_path / "old.db"
    _create_at_version(path, key, version)
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.set_key(_raw_key(key))
    for step, statements in _SEEDS.items():
        if step <= version:
            for statement in statements:
                conn.execute(statement)
    before = {}
    for table in _tables(conn):
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        before[table] = (columns, sorted(conn.execute(f"SELECT * FROM {table}").fetchall()))
    conn.close()
    assert sum(bool(rows) for _, rows in before.values()) >= 5

    db = Database.open(path, [key], backup_dir=tmp_path / "backups")
    fresh = Database.open(tmp_path / "fresh.db", [_key()])
    try:
        assert db.schema_version() == migrations.LATEST
        assert db.schema() == fresh.schema()
        for table, (columns, rows) in before.items():
            after = db.query(f"SELECT {', '.join(columns)} FROM {table}")
            assert sorted(after) == rows, table
        # The search index still finds the case by its preferred name and its note.
        for words in ("Synthetic", "note"):
            hit = db.query("SELECT rowid FROM case_search WHERE case_search MATCH ?", (words,))
            assert hit == [(1,)]
    finally:
        db.close()
        fresh.close()


# Memory security cannot be switched off again inside a process: each case runs in its own.
_UNLOCK_AND_REPORT = """
import sys
from pathlib import Path
from intake_app.services.session import Workspace
s = Workspace(Path(sys.argv[1])).unlock("ana", sys.argv[2])
print("memory-security", "on" if s.db.memory_security else "off")
s.close()
"""


@pytest.mark.parametrize("asked", [True, False])
def test_memory_security_follows_the_agency_policy_from_the_next_unlock(
    tmp_path: Path, asked: bool
) -> None:
    import subprocess
    import sys

    from intake_app.admin.policy import AgencyPolicy
    from intake_app.admin.profile import SignedProfile, install_profile
    from intake_app.services.session import Workspace
    from intake_app.storage.kdf import KdfParams
    from intake_app.sync.keys import AgencyIdentity
    from tests.conftest import PASSPHRASE

    data = tmp_path / "data"
    Workspace(data).set_up("ana", PASSPHRASE, kdf=KdfParams.for_tests())[0].close()
    contacts = [{"name": "Ana Ruiz", "role": "Coordinator", "email": "ana@norte.example.org"}]
    agency = AgencyIdentity.generate("Refugio Norte", "service_provider", contacts)
    policy = AgencyPolicy(cipher_memory_security=asked)
    install_profile(data, SignedProfile.issue(agency, policy, 1).to_bytes(), agency.card)
    out = subprocess.run(
        [sys.executable, "-c", _UNLOCK_AND_REPORT, str(data), PASSPHRASE],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout
    assert f"memory-security {'on' if asked else 'off'}" in out


def test_cases_kept_before_the_legal_hold_start_without_one(tmp_path: Path) -> None:
    key, path = _key(), tmp_path / "old.db"
    before = migrations.STEPS.index(migrations.V_LEGAL_HOLD)
    _create_at_version(path, key, before)
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.set_key(_raw_key(key))
    for step, statements in _SEEDS.items():
        if step <= before:
            for statement in statements:
                conn.execute(statement)
    conn.close()
    db = Database.open(path, [key], backup_dir=tmp_path / "backups")
    try:
        held = db.query("SELECT legal_hold FROM cases")
        assert held and {r[0] for r in held} == {0}
        with pytest.raises(sqlcipher3.dbapi2.IntegrityError), db.transaction() as c:
            c.execute("UPDATE cases SET legal_hold = 2")  # on or off, nothing else
    finally:
        db.close()
