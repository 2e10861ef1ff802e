"""Hard kills: every answer the app acknowledged survives a SIGKILL at any moment."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from intake_app.domain.answers import Answer
from intake_app.domain.case import Role
from intake_app.services import cases as case_svc
from intake_app.services import interviews as iv_svc
from intake_app.services.session import Workspace, verify_audit
from intake_app.storage.keyvault import KdfParams

KILLS = 200
PASSPHRASE = "correct horse battery staple"
CHILD = [sys.executable, "-m", "tests.reliability.autosave_child"]
ROOT = Path(__file__).resolve().parents[2]


def _run_and_kill(data_dir: Path, interview_id: int, start: int, delay: float) -> dict[str, str]:
    """Start a child, kill -9 it after `delay` seconds; return what it acknowledged."""
    child = subprocess.Popen(
        CHILD,
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert child.stdin and child.stdout
    child.stdin.write(f"{data_dir}\n{PASSPHRASE}\n{interview_id}\n{start}\n")
    child.stdin.close()
    time.sleep(delay)  # the kill moment is the thing under test, not a wait for a result
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    acked: dict[str, str] = {}
    for line in child.stdout.read().splitlines():
        parts = line.split(" ")
        if parts[0] == "ack" and len(parts) == 3:
            acked[parts[1]] = parts[2]
    child.stdout.close()
    return acked


def test_no_acknowledged_answer_is_lost_across_200_kills(tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "data")
    session, _ = ws.set_up("ana", PASSPHRASE, Role.ADMIN, kdf=KdfParams.for_tests())
    case = case_svc.create_case(session)
    interview_id = iv_svc.start_interview(session, case.id, "advocate_intake", "1", "en").id
    session.close()

    rng = random.Random(20261123)
    acknowledged: dict[str, str] = {}
    killed_mid_write = 0
    start = 0
    for _ in range(KILLS):
        # Child start-up (imports, unlock) takes ~0.2-0.4 s here: delays spread the kill over
        # start-up, unlock, migration check and the autosave loop.
        acked = _run_and_kill(ws.data_dir, interview_id, start, rng.uniform(0.05, 0.6))
        acknowledged.update(acked)
        killed_mid_write += bool(acked)
        start += 10_000  # fresh question ids per child so each ack is distinguishable

    assert killed_mid_write >= KILLS // 3, "too few kills landed during autosave to mean anything"
    session = ws.unlock("ana", PASSPHRASE)
    try:
        stored = iv_svc.answers(session, interview_id)
        missing = [q for q in acknowledged if q not in stored]
        assert missing == []
        assert all(stored[q] == Answer.of(v) for q, v in acknowledged.items())
        assert session.db.integrity_problems() == []
        assert verify_audit(session) > len(acknowledged)
        assert iv_svc.get_interview(session, interview_id).answered >= len(acknowledged)
    finally:
        session.close()
