"""Repositories for sharing (schema V3): this agency's keys, partners, outbox, what was shared
under which consent, referrals, withdrawals, inbox items, read-only partner views, seen envelope
ids and the quarantine.

Functions taking a `Cursor` run inside the caller's transaction; functions taking a `Database`
are reads outside one. Nothing here logs, and no error carries a stored value: ids only.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from intake_app import errors
from intake_app.domain.answers import Answer
from intake_app.domain.consent import Consent
from intake_app.storage.consents import _COLUMNS as _CONSENT_COLUMNS
from intake_app.storage.consents import _consent
from intake_app.storage.database import Cursor, Database


# --- this agency -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SelfRow:
    agency_id: str
    identity: bytes
    device_id: str | None
    device_key: bytes | None
    device_certificate: bytes | None = None


def get_self(db: Database | Cursor) -> SelfRow | None:
    sql = (
        "SELECT agency_id, identity, device_id, device_key, device_certificate FROM agency_self"
        " WHERE id = 1"
    )
    row = db.one(sql) if isinstance(db, Cursor) else db.query_one(sql)
    if row is None:
        return None
    return SelfRow(
        str(row[0]),
        bytes(row[1]),
        None if row[2] is None else str(row[2]),
        None if row[3] is None else bytes(row[3]),
        None if row[4] is None else bytes(row[4]),
    )


def put_self(c: Cursor, agency_id: str, identity: bytes, at: str) -> None:
    """Store (or replace) the private identity; a new agency id forgets the device key."""
    c.execute(
        "INSERT INTO agency_self (id, agency_id, identity, created_at, updated_at)"
        " VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
        " device_id = CASE WHEN agency_self.agency_id = excluded.agency_id"
        "   THEN agency_self.device_id END,"
        " device_key = CASE WHEN agency_self.agency_id = excluded.agency_id"
        "   THEN agency_self.device_key END,"
        " device_certificate = CASE WHEN agency_self.agency_id = excluded.agency_id"
        "   THEN agency_self.device_certificate END,"
        " agency_id = excluded.agency_id, identity = excluded.identity,"
        " updated_at = excluded.updated_at",
        (agency_id, identity, at, at),
    )


def put_device(
    c: Cursor, device_id: str, device_key: bytes, at: str, certificate: bytes | None = None
) -> None:
    """Store this laptop's device key (and its certificate); a new key drops an old certificate."""
    cur = c.execute(
        "UPDATE agency_self SET device_id = ?, device_key = ?, device_certificate = ?,"
        " updated_at = ? WHERE id = 1",
        (device_id, device_key, certificate, at),
    )
    if cur.rowcount != 1:
        raise errors.NotFound(kind="agency identity", id=1)


def put_device_certificate(c: Cursor, certificate: bytes, at: str) -> None:
    cur = c.execute(
        "UPDATE agency_self SET device_certificate = ?, updated_at = ?"
        " WHERE id = 1 AND device_key IS NOT NULL",
        (certificate, at),
    )
    if cur.rowcount != 1:
        raise errors.NotFound(kind="device key", id=1)


# --- partners ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PartnerRow:
    id: int
    agency_id: str
    name: str
    kind: str
    card: bytes
    fingerprint: str
    imported_at: str
    confirmed_at: str | None

    def __repr__(self) -> str:
        return f"PartnerRow(id={self.id}, agency_id={self.agency_id})"


_PARTNER = (
    "SELECT id, agency_id, name, kind, card, fingerprint, imported_at, confirmed_at FROM partners"
)


def _partner(r: Any) -> PartnerRow:
    return PartnerRow(
        int(r[0]),
        str(r[1]),
        str(r[2]),
        str(r[3]),
        bytes(r[4]),
        str(r[5]),
        str(r[6]),
        None if r[7] is None else str(r[7]),
    )


