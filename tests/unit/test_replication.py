"""Field registers that keep every concurrent value: laptops that hold the same ops show the same
caseload whatever order and how often the ops arrived, and no value is ever dropped."""

from __future__ import annotations

import random
import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from intake_app.domain.replication import (
    MAX_DRIFT_MS,
    Hlc,
    Op,
    field_state,
    history,
    observe,
    resolution_parents,
    states,
    tick,
    view,
)

DEVICES = ["a" * 32, "b" * 32, "c" * 32]
FIELDS = [("case", "c1", "preferred_name"), ("case", "c1", "status"), ("note", "n1", "body")]


class Laptop:
    def __init__(self, device: str) -> None:
        self.device = device
        self.ops: dict[str, Op] = {}
        self.clock: Hlc | None = None

    def edit(self, key: tuple[str, str, str], value: str | None, now_ms: int) -> Op:
        entity, uid, name = key
        current = field_state(o for o in self.ops.values() if o.key == key)
        self.clock = tick(self.clock, now_ms, self.device)
        op = Op(uuid.uuid4().hex, self.clock, entity, uid, name, value,
                resolution_parents(current), author=self.device[:1])
        self.ops[op.op_id] = op
        return op

    def receive(self, ops: list[Op], now_ms: int) -> None:
        for op in ops:
            self.ops.setdefault(op.op_id, op)
            self.clock = observe(self.clock, op.hlc, now_ms, self.device) or self.clock


def test_hlc_orders_after_what_it_saw_and_resists_a_clock_far_ahead() -> None:
    a = tick(None, 1_000, DEVICES[0])
    b = tick(a, 900, DEVICES[0])  # the wall clock went back: still after
    assert b > a and Hlc.parse(b.text()) == b
    seen = observe(b, Hlc(5_000, 3, DEVICES[1]), 1_200, DEVICES[0])
    assert seen is not None and seen > Hlc(5_000, 3, DEVICES[1])
    assert observe(b, Hlc(1_200 + MAX_DRIFT_MS + 1, 0, DEVICES[1]), 1_200, DEVICES[0]) is None


def test_the_same_field_edited_apart_keeps_both_and_a_choice_settles_it() -> None:
    a, b = Laptop(DEVICES[0]), Laptop(DEVICES[1])
    first = a.edit(FIELDS[0], "Rosa", 1_000)
    b.receive([first], 1_001)
    mine = a.edit(FIELDS[0], "Rosa M.", 2_000)
    theirs = b.edit(FIELDS[0], "Rosita", 2_001)
    other_field = b.edit(FIELDS[1], "closed", 2_002)
    a.receive([theirs, other_field], 3_000)
    b.receive([mine], 3_000)
    for laptop in (a, b):
        s = states(laptop.ops.values())
        assert s[FIELDS[0]].conflicted and {h.value for h in s[FIELDS[0]].heads} == {
            "Rosa M.", "Rosita"}
        assert not s[FIELDS[1]].conflicted and s[FIELDS[1]].value == "closed"
    settled = a.edit(FIELDS[0], "Rosa María", 4_000)  # a person writes a third
    b.receive([settled], 4_001)
    for laptop in (a, b):
        one = field_state(o for o in laptop.ops.values() if o.key == FIELDS[0])
        assert not one.conflicted and one.value == "Rosa María"
        kept = [o.value for o in history(o for o in laptop.ops.values() if o.key == FIELDS[0])]
        assert {"Rosa", "Rosa M.", "Rosita", "Rosa María"} <= set(kept)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_three_laptops_converge_whatever_the_delivery(data: st.DataObject) -> None:
    laptops = [Laptop(d) for d in DEVICES]
    rng = random.Random(data.draw(st.integers(0, 2**32)))
    now = 1_000
    made: list[Op] = []
    steps = data.draw(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2),
                                         st.sampled_from(["x", "y", "z", None]),
                                         st.booleans()), min_size=1, max_size=25))
    for who, which, value, deliver in steps:
        now += rng.randint(0, 50)
        made.append(laptops[who].edit(FIELDS[which], value, now + rng.randint(-500, 500)))
        if deliver:  # some ops travel now: a random subset, duplicated, out of order
            target = laptops[rng.randrange(3)]
            batch = rng.sample(made, rng.randint(0, len(made)))
            target.receive(batch + batch[: len(batch) // 2], now)
    for laptop in laptops:  # finally every op reaches every laptop, shuffled
        everything = list(made)
        rng.shuffle(everything)
        laptop.receive(everything, now + 1)
    views = [view(laptop.ops.values()) for laptop in laptops]
    assert views[0] == views[1] == views[2]
    heads = [{k: s.head_ids for k, s in states(laptop.ops.values()).items()} for laptop in laptops]
    assert heads[0] == heads[1] == heads[2]
    # No value is dropped: every value ever written is a head or in its field's history.
    for op in made:
        kept = history(o for o in laptops[0].ops.values() if o.key == op.key)
        assert op in kept
