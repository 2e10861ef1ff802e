"""A case's attachments: add a file (a scanned signed release, a photographed document) into the
encrypted database, optionally shredding the original; list, open and delete them. Each is
audited by id, never by its label or content.

"Import and shred": a scanner drops files in a plain folder; once the copy is committed the
original is overwritten with zeros, flushed and deleted. On an SSD or a copy-on-write file system
the old blocks may survive that; the README says so, and full-disk encryption is the answer.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from intake_app import errors
from intake_app.domain.attachments import (
    CHUNK_BYTES,
    MAX_LABEL_CHARS,
    AttachmentInfo,
    FileKind,
    kind_of,
)
from intake_app.domain.case import Role
from intake_app.domain.consent import Category
from intake_app.pdf_preview import NotAPdf, Page, first_page
from intake_app.services.profiles import in_force
from intake_app.services.roles import CASE_WORKERS, requires
from intake_app.services.session import Session
from intake_app.storage import attachments, audit, cases
from intake_app.storage.audit import now_iso

Progress = Callable[[int, int], None]


class AttachmentTooLarge(errors.IntakeError):
    code = "attachment_too_large"
    template = "This file is larger than the agency allows for an attachment ({limit} MB)."
    plain = ("This file is larger than your agency allows for an attachment. Scan it at a lower"
             " resolution or in parts. Nothing was added.")


class AttachmentUnreadable(errors.IntakeError):
    code = "attachment_unreadable"
    template = "The file could not be read ({reason}). Nothing was added."
    plain = "The file could not be read: it is missing, empty or not yours to read. Nothing was added."


class AttachmentNotShredded(errors.IntakeError):
    code = "attachment_not_shredded"
    template = ("The file was saved in the case, but its original could not be shredded (it is"
                " read-only or not yours). Delete it by hand.")


@requires(*CASE_WORKERS, action="attach a file to a case")
def add_attachment(
    s: Session, case_id: int, source: Path, category: Category, label: str | None = None, *,
    shred: bool = False, progress: Progress | None = None,
) -> AttachmentInfo:
    """Copy `source` into the case, in one transaction; `shred`: then destroy the original."""
    limit_mb = in_force(s).attachment_max_mb
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise AttachmentUnreadable(reason=_why(exc)) from None
    if not source.is_file() or size == 0:
        raise AttachmentUnreadable(reason="not a file, or empty")
    if size > limit_mb * 1024 * 1024:
        raise AttachmentTooLarge(limit=limit_mb)
    name = (label if label is not None else source.stem).strip()[:MAX_LABEL_CHARS] or "file"
    digest = hashlib.sha256()
    at = now_iso()
    try:
        with source.open("rb") as f, s.db.transaction() as c:
            head = f.read(16)
            f.seek(0)
            kind = kind_of(head)
            # The chunks stream from the file into the rows; the digest is whole once they are in.
            read = _Reader(f, size, limit_mb, digest.update, progress)
            attachment_id = attachments.insert(c, case_id, name, kind, Category(category),
                                               read.chunks(), size, at, s.user.id)
            attachments.set_digest(c, attachment_id, digest.hexdigest(), read.done)
            cases.touch(c, case_id, at)
            audit.append(c, s.user.id, "attachment.add", "case", case_id,
                         detail=f"attachment:{attachment_id}:{kind.value}:{size}", at=at)
    except OSError as exc:
        raise AttachmentUnreadable(reason=_why(exc)) from None
    if shred:
        try:
            shred_file(source)
        except OSError:
            raise AttachmentNotShredded() from None
    return attachments.get(s.db, attachment_id)


class _Reader:
    """The file's chunks; a file still growing (a scanner writing it) stops at the limit."""

    def __init__(self, f: BinaryIO, size: int, limit_mb: int, update: Callable[[bytes], None],
                 progress: Progress | None) -> None:
        self.f, self.size, self.limit_mb = f, size, limit_mb
        self.update, self.progress = update, progress
        self.done = 0

    def chunks(self) -> Iterator[bytes]:
        while chunk := self.f.read(CHUNK_BYTES):
            self.done += len(chunk)
            if self.done > self.limit_mb * 1024 * 1024:
                raise AttachmentTooLarge(limit=self.limit_mb)
            self.update(chunk)
            if self.progress is not None:
                self.progress(self.done, max(self.size, self.done))
            yield chunk


def _why(exc: OSError) -> str:
    return {errno.ENOENT: "it is not there", errno.EACCES: "not allowed to read it",
            errno.EISDIR: "it is a folder"}.get(exc.errno or 0, "a read error")


def shred_file(path: Path) -> None:
    """Overwrite with zeros, flush to the disk, delete (best effort on SSDs: see the top)."""
    with contextlib.suppress(FileNotFoundError):
        size = path.stat().st_size
        with path.open("r+b") as f:
            zeros = bytes(CHUNK_BYTES)
            for _ in range(0, size, CHUNK_BYTES):
                f.write(zeros)
            f.flush()
            os.fsync(f.fileno())
        path.unlink()


@requires(*CASE_WORKERS, Role.ADMIN, action="see a case's attachments")
def case_attachments(s: Session, case_id: int) -> list[AttachmentInfo]:
    return attachments.for_case(s.db, case_id)


@requires(*CASE_WORKERS, action="open an attachment")
def attachment_bytes(s: Session, attachment_id: int) -> bytes:
    """The file's bytes, for a preview in memory (audited before anything is read)."""
    info = attachments.get(s.db, attachment_id)
    with s.db.transaction() as c:  # read in it: the sync worker cannot delete it half-read
        audit.append(c, s.user.id, "attachment.open", "case", info.case_id,
                     detail=f"attachment:{attachment_id}")
        data = b"".join(attachments.chunks(c, attachment_id))
    if hashlib.sha256(data).hexdigest() != info.sha256 or len(data) != info.size:
        raise errors.DatabaseCorrupt(path="attachment", detail="a file does not match its checksum")
    return data


@requires(*CASE_WORKERS, action="open an attachment")
def pdf_preview(s: Session, attachment_id: int, width_px: int = 900) -> Page:
    """The first page of a PDF attachment, rendered in memory (audited as an opening)."""
    info = attachments.get(s.db, attachment_id)
    if info.kind is not FileKind.PDF:
        raise errors.InvalidInput(field="file", reason="not a PDF")
    page = preview_of(FileKind.PDF, attachment_bytes(s, attachment_id), width_px)
    assert isinstance(page, Page)
    return page


def preview_of(kind: FileKind, data: bytes, width_px: int = 900) -> Page | bytes:
    """What a preview shows: a PDF's first page rendered here, a picture's own bytes (the
    screen decodes them); a PDF that cannot be drawn is said in words."""
    if kind is not FileKind.PDF:
        return data
    try:
        return first_page(data, width_px)
    except NotAPdf:
        raise AttachmentUnreadable(reason="a damaged or password-protected PDF") from None


@requires(*CASE_WORKERS, action="delete an attachment")
def delete_attachment(s: Session, attachment_id: int) -> None:
    """Delete a file of the case; a consent's on-screen signature stays with its consent."""
    with s.db.transaction() as c:
        if attachments.is_signature(c, attachment_id):
            raise errors.InvalidInput(field="file", reason="it is the signature of a consent")
        case_id = attachments.delete(c, attachment_id)
        audit.append(c, s.user.id, "attachment.delete", "case", case_id,
                     detail=f"attachment:{attachment_id}")
