"""Reading what arrived and what was sent: partner views, inbox, outbox, quarantine, per case."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from intake_app.services.session import Session
from intake_app.storage import audit
from intake_app.storage.sharing.inbox import (
    InboxRow,
    PartnerViewRow,
    inbox_items,
    remove_expired_views,
    view_for_item,
)
from intake_app.storage.sharing.inbox import partner_views as stored_views
from intake_app.storage.sharing.outbox import (
    OutboxRow,
    count_by_status,
    count_pending,
    outbox_all,
    waiting_at_partners,
)
from intake_app.storage.sharing.quarantine import QuarantineRow, quarantined
from intake_app.storage.sharing.sent import (
    ReferralRow,
    ShareRow,
    WithdrawalRow,
    referrals_for_case,
    shares_for_case,
    withdrawals_for_consent,
)


@dataclass(frozen=True, slots=True)
class PartnerView:
    """A partner's read-only, versioned view of a case, as it arrived."""

    id: int
    inbox_item_id: int
    sender_id: str
    share_ref: str
    version: int
    purpose: str
    fields: tuple[dict[str, Any], ...]
    referral: dict[str, Any] | None
    received_at: str
    purpose_text: str | None = None  # another purpose, in the sender's words

    def __repr__(self) -> str:
        return f"PartnerView(id={self.id}, sender_id={self.sender_id}, version={self.version})"


def _view(row: PartnerViewRow) -> PartnerView:
    payload = json.loads(row.payload_json)
    referral = payload.get("referral")
    return PartnerView(
        id=row.id,
        inbox_item_id=row.inbox_item_id,
        sender_id=row.sender_id,
        share_ref=row.share_ref,
        version=row.version,
        purpose=row.purpose,
        fields=tuple(payload.get("fields", [])),
        referral=referral if isinstance(referral, dict) else None,
        received_at=row.received_at,
        purpose_text=words if isinstance(words := payload.get("purpose_text"), str) else None,
    )


def expire_partner_views(s: Session, now: datetime | None = None) -> int:
    """Delete every partner view whose consent has expired (the expiry came signed in the
    share), as a withdrawal would; each removal is audited. Run at every sync round and before
    any view is listed or opened, so an expired view is never shown. Returns how many went."""
    at = (now or datetime.now(UTC)).astimezone(UTC).isoformat()
    with s.db.transaction() as c:
        removed = remove_expired_views(c, at)
        for item_id, sender_id, _ref in removed:
            audit.append(c, s.user.id, "inbound.expired", "inbox", item_id,
                         detail=f"from:{sender_id}")
        if removed:
            from intake_app.services.sharing.expiry_notices import tell_senders

            tell_senders(c, s, removed, at)
    return len(removed)


def partner_views(s: Session, now: datetime | None = None) -> list[PartnerView]:
    expire_partner_views(s, now)
    return [_view(r) for r in stored_views(s.db)]


def open_partner_view(
    s: Session, inbox_item_id: int, now: datetime | None = None
) -> PartnerView | None:
    """The view attached to an inbox item (None once withdrawn or expired); audited."""
    expire_partner_views(s, now)
    row = view_for_item(s.db, inbox_item_id)
    with s.db.transaction() as c:
        audit.append(c, s.user.id, "inbox.view", "inbox", inbox_item_id)
    return None if row is None else _view(row)


def inbox(s: Session) -> list[InboxRow]:
    return inbox_items(s.db)


def quarantine_list(s: Session) -> list[QuarantineRow]:
    return quarantined(s.db)


def outbox(s: Session) -> list[OutboxRow]:
    return outbox_all(s.db)


def pending_count(s: Session) -> int:
    return count_pending(s.db)


@dataclass(frozen=True, slots=True)
class SyncCounts:
    """What the sync status line counts (numbers only)."""

    pending: int
    failed: int
    quarantined: int
    held_by_partners: int  # delivered, held back by a partner: dated in its future
    clock_ahead_seconds: int  # the most any partner found this laptop's clock ahead of its own


def sync_counts(s: Session) -> SyncCounts:
    by_status = count_by_status(s.db)
    held, ahead = waiting_at_partners(s.db)
    return SyncCounts(by_status.get("pending", 0), by_status.get("failed", 0),
                      len(quarantined(s.db)), held, ahead)


def case_referrals(s: Session, case_id: int) -> list[ReferralRow]:
    return referrals_for_case(s.db, case_id)


def case_shares(s: Session, case_id: int) -> list[ShareRow]:
    return shares_for_case(s.db, case_id)


def consent_withdrawals(s: Session, consent_id: int) -> list[WithdrawalRow]:
    return withdrawals_for_consent(s.db, consent_id)
