"""Reports: the quarterly grant and task-force reports over 100,000 cases, beside plain SQLite.

The reference is the same counting done as GROUP BY queries in stdlib sqlite3 over the same rows
(in memory, indexed on the intake date), so the table shows what computing in the domain costs
against letting a database count. Ours includes suppression; the reference does not.

Run: `python -m bench.bench_reports` (or `make bench`).
"""

from __future__ import annotations

import random
import secrets
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from bench.common import ms, table
from intake_app.domain.agency import AgencyKind
from intake_app.domain.case import Role
from intake_app.domain.reporting.facts import (
    AgeGroup,
    CaseFacts,
    Gender,
    NationalityGroup,
    ReferralMade,
    ReferralOutcome,
    ReferralSource,
    ServiceCategory,
    ServiceGiven,
    TraffickingType,
)
from intake_app.domain.reporting.periods import parse_period
from intake_app.domain.reporting.reports import ReportPolicy, grant_report, task_force_report
from intake_app.domain.reporting.suppression import publish
from intake_app.services import reports as service_reports
from intake_app.services.protocols import Registry, shipped
from intake_app.storage.database import Database

CASES = 100_000
RUNS = 5
TARGET_S = 1.0
PERIOD = parse_period("2026Q3")


def generate(count: int, seed: int = 14) -> list[CaseFacts]:
    rng = random.Random(seed)
    first = date(2026, 1, 1)
    cats, kinds = list(ServiceCategory), list(AgencyKind)
    out = []
    for key in range(count):
        intake = first + timedelta(days=rng.randrange(365))
        services = tuple(ServiceGiven(intake + timedelta(days=rng.randrange(120)), rng.choice(cats), Role.ADVOCATE)
                         for _ in range(rng.randrange(4)))
        referrals = tuple(ReferralMade(intake + timedelta(days=rng.randrange(60)), rng.choice(cats), Role.ADVOCATE,
                                       rng.choice(kinds), rng.choice(list(ReferralOutcome)))
                          for _ in range(rng.randrange(3)))
        out.append(CaseFacts(key, intake, rng.random() < 0.9, rng.choice(list(TraffickingType)),
                             rng.choice(list(Gender)), rng.choice(list(AgeGroup)),
                             rng.choice(list(NationalityGroup)), rng.choice(list(ReferralSource)),
                             services, referrals))
    return out


