"""UI benchmarks: `python -m bench.bench_ui [--runs N]` prints a table.

- process start to the unlock screen's first paint, beside an empty PySide6 window started the
  same way, interleaved in one run: from spawn to the paint event (each process reads the system
  monotonic clock inside Qt's Paint event) and to the "first-paint" line read on stdout; both
  from bytecode, as an installed app runs (this machine sets PYTHONDONTWRITEBYTECODE, which would
  make every run of ours compile its sources); where the time goes from `-X importtime`;
- the case list and its search are in bench_search.py.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EMPTY_WINDOW = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget
class F(QObject):
    def eventFilter(self, w, e):
        if e.type() == QEvent.Type.Paint:
            sys.stdout.write(f"first-paint empty {time.perf_counter():.6f}\\n"); sys.stdout.flush()
            QTimer.singleShot(0, app.quit)
        return False
app = QApplication(sys.argv[:1]); w = QWidget(); f = F(); w.installEventFilter(f); w.resize(1100, 760)
w.show(); app.exec()
"""


@dataclass
class Start:
    """One process start: seconds from spawn to its paint event, to the line read, to ready."""

    paint: float
    line: float
    ready: float | None
    imports: list[tuple[int, str]] = field(default_factory=list)  # (self us, module) pre-paint


def _start_once(cmd: list[str], env: dict[str, str], importtime: bool = False) -> Start:
    if importtime:
        cmd = [cmd[0], "-X", "importtime", *cmd[1:]]
    start = time.perf_counter()
    # stderr joins stdout so import lines and the paint line arrive in the order they happened.
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                            cwd=ROOT, text=True)
    assert proc.stdout is not None
    paint = line_at = ready = None
    imports: list[tuple[int, str]] = []
    for line in proc.stdout:
        if line.startswith("first-paint"):
            line_at = time.perf_counter() - start
            paint = float(line.split()[-1]) - start
        elif line.startswith("ready"):
            ready = float(line.split()[-1]) - start
        elif line.startswith("import time:") and paint is None and "self [us]" not in line:
            self_us, _cum, name = line.split(":", 1)[1].split("|")
            imports.append((int(self_us), name.strip()))
    proc.wait(30)
    if paint is None or line_at is None:
        raise RuntimeError(f"no first paint from {cmd[:3]}")
    return Start(paint, line_at, ready, imports)


def bench_start(runs: int) -> dict[str, Start]:
    """Medians over `runs` interleaved starts of each, plus one -X importtime start of each."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8",
               "INTAKE_EXIT_AFTER_FIRST_PAINT": "1", "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pyc")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        data = Path(tmp) / "data"
        _set_up(data, 0)
        cmds = {
            "ours": [sys.executable, "-m", "intake_app", "--data-dir", str(data)],
            "empty": [sys.executable, "-c", EMPTY_WINDOW],
        }
        for cmd in cmds.values():  # bytecode written, file cache warm, for both
            _start_once(cmd, env)
        samples: dict[str, list[Start]] = {name: [] for name in cmds}
        for _ in range(runs):
            for name, cmd in cmds.items():
                samples[name].append(_start_once(cmd, env))
        out = {}
        for name, cmd in cmds.items():
            got = samples[name]
            readies = [r.ready for r in got if r.ready is not None]
            out[name] = Start(
                statistics.median(r.paint for r in got),
                statistics.median(r.line for r in got),
                statistics.median(readies) if readies else None,
                _start_once(cmd, env, importtime=True).imports,
            )
        return out


def _set_up(data: Path, cases: int) -> None:
    from intake_app.services import demo
    from intake_app.services.session import Workspace
    from intake_app.storage.kdf import KdfParams

    session, _ = Workspace(data).set_up("bench", "bench passphrase", kdf=KdfParams.for_tests())
    try:
        if cases:
            demo.seed(session, cases)
    finally:
        session.close()


def _start_rows(runs: int) -> list[str]:
    starts = bench_start(runs)
    ours, empty = starts["ours"], starts["empty"]
    ours_imports = sum(us for us, _ in ours.imports) / 1000
    empty_imports = sum(us for us, _ in empty.imports) / 1000
    ours_own = [(us, n) for us, n in ours.imports if n.startswith("intake_app")]
    top = ", ".join(f"{n.removeprefix('intake_app.')} {us / 1000:.1f}" for us, n in
                    sorted(ours_own, reverse=True)[:4])
    ready = f"{(ours.ready or 0) * 1000:.0f} ms" if ours.ready else "-"
    return [
        f"| start to unlock screen painted, spawn to Qt paint event (median of {runs}) |"
        f" {ours.paint * 1000:.0f} ms | {empty.paint * 1000:.0f} ms |"
        f" {ours.paint / empty.paint:.2f}x (target <= 1.3x) |",
        f"| start to unlock screen painted, spawn to 'first-paint' line read |"
        f" {ours.line * 1000:.0f} ms | {empty.line * 1000:.0f} ms | {ours.line / empty.line:.2f}x |",
        f"| window complete (toolbar, auto-lock, sync... built after the paint), spawn to ready |"
        f" {ready} | - | - |",
        f"| imports before first paint (-X importtime, sum of self times) |"
        f" {ours_imports:.0f} ms | {empty_imports:.0f} ms |"
        f" {len(ours_own)} of our modules: {top} ms |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print("| measure | ours | empty PySide6 window | ratio / note |")
    print("| --- | --- | --- | --- |")
    for row in _start_rows(args.runs):
        print(row)


if __name__ == "__main__":
    main()
