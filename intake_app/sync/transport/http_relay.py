"""The HTTP relay client (httpx): signed requests, proxies honoured, answers streamed under a cap.

Why over 400 lines: one client class whose requests share the signing flow, the retry and
rate-limit rules and the answer-size cap; split, each rule would have to be read in two places.
"""

from __future__ import annotations

import importlib.util
import ipaddress
import json
import socket
import ssl
import threading
import time
import urllib.request
from base64 import b64decode
from binascii import Error as BinasciiError
from collections.abc import Callable, Generator, Sequence
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from intake_app.sync.relay.auth import sign_request, valid_id
from intake_app.sync.relay.wire import ITEM_OVERHEAD, encode_item
from intake_app.sync.transport.base import (
    MAX_ANSWER_BYTES,
    MAX_ENVELOPE_BYTES,
    IncomingEnvelope,
    OutgoingEnvelope,
    ReceiveBatch,
    ReceiveProblem,
    SendResult,
    TransportError,
    TransportRateLimited,
    TransportRejected,
    TransportUnavailable,
)
from intake_app.threads import assert_not_gui_thread


# --- HTTP relay ----------------------------------------------------------------------------------
def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _proxy_for(url: str) -> str | None:
    """The proxy named for `url` by HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY (and, on
    Windows and macOS, the system settings): an agency behind a proxy must be able to sync.
    Read with the standard library's rules."""
    parts = urlsplit(url)
    proxies = urllib.request.getproxies()
    if not proxies or urllib.request.proxy_bypass(parts.hostname or ""):
        return None
    return proxies.get(parts.scheme) or proxies.get("all")


class _Signing(httpx.Auth):
    """httpx auth flow: signs each request (method, path with query, body) with the device key.

    A resend (httpx's own, or ours after a dropped kept-alive connection) passes through here
    again and gets a fresh timestamp and nonce.
    """

    requires_request_body = True

    def __init__(
        self, key: Ed25519PrivateKey, agency_id: str, device_id: str, clock: Callable[[], float]
    ) -> None:
        self._key = key
        self._ids = (agency_id, device_id)
        self._clock = clock

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers.update(
            sign_request(
                self._key,
                agency_id=self._ids[0],
                device_id=self._ids[1],
                method=request.method,
                path=request.url.raw_path.decode("ascii"),
                body=request.content,
                timestamp=int(self._clock()),
            )
        )
        yield request


