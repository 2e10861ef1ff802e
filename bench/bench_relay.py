"""Relay throughput on loopback: post, fetch and ack of N ~2 KiB envelopes, per store backend.

``python -m bench.bench_relay [--n 5000] [--threads 4]``. The relay runs as its own process
(`python -m intake_app.sync.relay.server serve`), as deployed; the clients are threads here,
each a device of the sending agency with its own kept-alive connection. PostgreSQL is a private
throw-away cluster with durable defaults (fsync on). Target: 3,000 envelopes/s end to end.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from intake_app.sync.relay.server import register_device
from intake_app.sync.transport import HttpRelayTransport, OutgoingEnvelope, SendResult
from tests.integration.conftest import HOST, PostgresCluster, free_port, raw_public_key

TARGET = 3000.0


@dataclass
class Result:
    backend: str
    mode: str
    post_s: float
    fetch_s: float
    n: int

    @property
    def overall(self) -> float:
        return self.n / (self.post_s + self.fetch_s)


def _start_relay(store_url: str, port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "intake_app.sync.relay.server", "serve",
            "--store", store_url, "--host", HOST, "--port", str(port),
            "--rate", "1000000", "--burst", "1000000", "--max-pending", "10000000",
        ],
    )  # fmt: skip
    probe = HttpRelayTransport(f"http://{HOST}:{port}", "probe", "probe", _KEY)
    deadline = time.monotonic() + 20
    while not probe.health():
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("relay did not start")
        time.sleep(0.05)
    probe.close()
    return proc


_KEY = Ed25519PrivateKey.generate()


def run_backend(name: str, store_url: str, n: int, threads: int, size: int, batch: int) -> Result:
    senders = [Ed25519PrivateKey.generate() for _ in range(threads)]
    reader_key = Ed25519PrivateKey.generate()
    for i, key in enumerate(senders):
        register_device(store_url, "agency-a", f"laptop{i}", raw_public_key(key))
    register_device(store_url, "agency-b", "laptop0", raw_public_key(reader_key))
    port = free_port()
    proc = _start_relay(store_url, port)
    url = f"http://{HOST}:{port}"
    try:
        expires = int(time.time()) + 86400
        per_thread = n // threads
        body = os.urandom(size)

        def sender(i: int) -> Callable[[], None]:
            def work() -> None:
                client = HttpRelayTransport(url, "agency-a", f"laptop{i}", senders[i])
                envelopes = [
                    OutgoingEnvelope(os.urandom(16), "agency-a", "agency-b", expires, body)
                    for _ in range(per_thread)
                ]
                if batch == 1:
                    for envelope in envelopes:
                        client.send(envelope)
                else:
                    for k in range(0, per_thread, batch):
                        for result in client.send_many(envelopes[k : k + batch]):
                            if not isinstance(result, SendResult):
                                raise result
                client.close()

            return work

        workers = [threading.Thread(target=sender(i)) for i in range(threads)]
        start = time.perf_counter()
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        post_s = time.perf_counter() - start

        reader = HttpRelayTransport(url, "agency-b", "laptop0", reader_key)
        got = 0
        start = time.perf_counter()
        while True:
            page = reader.receive(limit=500)
            got += len(page.envelopes)
            reader.acknowledge(page)
            if not page.more:
                break
        fetch_s = time.perf_counter() - start
        reader.close()
        if got != per_thread * threads:
            raise RuntimeError(f"{name}: fetched {got} of {per_thread * threads}")
        mode = "send" if batch == 1 else f"send_many({batch})"
        return Result(name, mode, post_s, fetch_s, got)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_relay")
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--size", type=int, default=2048)
    parser.add_argument("--batch", type=int, default=100, help="envelopes per send_many")
    args = parser.parse_args(argv)

    results: list[Result] = []
    modes = (1, args.batch)
    with tempfile.TemporaryDirectory() as tmp:
        for label, query in (("sqlite FULL", ""), ("sqlite NORMAL", "?synchronous=normal")):
            for batch in modes:
                url = f"sqlite://{Path(tmp) / label.replace(' ', '-')}-{batch}.db{query}"
                results.append(run_backend(label, url, args.n, args.threads, args.size, batch))
    cluster = PostgresCluster(durable=True)
    try:
        cluster.start()
        for batch in modes:
            db = cluster.create_database()
            results.append(
                run_backend("postgresql fsync", db, args.n, args.threads, args.size, batch)
            )
    finally:
        cluster.stop()

    print(
        f"\nRelay on loopback: {args.n} envelopes x {args.size} B, {args.threads} sender threads, "
        f"fetch+ack 500 per page; target {TARGET:,.0f} envelopes/s overall"
    )
    print(f"{'backend':<18}{'posting':<15}{'post/s':>9}{'fetch+ack/s':>13}{'overall/s':>11}")
    for r in results:
        print(
            f"{r.backend:<18}{r.mode:<15}{r.n / r.post_s:>9,.0f}{r.n / r.fetch_s:>13,.0f}"
            f"{r.overall:>11,.0f}  {'ok' if r.overall >= TARGET else 'below target'}"
        )


if __name__ == "__main__":
    main()
