"""The encrypted database: opening with a raw key, pinned cipher settings, migrations, transactions.

Nothing outside `storage/` touches a connection. A `Database` belongs to the thread that opened
it (sqlcipher3 enforces this), which is never the GUI thread.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlcipher3 import dbapi2

from intake_app import errors
from intake_app.storage import migrations
from intake_app.threads import assert_not_gui_thread

log = logging.getLogger(__name__)

Row = tuple[Any, ...]

# What we asserted SQLCipher uses; a build with other defaults must fail loudly, not silently
# write files other builds cannot read.
PINNED = {
    "cipher_page_size": "4096",
    "cipher_hmac_algorithm": "HMAC_SHA512",
    "cipher_kdf_algorithm": "PBKDF2_HMAC_SHA512",
    "cipher_plaintext_header_size": "0",
}
_CORRUPT_HINTS = ("not a database", "malformed", "corrupt", "hmac")


def audit_key_for(data_key: bytes) -> bytes:
    """The audit chain's MAC key, derived from (never equal to) the data key."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(hashes.SHA256(), 32, salt=None, info=b"field-intake/audit/v1").derive(data_key)


def _raw_key(key: bytes) -> bytes:
    # SQLCipher's raw-key syntax: no PBKDF2 on open, the Argon2id vault already did the work.
    if len(key) != 32:
        raise ValueError("a data key is 32 bytes")
    return f"x'{key.hex()}'".encode()


@contextlib.contextmanager
def translate_errors(path: Path) -> Iterator[None]:
    """Turn SQLCipher's errors into typed ones whose messages carry no data."""
    try:
        yield
    except dbapi2.OperationalError as exc:
        text = str(exc).lower()
        if "full" in text:
            raise errors.DiskFull() from None
        if any(h in text for h in _CORRUPT_HINTS):
            raise errors.DatabaseCorrupt(path=path.name, detail="unreadable page") from None
        raise
    except dbapi2.DatabaseError as exc:
        if isinstance(exc, dbapi2.IntegrityError):
            raise
        text = str(exc).lower()
        if any(h in text for h in _CORRUPT_HINTS):
            raise errors.DatabaseCorrupt(path=path.name, detail="unreadable page") from None
        raise


def _pages_this_key_reads(conn: Any, path: Path) -> int | None:
    """After the first page failed: how many pages fail under this key, if some do not.

    Every page carries its own HMAC, and SQLCipher checks each one even when the first is
    unreadable. If any page verifies, the key is the database's own and the start of the file
    is damaged; if none does, the file belongs to another key (or its 16-byte salt, which keys
    every page, is what was damaged, which looks the same)."""
    pages = path.stat().st_size // int(PINNED["cipher_page_size"]) if path.exists() else 0
    if pages < 2:
        return None
    try:
        failed = sum(1 for _ in conn.execute("PRAGMA cipher_integrity_check"))
    except dbapi2.DatabaseError:
        return None
    return failed if failed < pages else None


