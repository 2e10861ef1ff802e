"""Files that go with a share, between two agencies on real SQLCipher folders: a covered 5 MB
scan arrives whole through a folder drop, an uncovered one never leaves (nothing about it, not
even its label), a withdrawal takes the file, no byte of either is in the clear in any data
folder or on the stick; pieces in any order, twice or before their share are fine, and a
missing or altered piece leaves no whole file."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from intake_app import errors
from intake_app.domain.attachments import FileKind
from intake_app.domain.case import Role
from intake_app.domain.consent import Category, Purpose
from intake_app.services import attachments, sharing
from intake_app.services.sharing import outbound
from intake_app.services.sharing.attachments_out import PIECE_BYTES
from intake_app.sync.envelope import MAX_ENVELOPE_BYTES, Kind, Opened, open_envelope, seal
from intake_app.sync.transport import FolderDropTransport
from tests.integration.conftest import TEST_CONFIG, RelayThread
from tests.integration.test_sharing import (
    Agency,
    _agency,
    _case_with_answers,
    _client,
    _consent,
    _pair,
    _sweep,
    _sync,
)

PLANTED = "Quillon Plantedname"  # inside the covered file's bytes
HIDDEN = "Marisol Hiddenfile"  # inside the uncovered file's bytes
LABEL = "Release signed by Wendeline Labelname"  # what staff called the covered file
HIDDEN_LABEL = "Diary of Wendeline Labelname"


@pytest.fixture
def two(tmp_path: Path) -> Iterator[tuple[Agency, Agency]]:
    advocate = _agency(tmp_path, "shelter", Role.ADVOCATE, "service_provider")
    officer = _agency(tmp_path, "police", Role.OFFICER, "law_enforcement")
    _pair(advocate, officer)
    yield advocate, officer
    advocate.session.close()
    officer.session.close()


def _file(a: Agency, tmp_path: Path, case_id: int, name: str, size: int, planted: str,
          category: Category, label: str) -> tuple[int, bytes]:
    scanner = tmp_path / "scanner"
    scanner.mkdir(exist_ok=True)
    head = b"%PDF-1.7\n" + planted.encode()
    data = head + os.urandom(size - len(head))
    (scanner / name).write_bytes(data)
    info = attachments.add_attachment(a.session, case_id, scanner / name, category, label,
                                      shred=True)
    return info.id, data


def _opened(adv: Agency, off: Agency) -> list[Opened]:
    """Every envelope the advocate queued, opened as the officer would (to read what left)."""
    rows = adv.session.db.query("SELECT body FROM outbox ORDER BY id")
    return [open_envelope(bytes(r[0]), off.identity, {adv.id: adv.identity.card},
                          lambda _: False, time.time()) for r in rows]


def _files(off: Agency) -> list[tuple[int, str | None]]:
    rows = off.session.db.query("SELECT count, completed_at FROM partner_attachments")
    return [(int(r[0]), r[1]) for r in rows]


def test_covered_file_arrives_whole_uncovered_never_leaves_withdrawal_takes_it(
    two: tuple[Agency, Agency], tmp_path: Path
) -> None:
    adv, off = two
    usb = tmp_path / "usb"
    case_id = _case_with_answers(adv)
    consent = _consent(adv, case_id, off.id, {Category.NEEDS})
    _, data = _file(adv, tmp_path, case_id, "release.pdf", 5 * 1024 * 1024, PLANTED,
                    Category.NEEDS, LABEL)
    hidden_id, _ = _file(adv, tmp_path, case_id, "diary.pdf", 300_000, HIDDEN,
                         Category.EXPERIENCE, HIDDEN_LABEL)
    [hidden_uid] = [str(r[0]) for r in adv.session.db.query(
        "SELECT uid FROM attachments WHERE id = ?", (hidden_id,))]

    queued = sharing.queue_share(adv.session, case_id, off.id, Purpose.CASE_COORDINATION)
    opened = _opened(adv, off)
    pieces = [o for o in opened if o.kind is Kind.ATTACHMENT]
    assert [o.kind for o in opened].count(Kind.SHARE) == 1
    assert len(pieces) == -(-len(data) // PIECE_BYTES) > 1
    # Only the covered file left, under a neutral label, and nothing names the other one.
    assert {(o.payload["label"], o.payload["kind"], o.payload["category"]) for o in pieces} == {
        ("document", "pdf", "needs")}
    every_payload = json.dumps([o.payload for o in opened])
    assert hidden_uid not in every_payload and "Labelname" not in every_payload
    assert all(o.payload["share_ref"] == queued.share_ref for o in pieces)

    assert _sync(adv, FolderDropTransport(usb, adv.id)).delivered == len(opened)
    report = _sync(off, FolderDropTransport(usb, off.id))
    assert (report.accepted, report.quarantined) == (len(opened), 0)
    [item] = sharing.inbox(off.session)
    [got] = sharing.view_attachments(off.session, item.id)
    assert (got.kind, got.category, got.size) == (FileKind.PDF, Category.NEEDS, len(data))
    assert got.sha256 == hashlib.sha256(data).hexdigest()
    assert sharing.partner_attachment_bytes(off.session, item.id, got.id) == data
    opens = off.session.db.query("SELECT detail FROM audit WHERE action = 'inbox.attachment.open'")
    assert [r[0] for r in opens] == [f"file:{got.id}"]
    from intake_app.services.attachments import AttachmentUnreadable
    from intake_app.ui.sync.jobs import partner_file

    with pytest.raises(AttachmentUnreadable):  # its pages are noise: said, not a traceback
        partner_file(off.session, item.id, got.id)
    opens = off.session.db.query("SELECT count(*) FROM audit WHERE action = 'inbox.attachment.open'")
    assert opens == [(2,)]  # the preview is an opening too
    assert len(_files(off)) == 1  # the uncovered file is not there, not even in part

    # No byte of either file, and no label, is in the clear anywhere.
    for a in two:
        a.session.db.checkpoint()
    files = [p for a in two for p in a.data_dir.rglob("*")] + list(usb.rglob("*"))
    assert _sweep(files, [PLANTED, HIDDEN, "Labelname"]) == []
    control = tmp_path / "control.bin"
    control.write_bytes(data[:4096])
    assert _sweep([control], [PLANTED]) != []

    # Withdrawn: the file goes with the view, pieces and all.
    sharing.withdraw_consent(adv.session, consent.id)
    _sync(adv, FolderDropTransport(usb, adv.id))
    _sync(off, FolderDropTransport(usb, off.id))
    assert sharing.partner_views(off.session) == []
    assert sharing.view_attachments(off.session, item.id) == []
    for table in ("partner_attachments", "partner_attachment_pieces",
                  "partner_attachment_consents"):
        assert off.session.db.query(f"SELECT count(*) FROM {table}")[0][0] == 0
    with pytest.raises(errors.NotFound):
        sharing.partner_attachment_bytes(off.session, item.id, got.id)


def test_pieces_out_of_order_twice_and_before_the_share_then_expiry_takes_the_file(
    two: tuple[Agency, Agency], tmp_path: Path
) -> None:
    adv, off = two
    case_id = _case_with_answers(adv)
    _consent(adv, case_id, off.id, {Category.NEEDS})
    _, data = _file(adv, tmp_path, case_id, "scan.pdf", 2 * PIECE_BYTES + 1000, PLANTED,
                    Category.NEEDS, LABEL)
    sharing.queue_share(adv.session, case_id, off.id, Purpose.CASE_COORDINATION)
    rows = adv.session.db.query("SELECT kind, body FROM outbox ORDER BY id")
    share = [bytes(b) for k, b in rows if k == "share"]
    pieces = [bytes(b) for k, b in rows if k == "attachment"]
    assert len(pieces) == 3
    now = time.time()
    # The same piece again under a new envelope (a second send), and the pieces backwards,
    # all before the share they belong to.
    again = seal(adv.identity, off.identity.card, Kind.ATTACHMENT,
                 _opened(adv, off)[2].payload, ttl_seconds=3600, now=now)
    for body in [pieces[2], again, pieces[0], pieces[1], pieces[0]]:
        result = sharing.process_inbound(off.session, body, now)
        assert result.status in ("accepted", "duplicate"), result.reason
    [(count, completed)] = _files(off)
    assert count == 3 and completed is not None  # whole before its share came
    assert sharing.process_inbound(off.session, share[0], now).status == "accepted"
    [item] = sharing.inbox(off.session)
    [got] = sharing.view_attachments(off.session, item.id)
    assert sharing.partner_attachment_bytes(off.session, item.id, got.id) == data

    # The consent ends: the view and its file go at the next look.
    later = datetime.now(UTC) + timedelta(days=91)
    assert sharing.partner_views(off.session, later) == []
    assert off.session.db.query("SELECT count(*) FROM partner_attachment_pieces")[0][0] == 0


def test_a_missing_piece_leaves_no_whole_file(
    two: tuple[Agency, Agency], tmp_path: Path
) -> None:
    adv, off = two
    usb = tmp_path / "usb"
    case_id = _case_with_answers(adv)
    _consent(adv, case_id, off.id, {Category.NEEDS})
    _file(adv, tmp_path, case_id, "scan.pdf", PIECE_BYTES + 10, PLANTED, Category.NEEDS, LABEL)
    sharing.queue_share(adv.session, case_id, off.id, Purpose.CASE_COORDINATION)
    [lost] = [str(r[0]) for r in adv.session.db.query(
        "SELECT envelope_id FROM outbox WHERE kind = 'attachment' ORDER BY id LIMIT 1")]
    _sync(adv, FolderDropTransport(usb, adv.id))
    [dropped] = [p for p in usb.rglob("*") if p.is_file() and lost in p.name]
    dropped.unlink()
    _sync(off, FolderDropTransport(usb, off.id))
    [item] = sharing.inbox(off.session)
    assert sharing.open_partner_view(off.session, item.id) is not None
    assert sharing.view_attachments(off.session, item.id) == []
    assert _files(off) == [(2, None)]


def _forged(adv: Agency, off: Agency, changes: dict[str, object]) -> list[bytes]:
    """The advocate's real pieces of one file, re-sealed with `changes` to their payloads."""
    out = []
    for o in _opened(adv, off):
        if o.kind is Kind.ATTACHMENT:
            out.append(seal(adv.identity, off.identity.card, Kind.ATTACHMENT,
                            {**o.payload, **changes}, ttl_seconds=3600, now=time.time()))
    return out


