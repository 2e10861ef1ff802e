"""Installer benchmark: `python -m bench.bench_installer [--runs N] [--keep-symbols]` prints a table.

- build time of the one-folder bundle from build.spec (a clean build into a temp folder);
- the bundle's size on disk (target under 150 MB; stripped, as build.spec does on Linux);
- process start to first paint (offscreen, fresh data folder) of the bundle beside the same app
  run from source (`python -m intake_app`): medians of N alternating runs after one warm-up each;
  the target is a ratio of at most 1.2.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import table

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 1.2
SIZE_TARGET = 150e6


def _first_paint_seconds(cmd: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=cwd, text=True
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("first-paint"):
            elapsed = time.perf_counter() - start
            proc.wait(30)
            return elapsed
    proc.wait(30)
    raise RuntimeError(f"no first paint from {cmd[0]}")


def build(dest: Path, keep_symbols: bool) -> tuple[Path, float]:
    env = {k: v for k, v in os.environ.items() if k not in {"INTAKE_PROFILE", "INTAKE_STRIP"}}
    if keep_symbols:
        env["INTAKE_STRIP"] = "0"
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(dest / "dist"), "--workpath", str(dest / "build"), "build.spec"],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )  # fmt: skip
    return dest / "dist" / "intake", time.perf_counter() - start


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def start_times(exe: Path, runs: int, work: Path) -> tuple[float, float]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "INTAKE_DATA_DIR"}}
    env.update(QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8", INTAKE_EXIT_AFTER_FIRST_PAINT="1")
    bundled: list[float] = []
    source: list[float] = []
    for i in range(runs + 1):
        b = _first_paint_seconds([str(exe), "--data-dir", str(work / f"b{i}")], env, work)
        s = _first_paint_seconds(
            [sys.executable, "-m", "intake_app", "--data-dir", str(work / f"s{i}")], env, ROOT
        )
        if i:  # the first pair warms the file cache
            bundled.append(b)
            source.append(s)
    return statistics.median(bundled), statistics.median(source)


def run(runs: int = 9, keep_symbols: bool = False) -> str:
    with tempfile.TemporaryDirectory(prefix="intake-bench-installer-") as tmp:
        work = Path(tmp)
        folder, build_seconds = build(work, keep_symbols)
        size = folder_bytes(folder)
        exe = folder / ("intake.exe" if sys.platform == "win32" else "intake")
        bundled, source = start_times(exe, runs, work)
    ratio = bundled / source
    verdict = "ok" if ratio <= TARGET_RATIO else f"over the {TARGET_RATIO}x target"
    rows = [
        ["build time (clean)", f"{build_seconds:.1f} s"],
        ["bundle size" + (" (symbols kept)" if keep_symbols else ""),
         f"{size / 1e6:.1f} MB ({'ok' if size < SIZE_TARGET else 'over'} the 150 MB target)"],
        ["start to first paint, bundle (median)", f"{bundled * 1000:.0f} ms"],
        ["start to first paint, source (median)", f"{source * 1000:.0f} ms"],
        ["bundle / source", f"{ratio:.2f}x ({verdict})"],
    ]
    return table(
        f"Installer (PyInstaller one-folder, {runs} runs each)", ["measure", "value"], rows
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--keep-symbols", action="store_true", help="build with INTAKE_STRIP=0")
    ns = parser.parse_args()
    print(run(ns.runs, ns.keep_symbols))
