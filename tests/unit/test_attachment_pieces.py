"""How a file travels: split into pieces, one envelope each, joined back to the same bytes, and
every payload under the envelope's limit (the largest piece, with the most consents cited, is
sealed for real)."""

from __future__ import annotations

import base64
import hashlib
import json
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from intake_app.domain.attachments import (
    AttachmentInfo,
    FileKind,
    piece_bytes_for,
    split_pieces,
    whole_matches,
)
from intake_app.domain.consent import Category
from intake_app.services.sharing.attachments_out import (
    MAX_CONSENTS_PER_FILE,
    PIECE_BYTES,
    piece_payloads,
)
from intake_app.sync.envelope import MAX_ENVELOPE_BYTES, MAX_PAYLOAD_BYTES, seal
from intake_app.sync.keys import AgencyIdentity

MB = 1024 * 1024
# The most a share cites per consent: a 60-bit ref and an expiry with its offset.
CONSENTS = [(2**60 - 1 - n, "2099-12-31T23:59:59.999999+00:00") for n in
            range(MAX_CONSENTS_PER_FILE)]


def _info(data: bytes) -> AttachmentInfo:
    return AttachmentInfo(1, 1, "a label naming someone", FileKind.OTHER, Category.IMMIGRATION,
                          len(data), hashlib.sha256(data).hexdigest(), "2026-01-01")


def _payload_bytes(p: dict[str, object]) -> int:
    return len(json.dumps(p, ensure_ascii=False, separators=(",", ":")).encode())


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 4 * MB), st.integers(0, 2**32))
def test_any_file_round_trips_and_every_payload_fits(size: int, seed: int) -> None:
    data = random.Random(seed).randbytes(size)
    info = _info(data)
    payloads = list(piece_payloads("ab" * 16, "cd" * 16, info, data, CONSENTS))
    assert [p["seq"] for p in payloads] == list(range(len(payloads)))
    assert {p["count"] for p in payloads} == {len(payloads)} == {-(-size // PIECE_BYTES)}
    assert all(_payload_bytes(p) <= MAX_PAYLOAD_BYTES for p in payloads)
    assert {p["label"] for p in payloads} == {"document"}  # never what staff called it
    pieces = [base64.b64decode(str(p["data"])) for p in payloads]
    assert b"".join(pieces) == data
    assert whole_matches(pieces, size, info.sha256)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=5000), st.integers(1, 700))
def test_split_and_join_for_any_piece_size(data: bytes, piece: int) -> None:
    pieces = split_pieces(data, piece)
    assert b"".join(pieces) == data
    assert all(0 < len(p) <= piece for p in pieces) or data == b""
    digest = hashlib.sha256(data).hexdigest()
    assert whole_matches(pieces, len(data), digest)
    if pieces and data:
        # A piece missing, doubled, or out of order is not the file.
        assert not whole_matches(pieces[1:], len(data), digest)
        assert not whole_matches([*pieces, pieces[-1]], len(data), digest)
        if len(pieces) > 1 and pieces[0] != pieces[1]:
            assert not whole_matches([pieces[1], pieces[0], *pieces[2:]], len(data), digest)


@given(st.integers(4, 10 * MB), st.integers(0, 4096))
def test_a_piece_in_base64_leaves_the_margin(max_payload: int, margin: int) -> None:
    if max_payload - margin < 4:
        return
    n = piece_bytes_for(max_payload, margin)
    assert n > 0 and len(base64.b64encode(bytes(n))) + margin <= max_payload


def test_the_largest_piece_is_sealed_within_the_envelope_limit() -> None:
    contact = [{"name": "Duty desk", "phone": "+1 555 0100"}]
    sender = AgencyIdentity.generate("A", "service_provider", contact, now=1_800_000_000)
    recipient = AgencyIdentity.generate("B", "law_enforcement", contact, now=1_800_000_000)
    data = bytes(PIECE_BYTES)
    [payload] = piece_payloads("ab" * 16, "cd" * 16, _info(data), data, CONSENTS)
    body = seal(sender, recipient.card, "attachment", payload, ttl_seconds=60, now=1_800_000_000)
    assert len(body) <= MAX_ENVELOPE_BYTES


def test_a_hostile_page_size_is_drawn_small_or_refused_never_huge() -> None:
    """A page 20 pt wide and 14,400 pt tall, scaled to the width alone, asked for 3.4 GB."""
    from intake_app.pdf_preview import MAX_HEIGHT_PX, MAX_WIDTH_PX, first_page

    pdf = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
           b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
           b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 20 14400]>>endobj\n"
           b"trailer<</Root 1 0 R>>\n%%EOF\n")
    page = first_page(pdf)
    assert page.width <= MAX_WIDTH_PX and page.height <= MAX_HEIGHT_PX + 1