def upsert_partner(
    c: Cursor,
    agency_id: str,
    name: str,
    kind: str,
    card: bytes,
    fingerprint: str,
    user_id: int | None,
    at: str,
) -> int:
    """Insert a partner card, or replace a stored one; new keys void an earlier confirmation."""
    row = c.one("SELECT id, fingerprint FROM partners WHERE agency_id = ?", (agency_id,))
    if row is None:
        cur = c.execute(
            "INSERT INTO partners (agency_id, name, kind, card, fingerprint, imported_at,"
            " imported_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (agency_id, name, kind, card, fingerprint, at, user_id),
        )
        return int(cur.lastrowid)
    same_keys = str(row[1]) == fingerprint
    c.execute(
        "UPDATE partners SET name = ?, kind = ?, card = ?, fingerprint = ?, imported_at = ?,"
        " imported_by = ?, confirmed_at = CASE WHEN ? THEN confirmed_at END,"
        " confirmed_by = CASE WHEN ? THEN confirmed_by END WHERE id = ?",
        (name, kind, card, fingerprint, at, user_id, int(same_keys), int(same_keys), int(row[0])),
    )
    return int(row[0])


def confirm_partner(c: Cursor, agency_id: str, user_id: int | None, at: str) -> None:
    cur = c.execute(
        "UPDATE partners SET confirmed_at = coalesce(confirmed_at, ?),"
        " confirmed_by = coalesce(confirmed_by, ?) WHERE agency_id = ?",
        (at, user_id, agency_id),
    )
    if cur.rowcount != 1:
        raise errors.NotFound(kind="partner", id=agency_id)


def get_partner(db: Database | Cursor, agency_id: str) -> PartnerRow | None:
    sql = _PARTNER + " WHERE agency_id = ?"
    row = db.one(sql, (agency_id,)) if isinstance(db, Cursor) else db.query_one(sql, (agency_id,))
    return None if row is None else _partner(row)


def list_partners(db: Database | Cursor) -> list[PartnerRow]:
    sql = _PARTNER + " ORDER BY name, agency_id"
    rows = db.all(sql) if isinstance(db, Cursor) else db.query(sql)
    return [_partner(r) for r in rows]


# --- outbox ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class OutboxRow:
    id: int
    envelope_id: str
    recipient_id: str
    kind: str
    expires: int
    body: bytes
    status: str
    attempts: int
    last_error: str | None

    def __repr__(self) -> str:
        return f"OutboxRow(id={self.id}, envelope_id={self.envelope_id}, status={self.status})"


_OUTBOX = (
    "SELECT id, envelope_id, recipient_id, kind, expires, body, status, attempts, last_error"
    " FROM outbox"
)


def _outbox(r: Any) -> OutboxRow:
    return OutboxRow(
        int(r[0]),
        str(r[1]),
        str(r[2]),
        str(r[3]),
        int(r[4]),
        bytes(r[5]),
        str(r[6]),
        int(r[7]),
        None if r[8] is None else str(r[8]),
    )


def enqueue(
    c: Cursor, envelope_id: str, recipient_id: str, kind: str, expires: int, body: bytes, at: str
) -> int:
    cur = c.execute(
        "INSERT INTO outbox (envelope_id, recipient_id, kind, expires, body, queued_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (envelope_id, recipient_id, kind, expires, body, at),
    )
    return int(cur.lastrowid)


def pending(db: Database, limit: int = 500) -> list[OutboxRow]:
    """Pending envelopes, oldest first (the order they were queued)."""
    return [
        _outbox(r)
        for r in db.query(_OUTBOX + " WHERE status = 'pending' ORDER BY id LIMIT ?", (limit,))
    ]


def outbox_all(db: Database) -> list[OutboxRow]:
    return [_outbox(r) for r in db.query(_OUTBOX + " ORDER BY id")]


def count_pending(db: Database) -> int:
    row = db.query_one("SELECT count(*) FROM outbox WHERE status = 'pending'")
    return int(row[0]) if row else 0


def mark_delivered(c: Cursor, envelope_ids: Sequence[str], at: str) -> int:
    """Mark envelopes delivered (idempotent); returns how many changed state."""
    changed = 0
    for eid in envelope_ids:
        cur = c.execute(
            "UPDATE outbox SET status = 'delivered', delivered_at = ?, attempts = attempts + 1,"
            " last_error = NULL WHERE envelope_id = ? AND status = 'pending'",
            (at, eid),
        )
        changed += int(cur.rowcount)
    return changed


