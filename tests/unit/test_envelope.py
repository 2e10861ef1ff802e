"""The envelope: round trips, committed vectors, and every way a bad one is refused, with why."""

from __future__ import annotations

import dataclasses
import json
import struct
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from hypothesis import given, settings
from hypothesis import strategies as st

from intake_app.sync import envelope as env
from intake_app.sync.envelope import (
    BODY_OFFSET,
    MAGIC,
    MAX_CLOCK_SKEW_SECONDS,
    MAX_ENVELOPE_BYTES,
    MAX_PAYLOAD_BYTES,
    MAX_TTL_SECONDS,
    PREFIX_BYTES,
    SIGNATURE_BYTES,
    EnvelopeRejected,
    Header,
    Kind,
    Reason,
    SealError,
    open_envelope,
    peek_header,
    seal,
)
from intake_app.sync.keys import (
    HPKE_SUITE,
    AgencyIdentity,
    DeviceCertificate,
    PublicCard,
    fingerprint_hex,
    fingerprint_words,
)

NOW = 1_800_000_000
TTL = 3600
VECTORS = Path(__file__).resolve().parent.parent / "vectors" / "envelope_v1.json"
_CONTACT = [{"name": "Test Contact", "role": "tester", "email": "test@example.org"}]

# Keys are made once per module: ML-KEM key generation is the slow part.
SENDER = AgencyIdentity.generate("Sender Shelter", "service_provider", _CONTACT, now=NOW)
RECIPIENT = AgencyIdentity.generate("Recipient Unit", "law_enforcement", _CONTACT, now=NOW)
STRANGER = AgencyIdentity.generate("Stranger", "other", _CONTACT, now=NOW)
PARTNERS: dict[str, PublicCard] = {SENDER.agency_id: SENDER.card}
PAYLOAD: dict[str, Any] = {"case_code": "K7M-4QX", "needs": ["shelter", "legal"], "age": 19}
BASE = seal(SENDER, RECIPIENT.card, Kind.SHARE, PAYLOAD, ttl_seconds=TTL, now=NOW)
SIG_START = len(BASE) - SIGNATURE_BYTES

fuzz = settings(max_examples=2000, deadline=None)


def never_seen(_envelope_id: str) -> bool:
    return False


def open_(
    data: bytes,
    *,
    me: AgencyIdentity = RECIPIENT,
    partners: Mapping[str, PublicCard] = PARTNERS,
    seen: Callable[[str], bool] = never_seen,
    now: float = NOW,
) -> env.Opened:
    return open_envelope(data, me, partners, seen, now)


def reason_of(data: bytes, **kwargs: Any) -> Reason:
    with pytest.raises(EnvelopeRejected) as info:
        open_(data, **kwargs)
    return info.value.reason


def craft(
    plaintext: bytes,
    *,
    header: Header | None = None,
    to: PublicCard = RECIPIENT.card,
    signer: AgencyIdentity = SENDER,
    info: bytes | None = None,
) -> bytes:
    """An envelope built by hand from parts, to reach checks `seal` never lets us fail."""
    header = header or Header(
        envelope_id="ab" * 16,
        sender_id=SENDER.agency_id,
        recipient_id=RECIPIENT.agency_id,
        kind=Kind.UPDATE,
        created=NOW,
        expires=NOW + TTL,
    )
    prefix = MAGIC + bytes((1,)) + header.to_bytes()
    ct = HPKE_SUITE.encrypt(plaintext, to.hpke_public_key, info=prefix if info is None else info)
    signed = prefix + struct.pack(">I", len(ct)) + ct
    return signed + signer.sign_envelope(signed)


# --- round trips ----------------------------------------------------------------------------
@pytest.mark.parametrize("kind", list(Kind))
def test_every_kind_round_trips(kind: Kind) -> None:
    data = seal(SENDER, RECIPIENT.card, kind, PAYLOAD, ttl_seconds=TTL, now=NOW)
    opened = open_(data)
    assert opened.payload == PAYLOAD
    h = opened.header
    assert (h.kind, h.sender_id, h.recipient_id) == (kind, SENDER.agency_id, RECIPIENT.agency_id)
    assert (h.created, h.expires) == (NOW, NOW + TTL)
    # In clear the kind is not said (version 2): only opening tells it.
    assert peek_header(data) == dataclasses.replace(h, kind=None)
    assert len(h.envelope_id) == 32


