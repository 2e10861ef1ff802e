"""The relay's storage rules: devices, opaque envelopes with routing metadata, per-device cursors,
nonces, quotas. Written once, over SQLite (embedded default) or PostgreSQL (store_db.py), chosen
by URL: ``sqlite:///var/lib/relay.db`` or ``postgresql://user@host/db``.

What is stored, and nothing more: envelope id, sender and recipient agency ids, expiry, the
time it was stored, a sequence number, and the (padded) ciphertext body. Devices: agency id,
device id, public key, revoked flag, read cursor. Agencies: agency id and Ed25519 signing public
key, registered once by the operator; a device of a registered agency then enrols itself with a
certificate signed by that key (kept with its expiry). Counts of undelivered envelopes per
recipient and per (recipient, sender). Recently seen request nonces (kept minutes, for replay
refusal). No plaintext ever reaches the relay.

Every authenticated operation takes a `Caller` and, in the same transaction, refuses an unknown
or revoked device and records the request's nonce (a second use is refused), so a request is
never half-authenticated and each operation commits exactly once.

Delivered means acknowledged by every active device of the recipient agency: an ack that moves
the lowest cursor of the agency deletes what lies at or below it, so the relay keeps no
ciphertext that was delivered; retention and expiry then only concern envelopes some laptop has
not read yet. (A laptop enrolled later starts from what is still undelivered.)

Sequence numbers grow with every stored envelope. Within one recipient they are assigned and
committed in the same order (SQLite has one writer; on PostgreSQL the recipient's counter row is
locked by its upsert before the envelope's identity value is drawn), so a reader that has seen
seq N never later finds a new envelope below N.

Why one module over 400 lines: every storage rule of the relay, once for both dialects (the
point of issue 16's "one set of store rules"); the connections and schema live beside it
(store_db.py, store_schema.py, store_types.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from intake_app.sync.relay.auth import AuthFailed, valid_id
from intake_app.sync.relay.store_db import Db, PostgresDb, SqliteDb, Tx
from intake_app.sync.relay.store_schema import SCHEMA_VERSION, StoreSchemaTooNew
from intake_app.sync.relay.store_types import (
    ENVELOPE_ID_BYTES,
    NO_KEY,
    AckBeyondInbox,
    AgencyConflict,
    BadStoreUrl,
    Caller,
    DeviceConflict,
    DeviceEntry,
    DeviceRevoked,
    EnrolOutcome,
    EnvelopeMeta,
    InboxItem,
    InboxPage,
    PutOutcome,
    TokenUsed,
    UnknownAgency,
    UnknownDevice,
)

__all__ = [
    "ENVELOPE_ID_BYTES", "NO_KEY", "SCHEMA_VERSION", "AckBeyondInbox", "AgencyConflict",
    "BadStoreUrl", "Caller", "DeviceConflict", "DeviceEntry", "DeviceRevoked", "EnrolOutcome",
    "EnvelopeMeta", "InboxItem", "InboxPage", "PutOutcome", "RelayStore", "StoreSchemaTooNew",
    "TokenUsed", "UnknownAgency", "UnknownDevice", "open_store",
]  # fmt: skip


class RelayStore:
    """What the relay app and the operator's commands need from storage; see the module doc."""

    def __init__(self, db: Db) -> None:
        self._db = db
        self.workers = db.workers  # how many threads may usefully call the store at once
        self._false = db.dialect.false

    @property
    def dialect(self) -> str:
        return self._db.dialect.name

    def close(self) -> None:
        self._db.close()

    # --- devices and agencies -------------------------------------------------------------------
    def _claim(self, tx: Tx, caller: Caller) -> None:
        ids = {"a": caller.agency_id, "d": caller.device_id, "n": caller.nonce, "t": caller.now}
        # One statement when all is well: the nonce is spent only for an active device.
        if tx.run(
            "INSERT INTO nonces (agency_id, device_id, nonce, seen_at) SELECT :a, :d, :n, :t"
            " WHERE EXISTS (SELECT 1 FROM devices WHERE agency_id = :a AND device_id = :d"
            f" AND revoked = {self._false}) ON CONFLICT DO NOTHING",
            ids,
        ):
            return
        row = tx.one("SELECT revoked FROM devices WHERE agency_id = :a AND device_id = :d", ids)
        if row is None:
            raise AuthFailed(reason="unknown_device")
        if row[0]:
            raise DeviceRevoked(agency=caller.agency_id, device=caller.device_id)
        raise AuthFailed(reason="replayed_nonce")

    def claim(self, caller: Caller) -> None:
        """Authenticate `caller` (known, not revoked, nonce unused) and spend its nonce, for a
        request refused after authentication without any other store change."""
        self._db.write(lambda tx: self._claim(tx, caller))

    def register_device(self, agency_id: str, device_id: str, public_key: bytes) -> None:
        """Enrol a device; re-registering the same active key is a no-op."""
        _check_ids(agency_id, device_id)
        _check_key(public_key)

        def rule(tx: Tx) -> None:
            args = {"a": agency_id, "d": device_id, "k": public_key}
            tx.run(
                "INSERT INTO devices (agency_id, device_id, public_key) VALUES (:a, :d, :k)"
                " ON CONFLICT DO NOTHING",
                args,
            )
            row = tx.one(
                "SELECT public_key, revoked FROM devices WHERE agency_id = :a AND device_id = :d",
                args,
            )
            assert row is not None
            if bytes(row[0]) != public_key or row[1]:
                raise DeviceConflict(agency=agency_id, device=device_id)

        self._db.write(rule)

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

        def rule(tx: Tx) -> None:
            if caller is not None:
                self._claim(tx, caller)
            args = {"a": agency_id, "d": device_id, "k": NO_KEY}
            if tombstone:
                _check_ids(agency_id, device_id)
                tx.run(
                    "INSERT INTO devices (agency_id, device_id, public_key, revoked)"
                    " VALUES (:a, :d, :k, TRUE) ON CONFLICT DO NOTHING",
                    args,
                )
            updated = tx.run(
                "UPDATE devices SET revoked = TRUE WHERE agency_id = :a AND device_id = :d", args
            )
            if updated != 1:
                raise UnknownDevice(agency=agency_id, device=device_id)

        self._db.write(rule)

    def device_key(self, agency_id: str, device_id: str) -> bytes | None:
        """The device's raw Ed25519 public key (also when revoked), or None if unknown."""
        entry = self.device_entry(agency_id, device_id)
        return None if entry is None else entry.public_key

    def device_entry(self, agency_id: str, device_id: str) -> DeviceEntry | None:
        """The device's key and certificate expiry (also when revoked), or None if unknown."""
        row = self._db.read(
            lambda tx: tx.one(
                "SELECT d.public_key, c.expires_at FROM devices d LEFT JOIN device_certificates c"
                " ON c.agency_id = d.agency_id AND c.device_id = d.device_id"
                " WHERE d.agency_id = :a AND d.device_id = :d",
                {"a": agency_id, "d": device_id},
            )
        )
        if row is None:
            return None
        return DeviceEntry(bytes(row[0]), None if row[1] is None else int(row[1]))

    def device_certificate(self, agency_id: str, device_id: str) -> bytes | None:
        """The certificate a device enrolled with (None: registered by hand, or unknown)."""
        row = self._db.read(
            lambda tx: tx.one(
                "SELECT certificate FROM device_certificates"
                " WHERE agency_id = :a AND device_id = :d",
                {"a": agency_id, "d": device_id},
            )
        )
        return None if row is None else bytes(row[0])

    def register_agency(self, agency_id: str, signing_key: bytes, now: int) -> bool:
        """Register an agency's Ed25519 signing key; True if new, False if already so.
        Another key for a registered agency raises AgencyConflict (re-keying is not silent)."""
        _check_ids(agency_id)
        _check_key(signing_key)

        def rule(tx: Tx) -> bool:
            args = {"a": agency_id, "k": signing_key, "t": now}
            if tx.run(
                "INSERT INTO agencies (agency_id, signing_key, registered_at) VALUES (:a, :k, :t)"
                " ON CONFLICT DO NOTHING",
                args,
            ):
                return True
            row = tx.one("SELECT signing_key FROM agencies WHERE agency_id = :a", args)
            assert row is not None
            if bytes(row[0]) != signing_key:
                raise AgencyConflict(agency=agency_id)
            return False

        return self._db.write(rule)

    def agency_key(self, agency_id: str) -> bytes | None:
        """The agency's registered signing key, or None."""
        row = self._db.read(
            lambda tx: tx.one(
                "SELECT signing_key FROM agencies WHERE agency_id = :a", {"a": agency_id}
            )
        )
        return None if row is None else bytes(row[0])

    def known_agencies(self, agency_ids: Sequence[str]) -> set[str]:
        """Those of `agency_ids` registered here (an agency card, or an active device)."""
        if not agency_ids:
            return set()
        names = {f"a{i}": a for i, a in enumerate(agency_ids)}
        marks = ", ".join(f":{n}" for n in names)
        rows = self._db.read(
            lambda tx: tx.all(
                f"SELECT agency_id FROM agencies WHERE agency_id IN ({marks}) UNION "
                f"SELECT agency_id FROM devices WHERE agency_id IN ({marks})"
                f" AND revoked = {self._false}",
                names,
            )
        )
        return {str(r[0]) for r in rows}

    def enrol_device(
        self,
        caller: Caller,
        public_key: bytes,
        certificate: bytes,
        expires_at: int | None,
        token: str | None = None,
    ) -> EnrolOutcome:
        """A device enrols itself (certificate already verified by the caller), in one
        transaction with its request nonce. The agency must be registered (UnknownAgency);
        the certificate's one-time `token` must not have enrolled another device (TokenUsed);
        the same key again is ALREADY_ENROLLED; a revoked device stays revoked
        (DeviceRevoked); another key for the id is DeviceConflict."""
        _check_ids(caller.agency_id, caller.device_id)
        _check_key(public_key)
        a, d = caller.agency_id, caller.device_id
        args = {"a": a, "d": d, "k": public_key, "n": caller.nonce, "t": caller.now, "o": token}

        def rule(tx: Tx) -> EnrolOutcome:
            if tx.one("SELECT 1 FROM agencies WHERE agency_id = :a", args) is None:
                raise UnknownAgency(agency=a)
            if token is not None:
                tx.run(
                    "INSERT INTO enrolment_tokens (agency_id, token, device_id, used_at)"
                    " VALUES (:a, :o, :d, :t) ON CONFLICT DO NOTHING",
                    args,
                )
                used = tx.one(
                    "SELECT device_id FROM enrolment_tokens WHERE agency_id = :a AND token = :o",
                    args,
                )
                if used is None or str(used[0]) != d:
                    raise TokenUsed(agency=a, device=d)
            inserted = tx.run(
                "INSERT INTO devices (agency_id, device_id, public_key) VALUES (:a, :d, :k)"
                " ON CONFLICT DO NOTHING",
                args,
            )
            row = tx.one(
                "SELECT public_key, revoked FROM devices WHERE agency_id = :a AND device_id = :d",
                args,
            )
            assert row is not None
            if row[1]:
                raise DeviceRevoked(agency=a, device=d)
            if bytes(row[0]) != public_key:
                raise DeviceConflict(agency=a, device=d)
            if not tx.run(
                "INSERT INTO nonces (agency_id, device_id, nonce, seen_at) VALUES (:a, :d, :n, :t)"
                " ON CONFLICT DO NOTHING",
                args,
            ):
                raise AuthFailed(reason="replayed_nonce")
            # The newest certificate presented for this key is the one whose expiry counts.
            tx.run(
                "INSERT INTO device_certificates (agency_id, device_id, certificate, expires_at,"
                " enrolled_at) VALUES (:a, :d, :c, :x, :t) ON CONFLICT (agency_id, device_id)"
                " DO UPDATE SET certificate = excluded.certificate,"
                " expires_at = excluded.expires_at",
                {**args, "c": certificate, "x": expires_at},
            )
            return EnrolOutcome.ENROLLED if inserted == 1 else EnrolOutcome.ALREADY_ENROLLED

        return self._db.write(rule)

    # --- envelopes ------------------------------------------------------------------------------
    def _put_rule(
        self,
        caller: Caller,
        items: Sequence[tuple[EnvelopeMeta, bytes]],
        max_pending: int,
        max_per_sender: int,
    ) -> Callable[[Tx], list[PutOutcome]]:
        def rule(tx: Tx) -> list[PutOutcome]:
            self._claim(tx, caller)
            # A batch (often a resent backlog) looks its ids up first; one new envelope goes
            # straight to the insert, which finds a repeat itself.
            ids = [meta.envelope_id for meta, _ in items]
            known = self._existing(tx, ids) if len(items) > 1 else {}
            gone = self._delivered(tx, ids) if len(items) > 1 else {}
            outcomes: list[PutOutcome] = []
            for meta, body in items:
                mine = (meta.sender, meta.recipient, meta.expires_at, body)
                if meta.envelope_id in gone:
                    outcomes.append(_compare_digest(gone[meta.envelope_id], meta, body))
                elif meta.envelope_id in known:
                    same = known[meta.envelope_id] == mine
                    outcomes.append(PutOutcome.ALREADY_STORED if same else PutOutcome.CONFLICT)
                else:
                    outcome = self._put(tx, caller, meta, body, max_pending, max_per_sender)
                    if outcome is PutOutcome.STORED:
                        known[meta.envelope_id] = mine  # a repeat later in this batch
                    outcomes.append(outcome)
            return outcomes

        return rule

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
        return self._db.write(self._put_rule(caller, items, max_pending, max_per_sender))

    def submit_put(
        self,
        caller: Caller,
        items: Sequence[tuple[EnvelopeMeta, bytes]],
        max_pending: int,
        max_per_sender: int,
    ) -> Future[list[PutOutcome]]:
        """`put_envelopes` handed to the store's writer, for a caller that must not block."""
        return self._db.submit(self._put_rule(caller, items, max_pending, max_per_sender))

    @staticmethod
    def _delivered(tx: Tx, ids: list[bytes]) -> dict[bytes, bytes | None]:
        names = {f"i{n}": envelope_id for n, envelope_id in enumerate(dict.fromkeys(ids))}
        marks = ", ".join(f":{n}" for n in names)
        rows = tx.all(
            f"SELECT envelope_id, digest FROM delivered WHERE envelope_id IN ({marks})", names
        )
        return {bytes(r[0]): None if r[1] is None else bytes(r[1]) for r in rows}

    @staticmethod
    def _existing(tx: Tx, ids: list[bytes]) -> dict[bytes, tuple[Any, ...]]:
        names = {f"i{n}": envelope_id for n, envelope_id in enumerate(dict.fromkeys(ids))}
        marks = ", ".join(f":{n}" for n in names)
        rows = tx.all(
            "SELECT envelope_id, sender, recipient, expires_at, body FROM envelopes"
            f" WHERE envelope_id IN ({marks})",
            names,
        )
        return {bytes(r[0]): (r[1], r[2], int(r[3]), bytes(r[4])) for r in rows}

    @staticmethod
    def _put(
        tx: Tx,
        caller: Caller,
        meta: EnvelopeMeta,
        body: bytes,
        max_pending: int,
        max_per_sender: int,
    ) -> PutOutcome:
        """Count, then insert one envelope; a repeat (stored, or delivered and deleted) gives
        the counts back and is compared."""
        args = {
            "r": meta.recipient, "s": meta.sender, "id": meta.envelope_id, "x": meta.expires_at,
            "t": caller.now, "body": body, "max": max_pending, "maxs": max_per_sender,
            "digest": _digest(meta, body),
        }  # fmt: skip
        # The recipient's counter row first: on PostgreSQL its lock orders the seq values.
        if tx.one(_COUNT_RECIPIENT, args) is None:
            return PutOutcome.INBOX_FULL
        if tx.one(_COUNT_PAIR, args) is None:
            tx.run(_UNCOUNT_RECIPIENT, {**args, "n": 1})
            return PutOutcome.SENDER_QUOTA
        if tx.one(_INSERT_ENVELOPE, args) is not None:
            return PutOutcome.STORED
        tx.run(_UNCOUNT_RECIPIENT, {**args, "n": 1})
        tx.run(_UNCOUNT_PAIR, {**args, "n": 1})
        gone = tx.one("SELECT digest FROM delivered WHERE envelope_id = :id", args)
        if gone is not None:
            return _compare_digest(None if gone[0] is None else bytes(gone[0]), meta, body)
        row = tx.one(
            "SELECT sender, recipient, expires_at, body FROM envelopes WHERE envelope_id = :id",
            args,
        )
        assert row is not None
        same = (row[0], row[1], int(row[2]), bytes(row[3])) == (
            meta.sender, meta.recipient, meta.expires_at, body,
        )  # fmt: skip
        return PutOutcome.ALREADY_STORED if same else PutOutcome.CONFLICT

    def fetch(self, caller: Caller, after: int | None, limit: int) -> InboxPage:
        """The caller agency's live envelopes with seq > after (None: the device's cursor)."""

        def rule(tx: Tx) -> InboxPage:
            self._claim(tx, caller)
            ids = {"a": caller.agency_id, "d": caller.device_id}
            row = tx.one("SELECT cursor FROM devices WHERE agency_id = :a AND device_id = :d", ids)
            assert row is not None
            cursor = int(row[0])
            rows = tx.all(
                "SELECT seq, envelope_id, sender, expires_at, body FROM envelopes"
                " WHERE recipient = :a AND seq > :after AND expires_at > :now"
                " ORDER BY seq LIMIT :limit",
                {
                    **ids,
                    "after": cursor if after is None else after,
                    "now": caller.now,
                    "limit": limit + 1,
                },
            )
            items = tuple(
                InboxItem(int(r[0]), bytes(r[1]), str(r[2]), int(r[3]), bytes(r[4]))
                for r in rows[:limit]
            )
            return InboxPage(items, cursor, len(rows) > limit)

        return self._db.write(rule)

    def ack(self, caller: Caller, seq: int) -> int:
        """Advance the calling device's cursor to at least `seq`; return the cursor. What every
        active device of the agency has now acknowledged is deleted."""

        def rule(tx: Tx) -> int:
            self._claim(tx, caller)
            top = tx.one(self._db.dialect.high_water)
            if seq > (0 if top is None else int(top[0])):
                raise AckBeyondInbox(seq=seq)
            ids = {"a": caller.agency_id, "d": caller.device_id, "seq": seq}
            row = tx.one(
                f"UPDATE devices SET cursor = {self._db.dialect.greatest}(cursor, :seq)"
                " WHERE agency_id = :a AND device_id = :d RETURNING cursor",
                ids,
            )
            assert row is not None
            low = tx.one(
                f"SELECT min(cursor) FROM devices WHERE agency_id = :a AND revoked = {self._false}",
                ids,
            )
            if low is not None and low[0] is not None:
                where, args = "recipient = :a AND seq <= :low", {**ids, "low": int(low[0])}
                tx.run(
                    "INSERT INTO delivered (envelope_id, digest, expires_at) SELECT envelope_id,"
                    f" digest, expires_at FROM envelopes WHERE {where} ON CONFLICT DO NOTHING",
                    args,
                )
                self._delete(tx, where, args)
            return int(row[0])

        return self._db.write(rule)

    def purge(self, now: int, retention_seconds: int, nonce_window: int) -> int:
        """Delete expired or over-retention envelopes and old nonces; return envelopes deleted."""

        def rule(tx: Tx) -> int:
            deleted = self._delete(
                tx, "expires_at <= :now OR stored_at <= :old",
                {"now": now, "old": now - retention_seconds},
            )  # fmt: skip
            tx.run("DELETE FROM nonces WHERE seen_at < :t", {"t": now - nonce_window})
            tx.run("DELETE FROM delivered WHERE expires_at <= :now", {"now": now})
            return deleted

        return self._db.write(rule)

    @staticmethod
    def _delete(tx: Tx, where: str, args: dict[str, Any]) -> int:
        """Delete the envelopes `where` selects, and take them off the counts."""
        groups = tx.all(
            f"SELECT recipient, sender, count(*) FROM envelopes WHERE {where}"
            " GROUP BY recipient, sender",
            args,
        )
        if not groups:
            return 0
        for recipient, sender, n in groups:
            counts = {"r": recipient, "s": sender, "n": int(n)}
            tx.run(_UNCOUNT_RECIPIENT, counts)
            tx.run(_UNCOUNT_PAIR, counts)
        return tx.run(f"DELETE FROM envelopes WHERE {where}", args)