def mark_attempt(c: Cursor, envelope_id: str, reason: str, *, failed: bool) -> None:
    """Record a failed attempt by reason code; `failed` ends retries for this envelope."""
    c.execute(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?,"
        " status = CASE WHEN ? THEN 'failed' ELSE status END"
        " WHERE envelope_id = ? AND status = 'pending'",
        (reason, int(failed), envelope_id),
    )


# --- what was shared ---------------------------------------------------------------------------
def share_ref_for(c: Cursor, case_id: int, recipient_id: str, new_ref: str) -> str:
    """The stable reference a recipient knows this case by (created on first use)."""
    c.execute(
        "INSERT OR IGNORE INTO share_refs (case_id, recipient_id, share_ref) VALUES (?, ?, ?)",
        (case_id, recipient_id, new_ref),
    )
    row = c.one(
        "SELECT share_ref FROM share_refs WHERE case_id = ? AND recipient_id = ?",
        (case_id, recipient_id),
    )
    assert row is not None
    return str(row[0])


def record_share(
    c: Cursor,
    envelope_id: str,
    case_id: int,
    recipient_id: str,
    purpose: str,
    kind: str,
    share_ref: str,
    field_keys: Sequence[str],
    consent_ids: Sequence[int],
    user_id: int | None,
    at: str,
) -> int:
    cur = c.execute(
        "INSERT INTO shares_sent (envelope_id, case_id, recipient_id, purpose, kind, share_ref,"
        " fields_json, sent_at, sent_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            envelope_id,
            case_id,
            recipient_id,
            purpose,
            kind,
            share_ref,
            json.dumps(sorted(field_keys)),
            at,
            user_id,
        ),
    )
    share_id = int(cur.lastrowid)
    c.executemany(
        "INSERT INTO share_consents (share_id, consent_id) VALUES (?, ?)",
        [(share_id, cid) for cid in sorted(set(consent_ids))],
    )
    return share_id


@dataclass(frozen=True, slots=True)
class ShareRow:
    id: int
    envelope_id: str
    case_id: int
    recipient_id: str
    purpose: str
    kind: str
    share_ref: str
    field_keys: tuple[str, ...]
    consent_ids: tuple[int, ...]
    sent_at: str


def shares_for_case(db: Database, case_id: int) -> list[ShareRow]:
    rows = db.query(
        "SELECT s.id, s.envelope_id, s.case_id, s.recipient_id, s.purpose, s.kind, s.share_ref,"
        " s.fields_json, (SELECT group_concat(consent_id) FROM share_consents sc"
        " WHERE sc.share_id = s.id), s.sent_at FROM shares_sent s WHERE s.case_id = ?"
        " ORDER BY s.id",
        (case_id,),
    )
    return [
        ShareRow(
            int(r[0]),
            str(r[1]),
            int(r[2]),
            str(r[3]),
            str(r[4]),
            str(r[5]),
            str(r[6]),
            tuple(json.loads(r[7])),
            tuple(int(x) for x in str(r[8]).split(",")) if r[8] else (),
            str(r[9]),
        )
        for r in rows
    ]


def recipients_under_consent(c: Cursor, consent_id: int) -> list[tuple[str, int]]:
    """(recipient agency id, case id) of every share sent under this consent."""
    return [
        (str(r[0]), int(r[1]))
        for r in c.all(
            "SELECT DISTINCT s.recipient_id, s.case_id FROM shares_sent s"
            " JOIN share_consents sc ON sc.share_id = s.id WHERE sc.consent_id = ?"
            " ORDER BY s.recipient_id",
            (consent_id,),
        )
    ]


# --- referrals (sent) --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ReferralRow:
    id: int
    referral_ref: str
    case_id: int
    recipient_id: str
    service: str
    urgency: str
    status: str
    response_note: str | None
    sent_at: str
    responded_at: str | None

    def __repr__(self) -> str:
        return f"ReferralRow(id={self.id}, status={self.status})"


_REFERRAL = (
    "SELECT id, referral_ref, case_id, recipient_id, service, urgency, status, response_note,"
    " sent_at, responded_at FROM referrals_out"
)


