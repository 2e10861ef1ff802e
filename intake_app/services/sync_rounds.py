"""Sync rounds: this laptop's outbox and inbox against the relay or a folder (USB stick).

One home for the GUI's background sync and folder buttons and for `intake sync`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from intake_app.services import agency, profiles
from intake_app.services.session import Session
from intake_app.services.sharing.mailbox import SessionMailbox, open_worker_session
from intake_app.sync.engine import Mailbox, SyncEngine, SyncReport
from intake_app.sync.transport import FolderDropTransport, ReceiveBatch, Transport


@dataclass(frozen=True, slots=True)
class SyncSetup:
    """Zero-argument openers for `SyncWorker`, each run IN the sync thread (own connection)."""

    open_mailbox: Callable[[], Mailbox]
    open_transport: Callable[[], Transport]

    def __repr__(self) -> str:
        return "SyncSetup()"


def sync_setup(s: Session, relay_url: str | None = None) -> SyncSetup | None:
    """Openers for the relay (by default the address in the policy in force), or None when this
    laptop has no agency or no relay address yet."""
    if relay_url is None:
        relay_url = profiles.in_force(s).relay_url
    if agency.get_identity(s) is None or not relay_url:
        return None
    agency.ensure_device_key(s)
    opened: list[Session] = []

    def open_mailbox() -> Mailbox:
        own = open_worker_session(s)
        opened.append(own)
        return SessionMailbox(own, owns_session=True)

    def open_transport() -> Transport:
        return agency.relay_transport(opened[-1], relay_url, timeout=10.0)

    return SyncSetup(open_mailbox, open_transport)


class _ReceiveOnly(SessionMailbox):
    """The mailbox with nothing to send: importing from a folder writes nothing to it."""

    def pending(self, limit: int = 500) -> list[Any]:  # noqa: ARG002 - protocol signature
        return []

    def pending_count(self) -> int:
        return 0

    def prepare_outgoing(self) -> int:
        return 0  # an import writes nothing to send


class _SendOnly(FolderDropTransport):
    """A folder drop that only writes: exporting never reads the stick."""

    def receive(self, limit: int = 100) -> ReceiveBatch:  # noqa: ARG002 - protocol signature
        return ReceiveBatch((), (), more=False, cursor="")


def folder_exchange(s: Session, folder: Path, *, export: bool) -> SyncReport:
    """Export every waiting envelope to `folder`, or import what `folder` holds for us."""
    if export:
        mailbox = SessionMailbox(s)
        return SyncEngine(mailbox).run_once(_SendOnly(folder, mailbox.agency_id))
    inbound = _ReceiveOnly(s)
    return SyncEngine(inbound).run_once(FolderDropTransport(folder, inbound.agency_id))


def relay_round(s: Session, url: str) -> tuple[SyncReport, str]:
    """One round through the relay at `url`: deliver, fetch, apply. Returns the report and the
    transport's name for messages."""
    transport = agency.relay_transport(s, url)
    try:
        return SyncEngine(SessionMailbox(s)).run_once(transport), transport.name
    finally:
        transport.close()


def folder_round(s: Session, folder: Path) -> tuple[SyncReport, str]:
    """One round through a folder or USB stick, both ways."""
    identity = agency.require_identity(s)
    transport = FolderDropTransport(folder, identity.agency_id)
    try:
        return SyncEngine(SessionMailbox(s)).run_once(transport), transport.name
    finally:
        transport.close()
