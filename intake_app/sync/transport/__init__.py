"""Transports move opaque envelope bytes between agencies: the HTTP relay and a folder drop.

A transport never parses an envelope: it carries the body next to routing metadata (envelope id,
sender, recipient, expiry) that the sync engine takes from the envelope it sealed. What arrives
is verified by the engine (signature, recipient, known sender, replay, expiry) before use; the
metadata a transport reports is a routing hint, not a trusted claim.

The engine's loop, the same for both transports::

    transport.send_many(queued)           # or send(one); retry-safe, idempotent by id
    batch = transport.receive(limit=100)  # envelopes + problems (malformed input, reported)
    ...verify and store each envelope, quarantine the bad...
    transport.acknowledge(batch)          # only after the batch is safely stored locally
"""

from __future__ import annotations

from intake_app.sync.transport.base import (
    ENVELOPE_ID_BYTES,
    MAX_ANSWER_BYTES,
    MAX_ENVELOPE_BYTES,
    IncomingEnvelope,
    OutgoingEnvelope,
    ReceiveBatch,
    ReceiveProblem,
    SendResult,
    Transport,
    TransportError,
    TransportRateLimited,
    TransportRejected,
    TransportUnavailable,
)
from intake_app.sync.transport.folder_drop import FILE_SUFFIX, FolderDropTransport
from intake_app.sync.transport.http_relay import HttpRelayTransport

__all__ = [
    "ENVELOPE_ID_BYTES",
    "FILE_SUFFIX",
    "MAX_ANSWER_BYTES",
    "MAX_ENVELOPE_BYTES",
    "FolderDropTransport",
    "HttpRelayTransport",
    "IncomingEnvelope",
    "OutgoingEnvelope",
    "ReceiveBatch",
    "ReceiveProblem",
    "SendResult",
    "Transport",
    "TransportError",
    "TransportRateLimited",
    "TransportRejected",
    "TransportUnavailable",
]
