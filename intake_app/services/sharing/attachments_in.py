"""Files partners send with a share: each `attachment` envelope is one piece; a file is complete
once every piece is in and the whole matches its SHA-256, and only then is it shown with the
partner view of its share. Pieces may come before their share, twice, or in any order (a folder
drop has no order). The file goes with its view (withdrawal, expiry), and also when a consent
it came under is withdrawn or ends before its share arrived. Refusals carry reason codes only.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from intake_app.domain.attachments import FileKind, whole_matches
from intake_app.domain.consent import Category
from intake_app.errors import DatabaseCorrupt, InvalidInput
from intake_app.pdf_preview import Page
from intake_app.services.attachments import preview_of
from intake_app.services.roles import CASE_WORKERS, requires
from intake_app.services.session import Session
from intake_app.services.sharing.apply import BadPayload, _hex32, _instant, _req
from intake_app.services.sharing.share import PAYLOAD_VERSION
from intake_app.services.sharing.views import expire_partner_views
from intake_app.storage import audit
from intake_app.storage.database import Cursor
from intake_app.storage.sharing import inbox, partner_files
from intake_app.sync.envelope import Header

# Why an attachment piece was refused (apply.PAYLOAD_REASONS holds these too).
INCONSISTENT = "attachment_inconsistent"  # its size, count or digest disagree with its pieces
MISMATCH = "attachment_mismatch"  # every piece is in, but the whole is not what was signed
ATTACHMENT_REASONS = frozenset({INCONSISTENT, MISMATCH})
# Far beyond any agency's attachment limit: a claimed size past it is not a real file.
MAX_FILE_BYTES = 1024 * 1024 * 1024
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True, slots=True)
class _Piece:
    share_ref: str
    ref: str
    kind: FileKind
    category: Category
    size: int
    sha256: str
    seq: int
    count: int
    consent_refs: tuple[int, ...]
    expires: datetime
    data: bytes

    def __repr__(self) -> str:
        return f"_Piece(seq={self.seq}, count={self.count})"


def _check(p: Mapping[str, Any]) -> _Piece:
    if p.get("v") != PAYLOAD_VERSION:
        raise BadPayload("unsupported_payload_version")
    share_ref, ref = _hex32(p, "share_ref"), _hex32(p, "ref")
    try:
        kind, category = FileKind(_req(p, "kind", str)), Category(_req(p, "category", str))
    except ValueError:
        raise BadPayload() from None
    sha256 = _req(p, "sha256", str)
    if not _HEX64.match(sha256):
        raise BadPayload()
    size, seq, count = _req(p, "size", int), _req(p, "seq", int), _req(p, "count", int)
    refs: list[int] = []
    expiries: list[datetime] = []
    for entry in _req(p, "consents", list):
        if not isinstance(entry, dict):
            raise BadPayload()
        refs.append(_req(entry, "ref", int))
        expiries.append(_instant(entry.get("expires_at")))
    if not refs:
        raise BadPayload("no_consent_reference")
    try:
        data = base64.b64decode(_req(p, "data", str), validate=True)
    except (binascii.Error, ValueError):
        raise BadPayload() from None
    # Every piece holds at least a byte, so a count beyond the size cannot be true.
    if not (0 < size <= MAX_FILE_BYTES and 0 < count <= size and 0 <= seq < count
            and 0 < len(data) <= size):
        raise BadPayload(INCONSISTENT)
    return _Piece(share_ref, ref, kind, category, size, sha256, seq, count, tuple(refs),
                  min(expiries), data)


def apply_piece(
    c: Cursor, s: Session, h: Header, p: Mapping[str, Any], at: str, when: float
) -> None:
    """Store one piece inside the caller's transaction; complete its file when it is the last.
    Raises BadPayload (the caller rolls back and quarantines the envelope)."""
    piece = _check(p)
    sender = h.sender_id
    if inbox.consent_withdrawn(c, sender, piece.consent_refs):
        # Its withdrawal came first: keep nothing of it.
        audit.append(c, s.user.id, "inbound.attachment.withdrawn", "partner", sender,
                     detail=f"envelope:{h.envelope_id}")
        return
    if piece.expires <= datetime.fromtimestamp(when, UTC):
        audit.append(c, s.user.id, "inbound.attachment.expired", "partner", sender,
                     detail=f"envelope:{h.envelope_id}")
        return
    held = partner_files.find(c, sender, piece.share_ref, piece.ref)
    if held is None:
        file_id = partner_files.insert(
            c, sender, piece.share_ref, piece.ref, piece.kind, piece.category, piece.size,
            piece.sha256, piece.count, piece.expires.isoformat(), piece.consent_refs, at)
    else:
        claimed = (piece.kind, piece.category, piece.size, piece.sha256, piece.count)
        if claimed != (held.kind, held.category, held.size, held.sha256, held.count):
            raise BadPayload(INCONSISTENT)
        file_id = held.id
        # Sent again under another consent too: its withdrawal takes the file as well.
        partner_files.add_consents(c, file_id, piece.consent_refs)
        if held.completed_at is not None:
            return  # a repeat of a piece of a file already whole
    partner_files.add_piece(c, file_id, piece.seq, piece.data)
    if partner_files.piece_count(c, file_id) < piece.count:
        return
    if not whole_matches(partner_files.pieces(c, file_id), piece.size, piece.sha256):
        # Some piece is not what was signed, and which one cannot be told: drop them all, so
        # the file sent again (a new share sends every piece) can be put together whole.
        raise BadPayload(MISMATCH, undo=lambda k: partner_files.discard(k, file_id))
    partner_files.mark_complete(c, file_id, at)
    audit.append(c, s.user.id, "inbound.attachment", "partner", sender,
                 detail=f"envelope:{h.envelope_id}:file:{file_id}:{piece.kind.value}"
                        f":{piece.size}")


# --- reading them back -------------------------------------------------------------------------
def view_attachments(
    s: Session, inbox_item_id: int, now: datetime | None = None
) -> list[partner_files.PartnerFile]:
    """The complete files of the partner view on an inbox item (none once it is gone)."""
    expire_partner_views(s, now)
    view = inbox.view_for_item(s.db, inbox_item_id)
    if view is None:
        return []
    return partner_files.complete_for_share(s.db, view.sender_id, view.share_ref)


@requires(*CASE_WORKERS, action="open an attachment")
def partner_attachment_bytes(
    s: Session, inbox_item_id: int, file_id: int, now: datetime | None = None
) -> bytes:
    """One file's bytes, in memory, audited before anything is read, like opening the view.
    Only a complete file of that item's live view: else NotFound."""
    return _partner_file(s, inbox_item_id, file_id, now)[1]


@requires(*CASE_WORKERS, action="open an attachment")
def partner_preview(s: Session, inbox_item_id: int, file_id: int) -> Page | bytes:
    """A partner's file for a preview, by the kind stored here (audited as an opening)."""
    info, data = _partner_file(s, inbox_item_id, file_id, None)
    if not info.kind.previewable:
        raise InvalidInput(field="file", reason="not a picture or a PDF")
    return preview_of(info.kind, data)


def _partner_file(
    s: Session, inbox_item_id: int, file_id: int, now: datetime | None
) -> tuple[partner_files.PartnerFile, bytes]:
    held = {f.id: f for f in view_attachments(s, inbox_item_id, now)}
    info = held.get(file_id)
    if info is None:
        raise partner_files.not_found(file_id)
    with s.db.transaction() as c:  # read in it: a withdrawal applied meanwhile cannot cut it
        audit.append(c, s.user.id, "inbox.attachment.open", "inbox", inbox_item_id,
                     detail=f"file:{file_id}")
        data = b"".join(partner_files.pieces(c, file_id))
    if not whole_matches([data], info.size, info.sha256):
        raise DatabaseCorrupt(path="partner attachment",
                              detail="a file does not match its checksum")
    return info, data