def test_kind_may_be_given_by_name_and_envelope_ids_are_fresh() -> None:
    a = seal(SENDER, RECIPIENT.card, "referral", {}, ttl_seconds=TTL, now=NOW)
    b = seal(SENDER, RECIPIENT.card, "referral", {}, ttl_seconds=TTL, now=NOW)
    assert open_(a).kind is Kind.REFERRAL
    assert peek_header(a).envelope_id != peek_header(b).envelope_id


def test_unicode_and_nested_payload_round_trips() -> None:
    payload = {"nombre": "José Ñúñez", "nested": {"a": [1, 2.5, None, True, {"b": "文字"}]}}
    assert (
        open_(seal(SENDER, RECIPIENT.card, "update", payload, ttl_seconds=1, now=NOW)).payload
        == payload
    )


def test_an_agency_can_send_to_itself() -> None:
    """Updates between an agency's own laptops are addressed to the agency itself."""
    data = seal(RECIPIENT, RECIPIENT.card, "update", {"x": 1}, ttl_seconds=TTL, now=NOW)
    assert open_(data, partners={RECIPIENT.agency_id: RECIPIENT.card}).payload == {"x": 1}


def test_largest_payload_fits_exactly_and_one_more_byte_is_refused() -> None:
    overhead = len(json.dumps({"p": ""}, separators=(",", ":")))
    payload = {"p": "x" * (MAX_PAYLOAD_BYTES - overhead)}
    data = seal(SENDER, RECIPIENT.card, "share", payload, ttl_seconds=TTL, now=NOW)
    assert len(data) == MAX_ENVELOPE_BYTES
    assert open_(data).payload == payload
    with pytest.raises(SealError) as info:
        seal(SENDER, RECIPIENT.card, "share", {"p": payload["p"] + "x"}, ttl_seconds=TTL, now=NOW)
    assert info.value.reason == "payload_too_large"


# --- committed vectors ----------------------------------------------------------------------
def test_committed_vector_still_opens_and_verifies() -> None:
    v = json.loads(VECTORS.read_text(encoding="utf-8"))
    sender = AgencyIdentity.from_bytes(v["sender_identity"].encode())
    recipient = AgencyIdentity.from_bytes(v["recipient_identity"].encode())
    sender_card = PublicCard.from_json(v["sender_card"].encode())
    recipient_card = PublicCard.from_json(v["recipient_card"].encode())
    # Card and identity formats are pinned too: the identity re-derives the very same card.
    assert sender.card == sender_card
    assert sender.card.to_json().decode() == v["sender_card"]
    assert recipient.card == recipient_card
    data = bytes.fromhex(v["envelope_hex"])

    # The signature verifies with the stored public key alone, over everything before it.
    Ed25519PublicKey.from_public_bytes(bytes.fromhex(v["sender_signing_public_hex"])).verify(
        data[-SIGNATURE_BYTES:], data[:-SIGNATURE_BYTES]
    )
    # HPKE info is magic, version and header: decrypting with the primitive directly pins that.
    raw = HPKE_SUITE.decrypt(
        data[BODY_OFFSET:-SIGNATURE_BYTES], recipient.hpke_private_key, info=data[:PREFIX_BYTES]
    )
    assert json.loads(raw) == v["payload"]

    opened = open_envelope(
        data, recipient, {sender_card.agency_id: sender_card}, never_seen, v["open_at"]
    )
    assert opened.payload == v["payload"]
    h = opened.header
    expected = v["header"]
    assert (h.sender_id, h.recipient_id, opened.kind.value, h.created, h.expires) == (
        expected["sender_id"],
        expected["recipient_id"],
        expected["kind"],
        expected["created"],
        expected["expires"],
    )
    assert peek_header(data) == h

    # Fingerprints (and so the word list's order) are pinned.
    fp = v["fingerprints"]
    assert fingerprint_hex(sender_card) == fp["sender_hex"]
    assert fingerprint_words(sender_card) == fp["sender_words"]
    assert fingerprint_hex(recipient_card) == fp["recipient_hex"]
    assert fingerprint_words(recipient_card) == fp["recipient_words"]

    cert = DeviceCertificate.from_json(v["device_certificate"].encode())
    cert.verify(sender_card, now=v["open_at"])

    # The same bytes, past their expiry, are refused: the fixed `now` above is what opens them.
    late = expected["expires"] + MAX_CLOCK_SKEW_SECONDS + 1
    with pytest.raises(EnvelopeRejected) as info:
        open_envelope(data, recipient, {sender_card.agency_id: sender_card}, never_seen, late)
    assert info.value.reason is Reason.EXPIRED


