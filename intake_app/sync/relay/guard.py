"""Connection limits uvicorn does not have: a header read deadline and a cap per client address.

uvicorn closes idle kept-alive connections (`timeout_keep_alive`) and answers 503 beyond
`limit_concurrency`, but a client that sends half a request line and then nothing holds its
connection for ever: 1,000 such connections were all still held after a minute. The protocol
below (uvicorn's own h11 protocol, with two additions) closes a connection whose request headers
are not complete `header_timeout` seconds after it became ready for a request, and refuses a
connection from an address that already holds `per_address` of them.

Behind a TLS proxy every connection comes from the proxy's address: run with a cap of 0 (none)
there and let the proxy limit per client.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol


def guarded_protocol(header_timeout: float, per_address: int) -> type[H11Protocol]:
    """An h11 protocol class enforcing both limits; one class (one address table) per server."""
    open_per_address: Counter[str] = Counter()

    class GuardedH11Protocol(H11Protocol):
        _address: str | None = None
        _header_deadline: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            address = self.client[0] if self.client else None
            if address is not None and per_address > 0:
                if open_per_address[address] >= per_address:
                    transport.abort()
                    return
                open_per_address[address] += 1
                self._address = address
            self._arm_header_deadline()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm_header_deadline()
            if self._address is not None:
                open_per_address[self._address] -= 1
                if open_per_address[self._address] <= 0:
                    del open_per_address[self._address]
                self._address = None
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self.conn.their_state is not h11.IDLE:
                self._disarm_header_deadline()  # the request line and headers are in

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self._arm_header_deadline()  # the next request on this connection

        def _arm_header_deadline(self) -> None:
            self._disarm_header_deadline()
            self._header_deadline = self.loop.call_later(header_timeout, self._headers_too_slow)

        def _disarm_header_deadline(self) -> None:
            if self._header_deadline is not None:
                self._header_deadline.cancel()
                self._header_deadline = None

        def _headers_too_slow(self) -> None:
            self._header_deadline = None
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self.transport.close()

    return GuardedH11Protocol


def uvicorn_limits(max_connections: int) -> dict[str, Any]:
    """The uvicorn settings that go with the guard (503 beyond `max_connections`)."""
    return {
        "limit_concurrency": max_connections or None,
        "timeout_keep_alive": 5,
        "h11_max_incomplete_event_size": 16 * 1024,
    }
