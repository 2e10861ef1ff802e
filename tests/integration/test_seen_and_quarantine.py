"""Seen-id pruning by the sync engine, and quarantined envelopes retried once their sender is a
confirmed partner (`reprocess_quarantine`)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from intake_app.domain.case import Role
from intake_app.services import agency, partners, sharing
from intake_app.services.session import Workspace
from intake_app.storage.kdf import KdfParams
from intake_app.sync.engine import PRUNE_MARGIN_SECONDS, SyncEngine
from intake_app.sync.envelope import MAX_CLOCK_SKEW_SECONDS, Kind, peek_header, seal
from tests.integration.test_sharing import CONTACT, PASSPHRASE, Agency, ListTransport

DAY = 86_400


def _payload(ref: str = "ab" * 16) -> dict[str, object]:
    return {
        "v": 1,
        "share_ref": ref,
        "purpose": "case_coordination",
        "consents": [{"ref": 1, "expires_at": "2099-01-01T00:00:00+00:00"}],
        "categories": ["needs"],
        "fields": [],
        "sent_at": "x",
    }


@pytest.fixture
def half_paired(tmp_path: Path) -> Iterator[tuple[Agency, Agency]]:
    """Two agencies; the receiver imported the sender's card but has NOT confirmed it yet."""
    out = []
    for name, kind in (("shelter", "service_provider"), ("police", "law_enforcement")):
        ws = Workspace(tmp_path / name)
        s, _ = ws.set_up("user", PASSPHRASE, Role.OFFICER, kdf=KdfParams.for_tests())
        out.append(Agency(s, agency.init_agency(s, f"{name} agency", kind, CONTACT), ws.data_dir))
    sender, receiver = out
    partners.store_partner(receiver.session, sender.identity.card.to_json())
    yield sender, receiver
    for a in out:
        a.session.close()


def _seal(sender: Agency, receiver: Agency, now: float, ttl: int, ref: str = "ab" * 16) -> bytes:
    return seal(
        sender.identity, receiver.identity.card, Kind.SHARE, _payload(ref), ttl_seconds=ttl, now=now
    )


def _seen(a: Agency) -> set[str]:
    return {str(r[0]) for r in a.session.db.query("SELECT envelope_id FROM seen_envelopes")}


def test_engine_forgets_seen_ids_of_long_expired_envelopes(
    half_paired: tuple[Agency, Agency],
) -> None:
    sender, receiver = half_paired
    partners.mark_confirmed(receiver.session, sender.id)
    now = time.time()
    short = _seal(sender, receiver, now, ttl=3600, ref="01" * 16)
    long = _seal(sender, receiver, now, ttl=30 * DAY, ref="02" * 16)
    clock = [now]
    engine = SyncEngine(
        sharing.SessionMailbox(receiver.session),
        sleep=lambda _: None,
        clock=lambda: clock[0],
        prune_interval=3600,
    )
    report = engine.run_once(ListTransport(receiver.id, [short, long]))
    assert (report.accepted, report.pruned, report.ok) == (2, 0, True)
    short_id, long_id = peek_header(short).envelope_id, peek_header(long).envelope_id
    assert _seen(receiver) == {short_id, long_id}

    # Just past the short one's expiry + skew + margin: not yet (and pruning waits its interval).
    clock[0] = now + 3600 + MAX_CLOCK_SKEW_SECONDS + PRUNE_MARGIN_SECONDS - 10
    assert engine.run_once(ListTransport(receiver.id, [])).pruned == 0
    assert _seen(receiver) == {short_id, long_id}
    clock[0] += 3600
    report = engine.run_once(ListTransport(receiver.id, []))
    assert (report.pruned, report.ok) == (1, True)
    assert _seen(receiver) == {long_id}
    # Within the interval the engine does not scan again.
    clock[0] += 60
    assert engine.run_once(ListTransport(receiver.id, [])).pruned == 0

    # A replay of the forgotten envelope is still refused: its signed expiry has passed.
    replay = sharing.process_inbound(receiver.session, short, clock[0])
    assert (replay.status, replay.reason) == ("quarantined", "expired")
    # The one still in its lifetime is still recognised as a repeat.
    again = sharing.process_inbound(receiver.session, long, clock[0])
    assert again.status == "duplicate"
    assert len(sharing.partner_views(receiver.session)) == 2


def test_quarantined_unknown_sender_is_retried_after_confirmation(
    half_paired: tuple[Agency, Agency],
) -> None:
    sender, receiver = half_paired
    now = time.time()
    share = _seal(sender, receiver, now, ttl=DAY, ref="03" * 16)
    short = _seal(sender, receiver, now, ttl=600, ref="04" * 16)
    forged = bytearray(_seal(sender, receiver, now, ttl=DAY, ref="05" * 16))
    forged[-1] ^= 0xFF
    for body in (share, short, bytes(forged)):
        result = sharing.process_inbound(receiver.session, body, now)
        assert (result.status, result.reason) == ("quarantined", "unknown_sender")
    stored = receiver.session.db.query("SELECT body FROM quarantine ORDER BY id")
    assert [bytes(r[0]) for r in stored] == [share, short, bytes(forged)]  # raw bytes kept

    # Not confirmed yet: nothing changes, however often it is tried.
    report = sharing.reprocess_quarantine(receiver.session, now)
    assert (report.retried, report.still_waiting, report.accepted) == (3, 3, 0)
    assert len(sharing.quarantine_list(receiver.session)) == 3

    partners.mark_confirmed(receiver.session, sender.id)
    later = now + 600 + MAX_CLOCK_SKEW_SECONDS + 1  # the short one expired meanwhile
    report = sharing.reprocess_quarantine(receiver.session, later)
    assert (report.retried, report.accepted, report.requarantined, report.still_waiting) == (
        3,
        1,
        2,
        0,
    )
    reasons = sorted(q.reason for q in sharing.quarantine_list(receiver.session))
    assert reasons == ["bad_signature", "expired"]  # each re-filed under its real reason
    [view] = sharing.partner_views(receiver.session)
    assert view.share_ref == "03" * 16
    # Repeating it is a no-op; the accepted one arriving again is a duplicate.
    assert sharing.reprocess_quarantine(receiver.session, later).retried == 0
    assert sharing.process_inbound(receiver.session, share, later).status == "duplicate"
    actions = [
        str(r[0])
        for r in receiver.session.db.query(
            "SELECT action FROM audit WHERE action = 'inbound.quarantine.retry'"
        )
    ]
    assert len(actions) == 3
