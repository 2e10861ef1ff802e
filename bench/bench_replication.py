"""Team replication and backup, each beside its reference in the same run.

1. Applying received operations (batches of 1,000, real SQLCipher) beside the raw INSERT of the
   same rows into the same table: what idempotence, the clock and materialising the cases cost.
2. A new laptop pulling 10,000 cases (37 operations each: fields, identifying details, an
   interview with 20 answers, a note):
   time and megabytes of batch payload moved, against the plain file copy of the database.
3. An encrypted backup of that database beside a plain file copy of it.

Run: `python -m bench.bench_replication` (or `make bench`).
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
import uuid
from pathlib import Path

from bench.common import table
from intake_app.domain.answers import Answer
from intake_app.domain.case import Role
from intake_app.domain.replicated_rows import encode_answer
from intake_app.domain.replication import Hlc, Op
from intake_app.services import backup, replication
from intake_app.services.session import Session, Workspace
from intake_app.storage.kdf import KdfParams

CASES = 10_000
PASSPHRASE = "bench passphrase not for use"


def _ops_for(case_index: int, device: str, at_ms: int) -> list[Op]:
    """One case as a colleague's laptop sends it: 8 case fields, an interview (6 fields) with
    20 answers, and a note (3 ops): 37 operations."""
    case_uid, interview = uuid.uuid4().hex, uuid.uuid4().hex
    code = f"B{case_index:07d}"[-8:]
    code = f"{code[:4]}-{code[4:]}"
    fields = {"code": code, "created_at": "2026-11-01T10:00:00+00:00", "status": "open",
              "preferred_name": f"Synthetic {case_index}", "language": "es",
              "contact": "555-0100", "legal_name": f"Synthetic Person {case_index}",
              "date_of_birth": "2001-02-03"}
    started = {"protocol_id": "advocate_intake", "protocol_version": "1.1", "language": "es",
               "role": "advocate", "status": "paused", "started_at": "2026-11-01T10:05:00+00:00"}
    tick = 0

    def op(entity: str, uid: str, field: str, value: str) -> Op:
        nonlocal tick
        tick += 1
        return Op(uuid.uuid4().hex, Hlc(at_ms + case_index, tick, device), entity, uid, field,
                  value, frozenset(), "bench", case_uid)

    ops = [op("case", case_uid, k, v) for k, v in fields.items()]
    ops += [op("interview", interview, k, v) for k, v in started.items()]
    ops += [op("answer", interview, f"question_{n:02d}",
               encode_answer(Answer.of(f"synthetic answer {n}")) or "") for n in range(20)]
    note = uuid.uuid4().hex
    ops += [op("note", note, "created_at", "2026-11-02T10:00:00+00:00"),
            op("note", note, "body", "visit went well")]
    ops.append(Op(uuid.uuid4().hex, Hlc(at_ms + case_index, tick + 1, device), "note", note,
                  "body", "visit: follow up", frozenset({ops[-1].op_id}), "bench", case_uid))
    return ops


def _laptop(folder: Path) -> Session:
    s, _ = Workspace(folder).set_up("admin", PASSPHRASE, Role.ADMIN, kdf=KdfParams.for_tests())
    return s


def _apply_all(s: Session, ops: list[Op], batch: int = 1000) -> float:
    start = time.perf_counter()
    for i in range(0, len(ops), batch):
        replication.apply_ops(s, ops[i:i + batch])
    return time.perf_counter() - start


def _raw_insert(s: Session, ops: list[Op]) -> float:
    rows = [(o.op_id, o.hlc.text(), o.entity, o.entity_uid, o.field, o.value,
             json.dumps(sorted(o.parents)), o.author, o.case_uid, "now", 1) for o in ops]
    start = time.perf_counter()
    for i in range(0, len(rows), 1000):
        with s.db.transaction() as c:
            c.executemany("INSERT INTO ops (op_id, hlc, entity, entity_uid, field, value, parents,"
                          " author, case_uid, received_at, sent) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                          rows[i:i + 1000])
    return time.perf_counter() - start


def main() -> None:
    device = uuid.uuid4().hex
    at = int(time.time() * 1000)
    with tempfile.TemporaryDirectory(prefix="bench-replication-") as tmp:
        root = Path(tmp)
        sample = [op for i in range(30) for op in _ops_for(i, device, at)][:1000]
        a, b = _laptop(root / "a"), _laptop(root / "b")
        ours = _apply_all(a, sample)
        raw = _raw_insert(b, [Op(uuid.uuid4().hex, o.hlc, o.entity, o.entity_uid, o.field,
                                 o.value, o.parents, o.author, o.case_uid) for o in sample])
        again = _apply_all(a, sample)  # a duplicate delivery
        a.close()
        b.close()
        rows = [
            ["apply 1,000 ops (ours: materialise cases, clock, audit)",
             f"{len(sample) / ours:,.0f} ops/s"],
            ["raw INSERT of the same 1,000 rows (reference)", f"{len(sample) / raw:,.0f} ops/s"],
            ["the same batch delivered again (idempotent)", f"{len(sample) / again:,.0f} ops/s"],
        ]
        print(table("Applying operations (batch of 1,000, SQLCipher)", ["what", "rate"], rows))

        office = _laptop(root / "office")
        everything = [op for i in range(CASES) for op in _ops_for(i, device, at)]
        _apply_all(office, everything)
        office.db.checkpoint()
        start = time.perf_counter()
        moved = 0
        newcomer = _laptop(root / "new")
        after = ""
        while True:
            payload = replication.snapshot(office, after, limit=1000)
            data = replication.payload_bytes(payload)
            ops = replication.parse_batch(json.loads(data))
            if not ops:
                break
            moved += len(data)
            replication.apply_ops(newcomer, ops)
            after = ops[-1].hlc.text()
        pull = time.perf_counter() - start
        assert len(replication.snapshot(newcomer, "", limit=10**7)["ops"]) == len(everything)  # type: ignore[arg-type]
        newcomer.close()
        db_path = root / "office" / "intake.db"
        size = db_path.stat().st_size
        start = time.perf_counter()
        shutil.copyfile(db_path, root / "plain-copy.db")
        copy = time.perf_counter() - start
        start = time.perf_counter()
        report = backup.create_backup(office, root / "usb")
        made = time.perf_counter() - start
        office.close()
        rows = [
            [f"new laptop pulls {CASES:,} cases ({len(everything):,} ops)", f"{pull:.1f} s",
             f"{moved / 1e6:.1f} MB of batches"],
            ["plain copy of the same database file (reference)", f"{copy:.2f} s",
             f"{size / 1e6:.1f} MB"],
            ["encrypted backup of it (online backup API + manifest)", f"{made:.2f} s",
             f"{report.path.stat().st_size / 1e6:.1f} MB"],
        ]
        print(table("A new laptop, and a backup", ["what", "time", "size"], rows))


if __name__ == "__main__":
    main()
