"""The interview protocols a signed profile carries (its optional "protocols" field).

Each enabled protocol travels whole, so a laptop applying the profile installs exactly the
version the administrator signed:

    "protocols": [{"id": "...", "version": "...", "sha256": "<hex>", "document": "<canonical
                   JSON of the protocol, as a string>"}, ...]   (sorted by id)

The signature covers them like every other field. Reading checks each document is a valid
protocol whose id, version and digest are the ones written beside it; whether a laptop may
apply the profile (every enabled protocol present, no other content under an installed
version) is the services' rule (services/protocols.py).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Final

from intake_app import strict_json
from intake_app.domain.protocol import ProtocolError, decode_protocol
from intake_app.sync.keys.document import KeyFormatError, canonical

_KEYS: Final = frozenset({"id", "version", "sha256", "document"})
PROTOCOLS_FIELD: Final = "protocols"


@dataclass(frozen=True, slots=True)
class CarriedProtocol:
    """One protocol version inside a profile: its canonical JSON and that JSON's SHA-256."""

    id: str
    version: str
    sha256: str
    document: bytes = field(repr=False)

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "version": self.version, "sha256": self.sha256,
                "document": self.document.decode("ascii")}


def carried_to_json(carried: tuple[CarriedProtocol, ...]) -> list[dict[str, object]]:
    return [p.to_dict() for p in sorted(carried, key=lambda p: p.id)]


def carried_from_json(raw: object, err: type[KeyFormatError]) -> tuple[CarriedProtocol, ...]:
    """Parse and check the field; `err` is the profile's error (reason "bad_protocols")."""
    def bad(detail: str) -> KeyFormatError:
        return err("bad_protocols", detail)

    if not isinstance(raw, list) or not raw:
        raise bad("its protocols must be a non-empty list")
    out: list[CarriedProtocol] = []
    for item in raw:
        if not isinstance(item, dict) or set(item) != _KEYS or not all(
            isinstance(item[k], str) for k in _KEYS
        ):
            raise bad("a protocol entry is not id, version, sha256 and document")
        text = item["document"]
        if not text.isascii():
            raise bad("a protocol document is not in its canonical form")
        document = text.encode("ascii")
        try:
            protocol, obj = decode_protocol(document, f"profile protocol {item['id']}")
        except ProtocolError:
            raise bad("a protocol it carries is not a valid protocol") from None
        except strict_json.StrictJsonError:  # pragma: no cover - decode_protocol wraps these
            raise bad("a protocol it carries is not valid JSON") from None
        if canonical(obj) != document:
            raise bad("a protocol document is not in its canonical form")
        if hashlib.sha256(document).hexdigest() != item["sha256"]:
            raise bad("a protocol document does not match its digest")
        if (protocol.id, protocol.version) != (item["id"], item["version"]):
            raise bad("a protocol document is not the id and version written beside it")
        out.append(CarriedProtocol(protocol.id, protocol.version, item["sha256"], document))
    ids = [p.id for p in out]
    if ids != sorted(set(ids)):
        raise bad("its protocols are not one per id, sorted by id")
    return tuple(out)
