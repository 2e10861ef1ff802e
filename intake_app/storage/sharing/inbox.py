"""What partners sent: inbox items, the read-only partner views (versioned, with the consents
they came under) and the consents their senders withdrew."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from intake_app import errors
from intake_app.storage.database import Cursor, Database
from intake_app.storage.sharing import partner_files


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


# --- partner views -----------------------------------------------------------------------------
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
    # The views' trigger took their files; these are files whose share has not arrived.
    partner_files.remove_under_consent(c, sender_id, consent_ref)
    return len(rows)


def mark_inbox_expired(c: Cursor, item_id: int, at: str) -> None:
    c.execute("UPDATE inbox_items SET expired_at = ? WHERE id = ?", (at, item_id))


def remove_expired_views(c: Cursor, now: str) -> list[tuple[int, str, str]]:
    """Delete every view whose consent expired at or before `now` (ISO, any offset: compared
    as instants); marks their items expired. Returns (inbox item id, sender, share ref) of each."""
    rows = c.all(
        "SELECT v.id, v.inbox_item_id, v.sender_id, i.share_ref FROM partner_views v"
        " JOIN inbox_items i ON i.id = v.inbox_item_id"
        " WHERE v.expires_at IS NOT NULL AND julianday(v.expires_at) <= julianday(?)",
        (now,),
    )
    for view_id, item_id, _, _ref in rows:
        c.execute("DELETE FROM partner_views WHERE id = ?", (int(view_id),))
        mark_inbox_expired(c, int(item_id), now)
    partner_files.remove_expired(c, now)  # files of views gone, and files still waiting for one
    return [(int(item_id), str(sender), str(ref)) for _, item_id, sender, ref in rows]


# --- consents the senders withdrew -------------------------------------------------------------
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
