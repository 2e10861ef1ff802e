"""A consent's end date holds on both sides (issue 13): the services refuse a consent longer
than the policy allows, whoever calls; and the partner view a share made under a consent is
gone at the recipient once that consent ends, at the next sync round or when opened, through
a real relay on 127.0.0.1 and a fake clock only."""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlcipher3

from intake_app.domain.consent import Category, Consent, Method, Purpose, day_of, end_of_day
from intake_app.services import consents, sharing
from intake_app.services.consents import ConsentTooLong
from intake_app.storage import migrations
from intake_app.storage.database import Database, _raw_key
from intake_app.sync.engine import SyncEngine
from tests.integration import test_sharing
from tests.integration.conftest import RelayThread
from tests.integration.test_sharing import (
    NEEDS_CANARY,
    NO_SLEEP,
    Agency,
    _case_with_answers,
    _client,
    _sync,
)
from tests.unit.test_database import _create_at_version

two = test_sharing.two  # the fixtures: two agencies that confirmed each other, a relay
relay = test_sharing.relay


def _give(a: Agency, case_id: int, recipient: str, given_at: datetime,
          expires_at: datetime) -> Consent:
    return consents.give_consent(a.session, Consent(
        0, case_id, Purpose.CASE_COORDINATION, recipient, frozenset({Category.NEEDS}), "w", "en",
        Method.SIGNED, False, given_at, expires_at))


def test_the_services_cap_a_consent_at_the_policy_s_year(two: tuple[Agency, Agency]) -> None:
    adv, off = two
    case_id = _case_with_answers(adv)
    now = datetime.now(UTC)
    last = end_of_day(day_of(now) + timedelta(days=365))
    for too_late in (datetime(2101, 1, 1, tzinfo=UTC), last + timedelta(seconds=1)):
        with pytest.raises(ConsentTooLong):
            _give(adv, case_id, off.id, now, too_late)
    assert consents.case_consents(adv.session, case_id) == []
    assert _give(adv, case_id, off.id, now, last).expires_at == last


def _received(adv: Agency, off: Agency, relay: RelayThread, days: int) -> datetime:
    """A share under a consent ending in `days`, delivered; returns the consent's end."""
    case_id = _case_with_answers(adv)
    now = datetime.now(UTC)
    consent = _give(adv, case_id, off.id, now - timedelta(minutes=1), now + timedelta(days=days))
    sharing.queue_share(adv.session, case_id, off.id, Purpose.CASE_COORDINATION)
    _sync(adv, _client(relay, adv))
    _sync(off, _client(relay, off))
    [view] = sharing.partner_views(off.session)
    assert any(f["value"] == NEEDS_CANARY for f in view.fields)
    return consent.expires_at


def test_an_expired_consent_s_view_is_gone_after_the_next_round(
    two: tuple[Agency, Agency], relay: RelayThread
) -> None:
    adv, off = two
    ends = _received(adv, off, relay, days=2)
    before = SyncEngine(sharing.SessionMailbox(off.session), backoff=NO_SLEEP,
                        sleep=lambda _: None, clock=(ends - timedelta(hours=1)).timestamp)
    assert before.run_once(_client(relay, off)).expired_views == 0
    assert len(sharing.partner_views(off.session)) == 1
    after = SyncEngine(sharing.SessionMailbox(off.session), backoff=NO_SLEEP,
                       sleep=lambda _: None, clock=(ends + timedelta(hours=1)).timestamp)
    assert after.run_once(_client(relay, off)).expired_views == 1
    assert sharing.partner_views(off.session) == []
    [item] = sharing.inbox(off.session)
    assert item.status == "expired"
    assert sharing.open_partner_view(off.session, item.id) is None
    raw = off.session.db.query("SELECT count(*) FROM partner_views")
    assert raw == [(0,)]


def test_an_expired_view_is_not_shown_when_opened(
    two: tuple[Agency, Agency], relay: RelayThread
) -> None:
    adv, off = two
    ends = _received(adv, off, relay, days=1)
    [item] = sharing.inbox(off.session)
    later = ends + timedelta(seconds=1)
    assert sharing.open_partner_view(off.session, item.id, now=ends - timedelta(seconds=1))
    assert sharing.open_partner_view(off.session, item.id, now=later) is None
    assert sharing.partner_views(off.session) == []


def test_views_stored_before_version_8_take_their_expiry_from_their_share(
    tmp_path: Path,
) -> None:
    key = secrets.token_bytes(32)
    path = tmp_path / "old.db"
    _create_at_version(path, key, 7)
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.set_key(_raw_key(key))
    payload = json.dumps({"consents": [{"ref": 1, "expires_at": "2027-03-01T10:00:00+00:00"},
                                       {"ref": 2, "expires_at": "2026-12-24T23:59:59+00:00"}]})
    conn.execute("INSERT INTO inbox_items (id, envelope_id, sender_id, kind, share_ref,"
                 " received_at) VALUES (1, 'e', 's', 'share', 'r', 'now')")
    conn.execute("INSERT INTO partner_views (inbox_item_id, sender_id, share_ref, version,"
                 " purpose, payload_json, received_at) VALUES (1, 's', 'r', 1, 'p', ?, 'now')",
                 (payload,))
    conn.close()
    db = Database.open(path, [key])
    assert db.schema_version() == migrations.LATEST >= 8
    assert db.query("SELECT expires_at FROM partner_views") == [("2026-12-24T23:59:59+00:00",)]
    db.close()


def test_the_sender_is_told_when_its_share_ends_with_its_consent(
    two: tuple[Agency, Agency], relay: RelayThread
) -> None:
    adv, off = two
    ends = _received(adv, off, relay, days=2)
    later = SyncEngine(sharing.SessionMailbox(off.session), backoff=NO_SLEEP,
                       sleep=lambda _: None, clock=(ends + timedelta(hours=1)).timestamp)
    assert later.run_once(_client(relay, off)).expired_views == 1
    later.run_once(_client(relay, off))  # the notice goes out (queued by the removal)
    _sync(adv, _client(relay, adv))
    [case] = [c for c in adv.session.db.query("SELECT case_id, removed_at FROM shares_sent")]
    assert case[1] is not None  # the sender's record: removed at the partner
    from intake_app.services import cases

    actions = [e.action for e in cases.case_activity(adv.session, int(case[0]))]
    assert "share.removed_at_partner" in actions
    assert sharing.quarantine_list(adv.session) == []