class Database:
    """One open, unlocked, migrated SQLCipher database."""

    def __init__(self, path: Path, conn: Any, key_index: int, audit_key: bytes = b"") -> None:
        self.path = path
        self._conn = conn
        self.key_index = key_index  # which of the offered keys opened it (1 = a pending rekey)
        # Keys the audit chain's MACs (storage/audit.py); derived from the data key that opened
        # the file, never stored.
        self.audit_key = audit_key

    @property
    def memory_security(self) -> bool:
        """Whether SQLCipher's memory security is in force (process-wide once switched on)."""
        row = self.query_one("PRAGMA cipher_memory_security")
        return row is not None and str(row[0]) == "1"

    # --- opening ------------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        path: Path,
        keys: Sequence[bytes],
        *,
        backup_dir: Path | None = None,
        memory_security: bool = False,
    ) -> Database:
        """Open (creating if absent) and migrate; try each key in order (current, then pending).

        `memory_security` is SQLCipher's `cipher_memory_security`: it zeroes every buffer SQLCipher
        frees and locks its pages in RAM. Measured here it makes bulk writes 14-35x and FTS queries
        8-10x slower than plain SQLite (off: within 1.3x), and it cannot scrub the Python strings
        that hold the same answers, so it is off unless the agency policy asks for it (see the
        README's security model). Once any connection turns it on, SQLCipher keeps it on for the
        whole process.
        """
        assert_not_gui_thread("opening the database")
        existed = path.exists() and path.stat().st_size > 0
        last_error: errors.IntakeError | None = None
        for index, key in enumerate(keys):
            conn = cls._connect(path, key, memory_security)
            try:
                with translate_errors(path):
                    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except errors.DatabaseCorrupt:
                damaged = _pages_this_key_reads(conn, path)
                conn.close()
                if damaged is not None:
                    last_error = errors.DatabaseStartDamaged(path=path.name, pages=damaged)
                elif last_error is None:
                    last_error = errors.DatabaseKeyMismatch(path=path.name)
                continue
            db = cls(path, conn, index, audit_key_for(key))
            try:
                db._refuse_too_new()
                db._configure()
                db._migrate(existed, backup_dir)
                from intake_app.storage import audit  # it builds on this module

                audit.settle_chain(db)
            except BaseException:
                conn.close()
                raise
            return db
        raise last_error or errors.DatabaseKeyMismatch(path=path.name)

    @staticmethod
    def _connect(path: Path, key: bytes, memory_security: bool) -> Any:
        conn = sqlcipher3.connect(str(path), isolation_level=None)
        # SQLCipher's own logging would print page-level errors to stderr; we report typed errors.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.set_key(_raw_key(key))
        conn.execute(f"PRAGMA cipher_memory_security = {'ON' if memory_security else 'OFF'}")
        for name, value in PINNED.items():
            conn.execute(f"PRAGMA {name} = {value}")
        return conn

    def _configure(self) -> None:
        c = self._conn
        version = c.execute("PRAGMA cipher_version").fetchone()[0]
        if not str(version).startswith("4."):
            raise RuntimeError(f"SQLCipher 4 required, found {version}")
        for name, expected in PINNED.items():
            found = str(c.execute(f"PRAGMA {name}").fetchone()[0])
            if found != expected:
                raise RuntimeError(f"SQLCipher setting {name} is {found}, expected {expected}")
        # WAL must be set outside a transaction or it silently does nothing (FIELD-NOTES).
        mode = c.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise RuntimeError("could not switch the database to WAL")
        # FULL: every autosaved answer survives a power cut, not only a process crash.
        c.execute("PRAGMA synchronous = FULL")
        # FILE would spill plaintext sort/index pages into temp files (FIELD-NOTES).
        c.execute("PRAGMA temp_store = MEMORY")
        c.execute("PRAGMA foreign_keys = ON")
        c.execute("PRAGMA secure_delete = ON")
        c.execute("PRAGMA busy_timeout = 5000")
        c.execute("PRAGMA cache_size = -16384")

    def _refuse_too_new(self) -> None:
        # Before any PRAGMA that writes (WAL switches the header): a newer file stays untouched.
        current = self.schema_version()
        if current > migrations.LATEST:
            raise errors.DatabaseTooNew(found=current, known=migrations.LATEST)

    def _migrate(self, existed: bool, backup_dir: Path | None) -> None:
        current = self.schema_version()
        if current == migrations.LATEST:
            return
        if existed and current > 0 and backup_dir is not None:
            self.backup_to(backup_dir / f"{self.path.stem}-v{current}-{int(time.time())}.db")
        for version in range(current + 1, migrations.LATEST + 1):
            with self.transaction() as c:
                c.executescript_in_tx(migrations.STEPS[version - 1])
                c.execute(f"PRAGMA user_version = {version}")
            log.info("database migrated to schema %d", version)

    # --- use --------------------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[Cursor]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""
        assert_not_gui_thread("database work")
        with translate_errors(self.path):
            self._conn.execute("BEGIN IMMEDIATE")
            cursor = Cursor(self._conn, self.path, self.audit_key)
            try:
                yield cursor
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
        for hook in cursor.after_commit:  # e.g. the audit head, written once the entries are
            hook()

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """A read outside an explicit transaction."""
        assert_not_gui_thread("database work")
        with translate_errors(self.path):
            return list(self._conn.execute(sql, params).fetchall())

    def query_one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def schema_version(self) -> int:
        row = self.query_one("PRAGMA user_version")
        return int(row[0]) if row else 0

    def schema(self) -> list[tuple[str, str, str]]:
        """(type, name, sql) of every schema object, for migration tests."""
        return [
            (str(t), str(n), str(s))
            for t, n, s in self.query(
                "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name"
            )
        ]

    def integrity_problems(self) -> list[str]:
        """Results of integrity_check and cipher_integrity_check; empty when both pass."""
        problems: list[str] = []
        for pragma in ("cipher_integrity_check", "integrity_check"):
            try:
                problems += [str(r[0]) for r in self.query(f"PRAGMA {pragma}") if r[0] != "ok"]
            except (dbapi2.DatabaseError, errors.DatabaseCorrupt) as exc:
                problems.append(f"{pragma} could not run: {type(exc).__name__}")
        return problems

    def backup_to(self, target: Path) -> None:
        """An encrypted copy with the same key (sqlcipher_export), e.g. before migrating."""
        assert_not_gui_thread("database backup")
        from intake_app.paths import private_dir

        private_dir(target.parent)
        version = int(self._conn.execute("PRAGMA user_version").fetchone()[0])
        with translate_errors(self.path):
            # KEY '' would mean plaintext; omitting KEY reuses the main database's key.
            self._conn.execute("ATTACH DATABASE ? AS backup", (str(target),))
            try:
                self._conn.execute("SELECT sqlcipher_export('backup')")
                self._conn.execute(f"PRAGMA backup.user_version = {version}")
            finally:
                self._conn.execute("DETACH DATABASE backup")
        target.chmod(0o600)

    def copy_to(
        self, target: Path, key: bytes, progress: Callable[[int, int], None] | None = None
    ) -> None:
        """A consistent encrypted copy through SQLite's online backup API, `progress(done,
        total)` pages as it goes. `key` must be this database's own: the API copies pages, so
        both ends share a key (the copy gets its own salt)."""
        assert_not_gui_thread("database backup")
        if target.exists():
            raise FileExistsError(target.name)
        dest = self._connect(target, key, memory_security=False)
        try:
            def step(_status: int, remaining: int, total: int) -> None:
                if progress is not None:
                    progress(total - remaining, total)

            with translate_errors(self.path):
                self._conn.backup(dest, pages=1024, progress=step)
        finally:
            dest.close()
        target.chmod(0o600)

    def rekey(self, new_key: bytes) -> None:
        """Re-encrypt every page under a new data key (the audit chain re-keyed first)."""
        assert_not_gui_thread("database rekey")
        from intake_app.storage import audit

        new_audit_key = audit_key_for(new_key)
        with self.transaction() as c:
            # Beside the current chain, so a crash before the rekey leaves that one whole.
            audit.rechain(c, new_audit_key)
        with translate_errors(self.path):
            self._conn.reset_key(_raw_key(new_key))
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.audit_key = new_audit_key
        audit.settle_chain(self)

    def checkpoint(self) -> None:
        with translate_errors(self.path):
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def vacuum(self) -> None:
        assert_not_gui_thread("database vacuum")
        with translate_errors(self.path):
            self._conn.execute("VACUUM")
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        with contextlib.suppress(dbapi2.Error):
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._conn.close()


