"""Synthetic demo data, clearly marked as such: for trying the app and for benchmarks.

Cases go in batches, one transaction and one audit entry per batch: 100,000 cases take seconds,
not minutes, the full-text index is kept by the same triggers as for a case typed by hand, and an
interrupted seed leaves whole batches behind, never half a case.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from intake_app.domain import casecode
from intake_app.domain.answers import Answer
from intake_app.domain.protocol import Protocol, visible_questions
from intake_app.services import protocols
from intake_app.services.session import Session
from intake_app.storage import audit, cases, interviews, notes

# Made-up tokens so search has something to find; none is a real person's name.
_SYLLABLES = ("ka", "lo", "mi", "ren", "sa", "tu", "vel", "zor", "pim", "dax", "nu", "qer")
_STATES = (Answer.declined(), Answer.not_asked(), Answer.unknown())
_BATCH = 2_000
ANSWERS_PER_INTERVIEW = 3
# The guide each role interviews with (as the interview screen picks it).
_PROTOCOL_FOR_ROLE = {"officer": "officer_victim_interview"}
_DEFAULT_PROTOCOL = "advocate_intake"


def synthetic_word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize()


def demo_protocol(s: Session, role: str) -> tuple[Protocol, tuple[str, ...]]:
    """The installed guide a demo interview for `role` uses (the version a new interview starts
    under), and the questions it answers: the first ones the guide shows that role, so a
    reopened interview finds every seeded answer."""
    protocol = protocols.current(s, _PROTOCOL_FOR_ROLE.get(role, _DEFAULT_PROTOCOL))
    shown = [q.id for q in visible_questions(protocol, {}, role) if not q.identifying]
    return protocol, tuple(shown[:ANSWERS_PER_INTERVIEW])


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
    role = s.user.role.value
    protocol, question_ids = demo_protocol(s, role)
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
                        c, case_id, protocol.id, protocol.version, "en", role, s.user.id, at
                    )
                    for q in question_ids:
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
