"""The relay's storage: devices, opaque envelopes with routing metadata, per-device cursors, nonces.

Two backends with one interface (`RelayStore`), chosen by URL:
``sqlite:///var/lib/relay.db`` (embedded default, WAL) or ``postgresql://user@host/db``.

What is stored, and nothing more: envelope id, sender and recipient agency ids, expiry, the
time it was stored, a sequence number, and the ciphertext body. Devices: agency id, device id,
public key, revoked flag, read cursor. Agencies (schema 2): agency id and Ed25519 signing public
key, registered once by the operator; a device of a registered agency then enrols itself with a
certificate signed by that key (kept with its expiry). Recently seen request nonces (kept
minutes, for replay refusal). No plaintext ever reaches the relay.

Every authenticated operation takes a `Caller` and, in the same transaction, refuses an unknown
or revoked device and records the request's nonce (a second use is refused), so a request is
never half-authenticated and each operation commits exactly once.

Sequence numbers grow with every stored envelope. Within one recipient they are assigned and
committed in the same order (SQLite has one writer; PostgreSQL takes the recipient's counter row
lock before drawing the next value), so a reader that has seen seq N never later finds a new
envelope below N.
"""

from __future__ import annotations

import enum
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from queue import Empty, LifoQueue
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import parse_qs, urlsplit

from intake_app.errors import IntakeError
from intake_app.paths import private_dir
from intake_app.sync.relay.auth import AuthFailed, valid_id

if TYPE_CHECKING:
    import psycopg

SCHEMA_VERSION = 3
ENVELOPE_ID_BYTES = 16
# The key of a revoked entry for a device that never enrolled: no device signs with it.
NO_KEY = bytes(32)


# --- errors --------------------------------------------------------------------------------------
class DeviceRevoked(IntakeError):
    code = "relay_device_revoked"
    template = "Device {device} of agency {agency} has been revoked at the relay."


class DeviceConflict(IntakeError):
    code = "relay_device_conflict"
    template = "Device {device} of agency {agency} is registered with another key, or revoked."


class UnknownDevice(IntakeError):
    code = "relay_unknown_device"
    template = "Device {device} of agency {agency} is not registered at the relay."


class UnknownAgency(IntakeError):
    code = "relay_unknown_agency"
    template = "Agency {agency} is not registered at the relay."


class AgencyConflict(IntakeError):
    code = "relay_agency_conflict"
    template = "Agency {agency} is already registered at the relay with another signing key."


class AckBeyondInbox(IntakeError):
    code = "relay_ack_beyond_inbox"
    template = "Acknowledgement of sequence {seq}, which the relay never assigned."


class BadStoreUrl(IntakeError):
    code = "relay_bad_store_url"
    template = (
        "Unsupported relay store URL scheme {scheme!r}: use sqlite:///path or postgresql://..."
    )


class StoreSchemaTooNew(IntakeError):
    code = "relay_store_too_new"
    template = "The relay store has schema {found}; this relay knows up to {known}."


# --- values --------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Caller:
    """An authenticated request: who signed it and the nonce it used."""

    agency_id: str
    device_id: str
    nonce: bytes
    now: int


@dataclass(frozen=True, slots=True)
class EnvelopeMeta:
    """Routing metadata stored next to an opaque envelope body."""

    envelope_id: bytes
    sender: str
    recipient: str
    expires_at: int


@dataclass(frozen=True, slots=True)
class DeviceEntry:
    """What authenticates a device: its key and, if it enrolled by certificate, the expiry."""

    public_key: bytes
    certificate_expires: int | None


class EnrolOutcome(enum.Enum):
    ENROLLED = "enrolled"
    ALREADY_ENROLLED = "already_enrolled"


class PutOutcome(enum.Enum):
    STORED = "stored"
    ALREADY_STORED = "already_stored"
    CONFLICT = "conflict"
    INBOX_FULL = "inbox_full"  # the recipient holds max_pending undelivered envelopes
    SENDER_QUOTA = "sender_quota"  # this sender holds max_per_sender of them in that inbox


@dataclass(frozen=True, slots=True)
class InboxItem:
    seq: int
    envelope_id: bytes
    sender: str
    expires_at: int
    body: bytes


@dataclass(frozen=True, slots=True)
class InboxPage:
    """Up to `limit` envelopes after a cursor, and the device's stored cursor."""

    items: tuple[InboxItem, ...]
    cursor: int
    more: bool


