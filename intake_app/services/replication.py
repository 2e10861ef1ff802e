"""Team replication: every change to the agency's own cases is an op recorded in the change's own
transaction; batches of ops travel to the agency's other laptops and are applied idempotently in
any order. Fields two laptops changed while apart, and a person's choice between their values:
services/conflicts.py.

Demo cases stay on their laptop. The pure rules are domain/replication.py; the op log and its
materialisation storage/replication.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from intake_app import errors
from intake_app.domain.case import CaseStatus
from intake_app.domain.replicated_rows import check_value
from intake_app.domain.replication import Hlc, Op, observe
from intake_app.services import replication_clock as hlc
from intake_app.services import replication_rows as rows
from intake_app.services.replication_clock import REPLICA_CLOCK, record
from intake_app.services.session import Session
from intake_app.storage import audit, laptop_state
from intake_app.storage import cases as case_rows
from intake_app.storage import replication as log
from intake_app.storage.audit import now_iso
from intake_app.storage.database import Cursor

# laptop_state: the other laptops heard from (JSON list of replica ids), and whether this one
# has introduced itself. A laptop heard from for the first time gets everything this one holds
# (a snapshot: the relay deletes what every laptop enrolled at the time acknowledged, so a
# laptop that joins later learns the caseload from its colleagues, not from the relay).
REPLICAS_SEEN = "replicas_seen"
HELLO_SENT = "replica_hello_sent"
# laptop_state: this laptop is one of several (it joined from a bundle, or made one). An agency
# with one laptop has no one to replicate to and sends nothing.
TEAM = "replica_team"
BASELINE_DONE = "replica_baseline_done"  # laptop_state: cases from before replication recorded
BASELINE_VERSION = b"2"  # 2: interviews, answers, consents, facts and their rows too
PAYLOAD_VERSION = 1
MAX_BATCH = 1000
MAX_VALUE_CHARS = 100_000
MAX_PARENTS = 64
_HEX32 = re.compile(r"^[0-9a-f]{32}$")


class BadOps(errors.IntakeError):
    code = "bad_ops"
    template = "A batch of changes from this agency's laptops was refused: {reason}."
    plain = "Changes from another laptop of your agency were refused: they are damaged."


# --- recording local changes -----------------------------------------------------------------
def record_case(
    c: Cursor, s: Session, case_id: int, changes: Mapping[str, str | None], at: str
) -> None:
    """Ops for changed case fields (nothing for a demo case)."""
    if not changes or is_demo(c, case_id):
        return
    uid = log.case_uid_of(c, case_id)
    for field, value in changes.items():
        if field not in log.FIELDS_OF["case"]:
            raise ValueError(f"not a replicated case field: {field}")
        record(c, s, "case", uid, field, value or None, uid, at)


def record_new_case(c: Cursor, s: Session, case_id: int, at: str) -> None:
    row = log.case_row(c, case_id)
    record_case(c, s, case_id, {k: v for k, v in row.items() if v is not None}, at)


def record_note(
    c: Cursor, s: Session, note_id: int, changes: Mapping[str, str | None], at: str
) -> None:
    uid, of_case = log.note_uid_of(c, note_id)
    if log.note_is_demo(c, note_id):
        return
    for field, value in changes.items():
        record(c, s, "note", uid, field, value, of_case, at)


def record_deleted_case(c: Cursor, s: Session, case_uid: str, at: str) -> None:
    record(c, s, "case", case_uid, "deleted", "1", case_uid, at)


def case_uid(c: Cursor, case_id: int) -> str:
    return log.case_uid_of(c, case_id)


def note_uid(c: Cursor, note_id: int) -> str:
    return log.note_uid_of(c, note_id)[0]


def forget_case(c: Cursor, uid: str) -> None:
    """After a deletion: the log keeps its tombstone only (that still travels)."""
    log.purge_case(c, uid)


def forget_note(c: Cursor, uid: str) -> None:
    log.purge_note(c, uid)


def is_demo(c: Cursor, case_id: int) -> bool:
    """Demo cases stay on the laptop that made them."""
    return log.is_demo(c, case_id)


def baseline(s: Session) -> int:
    """Ops for cases (and their interviews, answers, consents) kept before they replicated,
    with their values as they are now, once per laptop and baseline version: everything made
    or received since is recorded as it changes."""
    if laptop_state.get(s.db, BASELINE_DONE) == BASELINE_VERSION:
        return 0
    at = now_iso()
    with s.db.transaction() as c:
        waiting = log.cases_without_ops(c)
        for case_id in waiting:
            record_new_case(c, s, case_id, at)
            of_case = log.case_uid_of(c, case_id)
            for uid, body, created in log.note_rows(c, case_id):
                record(c, s, "note", uid, "created_at", created, of_case, at)
                record(c, s, "note", uid, "body", body, of_case, at)
        recorded = rows.baseline_rows(c, s, at)
        if waiting or recorded:
            audit.append(c, s.user.id, "replication.baseline",
                         detail=f"cases:{len(waiting)}:rows:{recorded}")
        laptop_state.put(c, BASELINE_DONE, BASELINE_VERSION, at)
    return len(waiting)


# --- batches ---------------------------------------------------------------------------------
def _to_json(op: Op) -> dict[str, object]:
    return {"id": op.op_id, "hlc": op.hlc.text(), "e": op.entity, "u": op.entity_uid,
            "f": op.field, "v": op.value, "p": sorted(op.parents), "a": op.author,
            "c": op.case_uid}


def outgoing(s: Session, limit: int = MAX_BATCH) -> tuple[list[str], dict[str, object]]:
    """The next batch of this laptop's unsent ops: (their ids, the payload to seal)."""
    baseline(s)
    ops = log.unsent(s.db, limit)
    with s.db.transaction() as c:
        replica = hlc.replica(c, now_iso())
    return [op.op_id for op in ops], {"v": PAYLOAD_VERSION, "replica": replica,
                                      "ops": [_to_json(o) for o in ops]}


