"""The audit chain: append-only, each entry holding the hash of the one before, MACed under a
key derived from the data key, with its head (count and last MAC) also kept outside the database.

Entries hold ids and action names, never field values.

Two chains over the same entries: `hash` (SHA-256, anyone can recompute it) names the first
entry whose content changed; `audit_macs` (HMAC-SHA256 under `Database.audit_key`, one row per
entry and key) can only be recomputed by someone holding the data key. The head file beside the
database (`audit-head.json`: entry count and last MAC, written after every commit that added
entries) catches what a chain alone cannot: entries cut from the end, or the whole file rolled
back to an older copy (a lost WAL among them). A rekey MACs the chain under the new key beside
the old one first, so a crash at any point leaves one complete chain for the key that opens the
file (`settle_chain` drops the other at open).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from intake_app import errors
from intake_app.storage.database import Cursor, Database

GENESIS = b"\x00" * 32
HEAD_FILE = "audit-head.json"
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: str
    actor: int | None
    action: str
    object_kind: str | None
    object_id: str | None
    detail: str | None


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _canonical(e: AuditEntry) -> bytes:
    return json.dumps(
        [e.seq, e.at, e.actor, e.action, e.object_kind, e.object_id, e.detail],
        separators=(",", ":"),
        ensure_ascii=True,
    ).encode()


def _digest(prev: bytes, e: AuditEntry) -> bytes:
    return hashlib.sha256(prev + _canonical(e)).digest()


def _mac(key: bytes, prev: bytes, e: AuditEntry) -> bytes:
    return hmac.new(key, prev + _canonical(e), hashlib.sha256).digest()


def key_id(key: bytes) -> bytes:
    """Names the key a MAC row was made under, without revealing it."""
    return hmac.new(key, b"field-intake/audit/key-id", hashlib.sha256).digest()[:16]


def append(
    c: Cursor,
    actor: int | None,
    action: str,
    object_kind: str | None = None,
    object_id: object = None,
    detail: str | None = None,
    at: str | None = None,
) -> int:
    """Append one entry inside the caller's transaction; returns its sequence number."""
    last = c.one("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")
    seq, prev = (1, GENESIS) if last is None else (int(last[0]) + 1, bytes(last[1]))
    entry = AuditEntry(
        seq,
        at or now_iso(),
        actor,
        action,
        object_kind,
        None if object_id is None else str(object_id),
        detail,
    )
    c.execute(
        "INSERT INTO audit (seq, at, actor, action, object_kind, object_id, detail, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            entry.seq,
            entry.at,
            entry.actor,
            entry.action,
            entry.object_kind,
            entry.object_id,
            entry.detail,
            prev,
            _digest(prev, entry),
        ),
    )
    if c.audit_key:
        kid = key_id(c.audit_key)
        row = c.one("SELECT mac FROM audit_macs WHERE key_id = ? AND seq = ?", (kid, seq - 1))
        mac = _mac(c.audit_key, GENESIS if row is None else bytes(row[0]), entry)
        c.execute("INSERT INTO audit_macs (key_id, seq, mac) VALUES (?, ?, ?)", (kid, seq, mac))
        if c.audit_head is None and not _head_is_ahead(c.path, seq):
            # once per transaction, with the last entry it added; a head already at or past
            # this entry means entries were cut from the end: overwriting it would hide that
            c.after_commit.append(lambda: _head_after_commit(c))
        c.audit_head = (kid, seq, mac)
    return seq


# --- the head outside the database ------------------------------------------------------------
def _head_is_ahead(db_path: Path, seq: int) -> bool:
    try:
        head = read_head(db_path)
    except errors.AuditBroken:
        return False  # a damaged head is replaced; verify named it until now
    return head is not None and head.count >= seq


def _head_after_commit(c: Cursor) -> None:
    if c.audit_head is not None:
        _store_head(c.path.with_name(HEAD_FILE), *c.audit_head)


def _store_head(path: Path, kid: bytes, count: int, mac: bytes) -> None:
    """Replace the head file (no fsync: a head lagging after a crash is allowed; one ahead of
    the committed entries cannot happen, since it is written after COMMIT returned)."""
    doc = json.dumps({"v": 1, "count": count, "mac": mac.hex(), "key": kid.hex()}).encode()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(doc)
        tmp.replace(path)
    except OSError as exc:  # a full disk must not undo a committed change; verify will say so
        log.warning("audit head not written: %s", type(exc).__name__)
        with contextlib.suppress(OSError):
            tmp.unlink()


@dataclass(frozen=True, slots=True)
class Head:
    count: int
    mac: bytes
    key: bytes


