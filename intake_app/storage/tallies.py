"""How much a database holds, table by table: the counts a backup's manifest records and a
restore compares (numbers only, never a row)."""

from __future__ import annotations

from intake_app.storage.database import Database

# Read in this order; each is a fixed table name, never input.
TABLES: tuple[str, ...] = ("cases", "interviews", "answers", "notes", "consents", "users", "audit")


def counts(db: Database) -> dict[str, int]:
    out: dict[str, int] = {}
    for table in TABLES:
        row = db.query_one(f"SELECT count(*) FROM {table}")
        out[table] = int(row[0]) if row else 0
    return out


def audit_head(db: Database) -> tuple[int, str]:
    """The last audit entry's sequence number and hash (hex), (0, "") for an empty log."""
    row = db.query_one("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")
    if row is None:
        return 0, ""
    return int(row[0]), bytes(row[1]).hex()
