"""A partner's copy ended with its consent: the recipient removes the view at expiry (the expiry
came signed in the share) and tells the sender, as it does after a withdrawal; the sender marks
those shares removed and notes it on the case's activity.

Both sides here, so the payload's one definition is read and written in one place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from intake_app import errors
from intake_app.services import agency, partners
from intake_app.services.session import Session
from intake_app.services.sharing.outbound import enqueue
from intake_app.services.sharing.share import PAYLOAD_VERSION
from intake_app.storage import audit
from intake_app.storage.database import Cursor
from intake_app.storage.sharing import sent
from intake_app.sync.envelope import Kind

MAX_REFS = 500  # share refs in one notice (each 32 hex characters: far under the payload limit)
_HEX32 = re.compile(r"^[0-9a-f]{32}$")


def tell_senders(
    c: Cursor, s: Session, removed: Sequence[tuple[int, str, str]], at: str
) -> int:
    """Queue one notice per sender naming the shares of theirs that ended here; returns how
    many were queued. A sender no longer a confirmed partner is not told (nothing to seal to)."""
    by_sender: dict[str, set[str]] = {}
    for _item, sender_id, share_ref in removed:
        by_sender.setdefault(sender_id, set()).add(share_ref)
    me = agency.get_identity(s)
    if me is None:
        return 0
    queued = 0
    for sender_id, refs in sorted(by_sender.items()):
        try:
            card = partners.confirmed_card(c, sender_id)
        except (errors.NotFound, partners.PartnerNotConfirmed):
            continue
        ordered = sorted(refs)
        for start in range(0, len(ordered), MAX_REFS):
            chunk = ordered[start:start + MAX_REFS]
            payload = {"v": PAYLOAD_VERSION, "share_refs": chunk, "expired_at": at}
            envelope_id = enqueue(c, me, card, Kind.EXPIRY_NOTICE, payload, datetime.now(UTC))
            audit.append(c, s.user.id, "inbound.expiry_notice_sent", "partner", sender_id,
                         detail=f"envelope:{envelope_id}:shares:{len(chunk)}")
            queued += 1
    return queued


def apply_expiry_notice(
    c: Cursor, s: Session, sender_id: str, envelope_id: str, p: Mapping[str, Any], at: str
) -> None:
    """A partner removed our shares when their consent ended: mark them, note it per case."""
    from intake_app.services.sharing.apply import BadPayload

    refs = p.get("share_refs")
    expired_at = p.get("expired_at")
    if (p.get("v") != PAYLOAD_VERSION or not isinstance(refs, list) or len(refs) > MAX_REFS
            or not all(isinstance(r, str) and _HEX32.match(r) for r in refs)
            or not isinstance(expired_at, str)):
        raise BadPayload()
    try:
        datetime.fromisoformat(expired_at)
    except ValueError:
        raise BadPayload() from None
    for case_id, count in sent.mark_removed_at_partner(c, sender_id, refs, at):
        audit.append(c, s.user.id, "share.removed_at_partner", "case", case_id,
                     detail=f"envelope:{envelope_id}:from:{sender_id}:shares:{count}:expired")
