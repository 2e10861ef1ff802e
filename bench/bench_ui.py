"""UI benchmarks: `python -m bench.bench_ui [--cases N]` prints a table.

- process start to the unlock screen's first paint, beside an empty PySide6 window started the
  same way (both offscreen, both timed from spawn to the "first-paint" line on stdout);
- a case list over N demo cases: time to first paint, search latency (p50/p95), resident memory.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EMPTY_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget
class F(QObject):
    def eventFilter(self, w, e):
        if e.type() == QEvent.Type.Paint:
            sys.stdout.write("first-paint\\n"); sys.stdout.flush(); QTimer.singleShot(0, app.quit)
        return False
app = QApplication(sys.argv[:1]); w = QWidget(); f = F(); w.installEventFilter(f); w.resize(1100, 760)
w.show(); app.exec()
"""


def _time_to_first_paint(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=ROOT, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("first-paint"):
            elapsed = time.perf_counter() - start
            proc.wait(30)
            return elapsed
    proc.wait(30)
    raise RuntimeError(f"no first paint from {cmd[:3]}")


def bench_start(runs: int) -> tuple[float, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8",
           "INTAKE_EXIT_AFTER_FIRST_PAINT": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        _set_up(data, 0)
        app_cmd = [sys.executable, "-m", "intake_app", "--data-dir", str(data)]
        empty_cmd = [sys.executable, "-c", EMPTY_WINDOW]
        _time_to_first_paint(app_cmd, env)  # warm the file cache for both
        _time_to_first_paint(empty_cmd, env)
        ours, empty = [], []
        for _ in range(runs):
            ours.append(_time_to_first_paint(app_cmd, env))
            empty.append(_time_to_first_paint(empty_cmd, env))
    return statistics.median(ours), statistics.median(empty)


def _set_up(data: Path, cases: int) -> None:
    from intake_app.services import demo
    from intake_app.services.session import Workspace
    from intake_app.storage.keyvault import KdfParams

    session, _ = Workspace(data).set_up("bench", "bench passphrase", kdf=KdfParams.for_tests())
    try:
        if cases:
            demo.seed(session, cases)
    finally:
        session.close()


def bench_case_list(cases: int, searches: int) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from intake_app.services import demo
    from intake_app.services.session import Workspace
    from intake_app.threads import mark_gui_thread
    from intake_app.ui import theme
    from intake_app.ui.app import pin_interpreter_singletons
    from intake_app.ui.caselist import CaseListPage
    from intake_app.ui.worker import Worker

    pin_interpreter_singletons()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        t0 = time.perf_counter()
        _set_up(data, cases)
        seed_s = time.perf_counter() - t0
        app = QApplication.instance() or QApplication([])
        assert isinstance(app, QApplication)
        theme.apply(app)
        mark_gui_thread()
        worker = Worker()

        def wait(cond: object, timeout: float = 60.0) -> None:
            end = time.perf_counter() + timeout
            while not cond():  # type: ignore[operator]
                if time.perf_counter() > end:
                    raise TimeoutError
                app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

        opened: list[object] = []
        worker.open_session(lambda: (Workspace(data).unlock("bench", "bench passphrase"), None), opened.append)
        wait(lambda: bool(opened))
        page = CaseListPage(worker)
        page.resize(1100, 760)
        loaded: list[int] = []
        page.model.page_loaded.connect(loaded.append)
        start = time.perf_counter()
        page.show()
        page.run_query()
        wait(lambda: bool(loaded))
        page.grab()
        first_paint = time.perf_counter() - start

        rng = random.Random(3)
        latencies = []
        for i in range(searches):
            text = demo.synthetic_word(rng)[:5] if i % 2 else page.model.case_at(i % 50).code  # type: ignore[union-attr]
            loaded.clear()
            t = time.perf_counter()
            page.search.setText(text)
            page.run_query()  # skip the 250 ms debounce: measure the query, not the typing pause
            wait(lambda: bool(loaded))
            latencies.append(time.perf_counter() - t)
        # Scroll to the end of the first few pages: fetchMore as a user would.
        page.search.clear()
        page.run_query()
        wait(lambda: page.model.rowCount() > 0)
        for _ in range(5):
            page.table.scrollToBottom()
            wait(lambda: not page.model.is_loading)
        rows_held = page.model.rowCount()
        page.close()
        worker.shutdown()
        latencies.sort()
        return {
            "seed_s": seed_s,
            "first_paint_ms": first_paint * 1000,
            "search_p50_ms": statistics.median(latencies) * 1000,
            "search_p95_ms": latencies[max(0, int(len(latencies) * 0.95) - 1)] * 1000,
            "rows_held": rows_held,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--searches", type=int, default=40)
    args = parser.parse_args()
    ours, empty = bench_start(args.runs)
    print("| measure | value |")
    print("| --- | --- |")
    print(f"| start to unlock screen painted (median of {args.runs}) | {ours * 1000:.0f} ms |")
    print(f"| empty PySide6 window, same way | {empty * 1000:.0f} ms |")
    print(f"| ratio (target <= 1.3x) | {ours / empty:.2f}x |")
    r = bench_case_list(args.cases, args.searches)
    print(f"| seeding {args.cases:,} demo cases (set-up, not UI) | {r['seed_s']:.1f} s |")
    print(f"| case list over {args.cases:,} cases: first page painted | {r['first_paint_ms']:.0f} ms |")
    p50, p95 = r["search_p50_ms"], r["search_p95_ms"]
    print(f"| search latency p50 / p95 ({args.searches} searches) | {p50:.0f} / {p95:.0f} ms |")
    print(f"| rows held after scrolling 5 pages | {r['rows_held']:.0f} |")
    print(f"| peak resident memory (bench process) | {r['rss_mb']:.0f} MB |")


if __name__ == "__main__":
    main()