def snapshot(s: Session, after: str = "", limit: int = MAX_BATCH) -> dict[str, object]:
    """Every op after clock value `after`, for a laptop that joins (compaction: the relay
    keeps whole batches; a new laptop asks for all of them, in order)."""
    ops = log.all_ops(s.db, after, limit)
    return {"v": PAYLOAD_VERSION, "ops": [_to_json(o) for o in ops]}


def new_replica_after_restore(c: Cursor) -> None:
    """A restored folder is a new laptop to its colleagues: it takes a new id (the laptop the
    backup came from may still be in use under the old one), introduces itself, and so is sent
    everything they made since the backup; every laptop it hears from gets its whole log."""
    for name in (hlc.REPLICA_ID, HELLO_SENT, REPLICAS_SEEN):
        laptop_state.delete(c, name)


def join_team(c: Cursor, at: str) -> None:
    """This laptop has colleagues (called when it joins from a bundle or makes one)."""
    laptop_state.put(c, TEAM, b"1", at)


def has_team(s: Session) -> bool:
    return (laptop_state.get(s.db, TEAM) is not None
            or laptop_state.get(s.db, REPLICAS_SEEN) is not None)


def mark_sent(s: Session, op_ids: Sequence[str]) -> None:
    with s.db.transaction() as c:
        log.mark_sent(c, op_ids)


def batch_replica(payload: Mapping[str, object]) -> str | None:
    """The laptop a batch comes from (None in a batch from before replicas were named)."""
    replica = payload.get("replica")
    if replica is None:
        return None
    if not isinstance(replica, str) or not _HEX32.match(replica):
        raise BadOps(reason="the sending laptop's id is malformed")
    return replica


def parse_batch(payload: Mapping[str, object]) -> list[Op]:
    """The ops in a received payload, each field checked; BadOps names what is wrong."""
    if payload.get("v") != PAYLOAD_VERSION:
        raise BadOps(reason="unsupported version")
    raw = payload.get("ops")
    if not isinstance(raw, list) or len(raw) > MAX_BATCH:
        raise BadOps(reason="no list of ops, or too many")
    return [_parse_op(item) for item in raw]


def _parse_op(item: object) -> Op:
    if not isinstance(item, dict):
        raise BadOps(reason="an op is not an object")
    try:
        op_id, entity, uid, field, author, case_uid = (
            item["id"], item["e"], item["u"], item["f"], item["a"], item["c"])
        hlc = Hlc.parse(item["hlc"])
        value, parents = item["v"], item["p"]
    except (KeyError, TypeError, ValueError):
        raise BadOps(reason="an op lacks a field or has a bad clock") from None
    strings = (op_id, entity, uid, field, author, case_uid)
    if not all(isinstance(x, str) for x in strings):
        raise BadOps(reason="an op field is not text")
    if not all(_HEX32.match(x) for x in (op_id, uid, case_uid)):
        raise BadOps(reason="an op id is malformed")
    if not log.may_name(entity, field):
        raise BadOps(reason="an op names a field that does not replicate")
    if value is not None and (not isinstance(value, str) or len(value) > MAX_VALUE_CHARS):
        raise BadOps(reason="an op value is too long or not text")
    if (not isinstance(parents, list) or len(parents) > MAX_PARENTS
            or not all(isinstance(p, str) and _HEX32.match(p) for p in parents)):
        raise BadOps(reason="an op's parents are malformed")
    if len(author) > 200:
        raise BadOps(reason="an op author is too long")
    if (entity == "case" and field == "status" and value is not None
            and value not in {x.value for x in CaseStatus}):
        raise BadOps(reason="an op sets an unknown status")
    if entity == "case" and field == "legal_hold" and value not in (None, "1"):
        raise BadOps(reason="a legal hold is either on or off")
    try:
        check_value(entity, field, value)
    except ValueError as err:
        raise BadOps(reason=str(err)) from None
    return Op(op_id, hlc, entity, uid, field, value, frozenset(parents), author, case_uid)


