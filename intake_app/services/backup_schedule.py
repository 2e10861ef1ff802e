"""Automatic backups: the schedule an administrator sets, when one is due, making it, keeping the
last few, and what the last backup did. The one home of these rules; the CLI and the GUI call
these functions and only turn their answers into words.

Stored in the encrypted database (storage/laptop_state.py, JSON), so neither the folder nor the
times are readable on a lost laptop. Files the schedule writes are named
`field-intake-auto-<laptop>-<time>.fibackup`; rotation deletes only this laptop's files of exactly
that name shape, so another laptop's copies, an administrator's own backups
(`field-intake-<time>.fibackup`) and anything else in the folder are never touched.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from intake_app import errors, strict_json
from intake_app.domain.case import Role
from intake_app.paths import private_dir
from intake_app.services import replication_clock
from intake_app.services.backup import SUFFIX, BackupReport, Progress, write_backup
from intake_app.services.roles import requires
from intake_app.services.session import Session
from intake_app.storage import audit, laptop_state, users

log = logging.getLogger(__name__)

AUTO_PREFIX = "field-intake-auto"
# Exactly what write_backup names a scheduled file; nothing else is ever rotated away.
# `field-intake-auto-<laptop>-<time>.fibackup`: <laptop> is 8 hex characters of this laptop's
# replica id, so laptops sharing one folder (a network share) never rotate each other's copies;
# a name without it (the first form) is rotated by any laptop.
AUTO_NAME = re.compile(
    rf"^{AUTO_PREFIX}-(?:(?P<laptop>[0-9a-f]{{8}})-)?(?P<time>\d{{8}}T\d{{6}}Z){re.escape(SUFFIX)}$")
MAX_HOURS = 24 * 30
MAX_KEEP = 100
# After a failed attempt (a USB stick not plugged in), try again this much later, not at every
# check: each attempt that reaches the copy writes an audit entry and reads the whole database.
RETRY_AFTER = timedelta(minutes=30)
_NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}
_FULL = {errno.ENOSPC, errno.EDQUOT}


class BackupFolderMissing(errors.IntakeError):
    code = "backup_folder_missing"
    template = ("The backup folder {path} is not there (is the USB stick or network share"
                " connected?). Nothing was changed.")
    plain = ("The backup folder is not there. Connect the USB stick or network share, or choose"
             " another folder. Nothing was changed.")


class BackupFolderUnwritable(errors.IntakeError):
    code = "backup_folder_unwritable"
    template = ("Field Intake cannot write in the backup folder {path} (read-only, or not this"
                " user's). Nothing was changed; earlier backups there are untouched.")
    plain = ("Field Intake cannot write in the backup folder (it is read-only or belongs to"
             " someone else). Nothing was changed; earlier backups there are untouched.")


class BackupDiskFull(errors.IntakeError):
    code = "backup_disk_full"
    template = ("The backup folder {path} has no room for a backup. Nothing was changed;"
                " earlier backups there are untouched. Free some space or choose another folder.")
    plain = ("The backup folder has no room for a backup. Nothing was changed; earlier backups"
             " there are untouched. Free some space or choose another folder.")


class NoBackupSchedule(errors.IntakeError):
    code = "backup_no_schedule"
    template = ("No automatic backup is set on this laptop, or the administrator who set it is"
                " no longer one. Ask an administrator to set it.")


class BackupStateDamaged(errors.IntakeError):
    code = "backup_state_damaged"
    template = "The stored backup settings are damaged ({reason}). Ask an administrator to set them again."
    plain = "The stored backup settings are damaged. Ask an administrator to set them again."


@dataclass(frozen=True, slots=True)
class BackupSchedule:
    folder: Path
    every_hours: int
    keep: int
    set_by: int  # the administrator's user id: the schedule's authority to run for anyone


@dataclass(frozen=True, slots=True)
class LastBackup:
    """The last backup's outcome: when, whether it worked, where; `code` is the error's."""

    at: datetime
    ok: bool
    folder: Path
    code: str | None = None
    good_at: datetime | None = None  # the last backup that worked (this one, when ok)


    def failure(self) -> errors.IntakeError | None:
        """The error this backup failed with, for its words (None when it worked)."""
        if self.ok:
            return None
        known = {c.code: c for c in (BackupFolderMissing, BackupFolderUnwritable, BackupDiskFull,
                                     NoBackupSchedule, errors.DiskFull)}
        return known.get(self.code or "", errors.IntakeError)(path=self.folder)


@dataclass(frozen=True, slots=True)
class BackupStatus:
    schedule: BackupSchedule | None
    last: LastBackup | None
    next_due: datetime | None  # None: no schedule
    due: bool


# --- the schedule ---------------------------------------------------------------------------
@requires(Role.ADMIN, action="set the automatic backup")
def set_schedule(s: Session, folder: Path, every_hours: int, keep: int) -> BackupSchedule:
    """Back up to `folder` every `every_hours` hours, keeping the `keep` newest automatic copies.
    The folder must be there and writable now, while an administrator is at hand to fix it."""
    if not 1 <= every_hours <= MAX_HOURS:
        raise errors.InvalidInput(field="interval", reason=f"1 to {MAX_HOURS} hours")
    if not 1 <= keep <= MAX_KEEP:
        raise errors.InvalidInput(field="copies to keep", reason=f"1 to {MAX_KEEP}")
    folder = folder.expanduser().absolute()
    _check_writable(folder)
    plan = BackupSchedule(folder, every_hours, keep, s.user.id)
    at = audit.now_iso()
    doc = {"folder": str(folder), "every_hours": every_hours, "keep": keep, "set_by": s.user.id}
    with s.db.transaction() as c:
        laptop_state.put(c, laptop_state.BACKUP_SCHEDULE, json.dumps(doc, sort_keys=True).encode(), at)
        audit.append(c, s.user.id, "backup.schedule.set",
                     detail=f"every {every_hours} h, keep {keep}, to {folder}", at=at)
    return plan


@requires(Role.ADMIN, action="turn off the automatic backup")
def clear_schedule(s: Session) -> None:
    with s.db.transaction() as c:
        laptop_state.delete(c, laptop_state.BACKUP_SCHEDULE)
        audit.append(c, s.user.id, "backup.schedule.off")


def schedule(s: Session) -> BackupSchedule | None:
    """The schedule in force: None when none was set, or when the administrator who set it was
    removed or is no longer one (an administrator sets it again)."""
    raw = laptop_state.get(s.db, laptop_state.BACKUP_SCHEDULE)
    if raw is None:
        return None
    doc = _load(raw)
    try:
        plan = BackupSchedule(Path(str(doc["folder"])), int(doc["every_hours"]),
                              int(doc["keep"]), int(doc["set_by"]))
    except (KeyError, TypeError, ValueError):
        raise BackupStateDamaged(reason="schedule") from None
    admins = {u.id for u in users.active(s.db) if u.role is Role.ADMIN}
    return plan if plan.set_by in admins else None


def last_backup(s: Session) -> LastBackup | None:
    """(time, ok, folder, ...) of the last backup, or None if this laptop never made one."""
    raw = laptop_state.get(s.db, laptop_state.LAST_BACKUP)
    if raw is None:
        return None
    doc = _load(raw)
    try:
        good = doc.get("good_at")
        return LastBackup(datetime.fromisoformat(str(doc["at"])), bool(doc["ok"]),
                          Path(str(doc["folder"])), _text(doc.get("code")),
                          datetime.fromisoformat(str(good)) if good else None)
    except (KeyError, TypeError, ValueError):
        raise BackupStateDamaged(reason="last backup") from None


def next_due(s: Session) -> datetime | None:
    """When the next automatic backup is due (possibly already past); None without a schedule."""
    plan = schedule(s)
    if plan is None:
        return None
    last = last_backup(s)
    if last is None or last.good_at is None:
        due = last.at + RETRY_AFTER if last is not None else datetime.min.replace(tzinfo=UTC)
    else:
        due = last.good_at + timedelta(hours=plan.every_hours)
    if last is not None and not last.ok:  # not again at every check after a failure
        due = max(due, last.at + min(RETRY_AFTER, timedelta(hours=plan.every_hours)))
    return due


def backup_due(s: Session, now: datetime | None = None) -> bool:
    """Is an automatic backup due at `now`? (The last good backup of any kind counts.)"""
    due = next_due(s)
    return due is not None and (now or datetime.now(UTC)) >= due


def status(s: Session, now: datetime | None = None) -> BackupStatus:
    """Everything the status bar, the Backup screen and `intake backup status` show."""
    due = next_due(s)
    return BackupStatus(schedule(s), last_backup(s), due,
                        due is not None and (now or datetime.now(UTC)) >= due)


# --- making backups -------------------------------------------------------------------------
@requires(Role.ADMIN, action="make a backup")
def back_up_now(
    s: Session, to_dir: Path, progress: Progress | None = None, *, make_folder: bool = False
) -> BackupReport:
    """An administrator's backup into `to_dir`, kept until someone deletes it (never rotated).

    Like the schedule's, its folder must exist unless `make_folder` (a path typed on the command
    line): a USB stick that is not plugged in must not turn into a folder of that name on the
    laptop's own disk. Only a success is recorded as the last backup: a failure is shown to the
    administrator who asked, and the scheduled backups' record stays as it was."""
    folder = to_dir.expanduser().absolute()
    if make_folder:
        try:
            private_dir(folder)
        except OSError as exc:
            raise _os_error(folder, exc) from None
    report = _guarded(folder, lambda: write_backup(s, folder, progress))
    _record(s, datetime.now(UTC), folder, None)
    return report