class RelayStore(Protocol):
    """What the relay app and the admin commands need from storage."""

    workers: int  # how many threads may call the store at once usefully

    def register_device(self, agency_id: str, device_id: str, public_key: bytes) -> None:
        """Enrol a device; re-registering the same active key is a no-op."""
        ...

    def revoke_device(
        self,
        agency_id: str,
        device_id: str,
        *,
        caller: Caller | None = None,
        tombstone: bool = False,
    ) -> None:
        """Mark a device revoked: its requests are refused from now on, and its id can never
        enrol again. Unknown device: UnknownDevice, or with `tombstone` a revoked entry without
        a key (a lost laptop that never enrolled). With `caller` (a revocation sent by another
        device of the agency) the caller is authenticated in the same transaction."""
        ...

    def device_key(self, agency_id: str, device_id: str) -> bytes | None:
        """The device's raw Ed25519 public key (also when revoked), or None if unknown."""
        ...

    def device_entry(self, agency_id: str, device_id: str) -> DeviceEntry | None:
        """The device's key and certificate expiry (also when revoked), or None if unknown."""
        ...

    def register_agency(self, agency_id: str, signing_key: bytes, now: int) -> bool:
        """Register an agency's Ed25519 signing key; True if new, False if already so.

        Another key for a registered agency raises AgencyConflict (re-keying is not silent).
        """
        ...

    def agency_key(self, agency_id: str) -> bytes | None:
        """The agency's registered signing key, or None."""
        ...

    def enrol_device(
        self,
        caller: Caller,
        public_key: bytes,
        certificate: bytes,
        expires_at: int | None,
    ) -> EnrolOutcome:
        """A device enrols itself (certificate already verified by the caller), in one
        transaction with its request nonce. The agency must be registered (UnknownAgency);
        the same key again is ALREADY_ENROLLED; a revoked device stays revoked
        (DeviceRevoked); another key for the id is DeviceConflict."""
        ...

    def claim(self, caller: Caller) -> None:
        """Authenticate `caller` (known, not revoked, nonce unused) and spend its nonce, for a
        request refused after authentication without any other store change."""
        ...

    def known_agencies(self, agency_ids: Sequence[str]) -> set[str]:
        """Those of `agency_ids` registered here (an agency card, or an enrolled device)."""
        ...

    def put_envelopes(
        self,
        caller: Caller,
        items: Sequence[tuple[EnvelopeMeta, bytes]],
        max_pending: int,
        max_per_sender: int,
    ) -> list[PutOutcome]:
        """Store each envelope once by id, all in one transaction; a repeat compares bytes.
        A recipient holds at most `max_pending` undelivered envelopes, at most
        `max_per_sender` of them from any one sender."""
        ...

    def fetch(self, caller: Caller, after: int | None, limit: int) -> InboxPage:
        """The caller agency's live envelopes with seq > after (None: the device's cursor)."""
        ...

    def ack(self, caller: Caller, seq: int) -> int:
        """Advance the calling device's cursor to at least `seq`; return the cursor."""
        ...

    def purge(self, now: int, retention_seconds: int, nonce_window: int) -> int:
        """Delete expired or over-retention envelopes and old nonces; return envelopes deleted."""
        ...

    def close(self) -> None: ...


def open_store(url: str) -> RelayStore:
    """Open (and create or migrate) the store named by `url`."""
    scheme = urlsplit(url).scheme
    if scheme == "sqlite":
        return SqliteStore.from_url(url)
    if scheme in ("postgresql", "postgres"):
        return PostgresStore(url)
    raise BadStoreUrl(scheme=scheme)


def _check_ids(*ids: str) -> None:
    for value in ids:
        if not valid_id(value):
            raise ValueError("agency and device ids are 1-64 of A-Z a-z 0-9 . _ -")


def _check_key(public_key: bytes) -> None:
    if len(public_key) != 32:
        raise ValueError("an Ed25519 public key is 32 raw bytes")


# --- SQLite --------------------------------------------------------------------------------------
_SQLITE_SCHEMA = """
CREATE TABLE IF NOT EXISTS devices (
    agency_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    public_key BLOB NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0,
    cursor INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (agency_id, device_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS envelopes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    envelope_id BLOB NOT NULL UNIQUE,
    sender TEXT NOT NULL,
    recipient TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    stored_at INTEGER NOT NULL,
    body BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS envelopes_inbox ON envelopes (recipient, seq);
CREATE INDEX IF NOT EXISTS envelopes_expiry ON envelopes (expires_at);
CREATE INDEX IF NOT EXISTS envelopes_stored ON envelopes (stored_at);
CREATE TABLE IF NOT EXISTS inbox_counts (
    recipient TEXT PRIMARY KEY,
    stored INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pending_counts (
    recipient TEXT NOT NULL,
    sender TEXT NOT NULL,
    stored INTEGER NOT NULL,
    PRIMARY KEY (recipient, sender)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS nonces (
    agency_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    nonce BLOB NOT NULL,
    seen_at INTEGER NOT NULL,
    PRIMARY KEY (agency_id, device_id, nonce)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS nonces_seen ON nonces (seen_at);
CREATE TABLE IF NOT EXISTS agencies (
    agency_id TEXT PRIMARY KEY,
    signing_key BLOB NOT NULL,
    registered_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS device_certificates (
    agency_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    certificate BLOB NOT NULL,
    expires_at INTEGER,
    enrolled_at INTEGER NOT NULL,
    PRIMARY KEY (agency_id, device_id)
) WITHOUT ROWID;
"""

# Schema 3 counts undelivered envelopes per (recipient, sender) too.
_FILL_PENDING = """
INSERT INTO pending_counts (recipient, sender, stored)
SELECT recipient, sender, count(*) FROM envelopes GROUP BY recipient, sender;
"""

_KNOWN_AGENCIES = (
    "SELECT agency_id FROM agencies WHERE agency_id IN ({marks}) UNION "
    "SELECT agency_id FROM devices WHERE agency_id IN ({marks}) AND revoked = {false}"
)


