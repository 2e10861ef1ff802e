"""The key vault: the small key file that turns a passphrase or recovery code into the data key.

(Over 400 lines on purpose: the file format and the slot operations share invariants that
must be read together when this is reviewed: a slot's binding tag, the generation it is sealed
for, write-then-adopt. The Argon2id cost (kdf.py) and recovery codes (recovery_code.py) stand
alone beside it.)

Layout (format version 1, JSON). The file holds only public or wrapped material:

- ``file_salt``: keys the HMAC that turns a user name into a slot id, so names never appear.
- per slot: Argon2id parameters + salt, the slot's X25519 public key (clear), its private key
  AES-256-GCM-wrapped under the Argon2id KEK (AAD = format version + slot id), the data key
  HPKE-sealed to the public key (info = label + slot id + generation), and a binding tag.
- ``generation`` / ``pending_generation``: the data-key generation, and a pending one during a
  rekey, sealed to every slot next to the current one.
- ``failures``: count and timestamps of failed unlocks since the last success, and the
  never-reset total (no names).

Why public-key slots: rotating the data key (rekey) needs only the public keys, so an admin can
rotate without knowing anyone's passphrase, and the recovery slot follows automatically.

Why binding tags: each slot carries ``HMAC(HKDF(data_key), version|generation|kind|id|public)``.
Whoever holds the data key checks every tag before sealing a new key to the public keys; without
it, someone able to write the key file could swap in their own public key and receive the next
data key at the next rekey (which is exactly when a compromise is being cleaned up).

Limits, by design: slot ids hide names from a casual reader of the file, not from an attacker
who has the file and guesses names (the salt is in the file). Throttling is an at-the-keyboard
control recorded in the file; against someone who copies the file, Argon2id cost is the defence.
A ``KeyVault`` is not thread-safe and does not re-read the file: the app holds one instance on
one thread, and that instance's state is what it writes.

"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import hashlib
import hmac
import json
import math
import re
import secrets
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from intake_app.domain.passphrase import MIN_LENGTH, weakness
from intake_app.errors import (
    AlreadyInitialised,
    IntakeError,
    InvalidInput,
    KeyFileCorrupt,
    KeyFileMissing,
    LastUser,
    UnknownUser,
    UnlockThrottled,
    UserExists,
    WeakPassphrase,
    WrongPassphrase,
    WrongRecoveryCode,
)
from intake_app.paths import atomic_write
from intake_app.storage.kdf import (
    MAX_LANES,
    MAX_MEMORY_KIB,
    MAX_TIME_COST,
    KdfParams,
    derive_kek,
)
from intake_app.storage.recovery_code import new_recovery_code, normalise_recovery_code

__all__ = [
    "MIN_PASSPHRASE_LENGTH",
    "DataKeyMismatch",
    "DataKeys",
    "KeyVault",
    "NoRekeyInProgress",
    "RekeyInProgress",
    "normalise_username",
    "throttle_delay",
]

FORMAT: Final = "field-intake-keys"
VERSION: Final = 1
MIN_PASSPHRASE_LENGTH: Final = MIN_LENGTH
DATA_KEY_BYTES: Final = 32

_FILE_SALT_BYTES: Final = 32
_KDF_SALT_BYTES: Final = 16
_NONCE_BYTES: Final = 12
_GCM_TAG_BYTES: Final = 16
_X25519_BYTES: Final = 32
_WRAPPED_PRIVATE_BYTES: Final = _NONCE_BYTES + _X25519_BYTES + _GCM_TAG_BYTES  # 60
_SEALED_KEY_BYTES: Final = _X25519_BYTES + DATA_KEY_BYTES + _GCM_TAG_BYTES  # 80: enc || ct
_TAG_BYTES: Final = 32
_MAX_FILE_BYTES: Final = 1 << 20
_MAX_FAILURE_TIMES: Final = 100  # keeps the file small; `count` stays exact beyond this

# Lockout as CJIS asks (5.6.2.1.1): after five consecutive failures, no attempt for ten minutes
# (policy may ask more); every further failure starts the wait again. Attempts queue on the data
# folder's lock (services/session.py), so parallel guesses are each counted.
LOCKOUT_AFTER: Final = 5
DEFAULT_LOCKOUT_SECONDS: Final = 600
MAX_LOCKOUT_SECONDS: Final = 24 * 3600
# Failure times are POSIX seconds; anything outside this range is a crafted file.
_MAX_TIMESTAMP: Final = float(2**40)

_SUITE: Final = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)

_SLOT_ID_RE: Final = re.compile(r"[0-9a-f]{64}")

SlotKind = Literal["user", "recovery"]


# --- errors this module adds (errors.py is shared; these subclass IntakeError) -------------------
class DataKeyMismatch(IntakeError):
    """The data key handed to an admin operation is not this vault's current key."""

    code = "data_key_mismatch"
    template = "The key given does not belong to this key file."


