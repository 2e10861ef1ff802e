"""Child process for the hard-kill test: unlock, then autosave answers and acknowledge each.

Reads the data dir and passphrase from stdin (never argv); prints `ack <qid> <value>` after
each answer's commit returned; the parent kills it with SIGKILL at a random moment.
"""

from __future__ import annotations

import sys
from pathlib import Path

from intake_app.domain.answers import Answer
from intake_app.services import interviews as iv_svc
from intake_app.services.session import Workspace


def main() -> None:
    data_dir, passphrase, interview_id, start = sys.stdin.read().split("\n")[:4]
    session = Workspace(Path(data_dir)).unlock("ana", passphrase)
    print("ready", flush=True)
    n = int(start)
    while True:
        qid = f"q{n}"
        value = f"answer-{n}"
        iv_svc.record_answer(session, int(interview_id), qid, Answer.of(value))
        print(f"ack {qid} {value}", flush=True)
        n += 1


if __name__ == "__main__":
    main()
