"""The supervisor's overview (services/supervision.overview) over 100,000 cases in SQLCipher.

Two fills of the same size: a busy caseload (a quarter of all referrals pending, one interview
in five unfinished: tens of thousands of rows to rule on) and a tidier one (a few hundred loose
ends). The overview runs on the worker; the GUI never waits on it. Rows are inserted with plain
SQL, outside the services, so filling takes seconds instead of an hour.

Run: `python -m bench.bench_supervision` (or `make bench`).
"""

from __future__ import annotations

import random
import shutil
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.common import ms, table
from intake_app.domain.case import Role
from intake_app.services import supervision
from intake_app.services.session import Session, Workspace
from intake_app.storage.kdf import KdfParams

CASES = 100_000
RUNS = 5


def fill(s: Session, now: datetime, pending: float, unfinished: float, seed: int = 6) -> None:
    rng = random.Random(seed)

    def iso(at: datetime) -> str:
        return at.isoformat()

    with s.db.transaction() as c:
        c.executemany(
            "INSERT INTO cases (id, code, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            [(i, f"C{i:07d}", rng.choice(["open", "referred", "closed"]), iso(now), iso(now))
             for i in range(1, CASES + 1)])
        c.executemany(
            "INSERT INTO consents (case_id, purpose, recipient_id, categories_json, wording,"
            " language, method, given_at, expires_at, withdrawn_at)"
            " VALUES (?, 'services_referral', 'x', '[]', 'w', 'en', 'signed', ?, ?, ?)",
            [(rng.randrange(1, CASES + 1), iso(now - timedelta(days=100)),
              iso(now + timedelta(hours=rng.randrange(-300 * 24, 365 * 24))),
              None if rng.random() < 0.8 else iso(now)) for _ in range(2 * CASES)])
        c.executemany(
            "INSERT INTO case_referrals (case_id, made_on, category, made_by, sent_to, outcome,"
            " created_at) VALUES (?, ?, 'housing', 'advocate', 'service_provider', ?, ?)",
            [(rng.randrange(1, CASES + 1), (now.date() - timedelta(days=rng.randrange(400)))
              .isoformat(), "pending" if rng.random() < pending else "accepted", iso(now))
             for _ in range(CASES)])
        c.executemany(
            "INSERT INTO interviews (case_id, protocol_id, protocol_version, language, role,"
            " status, started_at, updated_at)"
            " VALUES (?, 'advocate_intake', '1.1', 'en', 'advocate', ?, ?, ?)",
            [(rng.randrange(1, CASES + 1),
              rng.choice(["open", "paused"]) if rng.random() < unfinished else "complete",
              iso(now - timedelta(days=rng.randrange(400))),
              iso(now - timedelta(days=rng.randrange(400)))) for _ in range(3 * CASES // 2)])


def run(name: str, pending: float, unfinished: float) -> list[str]:
    folder = Path(tempfile.mkdtemp(prefix="bench-supervision-"))
    try:
        s, _ = Workspace(folder / "d").set_up("sara", "correct horse battery staple",
                                             Role.SUPERVISOR, kdf=KdfParams.for_tests())
        try:
            now = datetime.now(UTC)
            fill(s, now, pending, unfinished)
            samples = []
            for _ in range(RUNS):
                start = time.perf_counter()
                ov = supervision.overview(s, now)
                samples.append(time.perf_counter() - start)
        finally:
            s.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return [name, f"{ov.expiring_count}/{ov.overdue_count}/{ov.unfinished_count}",
            ms(statistics.median(samples)), ms(max(samples))]


def main() -> None:
    rows = [run("busy", 0.25, 0.2), run("tidier", 0.01, 0.005)]
    print(table(f"Supervisor's overview, {CASES:,} cases ({RUNS} runs)",
                ["caseload", "ending/overdue/unfinished", "median", "worst"], rows))


if __name__ == "__main__":
    main()
