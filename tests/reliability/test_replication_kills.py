"""`kill -9` while a laptop applies a batch of its colleagues' changes, 100 times: after each
restart the laptop converges on the same caseload as one that was never interrupted, and no
operation is applied twice (each is kept once and counted once in the audit log)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from intake_app.domain.case import CaseStatus, Role
from intake_app.services import cases, replication
from intake_app.services.session import Session, Workspace
from intake_app.storage.kdf import KdfParams

KILLS = 100
PASSPHRASE = "correct horse battery staple"
CHILD = [sys.executable, "-m", "tests.reliability.replication_child"]
ROOT = Path(__file__).resolve().parents[2]


def _batches(tmp_path: Path) -> list[dict[str, object]]:
    """A colleague's laptop makes 60 cases with changes; its log, in batches of 40 ops."""
    s, _ = Workspace(tmp_path / "colleague").set_up("ben", PASSPHRASE, Role.ADVOCATE,
                                                    kdf=KdfParams.for_tests())
    try:
        rng = random.Random(12)
        for i in range(60):
            made = cases.create_case(s, f"Person {i}")
            cases.add_note(s, made.id, f"note {i}")
            if rng.random() < 0.5:
                cases.set_status(s, made.id, CaseStatus.REFERRED)
            if rng.random() < 0.5:
                cases.set_preferred_name(s, made.id, f"Person {i} renamed")
        out: list[dict[str, object]] = []
        after = ""
        while True:
            payload = replication.snapshot(s, after, limit=40)
            ops = payload["ops"]
            assert isinstance(ops, list)
            if not ops:
                return out
            out.append(payload)
            after = str(ops[-1]["hlc"])
    finally:
        s.close()


def _caseload(s: Session) -> list[tuple[object, ...]]:
    return sorted((c.code, c.status.value, c.preferred_name,
                   tuple(sorted(n.body for n in cases.case_notes(s, c.id))))
                  for c in cases.list_cases(s, limit=1000))


def _run_and_kill(folder: Path, batches_file: Path, start: int, after: int, delay: float) -> bool:
    """Start the child, wait for its `after`-th "applied" line (a signal, not a guess: on a busy
    machine a fixed sleep may end before one batch went in), then kill it `delay` seconds later,
    somewhere inside the next batch; whether any batch had been applied when it died."""
    child = subprocess.Popen(CHILD, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    assert child.stdin and child.stdout
    child.stdin.write(f"{folder}\n{PASSPHRASE}\n{batches_file}\n{start}\n")
    child.stdin.close()
    ready = child.stdout.readline().strip() == "ready"
    seen = [child.stdout.readline() for _ in range(after)] if ready else []
    time.sleep(delay)  # the kill moment is what is under test, measured from that line
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    lines = [*seen, *child.stdout.read().splitlines()]
    child.stdout.close()
    assert ready, "the child died before it was ready"
    assert all(line.startswith("applied") for line in seen), "the child died while applying"
    return any(line.startswith("applied") for line in lines)


def test_killed_while_applying_100_times_converges_and_applies_nothing_twice(
    tmp_path: Path,
) -> None:
    batches = _batches(tmp_path)
    batches_file = tmp_path / "batches.json"
    batches_file.write_text(json.dumps(batches), encoding="utf-8")
    total_ops = sum(len(b["ops"]) for b in batches)  # type: ignore[arg-type,misc]
    ws = Workspace(tmp_path / "ana")
    s, _ = ws.set_up("ana", PASSPHRASE, Role.ADVOCATE, kdf=KdfParams.for_tests())
    s.close()
    rng = random.Random(20261203)
    mid_apply = 0
    for _ in range(KILLS):
        mid_apply += _run_and_kill(ws.data_dir, batches_file, rng.randrange(len(batches)),
                                   rng.choice((0, 1, 1, 2)), rng.uniform(0.0, 0.05))
    assert mid_apply >= KILLS // 3, "too few kills landed while batches were applied"

    clean, _ = Workspace(tmp_path / "clean").set_up("cruz", PASSPHRASE, Role.ADVOCATE,
                                                     kdf=KdfParams.for_tests())
    s = ws.unlock("ana", PASSPHRASE)
    try:
        for payload in batches:  # after the restarts, the rest arrives (again)
            replication.apply_ops(s, replication.parse_batch(payload))
            replication.apply_ops(clean, replication.parse_batch(payload))
        assert _caseload(s) == _caseload(clean)
        assert len(_caseload(s)) == 60
        kept = s.db.query("SELECT count(*), count(DISTINCT op_id) FROM ops")[0]
        assert kept == (total_ops, total_ops)
        counted = sum(int(str(d).split(":")[1]) for (d,) in s.db.query(
            "SELECT detail FROM audit WHERE action = 'replication.apply'"))
        assert counted == total_ops  # every op counted as new exactly once
        assert s.db.integrity_problems() == []
    finally:
        s.close()
        clean.close()
