"""The relay as a plain ASGI application: signed devices post opaque envelopes and read their inbox.

Routes (all answers JSON; errors are ``{"error": "<code>"}``):

- ``GET  /v1/health`` -> 200 ``{"status": "ok"}`` (no signature needed).
- ``POST /v1/envelopes?id=<32 hex>&from=<agency>&to=<agency>&expires=<unix s>``, body = the
  envelope bytes. 201 ``stored``; 200 ``already_stored`` (same id, same bytes and routing);
  409 ``conflict`` (same id, anything different); 403 ``sender_mismatch`` (``from`` is not the
  signing agency); 413 ``too_large`` (refused from Content-Length before reading); 429
  ``rate_limited`` with Retry-After; 507 ``inbox_full`` (recipient at its pending limit).
  The routing metadata travels in the query string so the request signature covers it.
- ``POST /v1/envelopes/batch``, body = items ``id (16) | recipient length (1) | recipient |
  expires (8, big-endian) | body length (4) | body``, sender = the signing agency; the whole
  body is signed. 200 ``{"results": [...]}``, one of ``stored``, ``already_stored``,
  ``conflict``, ``inbox_full``, ``expired``, ``too_large`` per item, in order, stored in one
  transaction.
  One request for a backlog instead of one per envelope: the relay's cost is per request.
- ``GET  /v1/inbox?after=<seq>&limit=<n>`` -> ``{"cursor", "more", "envelopes": [{"seq", "id",
  "sender", "expires", "body" (base64)}]}``: the signing agency's own inbox only. Without
  ``after`` the device's server-side cursor is used, so a device that lost its own resumes.
- ``POST /v1/inbox/ack`` body ``{"seq": n}`` -> ``{"cursor": c}``: advances this device's cursor
  only; envelopes stay until expiry or retention, for the agency's other devices.
- ``POST /v1/devices``, body = a device certificate (``keys.DeviceCertificate.to_json``, at most
  4 KiB): a device enrols itself. The request carries the usual signature headers, made with the
  device key the certificate names (proof of possession; the timestamp and the single-use nonce
  make it fresh), and the certificate must be signed by the signing key the operator registered
  for that agency (``intake relay register-agency``), name the same agency and device ids as the
  headers, and be valid now. 201 ``enrolled``; 200 ``already_enrolled`` (same key again);
  400 ``bad_certificate``; 401 ``certificate_mismatch`` (ids differ from the headers),
  ``bad_signature``, ``stale_timestamp``, ``replayed_nonce``; 403 ``unknown_agency``,
  ``certificate_wrong_agency``, ``certificate_bad_signature``, ``certificate_expired``,
  ``certificate_not_yet_valid``, ``device_revoked`` (revocation is final for a device id);
  409 ``device_conflict`` (the device id is enrolled with another key).
  A device enrolled this way is refused (401 ``certificate_expired``) once its certificate has
  expired, beyond the clock-skew allowance.
- ``POST /v1/devices/revoke``, body = a device revocation signed by the agency
  (``keys.DeviceRevocation.to_json``), sent by any enrolled device of that agency (usual
  signature headers): 200 ``revoked``. The device id is refused from then on and can never
  enrol again, also when it had not enrolled yet. 400 ``bad_revocation``; 403
  ``revocation_wrong_agency``, ``revocation_bad_signature``, ``revocation_not_yet_valid``,
  ``unknown_agency`` (the agency was never registered: only the operator can revoke).

Authentication failures are 401 (``missing_signature``, ``bad_signature``, ``stale_timestamp``,
``replayed_nonce``, ``unknown_device``, ``certificate_expired``...), a revoked device is 403
``device_revoked``. A client holding a certificate answers 401 ``unknown_device`` by enrolling.
Bodies are never logged; log lines carry error codes and ids only.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import json
import logging
import math
import struct
import time
from collections.abc import Awaitable, Callable, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar
from urllib.parse import parse_qs

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from intake_app.sync.keys import (
    MAX_DEVICE_BYTES,
    CertificateError,
    DeviceCertificate,
    DeviceRevocation,
)
from intake_app.sync.relay import auth
from intake_app.sync.relay.store import (
    ENVELOPE_ID_BYTES,
    NO_KEY,
    AckBeyondInbox,
    Caller,
    DeviceConflict,
    DeviceRevoked,
    EnrolOutcome,
    EnvelopeMeta,
    PutOutcome,
    RelayStore,
    UnknownAgency,
    UnknownDevice,
)

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
T = TypeVar("T")

MIB = 1024 * 1024
DAY = 86_400


@dataclass(frozen=True, slots=True)
class RelayConfig:
    """Limits and periods of one relay process."""

    max_body_bytes: int = MIB
    max_batch_bytes: int = 4 * MIB
    max_batch_items: int = 500
    rate_per_second: float = 50.0  # per device, sustained
    rate_burst: int = 200  # per device: a laptop back online flushes its outbox
    max_pending_per_recipient: int = 100_000
    retention_seconds: int = 30 * DAY
    max_skew_seconds: int = auth.MAX_SKEW_SECONDS
    max_fetch_limit: int = 500
    purge_interval_seconds: float = 600.0


class _HttpError(Exception):
    def __init__(self, status: int, code: str, headers: list[tuple[bytes, bytes]] | None = None):
        super().__init__(code)
        self.status = status
        self.code = code
        self.headers = headers or []


class _TokenBuckets:
    """Per-device token buckets, in this process's memory (one relay process per store)."""

    def __init__(self, rate: float, burst: int) -> None:
        self._rate = rate
        self._burst = float(burst)
        self._state: dict[tuple[str, str], tuple[float, float]] = {}

    def take(self, key: tuple[str, str], now: float) -> float:
        """Take one token; return 0 if granted, else the seconds until one is available."""
        tokens, last = self._state.get(key, (self._burst, now))
        tokens = min(self._burst, tokens + (now - last) * self._rate)
        if tokens >= 1.0:
            self._state[key] = (tokens - 1.0, now)
            return 0.0
        self._state[key] = (tokens, now)
        return (1.0 - tokens) / self._rate