# --- named refusals -------------------------------------------------------------------------
def test_replayed_is_refused() -> None:
    assert reason_of(BASE, seen=lambda _id: True) is Reason.REPLAYED


def test_seen_is_asked_with_the_envelope_id_only_after_the_signature_checks_out() -> None:
    asked: list[str] = []

    def seen(envelope_id: str) -> bool:
        asked.append(envelope_id)
        return False

    bad = BASE[:-1] + bytes((BASE[-1] ^ 1,))
    assert reason_of(bad, seen=seen) is Reason.BAD_SIGNATURE
    assert asked == []
    open_(BASE, seen=seen)
    assert asked == [peek_header(BASE).envelope_id]


def test_expiry_allows_clock_skew_then_refuses() -> None:
    expires = NOW + TTL
    open_(BASE, now=expires + MAX_CLOCK_SKEW_SECONDS)
    assert reason_of(BASE, now=expires + MAX_CLOCK_SKEW_SECONDS + 1) is Reason.EXPIRED


def test_created_in_the_future_is_refused_beyond_the_skew() -> None:
    open_(BASE, now=NOW - MAX_CLOCK_SKEW_SECONDS)
    assert reason_of(BASE, now=NOW - MAX_CLOCK_SKEW_SECONDS - 1) is Reason.NOT_YET_VALID


def test_misaddressed_is_refused() -> None:
    assert reason_of(BASE, me=STRANGER) is Reason.MISADDRESSED


def test_unknown_sender_is_refused() -> None:
    assert reason_of(BASE, partners={}) is Reason.UNKNOWN_SENDER
    assert reason_of(BASE, partners={STRANGER.agency_id: STRANGER.card}) is Reason.UNKNOWN_SENDER
    # A directory entry filed under the sender's id but holding another agency's card.
    assert reason_of(BASE, partners={SENDER.agency_id: STRANGER.card}) is Reason.UNKNOWN_SENDER


def test_signature_by_another_key_or_none_is_refused() -> None:
    body = BASE[:SIG_START]
    assert reason_of(body + STRANGER.sign_envelope(body)) is Reason.BAD_SIGNATURE
    assert reason_of(body + bytes(SIGNATURE_BYTES)) is Reason.BAD_SIGNATURE
    # An impostor card: the sender's agency id with someone else's keys.
    impostor = dataclasses.replace(STRANGER, agency_id=SENDER.agency_id)
    forged = seal(impostor, RECIPIENT.card, "share", PAYLOAD, ttl_seconds=TTL, now=NOW)
    assert reason_of(forged) is Reason.BAD_SIGNATURE


def test_oversized_is_refused_before_parsing() -> None:
    for data in (bytes(MAX_ENVELOPE_BYTES + 1), BASE + bytes(MAX_ENVELOPE_BYTES)):
        assert reason_of(data) is Reason.OVERSIZED
        with pytest.raises(EnvelopeRejected) as info:
            peek_header(data)
        assert info.value.reason is Reason.OVERSIZED and info.value.header is None


