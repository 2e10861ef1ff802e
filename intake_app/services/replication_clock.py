"""Recording one local change as an op: this laptop's replica id and hybrid logical clock, and
the op replacing what the laptop showed for the field (services/replication.py sends them)."""

from __future__ import annotations

import time
import uuid

from intake_app.domain.replication import Hlc, Op, field_state, resolution_parents, tick
from intake_app.services.session import Session
from intake_app.storage import laptop_state
from intake_app.storage import replication as log
from intake_app.storage.database import Cursor

REPLICA_ID = "replica_id"  # laptop_state: this laptop's id in clock stamps (random, not a key)
REPLICA_CLOCK = "replica_clock"  # laptop_state: the last clock value made or seen here


def replica(c: Cursor, at: str) -> str:
    raw = laptop_state.get(c, REPLICA_ID)
    if raw is not None:
        return raw.decode()
    made = uuid.uuid4().hex
    laptop_state.put(c, REPLICA_ID, made.encode(), at)
    return made


def clock(c: Cursor) -> Hlc | None:
    raw = laptop_state.get(c, REPLICA_CLOCK)
    return None if raw is None else Hlc.parse(raw.decode())


def now_ms() -> int:
    return int(time.time() * 1000)


def record(
    c: Cursor, s: Session, entity: str, uid: str, field: str, value: str | None, case_uid: str,
    at: str,
) -> Op:
    """Keep one local change as an op replacing what this laptop showed for that field."""
    stamp = tick(clock(c), now_ms(), replica(c, at))
    laptop_state.put(c, REPLICA_CLOCK, stamp.text().encode(), at)
    current = field_state(log.field_ops(c, entity, uid, field))
    op = Op(uuid.uuid4().hex, stamp, entity, uid, field, value, resolution_parents(current),
            s.user.username, case_uid)
    log.insert(c, op, at, local=True)
    if current.conflicted:
        log.materialise_case(c, case_uid, at)  # the local change settled it: no longer listed
    return op
