"""Connection limits uvicorn does not have: a header read deadline, a header size cap, and a cap
on connections per client address.

uvicorn closes idle kept-alive connections (`timeout_keep_alive`) and answers 503 beyond
`limit_concurrency`, but a client that sends half a request line and then nothing holds its
connection for ever: 1,000 such connections were all still held after a minute. The protocols
below (uvicorn's own, with these additions) close a connection whose request headers are not
complete `header_timeout` seconds after it became ready for a request, or pass `MAX_HEADER_BYTES`,
and refuse a connection from an address that already holds `per_address` of them.

uvicorn's httptools protocol (its C parser, what ``uvicorn[standard]`` uses) is taken when
httptools is installed, h11 otherwise: parsing is a large share of a small request's cost.

Behind a TLS proxy every connection comes from the proxy's address: run with a cap of 0 (none)
there and let the proxy limit per client.
"""

from __future__ import annotations

import asyncio
import importlib.util
from collections import Counter
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

MAX_HEADER_BYTES = 16 * 1024


class _Guard:
    """What both protocol classes add; `_limits` and `_open` are set per server by the factory."""

    _limits: tuple[float, int] = (10.0, 0)
    _open: Counter[str]
    _address: str | None = None
    _deadline: asyncio.TimerHandle | None = None
    _header_bytes = 0
    loop: asyncio.AbstractEventLoop
    client: tuple[str, int] | None
    transport: asyncio.Transport

    def _admit(self, transport: asyncio.Transport) -> bool:
        """Count the connection against its address; False (and aborted) beyond the cap."""
        per_address = self._limits[1]
        address = self.client[0] if self.client else None
        if address is not None and per_address > 0:
            if self._open[address] >= per_address:
                transport.abort()
                return False
            self._open[address] += 1
            self._address = address
        self._arm()
        return True

    def _release(self) -> None:
        self._disarm()
        if self._address is not None:
            self._open[self._address] -= 1
            if self._open[self._address] <= 0:
                del self._open[self._address]
            self._address = None

    def _waiting_headers(self, data: bytes) -> None:
        """Bytes arrived while a request's headers are incomplete."""
        self._header_bytes += len(data)
        if self._header_bytes > MAX_HEADER_BYTES and not self.transport.is_closing():
            self.transport.close()

    def _arm(self) -> None:
        self._disarm()
        self._header_bytes = 0
        self._deadline = self.loop.call_later(self._limits[0], self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            self.transport.close()


class _GuardedH11(_Guard, H11Protocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._admit(transport)

    def connection_lost(self, exc: Exception | None) -> None:
        self._release()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        waiting = self._deadline is not None
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._disarm()  # the request line and headers are in
        elif waiting:
            self._waiting_headers(data)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self._arm()  # the next request on this connection


def _httptools_class() -> type[Any] | None:
    if importlib.util.find_spec("httptools") is None:
        return None
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class _GuardedHttpTools(_Guard, HttpToolsProtocol):
        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._admit(transport)

        def connection_lost(self, exc: Exception | None) -> None:
            self._release()
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            waiting = self._deadline is not None
            super().data_received(data)
            if waiting and self._deadline is not None:  # still no complete headers
                self._waiting_headers(data)

        def on_headers_complete(self) -> None:
            self._disarm()
            super().on_headers_complete()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.pipeline and not self.transport.is_closing():
                self._arm()

    return _GuardedHttpTools


def guarded_protocol(
    header_timeout: float, per_address: int, *, parser: str = "auto"
) -> type[asyncio.Protocol]:
    """A protocol class enforcing the limits; one class (one address table) per server.
    `parser`: "httptools", "h11", or "auto" (httptools when installed)."""
    base: type[Any] | None = _httptools_class() if parser in ("auto", "httptools") else None
    if base is None:
        if parser == "httptools":
            raise ValueError("httptools is not installed")
        base = _GuardedH11
    return type(
        "GuardedProtocol",
        (base,),
        {"_limits": (header_timeout, per_address), "_open": Counter()},
    )


def uvicorn_limits(max_connections: int) -> dict[str, Any]:
    """The uvicorn settings that go with the guard (503 beyond `max_connections`)."""
    return {
        "limit_concurrency": max_connections or None,
        "timeout_keep_alive": 5,
        "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
    }
