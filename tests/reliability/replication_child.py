"""Child process for the replication kill test: unlock, then apply batches of operations from a
file over and over (duplicates included), printing `applied <i>` after each commit returned;
the parent kills it with SIGKILL at a random moment. Paths come on stdin, never argv."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from intake_app.services import replication
from intake_app.services.session import Workspace


def main() -> None:
    data_dir, passphrase, batches_file, start = sys.stdin.read().split("\n")[:4]
    batches = json.loads(Path(batches_file).read_text(encoding="utf-8"))
    session = Workspace(Path(data_dir)).unlock("ana", passphrase)
    print("ready", flush=True)
    i = int(start)
    while True:
        replication.apply_ops(session, replication.parse_batch(batches[i % len(batches)]))
        print(f"applied {i % len(batches)}", flush=True)
        i += 1


if __name__ == "__main__":
    main()
