"""The sync engine: deliver the outbox, fetch the inbox, process, acknowledge (its background
thread: sync/worker.py).

The engine knows envelopes only as bytes with ids. What it delivers and where inbound bytes go is
a `Mailbox` (services.sharing.mailbox.SessionMailbox over the encrypted database), so this module
depends on no service and no storage: sync sits below services.

One round (`SyncEngine.run_once(transport)`):

1. Deliver every pending outbox envelope, oldest first, in batches. An envelope is marked
   delivered only after the transport answered STORED or ALREADY_STORED for it. The envelope id
   is the idempotency key: a retry after a lost answer, a crash between "sent" and "marked", or a
   second laptop sending the same row, all end as ALREADY_STORED, never as a second copy.
2. Receive pages of the inbox; hand each envelope to the mailbox (which verifies, applies or
   quarantines, and records the id as seen in one transaction); record transport-level problems;
   then acknowledge the page. A crash before the acknowledgement redelivers the page, and the
   seen-ids table turns the repeats into no-ops.
3. If processing queued something (a withdrawal's acknowledgement), deliver once more.
4. Housekeeping, at most once per `prune_interval` seconds of this engine: forget the seen ids of
   envelopes that expired more than the clock-skew allowance plus a day ago
   (`Mailbox.forget_seen_before`). Safe: an envelope's expiry is signed and checked before the
   seen ids, so a replay of a forgotten one is refused as expired; the extra day covers a laptop
   clock set back by up to a day.

Errors: `TransportUnavailable` (network down, relay 5xx, stick pulled) -> exponential backoff
with full jitter, up to `max_attempts` per step, then the round ends with `offline=True` and
everything stays queued. `TransportRateLimited` -> wait what the relay asked. `TransportRejected`
for the whole exchange (authentication, revoked device) -> stop the round, `stopped` holds the
reason: retrying will not help, a person must act. A per-envelope rejection (conflict, too large)
marks that envelope failed and the round goes on.
"""

from __future__ import annotations

import functools
import logging
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from intake_app.sync.envelope import MAX_CLOCK_SKEW_SECONDS
from intake_app.sync.transport import (
    OutgoingEnvelope,
    ReceiveBatch,
    SendResult,
    Transport,
    TransportError,
    TransportRateLimited,
    TransportRejected,
    TransportUnavailable,
)

log = logging.getLogger(__name__)

T = TypeVar("T")
BATCH = 200
PRUNE_MARGIN_SECONDS = 86_400


# --- what the engine needs from the app ------------------------------------------------------
class OutboxItem(Protocol):
    @property
    def envelope_id(self) -> str: ...
    @property
    def recipient_id(self) -> str: ...
    @property
    def expires(self) -> int: ...
    @property
    def body(self) -> bytes: ...


class ProcessResult(Protocol):
    @property
    def status(self) -> str: ...  # "accepted", "duplicate" or "quarantined"
    @property
    def reason(self) -> str | None: ...


class Mailbox(Protocol):
    """The local side: outbox rows out, inbound bytes in. One thread, one connection."""

    agency_id: str

    def pending(self, limit: int = 500) -> Sequence[OutboxItem]: ...
    def pending_count(self) -> int: ...
    def mark_delivered(self, envelope_ids: Sequence[str]) -> None: ...
    def mark_attempt(self, envelope_id: str, reason: str, *, failed: bool) -> None: ...
    def process(self, body: bytes, source: str, now: float | None = None) -> ProcessResult: ...
    def record_problem(self, source: str, reason: str) -> None: ...
    def expire_views(self, now: float) -> int: ...  # partner views whose consent has ended
    def retry_waiting(self, now: float) -> int: ...  # envelopes dated in our future, now due
    def prepare_outgoing(self) -> int: ...  # seal what waits to go (team changes) into the outbox
    def forget_seen_before(self, cutoff: int) -> int: ...  # seen ids of envelopes expired before
    def close(self) -> None: ...