def _referral(r: Any) -> ReferralRow:
    return ReferralRow(
        int(r[0]),
        str(r[1]),
        int(r[2]),
        str(r[3]),
        str(r[4]),
        str(r[5]),
        str(r[6]),
        None if r[7] is None else str(r[7]),
        str(r[8]),
        None if r[9] is None else str(r[9]),
    )


def insert_referral(
    c: Cursor,
    referral_ref: str,
    share_id: int,
    case_id: int,
    recipient_id: str,
    service: str,
    urgency: str,
    at: str,
) -> int:
    cur = c.execute(
        "INSERT INTO referrals_out (referral_ref, share_id, case_id, recipient_id, service,"
        " urgency, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (referral_ref, share_id, case_id, recipient_id, service, urgency, at),
    )
    return int(cur.lastrowid)


def referral_by_ref(c: Cursor, referral_ref: str, recipient_id: str) -> ReferralRow | None:
    row = c.one(
        _REFERRAL + " WHERE referral_ref = ? AND recipient_id = ?", (referral_ref, recipient_id)
    )
    return None if row is None else _referral(row)


def set_referral_response(
    c: Cursor, referral_id: int, status: str, note: str | None, at: str
) -> None:
    c.execute(
        "UPDATE referrals_out SET status = ?, response_note = ?, responded_at = ? WHERE id = ?",
        (status, note, at, referral_id),
    )


def referrals_for_case(db: Database, case_id: int) -> list[ReferralRow]:
    return [
        _referral(r) for r in db.query(_REFERRAL + " WHERE case_id = ? ORDER BY id", (case_id,))
    ]


def get_referral(db: Database, referral_id: int) -> ReferralRow:
    row = db.query_one(_REFERRAL + " WHERE id = ?", (referral_id,))
    if row is None:
        raise errors.NotFound(kind="referral", id=referral_id)
    return _referral(row)


# --- withdrawals (sent) ------------------------------------------------------------------------
def withdrawal_queued(c: Cursor, consent_id: int, recipient_id: str) -> bool:
    return (
        c.one(
            "SELECT 1 FROM withdrawals_sent WHERE consent_id = ? AND recipient_id = ?",
            (consent_id, recipient_id),
        )
        is not None
    )


def insert_withdrawal(
    c: Cursor, consent_id: int, recipient_id: str, envelope_id: str, at: str
) -> int:
    cur = c.execute(
        "INSERT INTO withdrawals_sent (consent_id, recipient_id, envelope_id, queued_at)"
        " VALUES (?, ?, ?, ?)",
        (consent_id, recipient_id, envelope_id, at),
    )
    return int(cur.lastrowid)


def acknowledge_withdrawal(
    c: Cursor, envelope_id: str, sender_id: str, removed: int, at: str
) -> int | None:
    """Mark the withdrawal sent in `envelope_id` to `sender_id` as confirmed; its consent id."""
    row = c.one(
        "SELECT id, consent_id FROM withdrawals_sent WHERE envelope_id = ? AND recipient_id = ?",
        (envelope_id, sender_id),
    )
    if row is None:
        return None
    c.execute(
        "UPDATE withdrawals_sent SET acknowledged_at = coalesce(acknowledged_at, ?),"
        " removed_count = ? WHERE id = ?",
        (at, removed, int(row[0])),
    )
    return int(row[1])


@dataclass(frozen=True, slots=True)
class WithdrawalRow:
    consent_id: int
    recipient_id: str
    envelope_id: str
    queued_at: str
    acknowledged_at: str | None
    removed_count: int | None


def withdrawals_for_consent(db: Database, consent_id: int) -> list[WithdrawalRow]:
    return [
        WithdrawalRow(
            int(r[0]),
            str(r[1]),
            str(r[2]),
            str(r[3]),
            None if r[4] is None else str(r[4]),
            None if r[5] is None else int(r[5]),
        )
        for r in db.query(
            "SELECT consent_id, recipient_id, envelope_id, queued_at, acknowledged_at,"
            " removed_count FROM withdrawals_sent WHERE consent_id = ? ORDER BY id",
            (consent_id,),
        )
    ]


