"""The reference for bench_relay: a bare ASGI hello-world on the relay's own server stack
(uvicorn, h11, the connection guard), one process. Prints ``ready on URL`` once listening."""

from __future__ import annotations

import socket
import sys
from typing import Any

import uvicorn

from intake_app.sync.relay.guard import guarded_protocol, uvicorn_limits

BODY = b'{"status":"ok"}'


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    more = True
    while more:  # read the request body, as the relay does
        message = await receive()
        more = message.get("more_body", False)
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"application/json"), (b"content-length", b"15")],
        }
    )
    await send({"type": "http.response.body", "body": BODY})


def main() -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]

    class Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets)
            sys.stdout.write(f"ready on http://127.0.0.1:{port}\n")
            sys.stdout.flush()

    config = uvicorn.Config(
        app, http=guarded_protocol(10.0, 0), access_log=False, log_level="warning",
        lifespan="off", **uvicorn_limits(4096),
    )  # fmt: skip
    Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main()