@pytest.mark.parametrize(("changes", "reason"), [
    ({"sha256": "0" * 64}, "attachment_mismatch"),  # the whole is not what was signed
    ({"size": PIECE_BYTES + 11}, "attachment_mismatch"),
])
def test_an_altered_file_is_refused_with_its_reason(
    two: tuple[Agency, Agency], tmp_path: Path, changes: dict[str, object], reason: str
) -> None:
    adv, off = two
    case_id = _case_with_answers(adv)
    _consent(adv, case_id, off.id, {Category.NEEDS})
    _file(adv, tmp_path, case_id, "scan.pdf", PIECE_BYTES + 10, PLANTED, Category.NEEDS, LABEL)
    sharing.queue_share(adv.session, case_id, off.id, Purpose.CASE_COORDINATION)
    first, last = _forged(adv, off, changes)
    assert sharing.process_inbound(off.session, first, time.time()).status == "accepted"
    result = sharing.process_inbound(off.session, last, time.time())
    assert (result.status, result.reason) == ("quarantined", reason)
    assert _files(off) == []  # no piece of it is kept: which one was wrong cannot be told
    # The file sent again, unaltered (a new share sends every piece), arrives whole.
    for body in _forged(adv, off, {}):
        assert sharing.process_inbound(off.session, body, time.time()).status == "accepted"
    [(count, completed)] = _files(off)
    assert count == 2 and completed is not None


