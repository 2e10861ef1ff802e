"""Files that go with a share: which may leave, and the `attachment` envelopes that carry them.

A file leaves only when a live consent of its case, for this recipient and purpose, covers its
category and may release it (a file in an identifying category is held to the rules of an
identifying field). Each file travels as pieces, one envelope each, sized so the envelope stays
under its limit; the pieces cite the consents that released that file, so the recipient can drop
the file when any of them is withdrawn or ends, even if the share itself never arrives. A file's
label is never sent (it may name the person): the partner sees "document" and its kind. The
bytes go from the encrypted database straight into sealed envelopes: no temporary file.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from intake_app.domain.attachments import (
    SHARED_LABEL,
    AttachmentInfo,
    piece_bytes_for,
    split_pieces,
)
from intake_app.domain.consent import (
    IDENTIFYING_CATEGORIES,
    Category,
    Consent,
    ConsentRules,
    Purpose,
    may_release,
)
from intake_app.services.sharing.share import PAYLOAD_VERSION
from intake_app.storage import attachments
from intake_app.storage.database import Cursor
from intake_app.sync.envelope import MAX_PAYLOAD_BYTES

# Room left in each payload for the fields around the piece (ids, digest, consent refs).
PIECE_MARGIN = 16 * 1024
PIECE_BYTES = piece_bytes_for(MAX_PAYLOAD_BYTES, PIECE_MARGIN)
# Consents cited per file: bounded so they always fit in the margin (a file has a few).
MAX_CONSENTS_PER_FILE = 64


def releasing_consents(
    live: Sequence[Consent],
    recipient_id: str,
    purpose: Purpose,
    category: Category,
    now: datetime,
    rules: ConsentRules,
    *,
    minor: bool,
    purpose_text: str | None = None,
) -> list[Consent]:
    """The consents that may release a file of `category` to this recipient for this purpose;
    none: the file stays."""
    identifying = category in IDENTIFYING_CATEGORIES
    return [c for c in live if c.covers(recipient_id, purpose, category, now, purpose_text)
            and may_release(c, identifying, rules, minor=minor) is None]


def piece_payloads(
    share_ref: str,
    ref: str,
    info: AttachmentInfo,
    data: bytes,
    consent_refs: Sequence[tuple[int, str]],
    piece_bytes: int = PIECE_BYTES,
) -> Iterator[dict[str, Any]]:
    """The payload of each `attachment` envelope for one file; `consent_refs`: (the ref the
    share cites for a consent, its expiry in ISO 8601)."""
    pieces = split_pieces(data, piece_bytes)
    for seq, piece in enumerate(pieces):
        yield {
            "v": PAYLOAD_VERSION,
            "share_ref": share_ref,
            "ref": ref,
            "label": SHARED_LABEL,
            "kind": info.kind.value,
            "category": info.category.value,
            "size": len(data),
            "sha256": info.sha256,
            "seq": seq,
            "count": len(pieces),
            "consents": [{"ref": r, "expires_at": e} for r, e in consent_refs],
            "data": base64.b64encode(piece).decode("ascii"),
        }


def outgoing(
    c: Cursor,
    case_id: int,
    share_ref: str,
    released: frozenset[Category],
    live: Sequence[Consent],
    recipient_id: str,
    purpose: Purpose,
    now: datetime,
    rules: ConsentRules,
    refs: dict[int, int],
    *,
    minor: bool,
    purpose_text: str | None = None,
) -> Iterator[tuple[AttachmentInfo, list[int], Iterator[dict[str, Any]]]]:
    """For each file of the case that may leave: the file, the consents releasing it, and its
    piece payloads. `refs`: what the share cites for each consent (storage/consents.refs_of).
    A file whose category is not released is not read at all."""
    for info, uid in attachments.shareable_for_case(c, case_id):
        if info.category not in released:
            continue
        covering = releasing_consents(live, recipient_id, purpose, info.category, now, rules,
                                      minor=minor, purpose_text=purpose_text,
                                      )[:MAX_CONSENTS_PER_FILE]
        if not covering:
            continue
        data = b"".join(attachments.chunks(c, info.id))
        cited = [(refs[k.id], k.expires_at.isoformat()) for k in covering]
        yield info, [k.id for k in covering], piece_payloads(share_ref, uid, info, data, cited)
