"""Attachments in a real SQLCipher folder: a 5 MB scan goes in and comes back intact, never in
the clear on disk; the policy's limit, an unreadable file and "import and shred" behave as a
person expects, and each step is audited."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake_app.domain.attachments import FileKind, kind_of
from intake_app.domain.case import Role
from intake_app.domain.consent import Category
from intake_app.services import attachments, cases
from intake_app.services.roles import NotPermitted
from intake_app.services.session import Session, Workspace, add_user
from intake_app.storage.kdf import KdfParams
from tests.agencies import PASSPHRASE

PLANTED = b"Quillon Plantedname signed this release"


@pytest.fixture
def laptop(tmp_path: Path) -> Session:
    s, _ = Workspace(tmp_path / "data").set_up("ana", PASSPHRASE, Role.ADVOCATE,
                                               kdf=KdfParams.for_tests())
    return s


def _scan(path: Path, size: int) -> bytes:
    data = b"%PDF-1.7\n" + PLANTED + os.urandom(size - 9 - len(PLANTED))
    path.write_bytes(data)
    return data


def test_a_5_mb_scan_goes_in_whole_and_is_never_on_disk_in_the_clear(
    laptop: Session, tmp_path: Path
) -> None:
    s = laptop
    case = cases.create_case(s)
    scanner = tmp_path / "scanner"
    scanner.mkdir()
    data = _scan(scanner / "release.pdf", 5 * 1024 * 1024)
    steps: list[tuple[int, int]] = []
    info = attachments.add_attachment(s, case.id, scanner / "release.pdf", Category.IDENTITY,
                                      "Signed release", shred=True,
                                      progress=lambda d, t: steps.append((d, t)))
    assert (info.kind, info.size, info.category) == (FileKind.PDF, len(data), Category.IDENTITY)
    assert info.sha256 == hashlib.sha256(data).hexdigest()
    assert steps[-1] == (len(data), len(data))
    assert not (scanner / "release.pdf").exists()  # shredded once the copy was committed
    assert attachments.attachment_bytes(s, info.id) == data
    assert [a.id for a in attachments.case_attachments(s, case.id)] == [info.id]
    s.db.checkpoint()
    folder = s.workspace.data_dir
    for f in folder.rglob("*"):
        if f.is_file():
            assert PLANTED not in f.read_bytes(), f.name
    actions = [e.action for e in cases.case_activity(s, case.id)]
    assert {"attachment.add", "attachment.open"} <= set(actions)
    attachments.delete_attachment(s, info.id)
    assert attachments.case_attachments(s, case.id) == []
    assert s.db.query("SELECT count(*) FROM attachment_chunks")[0][0] == 0


def test_too_large_unreadable_or_empty_files_add_nothing(laptop: Session, tmp_path: Path) -> None:
    s = laptop
    case = cases.create_case(s)
    big = tmp_path / "big.pdf"
    _scan(big, 21 * 1024 * 1024)  # the default limit is 20 MB
    with pytest.raises(attachments.AttachmentTooLarge):
        attachments.add_attachment(s, case.id, big, Category.NEEDS, shred=True)
    assert big.exists()  # nothing added, nothing shredded
    with pytest.raises(attachments.AttachmentUnreadable):
        attachments.add_attachment(s, case.id, tmp_path / "missing.png", Category.NEEDS)
    (tmp_path / "empty.png").write_bytes(b"")
    with pytest.raises(attachments.AttachmentUnreadable):
        attachments.add_attachment(s, case.id, tmp_path / "empty.png", Category.NEEDS)
    assert attachments.case_attachments(s, case.id) == []


def test_an_admin_sees_the_list_but_cannot_open_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "office"
    admin, _ = Workspace(folder).set_up("root", PASSPHRASE, Role.ADMIN, kdf=KdfParams.for_tests())
    try:
        add_user(admin, "ana", PASSPHRASE, Role.ADVOCATE)
        case = cases.create_case(admin)
    finally:
        admin.close()
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"x" * 100)
    ana = Workspace(folder).unlock("ana", PASSPHRASE)
    try:
        info = attachments.add_attachment(ana, case.id, tmp_path / "photo.png", Category.IDENTITY)
    finally:
        ana.close()
    admin = Workspace(folder).unlock("root", PASSPHRASE)
    try:
        assert [a.kind for a in attachments.case_attachments(admin, case.id)] == [FileKind.PNG]
        with pytest.raises(NotPermitted):
            attachments.attachment_bytes(admin, info.id)
    finally:
        admin.close()


@settings(max_examples=200, deadline=None)
@given(head=st.binary(max_size=32))
def test_a_file_kind_comes_from_its_bytes_alone(head: bytes) -> None:
    kind = kind_of(head)
    assert (kind is FileKind.PDF) == head.startswith(b"%PDF-")
    assert (kind is FileKind.PNG) == head.startswith(b"\x89PNG\r\n\x1a\n")
    assert (kind is FileKind.JPEG) == head.startswith(b"\xff\xd8\xff")


def test_an_original_that_cannot_be_shredded_is_said_and_the_copy_kept(
    laptop: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    s = laptop
    case = cases.create_case(s)
    scan = tmp_path / "scan.pdf"
    data = _scan(scan, 4096)

    def failing_disk(_fd: int) -> None:  # the scanner's USB stick gives an I/O error
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(os, "fsync", failing_disk)
    with pytest.raises(attachments.AttachmentNotShredded):
        attachments.add_attachment(s, case.id, scan, Category.NEEDS, shred=True)
    monkeypatch.undo()
    [kept] = attachments.case_attachments(s, case.id)  # the copy is kept, whole
    assert attachments.attachment_bytes(s, kept.id) == data