def test_a_piece_that_disagrees_with_the_others_is_refused(
    two: tuple[Agency, Agency], tmp_path: Path
) -> None:
    adv, off = two
    case_id = _case_with_answers(adv)
    _consent(adv, case_id, off.id, {Category.NEEDS})
    _file(adv, tmp_path, case_id, "scan.pdf", PIECE_BYTES + 10, PLANTED, Category.NEEDS, LABEL)
    sharing.queue_share(adv.session, case_id, off.id, Purpose.CASE_COORDINATION)
    [first, _] = _forged(adv, off, {})
    [_, odd] = _forged(adv, off, {"count": 3})
    assert sharing.process_inbound(off.session, first, time.time()).status == "accepted"
    result = sharing.process_inbound(off.session, odd, time.time())
    assert (result.status, result.reason) == ("quarantined", "attachment_inconsistent")
    [bad_count] = _forged(adv, off, {"count": 10**9, "seq": 0})[:1]
    result = sharing.process_inbound(off.session, bad_count, time.time())
    assert (result.status, result.reason) == ("quarantined", "attachment_inconsistent")
    assert _files(off) == [(2, None)]


def test_a_file_under_a_withdrawn_consent_is_not_kept_even_before_its_share(
    two: tuple[Agency, Agency], tmp_path: Path
) -> None:
    adv, off = two
    usb = tmp_path / "usb"
    case_id = _case_with_answers(adv)
    consent = _consent(adv, case_id, off.id, {Category.NEEDS})
    _file(adv, tmp_path, case_id, "scan.pdf", 1000, PLANTED, Category.NEEDS, LABEL)
    sharing.queue_share(adv.session, case_id, off.id, Purpose.CASE_COORDINATION)
    rows = adv.session.db.query("SELECT kind, body FROM outbox ORDER BY id")
    [piece] = [bytes(b) for k, b in rows if k == "attachment"]
    sharing.withdraw_consent(adv.session, consent.id)
    [withdrawal] = [bytes(r[0]) for r in adv.session.db.query(
        "SELECT body FROM outbox WHERE kind = 'consent_withdrawal'")]
    # The piece first (no view yet), then the withdrawal: the piece goes.
    assert sharing.process_inbound(off.session, piece, time.time()).status == "accepted"
    assert len(_files(off)) == 1
    assert sharing.process_inbound(off.session, withdrawal, time.time()).status == "accepted"
    assert _files(off) == []
    # The stick brings the rest: the share keeps no view, and nothing returns.
    _sync(adv, FolderDropTransport(usb, adv.id))
    _sync(off, FolderDropTransport(usb, off.id))
    assert sharing.partner_views(off.session) == [] and _files(off) == []