class SqliteStore:
    """One SQLite file in WAL mode, one connection, one writer at a time.

    `synchronous` is FULL by default: an envelope the relay answered "stored" survives a power
    cut, since the sender then forgets it. ``?synchronous=normal`` in the URL trades that for
    speed (still safe against a crash of the relay process).
    """

    workers = 2  # one thread in SQLite (lock held), one parsing the next request's result

    def __init__(self, path: Path, synchronous: str = "FULL") -> None:
        if synchronous.upper() not in ("FULL", "NORMAL", "EXTRA"):
            raise ValueError("synchronous must be FULL, NORMAL or EXTRA")
        self.path = path
        private_dir(path.parent)
        if not path.exists():
            # Create it 0600 before SQLite does: the file holds routing metadata.
            path.touch(mode=0o600)
        self._lock = threading.Lock()
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
        fill = _FILL_PENDING if 0 < version < 3 else ""
        self._conn.executescript(
            f"BEGIN IMMEDIATE;{_SQLITE_SCHEMA}{fill}"
            f"PRAGMA user_version = {SCHEMA_VERSION};COMMIT;"
        )

    @classmethod
    def from_url(cls, url: str) -> SqliteStore:
        """``sqlite:///abs/path.db`` or ``sqlite://relative.db``, optional ``?synchronous=``."""
        rest = url[len("sqlite://") :]
        path_text, _, query = rest.partition("?")
        if not path_text:
            raise BadStoreUrl(scheme="sqlite (no path)")
        options = parse_qs(query)
        synchronous = options.get("synchronous", ["FULL"])[0]
        return cls(Path(path_text), synchronous)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = self._conn
            # BEGIN IMMEDIATE takes the write lock up front: no upgrade deadlock, no SQLITE_BUSY.
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _claim(self, conn: sqlite3.Connection, caller: Caller) -> None:
        row = conn.execute(
            "SELECT revoked FROM devices WHERE agency_id = ? AND device_id = ?",
            (caller.agency_id, caller.device_id),
        ).fetchone()
        if row is None:
            raise AuthFailed(reason="unknown_device")
        if row[0]:
            raise DeviceRevoked(agency=caller.agency_id, device=caller.device_id)
        cur = conn.execute(
            "INSERT OR IGNORE INTO nonces (agency_id, device_id, nonce, seen_at) "
            "VALUES (?, ?, ?, ?)",
            (caller.agency_id, caller.device_id, caller.nonce, caller.now),
        )
        if cur.rowcount != 1:
            raise AuthFailed(reason="replayed_nonce")

    def register_device(self, agency_id: str, device_id: str, public_key: bytes) -> None:
        _check_ids(agency_id, device_id)
        _check_key(public_key)
        with self._write() as conn:
            row = conn.execute(
                "SELECT public_key, revoked FROM devices WHERE agency_id = ? AND device_id = ?",
                (agency_id, device_id),
            ).fetchone()
            if row is not None:
                if bytes(row[0]) != public_key or row[1]:
                    raise DeviceConflict(agency=agency_id, device=device_id)
                return
            conn.execute(
                "INSERT INTO devices (agency_id, device_id, public_key) VALUES (?, ?, ?)",
                (agency_id, device_id, public_key),
            )

    def revoke_device(
        self,
        agency_id: str,
        device_id: str,
        *,
        caller: Caller | None = None,
        tombstone: bool = False,
    ) -> None:
        with self._write() as conn:
            if caller is not None:
                self._claim(conn, caller)
            cur = conn.execute(
                "UPDATE devices SET revoked = 1 WHERE agency_id = ? AND device_id = ?",
                (agency_id, device_id),
            )
            if cur.rowcount != 1:
                if not tombstone:
                    raise UnknownDevice(agency=agency_id, device=device_id)
                _check_ids(agency_id, device_id)
                conn.execute(
                    "INSERT INTO devices (agency_id, device_id, public_key, revoked)"
                    " VALUES (?, ?, ?, 1)",
                    (agency_id, device_id, NO_KEY),
                )

    def device_key(self, agency_id: str, device_id: str) -> bytes | None:
        entry = self.device_entry(agency_id, device_id)
        return None if entry is None else entry.public_key

    def device_entry(self, agency_id: str, device_id: str) -> DeviceEntry | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT d.public_key, c.expires_at FROM devices d LEFT JOIN device_certificates c"
                " ON c.agency_id = d.agency_id AND c.device_id = d.device_id"
                " WHERE d.agency_id = ? AND d.device_id = ?",
                (agency_id, device_id),
            ).fetchone()
        if row is None:
            return None
        return DeviceEntry(bytes(row[0]), None if row[1] is None else int(row[1]))

    def register_agency(self, agency_id: str, signing_key: bytes, now: int) -> bool:
        _check_ids(agency_id)
        _check_key(signing_key)
        with self._write() as conn:
            row = conn.execute(
                "SELECT signing_key FROM agencies WHERE agency_id = ?", (agency_id,)
            ).fetchone()
            if row is not None:
                if bytes(row[0]) != signing_key:
                    raise AgencyConflict(agency=agency_id)
                return False
            conn.execute(
                "INSERT INTO agencies (agency_id, signing_key, registered_at) VALUES (?, ?, ?)",
                (agency_id, signing_key, now),
            )
        return True

    def agency_key(self, agency_id: str) -> bytes | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT signing_key FROM agencies WHERE agency_id = ?", (agency_id,)
            ).fetchone()
        return None if row is None else bytes(row[0])

    def enrol_device(
        self,
        caller: Caller,
        public_key: bytes,
        certificate: bytes,
        expires_at: int | None,
    ) -> EnrolOutcome:
        _check_ids(caller.agency_id, caller.device_id)
        _check_key(public_key)
        a, d = caller.agency_id, caller.device_id
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM agencies WHERE agency_id = ?", (a,)).fetchone() is None:
                raise UnknownAgency(agency=a)
            row = conn.execute(
                "SELECT public_key, revoked FROM devices WHERE agency_id = ? AND device_id = ?",
                (a, d),
            ).fetchone()
            if row is not None and row[1]:
                raise DeviceRevoked(agency=a, device=d)
            if row is not None and bytes(row[0]) != public_key:
                raise DeviceConflict(agency=a, device=d)
            cur = conn.execute(
                "INSERT OR IGNORE INTO nonces (agency_id, device_id, nonce, seen_at)"
                " VALUES (?, ?, ?, ?)",
                (a, d, caller.nonce, caller.now),
            )
            if cur.rowcount != 1:
                raise AuthFailed(reason="replayed_nonce")
            if row is None:
                conn.execute(
                    "INSERT INTO devices (agency_id, device_id, public_key) VALUES (?, ?, ?)",
                    (a, d, public_key),
                )
            # The newest certificate presented for this key is the one whose expiry counts.
            conn.execute(
                "INSERT INTO device_certificates (agency_id, device_id, certificate, expires_at,"
                " enrolled_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (agency_id, device_id) DO UPDATE"
                " SET certificate = excluded.certificate, expires_at = excluded.expires_at",
                (a, d, certificate, expires_at, caller.now),
            )
        return EnrolOutcome.ENROLLED if row is None else EnrolOutcome.ALREADY_ENROLLED

    def claim(self, caller: Caller) -> None:
        with self._write() as conn:
            self._claim(conn, caller)

    def known_agencies(self, agency_ids: Sequence[str]) -> set[str]:
        if not agency_ids:
            return set()
        marks = ", ".join("?" * len(agency_ids))
        with self._lock:
            rows = self._conn.execute(
                _KNOWN_AGENCIES.format(marks=marks, false=0), [*agency_ids, *agency_ids]
            ).fetchall()
        return {str(r[0]) for r in rows}

    def put_envelopes(
        self,
        caller: Caller,
        items: Sequence[tuple[EnvelopeMeta, bytes]],
        max_pending: int,
        max_per_sender: int,
    ) -> list[PutOutcome]:
        with self._write() as conn:
            self._claim(conn, caller)
            return [
                self._put(conn, caller, meta, body, max_pending, max_per_sender)
                for meta, body in items
            ]

    @staticmethod
    def _put(
        conn: sqlite3.Connection,
        caller: Caller,
        meta: EnvelopeMeta,
        body: bytes,
        max_pending: int,
        max_per_sender: int,
    ) -> PutOutcome:
        row = conn.execute(
            "SELECT sender, recipient, expires_at, body FROM envelopes WHERE envelope_id = ?",
            (meta.envelope_id,),
        ).fetchone()
        if row is not None:
            same = (row[0], row[1], row[2], bytes(row[3])) == (
                meta.sender,
                meta.recipient,
                meta.expires_at,
                body,
            )
            return PutOutcome.ALREADY_STORED if same else PutOutcome.CONFLICT
        counted = conn.execute(
            "INSERT INTO inbox_counts (recipient, stored) VALUES (?, 1) "
            "ON CONFLICT (recipient) DO UPDATE SET stored = stored + 1 WHERE stored < ? "
            "RETURNING stored",
            (meta.recipient, max_pending),
        ).fetchone()
        if counted is None:
            return PutOutcome.INBOX_FULL
        mine = conn.execute(
            "INSERT INTO pending_counts (recipient, sender, stored) VALUES (?, ?, 1) "
            "ON CONFLICT (recipient, sender) DO UPDATE SET stored = stored + 1 WHERE stored < ? "
            "RETURNING stored",
            (meta.recipient, meta.sender, max_per_sender),
        ).fetchone()
        if mine is None:
            conn.execute(
                "UPDATE inbox_counts SET stored = stored - 1 WHERE recipient = ?", (meta.recipient,)
            )
            return PutOutcome.SENDER_QUOTA
        conn.execute(
            "INSERT INTO envelopes (envelope_id, sender, recipient, expires_at, stored_at, "
            "body) VALUES (?, ?, ?, ?, ?, ?)",
            (meta.envelope_id, meta.sender, meta.recipient, meta.expires_at, caller.now, body),
        )
        return PutOutcome.STORED

    def fetch(self, caller: Caller, after: int | None, limit: int) -> InboxPage:
        with self._write() as conn:
            self._claim(conn, caller)
            cursor = int(
                conn.execute(
                    "SELECT cursor FROM devices WHERE agency_id = ? AND device_id = ?",
                    (caller.agency_id, caller.device_id),
                ).fetchone()[0]
            )
            rows = conn.execute(
                "SELECT seq, envelope_id, sender, expires_at, body FROM envelopes "
                "WHERE recipient = ? AND seq > ? AND expires_at > ? ORDER BY seq LIMIT ?",
                (caller.agency_id, cursor if after is None else after, caller.now, limit + 1),
            ).fetchall()
        items = tuple(
            InboxItem(int(r[0]), bytes(r[1]), str(r[2]), int(r[3]), bytes(r[4]))
            for r in rows[:limit]
        )
        return InboxPage(items, cursor, len(rows) > limit)

    def ack(self, caller: Caller, seq: int) -> int:
        with self._write() as conn:
            self._claim(conn, caller)
            # AUTOINCREMENT's high-water mark never goes down, even when envelopes are purged.
            top = conn.execute(
                "SELECT seq FROM sqlite_sequence WHERE name = 'envelopes'"
            ).fetchone()
            if seq > (0 if top is None else int(top[0])):
                raise AckBeyondInbox(seq=seq)
            row = conn.execute(
                "UPDATE devices SET cursor = max(cursor, ?) WHERE agency_id = ? AND device_id = ? "
                "RETURNING cursor",
                (seq, caller.agency_id, caller.device_id),
            ).fetchone()
        return int(row[0])

    def purge(self, now: int, retention_seconds: int, nonce_window: int) -> int:
        where = "expires_at <= ? OR stored_at <= ?"
        args = (now, now - retention_seconds)
        with self._write() as conn:
            counts = conn.execute(
                f"SELECT recipient, count(*) FROM envelopes WHERE {where} GROUP BY recipient", args
            ).fetchall()
            conn.executemany(
                "UPDATE inbox_counts SET stored = max(stored - ?, 0) WHERE recipient = ?",
                [(n, r) for r, n in counts],
            )
            pairs = conn.execute(
                f"SELECT recipient, sender, count(*) FROM envelopes WHERE {where} "
                "GROUP BY recipient, sender",
                args,
            ).fetchall()
            conn.executemany(
                "UPDATE pending_counts SET stored = max(stored - ?, 0) "
                "WHERE recipient = ? AND sender = ?",
                [(n, r, snd) for r, snd, n in pairs],
            )
            deleted = conn.execute(f"DELETE FROM envelopes WHERE {where}", args).rowcount
            conn.execute("DELETE FROM nonces WHERE seen_at < ?", (now - nonce_window,))
        return int(deleted)

    def close(self) -> None:
        with self._lock:
            self._conn.close()


