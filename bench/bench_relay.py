"""Relay throughput on loopback, beside a bare ASGI hello-world on the same server stack.

``python -m bench.bench_relay [--n 4000] [--threads 8] [--quick]``. Everything runs as its own
process, as deployed (`python -m intake_app.sync.relay.server serve`, waiting on its ready line).
In one run, per backend (SQLite FULL, PostgreSQL with fsync on, 1 and 2 worker processes):

- ``send``: one request per ~2 KiB envelope (what a laptop sending one share does), from
  `threads` devices with our httpx client (kept-alive connections);
- ``send_many(100)``: the batch path;
- ``fetch+ack``: 500 envelopes per page;
- ``wrk``: the third-party load generator posting pre-signed single envelopes (each request has
  its own nonce, so the list is made before the run and is larger than wrk can send).

The reference rows: the hello-world app under the same uvicorn and connection guard, asked by
our client (a POST of the same body) and by wrk. Target (issue 16): single-envelope posts at
3,000/s or more on SQLite (judged on wrk's row: our client's own ceiling is the hello-world row),
and more with 2 workers on PostgreSQL.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from bench.common import table
from intake_app.sync.relay.auth import sign_request
from intake_app.sync.relay.server import register_device
from intake_app.sync.transport import HttpRelayTransport, OutgoingEnvelope, SendResult
from tests.integration.conftest import HOST, PostgresCluster, RelayProcess, raw_public_key

TARGET = 3000.0
FAST = ("--rate", "1000000", "--burst", "1000000", "--max-pending", "100000000",
        "--max-pending-per-sender", "100000000", "--max-connections-per-address", "0")  # fmt: skip
WRK_LUA = Path(__file__).with_name("wrk_requests.lua")


@dataclass
class Row:
    target: str
    mode: str
    rate: float
    note: str = ""


def _threads(n: int, work: Callable[[int], None]) -> float:
    """Seconds `n` threads take to run work(0..n-1)."""
    workers = [threading.Thread(target=work, args=(i,)) for i in range(n)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return time.perf_counter() - start


class Bench:
    def __init__(self, n: int, threads: int, size: int, wrk_seconds: float) -> None:
        self.n, self.threads, self.size, self.wrk_seconds = n, threads, size, wrk_seconds
        self.body = os.urandom(size)
        self.rows: list[Row] = []

    # --- the reference ----------------------------------------------------------------------
    def reference(self) -> None:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bench.hello_asgi"], stdout=subprocess.PIPE
        )
        assert proc.stdout is not None
        url = proc.stdout.readline().decode().split()[-1]
        try:
            per = self.n // self.threads
            key = Ed25519PrivateKey.generate()

            def work(i: int) -> None:
                client = HttpRelayTransport(url, "hello", f"d{i}", key)
                for _ in range(per):
                    client._request("POST", "/post", self.body, signed=False)
                client.close()

            seconds = _threads(self.threads, work)
            self.rows.append(Row("hello-world ASGI", "POST, our client", per * self.threads / seconds))
            rate = self._wrk(url, None)
            if rate is not None:
                self.rows.append(Row("hello-world ASGI", "GET, wrk", rate))
        finally:
            proc.terminate()
            proc.wait(10)

    # --- the relay --------------------------------------------------------------------------
    def relay(self, label: str, store_url: str, workers: int) -> None:
        keys = [Ed25519PrivateKey.generate() for _ in range(self.threads)]
        for i, key in enumerate(keys):
            register_device(store_url, "agency-a", f"laptop{i}", raw_public_key(key))
        reader_key = Ed25519PrivateKey.generate()
        register_device(store_url, "agency-b", "laptop0", raw_public_key(reader_key))
        relay = RelayProcess(store_url, args=(*FAST, "--workers", str(workers))).start()
        try:
            expires = int(time.time()) + 86400
            per = self.n // self.threads
            name = f"{label}, {workers} worker{'s' if workers > 1 else ''}"
            for batch in (1, 100):

                def work(i: int, batch: int = batch) -> None:
                    client = HttpRelayTransport(relay.url, "agency-a", f"laptop{i}", keys[i])
                    envelopes = [
                        OutgoingEnvelope(os.urandom(16), "agency-a", "agency-b", expires, self.body)
                        for _ in range(per)
                    ]
                    if batch == 1:
                        for envelope in envelopes:
                            client.send(envelope)
                    else:
                        for k in range(0, per, batch):
                            for result in client.send_many(envelopes[k : k + batch]):
                                if not isinstance(result, SendResult):
                                    raise result
                    client.close()

                seconds = _threads(self.threads, work)
                mode = "send (1 per request)" if batch == 1 else f"send_many({batch})"
                self.rows.append(Row(name, mode, per * self.threads / seconds))
            total = 2 * per * self.threads
            reader = HttpRelayTransport(relay.url, "agency-b", "laptop0", reader_key)
            got, start = 0, time.perf_counter()
            while True:
                page = reader.receive(limit=500)
                got += len(page.envelopes)
                reader.acknowledge(page)
                if not page.more:
                    break
            seconds = time.perf_counter() - start
            reader.close()
            note = "" if got == total else f"fetched {got} of {total}"
            self.rows.append(Row(name, "fetch+ack (500/page)", got / seconds, note))
            rate = self._wrk(relay.url, (keys[0], "agency-a", "laptop0"))
            if rate is not None:
                self.rows.append(Row(name, "send, wrk (pre-signed)", rate))
        finally:
            relay.stop()

    # --- wrk ----------------------------------------------------------------------------------
    def _wrk(self, url: str, signer: tuple[Ed25519PrivateKey, str, str] | None) -> float | None:
        wrk = shutil.which("wrk")
        if wrk is None or self.wrk_seconds <= 0:
            return None
        with tempfile.TemporaryDirectory() as tmp:
            script = [wrk, "-t", "2", "-c", str(self.threads), "-d", f"{round(self.wrk_seconds)}s"]
            if signer is not None:
                requests = Path(tmp) / "requests"
                # More than wrk can send in the run: each has its own nonce.
                for thread in range(2):
                    self._write_signed(
                        Path(f"{requests}.{thread}"), signer, int(self.wrk_seconds * 3_000)
                    )
                script += ["-s", str(WRK_LUA)]
                env = {**os.environ, "WRK_REQUESTS": str(requests)}
            else:
                env = dict(os.environ)
            out = subprocess.run(
                [*script, url + ("/" if signer is None else "")],
                capture_output=True, text=True, env=env, check=False, timeout=120,
            ).stdout  # fmt: skip
        match = re.search(r"Requests/sec:\s+([\d.]+)", out)
        bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        if match is None:
            return None
        if bad is not None:
            print(f"wrk: {bad.group(1)} answers were not 2xx on {url}")
        return float(match.group(1))

    def _write_signed(
        self, path: Path, signer: tuple[Ed25519PrivateKey, str, str], count: int
    ) -> None:
        key, agency, device = signer
        expires = int(time.time()) + 86400
        with path.open("wb") as out:
            for _ in range(count):
                target = (
                    f"/v1/envelopes?id={os.urandom(16).hex()}&from={agency}&to=agency-b"
                    f"&expires={expires}"
                )
                headers = sign_request(
                    key, agency_id=agency, device_id=device, method="POST", path=target,
                    body=self.body, timestamp=int(time.time()),
                )  # fmt: skip
                head = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
                request = (
                    f"POST {target} HTTP/1.1\r\nHost: {HOST}\r\n{head}"
                    f"Content-Length: {len(self.body)}\r\n\r\n"
                ).encode() + self.body
                out.write(len(request).to_bytes(4, "big") + request)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_relay")
    parser.add_argument("--n", type=int, default=4000)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--size", type=int, default=2048)
    parser.add_argument("--wrk-seconds", type=float, default=5.0)
    args = parser.parse_args(argv)
    bench = Bench(args.n, args.threads, args.size, args.wrk_seconds)
    bench.reference()
    with tempfile.TemporaryDirectory() as tmp:
        bench.relay("sqlite FULL", f"sqlite://{Path(tmp) / 'full.db'}", 1)
    cluster = PostgresCluster(durable=True)
    try:
        cluster.start()
        for workers in (1, 2):
            bench.relay("postgresql fsync", cluster.create_database(), workers)
    finally:
        cluster.stop()
    rows = [
        [r.target, r.mode, f"{r.rate:,.0f}", r.note or _verdict(r)] for r in bench.rows
    ]
    print(
        table(
            f"Relay on loopback ({os.cpu_count()} cores): {args.n} envelopes x {args.size} B per "
            f"mode, {args.threads} devices, kept-alive connections; target {TARGET:,.0f}/s for "
            "single-envelope posts on SQLite",
            ["server", "mode", "per second", ""],
            rows,
        )
    )


def _verdict(row: Row) -> str:
    # The relay's own rate is wrk's row: our Python client tops out near the hello-world
    # "POST, our client" row whatever the server, so its row measures the client.
    if row.mode == "send, wrk (pre-signed)" and row.target.startswith("sqlite"):
        return "ok" if row.rate >= TARGET else "below target"
    if row.mode.startswith("send (1"):
        return "client-bound"
    return ""


if __name__ == "__main__":
    main()