class RelayApp:
    """The ASGI callable. Store calls run on a small thread pool; the event loop never blocks."""

    def __init__(
        self,
        store: RelayStore,
        config: RelayConfig | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.config = config or RelayConfig()
        self._clock = clock
        self._executor = ThreadPoolExecutor(store.workers, thread_name_prefix="relay-store")
        self._buckets = _TokenBuckets(self.config.rate_per_second, self.config.rate_burst)
        # Public keys never change for a (agency, device): revocation is checked per request.
        # The certificate expiry (None: enrolled by the operator, or valid until revoked) is
        # cached with the key; a re-enrolment with a newer certificate drops the entry.
        self._keys: dict[tuple[str, str], tuple[Ed25519PublicKey, int | None]] = {}
        self._purger: asyncio.Task[None] | None = None

    # --- ASGI ---------------------------------------------------------------------------------
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        extra: list[tuple[bytes, bytes]] = []
        try:
            status, payload = await self._route(scope, receive)
        except _HttpError as exc:
            status, payload, extra = exc.status, {"error": exc.code}, exc.headers
        except Exception as exc:  # noqa: BLE001 - one bad request must not take the relay down
            status, payload = self._internal(exc)
        body = json.dumps(payload, separators=(",", ":")).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"cache-control", b"no-store"),
            *extra,
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self._purger = asyncio.create_task(self._purge_loop())
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if self._purger is not None:
                    self._purger.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await self._purger
                self._executor.shutdown(wait=True)
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _purge_loop(self) -> None:
        while True:
            try:
                await self._run(self.purge_now)
            except Exception as exc:  # noqa: BLE001 - retried next period
                log.warning("relay purge failed: %s", type(exc).__name__)
            await asyncio.sleep(self.config.purge_interval_seconds)

    def purge_now(self) -> int:
        """Delete envelopes past expiry or retention and nonces past the freshness window."""
        return self.store.purge(
            int(self._clock()), self.config.retention_seconds, 2 * self.config.max_skew_seconds
        )

    def _internal(self, exc: Exception) -> tuple[int, dict[str, Any]]:
        try:
            import psycopg

            unavailable: tuple[type[Exception], ...] = (psycopg.OperationalError,)
        except ImportError:  # pragma: no cover - psycopg is a dependency
            unavailable = ()
        if isinstance(exc, unavailable):
            log.warning("relay store unavailable: %s", type(exc).__name__)
            return 503, {"error": "store_unavailable"}
        # The exception type only: messages could quote parameters.
        log.error("relay internal error: %s", type(exc).__name__)
        return 500, {"error": "internal"}

    async def _run(self, fn: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn)

    # --- routing ------------------------------------------------------------------------------
    async def _route(self, scope: Scope, receive: Receive) -> tuple[int, dict[str, Any]]:
        method: str = scope["method"]
        path: str = scope["path"]
        routes: dict[str, tuple[str, Callable[..., Awaitable[tuple[int, dict[str, Any]]]]]] = {
            "/v1/envelopes": ("POST", self._post_envelope),
            "/v1/envelopes/batch": ("POST", self._post_batch),
            "/v1/inbox": ("GET", self._get_inbox),
            "/v1/inbox/ack": ("POST", self._post_ack),
            "/v1/devices/revoke": ("POST", self._post_revoke),
        }
        if path == "/v1/health":
            if method not in ("GET", "HEAD"):
                raise _HttpError(405, "method_not_allowed", [(b"allow", b"GET")])
            return 200, {"status": "ok"}
        if path == "/v1/devices":
            if method != "POST":
                raise _HttpError(405, "method_not_allowed", [(b"allow", b"POST")])
            headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
            body = await self._read_body(headers, receive, MAX_DEVICE_BYTES)
            return await self._enrol(scope, headers, body)
        if path not in routes:
            raise _HttpError(404, "not_found")
        allowed, handler = routes[path]
        if method != allowed:
            raise _HttpError(405, "method_not_allowed", [(b"allow", allowed.encode())])
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        limit = (
            self.config.max_batch_bytes
            if handler == self._post_batch
            else self.config.max_body_bytes
        )
        body = await self._read_body(headers, receive, limit)
        caller, query = await self._authenticate(scope, headers, body)
        return await handler(caller, query, body)

    @staticmethod
    async def _read_body(headers: dict[str, str], receive: Receive, limit: int) -> bytes:
        declared = headers.get("content-length")
        if declared is not None:
            if not declared.isdigit():
                raise _HttpError(400, "bad_content_length")
            if int(declared) > limit:
                raise _HttpError(413, "too_large")  # before reading any of it
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _HttpError(400, "client_disconnected")
            chunk: bytes = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise _HttpError(413, "too_large")
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    async def _authenticate(
        self, scope: Scope, headers: dict[str, str], body: bytes
    ) -> tuple[Caller, dict[str, list[str]]]:
        try:
            claims = auth.parse_auth(headers)
            now = self._clock()
            auth.check_fresh(claims, now, self.config.max_skew_seconds)
            key = await self._public_key(claims.agency_id, claims.device_id)
            raw_path: bytes = scope.get("raw_path") or scope["path"].encode()
            query_bytes: bytes = scope.get("query_string", b"")
            signed_path = raw_path.decode("latin-1")
            if query_bytes:
                signed_path += "?" + query_bytes.decode("latin-1")
            auth.verify(key, claims, scope["method"], signed_path, hashlib.sha256(body).digest())
        except auth.AuthFailed as exc:
            raise _HttpError(401, exc.reason) from None
        wait = self._buckets.take((claims.agency_id, claims.device_id), time.monotonic())
        if wait > 0:
            retry = str(max(1, math.ceil(wait))).encode()
            raise _HttpError(429, "rate_limited", [(b"retry-after", retry)])
        caller = Caller(claims.agency_id, claims.device_id, claims.nonce, int(now))
        query = parse_qs(query_bytes.decode("latin-1"), keep_blank_values=True)
        return caller, query

    async def _public_key(self, agency_id: str, device_id: str) -> Ed25519PublicKey:
        cached = self._keys.get((agency_id, device_id))
        if cached is not None and self._expired(cached[1]):
            # Another relay process may have taken a renewed certificate: look again.
            cached = None
        if cached is None:
            entry = await self._run(partial(self.store.device_entry, agency_id, device_id))
            if entry is None:
                raise auth.AuthFailed(reason="unknown_device")
            if entry.public_key == NO_KEY:  # revoked before it ever enrolled
                raise _HttpError(403, "device_revoked")
            cached = (
                Ed25519PublicKey.from_public_bytes(entry.public_key),
                entry.certificate_expires,
            )
            self._keys[(agency_id, device_id)] = cached
        key, expires = cached
        if self._expired(expires):
            raise auth.AuthFailed(reason="certificate_expired")
        return key

    def _expired(self, expires: int | None) -> bool:
        return expires is not None and self._clock() > expires + self.config.max_skew_seconds

    async def _enrol(
        self, scope: Scope, headers: dict[str, str], body: bytes
    ) -> tuple[int, dict[str, Any]]:
        """POST /v1/devices: a device presents its agency's certificate (see the docstring)."""
        if scope.get("query_string", b""):
            raise _HttpError(400, "bad_query")
        try:
            claims = auth.parse_auth(headers)
            now = self._clock()
            auth.check_fresh(claims, now, self.config.max_skew_seconds)
        except auth.AuthFailed as exc:
            raise _HttpError(401, exc.reason) from None
        try:
            cert = DeviceCertificate.from_json(body)
            device_key = cert.device_key
        except (CertificateError, ValueError):
            raise _HttpError(400, "bad_certificate") from None
        if (cert.agency_id, cert.device_id) != (claims.agency_id, claims.device_id):
            raise _HttpError(401, "certificate_mismatch")
        raw_path: bytes = scope.get("raw_path") or scope["path"].encode()
        try:
            # Proof of possession: the request is signed by the key the certificate names.
            auth.verify(
                device_key,
                claims,
                scope["method"],
                raw_path.decode("latin-1"),
                hashlib.sha256(body).digest(),
            )
        except auth.AuthFailed as exc:
            raise _HttpError(401, exc.reason) from None
        agency_raw = await self._run(partial(self.store.agency_key, claims.agency_id))
        if agency_raw is None:
            raise _HttpError(403, "unknown_agency")
        try:
            cert.verify_with_key(
                claims.agency_id,
                Ed25519PublicKey.from_public_bytes(agency_raw),
                now,
                self.config.max_skew_seconds,
            )
        except CertificateError as exc:
            log.info("relay refused a device certificate: %s", exc.reason)
            raise _HttpError(403, f"certificate_{exc.reason}") from None
        # Only now, like `_authenticate` after the signature: ids anyone can make up never get
        # a bucket of their own (the table would grow without bound).
        wait = self._buckets.take((claims.agency_id, claims.device_id), time.monotonic())
        if wait > 0:
            retry = str(max(1, math.ceil(wait))).encode()
            raise _HttpError(429, "rate_limited", [(b"retry-after", retry)])
        caller = Caller(claims.agency_id, claims.device_id, claims.nonce, int(now))
        try:
            outcome = await self._store_call(
                partial(
                    self.store.enrol_device,
                    caller,
                    cert.device_public,
                    cert.to_json(),
                    cert.expires,
                )
            )
        except UnknownAgency:
            raise _HttpError(403, "unknown_agency") from None
        except DeviceConflict:
            raise _HttpError(409, "device_conflict") from None
        self._keys.pop((claims.agency_id, claims.device_id), None)
        if outcome is EnrolOutcome.ENROLLED:
            log.info("relay enrolled device %s of agency %s", claims.device_id, claims.agency_id)
            return 201, {"status": "enrolled"}
        return 200, {"status": "already_enrolled"}

    async def _store_call(self, fn: Callable[[], T]) -> T:
        """Run a store operation, mapping its authentication refusals to HTTP."""
        try:
            return await self._run(fn)
        except auth.AuthFailed as exc:
            raise _HttpError(401, exc.reason) from None
        except DeviceRevoked:
            raise _HttpError(403, "device_revoked") from None

    # --- handlers -----------------------------------------------------------------------------
    async def _post_envelope(
        self, caller: Caller, query: dict[str, list[str]], body: bytes
    ) -> tuple[int, dict[str, Any]]:
        meta = self._envelope_meta(caller, query)
        if not body:
            raise _HttpError(400, "empty_body")
        (outcome,) = await self._store_call(
            partial(
                self.store.put_envelopes,
                caller,
                [(meta, body)],
                self.config.max_pending_per_recipient,
            )
        )
        if outcome is PutOutcome.STORED:
            return 201, {"status": "stored"}
        if outcome is PutOutcome.ALREADY_STORED:
            return 200, {"status": "already_stored"}
        if outcome is PutOutcome.CONFLICT:
            raise _HttpError(409, "conflict")
        log.warning("relay inbox full for recipient %s", meta.recipient)
        raise _HttpError(507, "inbox_full")

    async def _post_batch(
        self, caller: Caller, query: dict[str, list[str]], body: bytes
    ) -> tuple[int, dict[str, Any]]:
        if query:
            raise _HttpError(400, "bad_query")
        items = _decode_batch(body, caller.agency_id, self.config)

        def refusal(meta: EnvelopeMeta, data: bytes) -> str | None:
            if len(data) > self.config.max_body_bytes:
                return "too_large"
            return "expired" if meta.expires_at <= caller.now else None

        refusals = [refusal(meta, data) for meta, data in items]
        live = [item for item, refused in zip(items, refusals, strict=True) if refused is None]
        outcomes = iter(
            await self._store_call(
                partial(
                    self.store.put_envelopes, caller, live, self.config.max_pending_per_recipient
                )
            )
            if live
            else []
        )
        results = [refused or next(outcomes).value for refused in refusals]
        if "inbox_full" in results:
            log.warning("relay inbox full for a batch of agency %s", caller.agency_id)
        return 200, {"results": results}

    async def _post_revoke(
        self, caller: Caller, query: dict[str, list[str]], body: bytes
    ) -> tuple[int, dict[str, Any]]:
        if query:
            raise _HttpError(400, "bad_query")
        try:
            revocation = DeviceRevocation.from_json(body)
        except CertificateError:
            raise _HttpError(400, "bad_revocation") from None
        if revocation.agency_id != caller.agency_id:
            raise _HttpError(403, "revocation_wrong_agency")
        agency_raw = await self._run(partial(self.store.agency_key, caller.agency_id))
        if agency_raw is None:
            raise _HttpError(403, "unknown_agency")
        try:
            revocation.verify_with_key(
                caller.agency_id,
                Ed25519PublicKey.from_public_bytes(agency_raw),
                caller.now,
                self.config.max_skew_seconds,
            )
        except CertificateError as exc:
            raise _HttpError(403, f"revocation_{exc.reason}") from None
        try:
            await self._store_call(
                partial(
                    self.store.revoke_device,
                    revocation.agency_id,
                    revocation.device_id,
                    caller=caller,
                    tombstone=True,
                )
            )
        except UnknownDevice:  # pragma: no cover - tombstone=True creates the entry
            raise _HttpError(404, "unknown_device") from None
        self._keys.pop((revocation.agency_id, revocation.device_id), None)
        log.info(
            "relay revoked device %s of agency %s at its agency's request",
            revocation.device_id,
            revocation.agency_id,
        )
        return 200, {"status": "revoked"}

    @staticmethod
    def _envelope_meta(caller: Caller, query: dict[str, list[str]]) -> EnvelopeMeta:
        def one(name: str) -> str:
            values = query.get(name)
            if not values or len(values) != 1:
                raise _HttpError(400, f"missing_{name}")
            return values[0]

        try:
            envelope_id = bytes.fromhex(one("id"))
        except ValueError:
            raise _HttpError(400, "bad_envelope_id") from None
        if len(envelope_id) != ENVELOPE_ID_BYTES:
            raise _HttpError(400, "bad_envelope_id")
        sender, recipient, expires = one("from"), one("to"), one("expires")
        if sender != caller.agency_id:
            raise _HttpError(403, "sender_mismatch")
        if not auth.valid_id(recipient):
            raise _HttpError(400, "bad_recipient")
        if not expires.isdigit() or len(expires) > 12:
            raise _HttpError(400, "bad_expiry")
        if int(expires) <= caller.now:
            raise _HttpError(400, "expired")
        return EnvelopeMeta(envelope_id, sender, recipient, int(expires))

    async def _get_inbox(
        self, caller: Caller, query: dict[str, list[str]], body: bytes
    ) -> tuple[int, dict[str, Any]]:
        if body:
            raise _HttpError(400, "unexpected_body")
        after = _int_param(query, "after", None)
        limit = _int_param(query, "limit", 100)
        if limit is None or limit < 1 or (after is not None and after < 0):
            raise _HttpError(400, "bad_query")
        limit = min(limit, self.config.max_fetch_limit)
        page = await self._store_call(partial(self.store.fetch, caller, after, limit))
        return 200, {
            "cursor": page.cursor,
            "more": page.more,
            "envelopes": [
                {
                    "seq": item.seq,
                    "id": item.envelope_id.hex(),
                    "sender": item.sender,
                    "expires": item.expires_at,
                    "body": base64.b64encode(item.body).decode("ascii"),
                }
                for item in page.items
            ],
        }

    async def _post_ack(
        self, caller: Caller, query: dict[str, list[str]], body: bytes
    ) -> tuple[int, dict[str, Any]]:
        if query:
            raise _HttpError(400, "bad_query")
        try:
            seq = json.loads(body)["seq"]
        except (ValueError, KeyError, TypeError):
            raise _HttpError(400, "bad_ack") from None
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
            raise _HttpError(400, "bad_ack")
        try:
            cursor = await self._store_call(partial(self.store.ack, caller, seq))
        except AckBeyondInbox:
            raise _HttpError(400, "ack_beyond_inbox") from None
        return 200, {"cursor": cursor}