# --- PostgreSQL ----------------------------------------------------------------------------------
_PG_SCHEMA = """
CREATE TABLE IF NOT EXISTS relay_meta (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS devices (
    agency_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    public_key BYTEA NOT NULL,
    revoked BOOLEAN NOT NULL DEFAULT FALSE,
    cursor BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (agency_id, device_id)
);
CREATE TABLE IF NOT EXISTS envelopes (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    envelope_id BYTEA NOT NULL UNIQUE,
    sender TEXT NOT NULL,
    recipient TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    stored_at BIGINT NOT NULL,
    body BYTEA NOT NULL
);
CREATE INDEX IF NOT EXISTS envelopes_inbox ON envelopes (recipient, seq);
CREATE INDEX IF NOT EXISTS envelopes_expiry ON envelopes (expires_at);
CREATE INDEX IF NOT EXISTS envelopes_stored ON envelopes (stored_at);
CREATE TABLE IF NOT EXISTS inbox_counts (
    recipient TEXT PRIMARY KEY,
    stored BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS pending_counts (
    recipient TEXT NOT NULL,
    sender TEXT NOT NULL,
    stored BIGINT NOT NULL,
    PRIMARY KEY (recipient, sender)
);
CREATE TABLE IF NOT EXISTS nonces (
    agency_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    nonce BYTEA NOT NULL,
    seen_at BIGINT NOT NULL,
    PRIMARY KEY (agency_id, device_id, nonce)
);
CREATE INDEX IF NOT EXISTS nonces_seen ON nonces (seen_at);
CREATE TABLE IF NOT EXISTS agencies (
    agency_id TEXT PRIMARY KEY,
    signing_key BYTEA NOT NULL,
    registered_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS device_certificates (
    agency_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    certificate BYTEA NOT NULL,
    expires_at BIGINT,
    enrolled_at BIGINT NOT NULL,
    PRIMARY KEY (agency_id, device_id)
);
"""

