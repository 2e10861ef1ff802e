"""Child for the crash-point tests: one user change, killed right after its Nth durable step.

A durable step is a key-file write (atomic_write) or a database commit of the operation (the
unlock before it is not counted). With CRASH_AT=N the process exits with code 9 at once after
the Nth one, as a power cut would; with CRASH_AT=0 it
runs to the end and prints "done". Usage: custody_child.py DATA_DIR OP [ARG...]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from intake_app import paths
from intake_app.domain.case import Role
from intake_app.services import session as svc
from intake_app.services.session import Workspace
from intake_app.storage import database

PASSPHRASE = "correct horse battery staple"
_crash_at = int(os.environ.get("CRASH_AT", "0"))
_steps = 0


def _step() -> None:
    global _steps  # noqa: PLW0603 - one counter for the whole child
    _steps += 1
    if _steps == _crash_at:
        os._exit(9)


def _install() -> None:
    real_write = paths.atomic_write

    def write(path: Path, data: bytes) -> None:
        real_write(path, data)
        _step()

    paths.atomic_write = write
    import intake_app.storage.keyvault as keyvault

    setattr(keyvault, "atomic_write", write)  # noqa: B010 - the module's own reference
    real_tx = database.Database.transaction

    import contextlib

    @contextlib.contextmanager
    def transaction(self: database.Database):
        with real_tx(self) as c:
            yield c
        _step()  # after COMMIT

    setattr(database.Database, "transaction", transaction)  # noqa: B010


def main() -> int:
    data_dir, op, *args = sys.argv[1:]
    s = Workspace(Path(data_dir)).unlock("admin", PASSPHRASE)
    _install()  # the steps counted are the operation's own, not the unlock's
    try:
        if op == "add":
            svc.add_user(s, args[0], PASSPHRASE, Role.ADVOCATE)
        elif op == "remove":
            print("code", svc.remove_user(s, args[0]).new_recovery_code, flush=True)
            svc.recovery_code_shown(s)
        elif op == "passwd":
            svc.change_passphrase(s, PASSPHRASE, args[0])
        elif op == "rekey":
            svc.rekey(s)
    finally:
        s.close()
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
