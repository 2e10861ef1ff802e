"""An interview is answered on one laptop at a time: while its sitting is open there, the
agency's other laptops show it as "in progress on <laptop>" and refuse answers to it, until a
person there takes it over explicitly (audited) or the sitting ends.

The hold is an op like any change (field `held_by`, newest wins), so it reaches the other
laptops with the next sync; two laptops apart can still both answer, and then their answers
show as two versions (services/conflicts.py) rather than one silently replacing the other.
"""

from __future__ import annotations

import platform
from collections.abc import Sequence
from dataclasses import replace

from intake_app import errors
from intake_app.domain.case import InterviewSummary
from intake_app.domain.replicated_rows import Hold
from intake_app.services import replication_clock, replication_rows
from intake_app.services.session import Session
from intake_app.storage import audit, interviews, laptop_state
from intake_app.storage.audit import now_iso
from intake_app.storage.database import Cursor


class InterviewHeldElsewhere(errors.IntakeError):
    code = "interview_held_elsewhere"
    template = ("This interview is in progress on {laptop} ({user}) since {since}. Take it over"
                " to continue it here.")
    plain = ("This interview is being held on another laptop ({laptop}, {user}). Take it over to"
             " continue it here; answers given there since your last sync will show as a second"
             " version.")


def laptop_name() -> str:
    """How colleagues see this laptop: its computer name (never a person's)."""
    return (platform.node() or "another laptop")[:64]


def _hold_of(c: Cursor, interview_id: int) -> Hold | None:
    raw = interviews.held_by(c, interview_id)
    if raw is None:
        return None
    try:
        return Hold.parse(raw)
    except ValueError:
        return None  # damaged: nobody holds it


def holder_elsewhere(c: Cursor, interview_id: int, at: str) -> Hold | None:
    """The other laptop this interview's sitting is open on (None: free, or open here)."""
    hold = _hold_of(c, interview_id)
    if hold is None or hold.replica == replication_clock.replica(c, at):
        return None
    return hold


def refuse_if_held_elsewhere(c: Cursor, interview_id: int, at: str) -> None:
    hold = holder_elsewhere(c, interview_id, at)
    if hold is not None:
        raise InterviewHeldElsewhere(laptop=hold.laptop, user=hold.user, since=hold.since)


def hold_in(c: Cursor, s: Session, interview_id: int, at: str) -> None:
    """Open the sitting on this laptop (nothing recorded when it already is)."""
    refuse_if_held_elsewhere(c, interview_id, at)
    if _hold_of(c, interview_id) is not None:
        return
    _set(c, s, interview_id, Hold(replication_clock.replica(c, at), laptop_name(),
                                  s.user.username, at), at)


def release_in(c: Cursor, s: Session, interview_id: int, at: str) -> None:
    """The sitting here ended (paused or complete): the interview is free again."""
    if _hold_of(c, interview_id) is not None and holder_elsewhere(c, interview_id, at) is None:
        _set(c, s, interview_id, None, at)


def hold(s: Session, interview_id: int) -> None:
    """Before answers are given here: InterviewHeldElsewhere when another laptop holds it."""
    with s.db.transaction() as c:
        hold_in(c, s, interview_id, now_iso())


def take_over(s: Session, interview_id: int) -> None:
    """A person chose to continue here an interview held on another laptop (audited)."""
    at = now_iso()
    with s.db.transaction() as c:
        before = holder_elsewhere(c, interview_id, at)
        _set(c, s, interview_id, Hold(replication_clock.replica(c, at), laptop_name(),
                                      s.user.username, at), at)
        if before is not None:
            audit.append(c, s.user.id, "interview.take_over", "case",
                         interviews.case_of(c, interview_id),
                         detail=f"interview:{interview_id}", at=at)


def shown(s: Session, found: Sequence[InterviewSummary]) -> list[InterviewSummary]:
    """Each interview with `held_by` as "<laptop> (<user>)" when another laptop holds it,
    else None."""
    mine = laptop_state.get(s.db, replication_clock.REPLICA_ID)  # read once for the list
    return [_shown(iv, None if mine is None else mine.decode()) for iv in found]


def _shown(iv: InterviewSummary, mine: str | None) -> InterviewSummary:
    if iv.held_by is None:
        return iv
    try:
        hold = Hold.parse(iv.held_by)
    except ValueError:
        return replace(iv, held_by=None)
    elsewhere = hold.replica != mine
    return replace(iv, held_by=f"{hold.laptop} ({hold.user})" if elsewhere else None)


def _set(c: Cursor, s: Session, interview_id: int, hold: Hold | None, at: str) -> None:
    interviews.set_held_by(c, interview_id, None if hold is None else hold.text())
    replication_rows.record_hold(c, s, interview_id, hold, at)
