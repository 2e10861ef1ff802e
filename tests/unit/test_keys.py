"""Agency identity, partner cards, fingerprints, the word list and device certificates."""

from __future__ import annotations

import base64
import dataclasses
import json
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake_app.domain.agency import AgencyKind
from intake_app.sync.keys import (
    MAX_CARD_BYTES,
    AgencyIdentity,
    CardError,
    CertificateError,
    Contact,
    DeviceCertificate,
    DeviceKey,
    IdentityError,
    ProfileError,
    PublicCard,
    fingerprint,
    fingerprint_hex,
    fingerprint_words,
    read_card,
    write_card,
)
from intake_app.sync.wordlist import WORDS

NOW = 1_800_000_000
SAM = Contact(name="Sam Lee", email="sam.lee@example.org")
CONTACTS: list[Contact | Mapping[str, object]] = [
    {"name": "Ana Pérez", "role": "advocate", "phone": "+1 (555) 010-0100 ext. 12"},
    SAM,
]
AGENCY = AgencyIdentity.generate("Casa Segura", AgencyKind.SERVICE_PROVIDER, CONTACTS, now=NOW)
OTHER = AgencyIdentity.generate("Unidad de Trata", "law_enforcement", CONTACTS[:1], now=NOW)
CARD = AGENCY.card
CARD_JSON = CARD.to_json()


def card_doc() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(CARD_JSON)
    return doc


def card_reason(doc: dict[str, Any] | bytes) -> str:
    data = doc if isinstance(doc, bytes) else json.dumps(doc).encode()
    with pytest.raises(CardError) as info:
        PublicCard.from_json(data)
    return info.value.reason


# --- identity and card ----------------------------------------------------------------------
def test_card_round_trips_and_describes_the_agency() -> None:
    parsed = PublicCard.from_json(CARD_JSON)
    assert parsed == CARD
    assert (parsed.name, parsed.kind, parsed.created) == (
        "Casa Segura",
        AgencyKind.SERVICE_PROVIDER,
        NOW,
    )
    assert parsed.contacts[0] == Contact("Ana Pérez", "advocate", "+1 (555) 010-0100 ext. 12")
    assert len(parsed.agency_id) == 32 and parsed.agency_id == AGENCY.agency_id
    assert len(parsed.signing_public) == 32 and len(parsed.x25519_public) == 32
    assert len(parsed.mlkem_public) == 1184


def test_identity_round_trips_to_the_same_keys() -> None:
    restored = AgencyIdentity.from_bytes(AGENCY.to_bytes())
    assert restored.card == CARD  # Ed25519 is deterministic: same keys, same signed card
    assert restored.to_bytes() == AGENCY.to_bytes()


def test_identity_repr_shows_no_private_key() -> None:
    doc = json.loads(AGENCY.to_bytes())
    text = repr(AGENCY)
    for key in ("signing_private_ed25519", "hpke_seed_mlkem768", "hpke_private_x25519"):
        assert doc[key] not in text


@pytest.mark.parametrize(
    "data",
    [b"", b"not json", b"[]", b'{"format": "field-intake/identity", "version": 1}', bytes(20_000)],
)
def test_damaged_identity_is_refused(data: bytes) -> None:
    with pytest.raises(IdentityError):
        AgencyIdentity.from_bytes(data)


def test_card_file_write_and_read(tmp_path: Path) -> None:
    path = tmp_path / "casa-segura.card.json"
    write_card(CARD, path)
    assert read_card(path) == CARD
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_oversized_card_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (MAX_CARD_BYTES * 100))
    with pytest.raises(CardError) as info:
        read_card(path)
    assert info.value.reason == "oversized"


def test_tampered_card_is_refused() -> None:
    for field, value in (
        ("name", "Casa Segura (not really)"),
        ("kind", "law_enforcement"),
        ("created", NOW + 1),
        ("hpke_key_x25519", base64.b64encode(bytes(32)).decode()),
        ("signing_key_ed25519", base64.b64encode(OTHER.card.signing_public).decode()),
        ("contacts", [{"name": "Mallory", "role": "", "phone": "+1 555 0199", "email": ""}]),
    ):
        doc = card_doc()
        doc[field] = value
        assert card_reason(doc) == "bad_signature", field


def test_card_signed_by_another_key_is_refused() -> None:
    forged = dataclasses.replace(CARD, signature=OTHER.sign(CARD.signed_message()))
    assert card_reason(forged.to_json()) == "bad_signature"


