"""The signed-document format every key file shares: version, ids, times, canonical JSON,
canonical base64, and strict field readers that raise the caller's typed error.

Every signature is over ``LABEL || canonical JSON of the body`` (sorted keys, no spaces, ASCII
escapes; the bodies hold only strings, integers, lists and objects, so this form is unique).
Ids (agency, device) are 16 random bytes written as 32 lowercase hex characters. Times are whole
seconds since the Unix epoch, UTC. `admin/` builds its profiles and bundles on the same helpers.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
import time
from collections.abc import Callable, Mapping

from intake_app import strict_json
from intake_app.errors import IntakeError

FORMAT_VERSION = 1
ID_BYTES = 16
ED25519_PUBLIC_BYTES = 32
ED25519_PRIVATE_BYTES = 32
ED25519_SIGNATURE_BYTES = 64
X25519_BYTES = 32
MLKEM768_PUBLIC_BYTES = 1184
MLKEM768_SEED_BYTES = 64
# Times outside this window are a broken clock or a forged field, not a real card or certificate.
MIN_TIME = 1_704_067_200  # 2024-01-01T00:00:00Z
MAX_TIME = 4_102_444_800  # 2100-01-01T00:00:00Z

HEX_ID_RE = re.compile(r"^[0-9a-f]{32}$")


class KeyFormatError(IntakeError):
    """Base of every key-file error: a stable `reason` code plus an English `detail`."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(reason=reason, detail=detail)

    @property
    def reason(self) -> str:
        return str(self.ids["reason"])


ErrorFactory = Callable[[str, str], KeyFormatError]


def new_id() -> str:
    """A fresh random 16-byte id as 32 lowercase hex characters."""
    return os.urandom(ID_BYTES).hex()


def now_seconds(now: float | None) -> int:
    return int(time.time() if now is None else now)


def canonical(body: Mapping[str, object]) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def load_object(data: bytes, max_bytes: int, what: str, err: ErrorFactory) -> dict[str, object]:
    """The JSON object in `data`, read by `strict_json` (no floats); raises `err`."""
    try:
        return strict_json.loads(data, max_bytes=max_bytes, floats=False)
    except strict_json.StrictJsonError as exc:
        reason = exc.reason
    if reason == "not_bytes":
        raise err("not_bytes", f"the {what} must be bytes")
    if reason == "oversized":
        raise err("oversized", f"the {what} is larger than {max_bytes} bytes")
    if reason == "not_object":
        raise err("not_json", f"the {what} is not a JSON object")
    raise err("not_json", f"the {what} is not valid JSON")


def expect_fields(
    obj: Mapping[str, object], required: set[str], optional: set[str], what: str, err: ErrorFactory
) -> None:
    missing = required - obj.keys()
    if missing:
        raise err("missing_field", f"the {what} lacks the field {sorted(missing)[0]!r}")
    unknown = obj.keys() - required - optional
    if unknown:
        raise err("unknown_field", f"the {what} has an unknown field {sorted(unknown)[0]!r}")


def check_header(obj: Mapping[str, object], fmt: str, what: str, err: ErrorFactory) -> None:
    if obj.get("format") != fmt:
        raise err("wrong_format", f"this file is not a {what}")
    version = obj.get("version")
    if type(version) is not int or version != FORMAT_VERSION:
        raise err(
            "wrong_version",
            f"the {what} has version {version!r}; this app reads version {FORMAT_VERSION}",
        )


def get_str(obj: Mapping[str, object], key: str, what: str, err: ErrorFactory) -> str:
    value = obj[key]
    if not isinstance(value, str):
        raise err("bad_field", f"the {what} field {key!r} must be text")
    return value


def get_int(obj: Mapping[str, object], key: str, what: str, err: ErrorFactory) -> int:
    value = obj[key]
    if type(value) is not int:
        raise err("bad_field", f"the {what} field {key!r} must be a whole number")
    return value


def get_time(obj: Mapping[str, object], key: str, what: str, err: ErrorFactory) -> int:
    value = get_int(obj, key, what, err)
    if not MIN_TIME <= value <= MAX_TIME:
        raise err("bad_field", f"the {what} field {key!r} is not a plausible time")
    return value


def get_id(obj: Mapping[str, object], key: str, what: str, err: ErrorFactory) -> str:
    value = get_str(obj, key, what, err)
    if not HEX_ID_RE.match(value):
        raise err("bad_field", f"the {what} field {key!r} must be 32 lowercase hex characters")
    return value


def get_bytes(
    obj: Mapping[str, object], key: str, length: int, what: str, err: ErrorFactory
) -> bytes:
    text = get_str(obj, key, what, err)
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raw = None
    # Only the canonical encoding is accepted, so one key has exactly one spelling.
    if raw is None or b64(raw) != text:
        raise err("bad_field", f"the {what} field {key!r} is not canonical base64")
    if len(raw) != length:
        raise err(
            "bad_key_length",
            f"the {what} field {key!r} holds {len(raw)} bytes; it must hold {length}",
        )
    return raw
