"""Write tests/vectors/envelope_v1.json: fixed test keys and an envelope that must keep opening,
and envelope_v2.json: a version 2 envelope (padded, kind inside) between the same test agencies.

The keys are derived from fixed labels, so they are the same on every run; HPKE encryption is
randomised, so the envelope bytes are not. That is why the file is committed and the test reads
it instead of regenerating: it proves that today's code still opens what an earlier version
sealed. Do not regenerate it once version 1 has shipped; a new format gets envelope_v2.json.

    python -m tests.vectors.make_vectors [--force]

THE KEYS IN THE OUTPUT ARE PUBLIC TEST KEYS. Never use them for anything else.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import mlkem, x25519
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from intake_app.domain.agency import AgencyKind
from intake_app.sync.envelope import seal
from intake_app.sync.keys import (
    AgencyIdentity,
    Contact,
    DeviceCertificate,
    fingerprint_hex,
    fingerprint_words,
)

OUT = Path(__file__).with_name("envelope_v1.json")
OUT_V2 = Path(__file__).with_name("envelope_v2.json")
CREATED = 1_790_000_000  # 2026-09-21T14:13:20Z: cards and identities
SEALED_AT = 1_790_000_100
OPEN_AT = 1_790_000_200
TTL = 30 * 24 * 3600


def _derive(label: str, size: int) -> bytes:
    """Fixed bytes for a label: SHA-512 of a domain string, cut to size (<= 64)."""
    return hashlib.sha512(b"field-intake test vector v1 " + label.encode()).digest()[:size]


def identity(label: str, name: str, kind: AgencyKind, contact: Contact) -> AgencyIdentity:
    """A test agency whose id and keys follow from `label` alone."""
    return AgencyIdentity(
        agency_id=_derive(f"{label} id", 16).hex(),
        name=name,
        kind=kind,
        contacts=(contact,),
        created=CREATED,
        signing_key=Ed25519PrivateKey.from_private_bytes(_derive(f"{label} ed25519", 32)),
        mlkem_key=mlkem.MLKEM768PrivateKey.from_seed_bytes(_derive(f"{label} mlkem768", 64)),
        x25519_key=x25519.X25519PrivateKey.from_private_bytes(_derive(f"{label} x25519", 32)),
    )


def build() -> dict[str, object]:
    sender = identity(
        "sender",
        "Casa Segura — test vector",
        AgencyKind.SERVICE_PROVIDER,
        Contact(name="Ana Pérez", role="advocate", phone="+1 555 0100"),
    )
    recipient = identity(
        "recipient",
        "Task Force Unit — test vector",
        AgencyKind.LAW_ENFORCEMENT,
        Contact(name="Sam Lee", role="detective", email="sam.lee@example.org"),
    )
    payload = {
        "case_code": "K7M-4QX",
        "referral": {"needs": ["shelter", "legal"], "language": "es", "note": "Prefiere mañana."},
        "consent_id": 42,
    }
    envelope = seal(sender, recipient.card, "referral", payload, ttl_seconds=TTL, now=SEALED_AT)
    device_key = Ed25519PrivateKey.from_private_bytes(_derive("device ed25519", 32))
    device_id = _derive("device id", 16).hex()
    cert = DeviceCertificate.issue(
        sender,
        device_id,
        device_key.public_key().public_bytes_raw(),
        now=CREATED,
        ttl_seconds=365 * 24 * 3600,
    )
    return {
        "warning": "PUBLIC TEST KEYS: never use them for anything but tests.",
        "open_at": OPEN_AT,
        "sender_identity": sender.to_bytes().decode(),
        "recipient_identity": recipient.to_bytes().decode(),
        "sender_card": sender.card.to_json().decode(),
        "recipient_card": recipient.card.to_json().decode(),
        "sender_signing_public_hex": sender.card.signing_public.hex(),
        "fingerprints": {
            "sender_hex": fingerprint_hex(sender.card),
            "sender_words": fingerprint_words(sender.card),
            "recipient_hex": fingerprint_hex(recipient.card),
            "recipient_words": fingerprint_words(recipient.card),
        },
        "envelope_hex": envelope.hex(),
        "header": {
            "sender_id": sender.agency_id,
            "recipient_id": recipient.agency_id,
            "kind": "referral",
            "created": SEALED_AT,
            "expires": SEALED_AT + TTL,
        },
        "payload": payload,
        "device_certificate": cert.to_json().decode(),
    }


def build_v2() -> dict[str, object]:
    """A version 2 envelope; its keys are those of envelope_v1.json (same labels)."""
    v1 = json.loads(OUT.read_text(encoding="utf-8"))
    sender = AgencyIdentity.from_bytes(v1["sender_identity"].encode())
    recipient = AgencyIdentity.from_bytes(v1["recipient_identity"].encode())
    payload = {"case_code": "K7M-4QX", "withdrawn": ["identifying"], "nota": "Retira el consentimiento."}
    envelope = seal(sender, recipient.card, "consent_withdrawal", payload, ttl_seconds=TTL, now=SEALED_AT)
    return {
        "warning": "PUBLIC TEST KEYS (those of envelope_v1.json): tests only.",
        "open_at": OPEN_AT,
        "envelope_hex": envelope.hex(),
        "kind": "consent_withdrawal",
        "payload": payload,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--force", action="store_true", help="overwrite the committed vectors")
    args = parser.parse_args()
    for out, make in ((OUT, build), (OUT_V2, build_v2)):
        if out.exists() and not args.force:
            print(f"{out} exists; committed vectors are not regenerated (see --force)")
            continue
        out.write_text(json.dumps(make(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