def run_scheduled_backup(
    s: Session, progress: Progress | None = None, now: datetime | None = None
) -> BackupReport:
    """Make the scheduled backup for whoever is signed in, then keep only the newest copies.

    The role check: an administrator set the schedule (set_schedule is administrators' only)
    and is still one; an advocate's session may then run it, since taking the copy the
    administrator asked for changes nothing and shows nothing. Without that schedule:
    NoBackupSchedule. Its outcome (ok, or the error's code) is recorded either way; a failure
    leaves no partial file and deletes nothing. `now`: the schedule's clock (tests)."""
    when = now or datetime.now(UTC)
    plan = schedule(s)
    if plan is None:
        raise NoBackupSchedule()
    laptop = _laptop_tag(s)
    try:
        report = _guarded(plan.folder, lambda: write_backup(
            s, plan.folder, progress, prefix=f"{AUTO_PREFIX}-{laptop}", when=when,
            detail="scheduled"))
    except Exception as exc:  # recorded whatever it was, then raised for the caller to show
        _record(s, when, plan.folder, getattr(exc, "code", errors.IntakeError.code))
        raise
    _record(s, when, plan.folder, None)  # before rotating: a copy that failed to go is no reason
    _rotate(plan.folder, plan.keep, laptop, report.path)  # to make the backup again
    return report


