"""The folder-drop transport on a real folder: layout, modes, atomicity, bad files, re-import."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from intake_app.sync.transport import (
    FolderDropTransport,
    OutgoingEnvelope,
    ReceiveBatch,
    SendResult,
    TransportRejected,
)


def envelope(sender: str, recipient: str, size: int = 2048, **kw: object) -> OutgoingEnvelope:
    return OutgoingEnvelope(
        envelope_id=kw.get("envelope_id", os.urandom(16)),  # type: ignore[arg-type]
        sender=sender,
        recipient=recipient,
        expires_at=int(time.time()) + 86400,
        body=kw.get("body", os.urandom(size)),  # type: ignore[arg-type]
    )


def import_all(transport: FolderDropTransport, limit: int = 100) -> list[ReceiveBatch]:
    batches = []
    while True:
        batch = transport.receive(limit=limit)
        batches.append(batch)
        transport.acknowledge(batch)
        if not batch.more:
            return batches


def test_export_then_import_on_the_other_side(tmp_path: Path) -> None:
    drop = tmp_path / "usb"
    outbox = FolderDropTransport(drop, "agency-a")
    sent = [envelope("agency-a", "agency-b") for _ in range(5)]
    other = envelope("agency-a", "agency-c")
    for env in [*sent, other]:
        assert outbox.send(env) is SendResult.STORED

    files = sorted((drop / "agency-b").iterdir())
    assert [f.name for f in files] == sorted(f"{e.envelope_id.hex()}.fienv" for e in sent)
    assert all(f.stat().st_mode & 0o777 == 0o600 for f in files)
    assert (drop / "agency-b").stat().st_mode & 0o777 == 0o700

    inbox = FolderDropTransport(drop, "agency-b")
    batches = import_all(inbox, limit=2)
    got = {e.envelope_id: e for b in batches for e in b.envelopes}
    assert len(batches) == 3
    assert {i: (e.body, e.sender, e.recipient) for i, e in got.items()} == {
        e.envelope_id: (e.body, "agency-a", "agency-b") for e in sent
    }
    assert not any(b.problems for b in batches)
    assert other.envelope_id not in got  # addressed to agency-c, not read by agency-b


def test_reexport_and_reimport_are_idempotent(tmp_path: Path) -> None:
    outbox = FolderDropTransport(tmp_path, "agency-a")
    sent = [envelope("agency-a", "agency-b") for _ in range(3)]
    for env in sent:
        outbox.send(env)
    assert outbox.send(sent[0]) is SendResult.ALREADY_STORED
    with pytest.raises(TransportRejected, match="conflict"):
        outbox.send(envelope("agency-a", "agency-b", envelope_id=sent[0].envelope_id))
    assert len(list((tmp_path / "agency-b").iterdir())) == 3

    first = FolderDropTransport(tmp_path, "agency-b")
    ids = {e.envelope_id for b in import_all(first) for e in b.envelopes}
    assert first.receive().envelopes == ()  # after acknowledge, nothing new
    # A later import (new session) reads the same files again: nothing was deleted.
    again = {e.envelope_id for b in import_all(FolderDropTransport(tmp_path, "agency-b"))
             for e in b.envelopes}  # fmt: skip
    assert ids == again == {e.envelope_id for e in sent}
    assert len(list((tmp_path / "agency-b").iterdir())) == 3


def test_delete_after_import_only_when_asked_and_only_on_acknowledge(tmp_path: Path) -> None:
    outbox = FolderDropTransport(tmp_path, "agency-a")
    for _ in range(3):
        outbox.send(envelope("agency-a", "agency-b"))
    inbox = FolderDropTransport(tmp_path, "agency-b", delete_after_import=True)
    batch = inbox.receive()
    assert len(list((tmp_path / "agency-b").iterdir())) == 3  # receiving alone deletes nothing
    inbox.acknowledge(batch)
    assert list((tmp_path / "agency-b").iterdir()) == []


def test_malformed_files_are_reported_and_the_rest_imported(tmp_path: Path) -> None:
    outbox = FolderDropTransport(tmp_path, "agency-a")
    good = [envelope("agency-a", "agency-b") for _ in range(3)]
    for env in good:
        outbox.send(env)
    folder = tmp_path / "agency-b"
    victim = envelope("agency-a", "agency-b")
    outbox.send(victim)
    victim_file = folder / f"{victim.envelope_id.hex()}.fienv"
    truncated = victim_file.read_bytes()[:-10]
    victim_file.unlink()

    def plant(name: str, data: bytes) -> str:
        (folder / name).write_bytes(data)
        return name

    misaddressed = envelope("agency-a", "agency-c")
    outbox.send(misaddressed)
    misaddressed_data = tmp_path / "agency-c" / f"{misaddressed.envelope_id.hex()}.fienv"
    copy_of_good = (folder / f"{good[0].envelope_id.hex()}.fienv").read_bytes()
    expected = {
        plant("0" * 32 + ".fienv", b"garbage"): "not_an_envelope",
        plant("1" * 32 + ".fienv", b"FIENV1\n{not json\nbody"): "bad_header",
        plant(f"{victim.envelope_id.hex()}.fienv", truncated): "truncated",
        plant("2" * 32 + ".fienv", copy_of_good): "id_mismatch",
        plant("not-hex.fienv", b"x"): "bad_name",
        plant(f"{misaddressed.envelope_id.hex()}.fienv", misaddressed_data.read_bytes()):
            "misaddressed",
    }  # fmt: skip
    (folder / ("3" * 32 + ".fienv")).symlink_to("/etc/hostname")
    expected["3" * 32 + ".fienv"] = "unreadable"
    plant("notes.txt", b"ignored: not an envelope file name")

    batches = import_all(FolderDropTransport(tmp_path, "agency-b"), limit=4)
    imported = {e.envelope_id for b in batches for e in b.envelopes}
    problems = {p.source: p.reason for b in batches for p in b.problems}
    assert imported == {e.envelope_id for e in good}
    assert problems == expected


def test_files_are_written_atomically(tmp_path: Path) -> None:
    """A reader polling the folder while a writer exports never sees a partial .fienv."""
    outbox = FolderDropTransport(tmp_path, "agency-a")
    reader = FolderDropTransport(tmp_path, "agency-b")
    outbox.send(envelope("agency-a", "agency-b", size=16))  # the folder exists from the start
    done = threading.Event()
    problems: list[str] = []
    seen: set[bytes] = set()

    def poll() -> None:
        while not done.is_set():
            reader.forget_position()
            batch = reader.receive(limit=10_000)
            problems.extend(p.reason for p in batch.problems)
            seen.update(e.envelope_id for e in batch.envelopes)

    thread = threading.Thread(target=poll)
    thread.start()
    try:
        sent = [envelope("agency-a", "agency-b", size=256 * 1024) for _ in range(40)]
        for env in sent:
            outbox.send(env)
    finally:
        done.set()
        thread.join()
    assert problems == []
    assert seen  # the reader did run concurrently
    leftovers = [p.name for p in (tmp_path / "agency-b").iterdir() if not p.name.endswith(".fienv")]
    assert leftovers == []


def test_missing_folder_is_an_empty_import(tmp_path: Path) -> None:
    batch = FolderDropTransport(tmp_path / "nothing-here", "agency-b").receive()
    assert (batch.envelopes, batch.problems, batch.more) == ((), (), False)
