"""The batch body's framing, shared by the relay (`decode_batch`) and the client (`encode_item`).

Items one after the other: ``id (16) | recipient length (1) | recipient (ASCII) | expires (8,
big-endian) | body length (4) | body``. The sender is the signing agency, not a field.
"""

from __future__ import annotations

import struct

from intake_app.sync.relay.auth import valid_id
from intake_app.sync.relay.store_types import EnvelopeMeta  # not store: the laptop has no sqlite3

ITEM_HEAD = struct.Struct(">16sB")
ITEM_TAIL = struct.Struct(">QI")
ITEM_OVERHEAD = ITEM_HEAD.size + 64 + ITEM_TAIL.size  # with the longest recipient id


def encode_item(envelope_id: bytes, recipient: str, expires_at: int, body: bytes) -> bytes:
    """One batch item."""
    raw_recipient = recipient.encode("ascii")
    return b"".join(
        (
            ITEM_HEAD.pack(envelope_id, len(raw_recipient)),
            raw_recipient,
            ITEM_TAIL.pack(expires_at, len(body)),
            body,
        )
    )


def decode_batch(
    data: bytes, sender: str, max_items: int
) -> list[tuple[EnvelopeMeta, bytes]] | None:
    """The items of a batch body, or None if it is malformed or holds 0 or too many items."""
    items: list[tuple[EnvelopeMeta, bytes]] = []
    pos = 0
    try:
        while pos < len(data):
            if len(items) == max_items:
                return None
            envelope_id, recipient_len = ITEM_HEAD.unpack_from(data, pos)
            pos += ITEM_HEAD.size
            recipient = data[pos : pos + recipient_len].decode("ascii")
            pos += recipient_len
            expires, size = ITEM_TAIL.unpack_from(data, pos)
            pos += ITEM_TAIL.size
            body = data[pos : pos + size]
            pos += size
            if len(body) != size or size == 0 or not valid_id(recipient):
                return None
            items.append((EnvelopeMeta(envelope_id, sender, recipient, expires), body))
    except (struct.error, UnicodeDecodeError):
        return None
    return items or None