def load_sqlite(cases: list[CaseFacts]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.executescript("""
        CREATE TABLE facts (key INTEGER PRIMARY KEY, intake TEXT, counted INT, type TEXT, gender TEXT,
                            age TEXT, nationality TEXT, source TEXT);
        CREATE TABLE services (key INT, day TEXT, category TEXT, outcome TEXT);
        CREATE TABLE referrals (key INT, day TEXT, category TEXT, agency TEXT, outcome TEXT);
    """)
    def v(x: object) -> object:
        return getattr(x, "value", x)
    conn.executemany("INSERT INTO facts VALUES (?,?,?,?,?,?,?,?)", [
        (c.key, c.intake_on.isoformat(), int(c.counted), v(c.trafficking_type), v(c.gender), v(c.age_group),
         v(c.nationality), v(c.referral_source)) for c in cases])
    conn.executemany("INSERT INTO services VALUES (?,?,?,?)", [
        (c.key, s.on.isoformat(), s.category.value, s.outcome.value) for c in cases for s in c.services])
    conn.executemany("INSERT INTO referrals VALUES (?,?,?,?,?)", [
        (c.key, r.on.isoformat(), r.category.value, r.to.value, r.outcome.value) for c in cases for r in c.referrals])
    conn.executescript("""
        CREATE INDEX facts_intake ON facts (intake); CREATE INDEX services_day ON services (day);
        CREATE INDEX services_key ON services (key); CREATE INDEX referrals_day ON referrals (day);
    """)
    return conn


SERVED = """
    WITH given AS (SELECT DISTINCT key FROM services WHERE outcome = 'provided' AND day BETWEEN :s AND :e),
    served AS (SELECT f.* FROM facts f WHERE f.counted = 1 AND f.intake <= :e
               AND (f.intake >= :s OR f.key IN (SELECT key FROM given)))
"""
GRANT_QUERIES = [
    SERVED + "SELECT intake >= :s, count(*) FROM served GROUP BY 1",
    SERVED + "SELECT age, count(*) FROM served GROUP BY age",
    SERVED + "SELECT type, count(*) FROM served GROUP BY type",
    SERVED + "SELECT gender, count(*) FROM served GROUP BY gender",
    SERVED + "SELECT nationality, count(*) FROM served GROUP BY nationality",
    SERVED + """SELECT s.category, count(DISTINCT s.key) FROM services s JOIN served USING (key)
                WHERE s.outcome = 'provided' AND s.day BETWEEN :s AND :e GROUP BY s.category""",
    """SELECT r.category, r.outcome, count(*) FROM referrals r JOIN facts f USING (key)
       WHERE f.counted = 1 AND r.day BETWEEN :s AND :e GROUP BY 1, 2""",
]
TASK_FORCE_QUERIES = [
    "SELECT substr(intake, 1, 7), count(*) FROM facts WHERE counted = 1 AND intake BETWEEN :s AND :e GROUP BY 1",
    "SELECT type, count(*) FROM facts WHERE counted = 1 AND intake BETWEEN :s AND :e GROUP BY type",
    "SELECT source, count(*) FROM facts WHERE counted = 1 AND intake BETWEEN :s AND :e GROUP BY source",
    """SELECT s.category, count(*) FROM services s JOIN facts f USING (key)
       WHERE f.counted = 1 AND s.outcome = 'provided' AND s.day BETWEEN :s AND :e GROUP BY 1""",
    """SELECT r.agency, r.outcome, count(*) FROM referrals r JOIN facts f USING (key)
       WHERE f.counted = 1 AND r.day BETWEEN :s AND :e GROUP BY 1, 2""",
    """SELECT julianday(min(s.day)) - julianday(f.intake) FROM facts f JOIN services s USING (key)
       WHERE f.counted = 1 AND f.intake BETWEEN :s AND :e AND s.outcome = 'provided' AND s.day <= :e
       GROUP BY f.key""",
]


def load_encrypted(cases: list[CaseFacts], folder: Path) -> Database:
    """The same cases in a real SQLCipher file, in the app's own tables (V7)."""
    db = Database.open(folder / "reports.db", [secrets.token_bytes(32)])  # as the app opens it
    at = "2026-01-01T00:00:00+00:00"
    with db.transaction() as c:
        c.executemany("INSERT INTO cases (id, code, created_at, updated_at) VALUES (?, ?, ?, ?)",
                      [(f.key, f"C{f.key:09d}", at, at) for f in cases])
        c.executemany(
            "INSERT INTO case_facts (case_id, intake_on, counted, trafficking_type, gender,"
            " age_group, nationality, referral_source, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
            [(f.key, f.intake_on.isoformat(), int(f.counted),
              *(None if v is None else v.value for v in (f.trafficking_type, f.gender,
                                                         f.age_group, f.nationality,
                                                         f.referral_source)), at)
             for f in cases])
        c.executemany(
            "INSERT INTO case_services (case_id, given_on, category, given_by, outcome,"
            " created_at) VALUES (?,?,?,?,?,?)",
            [(f.key, x.on.isoformat(), x.category.value, x.by.value, x.outcome.value, at)
             for f in cases for x in f.services])
        c.executemany(
            "INSERT INTO case_referrals (case_id, made_on, category, made_by, sent_to, outcome,"
            " created_at) VALUES (?,?,?,?,?,?,?)",
            [(f.key, r.on.isoformat(), r.category.value, r.by.value, r.to.value, r.outcome.value,
              at) for f in cases for r in f.referrals])
    return db


def best(fn: Callable[[], object]) -> tuple[float, float]:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return min(samples), statistics.median(samples)


def main() -> None:
    cases = generate(CASES)
    conn = load_sqlite(cases)
    params = {"s": PERIOD.start.isoformat(), "e": PERIOD.end.isoformat()}
    policy = ReportPolicy()

    def ours_grant() -> object:
        return publish(grant_report(cases, PERIOD, policy))

    def ours_task_force() -> object:
        return publish(task_force_report(cases, PERIOD, policy))

    folder = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    SHIPPED = Registry.of(shipped().values())
    db = load_encrypted(cases, folder)

    def app_grant() -> object:  # what run_report does: read the encrypted file, count, suppress
        return service_reports._compute(db, SHIPPED, PERIOD, service_reports.GRANT)

    def sql(queries: list[str]) -> Callable[[], object]:
        return lambda: [conn.execute(q, params).fetchall() for q in queries]

    rows = []
    for name, ours, reference in (
        ("grant report, 2026Q3", ours_grant, sql(GRANT_QUERIES)),
        ("task-force summary, 2026Q3", ours_task_force, sql(TASK_FORCE_QUERIES)),
        ("grant report read from SQLCipher (run_report)", app_grant, sql(GRANT_QUERIES)),
    ):
        ours_best, ours_median = best(ours)
        ref_best, ref_median = best(reference)
        verdict = "yes" if ours_median < TARGET_S else "NO"
        rows.append([name, ms(ours_median), ms(ours_best), ms(ref_median), ms(ref_best),
                     f"{ours_median / ref_median:.2f}x", verdict])
    print(table(
        f"Quarterly reports over {CASES:,} cases (median and best of {RUNS}; target under {TARGET_S:g} s)",
        ["report", "ours (domain + suppression)", "ours best", "sqlite3 GROUP BY", "sqlite3 best",
         "ours / sqlite", "< 1 s"],
        rows,
    ))
    db.close()
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