def _int_param(query: dict[str, list[str]], name: str, default: int | None) -> int | None:
    values = query.get(name)
    if not values:
        return default
    if len(values) != 1 or not values[0].isdigit() or len(values[0]) > 18:
        raise _HttpError(400, "bad_query")
    return int(values[0])


_ITEM_HEAD = struct.Struct(">16sB")
_ITEM_TAIL = struct.Struct(">QI")


def _decode_batch(
    data: bytes, sender: str, config: RelayConfig
) -> list[tuple[EnvelopeMeta, bytes]]:
    """Parse a batch body (see the module docstring); the framing is `transport._encode_batch`'s."""
    items: list[tuple[EnvelopeMeta, bytes]] = []
    pos = 0
    try:
        while pos < len(data):
            envelope_id, recipient_len = _ITEM_HEAD.unpack_from(data, pos)
            pos += _ITEM_HEAD.size
            recipient = data[pos : pos + recipient_len].decode("ascii")
            pos += recipient_len
            expires, size = _ITEM_TAIL.unpack_from(data, pos)
            pos += _ITEM_TAIL.size
            body = data[pos : pos + size]
            pos += size
            if len(body) != size or size == 0 or not auth.valid_id(recipient):
                raise _HttpError(400, "bad_batch")
            items.append((EnvelopeMeta(envelope_id, sender, recipient, expires), body))
    except (struct.error, UnicodeDecodeError):
        raise _HttpError(400, "bad_batch") from None
    if not items or len(items) > config.max_batch_items:
        raise _HttpError(400, "bad_batch_size")
    return items