def test_card_format_errors_have_clear_reasons() -> None:
    cases: list[tuple[dict[str, Any] | bytes, str]] = []
    doc = card_doc()
    doc["version"] = 2
    cases.append((doc, "wrong_version"))
    doc = card_doc()
    doc["version"] = True
    cases.append((doc, "wrong_version"))
    doc = card_doc()
    doc["format"] = "something-else"
    cases.append((doc, "wrong_format"))
    doc = card_doc()
    doc["hpke_key_mlkem768"] = base64.b64encode(bytes(1183)).decode()
    cases.append((doc, "bad_key_length"))
    doc = card_doc()
    doc["signature"] = base64.b64encode(bytes(63)).decode()
    cases.append((doc, "bad_key_length"))
    doc = card_doc()
    doc["extra"] = 1
    cases.append((doc, "unknown_field"))
    doc = card_doc()
    del doc["name"]
    cases.append((doc, "missing_field"))
    doc = card_doc()
    doc["created"] = float(NOW)
    cases.append((doc, "not_json"))  # floats are refused by the parser itself
    doc = card_doc()
    doc["created"] = str(NOW)
    cases.append((doc, "bad_field"))
    doc = card_doc()
    doc["agency_id"] = doc["agency_id"].upper()
    cases.append((doc, "bad_field"))
    doc = card_doc()
    doc["signing_key_ed25519"] = doc["signing_key_ed25519"].rstrip("=")  # non-canonical base64
    cases.append((doc, "bad_field"))
    doc = card_doc()
    doc["name"] = "Casa \u202eargeS"  # a right-to-left override could fake another name
    cases.append((doc, "bad_field"))
    doc = card_doc()
    doc["contacts"] = []
    cases.append((doc, "bad_field"))
    cases.append((b"[]", "not_json"))
    cases.append((b"\xff\xfe", "not_json"))
    cases.append((CARD_JSON.replace(b'"name": "Casa', b'"name": "X", "name": "Casa'), "not_json"))
    cases.append((b" " * (MAX_CARD_BYTES + 1), "oversized"))
    for case, reason in cases:
        assert card_reason(case) == reason, reason


def test_card_error_message_is_a_sentence_for_a_person() -> None:
    doc = card_doc()
    doc["version"] = 9
    with pytest.raises(CardError) as info:
        PublicCard.from_json(json.dumps(doc).encode())
    assert info.value.code == "card_invalid"
    assert "version 9" in str(info.value) and "version 1" in str(info.value)


@settings(max_examples=600, deadline=None)
@given(st.integers(0, len(CARD_JSON) - 1), st.integers(1, 255))
def test_any_byte_change_to_a_card_is_refused_or_harmless(offset: int, xor: int) -> None:
    data = bytearray(CARD_JSON)
    data[offset] ^= xor
    try:
        parsed = PublicCard.from_json(bytes(data))
    except CardError:
        return
    # Only layout (whitespace) may change and still parse: then it is the very same card.
    assert parsed == CARD


@pytest.mark.parametrize(
    ("name", "kind", "contacts"),
    [
        ("", "other", CONTACTS),
        ("  padded ", "other", CONTACTS),
        ("x" * 121, "other", CONTACTS),
        ("Name", "vigilante", CONTACTS),
        ("Name", "other", []),
        ("Name", "other", [{"name": "No Way To Reach"}]),
        ("Name", "other", [{"name": "Bad Email", "email": "not-an-email"}]),
        ("Name", "other", [{"name": "Bad Phone", "phone": "call me"}]),
        ("Name", "other", [{"name": "Extra", "email": "a@b.org", "fax": "1"}]),
        ("Name\x00", "other", CONTACTS),
        ("Name", "other", [SAM] * 9),
    ],
)
def test_bad_profile_is_refused(name: str, kind: str, contacts: list[Any]) -> None:
    with pytest.raises(ProfileError):
        AgencyIdentity.generate(name, kind, contacts, now=NOW)


# --- fingerprints and words -----------------------------------------------------------------
def test_word_list_is_256_distinct_short_words() -> None:
    assert len(WORDS) == 256 and len(set(WORDS)) == 256
    assert all(w.isascii() and w.isalpha() and w.islower() and 3 <= len(w) <= 6 for w in WORDS)
    assert len({w[:4] for w in WORDS}) == 256
    assert not any(a != b and b.startswith(a) for a in WORDS for b in WORDS)


