"""Encrypted backup and restore, the way an admin runs the drill: back up, keep working, restore
onto another folder; a wrong code, a damaged file or a busy folder change nothing."""

from __future__ import annotations

import os
import stat
import time
import zipfile
from pathlib import Path

import pytest

from intake_app import errors
from intake_app.domain.case import Identity, Role
from intake_app.folder_lock import AlreadyOpen, instance_lock
from intake_app.services import backup, cases, checks
from intake_app.services.roles import NotPermitted
from intake_app.services.session import Workspace, add_user
from intake_app.storage.kdf import KdfParams
from tests.agencies import ADMIN, PASSPHRASE, as_admin

PLANTED = "Quillon Plantedname"


@pytest.fixture
def laptop(tmp_path: Path) -> tuple[Path, str]:
    """An admin and an advocate, two cases (one named); (folder, recovery code)."""
    folder = tmp_path / "laptop"
    s, code = Workspace(folder).set_up(ADMIN, PASSPHRASE, Role.ADMIN, kdf=KdfParams.for_tests())
    try:
        add_user(s, "ana", PASSPHRASE, Role.ADVOCATE)
        named = cases.create_case(s, PLANTED)
        cases.update_identity(s, named.id, Identity(legal_name=PLANTED))
        cases.add_note(s, named.id, "first visit went well")
        cases.create_case(s)
    finally:
        s.close()
    return folder, code


def _backup(folder: Path, to: Path) -> backup.BackupReport:
    steps: list[tuple[int, int]] = []
    with as_admin(folder) as s:
        report = backup.create_backup(s, to, lambda done, total: steps.append((done, total)))
    assert steps and steps[-1][0] == steps[-1][1]  # progress reached the end
    return report


def test_restore_drill_brings_back_everything_up_to_the_backup(
    laptop: tuple[Path, str], tmp_path: Path
) -> None:
    folder, _code = laptop
    report = _backup(folder, tmp_path / "usb")
    assert report.path.name.endswith(backup.SUFFIX) and report.counts["cases"] == 2
    with as_admin(folder) as s:  # work goes on after the backup
        cases.create_case(s)
    third = tmp_path / "third-laptop"
    restored = backup.restore_backup(third, report.path, ADMIN, PASSPHRASE)
    assert restored.set_aside is None and restored.report.ok
    with as_admin(third) as s:
        listed = cases.list_cases(s)
        assert len(listed) == 2 and PLANTED in {c.preferred_name for c in listed}
        named = next(c for c in listed if c.preferred_name == PLANTED)
        assert cases.reveal_identity(s, named.id).legal_name == PLANTED
        assert [n.body for n in cases.case_notes(s, named.id)] == ["first visit went well"]
        assert checks.check_data(s).ok
    assert Workspace(third).unlock("ana", PASSPHRASE).user.role is Role.ADVOCATE


def test_restoring_over_a_folder_keeps_the_replaced_one_aside(
    laptop: tuple[Path, str], tmp_path: Path
) -> None:
    folder, _code = laptop
    report = _backup(folder, tmp_path / "usb")
    with as_admin(folder) as s:
        cases.create_case(s)
    restored = backup.restore_backup(folder, report.path, ADMIN, PASSPHRASE)
    assert restored.set_aside is not None
    with as_admin(folder) as s:
        assert cases.count_cases(s) == 2
    with as_admin(restored.set_aside) as s:  # the replaced folder opens, as it was
        assert cases.count_cases(s) == 3


def test_the_recovery_code_opens_a_backup_and_an_advocate_cannot(
    laptop: tuple[Path, str], tmp_path: Path
) -> None:
    folder, code = laptop
    report = _backup(folder, tmp_path / "usb")
    checked = backup.check_backup(report.path, None, code)
    assert checked.ok and checked.counts["notes"] == 1
    with pytest.raises(backup.BackupNotPermitted):
        backup.check_backup(report.path, "ana", PASSPHRASE)
    s = Workspace(folder).unlock("ana", PASSPHRASE)
    try:
        with pytest.raises(NotPermitted):
            backup.create_backup(s, tmp_path / "elsewhere")
    finally:
        s.close()