# --- backoff ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Backoff:
    """Exponential backoff with full jitter: a random delay in [0, min(cap, base * 2**n)]."""

    base: float = 0.5
    cap: float = 300.0
    max_attempts: int = 4  # per step of a round; then the round reports offline

    def delay(self, attempt: int, rng: random.Random) -> float:
        return rng.uniform(0.0, min(self.cap, self.base * (2.0 ** max(0, attempt))))


@dataclass
class SyncReport:
    """What one round did: counts, ids of nothing sensitive, and why it stopped if it did."""

    delivered: int = 0
    already_delivered: int = 0
    failed: int = 0  # envelopes refused for good (conflict, too large)
    received: int = 0
    accepted: int = 0
    duplicates: int = 0
    quarantined: int = 0
    problems: int = 0
    retries: int = 0
    pruned: int = 0  # seen ids forgotten (expired envelopes)
    expired_views: int = 0  # partner views removed because their consent ended
    became_valid: int = 0  # held back as dated in our future, taken now that their time came
    replicated: int = 0  # changes to our own cases sealed for the agency's other laptops
    offline: bool = False  # the transport stayed unreachable: try again later
    stopped: str | None = None  # a reason code: the transport refused us (auth), a person must act
    errors: list[str] = field(default_factory=list)  # reason codes of anything unexpected
    pending_after: int = 0

    @property
    def ok(self) -> bool:
        return not self.offline and self.stopped is None and not self.errors


def _guarded(report: SyncReport, step: str, fn: Callable[[], int]) -> int:
    """A step that never fails the round (housekeeping, counts): its failure is reported by
    type, never by content, and counts as 0."""
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - reported by type, the round goes on
        report.errors.append(f"{step}:{type(exc).__name__}")
        return 0