_COUNT_RECIPIENT = (
    "INSERT INTO inbox_counts (recipient, stored) VALUES (:r, 1) ON CONFLICT (recipient)"
    " DO UPDATE SET stored = inbox_counts.stored + 1 WHERE inbox_counts.stored < :max"
    " RETURNING stored"
)
_COUNT_PAIR = (
    "INSERT INTO pending_counts (recipient, sender, stored) VALUES (:r, :s, 1)"
    " ON CONFLICT (recipient, sender) DO UPDATE SET stored = pending_counts.stored + 1"
    " WHERE pending_counts.stored < :maxs RETURNING stored"
)
_UNCOUNT_RECIPIENT = "UPDATE inbox_counts SET stored = stored - :n WHERE recipient = :r"
_UNCOUNT_PAIR = (
    "UPDATE pending_counts SET stored = stored - :n WHERE recipient = :r AND sender = :s"
)
# Not stored when the id is already there, nor when it was delivered and deleted.
_INSERT_ENVELOPE = (
    "INSERT INTO envelopes (envelope_id, sender, recipient, expires_at, stored_at, body, digest)"
    " SELECT :id, :s, :r, :x, :t, :body, :digest"
    " WHERE NOT EXISTS (SELECT 1 FROM delivered WHERE envelope_id = :id)"
    " ON CONFLICT (envelope_id) DO NOTHING RETURNING seq"
)


