"""A statewide task force on loopback: 200 agencies, 1,000 laptops, polling and posting for 60 s.

``python -m bench.bench_relay_load [--seconds 60] [--backend sqlite|postgresql] [--workers N]``.
Each laptop (our httpx client, one per laptop) posts a ~2 KiB share to a random partner every
`post_every` seconds and polls its inbox (fetch, then ack) every `poll_every` seconds, with
jitter; 48 threads play the laptops from one schedule. The relay is its own process (waited on
by its ready line); the per-address connection cap is off, as behind a TLS proxy, since every
laptop here comes from 127.0.0.1. Reports request latency p50/p95, envelopes posted and
delivered per second, the relay's peak RSS, and errors (target 0). Bounded in time: the run
stops after `seconds`, then drains what is in flight.
"""

from __future__ import annotations

import argparse
import heapq
import os
import random
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from bench.bench_relay import FAST
from bench.common import table
from intake_app.sync.relay.store import open_store
from intake_app.sync.transport import HttpRelayTransport, OutgoingEnvelope, TransportError
from tests.integration.conftest import PostgresCluster, RelayProcess, raw_public_key

AGENCIES = 200
LAPTOPS_PER_AGENCY = 5


@dataclass(order=True)
class Due:
    at: float
    laptop: int = field(compare=False)
    action: str = field(compare=False)


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    posted: int = 0
    received: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _rss_kib(pid: int) -> int:
    """Resident memory of the relay: the process and its worker processes, added up."""
    try:
        total = next(
            int(line.split()[1])
            for line in Path(f"/proc/{pid}/status").read_text().splitlines()
            if line.startswith("VmRSS:")
        )
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except (OSError, StopIteration):
        return 0
    return total + sum(_rss_kib(int(child)) for child in children)


def run(store_url: str, seconds: float, post_every: float, poll_every: float, workers: int) -> list[str]:
    laptops = [(f"agency-{a:03d}", f"laptop{d}") for a in range(AGENCIES) for d in range(LAPTOPS_PER_AGENCY)]
    keys = [Ed25519PrivateKey.generate() for _ in laptops]
    store = open_store(store_url)
    try:
        for (agency, device), key in zip(laptops, keys, strict=True):
            store.register_device(agency, device, raw_public_key(key))
    finally:
        store.close()
    relay = RelayProcess(store_url, args=(*FAST, "--workers", str(workers))).start()
    stats = Stats()
    body = os.urandom(2048)
    clients = [
        HttpRelayTransport(relay.url, agency, device, key, timeout=30)
        for (agency, device), key in zip(laptops, keys, strict=True)
    ]
    rng = random.Random(16)
    start = time.monotonic()
    schedule = [Due(start + rng.uniform(0, post_every), i, "post") for i in range(len(laptops))]
    schedule += [Due(start + rng.uniform(0, poll_every), i, "poll") for i in range(len(laptops))]
    heapq.heapify(schedule)
    queue_lock = threading.Condition()
    end = start + seconds
    peak = [0]

    def one(due: Due) -> None:
        client = clients[due.laptop]
        t0 = time.perf_counter()
        try:
            if due.action == "post":
                to = f"agency-{rng.randrange(AGENCIES):03d}"
                client.send(OutgoingEnvelope(os.urandom(16), client.agency_id, to, int(time.time()) + 86400, body))
                requests, posted, received = 1, 1, 0
            else:
                batch = client.receive(limit=100)
                requests, posted, received = 1, 0, len(batch.envelopes)
                if batch.cursor:
                    client.acknowledge(batch)
                    requests += 1
        except TransportError as exc:
            with stats.lock:
                stats.errors[exc.reason] = stats.errors.get(exc.reason, 0) + 1
            return
        elapsed = (time.perf_counter() - t0) / requests
        with stats.lock:
            stats.latencies.extend([elapsed] * requests)
            stats.posted += posted
            stats.received += received

    def worker() -> None:
        while True:
            with queue_lock:
                while True:
                    now = time.monotonic()
                    if now >= end:
                        return
                    if schedule and schedule[0].at <= now:
                        due = heapq.heappop(schedule)
                        break
                    queue_lock.wait(min(0.05, max(0.0, (schedule[0].at - now) if schedule else 0.05)))
            one(due)
            every = post_every if due.action == "post" else poll_every
            with queue_lock:
                heapq.heappush(schedule, Due(time.monotonic() + every * rng.uniform(0.5, 1.5), due.laptop, due.action))
                queue_lock.notify()

    def sample() -> None:
        while time.monotonic() < end:
            peak[0] = max(peak[0], _rss_kib(relay.proc.pid if relay.proc else 0))
            time.sleep(0.5)

    threads = [threading.Thread(target=worker) for _ in range(48)] + [threading.Thread(target=sample)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - start
    for client in clients:
        client.close()
    relay.stop()
    ordered = sorted(stats.latencies)
    p95 = ordered[int(len(ordered) * 0.95)] if ordered else 0.0
    errors = sum(stats.errors.values())
    return [
        f"{len(ordered) / wall:,.0f}",
        f"{statistics.median(ordered) * 1000:.1f} ms" if ordered else "-",
        f"{p95 * 1000:.1f} ms",
        f"{stats.posted / wall:,.0f}",
        f"{stats.received / wall:,.0f}",
        f"{peak[0] / 1024:.0f} MiB",
        f"{errors}" + (f" {stats.errors}" if errors else ""),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_relay_load")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--post-every", type=float, default=30.0, help="seconds between a laptop's shares")
    parser.add_argument("--poll-every", type=float, default=10.0, help="seconds between a laptop's polls")
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    header = ["requests/s", "p50", "p95", "posted/s", "received/s (every laptop)", "relay RSS", "errors"]
    with tempfile.TemporaryDirectory() as tmp:
        if args.backend == "sqlite":
            row = run(f"sqlite://{Path(tmp) / 'relay.db'}", args.seconds, args.post_every, args.poll_every, 1)
        else:
            cluster = PostgresCluster(durable=True)
            try:
                cluster.start()
                row = run(cluster.create_database(), args.seconds, args.post_every, args.poll_every, args.workers)
            finally:
                cluster.stop()
    print(
        table(
            f"Task force on loopback ({args.backend}, {args.workers} worker(s)): {AGENCIES} agencies, "
            f"{AGENCIES * LAPTOPS_PER_AGENCY} laptops, a share every ~{args.post_every:.0f} s and a poll "
            f"every ~{args.poll_every:.0f} s each, {args.seconds:.0f} s",
            header,
            [row],
        )
    )


if __name__ == "__main__":
    main()