def test_header_changed_and_re_signed_fails_decryption() -> None:
    """HPKE info binds the header: a valid signature over a new header cannot make it decrypt."""
    header = dataclasses.replace(peek_header(BASE), envelope_id="cd" * 16)
    body = MAGIC + bytes((2,)) + header.to_bytes() + BASE[PREFIX_BYTES:SIG_START]
    assert reason_of(body + SENDER.sign_envelope(body)) is Reason.DECRYPT_FAILED


def test_encrypted_to_another_key_fails_decryption() -> None:
    assert reason_of(craft(b"{}", to=STRANGER.card)) is Reason.DECRYPT_FAILED
    assert reason_of(craft(b"{}", info=b"other info")) is Reason.DECRYPT_FAILED


@pytest.mark.parametrize(
    "plaintext",
    [b"[1, 2]", b'"text"', b"null", b"\xff\xfe{}", b"{", b'{"a": NaN}', b"[" * 100_000, b"",
     # A repeated key: one reader could take the first value and another the last.
     b'{"share_ref": "' + b"a" * 32 + b'", "share_ref": "' + b"b" * 32 + b'"}',
     b'{"a": ' + b"[" * 40 + b"]" * 40 + b"}"],
)
def test_payload_must_be_a_json_object(plaintext: bytes) -> None:
    assert reason_of(craft(plaintext)) is Reason.MALFORMED_PAYLOAD


def test_refusals_carry_codes_and_ids_never_payload() -> None:
    canary = "CANARY-Maria-Lopez-555-0199"
    with pytest.raises(EnvelopeRejected) as info:
        open_(craft(f'["{canary}"]'.encode()))
    exc = info.value
    assert exc.reason is Reason.MALFORMED_PAYLOAD and exc.code == "envelope_rejected"
    assert canary not in str(exc) and canary not in repr(exc)
    # Nothing holding the plaintext is chained on (a parser error keeps its whole input).
    assert exc.__context__ is None and exc.__cause__ is None
    assert exc.header is not None and exc.header.envelope_id in str(exc)


@pytest.mark.parametrize(
    ("created", "expires"),
    [
        (NOW, NOW),  # no lifetime
        (NOW + 10, NOW),  # expires before created
        (NOW, NOW + MAX_TTL_SECONDS + 1),  # longer than any sender may ask
        (0, 100),  # a clock at the epoch
        (NOW, 2**64 - 1),  # far beyond any plausible time
    ],
)
def test_impossible_times_are_malformed(created: int, expires: int) -> None:
    header = Header("ab" * 16, SENDER.agency_id, RECIPIENT.agency_id, Kind.SHARE, created, expires)
    with pytest.raises(EnvelopeRejected) as info:
        peek_header(craft(b"{}", header=header))
    assert info.value.reason is Reason.MALFORMED_HEADER


def test_ciphertext_length_below_the_minimum_is_malformed() -> None:
    data = bytearray(BASE)
    data[PREFIX_BYTES:BODY_OFFSET] = struct.pack(">I", 10)
    assert reason_of(bytes(data)) is Reason.MALFORMED_HEADER


def test_unknown_kind_and_version_and_magic() -> None:
    for offset, value, reason in (
        (53, 1, Reason.UNKNOWN_KIND),  # version 2 says no kind in clear
        (53, 7, Reason.UNKNOWN_KIND),
        (4, 1, Reason.UNKNOWN_KIND),  # read as version 1: kind 0 is none
        (4, 3, Reason.BAD_VERSION),
        (0, ord("X"), Reason.BAD_MAGIC),
    ):
        data = bytearray(BASE)
        data[offset] = value
        assert reason_of(bytes(data)) is reason


