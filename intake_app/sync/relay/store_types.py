"""The relay store's values and errors (the rules that use them are in store.py)."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from intake_app.errors import IntakeError

ENVELOPE_ID_BYTES = 16
# The key of a revoked entry for a device that never enrolled: no device signs with it.
NO_KEY = bytes(32)


# --- errors --------------------------------------------------------------------------------------
class DeviceRevoked(IntakeError):
    code = "relay_device_revoked"
    template = "Device {device} of agency {agency} has been revoked at the relay."
    plain = "This laptop has been revoked at the relay. Ask your administrator."


class DeviceConflict(IntakeError):
    code = "relay_device_conflict"
    template = "Device {device} of agency {agency} is registered with another key, or revoked."
    plain = "This laptop is registered at the relay with another key, or was revoked."


class TokenUsed(IntakeError):
    code = "relay_enrolment_token_used"
    template = "The enrolment token of device {device} of agency {agency} was already used."
    plain = (
        "This laptop's enrolment was already used by another laptop. Ask your administrator for"
        " a new enrolment bundle."
    )


class UnknownDevice(IntakeError):
    code = "relay_unknown_device"
    template = "Device {device} of agency {agency} is not registered at the relay."
    plain = "This laptop is not registered at the relay. Ask your administrator to enrol it."


class UnknownAgency(IntakeError):
    code = "relay_unknown_agency"
    template = "Agency {agency} is not registered at the relay."
    plain = "This agency is not registered at the relay."


class AgencyConflict(IntakeError):
    code = "relay_agency_conflict"
    template = "Agency {agency} is already registered at the relay with another signing key."
    plain = "This agency is already registered at the relay with another signing key."


class AckBeyondInbox(IntakeError):
    code = "relay_ack_beyond_inbox"
    template = "Acknowledgement of sequence {seq}, which the relay never assigned."
    plain = "The relay was asked to acknowledge items it never delivered."


class BadStoreUrl(IntakeError):
    code = "relay_bad_store_url"
    template = (
        "Unsupported relay store URL scheme {scheme!r}: use sqlite:///path or postgresql://..."
    )
    plain = "The relay's store address is not supported: use sqlite:///path or postgresql://..."


# --- values --------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Caller:
    """An authenticated request: who signed it and the nonce it used."""

    agency_id: str
    device_id: str
    nonce: bytes
    now: int


@dataclass(frozen=True, slots=True)
class EnvelopeMeta:
    """Routing metadata stored next to an opaque envelope body."""

    envelope_id: bytes
    sender: str
    recipient: str
    expires_at: int


@dataclass(frozen=True, slots=True)
class DeviceEntry:
    """What authenticates a device: its key and, if it enrolled by certificate, the expiry."""

    public_key: bytes
    certificate_expires: int | None


class EnrolOutcome(enum.Enum):
    ENROLLED = "enrolled"
    ALREADY_ENROLLED = "already_enrolled"


class PutOutcome(enum.Enum):
    STORED = "stored"
    ALREADY_STORED = "already_stored"
    CONFLICT = "conflict"
    INBOX_FULL = "inbox_full"  # the recipient holds max_pending undelivered envelopes
    SENDER_QUOTA = "sender_quota"  # this sender holds max_per_sender of them in that inbox


@dataclass(frozen=True, slots=True)
class InboxItem:
    seq: int
    envelope_id: bytes
    sender: str
    expires_at: int
    body: bytes


@dataclass(frozen=True, slots=True)
class InboxPage:
    """Up to `limit` envelopes after a cursor, and the device's stored cursor."""

    items: tuple[InboxItem, ...]
    cursor: int
    more: bool
