"""Team replication, the pure part: hybrid logical clocks, operations, and the field registers
that keep every concurrent value instead of picking one.

Every change to an agency's own case is an `Op` on one field of one entity: the value, a hybrid
logical clock, its author, and the ops whose values it replaces (`parents`: what the author's
laptop showed when the change was made). A field's state is a pure function of the SET of ops
known for it: its heads are the ops no other known op replaces. One head: the field has a value.
Several: two laptops changed it while apart, and every one of their values is kept until a
person picks one (a new op whose parents are all the heads). Because the state depends on the
set and never on arrival order, laptops that hold the same ops show the same caseload, however
often and in whatever order the ops arrived (property-tested in tests/unit/test_replication.py).

Nothing is ever dropped: a replaced value stays in the field's history.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

_HLC_RE = re.compile(r"^(\d{13})-(\d{6})-([0-9a-f]{32})$")
MAX_COUNTER = 999_999
# A remote clock more than this far ahead of ours is not adopted (a laptop with a wrong date
# must not drag every other laptop's clock a year forward); its op is still applied.
MAX_DRIFT_MS = 24 * 3600 * 1000


@dataclass(frozen=True, slots=True, order=True)
class Hlc:
    """A hybrid logical clock value: wall time in ms, a counter, the device that made it.

    Ordered by (wall, counter, device), so two laptops never make equal stamps; its text form
    sorts the same way."""

    wall_ms: int
    counter: int
    device: str

    def text(self) -> str:
        return f"{self.wall_ms:013d}-{self.counter:06d}-{self.device}"

    @classmethod
    def parse(cls, text: str) -> Hlc:
        m = _HLC_RE.match(text)
        if m is None:
            raise ValueError("not a clock value")
        return cls(int(m.group(1)), int(m.group(2)), m.group(3))


def tick(last: Hlc | None, now_ms: int, device: str) -> Hlc:
    """The stamp for a local change: after `last` and no earlier than the wall clock."""
    if last is None or now_ms > last.wall_ms:
        return Hlc(now_ms, 0, device)
    if last.counter >= MAX_COUNTER:
        return Hlc(last.wall_ms + 1, 0, device)
    return Hlc(last.wall_ms, last.counter + 1, device)


def observe(last: Hlc | None, remote: Hlc, now_ms: int, device: str) -> Hlc | None:
    """Our clock after seeing `remote`: later than both, unless `remote` is implausibly ahead
    of our wall clock (then ours stays as it was, and None says so)."""
    if remote.wall_ms > now_ms + MAX_DRIFT_MS:
        return None
    base = remote if last is None or remote > last else last
    return tick(base, now_ms, device)


@dataclass(frozen=True, slots=True)
class Op:
    """One change to one field of one entity (a case, a note), by one person on one laptop."""

    op_id: str
    hlc: Hlc
    entity: str  # "case" or "note"
    entity_uid: str
    field: str
    value: str | None  # None: cleared (a note: deleted)
    parents: frozenset[str]  # the ops whose values this one replaces
    author: str = ""  # the user's name on the laptop that made it (shown with a conflict)
    case_uid: str = ""  # the case it belongs to (a note's case; a case's own uid)

    def __repr__(self) -> str:  # a value may be a name: never let it reach a log
        return f"Op({self.op_id[:8]}, {self.entity}.{self.field}, {self.hlc.text()})"

    @property
    def key(self) -> tuple[str, str, str]:
        return self.entity, self.entity_uid, self.field


@dataclass(frozen=True, slots=True)
class FieldState:
    """What a field shows: its heads (newest first), and the value to show while they differ."""

    heads: tuple[Op, ...]

    @property
    def conflicted(self) -> bool:
        return len({h.value for h in self.heads}) > 1

    @property
    def value(self) -> str | None:
        """The newest head's value: what lists and search use until a person decides."""
        return self.heads[0].value if self.heads else None

    @property
    def head_ids(self) -> frozenset[str]:
        return frozenset(h.op_id for h in self.heads)

    def __repr__(self) -> str:
        return f"FieldState({len(self.heads)} heads, conflicted={self.conflicted})"


def field_state(ops: Iterable[Op]) -> FieldState:
    """The state of one field from every op known for it (any order, duplicates allowed)."""
    unique = {op.op_id: op for op in ops}
    replaced: set[str] = set()
    for op in unique.values():
        replaced |= op.parents
    heads = sorted((op for op in unique.values() if op.op_id not in replaced),
                   key=lambda op: op.hlc, reverse=True)
    return FieldState(tuple(heads))


def states(ops: Iterable[Op]) -> dict[tuple[str, str, str], FieldState]:
    """Every field's state from a set of ops."""
    by_key: dict[tuple[str, str, str], list[Op]] = {}
    for op in ops:
        by_key.setdefault(op.key, []).append(op)
    return {key: field_state(group) for key, group in by_key.items()}


def history(ops: Iterable[Op]) -> list[Op]:
    """Every value a field has had, oldest first (replaced ones included)."""
    return sorted({op.op_id: op for op in ops}.values(), key=lambda op: op.hlc)


def resolution_parents(state: FieldState) -> frozenset[str]:
    """A person's choice replaces every value shown side by side."""
    return state.head_ids


def view(ops: Iterable[Op]) -> Mapping[tuple[str, str, str], str | None]:
    """The value every field shows (what two converged laptops compare)."""
    return {key: s.value for key, s in states(ops).items()}
