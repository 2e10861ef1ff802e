"""This laptop's own small facts (table laptop_state), inside the encrypted database."""

from __future__ import annotations

from intake_app.storage.database import Cursor, Database

PENDING_RECOVERY_CODE = "pending_recovery_code"
PROFILE = "profile"  # the last verified agency profile, as its exact bytes
PROFILE_SERIAL = "profile_serial"  # the highest serial this laptop accepted (ASCII digits)
# The last refused state of the profile file ("reason:sha256"), so each is audited once.
PROFILE_REFUSED_SEEN = "profile_refused_seen"
# The key file's never-reset count of failed unlocks, as of the last success (ASCII digits):
# a key file whose count went back since then was edited.
FAILED_UNLOCKS_SEEN = "failed_unlocks_seen"
# The automatic backup an administrator set (folder, interval, copies kept), and the outcome of
# the last backup (time, ok or an error code), as JSON (services/backup_schedule.py).
BACKUP_SCHEDULE = "backup_schedule"
LAST_BACKUP = "last_backup"


def get(db: Database | Cursor, name: str) -> bytes | None:
    sql, args = "SELECT value FROM laptop_state WHERE name = ?", (name,)
    row = db.query_one(sql, args) if isinstance(db, Database) else db.one(sql, args)
    return None if row is None else bytes(row[0])


def put(c: Cursor, name: str, value: bytes, at: str) -> None:
    c.execute(
        "INSERT INTO laptop_state (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (name)"
        " DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        (name, value, at),
    )


def delete(c: Cursor, name: str) -> None:
    c.execute("DELETE FROM laptop_state WHERE name = ?", (name,))
