"""`make bench`: every benchmark table, one after the other."""

from __future__ import annotations

import importlib

MODULES = ["bench.bench_storage", "bench.bench_envelope", "bench.bench_relay", "bench.bench_ui"]

for name in MODULES:
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError:
        continue
    print(module.run())