def run_if_due(
    s: Session, progress: Progress | None = None, now: datetime | None = None
) -> BackupReport | None:
    """The app's timer: the scheduled backup if one is due at `now`, else None."""
    return run_scheduled_backup(s, progress, now) if backup_due(s, now) else None


def scheduled_files(folder: Path, laptop: str | None = None) -> list[Path]:
    """The schedule's backups in `folder`, oldest first by the time in their names; with
    `laptop`, only that laptop's (and those of the first form, which name none)."""
    found: list[tuple[str, Path]] = []
    try:
        for p in folder.iterdir():
            m = AUTO_NAME.match(p.name)
            if (m is not None and p.is_file() and not p.is_symlink()
                    and (laptop is None or m["laptop"] in (None, laptop))):
                found.append((m["time"], p))
    except OSError:
        return []
    return [p for _time, p in sorted(found)]


def _laptop_tag(s: Session) -> str:
    with s.db.transaction() as c:
        return replication_clock.replica(c, audit.now_iso())[:8]


def _rotate(folder: Path, keep: int, laptop: str, made: Path) -> None:
    """Keep `made` and the keep-1 newest others of this laptop; one that cannot be deleted
    (another user's, or open elsewhere) is left and tried again next time."""
    others = [p for p in scheduled_files(folder, laptop) if p != made]
    for old in others[:max(0, len(others) - (keep - 1))]:
        try:
            old.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("an old scheduled backup could not be deleted: errno %s", exc.errno)


def _guarded(folder: Path, make: Callable[[], BackupReport]) -> BackupReport:
    """`make()`, with the folder checked first and the OS's errors turned into ours."""
    if not folder.is_dir():
        raise BackupFolderMissing(path=folder)
    try:
        return make()
    except errors.DiskFull:
        raise BackupDiskFull(path=folder) from None
    except OSError as exc:
        raise _os_error(folder, exc) from None


def _check_writable(folder: Path) -> None:
    if not folder.is_dir():
        raise BackupFolderMissing(path=folder)
    try:
        fd, probe = tempfile.mkstemp(prefix=".intake-probe-", dir=folder)
        os.close(fd)
        Path(probe).unlink()
    except OSError as exc:
        raise _os_error(folder, exc) from None


def _os_error(folder: Path, exc: OSError) -> errors.IntakeError:
    if exc.errno in _FULL:
        return BackupDiskFull(path=folder)
    if exc.errno in _NOT_WRITABLE or isinstance(exc, PermissionError):
        return BackupFolderUnwritable(path=folder)
    if not folder.is_dir():  # unplugged during the copy
        return BackupFolderMissing(path=folder)
    return BackupFolderUnwritable(path=folder)


def _record(s: Session, when: datetime, folder: Path, code: str | None) -> None:
    last = last_backup(s)
    good = when if code is None else (last.good_at if last is not None else None)
    doc = {"at": when.isoformat(), "ok": code is None, "code": code, "folder": str(folder),
           "good_at": good.isoformat() if good is not None else None}
    with s.db.transaction() as c:
        laptop_state.put(c, laptop_state.LAST_BACKUP, json.dumps(doc, sort_keys=True).encode(), audit.now_iso())


def _load(raw: bytes) -> dict[str, Any]:
    try:
        return strict_json.loads(raw, max_bytes=64 * 1024)
    except strict_json.StrictJsonError as exc:
        raise BackupStateDamaged(reason=exc.reason) from None


def _text(value: object) -> str | None:
    return None if value is None else str(value)