# One round trip: is the device known, not revoked, and is this nonce new?
_PG_CLAIM = """
WITH d AS (SELECT revoked FROM devices WHERE agency_id = %(a)s AND device_id = %(d)s),
ins AS (
    INSERT INTO nonces (agency_id, device_id, nonce, seen_at)
    SELECT %(a)s, %(d)s, %(n)b, %(t)s WHERE EXISTS (SELECT 1 FROM d WHERE NOT d.revoked)
    ON CONFLICT DO NOTHING RETURNING 1
)
SELECT (SELECT revoked FROM d), (SELECT count(*) FROM ins)
"""

# The counter row lock is taken before the identity value is drawn (the insert reads `c`), so
# envelopes of one recipient commit in seq order.
_PG_INSERT = """
WITH c AS (
    INSERT INTO inbox_counts (recipient, stored) VALUES (%(r)s, 1)
    ON CONFLICT (recipient) DO UPDATE SET stored = inbox_counts.stored + 1
    WHERE inbox_counts.stored < %(max)s
    RETURNING stored
),
p AS (
    INSERT INTO pending_counts (recipient, sender, stored)
    SELECT %(r)s, %(s)s, 1 WHERE EXISTS (SELECT 1 FROM c)
    ON CONFLICT (recipient, sender) DO UPDATE SET stored = pending_counts.stored + 1
    WHERE pending_counts.stored < %(maxs)s
    RETURNING stored
),
e AS (
    INSERT INTO envelopes (envelope_id, sender, recipient, expires_at, stored_at, body)
    SELECT %(id)b, %(s)s, %(r)s, %(x)s, %(t)s, %(body)b WHERE EXISTS (SELECT 1 FROM p)
    ON CONFLICT (envelope_id) DO NOTHING
    RETURNING seq
)
SELECT (SELECT count(*) FROM c), (SELECT count(*) FROM p), (SELECT seq FROM e)
"""


