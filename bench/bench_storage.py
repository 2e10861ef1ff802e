"""Storage: plain sqlite3 and SQLCipher doing the same work in one run, plus our service path.

Run: `python -m bench.bench_storage` (or `make bench`).
"""

from __future__ import annotations

import random
import secrets
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from bench.common import ms, percentiles, table, timed
from intake_app.domain.answers import Answer
from intake_app.domain.case import Role
from intake_app.services import cases as case_svc
from intake_app.services import demo
from intake_app.services import interviews as iv_svc
from intake_app.services.session import Workspace
from intake_app.storage import migrations
from intake_app.storage.database import Database, _split_sql
from intake_app.storage.kdf import KdfParams

ANSWERS = 100_000
AUTOSAVES = 2_000
CASES = 100_000
SEARCHES = 200


class Plain:
    """The control: stdlib sqlite3 with our schema and our pragmas, minus encryption."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode = WAL")
        for p in (
            "synchronous = FULL",
            "temp_store = MEMORY",
            "foreign_keys = ON",
            "secure_delete = ON",
            "cache_size = -16384",
        ):
            self.conn.execute(f"PRAGMA {p}")
        self.conn.execute("BEGIN")
        for step in migrations.STEPS:
            for statement in _split_sql(step):
                self.conn.execute(statement)
        self.conn.execute("COMMIT")

    def tx(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.executemany(sql, rows)
        self.conn.execute("COMMIT")

    def query(self, sql: str, params: tuple[Any, ...]) -> list[Any]:
        return self.conn.execute(sql, params).fetchall()


class Cipher(Plain):
    """The same calls through our Database (SQLCipher, raw key, pinned settings)."""

    def __init__(self, path: Path, memory_security: bool = False) -> None:
        self.db = Database.open(path, [secrets.token_bytes(32)], memory_security=memory_security)

    def tx(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        with self.db.transaction() as c:
            c.executemany(sql, rows)

    def query(self, sql: str, params: tuple[Any, ...]) -> list[Any]:
        return self.db.query(sql, params)


SEED_CASE = "INSERT INTO cases (id, code, created_at, updated_at) VALUES (1, 'BENC-HMRK', 'x', 'x')"
SEED_IV = (
    "INSERT INTO interviews (id, case_id, protocol_id, protocol_version, language, role,"
    " started_at, updated_at) VALUES (1, 1, 'p', '1', 'en', 'advocate', 'x', 'x')"
)
UPSERT = (
    "INSERT INTO answers (interview_id, question_id, state, value_json, updated_at)"
    " VALUES (1, ?, 'value', ?, 'x') ON CONFLICT (interview_id, question_id) DO UPDATE SET"
    " value_json = excluded.value_json"
)
CASE_ROW = (
    "INSERT INTO cases (code, preferred_name, created_at, updated_at) VALUES (?, ?, 'x', 'x')"
)
SEARCH = "SELECT rowid FROM case_search WHERE case_search MATCH ? LIMIT 200"


def _engine_rows(engine: Plain, rng: random.Random) -> list[float]:
    """Seconds: bulk insert, autosave p50 and p95, FTS search p50 and p95."""
    engine.tx(SEED_CASE, [()])
    engine.tx(SEED_IV, [()])
    bulk = timed(lambda: engine.tx(UPSERT, [(f"b{i}", f'"v{i}"') for i in range(ANSWERS)]))
    saves = [timed(engine.tx, UPSERT, [(f"a{i}", f'"s{i}"')]) for i in range(AUTOSAVES)]
    words = [demo.synthetic_word(rng) for _ in range(CASES)]
    engine.tx(CASE_ROW, [(f"C{i:07d}", w) for i, w in enumerate(words)])
    probes = [words[rng.randrange(CASES)][:5] for _ in range(SEARCHES)]
    searches = [timed(engine.query, SEARCH, (f'"{p}"*',)) for p in probes]
    return [bulk, *percentiles(saves), *percentiles(searches)]


def _service_autosave(folder: Path) -> tuple[float, float, float, float]:
    """Our whole path: service call, transaction, answer row, case touch, audit entry."""
    ws = Workspace(folder / "svc")
    session, _ = ws.set_up("bench", "bench passphrase", Role.ADVOCATE, kdf=KdfParams.for_tests())
    case = case_svc.create_case(session)
    iv = iv_svc.start_interview(session, case.id, "advocate_intake", "1.1", "en")
    samples = [
        timed(iv_svc.record_answer, session, iv.id, f"q{i}", Answer.of(f"value {i}"))
        for i in range(AUTOSAVES)
    ]
    session.close()
    calibrated = KdfParams.calibrate()
    ws2 = Workspace(folder / "unlock")
    ws2.set_up("bench", "bench passphrase", Role.ADVOCATE, kdf=calibrated)[0].close()
    unlock = min(timed(lambda: ws2.unlock("bench", "bench passphrase").close()) for _ in range(3))
    return (*percentiles(samples), unlock, calibrated.memory_kib / 1024)


def _open_times(folder: Path) -> tuple[float, float]:
    key = secrets.token_bytes(32)
    Database.open(folder / "o.db", [key]).close()
    sqlite3.connect(folder / "p.db").close()

    def plain() -> None:
        c = sqlite3.connect(folder / "p.db")
        c.execute("SELECT count(*) FROM sqlite_master").fetchall()
        c.close()

    def cipher() -> None:
        Database.open(folder / "o.db", [key]).close()

    return min(timed(plain) for _ in range(20)), min(timed(cipher) for _ in range(20))


def _ratio(ours: float, ref: float) -> str:
    return f"{ours / max(ref, 1e-9):.2f}x"


def run() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        plain = _engine_rows(Plain(folder / "plain.db"), random.Random(1))
        # SQLCipher's memory security stays on for the whole process once any connection turns
        # it on: everything measured "off" (the app's default) runs before the "on" column.
        lean = _engine_rows(Cipher(folder / "lean.db"), random.Random(1))
        svc_p50, svc_p95, unlock, mib = _service_autosave(folder)
        plain_open, cipher_open = _open_times(folder)
        secure = _engine_rows(Cipher(folder / "secure.db", memory_security=True), random.Random(1))
    labels = ("bulk insert 100k answers", "autosave commit p50 (2,000)",
              "autosave commit p95 (2,000)", "FTS search 100k cases p50", "FTS search 100k cases p95")
    service = {1: ms(svc_p50), 2: ms(svc_p95)}
    rows = [
        [label, ms(plain[i]), ms(lean[i]), _ratio(lean[i], plain[i]), ms(secure[i]),
         _ratio(secure[i], plain[i]), service.get(i, "-")]
        for i, label in enumerate(labels)
    ]
    rows.append(["open (schema read)", ms(plain_open), ms(cipher_open),
                 _ratio(cipher_open, plain_open), "-", "-", "-"])
    rows.append([f"unlock: Argon2id ({mib:.0f} MiB) + open + audit", "-", "-", "-", "-", "-",
                 ms(unlock)])
    return table(
        "Storage: same SQL and pragmas; memory security off is the app's default, on is the"
        " policy's cipher_memory_security; 'ours' = the full service call (answer + audit entry)",
        ["work", "sqlite3", "SQLCipher (default)", "x sqlite3", "SQLCipher mem-sec on",
         "x sqlite3", "ours"],
        rows,
    )


if __name__ == "__main__":
    print(run())