# --- inbox -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class InboxRow:
    id: int
    envelope_id: str
    sender_id: str
    kind: str
    share_ref: str
    referral_ref: str | None
    service: str | None
    urgency: str | None
    status: str
    received_at: str
    responded_at: str | None

    def __repr__(self) -> str:
        return f"InboxRow(id={self.id}, kind={self.kind}, status={self.status})"


_INBOX = (
    "SELECT id, envelope_id, sender_id, kind, share_ref, referral_ref, service, urgency,"
    " CASE WHEN expired_at IS NULL THEN status ELSE 'expired' END, received_at, responded_at"
    " FROM inbox_items"
)


def _inbox(r: Any) -> InboxRow:
    def opt(v: Any) -> str | None:
        return None if v is None else str(v)

    return InboxRow(
        int(r[0]),
        str(r[1]),
        str(r[2]),
        str(r[3]),
        str(r[4]),
        opt(r[5]),
        opt(r[6]),
        opt(r[7]),
        str(r[8]),
        str(r[9]),
        opt(r[10]),
    )


def insert_inbox_item(
    c: Cursor,
    envelope_id: str,
    sender_id: str,
    kind: str,
    share_ref: str,
    referral_ref: str | None,
    service: str | None,
    urgency: str | None,
    at: str,
) -> int:
    cur = c.execute(
        "INSERT INTO inbox_items (envelope_id, sender_id, kind, share_ref, referral_ref, service,"
        " urgency, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (envelope_id, sender_id, kind, share_ref, referral_ref, service, urgency, at),
    )
    return int(cur.lastrowid)


def get_inbox_item(db: Database | Cursor, item_id: int) -> InboxRow:
    sql = _INBOX + " WHERE id = ?"
    row = db.one(sql, (item_id,)) if isinstance(db, Cursor) else db.query_one(sql, (item_id,))
    if row is None:
        raise errors.NotFound(kind="inbox item", id=item_id)
    return _inbox(row)


def inbox_items(db: Database) -> list[InboxRow]:
    return [_inbox(r) for r in db.query(_INBOX + " ORDER BY id")]


def set_inbox_status(c: Cursor, item_id: int, status: str, note: str | None, at: str) -> None:
    c.execute(
        "UPDATE inbox_items SET status = ?, response_note = ?, responded_at = ? WHERE id = ?",
        (status, note, at, item_id),
    )


def insert_partner_view(
    c: Cursor,
    inbox_item_id: int,
    sender_id: str,
    share_ref: str,
    purpose: str,
    payload_json: str,
    consent_refs: Sequence[int],
    at: str,
    expires_at: str | None = None,
) -> tuple[int, int]:
    """Store a new version of a partner's view of a case; returns (view id, version)."""
    row = c.one(
        "SELECT coalesce(max(version), 0) FROM partner_views WHERE sender_id = ? AND share_ref = ?",
        (sender_id, share_ref),
    )
    version = (int(row[0]) if row else 0) + 1
    cur = c.execute(
        "INSERT INTO partner_views (inbox_item_id, sender_id, share_ref, version, purpose,"
        " payload_json, received_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (inbox_item_id, sender_id, share_ref, version, purpose, payload_json, at, expires_at),
    )
    view_id = int(cur.lastrowid)
    c.executemany(
        "INSERT OR IGNORE INTO partner_view_consents (view_id, sender_id, consent_ref)"
        " VALUES (?, ?, ?)",
        [(view_id, sender_id, ref) for ref in consent_refs],
    )
    return view_id, version


@dataclass(frozen=True, slots=True)
class PartnerViewRow:
    id: int
    inbox_item_id: int
    sender_id: str
    share_ref: str
    version: int
    purpose: str
    payload_json: str
    received_at: str

    def __repr__(self) -> str:
        return f"PartnerViewRow(id={self.id}, version={self.version})"


_VIEW = (
    "SELECT id, inbox_item_id, sender_id, share_ref, version, purpose, payload_json, received_at"
    " FROM partner_views"
)


def _view(r: Any) -> PartnerViewRow:
    return PartnerViewRow(
        int(r[0]), int(r[1]), str(r[2]), str(r[3]), int(r[4]), str(r[5]), str(r[6]), str(r[7])
    )


def partner_views(db: Database) -> list[PartnerViewRow]:
    return [_view(r) for r in db.query(_VIEW + " ORDER BY id")]