def _compare_digest(digest: bytes | None, meta: EnvelopeMeta, body: bytes) -> PutOutcome:
    """A retry of a delivered envelope: the same (or, from before schema 3, unknown) digest."""
    same = digest is None or digest == _digest(meta, body)
    return PutOutcome.ALREADY_STORED if same else PutOutcome.CONFLICT


def _digest(meta: EnvelopeMeta, body: bytes) -> bytes:
    """What a repeat must match once the body is gone: routing and body, hashed."""
    head = f"{meta.sender}|{meta.recipient}|{meta.expires_at}|".encode("ascii")
    return hashlib.sha256(head + body).digest()


def open_store(url: str) -> RelayStore:
    """Open (and create or migrate) the store named by `url`."""
    scheme = urlsplit(url).scheme
    if scheme == "sqlite":
        rest = url[len("sqlite://") :]
        path_text, _, query = rest.partition("?")
        if not path_text:
            raise BadStoreUrl(scheme="sqlite (no path)")
        synchronous = parse_qs(query).get("synchronous", ["FULL"])[0]
        return RelayStore(SqliteDb(Path(path_text), synchronous))
    if scheme in ("postgresql", "postgres"):
        return RelayStore(PostgresDb(url))
    raise BadStoreUrl(scheme=scheme)


def _check_ids(*ids: str) -> None:
    for value in ids:
        if not valid_id(value):
            raise ValueError("agency and device ids are 1-64 of A-Z a-z 0-9 . _ -")


def _check_key(public_key: bytes) -> None:
    if len(public_key) != 32:
        raise ValueError("an Ed25519 public key is 32 raw bytes")