class _Stop(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Offline(Exception):
    pass


class SyncEngine:
    """One mailbox, any transport; see the module docstring for the order and the errors."""

    def __init__(
        self,
        mailbox: Mailbox,
        *,
        backoff: Backoff | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
        clock: Callable[[], float] = time.time,
        receive_limit: int = 100,
        prune_interval: float = 3600.0,
    ) -> None:
        self.mailbox = mailbox
        self.backoff = backoff or Backoff()
        self._sleep = sleep
        self._rng = rng or random.Random()  # noqa: S311 - jitter, not secrecy
        self._clock = clock
        self._receive_limit = receive_limit
        self._prune_interval = prune_interval
        self._pruned_at: float | None = None

    def _call(self, report: SyncReport, fn: Callable[[], T]) -> T:
        attempt = 0
        while True:
            try:
                return fn()
            except TransportRateLimited as exc:
                wait = min(self.backoff.cap, max(0.0, exc.retry_after))
            except TransportUnavailable:
                wait = self.backoff.delay(attempt, self._rng)
            except TransportRejected as exc:
                raise _Stop(exc.reason or "rejected") from None
            attempt += 1
            if attempt >= self.backoff.max_attempts:
                raise _Offline()
            report.retries += 1
            self._sleep(wait)

    def run_once(self, transport: Transport) -> SyncReport:
        """Deliver, then receive; never raises for transport trouble (see SyncReport)."""
        report = SyncReport()
        report.replicated = _guarded(report, "prepare", self.mailbox.prepare_outgoing)
        try:
            self._deliver(transport, report)
            self._receive(transport, report)
            if report.accepted:  # a laptop new to us is sent the caseload in this round
                report.replicated += self.mailbox.prepare_outgoing()
            if report.accepted and self.mailbox.pending_count():
                # What the inbox produced (acknowledgements) goes out in the same round.
                self._deliver(transport, report)
        except _Offline:
            report.offline = True
        except _Stop as stop:
            report.stopped = stop.reason
        except Exception as exc:  # noqa: BLE001 - a broken step is reported, the caller goes on
            report.errors.append(f"round:{type(exc).__name__}")
        # Every round, online or not: a view whose consent ended must not stay on screen; a
        # sender whose clock ran ahead has its envelopes taken once their time comes (the
        # notices this queues go out in the next round).
        report.expired_views = _guarded(
            report, "expire", lambda: self.mailbox.expire_views(self._clock()))
        report.became_valid = _guarded(
            report, "retry", lambda: self.mailbox.retry_waiting(self._clock()))
        report.pruned = _guarded(report, "prune", self._prune)
        report.pending_after = _guarded(report, "count", self.mailbox.pending_count)
        return report

    def _prune(self) -> int:
        now = self._clock()
        if self._pruned_at is not None and now - self._pruned_at < self._prune_interval:
            return 0
        cutoff = int(now) - MAX_CLOCK_SKEW_SECONDS - PRUNE_MARGIN_SECONDS
        pruned = self.mailbox.forget_seen_before(cutoff)
        self._pruned_at = now
        return pruned

    # --- outbound -----------------------------------------------------------------------------
    def _deliver(self, transport: Transport, report: SyncReport) -> None:
        done: set[str] = set()
        while True:
            rows = [r for r in self.mailbox.pending(limit=BATCH) if r.envelope_id not in done]
            now = self._clock()
            for r in [r for r in rows if r.expires <= now]:
                # Past its expiry no recipient would accept it: stop trying, say so.
                self.mailbox.mark_attempt(r.envelope_id, "expired", failed=True)
                report.failed += 1
            rows = [r for r in rows if r.expires > now]
            if not rows:
                return
            envelopes = [
                OutgoingEnvelope(
                    envelope_id=bytes.fromhex(r.envelope_id),
                    sender=self.mailbox.agency_id,
                    recipient=r.recipient_id,
                    expires_at=r.expires,
                    body=r.body,
                )
                for r in rows
            ]
            results: list[SendResult | TransportError] = self._call(
                report, functools.partial(transport.send_many, envelopes)
            )
            delivered: list[str] = []
            retry_later = False
            for row, result in zip(rows, results, strict=True):
                done.add(row.envelope_id)
                if result is SendResult.STORED:
                    report.delivered += 1
                    delivered.append(row.envelope_id)
                elif result is SendResult.ALREADY_STORED:
                    report.already_delivered += 1
                    delivered.append(row.envelope_id)
                elif isinstance(result, TransportRejected):
                    report.failed += 1
                    self.mailbox.mark_attempt(row.envelope_id, result.reason, failed=True)
                elif isinstance(result, TransportError):
                    retry_later = True  # e.g. the recipient's inbox is full: stays pending
                    self.mailbox.mark_attempt(row.envelope_id, result.reason, failed=False)
            # Only now, after the transport confirmed each one.
            self.mailbox.mark_delivered(delivered)
            if retry_later:
                report.offline = True
                return

    # --- inbound ------------------------------------------------------------------------------
    def _receive(self, transport: Transport, report: SyncReport) -> None:
        while True:
            batch: ReceiveBatch = self._call(
                report, lambda: transport.receive(limit=self._receive_limit)
            )
            for envelope in batch.envelopes:
                report.received += 1
                try:
                    result = self.mailbox.process(envelope.body, envelope.source, self._clock())
                except Exception as exc:  # noqa: BLE001 - one bad envelope never stops the round
                    report.errors.append(f"process:{type(exc).__name__}")
                    continue
                if result.status == "accepted":
                    report.accepted += 1
                elif result.status == "duplicate":
                    report.duplicates += 1
                else:
                    report.quarantined += 1
            for problem in batch.problems:
                report.problems += 1
                try:
                    self.mailbox.record_problem(problem.source, problem.reason)
                except Exception as exc:  # noqa: BLE001
                    report.errors.append(f"problem:{type(exc).__name__}")
            if batch.cursor:
                self._call(report, functools.partial(transport.acknowledge, batch))
            if not batch.more or not (batch.envelopes or batch.problems):
                return
