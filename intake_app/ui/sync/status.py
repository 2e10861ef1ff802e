"""What the sync status shows (no Qt, no I/O): the connection state and the counts."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


class Connection(enum.Enum):
    NO_RELAY = "no_relay"  # no relay address in the policy: folder drop only
    NO_AGENCY = "no_agency"  # this laptop has not joined an agency yet
    CONNECTING = "connecting"
    SYNCING = "syncing"
    ONLINE = "online"
    OFFLINE = "offline"
    REFUSED = "refused"  # the relay refused this laptop: a person must act


@dataclass(frozen=True, slots=True)
class SyncStatus:
    connection: Connection = Connection.NO_RELAY
    pending: int = 0
    failed: int = 0
    quarantined: int = 0
    last_delivery: datetime | None = None
    refused_reason: str | None = None
    held_by_partners: int = 0  # delivered, but dated in a partner's future: our clock is ahead
    clock_ahead_seconds: int = 0

    @property
    def needs_attention(self) -> bool:
        return (self.connection is Connection.REFUSED or self.failed > 0 or self.quarantined > 0
                or self.held_by_partners > 0)
