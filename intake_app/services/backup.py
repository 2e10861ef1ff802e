"""Encrypted backups: one file with a consistent copy of the database, the key file and a sealed
manifest, which only a user's passphrase or the recovery code opens; checked and restored
without touching live data until everything in it has proved whole.

The file is a ZIP archive, stored (every member is already ciphertext or public):
- `manifest.json`: `{"format", "version", "created_at", "sealed"}`; `sealed` is AES-256-GCM under
  a key derived from the data key, the clear fields as associated data, holding the counts, the
  audit head, the schema version and the SHA-256 of the database member.
- `keys.json`: the key file as it was when the copy was taken, under the folder's lock.
- `intake.db`: SQLite's online backup of the database (same key, its own salt).
- `profile.json`: the installed signed profile, when there is one.
- `audit-head.json`: the audit chain's head as of the copy (storage/audit.py).

A ZIP because every platform opens one and Python reads it without a dependency; its own CRCs
catch a damaged member early, and the sealed SHA-256 catches a swapped one.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import secrets
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from intake_app import errors
from intake_app.domain.case import Role
from intake_app.folder_lock import instance_lock, write_lock
from intake_app.paths import DB_FILE, KEY_FILE, private_dir
from intake_app.services.roles import requires
from intake_app.services.session import Session, Workspace
from intake_app.storage import audit, tallies, users
from intake_app.storage.audit import HEAD_FILE
from intake_app.storage.keyvault import KeyVault

FORMAT = "field-intake/backup"
VERSION = 1
SUFFIX = ".fibackup"
MANIFEST = "manifest.json"
PROFILE_FILE = "profile.json"
_MEMBERS = {MANIFEST: 64 * 1024, KEY_FILE: 1024 * 1024, DB_FILE: 64 * 1024**3,
            PROFILE_FILE: 1024 * 1024, HEAD_FILE: 4096}
_REQUIRED = (MANIFEST, KEY_FILE, DB_FILE)
_INFO = b"field-intake/backup-manifest/v1"
Progress = Callable[[int, int], None]


class BackupUnusable(errors.IntakeError):
    code = "backup_unusable"
    template = "{path} is not a usable Field Intake backup ({reason}). Nothing was changed."
    plain = (
        "This file is not a usable Field Intake backup: it is damaged, incomplete or not a"
        " backup. Nothing was changed."
    )


class BackupNotPermitted(errors.IntakeError):
    code = "backup_not_permitted"
    template = (
        "Only an administrator or a supervisor of the backed-up laptop (or its recovery code)"
        " can check or restore a backup."
    )


@dataclass(frozen=True, slots=True)
class BackupReport:
    """What a backup holds, and whether it is whole; numbers and times only."""

    path: Path
    created_at: str
    schema_version: int
    counts: dict[str, int]
    audit_entries: int
    problems: tuple[str, ...]  # empty when every page, the audit chain and the counts agree

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True, slots=True)
class Restored:
    report: BackupReport
    set_aside: Path | None  # the data folder the restore replaced, kept as it was


def _manifest_key(data_key: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=None, info=_INFO).derive(data_key)


def _clear_part(created_at: str) -> dict[str, object]:
    return {"format": FORMAT, "version": VERSION, "created_at": created_at}


def _seal(data_key: bytes, created_at: str, inner: dict[str, object]) -> bytes:
    clear = _clear_part(created_at)
    aad = json.dumps(clear, sort_keys=True).encode()
    nonce = secrets.token_bytes(12)
    body = AESGCM(_manifest_key(data_key)).encrypt(
        nonce, json.dumps(inner, sort_keys=True).encode(), aad)
    return json.dumps({**clear, "sealed": base64.b64encode(nonce + body).decode()}).encode()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _stamp(when: datetime | None = None) -> str:
    return (when or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


# --- create ---------------------------------------------------------------------------------
@requires(Role.ADMIN, action="make a backup")
def create_backup(s: Session, to_dir: Path, progress: Progress | None = None) -> BackupReport:
    """Write `to_dir/field-intake-<time>.fibackup`; nothing named after a person or a case."""
    return write_backup(s, to_dir, progress)


def write_backup(
    s: Session, to_dir: Path, progress: Progress | None = None, *,
    prefix: str = "field-intake", when: datetime | None = None, detail: str | None = None,
) -> BackupReport:  # fmt: skip
    """Write `to_dir/<prefix>-<time>.fibackup` without a role check of its own: its callers
    hold theirs (create_backup: an administrator; backup_schedule.run_scheduled_backup: a
    schedule an administrator set). `when` names the file (the schedule's clock)."""
    ws = s.workspace
    if not to_dir.is_dir():  # a folder that exists (a team's shared drive) keeps its modes
        private_dir(to_dir)
    _sweep_scratch(to_dir)
    created_at = audit.now_iso()
    target = to_dir / f"{prefix}-{_stamp(when)}{SUFFIX}"
    with write_lock(ws.data_dir), _scratch(to_dir) as scratch:
        # Under the lock: no rekey or user change can come between the key file and the copy.
        with s.db.transaction() as c:
            audit.append(c, s.user.id, "backup.create", detail=detail, at=created_at)
        copy = scratch / DB_FILE
        s.db.copy_to(copy, s.data_key, progress)
        key_bytes = ws.key_path.read_bytes()
        profile = ws.data_dir / PROFILE_FILE
        profile_bytes = profile.read_bytes() if profile.is_file() else None
        head = ws.data_dir / HEAD_FILE  # written after the commit the copy ends with
        head_bytes = head.read_bytes() if head.is_file() else None
        counts = tallies.counts(s.db)
        schema = s.db.schema_version()
        inner: dict[str, object] = {
            "schema_version": schema,
            "counts": counts,
            "audit_head": list(tallies.audit_head(s.db)),
            "database_sha256": _sha256(copy),
            "generation": s.vault.generation,
        }
        partial = scratch / (target.name + ".partial")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as zf:
            zf.writestr(MANIFEST, _seal(s.data_key, created_at, inner))
            zf.writestr(KEY_FILE, key_bytes)
            if profile_bytes is not None:
                zf.writestr(PROFILE_FILE, profile_bytes)
            if head_bytes is not None:
                zf.writestr(HEAD_FILE, head_bytes)
            zf.write(copy, DB_FILE)
        _fsync(partial)
        partial.chmod(0o600)
        partial.replace(target)
        _fsync_dir(to_dir)
    return BackupReport(target, created_at, schema, counts, counts["audit"], ())


# --- check and restore ----------------------------------------------------------------------
def check_backup(path: Path, username: str | None, secret: str) -> BackupReport:
    """Open and check a backup in a scratch folder (`username` None: `secret` is the recovery
    code); live data is never read or written."""
    with _scratch(path.parent if path.parent.exists() else Path(tempfile.gettempdir())) as scratch:
        return _unpack_and_check(path, scratch, username, secret)


def restore_backup(
    data_dir: Path, path: Path, username: str | None, secret: str
) -> Restored:
    """Replace `data_dir` with the backup, only after the whole backup checked out; the folder
    it replaces is kept beside it, as it was."""
    parent = data_dir.resolve().parent
    private_dir(parent)
    with _scratch(parent) as scratch:
        staged = scratch / "restored"
        report = _unpack_and_check(path, staged, username, secret, record_restore=True)
        if not report.ok:
            raise BackupUnusable(path=path.name, reason="; ".join(report.problems))
        aside: Path | None = None
        if data_dir.exists():
            # The app open on that folder keeps its own files; refuse rather than pull them away.
            held = instance_lock(data_dir)
            try:
                with write_lock(data_dir):
                    aside = parent / f"{data_dir.name}.replaced-{_stamp()}"
                    data_dir.rename(aside)
            finally:
                held.release()
        staged.rename(data_dir)
        _fsync_dir(parent)
    return Restored(report, aside)


def _unpack_and_check(
    path: Path, folder: Path, username: str | None, secret: str, *, record_restore: bool = False
) -> BackupReport:
    private_dir(folder)
    clear, sealed = _unpack(path, folder)
    vault = KeyVault.load(folder / KEY_FILE)
    keys = (vault.unlock(username, secret) if username is not None
            else vault.unlock_with_recovery(secret))
    try:
        inner = json.loads(AESGCM(_manifest_key(keys.current)).decrypt(
            sealed[:12], sealed[12:], json.dumps(clear, sort_keys=True).encode()))
    except (InvalidTag, ValueError):
        raise BackupUnusable(path=path.name, reason="its manifest does not match its key file") from None
    if _sha256(folder / DB_FILE) != inner.get("database_sha256"):
        raise BackupUnusable(path=path.name, reason="the database copy is not the one recorded")
    db, _key = Workspace(folder).open_with(vault, keys)
    try:
        if username is not None:
            user = users.by_slot(db, vault.slot_id(username))
            if user.role not in (Role.ADMIN, Role.SUPERVISOR):
                raise BackupNotPermitted()
        problems = list(db.integrity_problems())
        entries = 0
        try:
            entries = audit.verify(db)
        except errors.AuditBroken as exc:
            problems.append(exc.message)
        counts = tallies.counts(db)
        recorded = inner.get("counts", {})
        problems += [f"{name}: {counts.get(name)} found, {want} recorded"
                     for name, want in recorded.items() if counts.get(name) != want]
        if record_restore and not problems:
            from intake_app.services.replication import new_replica_after_restore

            with db.transaction() as c:
                new_replica_after_restore(c)
                audit.append(c, None, "backup.restore", detail=str(clear["created_at"]))
    finally:
        db.close()
    return BackupReport(path, str(clear["created_at"]), int(inner.get("schema_version", 0)),
                        counts, entries, tuple(problems))


def _unpack(path: Path, folder: Path) -> tuple[dict[str, object], bytes]:
    """Members into `folder`, each name and size checked first; the manifest's two parts."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = {i.filename: i for i in zf.infolist()}
            unknown = set(infos) - set(_MEMBERS)
            missing = [m for m in _REQUIRED if m not in infos]
            if unknown or missing:
                raise BackupUnusable(path=path.name, reason="its contents are not a backup's")
            for name, info in infos.items():
                if info.file_size > _MEMBERS[name] or info.compress_type != zipfile.ZIP_STORED:
                    raise BackupUnusable(path=path.name, reason=f"{name} is not as written")
                fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with zf.open(info) as src, os.fdopen(fd, "wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
    except FileNotFoundError:
        raise BackupUnusable(path=path.name, reason="there is no such file") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError):
        raise BackupUnusable(path=path.name, reason="the file is damaged or cut short") from None
    try:
        doc = json.loads((folder / MANIFEST).read_bytes())
        clear = {k: doc[k] for k in ("format", "version", "created_at")}
        sealed = base64.b64decode(doc["sealed"], validate=True)
    except (ValueError, KeyError, TypeError):
        raise BackupUnusable(path=path.name, reason="its manifest is damaged") from None
    if clear["format"] != FORMAT or clear["version"] != VERSION or len(sealed) < 28:
        raise BackupUnusable(path=path.name, reason="its manifest is not one this app writes")
    return clear, sealed


SCRATCH_PREFIX = ".intake-backup-"
STALE_SCRATCH_SECONDS = 24 * 3600  # far longer than any copy; another laptop may be mid-copy


def _sweep_scratch(folder: Path) -> None:
    """Remove scratch folders a crash left here (ciphertext only, but they fill a USB stick)."""
    cutoff = datetime.now(UTC).timestamp() - STALE_SCRATCH_SECONDS
    for old in folder.glob(SCRATCH_PREFIX + "*"):
        with contextlib.suppress(OSError):
            if old.is_dir() and not old.is_symlink() and old.stat().st_mtime < cutoff:
                shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def _scratch(near: Path) -> Iterator[Path]:
    """A private folder beside `near` (same disk, so a rename is atomic), removed afterwards.
    What lands in it is ciphertext only: the database copy and the key file."""
    folder = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=near))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _fsync(path: Path) -> None:
    with path.open("rb") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(folder: Path) -> None:
    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
