"""`make bench` (or `python -m bench [name ...]`): every benchmark's table, one after the other.

Each runs in its own process: SQLCipher's memory security and Qt are process-global, and one
benchmark must not colour the next.
"""

from __future__ import annotations

import subprocess
import sys

MODULES = (
    "bench_storage", "bench_envelope", "bench_relay", "bench_relay_load", "bench_ui",
    "bench_search", "bench_installer", "bench_reports", "bench_replication", "bench_supervision",
    "bench_xlsform",
)


def main(argv: list[str]) -> int:
    chosen = [m if m.startswith("bench_") else f"bench_{m}" for m in argv] or list(MODULES)
    unknown = sorted(set(chosen) - set(MODULES))
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(MODULES)}")
        return 2
    failed = 0
    for name in chosen:
        print(f"\n== {name} ==", flush=True)
        failed += subprocess.run([sys.executable, "-m", f"bench.{name}"], check=False).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
