"""What every transport shares: errors, the envelope values it carries, the Transport protocol."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from intake_app.errors import IntakeError
from intake_app.sync.relay.auth import valid_id

ENVELOPE_ID_BYTES = 16
MAX_ENVELOPE_BYTES = 1024 * 1024  # the relay's default limit; folder drops use the same
# The relay caps an inbox page at 8 MiB of envelopes (base64 in JSON: about 11 MiB).
MAX_ANSWER_BYTES = 16 * 1024 * 1024


# --- errors --------------------------------------------------------------------------------------
class TransportError(IntakeError):
    code = "transport_error"
    template = "The {transport} failed ({reason})."
    plain = "The connection to the relay or folder failed. Everything stays queued."

    @property
    def reason(self) -> str:
        return str(self.ids.get("reason", ""))

    @property
    def status(self) -> int | None:
        """The HTTP status the relay answered, if it answered."""
        value = self.ids.get("status")
        return value if isinstance(value, int) else None


class TransportUnavailable(TransportError):
    """Not reachable now (down, refused, timeout, 5xx): keep the envelope queued, retry later."""

    code = "transport_unavailable"
    template = "The {transport} cannot be reached right now ({reason}). Envelopes stay queued."
    plain = "The relay or folder cannot be reached right now. Everything stays queued."


class TransportRateLimited(TransportUnavailable):
    """The relay asked this device to slow down: retry after `retry_after` seconds."""

    code = "transport_rate_limited"
    template = "The {transport} asks to slow down; retrying in {retry_after} s."
    plain = "The relay asks to slow down. Sharing tries again in {retry_after} seconds."

    @property
    def retry_after(self) -> float:
        value = self.ids.get("retry_after", 1)
        return float(value) if isinstance(value, int | float) else 1.0


class TransportRejected(TransportError):
    """Refused (auth, size, conflict, bad request): retrying the same request will not help."""

    code = "transport_rejected"
    template = "The {transport} refused the request ({reason})."
    plain = "The relay or folder refused this laptop ({reason})."


# --- values --------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class OutgoingEnvelope:
    """Sealed envelope bytes and the routing metadata the engine read from its header."""

    envelope_id: bytes
    sender: str
    recipient: str
    expires_at: int  # unix seconds
    body: bytes

    def __post_init__(self) -> None:
        if len(self.envelope_id) != ENVELOPE_ID_BYTES:
            raise ValueError("an envelope id is 16 bytes")
        if not (valid_id(self.sender) and valid_id(self.recipient)):
            raise ValueError("agency ids are 1-64 of A-Z a-z 0-9 . _ -")


@dataclass(frozen=True, slots=True)
class IncomingEnvelope:
    """Envelope bytes as received; `source` says where from (relay seq or file name)."""

    envelope_id: bytes
    sender: str
    recipient: str
    expires_at: int
    body: bytes
    source: str


@dataclass(frozen=True, slots=True)
class ReceiveProblem:
    """Input that could not be read as an envelope; reported, skipped, never fatal."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class ReceiveBatch:
    """One page of received envelopes; pass it back to `acknowledge` once stored."""

    envelopes: tuple[IncomingEnvelope, ...]
    problems: tuple[ReceiveProblem, ...]
    more: bool
    cursor: str  # transport-specific position after this batch; "" when nothing was read


class SendResult(enum.Enum):
    STORED = "stored"
    ALREADY_STORED = "already_stored"


class Transport(Protocol):
    """What the sync engine needs from a way of moving envelopes."""

    name: str

    def send(self, envelope: OutgoingEnvelope) -> SendResult:
        """Deliver one envelope; idempotent by envelope id."""
        ...

    def send_many(self, envelopes: Sequence[OutgoingEnvelope]) -> list[SendResult | TransportError]:
        """Deliver several; per envelope, a result or the typed error `send` would raise.

        A failure of the whole exchange (network, authentication) raises instead.
        """
        ...

    def receive(self, limit: int = 100) -> ReceiveBatch:
        """The next envelopes addressed to us, after the last acknowledged batch."""
        ...

    def acknowledge(self, batch: ReceiveBatch) -> None:
        """Mark a batch as safely stored, so the next `receive` continues after it."""
        ...

    def close(self) -> None: ...
