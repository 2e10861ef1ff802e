"""Argon2id cost: the parameters a key slot is derived with, their bounds, and calibration.

The bounds are what a key file may ask for: a crafted file must not make unlock allocate
gigabytes or run for minutes (memory at most 1 GiB, and memory times passes at most the work
of 1 GiB x 8).
"""

from __future__ import annotations

import os
import secrets
import time
from dataclasses import dataclass
from typing import Final

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

MIN_MEMORY_KIB: Final = 8 * 1024
MAX_MEMORY_KIB: Final = 1024 * 1024
MAX_TIME_COST: Final = 64
MAX_LANES: Final = 16
MAX_WORK_KIB: Final = 8 * MAX_MEMORY_KIB  # memory_kib * time_cost
SALT_BYTES: Final = 16


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters (memory in KiB)."""

    time_cost: int
    memory_kib: int
    lanes: int

    def __post_init__(self) -> None:
        if not (
            1 <= self.time_cost <= MAX_TIME_COST
            and 1 <= self.lanes <= MAX_LANES
            and max(MIN_MEMORY_KIB, 8 * self.lanes) <= self.memory_kib <= MAX_MEMORY_KIB
            and self.memory_kib * self.time_cost <= MAX_WORK_KIB
        ):
            raise ValueError("Argon2id parameters out of range")

    @classmethod
    def for_tests(cls) -> KdfParams:
        """Cheap parameters (about 10 ms) for the test suite only."""
        return cls(time_cost=1, memory_kib=8 * 1024, lanes=1)

    @classmethod
    def calibrate(
        cls,
        target_seconds: float = 0.6,
        *,
        max_memory_kib: int = 1024 * 1024,
        lanes: int | None = None,
    ) -> KdfParams:
        """Measure Argon2id here and pick t=3 and the memory that takes about `target_seconds`.

        Memory is floored at 64 MiB (RFC 9106's low-memory recommendation) and capped at
        `max_memory_kib`; past the cap, time_cost grows instead; on a very slow machine it
        shrinks towards 1 before memory goes under the floor. At fixed time_cost the cost is
        close to linear in memory, so a probe at 64 MiB predicts the rest and up to two
        corrections absorb the non-linearity. Each timing is the faster of two runs, because
        other load only ever adds time.
        """
        if lanes is None:
            # More lanes give the defender more work per wall-clock second on multi-core laptops.
            lanes = max(1, min(4, os.cpu_count() or 1))
        floor_kib = 64 * 1024
        step = 1024 * lanes  # whole MiB per lane

        def timed(params: KdfParams) -> float:
            return min(measure_kdf(params), measure_kdf(params))

        def pick(seconds_per_t_kib: float) -> KdfParams:
            time_cost = 3
            memory = int(target_seconds / (seconds_per_t_kib * time_cost))
            if memory > max_memory_kib:
                memory = max_memory_kib
                time_cost = max(3, round(target_seconds / (seconds_per_t_kib * memory)))
            while memory < floor_kib and time_cost > 1:
                time_cost -= 1
                memory = int(target_seconds / (seconds_per_t_kib * time_cost))
            memory = max(floor_kib, min(max_memory_kib, memory // step * step))
            return cls(time_cost=min(time_cost, MAX_TIME_COST), memory_kib=memory, lanes=lanes)

        params = cls(time_cost=3, memory_kib=floor_kib, lanes=lanes)
        for _ in range(3):
            measured = timed(params)
            if target_seconds * 0.8 <= measured <= target_seconds * 1.25:
                break
            candidate = pick(measured / (params.time_cost * params.memory_kib))
            if candidate == params:
                break  # at a floor or cap: nothing better to try
            params = candidate
        return params


def derive_kek(secret: bytes, salt: bytes, p: KdfParams) -> bytes:
    """The 32-byte key-encryption key for `secret` (a passphrase or recovery code)."""
    return Argon2id(
        salt=salt, length=32, iterations=p.time_cost, lanes=p.lanes, memory_cost=p.memory_kib
    ).derive(secret)


def measure_kdf(params: KdfParams) -> float:
    """Wall-clock seconds of one Argon2id derivation with `params` (bench helper)."""
    salt = secrets.token_bytes(SALT_BYTES)
    start = time.perf_counter()
    derive_kek(b"field-intake-benchmark", salt, params)
    return time.perf_counter() - start
