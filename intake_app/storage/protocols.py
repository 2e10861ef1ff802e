"""Installed interview protocols (table protocols): every version kept, by (id, version).

Rows are written once and never edited, except a shipped row whose file changed in a newer app
build (`replace_shipped`): the app owns those. The rules (who may install, what is refused)
live in services/protocols.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from intake_app.storage.database import Cursor, Database

SHIPPED: Final = "shipped"
PROFILE: Final = "profile"
FILE: Final = "file"
SOURCES: Final = (SHIPPED, PROFILE, FILE)


@dataclass(frozen=True, slots=True)
class StoredProtocol:
    id: str
    version: str
    document: bytes  # canonical JSON
    sha256: str
    installed_at: str
    source: str

    def __repr__(self) -> str:
        return f"StoredProtocol({self.id!r}, {self.version!r}, {self.source})"


_COLUMNS = "id, version, document, sha256, installed_at, source"


def _row(row: tuple[object, ...]) -> StoredProtocol:
    pid, version, document, digest, at, source = row
    return StoredProtocol(str(pid), str(version), bytes(document),  # type: ignore[call-overload]
                          str(digest), str(at), str(source))


def all_rows(db: Database | Cursor) -> list[StoredProtocol]:
    sql = f"SELECT {_COLUMNS} FROM protocols ORDER BY id, installed_at, version"
    rows = db.query(sql) if isinstance(db, Database) else db.all(sql)
    return [_row(tuple(r)) for r in rows]


def get(c: Cursor, protocol_id: str, version: str) -> StoredProtocol | None:
    row = c.one(f"SELECT {_COLUMNS} FROM protocols WHERE id = ? AND version = ?",
                (protocol_id, version))
    return None if row is None else _row(tuple(row))


def insert(c: Cursor, p: StoredProtocol) -> None:
    c.execute(
        f"INSERT INTO protocols ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
        (p.id, p.version, p.document, p.sha256, p.installed_at, p.source),
    )


def replace_shipped(c: Cursor, p: StoredProtocol) -> None:
    """A shipped row whose file changed under the same version (a newer app build)."""
    c.execute(
        "UPDATE protocols SET document = ?, sha256 = ?, installed_at = ? WHERE id = ? AND"
        " version = ? AND source = 'shipped'",
        (p.document, p.sha256, p.installed_at, p.id, p.version),
    )


def is_empty(c: Cursor) -> bool:
    return c.one("SELECT 1 FROM protocols LIMIT 1") is None


def settle_legacy_interviews(c: Cursor, shipped: dict[str, str]) -> int:
    """Interviews recorded before protocols were installed here, under a version no longer kept,
    get the shipped version (id -> version) they have been reopened under until now."""
    changed = 0
    for pid, version in shipped.items():
        changed += c.execute(
            "UPDATE interviews SET protocol_version = ? WHERE protocol_id = ? AND"
            " protocol_version <> ?",
            (version, pid, version),
        ).rowcount
    return changed
