"""Inbound envelopes: verify, apply once, or quarantine with a reason; retry the quarantine.

`process_inbound` verifies an envelope against CONFIRMED partners only and the seen-ids table,
then applies it (`apply.apply_envelope`) and records its id as seen in the same transaction.
Anything refused is quarantined with a reason code (`QUARANTINE_REASONS`), its raw bytes kept.
`process_inbound` does not raise for a bad envelope. Envelopes refused only because their sender
was not a confirmed partner yet are retried by `reprocess_quarantine` once it is; envelopes dated
in our future (the sender's clock ahead of ours) by `retry_when_due` at every sync round, and the
sender is told both that one waits and when it was taken (a delivery notice), so no share is
lost to a wrong clock and the laptop with the wrong clock learns of it.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from intake_app import errors
from intake_app.services import agency, agency_rotation, partners
from intake_app.services.session import Session
from intake_app.services.sharing.apply import PAYLOAD_REASONS, BadPayload, apply_opened
from intake_app.services.sharing.outbound import enqueue
from intake_app.services.sharing.share import PAYLOAD_VERSION
from intake_app.storage import audit
from intake_app.storage.audit import now_iso
from intake_app.storage.database import Cursor
from intake_app.storage.sharing import quarantine
from intake_app.sync.envelope import (
    MAX_ENVELOPE_BYTES,
    EnvelopeRejected,
    Kind,
    Opened,
    Reason,
    open_envelope,
    peek_header,
)
from intake_app.sync.keys import AgencyIdentity, PublicCard


@dataclass(frozen=True, slots=True)
class InboundResult:
    """What became of one inbound envelope. `status`: accepted, duplicate or quarantined."""

    status: str
    envelope_id: str | None
    sender_id: str | None
    kind: str | None
    reason: str | None = None
    inbox_item_id: int | None = None
    new: bool = False  # quarantined now for the first time (not the same bytes again)

    @property
    def accepted(self) -> bool:
        return self.status == "accepted"


# Every reason `process_inbound` quarantines with: an envelope `Reason`, a payload reason, or
# "internal_error" (a bug while applying; rolled back, the type name audited). A transport's
# unreadable input is kept as "transport:<reason>" by `record_receive_problem`.
QUARANTINE_REASONS = frozenset(r.value for r in Reason) | PAYLOAD_REASONS | {"internal_error"}
# Refused only because the sender was not (yet) a confirmed partner: retried by
# `reprocess_quarantine` once it is.
RETRYABLE_REASONS = frozenset({Reason.UNKNOWN_SENDER.value})
# Dated in our future: valid once our clock reaches it; retried at every sync round.
WAITING_REASONS = frozenset({Reason.NOT_YET_VALID.value})


def _header_ids(data: bytes) -> tuple[str | None, str | None, str | None]:
    try:
        h = peek_header(data)
    except (EnvelopeRejected, TypeError):
        return None, None, None
    # A version 2 header does not say its kind: that is inside the ciphertext.
    return h.envelope_id, h.sender_id, None if h.kind is None else h.kind.value


def _quarantine(
    c: Cursor,
    s: Session,
    data: bytes,
    digest: bytes,
    reason: str,
    source: str,
    ids: tuple[str | None, str | None, str | None],
    at: str,
) -> InboundResult:
    envelope_id, sender_id, kind = ids
    keep = data if len(data) <= MAX_ENVELOPE_BYTES else None
    new = quarantine.quarantine(
        c, envelope_id, sender_id, reason, source, len(data), digest, keep, at
    )
    if new:
        audit.append(
            c,
            s.user.id,
            "inbound.quarantine",
            "envelope",
            envelope_id,
            detail=f"reason:{reason}:from:{sender_id}",
        )
    return InboundResult("quarantined", envelope_id, sender_id, kind, reason, new=new)


def process_inbound(
    s: Session, envelope_bytes: bytes, now: float | None = None, *, source: str = ""
) -> InboundResult:
    """Verify, then apply or quarantine one inbound envelope. Never raises for a bad envelope.

    The seen-id check and the record of the id happen in the transaction that applies it, so a
    crash cannot lose or double-apply an envelope. The same bytes again are a `duplicate` (a
    transport redelivering after a lost acknowledgement), not a new quarantine entry. An
    unexpected failure while applying rolls the whole envelope back and quarantines it with
    reason `internal_error` (the type name is audited, never a value).
    """
    try:
        return _process_inbound(s, envelope_bytes, now, source)
    except (errors.DiskFull, errors.DatabaseCorrupt, agency.AgencyNotInitialised):
        raise  # the database itself is unusable: the worker reports it
    except Exception as exc:  # noqa: BLE001 - one envelope never stops the worker
        data = bytes(envelope_bytes)
        digest = hashlib.sha256(data).digest()
        with s.db.transaction() as c:
            result = _quarantine(
                c, s, data, digest, "internal_error", source, _header_ids(data), now_iso()
            )
            audit.append(
                c,
                s.user.id,
                "inbound.error",
                "envelope",
                result.envelope_id,
                detail=type(exc).__name__,
            )
        return result


def _open(
    c: Cursor, data: bytes, me: AgencyIdentity, known: dict[str, PublicCard], when: float
) -> Opened:
    """`open_envelope` with this agency's retired keys; an envelope in this agency's own name
    that its current card does not verify is tried under its earlier cards (the rotation's own
    notice is signed with the old sender key; apply.py takes nothing else from it)."""
    retired = agency_rotation.retired_keys(c)

    def seen(eid: str) -> bool:
        return quarantine.seen_hash(c, eid) is not None

    try:
        return open_envelope(data, me, known, seen, when, retired=retired)
    except EnvelopeRejected as exc:
        if exc.reason is not Reason.BAD_SIGNATURE or _header_ids(data)[1] != me.agency_id:
            raise
        for card in agency_rotation.retired_cards(c):
            try:
                opened = open_envelope(
                    data, me, {**known, me.agency_id: card}, seen, when, retired=retired
                )
            except EnvelopeRejected as again:
                if again.reason is not Reason.BAD_SIGNATURE:
                    raise
                continue
            if opened.kind is not Kind.KEY_ROTATION:  # the old sender key may be a thief's
                raise
            return opened
        raise


def _process_inbound(
    s: Session, envelope_bytes: bytes, now: float | None, source: str
) -> InboundResult:
    when = time.time() if now is None else float(now)
    data = bytes(envelope_bytes)
    digest = hashlib.sha256(data).digest()
    at = now_iso()
    me = agency.require_identity(s)
    with s.db.transaction() as c:
        # This agency itself: only for key-rotation notices (apply.py refuses anything else).
        known = {**partners.confirmed_cards(c), me.agency_id: me.card}
        try:
            opened = _open(c, data, me, known, when)
        except EnvelopeRejected as exc:
            ids = _header_ids(data)
            if (
                exc.reason is Reason.REPLAYED
                and ids[0] is not None
                and quarantine.seen_hash(c, ids[0]) == digest
            ):
                return InboundResult("duplicate", ids[0], ids[1], ids[2], Reason.REPLAYED.value)
            result = _quarantine(c, s, data, digest, exc.reason.value, source, ids, at)
            if (exc.reason is Reason.NOT_YET_VALID and exc.header is not None and result.new
                    and exc.header.sender_id != me.agency_id):
                # Signed by a confirmed partner (checked before the times): worth telling.
                ahead = exc.header.created - int(when)
                _notify_sender(c, s, exc.header.sender_id, exc.header.envelope_id,
                               {"state": "waiting", "ahead_seconds": ahead}, when)
            return result
        h = opened.header
        ids = (h.envelope_id, h.sender_id, opened.kind.value)
        c.execute("SAVEPOINT apply_envelope")
        try:
            item_id = apply_opened(c, s, me, opened, at, when)
        except BadPayload as bad:
            c.execute("ROLLBACK TO apply_envelope")
            c.execute("RELEASE apply_envelope")
            if bad.undo is not None:
                bad.undo(c)
            quarantine.mark_seen(c, h.envelope_id, digest, h.expires, at)
            return _quarantine(c, s, data, digest, bad.reason, source, ids, at)
        c.execute("RELEASE apply_envelope")
        quarantine.mark_seen(c, h.envelope_id, digest, h.expires, at)
    return InboundResult("accepted", h.envelope_id, h.sender_id, opened.kind.value, None, item_id)


@dataclass(slots=True)
class ReprocessReport:
    """What `reprocess_quarantine` did: counts only."""

    retried: int = 0
    accepted: int = 0  # applied now (or found already applied: a duplicate)
    requarantined: int = 0  # refused again for another reason (e.g. expired meanwhile)
    still_waiting: int = 0  # the sender is still not a confirmed partner


def _notify_sender(
    c: Cursor, s: Session, sender_id: str, envelope_id: str, what: dict[str, object], when: float
) -> None:
    """Queue a delivery notice about `envelope_id` to the partner who sent it."""
    card = partners.confirmed_card(c, sender_id)
    payload = {"v": PAYLOAD_VERSION, "envelope": envelope_id, **what}
    notice = enqueue(c, agency.require_identity(s), card, Kind.DELIVERY_NOTICE, payload,
                     datetime.fromtimestamp(when, UTC))
    audit.append(c, s.user.id, "inbound.notice_sent", "partner", sender_id,
                 detail=f"envelope:{envelope_id}:{what['state']}:notice:{notice}")


def retry_when_due(s: Session, now: float | None = None) -> ReprocessReport:
    """Retry envelopes dated in our future; each one taken now is confirmed to its sender."""
    return reprocess_quarantine(s, now, reasons=WAITING_REASONS)


def reprocess_quarantine(
    s: Session, now: float | None = None, *, reasons: frozenset[str] = RETRYABLE_REASONS
) -> ReprocessReport:
    """Retry envelopes quarantined only because their sender was not a confirmed partner.

    Call it after confirming a partner (or importing one). Each kept envelope (the quarantine
    keeps the raw bytes up to the envelope size limit) goes through `process_inbound` again,
    with every check, at `now`. Accepted (or already applied): its quarantine row is removed.
    Refused for another reason now (expired meanwhile, bad signature under the confirmed card):
    the old row is removed, the new one holds the new reason. Still an unknown sender: the row
    stays. Safe to repeat; a crash between applying and removing the row leaves a row that the
    next run finds to be a duplicate and removes.
    """
    report = ReprocessReport()
    when = time.time() if now is None else float(now)
    for quarantine_id, source, body in quarantine.quarantined_bodies(s.db, sorted(reasons)):
        result = process_inbound(s, body, when, source=source)
        report.retried += 1
        if result.status == "quarantined" and result.reason in reasons:
            report.still_waiting += 1
            continue
        with s.db.transaction() as c:
            quarantine.delete_quarantined(c, quarantine_id)
            # Taken now, or already by a fresh copy of it (a stick read again): say so.
            if (reasons is WAITING_REASONS and result.status in ("accepted", "duplicate")
                    and result.sender_id is not None and result.envelope_id is not None):
                _notify_sender(c, s, result.sender_id, result.envelope_id,
                               {"state": "accepted"}, when)
            audit.append(
                c,
                s.user.id,
                "inbound.quarantine.retry",
                "envelope",
                result.envelope_id,
                detail=f"quarantine:{quarantine_id}:{result.status}:{result.reason or ''}",
            )
        if result.status == "quarantined":
            report.requarantined += 1
        else:
            report.accepted += 1
    return report


def record_receive_problem(s: Session, source: str, reason: str, data: bytes = b"") -> None:
    """A transport could not read something as an envelope: keep a quarantine row for it."""
    digest = hashlib.sha256(source.encode() + b"\0" + data).digest()
    with s.db.transaction() as c:
        _quarantine(
            c, s, data, digest, f"transport:{reason}", source, (None, None, None), now_iso()
        )
