"""The relay as a plain ASGI application: signed devices post opaque envelopes and read their inbox.

(Over 400 lines: this docstring is the wire contract, and the handlers it documents sit with it.)
A framework (Starlette) was weighed and left out: seven fixed routes are one dict, and the order
that matters here (authenticate from the headers, then read the body under a deadline) is
easier to see in plain ASGI than around a framework's request object.

Order of checks for every signed route, so a stranger costs the relay no body read:
route and method; declared Content-Length (413 beyond the route's limit: 256 B for an ack, 4 KiB
for a certificate, 1 MiB, 4 MiB for a batch); the signature headers (well-formed, ASCII digits,
fresh timestamp, nonce not seen by this process); the device's key (401 ``unknown_device``,
403 ``device_revoked``); only then the body, within ``body_timeout_seconds`` (408
``body_timeout``); then the signature over method, path, query and body; the rate limit; the
store transaction (device still active, nonce unused, quotas). A request refused before its body
was read is answered with ``Connection: close``. JSON bodies deeper than ``max_json_depth`` are
400. Connections whose headers take longer than ``header_timeout_seconds`` are closed, and one
address holds at most ``max_connections_per_address`` (`relay.guard`).

Routes (all answers JSON; errors are ``{"error": "<code>"}``):

- ``GET  /v1/health`` -> 200 ``{"status": "ok"}`` (no signature needed).
- ``POST /v1/envelopes?id=<32 hex>&from=<agency>&to=<agency>&expires=<unix s>``, body = the
  envelope bytes. 201 ``stored``; 200 ``already_stored`` (same id, same bytes and routing);
  409 ``conflict`` (same id, anything different); 403 ``sender_mismatch`` (``from`` is not the
  signing agency); 404 ``unknown_recipient`` (no such agency registered here: nothing stored);
  413 ``too_large`` (refused from Content-Length before reading); 429 ``rate_limited`` with
  Retry-After; 507 ``inbox_full`` (recipient at its pending limit) or ``sender_quota`` (this
  sender holds ``max_pending_per_sender`` undelivered envelopes in that inbox).
  The routing metadata travels in the query string so the request signature covers it.
- ``POST /v1/envelopes/batch``, body = items ``id (16) | recipient length (1) | recipient |
  expires (8, big-endian) | body length (4) | body``, sender = the signing agency; the whole
  body is signed. 200 ``{"results": [...]}``, one of ``stored``, ``already_stored``,
  ``conflict``, ``inbox_full``, ``sender_quota``, ``unknown_recipient``, ``expired``,
  ``too_large`` per item, in order, stored in one transaction.
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
  ``certificate_not_yet_valid``, ``device_revoked`` (revocation is final for a device id),
  ``certificate_no_token`` (a certificate without a one-time enrolment token), ``token_used``
  (its token already enrolled another device);
  409 ``device_conflict`` (the device id is enrolled with another key).
  A device enrolled this way is refused (401 ``certificate_expired``) once its certificate has
  expired, beyond the clock-skew allowance.
- ``POST /v1/devices/revoke``, body = a device revocation signed by the agency
  (``keys.DeviceRevocation.to_json``), sent by an enrolled device of that agency whose
  certificate says role admin (usual signature headers): 200 ``revoked``; 403
  ``revocation_not_admin`` from any other device. The device id is refused from then on and
  can never enrol again, also when it had not enrolled yet. 400 ``bad_revocation``; 403
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
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, TypeVar
from urllib.parse import parse_qs

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from intake_app.sync.keys import MAX_DEVICE_BYTES
from intake_app.sync.relay import auth
from intake_app.sync.relay.limits import ascii_int, load_shallow_json
from intake_app.sync.relay.store import (
    ENVELOPE_ID_BYTES,
    NO_KEY,
    AckBeyondInbox,
    Caller,
    DeviceRevoked,
    EnvelopeMeta,
    InboxItem,
    PutOutcome,
    RelayStore,
)
from intake_app.sync.relay.wire import decode_batch

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Handler = Callable[["Caller", dict[str, list[str]], bytes], Awaitable[tuple[int, dict[str, Any]]]]
T = TypeVar("T")

MIB = 1024 * 1024
DAY = 86_400
MAX_ACK_BYTES = 256
_RECENT_NONCES = 65_536


@dataclass(frozen=True, slots=True)
class RelayConfig:
    """Limits and periods of one relay process."""

    max_body_bytes: int = MIB
    max_batch_bytes: int = 4 * MIB
    max_batch_items: int = 500
    rate_per_second: float = 50.0  # per device, sustained
    rate_burst: int = 200  # per device: a laptop back online flushes its outbox
    max_pending_per_recipient: int = 100_000
    # Undelivered envelopes one sender may hold in one recipient's inbox: a registered agency
    # can no longer fill another's inbox and block everyone else's shares to it.
    max_pending_per_sender: int = 2_000
    retention_seconds: int = 30 * DAY
    max_skew_seconds: int = auth.MAX_SKEW_SECONDS
    max_fetch_limit: int = 500
    max_page_bytes: int = 8 * MIB  # envelope bytes per inbox page (at least one envelope)
    purge_interval_seconds: float = 600.0
    header_timeout_seconds: float = 10.0  # request line and headers, from connection or reuse
    body_timeout_seconds: float = 60.0  # the whole body, once its request is authenticated
    max_connections_per_address: int = 64  # 0: no cap (behind a proxy)
    max_connections: int = 4096  # uvicorn's limit_concurrency: 503 beyond
    max_json_depth: int = 8

    def per_worker(self, workers: int) -> RelayConfig:
        """This config for one of `workers` processes: each holds its share of every device's
        rate and burst, so however a device's connections land, together they never allow more
        than the configured limit (at least one request per worker and burst period)."""
        return replace(
            self,
            rate_per_second=self.rate_per_second / workers,
            rate_burst=max(1, self.rate_burst // workers),
        )


class HttpError(Exception):
    def __init__(self, status: int, code: str, headers: list[tuple[bytes, bytes]] | None = None):
        super().__init__(code)
        self.status = status
        self.code = code
        self.headers = headers or []


@contextlib.contextmanager
def _auth_refusals() -> Iterator[None]:
    """A store's authentication refusals as the HTTP answers they are."""
    try:
        yield
    except auth.AuthFailed as exc:
        raise HttpError(401, exc.reason) from None
    except DeviceRevoked:
        raise HttpError(403, "device_revoked") from None