def test_seal_refuses_bad_input() -> None:
    cases: list[tuple[dict[str, Any], Any, Any, str]] = [
        ({"ttl_seconds": 0}, "share", PAYLOAD, "bad_ttl"),
        ({"ttl_seconds": MAX_TTL_SECONDS + 1}, "share", PAYLOAD, "bad_ttl"),
        ({"ttl_seconds": 1.5}, "share", PAYLOAD, "bad_ttl"),
        ({"ttl_seconds": TTL}, "gossip", PAYLOAD, "unknown_kind"),
        ({"ttl_seconds": TTL}, "share", [1, 2], "payload_not_object"),
        ({"ttl_seconds": TTL}, "share", {"s": {1, 2}}, "payload_not_json"),
        ({"ttl_seconds": TTL}, "share", {"f": float("nan")}, "payload_not_json"),
        ({"ttl_seconds": TTL, "now": 0}, "share", PAYLOAD, "bad_clock"),
    ]
    for kwargs, kind, payload, reason in cases:
        kwargs.setdefault("now", NOW)
        with pytest.raises(SealError) as info:
            seal(SENDER, RECIPIENT.card, kind, payload, **kwargs)
        assert info.value.reason == reason, (kwargs, kind, reason)


def test_non_bytes_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        peek_header(bytearray(BASE))  # type: ignore[arg-type]


# --- generated damage -----------------------------------------------------------------------
def expected_for_offset(offset: int) -> set[Reason]:
    """Which refusals a single changed byte at `offset` of BASE may plausibly cause."""
    if offset < 4:
        return {Reason.BAD_MAGIC}
    if offset == 4:  # 1 is a version too: its header then holds kind 0
        return {Reason.BAD_VERSION, Reason.UNKNOWN_KIND}
    if offset < 21:  # envelope id
        return {Reason.BAD_SIGNATURE}
    if offset < 37:  # sender id: no longer a partner
        return {Reason.UNKNOWN_SENDER}
    if offset < 53:  # recipient id: no longer me
        return {Reason.MISADDRESSED}
    if offset == 53:  # kind: another known kind still breaks the signature
        return {Reason.UNKNOWN_KIND, Reason.BAD_SIGNATURE}
    if offset < PREFIX_BYTES:  # created, expires
        return {Reason.MALFORMED_HEADER, Reason.BAD_SIGNATURE}
    if offset < BODY_OFFSET:  # ciphertext length
        return {Reason.TRUNCATED, Reason.TRAILING_DATA, Reason.MALFORMED_HEADER}
    return {Reason.BAD_SIGNATURE}  # ciphertext or signature


@fuzz
@given(st.integers(0, len(BASE) - 1), st.integers(1, 255))
def test_any_single_byte_change_is_refused_for_a_plausible_reason(offset: int, xor: int) -> None:
    data = bytearray(BASE)
    data[offset] ^= xor
    assert reason_of(bytes(data)) in expected_for_offset(offset)


@fuzz
@given(st.integers(0, len(BASE) - 1))
def test_any_truncation_is_refused_as_truncated(length: int) -> None:
    assert reason_of(BASE[:length]) is Reason.TRUNCATED


@settings(max_examples=500, deadline=None)
@given(st.binary(min_size=1, max_size=200))
def test_appended_bytes_are_refused_as_trailing(extra: bytes) -> None:
    assert reason_of(BASE + extra) is Reason.TRAILING_DATA


@fuzz
@given(st.binary(max_size=4096))
def test_random_garbage_is_refused(data: bytes) -> None:
    with pytest.raises(EnvelopeRejected):
        open_(data)


@fuzz
@given(st.binary(max_size=2 * len(BASE)))
def test_garbage_after_a_valid_start_is_refused(tail: bytes) -> None:
    """Garbage that gets past magic and version reaches the header and framing checks."""
    with pytest.raises(EnvelopeRejected):
        open_(MAGIC + b"\x01" + tail)


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, len(BASE) - 1), st.integers(1, 255)), min_size=1, max_size=8)
)
def test_several_changes_are_never_accepted(changes: list[tuple[int, int]]) -> None:
    data = bytearray(BASE)
    for offset, xor in changes:
        data[offset] ^= xor
    if bytes(data) == BASE:  # two changes at one offset may cancel out
        return
    with pytest.raises(EnvelopeRejected) as info:
        open_(bytes(data))
    # The signature covers every byte, so no change ever reaches decryption.
    assert info.value.reason not in (Reason.DECRYPT_FAILED, Reason.MALFORMED_PAYLOAD)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.text(max_size=20),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=40),
            lambda inner: (
                st.lists(inner, max_size=4)
                | st.dictionaries(st.text(max_size=8), inner, max_size=4)
            ),
            max_leaves=20,
        ),
        max_size=8,
    )
)
def test_any_json_object_round_trips(payload: dict[str, Any]) -> None:
    data = seal(SENDER, RECIPIENT.card, "share", payload, ttl_seconds=TTL, now=NOW)
    assert open_(data).payload == payload