def test_a_referral_carries_its_files_too(two: tuple[Agency, Agency], tmp_path: Path) -> None:
    adv, off = two
    usb = tmp_path / "usb"
    case_id = _case_with_answers(adv)
    _consent(adv, case_id, off.id, {Category.NEEDS}, Purpose.SERVICES_REFERRAL)
    _, data = _file(adv, tmp_path, case_id, "scan.pdf", 4000, PLANTED, Category.NEEDS, LABEL)
    sharing.send_referral(adv.session, case_id, off.id, "safe housing", "urgent", "")
    _sync(adv, FolderDropTransport(usb, adv.id))
    _sync(off, FolderDropTransport(usb, off.id))
    [item] = sharing.inbox(off.session)
    [got] = sharing.view_attachments(off.session, item.id)
    assert sharing.partner_attachment_bytes(off.session, item.id, got.id) == data


def test_the_share_and_its_files_are_queued_together_or_not_at_all(
    two: tuple[Agency, Agency], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    adv, off = two
    case_id = _case_with_answers(adv)
    _consent(adv, case_id, off.id, {Category.NEEDS})
    _file(adv, tmp_path, case_id, "scan.pdf", 2 * PIECE_BYTES + 5, PLANTED, Category.NEEDS, LABEL)
    real = outbound.enqueue
    calls: list[Kind] = []

    def failing(*args: object, **kwargs: object) -> str:
        calls.append(args[3])  # type: ignore[arg-type]
        if len(calls) == 3:
            raise OSError("disk full")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(outbound, "enqueue", failing)
    with pytest.raises(OSError, match="disk full"):
        sharing.queue_share(adv.session, case_id, off.id, Purpose.CASE_COORDINATION)
    assert calls == [Kind.SHARE, Kind.ATTACHMENT, Kind.ATTACHMENT]
    assert sharing.outbox(adv.session) == []
    assert sharing.case_shares(adv.session, case_id) == []


def test_through_the_relay(two: tuple[Agency, Agency], tmp_path: Path) -> None:
    adv, off = two
    # The relay's own default: an envelope of the largest bucket passes.
    config = dataclasses.replace(TEST_CONFIG, max_body_bytes=MAX_ENVELOPE_BYTES)
    relay = RelayThread(f"sqlite://{tmp_path / 'relay' / 'relay.db'}", config).start()
    try:
        for a in two:
            card = a.identity.card
            relay.store.register_agency(card.agency_id, card.signing_public, int(time.time()))
        case_id = _case_with_answers(adv)
        _consent(adv, case_id, off.id, {Category.NEEDS})
        _, data = _file(adv, tmp_path, case_id, "scan.pdf", 3 * 1024 * 1024, PLANTED,
                        Category.NEEDS, LABEL)
        sharing.queue_share(adv.session, case_id, off.id, Purpose.CASE_COORDINATION)
        report = _sync(adv, _client(relay, adv))
        assert (report.pending_after, report.ok) == (0, True)
        assert _sync(off, _client(relay, off)).quarantined == 0
        [item] = sharing.inbox(off.session)
        [got] = sharing.view_attachments(off.session, item.id)
        assert sharing.partner_attachment_bytes(off.session, item.id, got.id) == data
        assert _sweep(list((tmp_path / "relay").iterdir()), [PLANTED, "Labelname"]) == []
    finally:
        relay.stop()
