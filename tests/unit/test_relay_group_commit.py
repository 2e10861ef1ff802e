"""The SQLite relay store's group commit: jobs queued together share one COMMIT, and one that
fails rolls back alone while the others are kept."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake_app.sync.relay.store_db import SqliteDb, Tx


class Refused(Exception):
    pass


def _insert(n: int, fail: bool) -> Callable[[Tx], int]:
    def job(tx: Tx) -> int:
        tx.run("INSERT INTO probe (n) VALUES (:n)", {"n": n})
        if fail:
            raise Refused
        return n

    return job


@settings(max_examples=25, deadline=None)
@given(st.lists(st.booleans(), min_size=1, max_size=40))
def test_each_failing_job_rolls_back_alone(tmp_path_factory: pytest.TempPathFactory, fails: list[bool]) -> None:
    db = SqliteDb(Path(tmp_path_factory.mktemp("relay")) / "relay.db")
    try:
        db.write(lambda tx: tx.run("CREATE TABLE probe (n INTEGER)"))
        with db._lock:  # the writer waits here while every job is queued: they group
            futures = [db.submit(_insert(n, fail)) for n, fail in enumerate(fails)]
        for n, (future, fail) in enumerate(zip(futures, fails, strict=True)):
            if fail:
                assert isinstance(future.exception(timeout=30), Refused)
            else:
                assert future.result(timeout=30) == n
        kept = db.read(lambda tx: [r[0] for r in tx.all("SELECT n FROM probe ORDER BY n")])
        assert kept == [n for n, fail in enumerate(fails) if not fail]
    finally:
        db.close()