class RekeyInProgress(IntakeError):
    """A rekey is pending: finish or abort it before this operation."""

    code = "rekey_in_progress"
    template = "A key rotation is in progress; finish or abort it first."


class NoRekeyInProgress(IntakeError):
    """finish_rekey/abort_rekey was called with nothing pending."""

    code = "no_rekey_in_progress"
    template = "There is no key rotation in progress."


# --- value types ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class DataKeys:
    """What an unlock yields: the current data key, a pending one mid-rekey, and failure history.

    The database opener tries `current` first and `pending` if current does not open the
    database (a crash between PRAGMA rekey and finish_rekey). `failed_attempts` are the times of
    failed unlocks since the previous success, for the audit log inside the encrypted database;
    the vault has already cleared them from the key file.
    """

    current: bytes = field(repr=False)
    pending: bytes | None = field(repr=False)
    generation: int
    pending_generation: int | None
    failed_attempts: tuple[float, ...] = ()
    failure_count: int = 0
    failure_total: int = 0  # the key file's never-reset count (see _Failures.total)
    # The slot that opened the keys and its private key: held by the session so it can follow a
    # data-key rotation made by another program without asking for the passphrase again.
    slot_id: str = field(default="", compare=False)
    slot_private: X25519PrivateKey | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class _Kdf:
    params: KdfParams
    salt: bytes


@dataclass(frozen=True)
class _Slot:
    id: str
    kind: SlotKind
    kdf: _Kdf
    public_key: bytes
    wrapped_private_key: bytes
    sealed_key: bytes
    key_tag: bytes
    pending_sealed_key: bytes | None = None
    pending_key_tag: bytes | None = None


@dataclass(frozen=True)
class _Failures:
    count: int = 0  # since the last success
    times: tuple[float, ...] = ()
    # Every failure this file has counted, never reset: a success records it inside the
    # encrypted database, so a counter cut back in this file is noticed at the next unlock.
    total: int = 0

    @property
    def last(self) -> float | None:
        return self.times[-1] if self.times else None


@dataclass(frozen=True)
class _State:
    file_salt: bytes
    generation: int
    pending_generation: int | None
    slots: tuple[_Slot, ...]
    failures: _Failures = _Failures()

    def find(self, slot_id: str) -> _Slot | None:
        return next((s for s in self.slots if s.id == slot_id), None)

    def user_slots(self) -> tuple[_Slot, ...]:
        return tuple(s for s in self.slots if s.kind == "user")

    def recovery_slot(self) -> _Slot:
        return next(s for s in self.slots if s.kind == "recovery")

    def replace_slot(self, new: _Slot) -> _State:
        return dataclasses.replace(
            self, slots=tuple(new if s.id == new.id else s for s in self.slots)
        )


# --- small pure helpers --------------------------------------------------------------------------
def normalise_username(username: str) -> str:
    """NFKC, case-folded, whitespace-collapsed: how a user name is matched to its slot."""
    name = " ".join(unicodedata.normalize("NFKC", username).casefold().split())
    if not name:
        raise InvalidInput(field="username", reason="empty")
    return name


def _passphrase_bytes(passphrase: str) -> bytes:
    # NFC so the same passphrase typed through different input methods derives the same key.
    return unicodedata.normalize("NFC", passphrase).encode("utf-8", "surrogatepass")


def _check_strength(passphrase: str, username: str = "") -> None:
    reason = weakness(passphrase, (username,))
    if reason is not None:
        raise WeakPassphrase(minimum=MIN_PASSPHRASE_LENGTH, reason=reason)


def throttle_delay(failure_count: int, lockout_seconds: int = DEFAULT_LOCKOUT_SECONDS) -> int:
    """Seconds an attempt must wait after the last failure: none before the fifth, then the
    lockout (never shorter than the default, whatever a caller passes)."""
    if failure_count < LOCKOUT_AFTER:
        return 0
    return min(MAX_LOCKOUT_SECONDS, max(DEFAULT_LOCKOUT_SECONDS, lockout_seconds))


def _derive_kek(secret: bytes, kdf: _Kdf) -> bytes:
    return derive_kek(secret, kdf.salt, kdf.params)


def _wrap_aad(slot_id: str) -> bytes:
    return f"{FORMAT}/v{VERSION}/private-key/{slot_id}".encode("ascii")


def _seal_info(slot_id: str, generation: int) -> bytes:
    return f"{FORMAT}/v{VERSION}/data-key/{slot_id}/gen/{generation}".encode("ascii")


def _tag(data_key: bytes, slot: _Slot, generation: int) -> bytes:
    mac_key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=f"{FORMAT}/slot-binding".encode()
    ).derive(data_key)
    message = f"v{VERSION}|{generation}|{slot.kind}|{slot.id}|".encode("ascii") + slot.public_key
    return hmac.digest(mac_key, message, "sha256")