def read_head(db_path: Path) -> Head | None:
    """The head beside the database, or None when there is none; raises AuditBroken when it
    is not a head this app writes."""
    path = db_path.with_name(HEAD_FILE)
    try:
        raw = path.read_bytes()[:4096]
    except FileNotFoundError:
        return None
    except OSError:
        raise errors.AuditBroken(seq=0, reason="the audit head beside the database cannot be read") from None
    try:
        doc = json.loads(raw)
        head = Head(int(doc["count"]), bytes.fromhex(doc["mac"]), bytes.fromhex(doc["key"]))
    except (ValueError, KeyError, TypeError):
        raise errors.AuditBroken(seq=0, reason="the audit head beside the database is damaged") from None
    return head


def settle_chain(db: Database) -> None:
    """At open: MAC rows only under the key that opened the file; a first MAC chain over the
    existing entries (an upgrade), with its head."""
    if not db.audit_key:
        return
    kid = key_id(db.audit_key)
    with db.transaction() as c:
        c.execute("DELETE FROM audit_macs WHERE key_id != ?", (kid,))
        has = c.one("SELECT 1 FROM audit_macs LIMIT 1") is not None
        entries = c.one("SELECT count(*) FROM audit")
        if has or not entries or not entries[0]:
            return
        last = rechain(c, db.audit_key)
        c.after_commit.append(lambda: _store_head(db.path.with_name(HEAD_FILE), kid, *last))


def rechain(c: Cursor, key: bytes) -> tuple[int, bytes]:
    """MAC every entry under `key` (beside any other key's rows); returns (count, last MAC)."""
    kid = key_id(key)
    c.execute("DELETE FROM audit_macs WHERE key_id = ?", (kid,))
    prev, count = GENESIS, 0
    rows = c.all("SELECT seq, at, actor, action, object_kind, object_id, detail FROM audit"
                 " ORDER BY seq")
    macs = []
    for row in rows:
        prev = _mac(key, prev, AuditEntry(*row))
        macs.append((kid, int(row[0]), prev))
        count = int(row[0])
    c.executemany("INSERT INTO audit_macs (key_id, seq, mac) VALUES (?, ?, ?)", macs)
    return count, prev


def verify(db: Database) -> int:
    """Walk the whole chain; return the number of entries or raise AuditBroken naming the first bad one."""
    prev = GENESIS
    expected_seq = 1
    count = 0
    for row in db.query(
        "SELECT seq, at, actor, action, object_kind, object_id, detail, prev_hash, hash"
        " FROM audit ORDER BY seq"
    ):
        entry = AuditEntry(*row[:7])
        if entry.seq != expected_seq:
            raise errors.AuditBroken(seq=expected_seq, reason="entry missing")
        if bytes(row[7]) != prev:
            raise errors.AuditBroken(seq=entry.seq, reason="does not follow the entry before it")
        digest = _digest(prev, entry)
        if bytes(row[8]) != digest:
            raise errors.AuditBroken(seq=entry.seq, reason="its content was changed")
        prev = digest
        expected_seq += 1
        count += 1
    if db.audit_key:
        _verify_macs(db, count)
    return count


def _verify_macs(db: Database, count: int) -> None:
    kid = key_id(db.audit_key)
    prev = GENESIS
    macs = {int(r[0]): bytes(r[1]) for r in db.query(
        "SELECT seq, mac FROM audit_macs WHERE key_id = ?", (kid,))}
    rows = db.query("SELECT seq, at, actor, action, object_kind, object_id, detail FROM audit"
                    " ORDER BY seq")
    for row in rows:
        entry = AuditEntry(*row)
        expected = _mac(db.audit_key, prev, entry)
        if not hmac.compare_digest(macs.get(entry.seq, b""), expected):
            raise errors.AuditBroken(seq=entry.seq, reason="its keyed seal does not match: the"
                                     " chain was rewritten")
        prev = expected
    head = read_head(db.path)
    if head is None:
        if count:
            raise errors.AuditBroken(seq=count, reason="the audit head kept beside the database"
                                     " is missing")
        return
    if head.count > count:
        raise errors.AuditBroken(seq=count + 1, reason=f"the last {head.count - count} entries"
                                 " were removed (or an older copy of the database was put back)")
    if head.key == kid and head.count and not hmac.compare_digest(
            macs.get(head.count, b""), head.mac):
        raise errors.AuditBroken(seq=head.count, reason="the chain differs from the head kept"
                                 " beside the database")


def entries_for(
    db: Database, object_kind: str, object_id: object, limit: int = 200
) -> list[AuditEntry]:
    rows = db.query(
        "SELECT seq, at, actor, action, object_kind, object_id, detail FROM audit"
        " WHERE object_kind = ? AND object_id = ? ORDER BY seq DESC LIMIT ?",
        (object_kind, str(object_id), limit),
    )
    return [AuditEntry(*r) for r in rows]


def last_seq(db: Database | Cursor, action: str) -> int:
    """The sequence number of the latest entry with `action` (0 if there is none)."""
    if isinstance(db, Database):
        row = db.query_one("SELECT max(seq) FROM audit WHERE action = ?", (action,))
    else:
        row = db.one("SELECT max(seq) FROM audit WHERE action = ?", (action,))
    return int(row[0]) if row is not None and row[0] is not None else 0
