"""The relay store's two databases behind one small interface: run a function in a transaction.

`RelayStore` (store.py) writes every rule once, as SQL both SQLite and PostgreSQL accept, with
``:name`` parameters; what differs lives here: connecting, the schema's column types, the
parameter style, a few expressions (`Dialect`), and how transactions are run.

- `SqliteDb`: one file in WAL mode, one connection, one writer. Writes are group-committed:
  requests that arrive while a commit is under way are run together, each in its own savepoint
  (one failing rolls back alone), under one COMMIT, so a burst of single-envelope posts costs
  one fsync instead of one each. Nobody is answered before the COMMIT that holds their change.
- `PostgresDb`: a `psycopg_pool` pool whose connections are checked before each use, so after
  a database restart the first request gets a fresh connection instead of a dead one (or a
  503 while the database is still down); nothing is kept in one relay process that another
  needs, so several processes can share one database.
"""

from __future__ import annotations

import queue
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from intake_app.paths import private_dir
from intake_app.sync.relay.store_schema import (
    PG_SCHEMA,
    SCHEMA_VERSION,
    SQLITE_SCHEMA,
    StoreSchemaTooNew,
    fill_for,
)

T = TypeVar("T")
Params = dict[str, Any]
_NAMED = re.compile(r"(?<![:\w]):([a-z_][a-z0-9_]*)")


@dataclass(frozen=True, slots=True)
class Dialect:
    """The few SQL fragments that differ."""

    name: str
    false: str
    greatest: str  # the two-argument maximum
    high_water: str  # the largest envelope seq ever assigned (never goes down)


SQLITE = Dialect(
    "sqlite", "0", "max", "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'envelopes'), 0)"
)
POSTGRES = Dialect(
    "postgresql",
    "FALSE",
    "GREATEST",
    "SELECT coalesce(pg_sequence_last_value(pg_get_serial_sequence('envelopes', 'seq')::regclass), 0)",
)


class Tx(Protocol):
    """One transaction's statements; rows are tuples."""

    def one(self, sql: str, params: Params | None = None) -> tuple[Any, ...] | None: ...

    def all(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]: ...

    def run(self, sql: str, params: Params | None = None) -> int:
        """Execute; return the row count."""
        ...


class Db(Protocol):
    dialect: Dialect
    workers: int

    def write(self, fn: Callable[[Tx], T]) -> T:
        """Run `fn` in a transaction; its exception rolls back its changes only, and is raised."""
        ...

    def submit(self, fn: Callable[[Tx], T]) -> Future[T]:
        """`write` without waiting: the future holds its result or exception."""
        ...

    def read(self, fn: Callable[[Tx], T]) -> T: ...

    def close(self) -> None: ...


# --- SQLite --------------------------------------------------------------------------------------
class _SqliteTx:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def one(self, sql: str, params: Params | None = None) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self._conn.execute(sql, params or {}).fetchone()
        return row

    def all(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]:
        return self._conn.execute(sql, params or {}).fetchall()

    def run(self, sql: str, params: Params | None = None) -> int:
        return self._conn.execute(sql, params or {}).rowcount


_STOP = object()