# --- version 2: padding to size buckets, the kind inside ---------------------------------------
@settings(max_examples=200, deadline=None)
@given(st.integers(0, 70_000), st.sampled_from(list(Kind)))
def test_sealed_sizes_are_buckets_and_say_nothing_of_the_kind(length: int, kind: Kind) -> None:
    data = seal(SENDER, RECIPIENT.card, kind, {"p": "x" * length}, ttl_seconds=TTL, now=NOW)
    assert len(data) in env.SIZE_BUCKETS
    assert data[4] == 2 and data[53] == 0  # version 2, no kind in clear
    needed = env.MIN_ENVELOPE_BYTES + env.INNER_BYTES + len('{"p":""}') + length
    assert len(data) == 4096 or needed > len(data) // 2  # the smallest bucket that holds it
    assert open_(data).kind is kind


def test_payloads_of_one_bucket_cannot_be_told_apart_by_length() -> None:
    sizes = {
        len(seal(SENDER, RECIPIENT.card, kind, {"p": "x" * n}, ttl_seconds=TTL, now=NOW))
        for n in (0, 100, 1000, 2500)
        for kind in Kind
    }
    assert sizes == {4096}


def craft_v2(inner: bytes, *, size: int | None = None) -> bytes:
    """A signed version 2 envelope around `inner` (kind, length, JSON, padding) as given."""
    header = Header("ab" * 16, SENDER.agency_id, RECIPIENT.agency_id, None, NOW, NOW + TTL)
    prefix = MAGIC + bytes((2,)) + header.to_bytes()
    if size is not None:
        inner += bytes(size - env.MIN_ENVELOPE_BYTES - len(inner))
    ct = HPKE_SUITE.encrypt(inner, RECIPIENT.card.hpke_public_key, info=prefix)
    signed = prefix + struct.pack(">I", len(ct)) + ct
    return signed + SENDER.sign_envelope(signed)


def test_version_2_inner_framing_is_checked_after_the_signature() -> None:
    good = b"\x01" + struct.pack(">I", 2) + b"{}"
    assert open_(craft_v2(good, size=4096)).payload == {}
    assert reason_of(craft_v2(good, size=5000)) is Reason.MALFORMED_HEADER  # not a bucket
    assert reason_of(craft_v2(b"\x7f" + good[1:], size=4096)) is Reason.UNKNOWN_KIND
    assert reason_of(craft_v2(b"\x01" + struct.pack(">I", 5000) + b"{}", size=4096)) is (
        Reason.MALFORMED_PAYLOAD
    )  # a length beyond the plaintext
    padded = good + b"\x00" * 10 + b"\x01"
    assert reason_of(craft_v2(padded, size=4096)) is Reason.MALFORMED_PAYLOAD  # pad not zero
    assert reason_of(craft_v2(b"\x01\x00", size=4096)) is Reason.MALFORMED_PAYLOAD


def test_committed_version_2_vector_opens_with_the_version_1_keys() -> None:
    v1 = json.loads(VECTORS.read_text(encoding="utf-8"))
    v2 = json.loads(VECTORS.with_name("envelope_v2.json").read_text(encoding="utf-8"))
    recipient = AgencyIdentity.from_bytes(v1["recipient_identity"].encode())
    sender_card = PublicCard.from_json(v1["sender_card"].encode())
    data = bytes.fromhex(v2["envelope_hex"])
    assert len(data) in env.SIZE_BUCKETS and peek_header(data).kind is None
    opened = open_envelope(
        data, recipient, {sender_card.agency_id: sender_card}, never_seen, v2["open_at"]
    )
    assert (opened.kind.value, opened.payload) == (v2["kind"], v2["payload"])
