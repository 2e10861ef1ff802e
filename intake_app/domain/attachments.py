"""Files a case holds: what kind a file is (from its first bytes, never its name), and the
limits on it. No Qt, no SQL: the rules the services and the screens share."""

from __future__ import annotations

import enum
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
