"""The `intake` command as an admin or a script uses it: a real process, a real data folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

FAST_KDF = ["--kdf-memory-mib", "8", "--kdf-iterations", "1"]


def intake(
    *args: str, stdin: str = "", data_dir: Path | None = None
) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "intake_app"]
    if data_dir is not None:
        argv += ["--data-dir", str(data_dir)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [*argv, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def test_selftest_prints_one_line_and_exits_0() -> None:
    result = intake("selftest")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1
    assert result.stdout.startswith("selftest ok")


def test_init_users_audit_and_demo_from_the_command_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    secret = tmp_path / "ana.pass"
    secret.write_text("ana's long passphrase\n")
    result = intake(
        "init", "--user", "ana", "--role", "admin", "--passphrase-file", str(secret), *FAST_KDF,
        data_dir=data,
    )
    assert result.returncode == 0, result.stderr
    assert "Recovery code" in result.stdout
    assert "ana's long passphrase" not in result.stdout + result.stderr

    auth = ["--user", "ana", "--passphrase-file", str(secret)]
    result = intake(
        "user",
        "add",
        "ben",
        "--role",
        "supervisor",
        "--new-passphrase-file",
        "-",
        *auth,
        stdin="ben's long passphrase\n",
        data_dir=data,
    )
    assert result.returncode == 0, result.stderr
    listed = intake("user", "list", *auth, data_dir=data)
    assert [line.split("\t")[:2] for line in listed.stdout.splitlines()] == [
        ["ana", "admin"],
        ["ben", "supervisor"],
    ]
    # --data-dir after the command name works too.
    seeded = intake("demo", "seed", "--cases", "25", *auth, "--data-dir", str(data))
    assert seeded.returncode == 0, seeded.stderr
    assert "25 DEMO cases" in seeded.stdout
    verified = intake(
        "audit",
        "verify",
        "--user",
        "ben",
        "--passphrase-file",
        "-",
        stdin="ben's long passphrase\n",
        data_dir=data,
    )
    assert verified.returncode == 0, verified.stderr
    assert "Audit chain intact" in verified.stdout

    passwd = intake(
        "user",
        "passwd",
        "--user",
        "ben",
        "--passphrase-file",
        "-",
        "--new-passphrase-file",
        "-",
        stdin="ben's long passphrase\nben's newer passphrase\n",
        data_dir=data,
    )
    assert passwd.returncode == 0, passwd.stderr
    again = intake(  # the new passphrase opens; a supervisor may verify the audit log
        "audit",
        "verify",
        "--user",
        "ben",
        "--passphrase-file",
        "-",
        stdin="ben's newer passphrase\n",
        data_dir=data,
    )
    assert again.returncode == 0, again.stderr


def test_a_wrong_passphrase_is_a_clear_message_and_exit_2(tmp_path: Path) -> None:
    data = tmp_path / "data"
    intake(
        "init",
        "--user",
        "ana",
        "--passphrase-file",
        "-",
        *FAST_KDF,
        stdin="ana's long passphrase\n",
        data_dir=data,
    )
    result = intake(
        "user",
        "list",
        "--user",
        "ana",
        "--passphrase-file",
        "-",
        stdin="wrong wrong wrong\n",
        data_dir=data,
    )
    assert result.returncode == 2
    assert "passphrase does not unlock" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_command_on_an_empty_folder_says_it_is_not_set_up(tmp_path: Path) -> None:
    result = intake(
        "user",
        "list",
        "--user",
        "ana",
        "--passphrase-file",
        "-",
        stdin="whatever passphrase\n",
        data_dir=tmp_path / "empty",
    )
    assert result.returncode == 2
    assert "has not been set up" in result.stderr


def test_check_says_in_words_whether_the_pages_and_the_audit_are_whole(tmp_path: Path) -> None:
    data = tmp_path / "data"
    secret = "orange kettle seventeen lanterns\n"
    init = intake("init", "--user", "ada", "--role", "admin", "--passphrase-file", "-",
                  *FAST_KDF, stdin=secret, data_dir=data)
    assert init.returncode == 0, init.stderr
    auth = ["--user", "ada", "--passphrase-file", "-"]
    seeded = intake("demo", "seed", "--cases", "40", *auth, stdin=secret, data_dir=data)
    assert seeded.returncode == 0, seeded.stderr
    whole = intake("check", *auth, stdin=secret, data_dir=data)
    assert whole.returncode == 0, whole.stderr
    assert "every page is authentic" in whole.stdout
    assert "Audit log: intact" in whole.stdout and " entries, from " in whole.stdout

    db = data / "intake.db"
    raw = bytearray(db.read_bytes())
    page = 4096
    victim = len(raw) // page - 1  # the last page: a case row, not the schema read at open
    raw[victim * page + 200 : victim * page + 216] = bytes(16)
    db.write_bytes(bytes(raw))
    damaged = intake("check", *auth, stdin=secret, data_dir=data)
    words = damaged.stdout + damaged.stderr
    assert damaged.returncode in (1, 2)
    assert "damaged" in words and "Traceback" not in words
    assert "different set-ups" not in words  # damage is not reported as a wrong key


def test_a_damaged_first_page_is_damage_not_another_set_up(tmp_path: Path) -> None:
    data = tmp_path / "data"
    secret = "orange kettle seventeen lanterns\n"
    init = intake("init", "--user", "ada", "--role", "admin", "--passphrase-file", "-",
                  *FAST_KDF, stdin=secret, data_dir=data)
    assert init.returncode == 0, init.stderr
    db = data / "intake.db"
    raw = bytearray(db.read_bytes())
    raw[300] ^= 0x20  # inside page 1, past its salt: the schema page every open reads first
    db.write_bytes(bytes(raw))
    result = intake("check", "--user", "ada", "--passphrase-file", "-", stdin=secret,
                    data_dir=data)
    words = result.stdout + result.stderr
    assert result.returncode in (1, 2)
    assert "The start of the encrypted database intake.db is damaged" in words
    assert "different set-ups" not in words and "Traceback" not in words
    assert db.read_bytes() == bytes(raw)  # refused without writing
