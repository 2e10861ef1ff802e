"""The journeys' screens at 200% on a 1440x900 laptop (720x450 logical pixels): a child process
runs the app with QT_SCALE_FACTOR=2 on an X screen of that size with its own window manager, as
tests/ui/os_lock_child.py runs one of its own, and reports every widget it could not show whole."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.ui.conftest import OFFICER_USER, PASSPHRASE, USER
from tests.xserver import XServer

ROOT = Path(__file__).resolve().parents[2]
WALKS = [f"{USER}:en", f"{OFFICER_USER}:es", f"{USER}:es", f"{OFFICER_USER}:en"]


def test_every_screen_of_an_interview_fits_1440x900_at_200_percent(data_dir):
    server = XServer(1440, 900).start()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tests.journeys.scaled_child", str(data_dir), PASSPHRASE,
             *WALKS],
            env=server.env(os.environ, QT_SCALE_FACTOR="2", LANG="C.UTF-8"), cwd=ROOT,
            capture_output=True, text=True, timeout=600, check=False,  # a bound: it reports "done" itself
        )
    finally:
        server.stop()
    lines = done.stdout.splitlines()
    assert done.returncode == 0 and lines and lines[-1].startswith("done"), (
        done.stdout[-2000:] + done.stderr[-3000:])
    problems = [line for line in lines if line.startswith("problem:")]
    assert not problems, "\n".join(problems)
    steps = int(lines[-1].split()[1])
    assert steps > 4 * 20  # every question of four interviews was looked at