class SqliteDb:
    """See the module docstring. `synchronous` FULL by default: an envelope answered "stored"
    survives a power cut, since the sender then forgets it."""

    dialect = SQLITE
    workers = 16  # request threads that may wait on one group commit
    max_group = 64

    def __init__(self, path: Path, synchronous: str = "FULL") -> None:
        if synchronous.upper() not in ("FULL", "NORMAL", "EXTRA"):
            raise ValueError("synchronous must be FULL, NORMAL or EXTRA")
        private_dir(path.parent)
        if not path.exists():
            path.touch(mode=0o600)  # before SQLite creates it: the file holds routing metadata
        self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._conn.execute("PRAGMA busy_timeout = 5000")
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute(f"PRAGMA synchronous = {synchronous.upper()}")
        self._conn.execute("PRAGMA temp_store = MEMORY")
        version = int(self._conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            self._conn.close()
            raise StoreSchemaTooNew(found=version, known=SCHEMA_VERSION)
        # executescript commits any open transaction itself, so the script carries its own.
        self._conn.executescript(
            f"BEGIN IMMEDIATE;{SQLITE_SCHEMA}{fill_for(version)}"
            f"PRAGMA user_version = {SCHEMA_VERSION};COMMIT;"
        )
        self._lock = threading.Lock()  # the connection
        # One writer thread takes whatever is queued, up to `max_group`, into one transaction.
        # Callers hand it work directly (`submit`), so a request costs no thread of its own
        # and no leader hand-over: on 2 cores that was a fifth of a single post's CPU.
        self._queue: queue.SimpleQueue[tuple[Callable[[Tx], Any], Future[Any]] | object] = (
            queue.SimpleQueue()
        )
        self._writer: threading.Thread | None = None
        self._writer_lock = threading.Lock()

    def submit(self, fn: Callable[[Tx], T]) -> Future[T]:
        """Queue `fn` for the next group commit; its future is set once that COMMIT is done."""
        if self._writer is None:
            with self._writer_lock:
                if self._writer is None:
                    self._writer = threading.Thread(
                        target=self._write_loop, name="relay-sqlite-writer", daemon=True
                    )
                    self._writer.start()
        future: Future[T] = Future()
        self._queue.put((fn, future))
        return future

    def write(self, fn: Callable[[Tx], T]) -> T:
        return self.submit(fn).result()

    def _write_loop(self) -> None:
        while True:
            first = self._queue.get()
            if first is _STOP:
                return
            group = [first]
            stop = False
            while len(group) < self.max_group:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is _STOP:
                    stop = True
                    break
                group.append(item)
            jobs = [job for job in group if isinstance(job, tuple)]
            self._commit_group([(fn, f) for fn, f in jobs if f.set_running_or_notify_cancel()])
            if stop:
                return

    def _commit_group(self, group: list[tuple[Callable[[Tx], Any], Future[Any]]]) -> None:
        """One transaction for the group, each job in its own savepoint (a failing one rolls back
        alone); every future is settled only after the COMMIT."""
        outcomes: list[tuple[bool, Any]] = []
        committed = False
        with self._lock:
            conn = self._conn
            tx = _SqliteTx(conn)
            try:
                # BEGIN IMMEDIATE: the write lock up front, no upgrade deadlock, no SQLITE_BUSY.
                conn.execute("BEGIN IMMEDIATE")
                alone = len(group) == 1  # no savepoint: its failure rolls back everything
                for fn, _ in group:
                    if not alone:
                        conn.execute("SAVEPOINT job")
                    try:
                        outcomes.append((True, fn(tx)))
                    except Exception as exc:  # noqa: BLE001 - handed to that job's caller
                        outcomes.append((False, exc))
                        conn.execute("ROLLBACK" if alone else "ROLLBACK TO job")
                    if not alone:
                        conn.execute("RELEASE job")
                if conn.in_transaction:
                    conn.execute("COMMIT")
                committed = True
            except Exception:  # noqa: BLE001 - the whole group fails alike below
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
        failure = sqlite3.OperationalError("relay store commit failed")
        for k, (_, future) in enumerate(group):
            if not committed:
                own = outcomes[k][1] if k < len(outcomes) and not outcomes[k][0] else failure
                future.set_exception(own)
            elif outcomes[k][0]:
                future.set_result(outcomes[k][1])
            else:
                future.set_exception(outcomes[k][1])

    def read(self, fn: Callable[[Tx], T]) -> T:
        with self._lock:
            return fn(_SqliteTx(self._conn))

    def close(self) -> None:
        if self._writer is not None:
            self._queue.put(_STOP)
            self._writer.join()
        with self._lock:
            self._conn.close()


# --- PostgreSQL ----------------------------------------------------------------------------------
class _PostgresTx:
    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def _exec(self, sql: str, params: Params | None) -> Any:
        return self._conn.execute(_pg_sql(sql), params or {})

    def one(self, sql: str, params: Params | None = None) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self._exec(sql, params).fetchone()
        return row

    def all(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = self._exec(sql, params).fetchall()
        return rows

    def run(self, sql: str, params: Params | None = None) -> int:
        count: int = self._exec(sql, params).rowcount
        return count


_PG_SQL_CACHE: dict[str, str] = {}


def _pg_sql(sql: str) -> str:
    """``:name`` parameters as psycopg's ``%(name)s`` (and a literal % doubled)."""
    converted = _PG_SQL_CACHE.get(sql)
    if converted is None:
        converted = _NAMED.sub(r"%(\1)s", sql.replace("%", "%%"))
        if len(_PG_SQL_CACHE) < 4096:  # rules are fixed strings; IN lists vary in length only
            _PG_SQL_CACHE[sql] = converted
    return converted


class PostgresDb:
    """See the module docstring."""

    dialect = POSTGRES

    def __init__(self, url: str, pool_size: int = 8, connect_timeout: float = 5.0) -> None:
        from psycopg_pool import ConnectionPool

        self.workers = pool_size
        self._executor = ThreadPoolExecutor(pool_size, thread_name_prefix="relay-pg")
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=pool_size,
            kwargs={"autocommit": True},
            check=ConnectionPool.check_connection,
            timeout=connect_timeout,
            open=False,
        )
        self._pool.open(wait=True, timeout=connect_timeout)
        try:
            self.write(self._migrate)
        except BaseException:
            self._pool.close()
            raise

    @staticmethod
    def _migrate(tx: Tx) -> None:
        # Serialise concurrent first starts of several relay processes.
        tx.one("SELECT pg_advisory_xact_lock(7461626)")
        # A store already at this version gets no DDL at all: CREATE INDEX IF NOT EXISTS still
        # takes its table's lock first, and beside a relay already writing to that table (a
        # second process, `relay register-agency`) the two deadlocked.
        exists = tx.one("SELECT to_regclass('relay_meta') IS NOT NULL")
        if exists is not None and exists[0]:
            current = tx.one("SELECT max(version) FROM relay_meta")
            if current is not None and current[0] is not None and int(current[0]) == SCHEMA_VERSION:
                return
        for statement in PG_SCHEMA.split(";"):
            if statement.strip():
                tx.run(statement)
        row = tx.one("SELECT max(version) FROM relay_meta")
        found = None if row is None or row[0] is None else int(row[0])
        if found is None:
            tx.run("INSERT INTO relay_meta (version) VALUES (:v)", {"v": SCHEMA_VERSION})
            return
        if found > SCHEMA_VERSION:
            raise StoreSchemaTooNew(found=found, known=SCHEMA_VERSION)
        for statement in fill_for(found, "BYTEA").split(";"):
            if statement.strip():
                tx.run(statement)
        tx.run("UPDATE relay_meta SET version = :v", {"v": SCHEMA_VERSION})

    @contextmanager
    def _tx(self, transaction: bool) -> Iterator[Tx]:
        with self._pool.connection() as conn:
            if transaction:
                with conn.transaction():
                    yield _PostgresTx(conn)
            else:
                yield _PostgresTx(conn)

    def write(self, fn: Callable[[Tx], T]) -> T:
        with self._tx(True) as tx:
            return fn(tx)

    def submit(self, fn: Callable[[Tx], T]) -> Future[T]:
        return self._executor.submit(self.write, fn)

    def read(self, fn: Callable[[Tx], T]) -> T:
        with self._tx(False) as tx:
            return fn(tx)

    def close(self) -> None:
        self._executor.shutdown(wait=True)
        self._pool.close()