def view_for_item(db: Database | Cursor, inbox_item_id: int) -> PartnerViewRow | None:
    sql = _VIEW + " WHERE inbox_item_id = ?"
    args = (inbox_item_id,)
    row = db.one(sql, args) if isinstance(db, Cursor) else db.query_one(sql, args)
    return None if row is None else _view(row)


def remove_views_under_consent(c: Cursor, sender_id: str, consent_ref: int) -> int:
    """Delete every view `sender_id` sent under its consent `consent_ref`; marks their items
    withdrawn. Returns how many views were removed."""
    rows = c.all(
        "SELECT v.id, v.inbox_item_id FROM partner_views v JOIN partner_view_consents pc"
        " ON pc.view_id = v.id WHERE pc.sender_id = ? AND pc.consent_ref = ? AND v.sender_id = ?",
        (sender_id, consent_ref, sender_id),
    )
    for view_id, item_id in rows:
        c.execute("DELETE FROM partner_views WHERE id = ?", (int(view_id),))
        c.execute("UPDATE inbox_items SET status = 'withdrawn' WHERE id = ?", (int(item_id),))
    return len(rows)


def mark_inbox_expired(c: Cursor, item_id: int, at: str) -> None:
    c.execute("UPDATE inbox_items SET expired_at = ? WHERE id = ?", (at, item_id))


def remove_expired_views(c: Cursor, now: str) -> list[tuple[int, str]]:
    """Delete every view whose consent expired at or before `now` (ISO, any offset: compared
    as instants); marks their items expired. Returns (inbox item id, sender) of each."""
    rows = c.all(
        "SELECT id, inbox_item_id, sender_id FROM partner_views"
        " WHERE expires_at IS NOT NULL AND julianday(expires_at) <= julianday(?)",
        (now,),
    )
    for view_id, item_id, _ in rows:
        c.execute("DELETE FROM partner_views WHERE id = ?", (int(view_id),))
        mark_inbox_expired(c, int(item_id), now)
    return [(int(item_id), str(sender)) for _, item_id, sender in rows]


def record_withdrawn_consent(
    c: Cursor, sender_id: str, consent_ref: int, envelope_id: str, at: str
) -> None:
    c.execute(
        "INSERT OR IGNORE INTO withdrawn_consent_refs (sender_id, consent_ref, envelope_id,"
        " received_at) VALUES (?, ?, ?, ?)",
        (sender_id, consent_ref, envelope_id, at),
    )


def consent_withdrawn(c: Cursor, sender_id: str, consent_refs: Sequence[int]) -> bool:
    """Whether `sender_id` already withdrew any of these consents (theirs, by their ids)."""
    return any(
        c.one(
            "SELECT 1 FROM withdrawn_consent_refs WHERE sender_id = ? AND consent_ref = ?",
            (sender_id, ref),
        )
        is not None
        for ref in consent_refs
    )


# --- seen envelopes and quarantine -------------------------------------------------------------
def seen_hash(c: Cursor, envelope_id: str) -> bytes | None:
    row = c.one("SELECT body_sha256 FROM seen_envelopes WHERE envelope_id = ?", (envelope_id,))
    return None if row is None else bytes(row[0])


def mark_seen(c: Cursor, envelope_id: str, body_sha256: bytes, expires: int, at: str) -> None:
    c.execute(
        "INSERT INTO seen_envelopes (envelope_id, body_sha256, expires, seen_at) VALUES (?, ?, ?, ?)",
        (envelope_id, body_sha256, expires, at),
    )


def forget_seen_before(c: Cursor, cutoff: int) -> int:
    """Drop seen ids whose envelopes expired before `cutoff` (expiry refuses those anyway)."""
    return int(c.execute("DELETE FROM seen_envelopes WHERE expires < ?", (cutoff,)).rowcount)


def quarantine(
    c: Cursor,
    envelope_id: str | None,
    sender_id: str | None,
    reason: str,
    source: str,
    size: int,
    body_sha256: bytes,
    body: bytes | None,
    at: str,
) -> bool:
    """Keep a refused envelope with its reason; False when the same bytes were already kept."""
    cur = c.execute(
        "INSERT OR IGNORE INTO quarantine (envelope_id, sender_id, reason, source, size,"
        " body_sha256, body, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (envelope_id, sender_id, reason, source, size, body_sha256, body, at),
    )
    return int(cur.rowcount) == 1


