"""Key custody under concurrency and crashes: no interleaving of two writers and no crash point
of a user change ever leaves a remaining user, or the recovery code, unable to open the data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from intake_app.domain.case import Role
from intake_app.folder_lock import FolderBusy, instance_lock, write_lock
from intake_app.services import cases
from intake_app.services import session as svc
from intake_app.services.session import DatabaseMissing, Workspace
from intake_app.storage.kdf import KdfParams

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "correct horse battery staple"
NEW = "a brand new long passphrase"


def _folder(root: Path) -> tuple[Path, str]:
    """admin and ana (advocate), one case; returns the folder and the recovery code."""
    folder = root / "data"
    admin, code = Workspace(folder).set_up("admin", PASSPHRASE, Role.ADMIN,
                                           kdf=KdfParams.for_tests())
    try:
        svc.add_user(admin, "ana", PASSPHRASE, Role.ADVOCATE)
        cases.create_case(admin)
    finally:
        admin.close()
    return folder, code


def _opens(folder: Path, user: str, passphrases: tuple[str, ...]) -> bool:
    for p in passphrases:
        try:
            s = Workspace(folder).unlock(user, p)
        except Exception:
            continue
        try:
            assert len(cases.list_cases(s)) == 1  # the data itself is there
        finally:
            s.close()
        return True
    return False


def test_a_stale_writer_in_the_same_process_changes_nothing_it_should_not(tmp_path: Path):
    """`user passwd` waits at its prompt while `user remove` rotates the data key: the first
    then writes its change into the key file as it is now, not its stale copy."""
    folder, _code = _folder(tmp_path)
    svc_admin = Workspace(folder).unlock("admin", PASSPHRASE)
    ana = Workspace(folder).unlock("ana", PASSPHRASE)
    svc.add_user(svc_admin, "ben", PASSPHRASE, Role.OFFICER)
    removed = svc.remove_user(svc_admin, "ben")  # rotates the data key under ana's feet
    svc_admin.close()
    svc.change_passphrase(ana, PASSPHRASE, NEW)
    ana.close()
    assert _opens(folder, "ana", (NEW,))
    assert _opens(folder, "admin", (PASSPHRASE,))
    Workspace(folder).recover(removed.new_recovery_code, "admin", PASSPHRASE).close()


def test_a_second_writer_waits_for_the_lock_then_says_the_folder_is_busy(tmp_path: Path):
    folder, _code = _folder(tmp_path)
    held = threading.Event()
    release = threading.Event()

    def holder() -> None:
        with write_lock(folder):
            held.set()
            release.wait(30)

    thread = threading.Thread(target=holder)
    thread.start()
    held.wait(30)
    try:
        with pytest.raises(FolderBusy), write_lock(folder, wait=0.2):
            pass
    finally:
        release.set()
        thread.join(30)
    with write_lock(folder, wait=1):
        pass


def test_the_app_runs_once_per_data_folder(tmp_path: Path):
    folder, _code = _folder(tmp_path)
    lock = instance_lock(folder)
    try:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "INTAKE_EXIT_AFTER_FIRST_PAINT": "1"}
        out = subprocess.run([sys.executable, "-m", "intake_app", "--data-dir", str(folder)],
                             capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
                             check=False)
    finally:
        lock.release()
    assert out.returncode == 1
    assert "already open for this data folder" in out.stderr


@pytest.mark.parametrize("damage", ["deleted", "emptied"])
def test_a_missing_database_next_to_its_key_file_is_refused_never_recreated(tmp_path, damage):
    folder, _code = _folder(tmp_path)
    db = folder / "intake.db"
    for extra in folder.glob("intake.db-*"):
        extra.unlink()
    if damage == "deleted":
        db.unlink()
    else:
        db.write_bytes(b"")
    with pytest.raises(DatabaseMissing):
        Workspace(folder).unlock("admin", PASSPHRASE)
    assert not db.exists() or db.stat().st_size == 0


def test_two_user_adds_at_once_both_unlock(tmp_path: Path):
    folder, _code = _folder(tmp_path)
    procs = [subprocess.Popen([sys.executable, "-m", "tests.reliability.custody_child",
                               str(folder), "add", name], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True) for name in ("carla", "dora")]
    outs = [p.communicate(timeout=120)[0] for p in procs]
    assert all("done" in o for o in outs)
    for name in ("carla", "dora", "ana", "admin"):
        assert _opens(folder, name, (PASSPHRASE,)), name


# --- crash at every durable step ---------------------------------------------------------------
def _run_child(folder: Path, crash_at: int, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CRASH_AT": str(crash_at)}
    return subprocess.run([sys.executable, "-m", "tests.reliability.custody_child", str(folder),
                           *argv], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=False)


@pytest.mark.parametrize(("op", "args"), [
    ("add", ("erin",)), ("remove", ("ana",)), ("passwd", (NEW,)), ("rekey", ()),
])
def test_a_crash_at_any_step_leaves_every_remaining_user_able_to_unlock(tmp_path, op, args):
    template, code = _folder(tmp_path / "template")
    step = 1
    while True:
        folder = tmp_path / f"run{step}"
        shutil.copytree(template, folder)
        done = _run_child(folder, step, op, *args)
        finished = done.returncode == 0
        assert finished or done.returncode == 9, done.stderr[-2000:]
        # The next administrator's unlock settles whatever was interrupted.
        admin_pass = (PASSPHRASE, NEW) if op == "passwd" else (PASSPHRASE,)
        admin = None
        for p in admin_pass:
            try:
                admin = Workspace(folder).unlock("admin", p)
                break
            except Exception:
                continue
        assert admin is not None, f"{op}: admin locked out after step {step}"
        codes = [code] + ([admin.new_recovery_code] if admin.new_recovery_code else [])
        codes += [line.split()[1] for line in done.stdout.splitlines() if line.startswith("code")]
        admin.close()
        if op != "remove":
            assert _opens(folder, "ana", (PASSPHRASE,)), f"{op}: ana locked out at step {step}"
        if op == "add":
            added = _opens(folder, "erin", (PASSPHRASE,))
            if not added:  # an interrupted add can simply be run again
                again = Workspace(folder).unlock("admin", PASSPHRASE)
                svc.add_user(again, "erin", PASSPHRASE, Role.ADVOCATE)
                again.close()
                assert _opens(folder, "erin", (PASSPHRASE,))
        if op == "remove":
            assert not _opens(folder, "ana", (PASSPHRASE,)) or not finished
        recovered = False
        for candidate in codes:
            try:
                Workspace(folder).recover(candidate, "admin", PASSPHRASE).close()
                recovered = True
                break
            except Exception:
                continue
        assert recovered, f"{op}: no recovery code opens after step {step}"
        if finished:
            break
        step += 1
    assert step >= 2  # the operation has several durable steps, each was crashed at