def test_fingerprint_words_are_stable_and_distinct() -> None:
    words = fingerprint_words(CARD)
    assert len(words) == 8 and all(w in WORDS for w in words)
    assert words == fingerprint_words(PublicCard.from_json(CARD_JSON))
    assert words == [WORDS[b] for b in fingerprint(CARD)[:8]]
    assert words != fingerprint_words(OTHER.card)
    assert fingerprint_hex(CARD) == fingerprint(CARD).hex() and len(fingerprint_hex(CARD)) == 64
    assert fingerprint_hex(CARD) != fingerprint_hex(OTHER.card)


def test_fingerprint_covers_keys_and_id_not_the_profile() -> None:
    renamed = dataclasses.replace(AGENCY, name="Casa Segura Norte", contacts=(SAM,))
    assert fingerprint(renamed.card) == fingerprint(CARD)
    other_id = dataclasses.replace(AGENCY, agency_id="00" * 16)
    assert fingerprint(other_id.card) != fingerprint(CARD)


# --- devices --------------------------------------------------------------------------------
DEVICE = DeviceKey.generate()


def issue(**kwargs: Any) -> DeviceCertificate:
    kwargs.setdefault("now", NOW)
    return DeviceCertificate.issue(AGENCY, DEVICE.device_id, DEVICE.public_bytes, **kwargs)


def cert_reason(cert: DeviceCertificate, card: PublicCard = CARD, now: float = NOW) -> str:
    with pytest.raises(CertificateError) as info:
        cert.verify(card, now=now)
    return info.value.reason


def test_device_key_round_trips() -> None:
    restored = DeviceKey.from_bytes(DEVICE.to_bytes())
    assert (restored.device_id, restored.public_bytes) == (DEVICE.device_id, DEVICE.public_bytes)
    with pytest.raises(IdentityError):
        DeviceKey.from_bytes(b'{"format": "field-intake/device-key"}')


def test_device_certificate_issues_round_trips_and_verifies() -> None:
    cert = issue(ttl_seconds=86_400)
    parsed = DeviceCertificate.from_json(cert.to_json())
    assert parsed == cert
    parsed.verify(CARD, now=NOW + 86_000)
    assert parsed.device_key.public_bytes_raw() == DEVICE.public_bytes
    message = b"relay request"
    parsed.device_key.verify(DEVICE.sign(message), message)
    issue().verify(CARD, now=NOW + 10 * 365 * 86_400)  # no expiry: valid until revoked


def test_device_certificate_refusals() -> None:
    cert = issue(ttl_seconds=3600)
    assert cert_reason(cert, card=OTHER.card) == "wrong_agency"
    assert (
        cert_reason(dataclasses.replace(cert, device_public=OTHER.card.signing_public))
        == "bad_signature"
    )
    assert cert_reason(dataclasses.replace(cert, expires=None)) == "bad_signature"
    impostor = dataclasses.replace(OTHER, agency_id=AGENCY.agency_id)
    forged = DeviceCertificate.issue(impostor, DEVICE.device_id, DEVICE.public_bytes, now=NOW)
    assert cert_reason(forged) == "bad_signature"
    assert cert_reason(cert, now=NOW + 3600 + 301) == "expired"
    assert cert_reason(cert, now=NOW - 301) == "not_yet_valid"


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(version=2),
        lambda d: d.update(expires=d["issued"] - 1),
        lambda d: d.update(device_id="xyz"),
        lambda d: d.update(device_key_ed25519=base64.b64encode(bytes(31)).decode()),
        lambda d: d.pop("signature"),
        lambda d: d.update(issued=True),
    ],
)
def test_device_certificate_parse_is_strict(mutate: Any) -> None:
    doc = json.loads(issue(ttl_seconds=3600).to_json())
    mutate(doc)
    with pytest.raises(CertificateError):
        DeviceCertificate.from_json(json.dumps(doc).encode())


def test_device_certificate_issue_checks_its_input() -> None:
    with pytest.raises(CertificateError):
        DeviceCertificate.issue(AGENCY, "not-hex", DEVICE.public_bytes, now=NOW)
    with pytest.raises(CertificateError):
        DeviceCertificate.issue(AGENCY, DEVICE.device_id, b"short", now=NOW)
    with pytest.raises(CertificateError):
        issue(ttl_seconds=0)
