"""Files a case holds: what kind a file is (from its first bytes, never its name), and the
limits on it. No Qt, no SQL: the rules the services and the screens share."""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from intake_app.domain.consent import Category

CHUNK_BYTES = 256 * 1024  # one row of attachment_chunks; also the read size
MAX_LABEL_CHARS = 200


class FileKind(enum.StrEnum):
    PNG = "png"
    JPEG = "jpeg"
    PDF = "pdf"
    OTHER = "other"

    @property
    def previewable(self) -> bool:
        return self is not FileKind.OTHER


def kind_of(head: bytes) -> FileKind:
    """What a file is from its first bytes (a name can say anything)."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileKind.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return FileKind.JPEG
    if head.startswith(b"%PDF-"):
        return FileKind.PDF
    return FileKind.OTHER


@dataclass(frozen=True, slots=True)
class AttachmentInfo:
    """One attachment without its bytes. `label` is what staff called it (may name the person:
    shown only on the case page, never logged)."""

    id: int
    case_id: int
    label: str
    kind: FileKind
    category: Category
    size: int
    sha256: str
    created_at: str

    def __repr__(self) -> str:  # the label may hold a name
        return f"AttachmentInfo(id={self.id}, kind={self.kind.value}, size={self.size})"


# --- pieces: how a file travels to a partner, one envelope per piece ---------------------------
SHARED_LABEL = "document"  # what a partner is told a file is called: a label may name the person


def piece_bytes_for(max_payload: int, margin: int) -> int:
    """The largest piece whose base64 (4 characters per 3 bytes) still leaves `margin` bytes
    of a `max_payload`-byte payload for the fields around it."""
    if max_payload - margin < 4:
        raise ValueError("no room for a piece")
    return (max_payload - margin) // 4 * 3


def split_pieces(data: bytes, piece_bytes: int) -> list[bytes]:
    """`data` in pieces of `piece_bytes` (the last shorter); at least one piece."""
    if piece_bytes <= 0:
        raise ValueError("a piece holds at least one byte")
    return [data[i:i + piece_bytes] for i in range(0, max(len(data), 1), piece_bytes)]


def whole_matches(pieces: Iterable[bytes], size: int, sha256: str) -> bool:
    """Whether the pieces, in order, are `size` bytes with this SHA-256 (read one at a time)."""
    digest = hashlib.sha256()
    total = 0
    for piece in pieces:
        total += len(piece)
        if total > size:
            return False
        digest.update(piece)
    return total == size and digest.hexdigest() == sha256
