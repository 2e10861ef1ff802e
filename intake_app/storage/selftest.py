"""`intake selftest`: prove encryption works on this machine (an installed bundle runs it)."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from intake_app.paths import DB_FILE
from intake_app.storage.database import Database


def files_under(root: Path) -> list[Path]:
    """Every regular file under `root`, walked so that a folder other programs remove or lock
    while we walk (the shared temp folder) is skipped, never an error."""
    found = [Path(top) / name for top, _dirs, names in os.walk(root) for name in names]
    return sorted(p for p in found if p.is_file() and not p.is_symlink())


def files_containing(root: Path, needle: bytes) -> list[Path]:
    """Every file under `root` whose bytes contain `needle`."""
    hits = []
    for path in files_under(root):
        try:
            if needle in path.read_bytes():
                hits.append(path)
        except OSError:
            continue  # vanished, not ours or not readable while we walked: nothing of ours
    return hits


def run_selftest(temp_root: Path) -> str:
    """Create, write, read back and close a temporary encrypted database; returns one line."""
    canary = f"selftest-canary-{secrets.token_hex(8)}"
    with tempfile.TemporaryDirectory(prefix="intake-selftest-", dir=temp_root) as tmp:
        folder = Path(tmp)
        key = secrets.token_bytes(32)
        db = Database.open(folder / DB_FILE, [key])
        with db.transaction() as c:
            c.execute(
                "INSERT INTO cases (code, preferred_name, created_at, updated_at)"
                " VALUES ('SELF-TEST', ?, '2026-01-01', '2026-01-01')",
                (canary,),
            )
        version = db.query_one("PRAGMA cipher_version")
        db.close()
        reopened = Database.open(folder / DB_FILE, [key])
        row = reopened.query_one("SELECT preferred_name FROM cases WHERE code = 'SELF-TEST'")
        problems = reopened.integrity_problems()
        reopened.close()
        if row is None or row[0] != canary:
            raise RuntimeError("selftest: the value written could not be read back")
        if problems:
            raise RuntimeError("selftest: integrity check failed")
        leaks = files_containing(folder, canary.encode())
        if leaks:
            raise RuntimeError(f"selftest: plaintext found in {len(leaks)} file(s)")
    return f"selftest ok: SQLCipher {version[0] if version else '?'}, encrypted, read back, no plaintext on disk"