class Cursor:
    """What a transaction body sees: execute and fetch, nothing else."""

    def __init__(self, conn: Any, path: Path, audit_key: bytes = b"") -> None:
        self._conn = conn
        self._path = path
        self.audit_key = audit_key
        self.after_commit: list[Callable[[], None]] = []  # run once COMMIT has returned
        self.audit_head: tuple[bytes, int, bytes] | None = None  # (key id, count, MAC) added

    @property
    def path(self) -> Path:
        return self._path

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(sql, params)

    def executemany(self, sql: str, rows: Any) -> Any:
        return self._conn.executemany(sql, rows)

    def one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        row = self._conn.execute(sql, params).fetchone()
        return None if row is None else tuple(row)

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return [tuple(r) for r in self._conn.execute(sql, params).fetchall()]

    def executescript_in_tx(self, script: str) -> None:
        # executescript() would COMMIT first; split on statement boundaries instead so the
        # whole migration step stays one transaction.
        for statement in _split_sql(script):
            self._conn.execute(statement)


def _split_sql(script: str) -> list[str]:
    """Split a script into complete statements (handles trigger bodies with inner semicolons)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--"):
            continue
        buffer += line
        if sqlcipher3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


def rekey_file(path: Path, old_key: bytes, new_key: bytes) -> None:
    """Re-encrypt a database file of ours (an earlier copy) from `old_key` to `new_key`; a file
    the old key does not open raises DatabaseKeyMismatch and is left as it is."""
    assert_not_gui_thread("database rekey")
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.set_key(_raw_key(old_key))
        for name, value in PINNED.items():
            conn.execute(f"PRAGMA {name} = {value}")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except dbapi2.DatabaseError:
            raise errors.DatabaseKeyMismatch(path=path.name) from None
        with translate_errors(path):
            conn.reset_key(_raw_key(new_key))
    finally:
        conn.close()
