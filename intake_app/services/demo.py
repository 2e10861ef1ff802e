"""Synthetic demo data, clearly marked as such: for trying the app and for benchmarks."""

from __future__ import annotations

import random
from collections.abc import Callable

from intake_app.domain import casecode
from intake_app.domain.answers import Answer
from intake_app.services.session import Session
from intake_app.storage import audit, cases, interviews, notes

# Made-up tokens so search has something to find; none is a real person's name.
_SYLLABLES = ("ka", "lo", "mi", "ren", "sa", "tu", "vel", "zor", "pim", "dax", "nu", "qer")
_STATES = (Answer.declined(), Answer.not_asked(), Answer.unknown())
_BATCH = 2_000


def synthetic_word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize()


def seed(
    s: Session,
    count: int,
    *,
    seed_value: int = 7,
    interviews_every: int = 10,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Insert `count` demo cases (every tenth with an interview and a note); returns how many."""
    rng = random.Random(seed_value)  # noqa: S311 - synthetic data, reproducible on purpose
    done = 0
    while done < count:
        batch = min(_BATCH, count - done)
        at = audit.now_iso()
        with s.db.transaction() as c:
            for _ in range(batch):
                code = casecode.new_case_code()
                while cases.code_exists(c, code):
                    code = casecode.new_case_code()
                name = f"Demo {synthetic_word(rng)}"
                case_id = cases.insert(c, code, name, "en", s.user.id, at, is_demo=True)
                done += 1
                if done % interviews_every == 0:
                    iv = interviews.insert(
                        c,
                        case_id,
                        "advocate_intake",
                        "demo",
                        "en",
                        s.user.role.value,
                        s.user.id,
                        at,
                    )
                    for q in ("safety_now", "needs_shelter", "needs_medical"):
                        interviews.upsert_answer(c, iv, q, rng.choice(_STATES), at)
                    notes.insert(
                        c,
                        case_id,
                        f"Demo note (synthetic): {synthetic_word(rng)} {synthetic_word(rng)}",
                        s.user.id,
                        at,
                    )
            audit.append(c, s.user.id, "demo.seed", detail=f"cases:{batch}", at=at)
        if progress:
            progress(done, count)
    return done