@dataclass(frozen=True, slots=True)
class Applied:
    received: int
    new: int
    cases: int  # cases changed on this laptop
    conflicted_cases: int  # cases that now show a field with two versions (any cause)


def apply_ops(s: Session, ops: Sequence[Op]) -> Applied:
    """Apply received ops in one transaction: idempotent, any order, any number of times."""
    with s.db.transaction() as c:
        new, touched = apply_in(c, s, ops, now_iso())
    return Applied(len(ops), new, touched, log.conflict_count(s.db))


def apply_in(
    c: Cursor, s: Session, ops: Sequence[Op], at: str, sender: str | None = None
) -> tuple[int, int]:
    """`apply_ops` inside the caller's transaction (an envelope's); (new ops, cases changed).
    `sender`: the laptop the batch came from; the first batch from a laptop makes this one send
    it everything it holds."""
    touched: set[str] = set()
    new = 0
    replica = hlc.replica(c, at)
    if sender is not None and sender != replica:
        raw = laptop_state.get(c, REPLICAS_SEEN)
        seen = set(json.loads(raw)) if raw else set()
        if sender not in seen:
            laptop_state.put(c, REPLICAS_SEEN, json.dumps(sorted(seen | {sender})).encode(), at)
            log.resend_all(c)
            audit.append(c, s.user.id, "replication.new_laptop", detail=f"replica:{sender}")
    clock = hlc.clock(c)
    deletions = False
    for op in ops:
        if log.insert(c, op, at, local=False):
            new += 1
            touched.add(op.case_uid)
            clock = observe(clock, op.hlc, hlc.now_ms(), replica) or clock
            deletions = deletions or (op.entity, op.field, op.value) == ("case", "deleted", "1")
    if clock is not None:
        laptop_state.put(c, REPLICA_CLOCK, clock.text().encode(), at)
    for case_uid in sorted(touched):
        log.materialise_case(c, case_uid, at)
    if deletions:  # a colleague deleted a case: its words leave this laptop's search index too
        case_rows.compact_search(c)
    _tell_of_withdrawals(c, s, [op for op in ops if op.entity == "consent"
                                and op.field == "withdrawn_at" and op.value])
    if new:
        audit.append(c, s.user.id, "replication.apply", detail=f"ops:{new}:cases:{len(touched)}")
    return new, len(touched)


def _tell_of_withdrawals(c: Cursor, s: Session, withdrawals: Sequence[Op]) -> None:
    """A consent withdrawn on another laptop: the agencies THIS laptop shared with under it
    are told now, in the same transaction (each only once)."""
    from datetime import datetime

    from intake_app.services.sharing.withdrawals import tell_recipients

    for op in withdrawals:
        consent_id = log.consent_id_of(c, op.entity_uid)
        if consent_id is not None and op.value is not None:
            case_id = log.consent_uid_of(c, consent_id)[1]
            tell_recipients(c, s, consent_id, case_id, datetime.fromisoformat(op.value))


# An envelope holds at most 1 MiB; a batch stops well short of it (JSON of the ops).
MAX_BATCH_BYTES = 512 * 1024


def queue_outgoing(s: Session) -> int:
    """Seal this laptop's unsent ops to its own agency, in envelopes the outbox delivers to the
    agency's other laptops (relay or folder); returns how many ops were queued."""
    from datetime import UTC, datetime

    from intake_app.services import agency
    from intake_app.services.sharing.outbound import enqueue
    from intake_app.sync.envelope import Kind

    me = agency.get_identity(s)
    if me is None or not has_team(s):
        return 0
    baseline(s)
    queued = 0
    while True:
        ops = log.unsent(s.db, MAX_BATCH)
        if not ops and (queued or laptop_state.get(s.db, HELLO_SENT) is not None):
            return queued
        batch: list[Op] = []
        size = 0
        for op in ops:
            size += len(payload_bytes(_to_json(op))) + 1
            if batch and size > MAX_BATCH_BYTES:
                break
            batch.append(op)
        with s.db.transaction() as c:
            at = now_iso()
            # Even with nothing to send, once: so the others learn of this laptop (above).
            laptop_state.put(c, HELLO_SENT, b"1", at)
            payload = {"v": PAYLOAD_VERSION, "replica": hlc.replica(c, at),
                       "ops": [_to_json(o) for o in batch]}
            envelope_id = enqueue(c, me, me.card, Kind.REPLICATION, payload, datetime.now(UTC))
            log.mark_sent(c, [o.op_id for o in batch])
            audit.append(c, s.user.id, "replication.queue", "envelope", envelope_id,
                         detail=f"ops:{len(batch)}")
        queued += len(batch)
        if not batch:
            return queued


def payload_bytes(payload: Mapping[str, object]) -> bytes:
    return json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
