"""Automatic backups on a real encrypted data folder: an administrator sets the schedule (audited),
anyone's session then makes the copy when it is due, the newest few are kept and nothing else in
the folder is touched; a missing, read-only or full folder says which, and loses nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from intake_app import errors
from intake_app.domain.case import Role
from intake_app.services import backup, cases
from intake_app.services import backup_schedule as bs
from intake_app.services.roles import NotPermitted
from intake_app.services.session import Session, Workspace, add_user
from intake_app.storage import audit
from intake_app.storage.kdf import KdfParams
from tests.agencies import ADMIN, PASSPHRASE, as_admin
from tests.conftest import fill, read_only

T0 = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def laptop(tmp_path: Path) -> Path:
    """An administrator, an advocate and one case."""
    folder = tmp_path / "laptop"
    s, _code = Workspace(folder).set_up(ADMIN, PASSPHRASE, Role.ADMIN, kdf=KdfParams.for_tests())
    try:
        add_user(s, "ana", PASSPHRASE, Role.ADVOCATE)
        cases.create_case(s)
    finally:
        s.close()
    return folder


@pytest.fixture
def advocate(laptop: Path) -> Iterator[Session]:
    s = Workspace(laptop).unlock("ana", PASSPHRASE)
    yield s
    s.close()


def _usb(tmp_path: Path) -> Path:
    usb = tmp_path / "usb"
    usb.mkdir()
    return usb


def test_setting_and_turning_off_the_schedule_is_audited(laptop: Path, tmp_path: Path) -> None:
    usb = _usb(tmp_path)
    with as_admin(laptop) as s:
        assert bs.schedule(s) is None and bs.next_due(s) is None and not bs.backup_due(s, T0)
        plan = bs.set_schedule(s, usb, 24, 7)
        assert bs.schedule(s) == plan and (plan.folder, plan.every_hours, plan.keep) == (usb, 24, 7)
        assert audit.last_seq(s.db, "backup.schedule.set") > 0
        bs.clear_schedule(s)
        assert bs.schedule(s) is None
        assert audit.last_seq(s.db, "backup.schedule.off") > audit.last_seq(
            s.db, "backup.schedule.set")
        with pytest.raises(errors.InvalidInput):
            bs.set_schedule(s, usb, 0, 7)
        with pytest.raises(errors.InvalidInput):
            bs.set_schedule(s, usb, 24, 0)
        with pytest.raises(bs.BackupFolderMissing):
            bs.set_schedule(s, tmp_path / "not-plugged-in", 24, 7)
        assert bs.schedule(s) is None
    assert not (tmp_path / "not-plugged-in").exists()


def test_due_follows_the_interval_on_a_fake_clock(laptop: Path, tmp_path: Path) -> None:
    usb = _usb(tmp_path)
    with as_admin(laptop) as s:
        bs.set_schedule(s, usb, 24, 7)
        assert bs.backup_due(s, T0)  # never backed up: due at once
        bs.run_scheduled_backup(s, now=T0)
        last = bs.last_backup(s)
        assert last is not None and (last.at, last.ok, last.folder) == (T0, True, usb)
        assert not bs.backup_due(s, T0 + timedelta(hours=23, minutes=59))
        assert bs.backup_due(s, T0 + timedelta(hours=24))
        assert bs.next_due(s) == T0 + timedelta(hours=24)
        status = bs.status(s, T0 + timedelta(hours=1))
        assert status.schedule is not None and not status.due and status.last == last


def test_rotation_keeps_the_newest_and_never_touches_anything_else(
    laptop: Path, tmp_path: Path
) -> None:
    usb = _usb(tmp_path)
    older = [usb / f"field-intake-auto-2026110{d}T080000Z.fibackup" for d in range(1, 5)]
    for p in older:
        p.write_bytes(b"an older scheduled copy")
    unrelated = [
        usb / "field-intake-20261101T080000Z.fibackup",  # an administrator's own backup
        usb / "field-intake-auto-20261101T070000Z.fibackup.partial",
        usb / "field-intake-auto-old.fibackup",
        usb / "FIELD-INTAKE-AUTO-20261101T060000Z.fibackup",
        usb / "holiday photos.jpg",
    ]
    for p in unrelated:
        p.write_bytes(b"not ours to delete")
    (usb / "field-intake-auto-20261001T080000Z.fibackup").mkdir()  # a folder, not a file
    with as_admin(laptop) as s:
        bs.set_schedule(s, usb, 24, 3)
        first = bs.run_scheduled_backup(s, now=T0)
        second = bs.run_scheduled_backup(s, now=T0 + timedelta(days=1))
    kept = bs.scheduled_files(usb)
    assert kept == [older[-1], first.path, second.path]
    assert all(p.exists() for p in unrelated)
    assert (usb / "field-intake-auto-20261001T080000Z.fibackup").is_dir()
    assert backup.check_backup(second.path, ADMIN, PASSPHRASE).ok


def test_an_advocate_runs_the_schedule_but_cannot_change_it(
    laptop: Path, advocate: Session, tmp_path: Path
) -> None:
    usb = _usb(tmp_path)
    with pytest.raises(bs.NoBackupSchedule):
        bs.run_scheduled_backup(advocate, now=T0)
    for attempt in (lambda: bs.set_schedule(advocate, usb, 1, 1),
                    lambda: bs.clear_schedule(advocate),
                    lambda: bs.back_up_now(advocate, usb)):
        with pytest.raises(NotPermitted):
            attempt()
    with as_admin(laptop) as s:
        bs.set_schedule(s, usb, 24, 7)
    report = bs.run_scheduled_backup(advocate, now=T0)
    assert report.path.parent == usb and bs.AUTO_NAME.match(report.path.name)
    assert not bs.backup_due(advocate, T0 + timedelta(hours=1))
    assert bs.schedule(advocate) is not None  # still the administrator's


def test_a_missing_folder_is_not_created_and_the_failure_is_recorded(
    laptop: Path, tmp_path: Path
) -> None:
    usb = _usb(tmp_path)
    with as_admin(laptop) as s:
        bs.set_schedule(s, usb, 24, 7)
        good = bs.run_scheduled_backup(s, now=T0)
    usb.rename(tmp_path / "stick-in-a-drawer")  # unplugged
    with as_admin(laptop) as s:
        later = T0 + timedelta(days=1)
        with pytest.raises(bs.BackupFolderMissing):
            bs.run_scheduled_backup(s, now=later)
        last = bs.last_backup(s)
        assert last is not None and not last.ok and last.code == "backup_folder_missing"
        assert last.good_at == T0
        # Not tried again at every check: half an hour later.
        assert not bs.backup_due(s, later + timedelta(minutes=29))
        assert bs.backup_due(s, later + timedelta(minutes=30))
        with pytest.raises(bs.BackupFolderMissing):
            bs.back_up_now(s, tmp_path / "typo")
    assert not usb.exists() and not (tmp_path / "typo").exists()
    assert (tmp_path / "stick-in-a-drawer" / good.path.name).is_file()


def test_a_read_only_folder_says_so_and_keeps_the_last_good_backup(
    laptop: Path, small_disk: Path
) -> None:
    with as_admin(laptop) as s:
        bs.set_schedule(s, small_disk, 24, 1)
        good = bs.run_scheduled_backup(s, now=T0)
        before = good.path.read_bytes()
        read_only(small_disk)
        with pytest.raises(bs.BackupFolderUnwritable) as caught:
            bs.run_scheduled_backup(s, now=T0 + timedelta(days=1))
        last = bs.last_backup(s)
    assert str(laptop) not in caught.value.message  # ids only: the backup folder, no data
    assert last is not None and last.code == "backup_folder_unwritable" and last.good_at == T0
    assert sorted(p.name for p in small_disk.iterdir()) == [good.path.name]
    assert good.path.read_bytes() == before


def test_a_full_disk_says_so_and_leaves_no_partial_file(laptop: Path, small_disk: Path) -> None:
    with as_admin(laptop) as s:
        bs.set_schedule(s, small_disk, 24, 1)
        good = bs.run_scheduled_backup(s, now=T0)
        ballast = fill(small_disk)
        with pytest.raises(bs.BackupDiskFull):
            bs.run_scheduled_backup(s, now=T0 + timedelta(days=1))
        last = bs.last_backup(s)
    assert last is not None and last.code == "backup_disk_full"
    assert sorted(p.name for p in small_disk.iterdir()) == sorted([good.path.name, ballast.name])
    ballast.unlink()  # the check unpacks beside the file
    assert backup.check_backup(good.path, ADMIN, PASSPHRASE).ok


def test_the_command_line_schedule(
    laptop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.integration.test_cli_front_end import run

    usb = _usb(tmp_path)
    secret = tmp_path / "pass"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    admin = ["--data-dir", str(laptop), "--user", ADMIN, "--passphrase-file", str(secret)]
    ana = ["--data-dir", str(laptop), "--user", "ana", "--passphrase-file", str(secret)]
    rc, out, err = run(["backup", "status", *admin], capsys)
    assert rc == 0 and "Last backup: none yet." in out and "Automatic backup: off." in out, err
    rc, out, err = run(["backup", "schedule", "--to", str(usb), "--every", "12", "--keep", "3",
                        *ana], capsys)
    assert rc == 2 and "cannot set the automatic backup" in err
    rc, out, err = run(["backup", "schedule", "--to", str(tmp_path / "nowhere"), *admin], capsys)
    assert rc != 0 and "is not there" in err and "Traceback" not in err
    rc, out, err = run(["backup", "schedule", "--to", str(usb), "--every", "12", "--keep", "3",
                        *admin], capsys)
    assert rc == 0 and "every 12 h" in out and "keeping the 3 newest" in out, err
    rc, out, err = run(["backup", "status", *ana], capsys)  # anyone may look
    assert rc == 0 and "every 12 h, keeping 3" in out and "Next due: now." in out, err
    rc, out, err = run(["backup", "create", "--to", str(usb), *admin], capsys)
    assert rc == 0, err
    rc, out, err = run(["backup", "status", *admin], capsys)
    assert rc == 0 and f"to {usb}." in out and "Next due: 20" in out, err
    rc, out, err = run(["backup", "schedule", "--off", *admin], capsys)
    assert rc == 0 and "turned off" in out, err
    rc, out, err = run(["backup", "status", *admin], capsys)
    assert rc == 0 and "Automatic backup: off." in out and "Last backup: 20" in out, err


def test_a_schedule_whose_administrator_was_removed_no_longer_runs(
    laptop: Path, tmp_path: Path
) -> None:
    from intake_app.services.session import remove_user

    usb = _usb(tmp_path)
    with as_admin(laptop) as s:
        add_user(s, "second", PASSPHRASE, Role.ADMIN)
    second = Workspace(laptop).unlock("second", PASSPHRASE)
    try:
        bs.set_schedule(second, usb, 24, 7)
    finally:
        second.close()
    with as_admin(laptop) as s:
        assert bs.schedule(s) is not None
        remove_user(s, "second")
        assert bs.schedule(s) is None and not bs.backup_due(s, T0)
        with pytest.raises(bs.NoBackupSchedule):
            bs.run_scheduled_backup(s, now=T0)
    assert list(usb.iterdir()) == []


def test_laptops_sharing_a_folder_keep_each_others_copies_and_the_new_one_stays(
    laptop: Path, tmp_path: Path
) -> None:
    """A network share two laptops back up to: each rotates only its own copies; a copy named
    later than the one just made (a clock once ahead) never pushes the new one out."""
    usb = _usb(tmp_path)
    colleague = [usb / f"field-intake-auto-0a1b2c3d-2026110{d}T080000Z.fibackup"
                 for d in range(1, 4)]
    for p in colleague:
        p.write_bytes(b"the other laptop's copy")
    with as_admin(laptop) as s:
        bs.set_schedule(s, usb, 24, 1)
        ahead = bs.run_scheduled_backup(s, now=T0 + timedelta(days=30))  # a fast clock, once
        made = bs.run_scheduled_backup(s, now=T0)
    assert made.path.exists() and not ahead.path.exists()
    assert all(p.exists() for p in colleague)
    assert bs.AUTO_NAME.match(made.path.name)