def _seal(data_key: bytes, slot: _Slot, generation: int) -> tuple[bytes, bytes]:
    public = X25519PublicKey.from_public_bytes(slot.public_key)
    sealed = _SUITE.encrypt(data_key, public, info=_seal_info(slot.id, generation))
    return sealed, _tag(data_key, slot, generation)


def _new_slot(
    slot_id: str,
    kind: SlotKind,
    secret: bytes,
    *,
    params: KdfParams,
    generation: int,
    data_key: bytes,
    private: X25519PrivateKey | None = None,
) -> _Slot:
    """Build a slot whose private key is wrapped under `secret` and sealed to the current key."""
    private = private or X25519PrivateKey.generate()
    kdf = _Kdf(params, secrets.token_bytes(_KDF_SALT_BYTES))
    slot = _Slot(
        id=slot_id,
        kind=kind,
        kdf=kdf,
        public_key=private.public_key().public_bytes_raw(),
        wrapped_private_key=_wrap_private(secret, kdf, slot_id, private),
        sealed_key=b"",
        key_tag=b"",
    )
    sealed, tag = _seal(data_key, slot, generation)
    return dataclasses.replace(slot, sealed_key=sealed, key_tag=tag)


def _wrap_private(secret: bytes, kdf: _Kdf, slot_id: str, private: X25519PrivateKey) -> bytes:
    nonce = secrets.token_bytes(_NONCE_BYTES)
    raw = private.private_bytes_raw()
    return nonce + AESGCM(_derive_kek(secret, kdf)).encrypt(nonce, raw, _wrap_aad(slot_id))


def _unwrap_private(secret: bytes, slot: _Slot) -> X25519PrivateKey | None:
    """The slot's private key, or None if `secret` is wrong (or the wrapped key was altered)."""
    kek = _derive_kek(secret, slot.kdf)
    nonce, body = slot.wrapped_private_key[:_NONCE_BYTES], slot.wrapped_private_key[_NONCE_BYTES:]
    try:
        raw = AESGCM(kek).decrypt(nonce, body, _wrap_aad(slot.id))
    except InvalidTag:
        return None
    return X25519PrivateKey.from_private_bytes(raw)


# --- strict JSON (de)serialisation ---------------------------------------------------------------
def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


