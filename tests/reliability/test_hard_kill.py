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
from intake_app.services.checks import audit_span
from intake_app.services.session import Workspace
from intake_app.storage.kdf import KdfParams

KILLS = 200
PASSPHRASE = "correct horse battery staple"
CHILD = [sys.executable, "-m", "tests.reliability.autosave_child"]
ROOT = Path(__file__).resolve().parents[2]


def _run_and_kill(
    data_dir: Path, interview_id: int, start: int, delay: float, *, after_ready: bool
) -> tuple[bool, dict[str, str]]:
    """Start a child, kill -9 it `delay` s after its start (or after its "ready" line).

    Returns whether the child had reported ready, and what it acknowledged.
    """
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
    first = child.stdout.readline() if after_ready else ""
    # The kill moment is the thing under test, not a wait for a result: measured from the
    # "ready" line it lands in the autosave loop however busy the machine is.
    time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    lines = [first, *child.stdout.read().splitlines()]
    child.stdout.close()
    acked: dict[str, str] = {}
    for line in lines:
        parts = line.split(" ")
        if parts[0] == "ack" and len(parts) == 3:
            acked[parts[1]] = parts[2]
    return any(line.strip() == "ready" for line in lines), acked


def test_no_acknowledged_answer_is_lost_across_200_kills(tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "data")
    session, _ = ws.set_up("ana", PASSPHRASE, Role.ADMIN, kdf=KdfParams.for_tests())
    case = case_svc.create_case(session)
    interview_id = iv_svc.start_interview(session, case.id, "advocate_intake", "1.1", "en").id
    session.close()

    rng = random.Random(20261123)
    acknowledged: dict[str, str] = {}
    in_loop = killed_mid_write = 0
    start = 0
    for i in range(KILLS):
        # One kill in four is timed from the start (imports, unlock, migration check); the rest
        # from the "ready" line, up to 0.1 s into the autosave loop.
        during_start = i % 4 == 0
        delay = rng.uniform(0.0, 0.4) if during_start else rng.uniform(0.0, 0.1)
        ready, acked = _run_and_kill(
            ws.data_dir, interview_id, start, delay, after_ready=not during_start
        )
        acknowledged.update(acked)
        if not during_start:
            assert ready, "the child died before it was ready"
            in_loop += 1
            killed_mid_write += bool(acked)
        start += 10_000  # fresh question ids per child so each ack is distinguishable

    assert killed_mid_write >= in_loop // 2, "too few kills landed during autosave to mean anything"
    session = ws.unlock("ana", PASSPHRASE)
    try:
        stored = iv_svc.answers(session, interview_id)
        missing = [q for q in acknowledged if q not in stored]
        assert missing == []
        assert all(stored[q] == Answer.of(v) for q, v in acknowledged.items())
        assert session.db.integrity_problems() == []
        assert audit_span(session).entries > len(acknowledged)
        assert iv_svc.get_interview(session, interview_id).answered >= len(acknowledged)
    finally:
        session.close()