def quarantined_bodies(db: Database, reasons: Sequence[str]) -> list[tuple[int, str, bytes]]:
    """(id, source, raw bytes) of kept quarantined envelopes with one of `reasons`, oldest first."""
    if not reasons:
        return []
    marks = ", ".join("?" for _ in reasons)
    return [
        (int(r[0]), str(r[1]), bytes(r[2]))
        for r in db.query(
            f"SELECT id, source, body FROM quarantine WHERE reason IN ({marks})"
            " AND body IS NOT NULL ORDER BY id",
            tuple(reasons),
        )
    ]


def delete_quarantined(c: Cursor, quarantine_id: int) -> bool:
    return int(c.execute("DELETE FROM quarantine WHERE id = ?", (quarantine_id,)).rowcount) == 1


@dataclass(frozen=True, slots=True)
class QuarantineRow:
    id: int
    envelope_id: str | None
    sender_id: str | None
    reason: str
    source: str
    size: int
    received_at: str


def quarantined(db: Database) -> list[QuarantineRow]:
    return [
        QuarantineRow(
            int(r[0]),
            None if r[1] is None else str(r[1]),
            None if r[2] is None else str(r[2]),
            str(r[3]),
            str(r[4]),
            int(r[5]),
            str(r[6]),
        )
        for r in db.query(
            "SELECT id, envelope_id, sender_id, reason, source, size, received_at FROM quarantine"
            " ORDER BY id"
        )
    ]


# --- what a share is computed from -------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class InterviewMaterial:
    interview_id: int
    protocol_id: str
    protocol_version: str
    role: str
    answers: dict[str, Answer]


@dataclass(frozen=True, slots=True)
class CaseMaterial:
    """Everything of a case a share may be computed from, read inside the caller's transaction."""

    case_id: int
    fields: dict[str, str | None]  # case-level columns by name (preferred_name, legal_name, ...)
    interviews: tuple[InterviewMaterial, ...]
    consents: tuple[Consent, ...]

    def __repr__(self) -> str:
        return f"CaseMaterial(case_id={self.case_id}, interviews={len(self.interviews)})"


CASE_COLUMNS: tuple[str, ...] = (
    "preferred_name",
    "legal_name",
    "date_of_birth",
    "contact",
    "immigration",
    "language",
)


def case_material(c: Cursor, case_id: int) -> CaseMaterial:
    row = c.one(f"SELECT {', '.join(CASE_COLUMNS)} FROM cases WHERE id = ?", (case_id,))
    if row is None:
        raise errors.NotFound(kind="case", id=case_id)
    fields = {
        name: (None if v is None else str(v)) for name, v in zip(CASE_COLUMNS, row, strict=True)
    }
    interviews: list[InterviewMaterial] = []
    for iid, pid, pver, role in c.all(
        "SELECT id, protocol_id, protocol_version, role FROM interviews WHERE case_id = ?"
        " ORDER BY id",
        (case_id,),
    ):
        answers = {
            str(q): Answer.from_stored(str(st), v)
            for q, st, v in c.all(
                "SELECT question_id, state, value_json FROM answers WHERE interview_id = ?"
                " ORDER BY question_id",
                (int(iid),),
            )
        }
        interviews.append(InterviewMaterial(int(iid), str(pid), str(pver), str(role), answers))
    consents = tuple(
        _consent(r)
        for r in c.all(
            f"SELECT {_CONSENT_COLUMNS} FROM consents WHERE case_id = ? ORDER BY id", (case_id,)
        )
    )
    return CaseMaterial(case_id, fields, tuple(interviews), consents)


def consent_in_cursor(c: Cursor, consent_id: int) -> Consent:
    row = c.one(f"SELECT {_CONSENT_COLUMNS} FROM consents WHERE id = ?", (consent_id,))
    if row is None:
        raise errors.NotFound(kind="consent", id=consent_id)
    return _consent(row)