class _Reader:
    """Strict field access that turns every defect into KeyFileCorrupt with a precise detail."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def corrupt(self, detail: str) -> KeyFileCorrupt:
        return KeyFileCorrupt(path=str(self.path), detail=detail)

    def obj(
        self, value: object, where: str, keys: set[str], optional: frozenset[str] = frozenset()
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.corrupt(f"{where} is not an object")
        missing = sorted(keys - optional - value.keys())
        if missing:
            raise self.corrupt(f"missing field: {where}.{missing[0]}")
        extra = sorted(value.keys() - keys)
        if extra:
            # Field names come from the file; report only how many, never echo arbitrary text.
            raise self.corrupt(f"{len(extra)} unexpected field(s) in {where}")
        return value

    def int_(self, value: object, where: str, lo: int, hi: int) -> int:
        if type(value) is not int or not lo <= value <= hi:
            raise self.corrupt(f"{where} is not a valid integer")
        return value

    def bytes_(self, value: object, where: str, length: int) -> bytes:
        if not isinstance(value, str):
            raise self.corrupt(f"bad base64: {where}")
        try:
            data = base64.b64decode(value.encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError):
            raise self.corrupt(f"bad base64: {where}") from None
        if _b64(data) != value:  # non-canonical padding or bits
            raise self.corrupt(f"bad base64: {where}")
        if len(data) != length:
            raise self.corrupt(f"wrong length: {where}")
        return data

    def optional_bytes(self, value: object, where: str, length: int) -> bytes | None:
        return None if value is None else self.bytes_(value, where, length)


_TOP_KEYS: Final = {
    "format", "version", "file_salt", "generation", "pending_generation", "slots", "failures",
}  # fmt: skip
_SLOT_KEYS: Final = {
    "id", "kind", "kdf", "public_key", "wrapped_private_key", "sealed_key", "key_tag",
    "pending_sealed_key", "pending_key_tag",
}  # fmt: skip
_KDF_KEYS: Final = {"algorithm", "time_cost", "memory_kib", "lanes", "salt"}
_FAILURE_KEYS: Final = {"count", "times", "total"}
_LATER_FAILURE_KEYS: Final = frozenset({"total"})  # files written before it start from `count`
_MAX_GENERATION: Final = 2**53


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError("duplicate key")
        result[key] = value
    return result


def _reject_constant(_name: str) -> None:
    raise ValueError("non-finite number")


def _parse(path: Path, raw: bytes) -> _State:
    r = _Reader(path)
    if len(raw) > _MAX_FILE_BYTES:
        raise r.corrupt("file too large")
    try:
        doc = json.loads(
            raw.decode("utf-8"), object_pairs_hook=_no_duplicates, parse_constant=_reject_constant
        )
    except (UnicodeDecodeError, ValueError):  # JSONDecodeError is a ValueError
        raise r.corrupt("not JSON") from None
    if not isinstance(doc, dict):
        raise r.corrupt("not a key file object")
    if doc.get("format") != FORMAT:
        raise r.corrupt("not a Field Intake key file")
    if doc.get("version") != VERSION or type(doc.get("version")) is not int:
        raise r.corrupt("unsupported version")
    top = r.obj(doc, "file", _TOP_KEYS)
    file_salt = r.bytes_(top["file_salt"], "file_salt", _FILE_SALT_BYTES)
    generation = r.int_(top["generation"], "generation", 1, _MAX_GENERATION)
    pending_generation = None
    if top["pending_generation"] is not None:
        pending_generation = r.int_(
            top["pending_generation"], "pending_generation", generation + 1, generation + 1
        )
    if not isinstance(top["slots"], list):
        raise r.corrupt("slots is not a list")
    slots = tuple(
        _parse_slot(r, value, f"slots[{i}]", pending_generation is not None)
        for i, value in enumerate(top["slots"])
    )
    if len({s.id for s in slots}) != len(slots):
        raise r.corrupt("duplicate slot id")
    if not any(s.kind == "user" for s in slots):
        raise r.corrupt("no user slot")
    if sum(s.kind == "recovery" for s in slots) != 1:
        raise r.corrupt("not exactly one recovery slot")
    fails = r.obj(top["failures"], "failures", _FAILURE_KEYS, _LATER_FAILURE_KEYS)
    count = r.int_(fails["count"], "failures.count", 0, _MAX_GENERATION)
    total = r.int_(fails.get("total", count), "failures.total", count, _MAX_GENERATION)
    times = fails["times"]
    if (
        not isinstance(times, list)
        or len(times) > min(count, _MAX_FAILURE_TIMES)
        or not all(type(t) in (int, float) and 0 <= t < _MAX_TIMESTAMP for t in times)
        or list(times) != sorted(times)
    ):
        raise r.corrupt("failures.times is not a valid list")
    return _State(
        file_salt=file_salt,
        generation=generation,
        pending_generation=pending_generation,
        slots=slots,
        failures=_Failures(count=count, times=tuple(float(t) for t in times), total=total),
    )


def _parse_slot(r: _Reader, value: object, where: str, pending: bool) -> _Slot:
    s = r.obj(value, where, _SLOT_KEYS)
    slot_id = s["id"]
    if not isinstance(slot_id, str) or not _SLOT_ID_RE.fullmatch(slot_id):
        raise r.corrupt(f"{where}.id is not a slot id")
    kind = s["kind"]
    if kind not in ("user", "recovery"):
        raise r.corrupt(f"{where}.kind is not user or recovery")
    k = r.obj(s["kdf"], f"{where}.kdf", _KDF_KEYS)
    if k["algorithm"] != "argon2id":
        raise r.corrupt(f"{where}.kdf.algorithm is not argon2id")
    try:
        params = KdfParams(
            time_cost=r.int_(k["time_cost"], f"{where}.kdf.time_cost", 1, MAX_TIME_COST),
            memory_kib=r.int_(k["memory_kib"], f"{where}.kdf.memory_kib", 1, MAX_MEMORY_KIB),
            lanes=r.int_(k["lanes"], f"{where}.kdf.lanes", 1, MAX_LANES),
        )
    except ValueError:
        raise r.corrupt(f"{where}.kdf parameters out of range") from None
    pending_sealed = r.optional_bytes(
        s["pending_sealed_key"], f"{where}.pending_sealed_key", _SEALED_KEY_BYTES
    )
    pending_tag = r.optional_bytes(s["pending_key_tag"], f"{where}.pending_key_tag", _TAG_BYTES)
    if (pending_sealed is not None, pending_tag is not None) != (pending, pending):
        raise r.corrupt(f"{where} pending key does not match pending_generation")
    return _Slot(
        id=slot_id,
        kind=kind,
        kdf=_Kdf(params, r.bytes_(k["salt"], f"{where}.kdf.salt", _KDF_SALT_BYTES)),
        public_key=r.bytes_(s["public_key"], f"{where}.public_key", _X25519_BYTES),
        wrapped_private_key=r.bytes_(
            s["wrapped_private_key"], f"{where}.wrapped_private_key", _WRAPPED_PRIVATE_BYTES
        ),
        sealed_key=r.bytes_(s["sealed_key"], f"{where}.sealed_key", _SEALED_KEY_BYTES),
        key_tag=r.bytes_(s["key_tag"], f"{where}.key_tag", _TAG_BYTES),
        pending_sealed_key=pending_sealed,
        pending_key_tag=pending_tag,
    )


def _serialise(state: _State) -> bytes:
    def opt(data: bytes | None) -> str | None:
        return None if data is None else _b64(data)

    doc = {
        "format": FORMAT,
        "version": VERSION,
        "file_salt": _b64(state.file_salt),
        "generation": state.generation,
        "pending_generation": state.pending_generation,
        "slots": [
            {
                "id": s.id,
                "kind": s.kind,
                "kdf": {
                    "algorithm": "argon2id",
                    "time_cost": s.kdf.params.time_cost,
                    "memory_kib": s.kdf.params.memory_kib,
                    "lanes": s.kdf.params.lanes,
                    "salt": _b64(s.kdf.salt),
                },
                "public_key": _b64(s.public_key),
                "wrapped_private_key": _b64(s.wrapped_private_key),
                "sealed_key": _b64(s.sealed_key),
                "key_tag": _b64(s.key_tag),
                "pending_sealed_key": opt(s.pending_sealed_key),
                "pending_key_tag": opt(s.pending_key_tag),
            }
            for s in state.slots
        ],
        "failures": {
            "count": state.failures.count,
            "times": list(state.failures.times),
            "total": state.failures.total,
        },
    }
    return (json.dumps(doc, indent=1) + "\n").encode("utf-8")


# --- the vault -----------------------------------------------------------------------------------
class KeyVault:
    """The key file of one data folder. Build with `create` or `load`; every change is written."""

    def __init__(self, path: Path, state: _State) -> None:
        """Private: use `create` or `load`."""
        self._path = path
        self._state = state
        # The agency policy may lengthen the lockout (never shorten it): set by the caller.
        self.lockout_seconds = DEFAULT_LOCKOUT_SECONDS

    def __repr__(self) -> str:
        return f"KeyVault(path={str(self._path)!r}, slots={len(self._state.slots)})"

    # --- construction ----------------------------------------------------------------------------
    @classmethod
    def create(
        cls, path: Path, username: str, passphrase: str, params: KdfParams
    ) -> tuple[KeyVault, bytes, str]:
        """Set up a new key file: returns the vault, the new data key and the recovery code.

        The recovery code is shown once and never stored; only a slot it opens is.
        """
        vault, keys, code = cls.create_with_keys(path, username, passphrase, params)
        return vault, keys.current, code

    @classmethod
    def create_with_keys(
        cls, path: Path, username: str, passphrase: str, params: KdfParams
    ) -> tuple[KeyVault, DataKeys, str]:
        """`create`, returning the first user's keys as an unlock would (slot and private key)."""
        path = Path(path)
        if path.exists():
            raise AlreadyInitialised(path=str(path))
        name = normalise_username(username)
        _check_strength(passphrase, name)
        data_key = secrets.token_bytes(DATA_KEY_BYTES)
        code = new_recovery_code()
        file_salt = secrets.token_bytes(_FILE_SALT_BYTES)
        state = _State(file_salt=file_salt, generation=1, pending_generation=None, slots=())
        private = X25519PrivateKey.generate()
        user = _new_slot(
            _slot_id_for(file_salt, name),
            "user",
            _passphrase_bytes(passphrase),
            params=params,
            generation=state.generation,
            data_key=data_key,
            private=private,
        )
        recovery = _new_slot(
            _recovery_slot_id(file_salt),
            "recovery",
            _recovery_secret(code),
            params=params,
            generation=state.generation,
            data_key=data_key,
        )
        state = dataclasses.replace(state, slots=(user, recovery))
        vault = cls(path, state)
        vault._write(state)
        keys = DataKeys(data_key, None, state.generation, None, slot_id=user.id,
                        slot_private=private)
        return vault, keys, code

    @classmethod
    def load(cls, path: Path) -> KeyVault:
        """Read and strictly validate a key file."""
        path = Path(path)
        try:
            with path.open("rb") as fh:
                raw = fh.read(_MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            raise KeyFileMissing(path=str(path)) from None
        return cls(path, _parse(path, raw))

    # --- queries ---------------------------------------------------------------------------------
    @property
    def path(self) -> Path:
        return self._path

    def slot_id(self, username: str) -> str:
        """The slot id a user name maps to in this key file (whether or not the slot exists)."""
        return _slot_id_for(self._state.file_salt, normalise_username(username))

    def slot_ids(self) -> list[str]:
        """Ids of the user slots (the recovery slot is not a user)."""
        return [s.id for s in self._state.user_slots()]

    def slot_public_key(self, slot_id: str) -> bytes | None:
        """A slot's X25519 public key (user or recovery slot), or None if there is none: what
        other secrets are sealed to so that only this slot's holder opens them."""
        slot = self._state.find(slot_id)
        return None if slot is None else slot.public_key

    def has_user(self, username: str) -> bool:
        return self._state.find(self.slot_id(username)) is not None

    @property
    def recovery_slot_id(self) -> str:
        return self._state.recovery_slot().id

    @property
    def generation(self) -> int:
        return self._state.generation

    @property
    def pending_generation(self) -> int | None:
        return self._state.pending_generation

    @property
    def failure_count(self) -> int:
        return self._state.failures.count

    def throttle_remaining(self, now: float | None = None) -> int:
        """Whole seconds before the next unlock attempt is allowed (0 if allowed now)."""
        failures = self._state.failures
        delay = throttle_delay(failures.count, self.lockout_seconds)
        last = failures.last
        if delay == 0 or last is None:
            return 0
        now = time.time() if now is None else now
        # A clock set back (travel, a dead CMOS battery, or someone dodging the lockout) counts
        # the wait from now: at most one more lockout, never a way around it.
        return max(0, math.ceil(min(last, now) + delay - now))

    # --- unlocking -------------------------------------------------------------------------------
    def unlock(self, username: str, passphrase: str, now: float | None = None) -> DataKeys:
        """Open the data key(s) with a user's passphrase.

        An unknown user raises WrongPassphrase, after the same Argon2id work against a dummy
        slot: a distinct error (or a faster answer) would tell someone at the keyboard which
        names have accounts, and names of task-force staff are themselves sensitive.
        """
        now = self._check_throttle(now)
        slot_id = self.slot_id(username)
        slot = self._state.find(slot_id)
        private = self._open_slot(slot, slot_id, _passphrase_bytes(passphrase))
        if slot is None or private is None:
            self._record_failure(now)
            raise WrongPassphrase()
        return self._succeed(slot, private)

    def unlock_with_recovery(self, code: str, now: float | None = None) -> DataKeys:
        """Open the data key(s) with the recovery code; then call reset_passphrase."""
        now = self._check_throttle(now)
        canonical = normalise_recovery_code(code)
        if canonical is None:
            # Caught by the public check character: a typo, not a guess. No KDF, no failure.
            raise WrongRecoveryCode()
        slot = self._state.recovery_slot()
        private = _unwrap_private(canonical.encode("ascii"), slot)
        if private is None:
            self._record_failure(now)
            raise WrongRecoveryCode()
        return self._succeed(slot, private)

    # --- users -----------------------------------------------------------------------------------
    def add_user(
        self, data_key: bytes, username: str, passphrase: str, params: KdfParams | None = None
    ) -> str:
        """Add a user slot holding the current data key; returns its slot id."""
        self._require_no_pending()
        self._verify_data_key(data_key)
        slot_id = self.slot_id(username)
        if self._state.find(slot_id) is not None:
            raise UserExists(user=slot_id)
        _check_strength(passphrase, username)
        params = params or self._state.user_slots()[0].kdf.params
        slot = _new_slot(
            slot_id,
            "user",
            _passphrase_bytes(passphrase),
            params=params,
            generation=self._state.generation,
            data_key=data_key,
        )
        self._write(dataclasses.replace(self._state, slots=(*self._state.slots, slot)))
        return slot_id

    def remove_user(self, username: str) -> None:
        """Remove a user's slot. Follow with a rekey: they may have copied the old key file."""
        slot_id = self.slot_id(username)
        slot = self._state.find(slot_id)
        if slot is None or slot.kind != "user":
            raise UnknownUser(user=slot_id)
        if len(self._state.user_slots()) == 1:
            raise LastUser()
        slots = tuple(s for s in self._state.slots if s.id != slot_id)
        self._write(dataclasses.replace(self._state, slots=slots))

    def remove_slot(self, slot_id: str) -> None:
        """Remove a user slot by id (one left without its user record by an interrupted change);
        never the last user slot, never the recovery slot."""
        slot = self._state.find(slot_id)
        if slot is None or slot.kind != "user":
            raise UnknownUser(user=slot_id)
        if len(self._state.user_slots()) == 1:
            raise LastUser()
        slots = tuple(s for s in self._state.slots if s.id != slot_id)
        self._write(dataclasses.replace(self._state, slots=slots))

    def change_passphrase(
        self,
        username: str,
        old: str,
        new: str,
        now: float | None = None,
        params: KdfParams | None = None,
    ) -> None:
        """Re-wrap a user's private key under a new passphrase (the old one is required).

        A wrong old passphrase counts as a failed unlock and is throttled like one; otherwise
        this would be an unthrottled passphrase oracle.
        """
        _check_strength(new, username)
        now = self._check_throttle(now)
        slot_id = self.slot_id(username)
        slot = self._state.find(slot_id)
        private = self._open_slot(slot, slot_id, _passphrase_bytes(old))
        if slot is None or private is None:
            self._record_failure(now)
            raise WrongPassphrase()
        kdf = _Kdf(params or slot.kdf.params, secrets.token_bytes(_KDF_SALT_BYTES))
        wrapped = _wrap_private(_passphrase_bytes(new), kdf, slot.id, private)
        # Same key pair, so the sealed data keys (current and pending) stay valid.
        new_slot = dataclasses.replace(slot, kdf=kdf, wrapped_private_key=wrapped)
        self._write(self._state.replace_slot(new_slot))

    def reset_passphrase(
        self, data_key: bytes, username: str, new: str, params: KdfParams | None = None
    ) -> None:
        """Give a user a new passphrase without the old one (after a recovery or by an admin)."""
        self._require_no_pending()
        self._verify_data_key(data_key)
        slot_id = self.slot_id(username)
        slot = self._state.find(slot_id)
        if slot is None or slot.kind != "user":
            raise UnknownUser(user=slot_id)
        _check_strength(new, username)
        # A fresh key pair: the old private key is unreachable without the old passphrase.
        fresh = _new_slot(
            slot_id,
            "user",
            _passphrase_bytes(new),
            params=params or slot.kdf.params,
            generation=self._state.generation,
            data_key=data_key,
        )
        self._write(self._state.replace_slot(fresh))

    def replace_recovery_code(self, data_key: bytes, params: KdfParams | None = None) -> str:
        """Issue a new recovery code after the old one was used; the old one stops working."""
        code = new_recovery_code()
        self.set_recovery_code(data_key, code, params)
        return code

    def recovery_code_opens(self, code: str) -> bool:
        """Whether `code` opens the recovery slot now (one KDF; no failure is recorded)."""
        canonical = normalise_recovery_code(code)
        if canonical is None:
            return False
        return _unwrap_private(canonical.encode("ascii"), self._state.recovery_slot()) is not None

    def set_recovery_code(
        self, data_key: bytes, code: str, params: KdfParams | None = None
    ) -> None:
        """Make `code` (from `new_recovery_code`) the recovery code; the old one stops working."""
        self._require_no_pending()
        self._verify_data_key(data_key)
        if normalise_recovery_code(code) is None:
            raise WrongRecoveryCode()
        old = self._state.recovery_slot()
        fresh = _new_slot(
            old.id,
            "recovery",
            _recovery_secret(code),
            params=params or old.kdf.params,
            generation=self._state.generation,
            data_key=data_key,
        )
        self._write(self._state.replace_slot(fresh))

    # --- rekey -----------------------------------------------------------------------------------
    def begin_rekey(self, data_key: bytes) -> bytes:
        """Seal a new data key to every slot as the pending generation; returns the new key.

        Then run PRAGMA rekey, then finish_rekey(). Until finish, unlock returns both keys.
        Refuses while a rekey is pending: the database may already use the pending key, and
        replacing it would lose the database.
        """
        self._require_no_pending()
        self._verify_data_key(data_key, all_slots=True)
        new_key = secrets.token_bytes(DATA_KEY_BYTES)
        generation = self._state.generation + 1
        slots = []
        for slot in self._state.slots:
            sealed, tag = _seal(new_key, slot, generation)
            slots.append(dataclasses.replace(slot, pending_sealed_key=sealed, pending_key_tag=tag))
        self._write(
            dataclasses.replace(self._state, pending_generation=generation, slots=tuple(slots))
        )
        return new_key

    def finish_rekey(self) -> None:
        """Make the pending key current (call only once the database is rekeyed)."""
        state = self._state
        if state.pending_generation is None:
            raise NoRekeyInProgress()
        slots = []
        for s in state.slots:
            if s.pending_sealed_key is None or s.pending_key_tag is None:
                raise KeyFileCorrupt(path=str(self._path), detail="pending key missing")
            slots.append(
                dataclasses.replace(
                    s,
                    sealed_key=s.pending_sealed_key,
                    key_tag=s.pending_key_tag,
                    pending_sealed_key=None,
                    pending_key_tag=None,
                )
            )
        self._write(
            dataclasses.replace(
                state,
                generation=state.pending_generation,
                pending_generation=None,
                slots=tuple(slots),
            )
        )

    def abort_rekey(self) -> None:
        """Drop the pending key (call only if the database still opens with the current key)."""
        state = self._state
        if state.pending_generation is None:
            raise NoRekeyInProgress()
        slots = tuple(
            dataclasses.replace(s, pending_sealed_key=None, pending_key_tag=None)
            for s in state.slots
        )
        self._write(dataclasses.replace(state, pending_generation=None, slots=slots))

    # --- internals -------------------------------------------------------------------------------
    def _write(self, state: _State) -> None:
        # Write first, then adopt: if the write fails, memory still matches the disk.
        atomic_write(self._path, _serialise(state))
        self._state = state

    def _check_throttle(self, now: float | None) -> float:
        now = time.time() if now is None else now
        failures = self._state.failures
        if failures.last is not None and now < failures.last and throttle_delay(failures.count):
            # The clock went back during a lockout: restart the wait from the new "now", so
            # it ends after the full lockout of real time (see throttle_remaining).
            times = tuple(min(t, now) for t in failures.times)
            self._write(dataclasses.replace(
                self._state, failures=dataclasses.replace(failures, times=times)
            ))
        remaining = self.throttle_remaining(now)
        if remaining > 0:
            raise UnlockThrottled(seconds=remaining)
        return now

    def _record_failure(self, now: float) -> None:
        old = self._state.failures
        failures = _Failures(
            count=old.count + 1,
            times=(*old.times, now)[-_MAX_FAILURE_TIMES:],
            total=old.total + 1,
        )
        self._write(dataclasses.replace(self._state, failures=failures))
        remaining = self.throttle_remaining(now)
        if remaining > 0:  # this failure started the lockout: say so now, not at the next try
            raise UnlockThrottled(seconds=remaining)

    def _open_slot(
        self, slot: _Slot | None, slot_id: str, secret: bytes
    ) -> X25519PrivateKey | None:
        """Unwrap a slot's private key, or do the same work on a dummy slot if there is none."""
        if slot is not None and slot.kind == "user":
            return _unwrap_private(secret, slot)
        # Same parameters as a real user slot (the first one), a deterministic salt, and a
        # random "wrapped key" that cannot authenticate: same cost, same outcome as a wrong guess.
        model = self._state.user_slots()[0]
        salt = hmac.digest(self._state.file_salt, b"dummy-slot/" + slot_id.encode(), "sha256")
        dummy = dataclasses.replace(
            model,
            id=slot_id,
            kdf=_Kdf(model.kdf.params, salt[:_KDF_SALT_BYTES]),
            wrapped_private_key=secrets.token_bytes(_WRAPPED_PRIVATE_BYTES),
        )
        _unwrap_private(secret, dummy)
        return None

    def keys_for_slot(self, slot_id: str, private: X25519PrivateKey) -> DataKeys:
        """The data key(s) as this file holds them now, for a slot whose private key an open
        session already has (no KDF, nothing written): how a session follows a rotation."""
        slot = self._state.find(slot_id)
        if slot is None:
            raise UnknownUser(user=slot_id)
        return self._keys(slot, private)

    def _succeed(self, slot: _Slot, private: X25519PrivateKey) -> DataKeys:
        keys = self._keys(slot, private)
        failures = self._state.failures
        if failures.count:
            self._write(dataclasses.replace(self._state, failures=_Failures(total=failures.total)))
        return dataclasses.replace(
            keys,
            failed_attempts=failures.times,
            failure_count=failures.count,
            failure_total=failures.total,
        )

    def _keys(self, slot: _Slot, private: X25519PrivateKey) -> DataKeys:
        if private.public_key().public_bytes_raw() != slot.public_key:
            raise KeyFileCorrupt(
                path=str(self._path), detail="slot public key does not match its private key"
            )
        state = self._state
        current = self._open_sealed(private, slot, slot.sealed_key, slot.key_tag, state.generation)
        pending = None
        if state.pending_generation is not None:
            if slot.pending_sealed_key is None or slot.pending_key_tag is None:
                raise KeyFileCorrupt(path=str(self._path), detail="pending key missing")
            pending = self._open_sealed(
                private,
                slot,
                slot.pending_sealed_key,
                slot.pending_key_tag,
                state.pending_generation,
            )
        return DataKeys(
            current=current,
            pending=pending,
            generation=state.generation,
            pending_generation=state.pending_generation,
            slot_id=slot.id,
            slot_private=private,
        )

    def _open_sealed(
        self, private: X25519PrivateKey, slot: _Slot, sealed: bytes, tag: bytes, generation: int
    ) -> bytes:
        try:
            key = _SUITE.decrypt(sealed, private, info=_seal_info(slot.id, generation))
        except (InvalidTag, ValueError):
            raise KeyFileCorrupt(
                path=str(self._path), detail="sealed data key does not open"
            ) from None
        if len(key) != DATA_KEY_BYTES or not hmac.compare_digest(_tag(key, slot, generation), tag):
            raise KeyFileCorrupt(path=str(self._path), detail="slot integrity check failed")
        return key

    def _verify_data_key(self, data_key: bytes, *, all_slots: bool = False) -> None:
        """Check `data_key` is the current key, and (for rekey) that no public key was swapped."""
        if len(data_key) != DATA_KEY_BYTES:
            raise DataKeyMismatch()
        state = self._state
        good = [
            hmac.compare_digest(_tag(data_key, s, state.generation), s.key_tag) for s in state.slots
        ]
        if not any(good):
            raise DataKeyMismatch()
        if all_slots and not all(good):
            raise KeyFileCorrupt(path=str(self._path), detail="slot integrity check failed")

    def _require_no_pending(self) -> None:
        if self._state.pending_generation is not None:
            raise RekeyInProgress()


def _slot_id_for(file_salt: bytes, normalised_username: str) -> str:
    return hmac.new(
        file_salt, b"user/" + normalised_username.encode("utf-8"), hashlib.sha256
    ).hexdigest()


def _recovery_slot_id(file_salt: bytes) -> str:
    # A different prefix from user slots, so no user name can collide with the recovery slot.
    return hmac.new(file_salt, b"recovery", hashlib.sha256).hexdigest()


def _recovery_secret(code: str) -> bytes:
    canonical = normalise_recovery_code(code)
    assert canonical is not None  # we generated it
    return canonical.encode("ascii")