def test_a_wrong_passphrase_or_a_damaged_file_replaces_nothing(
    laptop: tuple[Path, str], tmp_path: Path
) -> None:
    folder, _code = laptop
    report = _backup(folder, tmp_path / "usb")
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    with pytest.raises(errors.WrongPassphrase):
        backup.restore_backup(folder, report.path, ADMIN, "not the passphrase at all")

    raw = bytearray(report.path.read_bytes())
    with zipfile.ZipFile(report.path) as zf:
        info = zf.getinfo("intake.db")
    at = info.header_offset + 30 + len(info.filename) + 9000  # inside the database member
    raw[at] ^= 0x01
    damaged = tmp_path / "damaged.fibackup"
    damaged.write_bytes(bytes(raw))
    with pytest.raises(backup.BackupUnusable) as info_:
        backup.restore_backup(folder, damaged, ADMIN, PASSPHRASE)
    assert "damaged" in info_.value.message

    cut = tmp_path / "cut.fibackup"
    cut.write_bytes(bytes(raw[: len(raw) // 2]))
    with pytest.raises(backup.BackupUnusable):
        backup.check_backup(cut, ADMIN, PASSPHRASE)
    after = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    assert after == before
    assert not [p for p in folder.parent.iterdir() if "replaced" in p.name]


def test_a_folder_the_app_has_open_is_not_replaced(
    laptop: tuple[Path, str], tmp_path: Path
) -> None:
    folder, _code = laptop
    report = _backup(folder, tmp_path / "usb")
    held = instance_lock(folder)  # the app window holds this while it runs
    try:
        with pytest.raises(AlreadyOpen):
            backup.restore_backup(folder, report.path, ADMIN, PASSPHRASE)
    finally:
        held.release()
    assert not [p for p in folder.parent.iterdir() if "replaced" in p.name]


def test_no_name_is_readable_in_the_backup_file(laptop: tuple[Path, str], tmp_path: Path) -> None:
    folder, _code = laptop
    report = _backup(folder, tmp_path / "usb")
    data = report.path.read_bytes()
    for needle in (PLANTED, "Plantedname", "first visit"):
        assert needle.encode() not in data
        assert needle.encode("utf-16-le") not in data
    assert sorted(p.name for p in (tmp_path / "usb").iterdir()) == [report.path.name]


def test_the_command_line_drill(
    laptop: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.integration.test_cli_front_end import run

    folder, code = laptop
    secret = tmp_path / "pass"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    recovery = tmp_path / "code"
    recovery.write_text(code + "\n", encoding="utf-8")
    auth = ["--user", ADMIN, "--passphrase-file", str(secret)]
    rc, out, err = run(["backup", "create", "--to", str(tmp_path / "usb"), "--data-dir",
                        str(folder), *auth], capsys)
    assert rc == 0, err
    written = next((tmp_path / "usb").iterdir())
    assert "2 cases" in out and str(written) in out
    rc, out, err = run(["backup", "verify", str(written), "--recovery-code-file", str(recovery)],
                       capsys)
    assert rc == 0 and "counts match" in out, err
    rc, out, err = run(["backup", "verify", str(tmp_path / "missing.fibackup"), *auth], capsys)
    assert rc != 0 and "no such file" in err and "Traceback" not in err
    third = tmp_path / "third"
    rc, out, err = run(["backup", "restore", str(written), "--data-dir", str(third), *auth],
                       capsys)
    assert rc == 0 and "Restored into" in out, err
    rc, out, err = run(["case", "list", "--data-dir", str(third), *auth], capsys)
    assert rc == 0 and "2 of 2 cases shown" in out and PLANTED not in out


def test_a_restored_laptop_is_a_new_one_to_its_colleagues_and_catches_up(
    laptop: tuple[Path, str], tmp_path: Path
) -> None:
    import json

    from intake_app.services import replication
    from intake_app.services.replication_clock import REPLICA_ID
    from intake_app.storage import laptop_state
    from intake_app.storage.audit import now_iso

    folder, _code = laptop
    report = _backup(folder, tmp_path / "usb")
    with as_admin(folder) as s:
        after = cases.create_case(s)  # made after the backup, on the laptop still in use
        replication.outgoing(s)
        old_id = laptop_state.get(s.db, REPLICA_ID)
    third = tmp_path / "third-laptop"
    backup.restore_backup(third, report.path, ADMIN, PASSPHRASE)
    with as_admin(third) as restored, as_admin(folder) as original:
        _ids, hello = replication.outgoing(restored)
        assert replication.batch_replica(hello) not in (None, (old_id or b"").decode())
        with original.db.transaction() as c:  # the colleague hears from a laptop new to it
            replication.apply_in(c, original, replication.parse_batch(hello), now_iso(),
                                 sender=replication.batch_replica(hello))
        _ids, everything = replication.outgoing(original, limit=100_000)
        replication.apply_ops(restored, replication.parse_batch(
            json.loads(replication.payload_bytes(everything))))
        assert after.code in {c.code for c in cases.list_cases(restored)}
        assert checks.check_data(restored).ok


def test_a_shared_folder_keeps_its_modes_and_a_crash_s_scratch_is_swept(
    laptop: tuple[Path, str], tmp_path: Path
) -> None:
    folder, _code = laptop
    shared = tmp_path / "team-drive"
    shared.mkdir(mode=0o770)
    shared.chmod(0o770)  # colleagues' laptops write their copies here too
    stale = shared / f"{backup.SCRATCH_PREFIX}crashed"
    stale.mkdir()
    (stale / "intake.db").write_bytes(b"ciphertext left by a crash")
    long_ago = time.time() - backup.STALE_SCRATCH_SECONDS - 60
    os.utime(stale, (long_ago, long_ago))
    busy = shared / f"{backup.SCRATCH_PREFIX}another-laptop-copying"
    busy.mkdir()
    _backup(folder, shared)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o770
    assert not stale.exists()
    assert busy.is_dir()  # minutes old: maybe another laptop's copy under way
    new = tmp_path / "new-stick" / "backups"
    _backup(folder, new)
    assert stat.S_IMODE(new.stat().st_mode) == 0o700  # a folder it makes is private