class _TokenBuckets:
    """Per-device token buckets, in this process's memory."""

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


class _Body:
    """The request's receive channel, remembering whether the body was read to its end."""

    def __init__(self, receive: Receive, headers: dict[str, str]) -> None:
        self._receive = receive
        declared = headers.get("content-length")
        self.pending = "transfer-encoding" in headers or (declared not in (None, "0"))
        self.declared = declared

    async def read(self, limit: int, timeout: float) -> bytes:
        chunks: list[bytes] = []
        size = 0
        try:
            async with asyncio.timeout(timeout):
                while True:
                    message = await self._receive()
                    if message["type"] == "http.disconnect":
                        raise HttpError(400, "client_disconnected")
                    chunk: bytes = message.get("body", b"")
                    size += len(chunk)
                    if size > limit:
                        raise HttpError(413, "too_large")
                    chunks.append(chunk)
                    if not message.get("more_body", False):
                        self.pending = False
                        return b"".join(chunks)
        except TimeoutError:
            raise HttpError(408, "body_timeout") from None


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
        # Nonces this process accepted lately: a replay is refused before its body is read.
        # The store's nonce table stays the authority (other processes, restarts).
        self._recent: OrderedDict[bytes, None] = OrderedDict()
        # Agencies are never deleted: once known as a recipient, always known.
        self._recipients: set[str] = set()
        self._purger: asyncio.Task[None] | None = None
        from intake_app.sync.relay import enrolment

        self._routes: dict[str, tuple[str, Handler, int]] = {
            "/v1/envelopes": ("POST", self._post_envelope, self.config.max_body_bytes),
            "/v1/envelopes/batch": ("POST", self._post_batch, self.config.max_batch_bytes),
            "/v1/inbox": ("GET", self._get_inbox, 0),
            "/v1/inbox/ack": ("POST", self._post_ack, MAX_ACK_BYTES),
            "/v1/devices/revoke": ("POST", partial(enrolment.revoke, self), MAX_DEVICE_BYTES),
        }
        self._enrol = partial(enrolment.enrol, self)

    # --- ASGI ---------------------------------------------------------------------------------
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        extra: list[tuple[bytes, bytes]] = []
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        body = _Body(receive, headers)
        try:
            status, payload = await self._route(scope, headers, body)
        except HttpError as exc:
            status, payload, extra = exc.status, {"error": exc.code}, exc.headers
        except Exception as exc:  # noqa: BLE001 - one bad request must not take the relay down
            status, payload = self._internal(exc)
        if body.pending:
            # Refused before its body was read: close rather than drain what may be megabytes.
            extra = [*extra, (b"connection", b"close")]
        data = json.dumps(payload, separators=(",", ":")).encode()
        response_headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(data)).encode()),
            (b"cache-control", b"no-store"),
            *extra,
        ]
        await send({"type": "http.response.start", "status": status, "headers": response_headers})
        await send({"type": "http.response.body", "body": data})

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

    def now(self) -> float:
        return self._clock()

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

    # --- routing and authentication -----------------------------------------------------------
    async def _route(
        self, scope: Scope, headers: dict[str, str], body: _Body
    ) -> tuple[int, dict[str, Any]]:
        """Everything that needs no body first: route, declared size, signature headers, key,
        nonce. Only an authenticated-looking request of a known device has its body read."""
        method: str = scope["method"]
        path: str = scope["path"]
        if path == "/v1/health":
            if method not in ("GET", "HEAD"):
                raise HttpError(405, "method_not_allowed", [(b"allow", b"GET")])
            return 200, {"status": "ok"}
        if path == "/v1/devices":
            if method != "POST":
                raise HttpError(405, "method_not_allowed", [(b"allow", b"POST")])
            self._check_declared(body, MAX_DEVICE_BYTES)
            return await self._enrol(scope, headers, body)
        route = self._routes.get(path)
        if route is None:
            raise HttpError(404, "not_found")
        allowed, handler, limit = route
        if method != allowed:
            raise HttpError(405, "method_not_allowed", [(b"allow", allowed.encode())])
        self._check_declared(body, limit)
        claims = self.claims(headers)
        key = await self._public_key(claims.agency_id, claims.device_id)
        data = await body.read(limit, self.config.body_timeout_seconds) if body.pending else b""
        caller, query = self._verify(scope, claims, key, data)
        return await handler(caller, query, data)

    @staticmethod
    def _check_declared(body: _Body, limit: int) -> None:
        if body.declared is not None:
            size = ascii_int(body.declared)
            if size is None:
                raise HttpError(400, "bad_content_length")
            if size > limit:
                raise HttpError(413, "too_large")  # before reading any of it

    def claims(self, headers: dict[str, str]) -> auth.SignedRequest:
        """Parse the signature headers, refuse a stale time or a nonce this process has seen."""
        try:
            claims = auth.parse_auth(headers)
            auth.check_fresh(claims, self._clock(), self.config.max_skew_seconds)
        except auth.AuthFailed as exc:
            raise HttpError(401, exc.reason) from None
        if claims.nonce in self._recent:
            raise HttpError(401, "replayed_nonce")
        return claims

    def signed_path(self, scope: Scope) -> str:
        raw_path: bytes = scope.get("raw_path") or scope["path"].encode()
        query_bytes: bytes = scope.get("query_string", b"")
        path = raw_path.decode("latin-1")
        return f"{path}?{query_bytes.decode('latin-1')}" if query_bytes else path

    def _verify(
        self, scope: Scope, claims: auth.SignedRequest, key: Ed25519PublicKey, body: bytes
    ) -> tuple[Caller, dict[str, list[str]]]:
        try:
            auth.verify(
                key, claims, scope["method"], self.signed_path(scope), hashlib.sha256(body).digest()
            )
        except auth.AuthFailed as exc:
            raise HttpError(401, exc.reason) from None
        self.remember_nonce(claims.nonce)
        self.take_token(claims)
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        return Caller(claims.agency_id, claims.device_id, claims.nonce, int(self._clock())), query

    def remember_nonce(self, nonce: bytes) -> None:
        self._recent[nonce] = None
        if len(self._recent) > _RECENT_NONCES:
            self._recent.popitem(last=False)

    def take_token(self, claims: auth.SignedRequest) -> None:
        """Rate-limit a device whose signature verified (made-up ids never get a bucket)."""
        wait = self._buckets.take((claims.agency_id, claims.device_id), time.monotonic())
        if wait > 0:
            retry = str(max(1, math.ceil(wait))).encode()
            raise HttpError(429, "rate_limited", [(b"retry-after", retry)])

    async def _public_key(self, agency_id: str, device_id: str) -> Ed25519PublicKey:
        cached = self._keys.get((agency_id, device_id))
        if cached is not None and self._expired(cached[1]):
            # Another relay process may have taken a renewed certificate: look again.
            cached = None
        if cached is None:
            entry = await self._run(partial(self.store.device_entry, agency_id, device_id))
            if entry is None:
                raise HttpError(401, "unknown_device")
            if entry.public_key == NO_KEY:  # revoked before it ever enrolled
                raise HttpError(403, "device_revoked")
            cached = (
                Ed25519PublicKey.from_public_bytes(entry.public_key),
                entry.certificate_expires,
            )
            self._keys[(agency_id, device_id)] = cached
        key, expires = cached
        if self._expired(expires):
            raise HttpError(401, "certificate_expired")
        return key

    def forget_key(self, agency_id: str, device_id: str) -> None:
        self._keys.pop((agency_id, device_id), None)

    def _expired(self, expires: int | None) -> bool:
        return expires is not None and self._clock() > expires + self.config.max_skew_seconds

    async def store_call(self, fn: Callable[[], T]) -> T:
        """Run a store operation, mapping its authentication refusals to HTTP."""
        with _auth_refusals():
            return await self._run(fn)

    async def _known_recipients(self, recipients: set[str]) -> set[str]:
        unknown = recipients - self._recipients
        if unknown:
            found = await self._run(partial(self.store.known_agencies, sorted(unknown)))
            self._recipients |= found
        return recipients & self._recipients

    # --- handlers -----------------------------------------------------------------------------
    async def _put(
        self, caller: Caller, items: list[tuple[EnvelopeMeta, bytes]]
    ) -> list[PutOutcome]:
        # Straight to the store's writer, not through a thread of the pool: the hot path.
        future = self.store.submit_put(
            caller, items, self.config.max_pending_per_recipient, self.config.max_pending_per_sender
        )
        with _auth_refusals():
            return await asyncio.wrap_future(future)

    async def _post_envelope(
        self, caller: Caller, query: dict[str, list[str]], body: bytes
    ) -> tuple[int, dict[str, Any]]:
        meta = self._envelope_meta(caller, query)
        if not body:
            raise HttpError(400, "empty_body")
        if not await self._known_recipients({meta.recipient}):
            await self.store_call(partial(self.store.claim, caller))  # revoked, replayed first
            raise HttpError(404, "unknown_recipient")
        (outcome,) = await self._put(caller, [(meta, body)])
        if outcome is PutOutcome.STORED:
            return 201, {"status": "stored"}
        if outcome is PutOutcome.ALREADY_STORED:
            return 200, {"status": "already_stored"}
        if outcome is PutOutcome.CONFLICT:
            raise HttpError(409, "conflict")
        log.warning("relay %s for recipient %s", outcome.value, meta.recipient)
        raise HttpError(507, outcome.value)

    async def _post_batch(
        self, caller: Caller, query: dict[str, list[str]], body: bytes
    ) -> tuple[int, dict[str, Any]]:
        if query:
            raise HttpError(400, "bad_query")
        items = decode_batch(body, caller.agency_id, self.config.max_batch_items)
        if items is None:
            raise HttpError(400, "bad_batch")
        known = await self._known_recipients({meta.recipient for meta, _ in items})

        def refusal(meta: EnvelopeMeta, data: bytes) -> str | None:
            if len(data) > self.config.max_body_bytes:
                return "too_large"
            if meta.recipient not in known:
                return "unknown_recipient"
            return "expired" if meta.expires_at <= caller.now else None

        refusals = [refusal(meta, data) for meta, data in items]
        live = [item for item, refused in zip(items, refusals, strict=True) if refused is None]
        if not live:
            await self.store_call(partial(self.store.claim, caller))
        outcomes = iter(await self._put(caller, live) if live else [])
        results = [refused or next(outcomes).value for refused in refusals]
        if PutOutcome.INBOX_FULL.value in results or PutOutcome.SENDER_QUOTA.value in results:
            log.warning("relay inbox quota reached for a batch of agency %s", caller.agency_id)
        return 200, {"results": results}

    @staticmethod
    def _envelope_meta(caller: Caller, query: dict[str, list[str]]) -> EnvelopeMeta:
        def one(name: str) -> str:
            values = query.get(name)
            if not values or len(values) != 1:
                raise HttpError(400, f"missing_{name}")
            return values[0]

        try:
            envelope_id = bytes.fromhex(one("id"))
        except ValueError:
            raise HttpError(400, "bad_envelope_id") from None
        if len(envelope_id) != ENVELOPE_ID_BYTES:
            raise HttpError(400, "bad_envelope_id")
        sender, recipient = one("from"), one("to")
        expires = ascii_int(one("expires"), 12)
        if sender != caller.agency_id:
            raise HttpError(403, "sender_mismatch")
        if not auth.valid_id(recipient):
            raise HttpError(400, "bad_recipient")
        if expires is None:
            raise HttpError(400, "bad_expiry")
        if expires <= caller.now:
            raise HttpError(400, "expired")
        return EnvelopeMeta(envelope_id, sender, recipient, expires)

    async def _get_inbox(
        self, caller: Caller, query: dict[str, list[str]], body: bytes
    ) -> tuple[int, dict[str, Any]]:
        if body:
            raise HttpError(400, "unexpected_body")
        after = _int_param(query, "after", None)
        limit = _int_param(query, "limit", 100)
        if limit is None or limit < 1:
            raise HttpError(400, "bad_query")
        limit = min(limit, self.config.max_fetch_limit)
        page = await self.store_call(partial(self.store.fetch, caller, after, limit))
        items: list[InboxItem] = []
        size = 0
        for item in page.items:
            size += len(item.body)
            if items and size > self.config.max_page_bytes:
                break  # the client's answer cap stays far above a page
            items.append(item)
        return 200, {
            "cursor": page.cursor,
            "more": page.more or len(items) < len(page.items),
            "envelopes": [
                {
                    "seq": item.seq,
                    "id": item.envelope_id.hex(),
                    "sender": item.sender,
                    "expires": item.expires_at,
                    "body": base64.b64encode(item.body).decode("ascii"),
                }
                for item in items
            ],
        }

    async def _post_ack(
        self, caller: Caller, query: dict[str, list[str]], body: bytes
    ) -> tuple[int, dict[str, Any]]:
        if query:
            raise HttpError(400, "bad_query")
        try:
            seq = load_shallow_json(body, self.config.max_json_depth)["seq"]
        except (ValueError, KeyError, TypeError):
            raise HttpError(400, "bad_ack") from None
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
            raise HttpError(400, "bad_ack")
        try:
            cursor = await self.store_call(partial(self.store.ack, caller, seq))
        except AckBeyondInbox:
            raise HttpError(400, "ack_beyond_inbox") from None
        return 200, {"cursor": cursor}


def _int_param(query: dict[str, list[str]], name: str, default: int | None) -> int | None:
    values = query.get(name)
    if not values:
        return default
    value = ascii_int(values[0]) if len(values) == 1 else None
    if value is None:
        raise HttpError(400, "bad_query")
    return value