class HttpRelayTransport:
    """Client of the relay (see `intake_app.sync.relay.app` for the protocol), on httpx.

    Behaviour, so the engine can rely on it:

    - Every call is safe to retry. `send` is idempotent by envelope id: if the answer to a send
      was lost (relay stopped mid-request, timeout), sending again returns STORED or
      ALREADY_STORED, never a duplicate; `send_many` likewise per envelope (up to 500 or
      4 MiB per request, one relay transaction each: resend the whole list after an error,
      what was stored answers ALREADY_STORED). `receive` only reads. `acknowledge` only moves this
      device's cursor forward, so repeating it changes nothing.
    - Errors are typed. `TransportUnavailable`: connection refused or reset, DNS, timeout, TLS
      failure, a proxy that refuses, a 5xx (or 507 inbox full / sender quota, 404 unknown
      recipient: the partner has not enrolled at this relay yet) answer, an answer larger than
      `max_answer_bytes`: keep the envelope queued and retry with backoff.
      `TransportRateLimited` (a TransportUnavailable): wait `retry_after` seconds.
      `TransportRejected`: 401/403 (this device is not enrolled, revoked, or its clock is off:
      stop and tell the admin), 413 (too large: never retry), 409 (the id was used with other
      bytes: quarantine), other 4xx. `reason` is the relay's error code, `status` the HTTP status.
    - The only retry done here is one immediate resend, freshly signed, when a kept-alive
      connection turns out to have been closed by the relay before the answer came.
      Backoff is the engine's job.
    - One httpx client per instance: connections are kept alive and reused (HTTP/2 over TLS when
      the relay or its proxy offers it), `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` are honoured,
      and an answer is read as a stream and abandoned past `max_answer_bytes`. Calls are
      serialised by a lock, so an instance may be shared between threads. Never call it on the
      GUI thread.
    - `receive` continues after the last received batch in this process; a fresh instance
      starts from the cursor the relay stores for this device (advanced by `acknowledge`), so
      a device that lost its local state resumes where it last acknowledged.
    - Plain http:// is refused except to a loopback address (tests, a local relay), unless
      `allow_plain_http` is set: signatures stop forgery, not observation of metadata.
    - Self-enrolment: given `certificate` (this device's `DeviceCertificate.to_json()`, signed by
      its agency), a 401 ``unknown_device`` makes the client enrol itself (`enrol`, POST
      /v1/devices) and resend the request once, freshly signed. A refused enrolment raises its
      own `TransportRejected` (e.g. 403 ``device_revoked``, ``unknown_agency``). `enrol` may
      also be called directly; enrolling again with the same key is harmless.
    """

    name = "relay"

    def __init__(
        self,
        base_url: str,
        agency_id: str,
        device_id: str,
        signing_key: Ed25519PrivateKey,
        *,
        timeout: float = 15.0,
        max_body_bytes: int = MAX_ENVELOPE_BYTES,
        max_answer_bytes: int = MAX_ANSWER_BYTES,
        ssl_context: ssl.SSLContext | None = None,
        allow_plain_http: bool = False,
        clock: Callable[[], float] = time.time,
        certificate: bytes | None = None,
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("relay URL must be http(s)://host[:port]")
        if parts.path not in ("", "/") or parts.query:
            raise ValueError("relay URL takes no path or query")
        if parts.scheme == "http" and not (allow_plain_http or _is_loopback(parts.hostname)):
            raise ValueError("plain http to a relay is only allowed on loopback")
        if not (valid_id(agency_id) and valid_id(device_id)):
            raise ValueError("agency and device ids are 1-64 of A-Z a-z 0-9 . _ -")
        self.agency_id = agency_id
        self.device_id = device_id
        self._key = signing_key
        self._base = f"{parts.scheme}://{parts.netloc}"
        self._timeout = timeout
        self._max_body = max_body_bytes
        self._max_answer = max_answer_bytes
        self._clock = clock
        self._lock = threading.Lock()
        self._after: int | None = None
        self._certificate = certificate
        self.enrolled = False  # set once this instance enrolled the device (or found it enrolled)
        http2 = parts.scheme == "https" and importlib.util.find_spec("h2") is not None
        self._http = httpx.Client(
            base_url=self._base,
            timeout=timeout,
            # Our own transport so TCP_NODELAY is set: headers and body go out as two writes,
            # and Nagle with the relay's delayed ACK would add 40 ms to every POST. The proxy is
            # then ours to choose, from the environment as httpx itself would.
            transport=httpx.HTTPTransport(
                verify=ssl_context or True,
                http2=http2,
                proxy=_proxy_for(base_url),
                limits=httpx.Limits(max_connections=4, max_keepalive_connections=4),
                socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)],
            ),
            headers={"Accept": "application/json"},
            follow_redirects=False,
        )
        self._signing = _Signing(signing_key, agency_id, device_id, clock)

    # --- the Transport protocol ---------------------------------------------------------------
    def send(self, envelope: OutgoingEnvelope) -> SendResult:
        """POST the envelope; STORED the first time, ALREADY_STORED on a repeat."""
        if envelope.sender != self.agency_id:
            raise ValueError("a device sends only as its own agency")
        if len(envelope.body) > self._max_body:
            raise TransportRejected(transport=self.name, reason="too_large", status=413)
        query = urlencode(
            {
                "id": envelope.envelope_id.hex(),
                "from": envelope.sender,
                "to": envelope.recipient,
                "expires": str(envelope.expires_at),
            }
        )
        status, _ = self._request("POST", f"/v1/envelopes?{query}", envelope.body)
        return SendResult.STORED if status == 201 else SendResult.ALREADY_STORED

    def send_many(self, envelopes: Sequence[OutgoingEnvelope]) -> list[SendResult | TransportError]:
        """POST envelopes in batches (one request, one relay transaction per batch)."""
        results: list[SendResult | TransportError | None] = [None] * len(envelopes)
        chunk: list[int] = []
        chunk_bytes = 0
        for i, envelope in enumerate(envelopes):
            if envelope.sender != self.agency_id:
                raise ValueError("a device sends only as its own agency")
            if len(envelope.body) > self._max_body:
                results[i] = TransportRejected(transport=self.name, reason="too_large", status=413)
                continue
            size = len(envelope.body) + ITEM_OVERHEAD
            if chunk and (len(chunk) == BATCH_ITEMS or chunk_bytes + size > BATCH_BYTES):
                self._send_batch(envelopes, chunk, results)
                chunk, chunk_bytes = [], 0
            chunk.append(i)
            chunk_bytes += size
        if chunk:
            self._send_batch(envelopes, chunk, results)
        return [r for r in results if r is not None]

    def _send_batch(
        self,
        envelopes: Sequence[OutgoingEnvelope],
        chunk: list[int],
        results: list[SendResult | TransportError | None],
    ) -> None:
        body = b"".join(
            encode_item(e.envelope_id, e.recipient, e.expires_at, e.body)
            for e in (envelopes[i] for i in chunk)
        )
        _, payload = self._request("POST", "/v1/envelopes/batch", body)
        answers = payload.get("results")
        if not isinstance(answers, list) or len(answers) != len(chunk):
            raise TransportUnavailable(transport=self.name, reason="malformed_batch_answer")
        for i, answer in zip(chunk, answers, strict=True):
            results[i] = self._batch_result(str(answer))

    def _batch_result(self, answer: str) -> SendResult | TransportError:
        if answer == "stored":
            return SendResult.STORED
        if answer == "already_stored":
            return SendResult.ALREADY_STORED
        if answer in ("inbox_full", "sender_quota"):
            return TransportUnavailable(transport=self.name, reason=answer, status=507)
        if answer == "unknown_recipient":
            # The partner has no laptop at this relay yet: retry later, it may enrol.
            return TransportUnavailable(transport=self.name, reason=answer, status=404)
        status = {"conflict": 409, "too_large": 413}.get(answer, 400)
        return TransportRejected(transport=self.name, reason=answer, status=status)

    def receive(self, limit: int = 100) -> ReceiveBatch:
        """GET the next page of this agency's inbox after this device's cursor."""
        params = {"limit": str(limit)}
        if self._after is not None:
            params["after"] = str(self._after)
        _, payload = self._request("GET", f"/v1/inbox?{urlencode(params)}", b"")
        envelopes: list[IncomingEnvelope] = []
        problems: list[ReceiveProblem] = []
        last = self._after if self._after is not None else int(payload.get("cursor", 0))
        for item in payload.get("envelopes", []):
            seq = item.get("seq") if isinstance(item, dict) else None
            if not isinstance(seq, int):
                # Without a seq the page cannot be resumed past it: that is the relay's fault.
                raise TransportUnavailable(transport=self.name, reason="malformed_inbox")
            last = max(last, seq)
            try:
                envelopes.append(
                    IncomingEnvelope(
                        envelope_id=bytes.fromhex(item["id"]),
                        sender=str(item["sender"]),
                        recipient=self.agency_id,
                        expires_at=int(item["expires"]),
                        body=b64decode(item["body"], validate=True),
                        source=f"relay:{seq}",
                    )
                )
            except (KeyError, TypeError, ValueError, BinasciiError):
                problems.append(ReceiveProblem(f"relay:{seq}", "malformed_item"))
        self._after = last
        cursor = str(last) if envelopes or problems else ""
        return ReceiveBatch(tuple(envelopes), tuple(problems), bool(payload.get("more")), cursor)

    def acknowledge(self, batch: ReceiveBatch) -> None:
        """Advance this device's cursor at the relay past `batch`."""
        if batch.cursor:
            self.ack(int(batch.cursor))

    def close(self) -> None:
        with self._lock:
            self._http.close()

    # --- extras -------------------------------------------------------------------------------
    def ack(self, seq: int) -> int:
        """Advance this device's relay cursor to at least `seq`; return the stored cursor."""
        body = json.dumps({"seq": seq}).encode()
        _, payload = self._request("POST", "/v1/inbox/ack", body)
        return int(payload["cursor"])

    def enrol(self) -> SendResult:
        """Present this device's certificate to the relay (POST /v1/devices).

        STORED when newly enrolled, ALREADY_STORED when it already was; raises
        `TransportRejected` with the relay's reason when refused.
        """
        if self._certificate is None:
            raise TransportRejected(transport=self.name, reason="no_certificate")
        status, _ = self._request("POST", "/v1/devices", self._certificate, enrol_on_401=False)
        self.enrolled = True
        return SendResult.STORED if status == 201 else SendResult.ALREADY_STORED

    def revoke_device(self, revocation: bytes) -> None:
        """Hand the relay a revocation signed by this device's agency (`DeviceRevocation`):
        the laptop it names is refused from now on. Raises `TransportRejected` if refused."""
        self._request("POST", "/v1/devices/revoke", revocation)

    def forget_cursor(self) -> None:
        """Read from the relay's stored cursor again on the next `receive`."""
        self._after = None

    def health(self) -> bool:
        """True if the relay answers its health check."""
        try:
            status, _ = self._request("GET", "/v1/health", b"", signed=False)
        except TransportError:
            return False
        return status == 200

    # --- HTTP ---------------------------------------------------------------------------------
    def _request(
        self,
        method: str,
        path: str,
        body: bytes,
        *,
        signed: bool = True,
        enrol_on_401: bool = True,
    ) -> tuple[int, dict[str, Any]]:
        try:
            return self._request_once(method, path, body, signed=signed)
        except TransportRejected as exc:
            if not (
                enrol_on_401
                and signed
                and self._certificate is not None
                and exc.status == 401
                and exc.reason == "unknown_device"
            ):
                raise
        # First contact with a relay that does not know this device yet: enrol, resend once.
        self.enrol()
        return self._request_once(method, path, body, signed=signed)

    def _request_once(
        self, method: str, path: str, body: bytes, *, signed: bool
    ) -> tuple[int, dict[str, Any]]:
        assert_not_gui_thread("relay request")
        with self._lock:
            try:
                response = self._exchange(method, path, body, signed=signed)
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError):
                # The relay closed an idle kept-alive connection: one fresh attempt.
                response = self._exchange_or_unavailable(method, path, body, signed=signed)
            except httpx.HTTPError as exc:
                raise TransportUnavailable(transport=self.name, reason=_net_reason(exc)) from None
        return self._interpret(*response)

    def _exchange_or_unavailable(
        self, method: str, path: str, body: bytes, *, signed: bool
    ) -> tuple[int, dict[str, str], bytes]:
        try:
            return self._exchange(method, path, body, signed=signed)
        except httpx.HTTPError as exc:
            raise TransportUnavailable(transport=self.name, reason=_net_reason(exc)) from None

    def _exchange(
        self, method: str, path: str, body: bytes, *, signed: bool
    ) -> tuple[int, dict[str, str], bytes]:
        request = self._http.build_request(
            method,
            path,
            content=body if body or method == "POST" else None,
            headers={"Content-Type": "application/octet-stream"} if method == "POST" else None,
        )
        response = self._http.send(request, auth=self._signing if signed else None, stream=True)
        try:
            declared = response.headers.get("content-length", "")
            if declared.isascii() and declared.isdigit() and int(declared) > self._max_answer:
                raise TransportUnavailable(transport=self.name, reason="answer_too_large")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self._max_answer:
                    raise TransportUnavailable(transport=self.name, reason="answer_too_large")
                chunks.append(chunk)
        finally:
            response.close()
        return response.status_code, dict(response.headers), b"".join(chunks)

    def _interpret(
        self, status: int, headers: dict[str, str], data: bytes
    ) -> tuple[int, dict[str, Any]]:
        try:
            payload = json.loads(data) if data else {}
            if not isinstance(payload, dict):
                payload = {}
        except (ValueError, RecursionError):
            payload = {}
        reason = str(payload.get("error", f"http_{status}"))
        if status < 300:
            return status, payload
        if status == 429:
            retry = headers.get("retry-after", "1")
            raise TransportRateLimited(
                transport=self.name,
                reason=reason,
                status=status,
                retry_after=int(retry) if retry.isascii() and retry.isdigit() else 1,
            )
        if status >= 500 or reason == "unknown_recipient":
            raise TransportUnavailable(transport=self.name, reason=reason, status=status)
        raise TransportRejected(transport=self.name, reason=reason, status=status)


BATCH_ITEMS = 500  # the relay's default max_batch_items
BATCH_BYTES = 4 * 1024 * 1024  # the relay's default max_batch_bytes


def _net_reason(exc: BaseException) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return "timeout"
    if isinstance(exc, httpx.ProxyError):
        return "proxy_refused"
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ConnectionRefusedError):
            return "connection_refused"
        if isinstance(cause, ssl.SSLError):
            return "tls_error"
        if isinstance(cause, socket.gaierror):
            return "name_resolution"
        cause = cause.__cause__ or cause.__context__
    if isinstance(exc, httpx.ConnectError):
        text = str(exc).lower()  # httpcore flattens the OS error into its message
        if "refused" in text:
            return "connection_refused"
        if "ssl" in text or "certificate" in text:
            return "tls_error"
        if "name" in text and "resol" in text:
            return "name_resolution"
    if isinstance(exc, httpx.RemoteProtocolError | httpx.DecodingError):
        return "bad_http_response"
    return "network_error"
