"""No share is lost to a wrong clock: a laptop whose clock runs ahead sends a share dated in its
partner's future; the partner holds it, tells the sender, and takes it when its time comes; the
sender's screen can say its clock is ahead until the partner confirms the share was taken."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake_app.domain.consent import Category, Purpose
from intake_app.services import sharing
from intake_app.storage.sharing import outbox
from intake_app.sync.engine import SyncEngine, SyncReport
from intake_app.sync.envelope import MAX_CLOCK_SKEW_SECONDS
from intake_app.sync.transport import FolderDropTransport
from tests.integration.test_sharing import (
    NO_SLEEP,
    Agency,
    _case_with_answers,
    _consent,
    two,  # noqa: F401 - the fixture
)

DAY = 86_400


def _round(a: Agency, usb: Path, now: float) -> SyncReport:
    engine = SyncEngine(sharing.SessionMailbox(a.session), backoff=NO_SLEEP,
                        sleep=lambda _: None, clock=lambda: now)
    return engine.run_once(FolderDropTransport(usb, a.id))


def _share_from_the_future(adv: Agency, off: Agency, ahead: int) -> float:
    case_id = _case_with_answers(adv)
    _consent(adv, case_id, off.id, {Category.NEEDS})
    now = time.time()
    sharing.queue_share(adv.session, case_id, off.id, Purpose.CASE_COORDINATION,
                        datetime.fromtimestamp(now + ahead, UTC))
    return now


@pytest.mark.parametrize("ahead", [10 * 60, DAY])
def test_a_share_from_a_fast_clock_waits_then_arrives_and_the_sender_learns(
    two: tuple[Agency, Agency], tmp_path: Path, ahead: int  # noqa: F811 - the fixture
) -> None:
    adv, off = two
    usb = tmp_path / "usb"
    now = _share_from_the_future(adv, off, ahead)
    assert _round(adv, usb, now + ahead).delivered == 1

    first = _round(off, usb, now)  # the partner's clock is right
    assert (first.accepted, first.quarantined) == (0, 1)
    assert sharing.partner_views(off.session) == []
    _round(off, usb, now)  # its notice goes out
    _round(adv, usb, now + ahead)
    count, most = outbox.waiting_at_partners(adv.session.db)
    assert count == 1 and ahead - 5 <= most <= ahead  # the sender can say how far ahead it is

    halfway = _round(off, usb, now + ahead - MAX_CLOCK_SKEW_SECONDS - 1)  # not quite yet
    assert halfway.became_valid == 0 and sharing.partner_views(off.session) == []
    due = _round(off, usb, now + ahead)
    assert due.became_valid == 1
    [view] = sharing.partner_views(off.session)
    assert {f["category"] for f in view.fields} == {"needs"}
    assert sharing.quarantine_list(off.session) == []
    _round(off, usb, now + ahead + 1)  # the "taken" notice goes out
    _round(adv, usb, now + ahead + 1)
    assert outbox.waiting_at_partners(adv.session.db) == (0, 0)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ahead=st.integers(min_value=MAX_CLOCK_SKEW_SECONDS + 1, max_value=7 * DAY),
       rounds=st.lists(st.floats(min_value=0, max_value=1), min_size=1, max_size=4))
def test_repeated_rounds_before_the_time_send_one_notice_and_lose_nothing(
    two: tuple[Agency, Agency], tmp_path_factory: pytest.TempPathFactory,  # noqa: F811
    ahead: int, rounds: list[float],
) -> None:
    adv, off = two
    usb = tmp_path_factory.mktemp("usb")
    before = len(sharing.partner_views(off.session))
    now = _share_from_the_future(adv, off, ahead)
    _round(adv, usb, now + ahead)
    for fraction in sorted(rounds):  # any number of early rounds
        at = now + fraction * (ahead - MAX_CLOCK_SKEW_SECONDS - 1)
        assert _round(off, usb, at).became_valid == 0
    notices = off.session.db.query(
        "SELECT count(*) FROM outbox WHERE kind = 'delivery_notice'")[0][0]
    assert _round(off, usb, now + ahead).became_valid == 1
    assert len(sharing.partner_views(off.session)) == before + 1
    after = off.session.db.query("SELECT count(*) FROM outbox WHERE kind = 'delivery_notice'")[0][0]
    assert after == notices + 1  # one "waiting" before, one "taken" now, never one per round