class PostgresStore:
    """PostgreSQL through psycopg 3, a small pool of connections, one transaction per call."""

    workers = 4

    def __init__(self, url: str, pool_size: int = 4) -> None:
        import psycopg

        self._psycopg = psycopg
        self._url = url
        self.workers = pool_size
        self._pool: LifoQueue[psycopg.Connection[Any]] = LifoQueue()
        self._all: list[psycopg.Connection[Any]] = []
        self._all_lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(pool_size)
        with self._conn() as conn, conn.transaction():
            # Serialise concurrent first starts of several relay processes.
            conn.execute("SELECT pg_advisory_xact_lock(7461626)")
            conn.execute(_PG_SCHEMA)
            row = conn.execute("SELECT max(version) FROM relay_meta").fetchone()
            found = None if row is None else row[0]
            if found is None:
                conn.execute("INSERT INTO relay_meta (version) VALUES (%s)", (SCHEMA_VERSION,))
            elif int(found) > SCHEMA_VERSION:
                raise StoreSchemaTooNew(found=found, known=SCHEMA_VERSION)
            else:
                # Schemas 2 and 3 only added tables (CREATE ... IF NOT EXISTS above).
                if int(found) < 3:
                    conn.execute(_FILL_PENDING)
                conn.execute("UPDATE relay_meta SET version = %s", (SCHEMA_VERSION,))

    @contextmanager
    def _conn(self) -> Iterator[psycopg.Connection[Any]]:
        self._slots.acquire()
        try:
            try:
                conn = self._pool.get_nowait()
            except Empty:
                conn = self._psycopg.connect(self._url, autocommit=True)
                with self._all_lock:
                    self._all.append(conn)
            try:
                yield conn
            except self._psycopg.OperationalError:
                # A broken connection is dropped, not returned to the pool.
                with suppress(Exception):
                    conn.close()
                raise
            if conn.closed:
                return
            self._pool.put(conn)
        finally:
            self._slots.release()

    @contextmanager
    def _tx(self) -> Iterator[psycopg.Connection[Any]]:
        with self._conn() as conn, conn.transaction():
            yield conn

    def _claim(self, conn: psycopg.Connection[Any], caller: Caller) -> None:
        row = conn.execute(
            _PG_CLAIM,
            {"a": caller.agency_id, "d": caller.device_id, "n": caller.nonce, "t": caller.now},
        ).fetchone()
        assert row is not None
        revoked, inserted = row
        if revoked is None:
            raise AuthFailed(reason="unknown_device")
        if revoked:
            raise DeviceRevoked(agency=caller.agency_id, device=caller.device_id)
        if inserted != 1:
            raise AuthFailed(reason="replayed_nonce")

    def register_device(self, agency_id: str, device_id: str, public_key: bytes) -> None:
        _check_ids(agency_id, device_id)
        _check_key(public_key)
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO devices (agency_id, device_id, public_key) VALUES (%s, %s, %b) "
                "ON CONFLICT DO NOTHING",
                (agency_id, device_id, public_key),
            )
            row = conn.execute(
                "SELECT public_key, revoked FROM devices WHERE agency_id = %s AND device_id = %s",
                (agency_id, device_id),
            ).fetchone()
            assert row is not None
            if bytes(row[0]) != public_key or row[1]:
                raise DeviceConflict(agency=agency_id, device=device_id)

    def revoke_device(
        self,
        agency_id: str,
        device_id: str,
        *,
        caller: Caller | None = None,
        tombstone: bool = False,
    ) -> None:
        with self._tx() as conn:
            if caller is not None:
                self._claim(conn, caller)
            if tombstone:
                _check_ids(agency_id, device_id)
                conn.execute(
                    "INSERT INTO devices (agency_id, device_id, public_key, revoked)"
                    " VALUES (%s, %s, %b, TRUE) ON CONFLICT DO NOTHING",
                    (agency_id, device_id, NO_KEY),
                )
            cur = conn.execute(
                "UPDATE devices SET revoked = TRUE WHERE agency_id = %s AND device_id = %s",
                (agency_id, device_id),
            )
            if cur.rowcount != 1:
                raise UnknownDevice(agency=agency_id, device=device_id)

    def device_key(self, agency_id: str, device_id: str) -> bytes | None:
        entry = self.device_entry(agency_id, device_id)
        return None if entry is None else entry.public_key

    def device_entry(self, agency_id: str, device_id: str) -> DeviceEntry | None:
        with self._conn() as conn:
            row = conn.execute(
                "SELECT d.public_key, c.expires_at FROM devices d LEFT JOIN device_certificates c"
                " ON c.agency_id = d.agency_id AND c.device_id = d.device_id"
                " WHERE d.agency_id = %s AND d.device_id = %s",
                (agency_id, device_id),
            ).fetchone()
        if row is None:
            return None
        return DeviceEntry(bytes(row[0]), None if row[1] is None else int(row[1]))

    def register_agency(self, agency_id: str, signing_key: bytes, now: int) -> bool:
        _check_ids(agency_id)
        _check_key(signing_key)
        with self._tx() as conn:
            cur = conn.execute(
                "INSERT INTO agencies (agency_id, signing_key, registered_at) VALUES (%s, %b, %s)"
                " ON CONFLICT DO NOTHING",
                (agency_id, signing_key, now),
            )
            if cur.rowcount == 1:
                return True
            row = conn.execute(
                "SELECT signing_key FROM agencies WHERE agency_id = %s", (agency_id,)
            ).fetchone()
            assert row is not None
            if bytes(row[0]) != signing_key:
                raise AgencyConflict(agency=agency_id)
        return False

    def agency_key(self, agency_id: str) -> bytes | None:
        with self._conn() as conn:
            row = conn.execute(
                "SELECT signing_key FROM agencies WHERE agency_id = %s", (agency_id,)
            ).fetchone()
        return None if row is None else bytes(row[0])

    def enrol_device(
        self,
        caller: Caller,
        public_key: bytes,
        certificate: bytes,
        expires_at: int | None,
    ) -> EnrolOutcome:
        _check_ids(caller.agency_id, caller.device_id)
        _check_key(public_key)
        a, d = caller.agency_id, caller.device_id
        with self._tx() as conn:
            if conn.execute("SELECT 1 FROM agencies WHERE agency_id = %s", (a,)).fetchone() is None:
                raise UnknownAgency(agency=a)
            inserted = conn.execute(
                "INSERT INTO devices (agency_id, device_id, public_key) VALUES (%s, %s, %b)"
                " ON CONFLICT DO NOTHING",
                (a, d, public_key),
            ).rowcount
            row = conn.execute(
                "SELECT public_key, revoked FROM devices WHERE agency_id = %s AND device_id = %s"
                " FOR UPDATE",
                (a, d),
            ).fetchone()
            assert row is not None
            if row[1]:
                raise DeviceRevoked(agency=a, device=d)
            if bytes(row[0]) != public_key:
                raise DeviceConflict(agency=a, device=d)
            nonce = conn.execute(
                "INSERT INTO nonces (agency_id, device_id, nonce, seen_at)"
                " VALUES (%s, %s, %b, %s) ON CONFLICT DO NOTHING",
                (a, d, caller.nonce, caller.now),
            ).rowcount
            if nonce != 1:
                raise AuthFailed(reason="replayed_nonce")
            conn.execute(
                "INSERT INTO device_certificates (agency_id, device_id, certificate, expires_at,"
                " enrolled_at) VALUES (%s, %s, %b, %s, %s) ON CONFLICT (agency_id, device_id)"
                " DO UPDATE SET certificate = excluded.certificate,"
                " expires_at = excluded.expires_at",
                (a, d, certificate, expires_at, caller.now),
            )
        return EnrolOutcome.ENROLLED if inserted == 1 else EnrolOutcome.ALREADY_ENROLLED

    def claim(self, caller: Caller) -> None:
        with self._tx() as conn:
            self._claim(conn, caller)

    def known_agencies(self, agency_ids: Sequence[str]) -> set[str]:
        if not agency_ids:
            return set()
        marks = ", ".join(["%s"] * len(agency_ids))
        with self._conn() as conn:
            rows = conn.execute(
                _KNOWN_AGENCIES.format(marks=marks, false="FALSE"), [*agency_ids, *agency_ids]
            ).fetchall()
        return {str(r[0]) for r in rows}

    def put_envelopes(
        self,
        caller: Caller,
        items: Sequence[tuple[EnvelopeMeta, bytes]],
        max_pending: int,
        max_per_sender: int,
    ) -> list[PutOutcome]:
        with self._tx() as conn:
            self._claim(conn, caller)
            ids = [meta.envelope_id for meta, _ in items]
            existing = {
                bytes(r[0]): (r[1], r[2], int(r[3]), bytes(r[4]))
                for r in conn.execute(
                    "SELECT envelope_id, sender, recipient, expires_at, body FROM envelopes "
                    "WHERE envelope_id = ANY(%s)",
                    (ids,),
                )
            }
            outcomes: list[PutOutcome | None] = [None] * len(items)
            inserts: list[tuple[int, psycopg.Cursor[Any]]] = []
            first_of: set[bytes] = set()
            # Pipelined: one round trip for the whole batch instead of one per envelope.
            with conn.pipeline():
                for i, (meta, body) in enumerate(items):
                    if meta.envelope_id in existing or meta.envelope_id in first_of:
                        continue  # decided below, once the batch's own inserts are visible
                    first_of.add(meta.envelope_id)
                    inserts.append(
                        (
                            i,
                            conn.execute(
                                _PG_INSERT,
                                self._insert_args(caller, meta, body, max_pending, max_per_sender),
                            ),
                        )
                    )
            for i, cur in inserts:
                row = cur.fetchone()
                assert row is not None
                counted, mine, seq = row
                meta = items[i][0]
                if not counted:
                    outcomes[i] = PutOutcome.INBOX_FULL
                    continue
                if seq is not None:
                    outcomes[i] = PutOutcome.STORED
                    continue
                # Counted but not stored: over the sender's quota, or the same id was stored
                # concurrently (a retry racing its original). Give the counts back.
                conn.execute(
                    "UPDATE inbox_counts SET stored = stored - 1 WHERE recipient = %s",
                    (meta.recipient,),
                )
                if not mine:
                    outcomes[i] = PutOutcome.SENDER_QUOTA
                else:
                    conn.execute(
                        "UPDATE pending_counts SET stored = stored - 1"
                        " WHERE recipient = %s AND sender = %s",
                        (meta.recipient, meta.sender),
                    )
            for i, (meta, body) in enumerate(items):
                if outcomes[i] is not None:
                    continue
                known = existing.get(meta.envelope_id)
                if known is not None:
                    same = known == (meta.sender, meta.recipient, meta.expires_at, body)
                    outcomes[i] = PutOutcome.ALREADY_STORED if same else PutOutcome.CONFLICT
                else:  # a repeat within this batch, or the racing case above
                    outcomes[i] = self._compare_existing(conn, meta, body) or PutOutcome.CONFLICT
            return [outcome or PutOutcome.CONFLICT for outcome in outcomes]

    @staticmethod
    def _insert_args(
        caller: Caller, meta: EnvelopeMeta, body: bytes, max_pending: int, max_per_sender: int
    ) -> dict[str, object]:
        return {
            "r": meta.recipient,
            "max": max_pending,
            "maxs": max_per_sender,
            "id": meta.envelope_id,
            "s": meta.sender,
            "x": meta.expires_at,
            "t": caller.now,
            "body": body,
        }

    @staticmethod
    def _compare_existing(
        conn: psycopg.Connection[Any], meta: EnvelopeMeta, body: bytes
    ) -> PutOutcome | None:
        row = conn.execute(
            "SELECT sender, recipient, expires_at, body FROM envelopes WHERE envelope_id = %b",
            (meta.envelope_id,),
        ).fetchone()
        if row is None:
            return None
        same = (row[0], row[1], int(row[2]), bytes(row[3])) == (
            meta.sender,
            meta.recipient,
            meta.expires_at,
            body,
        )
        return PutOutcome.ALREADY_STORED if same else PutOutcome.CONFLICT

    def fetch(self, caller: Caller, after: int | None, limit: int) -> InboxPage:
        with self._tx() as conn:
            self._claim(conn, caller)
            crow = conn.execute(
                "SELECT cursor FROM devices WHERE agency_id = %s AND device_id = %s",
                (caller.agency_id, caller.device_id),
            ).fetchone()
            assert crow is not None
            cursor = int(crow[0])
            rows = conn.execute(
                "SELECT seq, envelope_id, sender, expires_at, body FROM envelopes "
                "WHERE recipient = %s AND seq > %s AND expires_at > %s ORDER BY seq LIMIT %s",
                (caller.agency_id, cursor if after is None else after, caller.now, limit + 1),
            ).fetchall()
        items = tuple(
            InboxItem(int(r[0]), bytes(r[1]), str(r[2]), int(r[3]), bytes(r[4]))
            for r in rows[:limit]
        )
        return InboxPage(items, cursor, len(rows) > limit)

    def ack(self, caller: Caller, seq: int) -> int:
        with self._tx() as conn:
            self._claim(conn, caller)
            # The identity's last value never goes down, even when envelopes are purged.
            top = conn.execute(
                "SELECT coalesce(pg_sequence_last_value("
                "pg_get_serial_sequence('envelopes', 'seq')::regclass), 0)"
            ).fetchone()
            assert top is not None
            if seq > int(top[0]):
                raise AckBeyondInbox(seq=seq)
            row = conn.execute(
                "UPDATE devices SET cursor = GREATEST(cursor, %s) "
                "WHERE agency_id = %s AND device_id = %s RETURNING cursor",
                (seq, caller.agency_id, caller.device_id),
            ).fetchone()
        assert row is not None
        return int(row[0])

    def purge(self, now: int, retention_seconds: int, nonce_window: int) -> int:
        with self._tx() as conn:
            rows = conn.execute(
                "WITH gone AS (DELETE FROM envelopes WHERE expires_at <= %s OR stored_at <= %s "
                "RETURNING recipient, sender) SELECT recipient, sender, count(*) FROM gone "
                "GROUP BY recipient, sender",
                (now, now - retention_seconds),
            ).fetchall()
            for recipient, sender, n in rows:
                conn.execute(
                    "UPDATE inbox_counts SET stored = GREATEST(stored - %s, 0) "
                    "WHERE recipient = %s",
                    (n, recipient),
                )
                conn.execute(
                    "UPDATE pending_counts SET stored = GREATEST(stored - %s, 0) "
                    "WHERE recipient = %s AND sender = %s",
                    (n, recipient, sender),
                )
            conn.execute("DELETE FROM nonces WHERE seen_at < %s", (now - nonce_window,))
        return sum(int(n) for _, _, n in rows)

    def close(self) -> None:
        with self._all_lock:
            for conn in self._all:
                with suppress(Exception):
                    conn.close()
            self._all.clear()
