"""The sync envelope: a JSON payload encrypted to one agency and signed by another.

(Over 400 lines on purpose: the byte layout written below, `seal` and the ordered checks of
`open_envelope` are one specification, reviewed together.)

Version 2 (what `seal` writes) hides from the relay what it need not know: the kind travels
inside the ciphertext (the header's kind byte is 0) and the plaintext is padded so that the whole
envelope is one of `SIZE_BUCKETS` (4 KiB, 8 KiB, ... 1 MiB). Version 1 envelopes (kind in the
header, no padding) are still opened. The layout is the same for both; the differences:

- byte 4 (version) is 0x02; byte 53 (kind) is 0x00, any other value is UNKNOWN_KIND;
- the plaintext is ``kind (1) | L (4) | L bytes of JSON | zero bytes``, and the envelope's total
  size is a bucket (else MALFORMED_HEADER); a kind code outside `Kind` is UNKNOWN_KIND, a length
  beyond the plaintext or a non-zero pad byte is MALFORMED_PAYLOAD (all after the signature).

In clear, a relay or anyone holding a version 2 file sees the envelope id, sender, recipient,
created and expiry times, and the size bucket; not the kind, not the payload's length.

Byte layout, version 1 (all integers unsigned big-endian; every field fixed width except the
ciphertext, whose length is stated before it):

    offset  size  field
    0       4     magic: b"FIEV" (46 49 45 56)
    4       1     version: 0x01
    ----- header (65 bytes) ---------------------------------------------------------------
    5       16    envelope id: 16 random bytes, unique per envelope (the replay and dedup key)
    21      16    sender agency id
    37      16    recipient agency id
    53      1     kind: 1 share, 2 referral, 3 referral_response, 4 update,
                        5 consent_withdrawal, 6 acknowledgement, 7 key_rotation,
                        8 card_update, 9 delivery_notice, 10 replication,
                        11 attachment, 12 expiry_notice, 13 aggregate_report
    54      8     created: seconds since the Unix epoch, UTC
    62      8     expires: seconds since the Unix epoch, UTC; created < expires,
                  expires - created <= MAX_TTL_SECONDS
    ----- body ----------------------------------------------------------------------------
    70      4     N: ciphertext length, MIN_CIPHERTEXT_BYTES <= N
    74      N     HPKE ciphertext (RFC 9180 base mode, single shot): the 1120-byte encapsulated
                  key, then AES-256-GCM of the payload with its 16-byte tag. Suite: KEM
                  ML-KEM-768 + X25519, KDF HKDF-SHA256, AEAD AES-256-GCM. HPKE `info` is
                  bytes 0..70 (magic, version and the whole header), so a header changed in
                  transit, or lifted onto another ciphertext, fails decryption.
    74+N    64    Ed25519 signature by the sender card's sender key (its signing key on cards
                  made before the split) over bytes 0..74+N (magic,
                  version, header, length and ciphertext).

The whole envelope is at most MAX_ENVELOPE_BYTES. The payload is a UTF-8 JSON object, compact,
read by `intake_app.strict_json` like every signed document: NaN, Infinity, a repeated key or
nesting deeper than its limit make it MALFORMED_PAYLOAD. It is only read after the sender's
signature checked out.

`open_envelope` checks, in this order, and nothing is decrypted before the last check passes:
size, magic, version, framing and header (lengths, known kind, plausible times, no trailing
bytes), recipient is me, sender is a known partner, signature, not expired and not from the
future (with MAX_CLOCK_SKEW_SECONDS allowance), not seen before. Then it decrypts and parses the
payload. Each refusal raises EnvelopeRejected with a stable `Reason`; messages carry codes and
ids only, never payload content.

Binding and its purpose: the signature authenticates the sender to the recipient (and to a relay
or outbox that holds the sender's card); HPKE `info` binds the header to the ciphertext, so a
third party cannot re-sign someone else's ciphertext under its own name and have it decrypt.

Trust: `known_senders` holds confirmed partners only (fingerprint checked out of band); the
partner directory builds it. In clear, a relay or anyone holding a version 1 file sees the header
(ids, kind, times) and the ciphertext length; version 1 payloads are not padded.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import os
import struct
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hpke

from intake_app import strict_json
from intake_app.errors import IntakeError
from intake_app.sync.keys import HPKE_SUITE, AgencyIdentity, PublicCard

MAGIC = b"FIEV"
VERSION = 2  # what `seal` writes
VERSIONS = (1, 2)  # what `open_envelope` reads
HEADER_BYTES = 65
PREFIX_BYTES = len(MAGIC) + 1 + HEADER_BYTES  # 70: magic, version, header = the HPKE info
LENGTH_BYTES = 4
BODY_OFFSET = PREFIX_BYTES + LENGTH_BYTES  # 74
SIGNATURE_BYTES = 64
ENC_BYTES = 1120  # ML-KEM-768 ciphertext (1088) + X25519 share (32)
TAG_BYTES = 16
MIN_CIPHERTEXT_BYTES = ENC_BYTES + TAG_BYTES
MIN_ENVELOPE_BYTES = BODY_OFFSET + MIN_CIPHERTEXT_BYTES + SIGNATURE_BYTES
MAX_ENVELOPE_BYTES = 1024 * 1024
SIZE_BUCKETS = tuple(4096 << n for n in range(9))  # 4 KiB ... 1 MiB
INNER_BYTES = 5  # version 2: kind (1) and JSON length (4) before the JSON
MAX_PAYLOAD_BYTES = MAX_ENVELOPE_BYTES - MIN_ENVELOPE_BYTES - INNER_BYTES
MAX_TTL_SECONDS = 366 * 24 * 3600
DEFAULT_TTL_SECONDS = 30 * 24 * 3600
MAX_CLOCK_SKEW_SECONDS = 300
# A created time outside this window is a broken clock or a forged field.
MIN_TIME = 1_704_067_200  # 2024-01-01T00:00:00Z
MAX_TIME = 4_102_444_800  # 2100-01-01T00:00:00Z

_HEADER = struct.Struct(">16s16s16sBQQ")
_LENGTH = struct.Struct(">I")
assert _HEADER.size == HEADER_BYTES


class Kind(enum.StrEnum):
    """What an envelope carries; the wire code is `KIND_CODES[kind]`."""

    SHARE = "share"
    REFERRAL = "referral"
    REFERRAL_RESPONSE = "referral_response"
    UPDATE = "update"
    CONSENT_WITHDRAWAL = "consent_withdrawal"
    ACKNOWLEDGEMENT = "acknowledgement"
    # An administrator rotated the agency's keys: the new keys for each remaining laptop, each
    # sealed to that laptop's own device key (services/agency_rotation.py). Own agency only.
    KEY_ROTATION = "key_rotation"
    # A partner's new card, signed by the signing key its old card named.
    CARD_UPDATE = "card_update"
    DELIVERY_NOTICE = "delivery_notice"  # "your envelope waits: it is dated in my future"
    # A batch of changes to the agency's own cases, for its other laptops (services/replication.py).
    REPLICATION = "replication"
    # One piece of a file sent with a share (services/sharing/attachments_out.py).
    ATTACHMENT = "attachment"
    # "These shares of yours ended here with their consent" (services/sharing/expiry_notices.py).
    EXPIRY_NOTICE = "expiry_notice"
    # A partner's suppressed report counts for a period, for a task-force coordinator: table
    # keys, counts and "<5" markers only, no case-level data (services/aggregates.py).
    AGGREGATE_REPORT = "aggregate_report"


KIND_CODES: dict[Kind, int] = {
    Kind.SHARE: 1,
    Kind.REFERRAL: 2,
    Kind.REFERRAL_RESPONSE: 3,
    Kind.UPDATE: 4,
    Kind.CONSENT_WITHDRAWAL: 5,
    Kind.ACKNOWLEDGEMENT: 6,
    Kind.KEY_ROTATION: 7,
    Kind.CARD_UPDATE: 8,
    Kind.DELIVERY_NOTICE: 9,
    Kind.REPLICATION: 10,
    Kind.ATTACHMENT: 11,
    Kind.EXPIRY_NOTICE: 12,
    Kind.AGGREGATE_REPORT: 13,
}
_KINDS_BY_CODE = {code: kind for kind, code in KIND_CODES.items()}


class Reason(enum.StrEnum):
    """Why an envelope was refused. Stable codes: stored with quarantined envelopes."""

    OVERSIZED = "oversized"  # larger than MAX_ENVELOPE_BYTES (checked before parsing)
    TRUNCATED = "truncated"  # ends before the layout says it should
    BAD_MAGIC = "bad_magic"  # not an envelope at all
    BAD_VERSION = "bad_version"  # an envelope version this app does not read
    MALFORMED_HEADER = "malformed_header"  # impossible times or ciphertext length
    UNKNOWN_KIND = "unknown_kind"  # kind byte outside the Kind enum
    TRAILING_DATA = "trailing_data"  # bytes after the signature
    MISADDRESSED = "misaddressed"  # recipient is not this agency
    UNKNOWN_SENDER = "unknown_sender"  # sender is not a confirmed partner
    BAD_SIGNATURE = "bad_signature"  # not signed by the sender's key, or altered since
    EXPIRED = "expired"  # past its expiry (beyond the clock-skew allowance)
    NOT_YET_VALID = "not_yet_valid"  # created in the future (beyond the allowance)
    REPLAYED = "replayed"  # this envelope id was accepted before
    DECRYPT_FAILED = "decrypt_failed"  # signed by the sender but HPKE refuses it
    MALFORMED_PAYLOAD = "malformed_payload"  # decrypted, but not a JSON object within limits
    # Sealed to a key this agency retired (a rotation after a lost laptop) and made after it
    # was retired: whoever sealed it used the old card, which the lost laptop can read.
    RETIRED_KEY = "sealed_to_retired_key"


class EnvelopeRejected(IntakeError):
    """An inbound envelope refused before (or instead of) use. Carries a reason and ids only."""

    code = "envelope_rejected"
    template = "Envelope {envelope_id} was refused: {reason}."
    plain = (
        "A received item was refused: it is damaged, was changed on the way, or is not meant for "
        "this agency. Nothing was applied."
    )

    def __init__(self, reason: Reason, header: Header | None = None) -> None:
        self.reason = reason
        self.header = header
        super().__init__(
            reason=reason.value, envelope_id=header.envelope_id if header else "(unparsed)"
        )


class SealError(IntakeError):
    """An outbound envelope that cannot be built (bad payload, lifetime or clock)."""

    code = "envelope_not_sealed"
    template = "The envelope could not be sealed: {reason}."
    plain = "The share could not be sealed for the partner. Nothing was sent."

    @property
    def reason(self) -> str:
        return str(self.ids["reason"])


@dataclass(frozen=True, slots=True)
class Header:
    """The clear-text routing header: ids are 32 lowercase hex characters, times in seconds."""

    envelope_id: str
    sender_id: str
    recipient_id: str
    kind: Kind | None  # None: a version 2 header, the kind is inside (known once opened)
    created: int
    expires: int

    def to_bytes(self) -> bytes:
        return _HEADER.pack(
            bytes.fromhex(self.envelope_id),
            bytes.fromhex(self.sender_id),
            bytes.fromhex(self.recipient_id),
            0 if self.kind is None else KIND_CODES[self.kind],
            self.created,
            self.expires,
        )


@dataclass(frozen=True, slots=True)
class Opened:
    """A verified, decrypted envelope; `header.kind` is known (read from inside for version 2)."""

    header: Header
    payload: dict[str, Any]

    @property
    def kind(self) -> Kind:
        assert self.header.kind is not None
        return self.header.kind


def _reject(reason: Reason, header: Header | None = None) -> NoReturn:
    raise EnvelopeRejected(reason, header)


# --- seal ------------------------------------------------------------------------------------
def seal(
    sender: AgencyIdentity,
    recipient: PublicCard,
    kind: Kind | str,
    payload: Mapping[str, Any],
    *,
    ttl_seconds: int,
    now: float,
) -> bytes:
    """Encrypt `payload` to `recipient`, sign as `sender`; returns the envelope bytes."""
    try:
        kind = Kind(kind)
    except ValueError:
        raise SealError(reason="unknown_kind") from None
    if type(ttl_seconds) is not int or not 0 < ttl_seconds <= MAX_TTL_SECONDS:
        raise SealError(reason="bad_ttl")
    created = int(now)
    if not MIN_TIME <= created <= MAX_TIME:
        raise SealError(reason="bad_clock")
    if not isinstance(payload, Mapping):
        raise SealError(reason="payload_not_object")
    try:
        plaintext = json.dumps(
            payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False
        ).encode("utf-8")
    except (TypeError, ValueError, RecursionError):
        plaintext = None
    if plaintext is None:
        raise SealError(reason="payload_not_json")
    if len(plaintext) > MAX_PAYLOAD_BYTES:
        raise SealError(reason="payload_too_large")
    header = Header(
        envelope_id=os.urandom(16).hex(),
        sender_id=sender.agency_id,
        recipient_id=recipient.agency_id,
        kind=None,
        created=created,
        expires=created + ttl_seconds,
    )
    inner = bytes((KIND_CODES[kind],)) + _LENGTH.pack(len(plaintext)) + plaintext
    size = MIN_ENVELOPE_BYTES + len(inner)
    inner += bytes(next(b for b in SIZE_BUCKETS if b >= size) - size)
    prefix = MAGIC + bytes((VERSION,)) + header.to_bytes()
    ciphertext = HPKE_SUITE.encrypt(inner, recipient.hpke_public_key, info=prefix)
    signed = prefix + _LENGTH.pack(len(ciphertext)) + ciphertext
    return signed + sender.sign_envelope(signed)


# --- open ------------------------------------------------------------------------------------
def _parse(data: bytes) -> tuple[Header, int]:
    """Structural checks and header parse; returns the header and the ciphertext length."""
    if not isinstance(data, bytes):
        raise TypeError("an envelope is bytes")
    size = len(data)
    if size > MAX_ENVELOPE_BYTES:
        _reject(Reason.OVERSIZED)
    if data[: len(MAGIC)] != MAGIC[:size]:
        _reject(Reason.BAD_MAGIC)
    if size <= len(MAGIC):
        _reject(Reason.TRUNCATED)
    version = data[len(MAGIC)]
    if version not in VERSIONS:
        _reject(Reason.BAD_VERSION)
    if size < BODY_OFFSET:
        _reject(Reason.TRUNCATED)
    raw_id, raw_sender, raw_recipient, kind_code, created, expires = _HEADER.unpack_from(data, 5)
    kind = _KINDS_BY_CODE.get(kind_code) if version == 1 else None
    if (version == 1 and kind is None) or (version == 2 and kind_code != 0):
        _reject(Reason.UNKNOWN_KIND)
    header = Header(
        envelope_id=raw_id.hex(),
        sender_id=raw_sender.hex(),
        recipient_id=raw_recipient.hex(),
        kind=kind,
        created=created,
        expires=expires,
    )
    if not (MIN_TIME <= created < expires <= MAX_TIME and expires - created <= MAX_TTL_SECONDS):
        _reject(Reason.MALFORMED_HEADER, header)
    (ct_len,) = _LENGTH.unpack_from(data, PREFIX_BYTES)
    if ct_len < MIN_CIPHERTEXT_BYTES:
        _reject(Reason.MALFORMED_HEADER, header)
    end = BODY_OFFSET + ct_len + SIGNATURE_BYTES
    if size < end:
        _reject(Reason.TRUNCATED, header)
    if size > end:
        _reject(Reason.TRAILING_DATA, header)
    if version == 2 and size not in SIZE_BUCKETS:
        _reject(Reason.MALFORMED_HEADER, header)  # padded to a bucket, or not from `seal`
    return header, ct_len


def peek_header(data: bytes) -> Header:
    """Parse and check the clear-text header without keys or decryption (relay, outbox)."""
    return _parse(data)[0]


def open_envelope(
    data: bytes,
    me: AgencyIdentity,
    known_senders: Mapping[str, PublicCard],
    seen: Callable[[str], bool],
    now: float,
    *,
    skew_seconds: int = MAX_CLOCK_SKEW_SECONDS,
    retired: Sequence[tuple[hpke.MLKEM768X25519PrivateKey, int]] = (),
) -> Opened:
    """Verify, then decrypt an inbound envelope; raises EnvelopeRejected with a reason.

    `known_senders` maps agency id to card and must hold only partners whose fingerprint was
    confirmed out of band: an envelope signed by any card in it is trusted as that agency.
    `seen(envelope_id)` says whether this id was already accepted; it is asked only after the
    signature checks out. Recording the id is the caller's job, in the same transaction that
    stores the result, so a crash between the two cannot lose or double-apply an envelope.
    Ids may be forgotten once `expires + skew_seconds` has passed: expiry refuses those anyway.

    `retired` holds keys the agency rotated away from, each with the time it was retired: an
    envelope sealed to one still opens if it was created before that time (it was on its way),
    and is refused as RETIRED_KEY if created after, except the rotation's own notice (kind
    KEY_ROTATION), which is sealed to the old key on purpose.
    """
    header, ct_len = _parse(data)
    if header.recipient_id != me.agency_id:
        _reject(Reason.MISADDRESSED, header)
    card = known_senders.get(header.sender_id)
    if card is None or card.agency_id != header.sender_id:
        _reject(Reason.UNKNOWN_SENDER, header)
    signed_end = BODY_OFFSET + ct_len
    try:
        card.sender_key.verify(data[signed_end:], data[:signed_end])
    except InvalidSignature:
        _reject(Reason.BAD_SIGNATURE, header)
    if now > header.expires + skew_seconds:
        _reject(Reason.EXPIRED, header)
    if header.created > now + skew_seconds:
        _reject(Reason.NOT_YET_VALID, header)
    if seen(header.envelope_id):
        _reject(Reason.REPLAYED, header)
    plaintext: bytes | None = None
    retired_at: int | None = None
    for key, when in ((me.hpke_private_key, None), *retired):
        try:
            plaintext = HPKE_SUITE.decrypt(
                data[BODY_OFFSET:signed_end], key, info=data[:PREFIX_BYTES]
            )
        except Exception:  # noqa: BLE001, S112  # any HPKE failure is the same refusal
            continue
        retired_at = when
        break
    if plaintext is None:
        _reject(Reason.DECRYPT_FAILED, header)
    if header.kind is None:
        kind, plaintext = _unpad(plaintext, header)
        header = dataclasses.replace(header, kind=kind)
    if retired_at is not None and header.created >= retired_at and (
        header.kind is not Kind.KEY_ROTATION
    ):
        _reject(Reason.RETIRED_KEY, header)
    payload = _load_payload(plaintext)
    if payload is None:
        _reject(Reason.MALFORMED_PAYLOAD, header)
    return Opened(header=header, payload=payload)


def _unpad(inner: bytes, header: Header) -> tuple[Kind, bytes]:
    """Version 2 plaintext: the kind and the JSON, after checking the padding is all zeros."""
    if len(inner) < INNER_BYTES:
        _reject(Reason.MALFORMED_PAYLOAD, header)
    kind = _KINDS_BY_CODE.get(inner[0])
    if kind is None:
        _reject(Reason.UNKNOWN_KIND, header)
    (length,) = _LENGTH.unpack_from(inner, 1)
    end = INNER_BYTES + length
    if end > len(inner) or inner[end:].count(0) != len(inner) - end:
        _reject(Reason.MALFORMED_PAYLOAD, header)
    return kind, inner[INNER_BYTES:end]


# --- payload ---------------------------------------------------------------------------------
def _load_payload(plaintext: bytes) -> dict[str, Any] | None:
    """The payload as a dict, or None when `strict_json` refuses it."""
    try:
        return strict_json.loads(plaintext, max_bytes=MAX_ENVELOPE_BYTES)
    except strict_json.StrictJsonError:  # it carries a reason code only, never the plaintext
        return None
