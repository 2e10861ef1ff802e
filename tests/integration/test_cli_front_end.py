"""The command line as a front-end like the GUI: the same role checks, the same use cases, and a
one-line error (never a traceback) for every input a person can get wrong."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from intake_app import cli
from intake_app.admin.policy import AgencyPolicy
from intake_app.admin.profile import PROFILE_FILE, SignedProfile, load_installed_profile
from intake_app.domain.case import Role
from intake_app.services import roles
from intake_app.services.session import Workspace, add_user
from intake_app.storage.kdf import KdfParams
from intake_app.storage.keyvault import KeyVault
from intake_app.sync.keys import AgencyIdentity
from tests.agencies import CONTACTS, PASSPHRASE, provision
from tests.conftest import fill, read_only

ROOT = Path(__file__).resolve().parents[2]
FAST = ["--kdf-memory-mib", "8", "--kdf-iterations", "1"]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "pass"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path


@pytest.fixture
def shelter(tmp_path: Path) -> Path:
    """A laptop whose admin created the agency and added the advocate ana."""
    folder = tmp_path / "shelter"
    s, _identity = provision(folder, "Refugio Norte", "service_provider", Role.ADVOCATE, "ana")
    s.close()
    return folder


# --- roles -----------------------------------------------------------------------------------
ADMIN_ONLY_COMMANDS = [
    ["user", "add", "ben", "--new-passphrase-file", "{secret}"],
    ["user", "remove", "admin"],
    ["user", "list"],
    ["rekey"],
    ["agency", "create", "--name", "X", "--kind", "other", "--contact-name", "Desk",
     "--contact-phone", "1"],
    ["admin", "create-agency", "--name", "X", "--kind", "other", "--contact-name", "Desk",
     "--contact-phone", "1", "--out-card", "{tmp}/card.json"],
    ["partner", "import", "{card}"],
    ["partner", "confirm", "abcdef0123"],
    ["admin", "profile", "--out", "{tmp}/p.json"],
    ["admin", "import-profile", "{profile}"],
    ["admin", "enrol-bundle", "--out", "{tmp}/b.bundle", "--bundle-passphrase-file", "{secret}"],
    ["agency", "revoke-device", "ab" * 16, "--relay", "http://127.0.0.1:9"],
]


@pytest.mark.parametrize("command", ADMIN_ONLY_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_an_advocate_is_refused_every_admin_only_command_in_words(
    command: list[str], shelter: Path, secret: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    partner = AgencyIdentity.generate("Police", "law_enforcement", CONTACTS)
    card = tmp_path / "partner.json"
    card.write_bytes(partner.card.to_json())
    before = {p.name: p.read_bytes() for p in shelter.iterdir() if p.is_file()}
    argv = [a.format(secret=secret, tmp=tmp_path, card=card, profile=shelter / PROFILE_FILE)
            for a in command]
    code, out, err = run(["--data-dir", str(shelter), *argv, "--user", "ana",
                          "--passphrase-file", str(secret)], capsys)
    assert code == 2
    assert err.startswith("intake: A user with the role advocate cannot ")
    assert err.endswith("Ask an administrator of this laptop.\n") and err.count("\n") == 1
    assert out == ""
    assert (shelter / PROFILE_FILE).read_bytes() == before[PROFILE_FILE]
    assert (shelter / "keys.json").read_bytes() == before["keys.json"]


def test_the_role_rules_are_declared_next_to_the_use_cases() -> None:
    admin_only = {name for name, allowed in roles.RULES.items() if allowed == roles.ADMIN_ONLY}
    assert {
        "intake_app.services.session.add_user", "intake_app.services.session.remove_user",
        "intake_app.services.session.rekey", "intake_app.services.provisioning.create_agency",
        "intake_app.services.provisioning.sign_policy",
        "intake_app.services.provisioning.import_profile",
        "intake_app.services.provisioning.export_bundle",
        "intake_app.services.partners.import_partner",
        "intake_app.services.partners.confirm_partner",
        "intake_app.services.agency.device_revocation",
    } <= admin_only


# --- the drifts, fixed by construction --------------------------------------------------------
@pytest.mark.parametrize("spelling", [["agency", "create"], ["agency", "init"],
                                      ["admin", "create-agency", "--out-card", "card.json"]])
def test_every_way_to_create_the_agency_installs_its_first_profile(
    spelling: list[str], tmp_path: Path, secret: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "hq"
    assert run(["--data-dir", str(folder), "init", "--user", "admin", "--role", "admin",
                "--passphrase-file", str(secret), *FAST], capsys)[0] == 0
    os.chdir(tmp_path)
    code, out, err = run(["--data-dir", str(folder), *spelling, "--name", "Refugio Norte",
                          "--kind", "service_provider", "--contact-name", "Ana",
                          "--contact-phone", "+34 600", "--user", "admin",
                          "--passphrase-file", str(secret)], capsys)
    assert (code, err) == (0, "")
    assert "Fingerprint" in out
    installed = load_installed_profile(folder)
    assert installed is not None and installed.serial == 1
    assert installed.signer.name == "Refugio Norte"


def test_init_applies_the_installed_policys_kdf_floor(
    tmp_path: Path, secret: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "laptop"
    folder.mkdir()
    agency = AgencyIdentity.generate("Refugio Norte", "service_provider", CONTACTS)
    policy = AgencyPolicy(kdf_time_cost=12, kdf_memory_mib=8)
    (folder / PROFILE_FILE).write_bytes(SignedProfile.issue(agency, policy, 1).to_bytes())
    code, _out, err = run(["--data-dir", str(folder), "init", "--user", "ana",
                           "--passphrase-file", str(secret), "--kdf-memory-mib", "8",
                           "--kdf-iterations", "1"], capsys)
    assert (code, err) == (0, "")
    vault = KeyVault.load(folder / "keys.json")
    params = {s.kdf.params.time_cost for s in vault._state.slots}
    assert params == {12}


def test_confirming_a_partner_retries_what_it_sent_before(tmp_path: Path) -> None:
    """The GUI's Partners screen and `intake partner confirm` both call partners.confirm_partner;
    a share that arrived before the confirmation is accepted by it, not left in quarantine."""
    import time

    from intake_app.services import partners, sharing
    from intake_app.sync.envelope import Kind, seal

    police, police_id = provision(tmp_path / "police", "Police", "law_enforcement",
                                  Role.ADMIN, "admin")
    shelter, shelter_id = provision(tmp_path / "shelter", "Shelter", "service_provider",
                                    Role.ADMIN, "admin")
    try:
        partners.import_partner(shelter, police_id.card.to_json())
        partners.confirm_partner(shelter, police_id.agency_id)
        partners.import_partner(police, shelter_id.card.to_json())  # not confirmed yet
        body = seal(shelter_id, police_id.card, Kind.SHARE,
                    {"v": 1, "share_ref": "ab" * 16, "purpose": "case_coordination",
                     "consents": [{"ref": 1, "expires_at": "2099-01-01T00:00:00+00:00"}],
                     "categories": ["needs"], "fields": [], "sent_at": "x"},
                    ttl_seconds=3600, now=time.time())
        assert sharing.process_inbound(police, body, time.time()).status == "quarantined"
        done = partners.confirm_partner(police, shelter_id.agency_id)
        assert (done.retried_accepted, done.retried_refused) == (1, 0)
        assert sharing.quarantine_list(police) == []
    finally:
        police.close()
        shelter.close()


# --- bad input: one line, nothing changed -----------------------------------------------------
def test_a_missing_card_file_is_one_line(shelter: Path, secret: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(["--data-dir", str(shelter), "partner", "import", "missing.json",
                           "--user", "admin", "--passphrase-file", str(secret)], capsys)
    assert (code, err) == (2, "intake: missing.json: no such file.\n")


@pytest.mark.parametrize("make", ["missing", "folder", "not_utf8", "empty"])
def test_a_bad_passphrase_file_is_one_line(make: str, shelter: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "secret"
    if make == "folder":
        path.mkdir()
    elif make == "not_utf8":
        path.write_bytes(b"\xff\xfe\xfa passphrase\n")
    elif make == "empty":
        path.write_bytes(b"")
    code, _out, err = run(["--data-dir", str(shelter), "audit", "verify", "--user", "admin",
                           "--passphrase-file", str(path)], capsys)
    assert code == 2 and err.count("\n") == 1 and err.startswith("intake: ")
    assert "Traceback" not in err


def test_a_passphrase_through_a_fifo_is_read(shelter: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)

    def feed() -> None:
        with fifo.open("w", encoding="utf-8") as fh:
            fh.write(PASSPHRASE + "\n")

    writer = threading.Thread(target=feed)
    writer.start()
    code, out, err = run(["--data-dir", str(shelter), "audit", "verify", "--user", "admin",
                          "--passphrase-file", str(fifo)], capsys)
    writer.join(10)
    assert (code, err) == (0, "") and "Audit chain intact" in out


@pytest.mark.parametrize("where", ["data_dir_is_a_file", "db_is_a_folder", "keys_is_a_folder"])
def test_a_data_folder_of_the_wrong_shape_is_one_line(
    where: str, tmp_path: Path, secret: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    if where == "data_dir_is_a_file":
        folder.write_text("not a folder")
    else:
        folder.mkdir()
        (folder / ("intake.db" if where == "db_is_a_folder" else "keys.json")).mkdir()
    code, _out, err = run(["--data-dir", str(folder), "init", "--user", "ana",
                           "--passphrase-file", str(secret), *FAST], capsys)
    assert code == 2 and err.count("\n") == 1
    assert "folder" in err or "file" in err


def test_a_read_only_data_folder_is_one_line(small_disk: Path, shelter: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    folder = small_disk / "shelter"
    shutil.copytree(shelter, folder)
    read_only(small_disk)
    wrong = tmp_path / "wrong"
    wrong.write_text("not the passphrase at all\n")
    code, _out, err = run(["--data-dir", str(folder), "audit", "verify", "--user", "admin",
                           "--passphrase-file", str(wrong)], capsys)
    assert code == 2 and err.count("\n") == 1 and "Read-only file system" in err


def test_a_wrong_passphrase_on_a_full_disk_is_one_line(
    small_disk: Path, shelter: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = small_disk / "shelter"
    shutil.copytree(shelter, folder)
    ballast = fill(small_disk)
    wrong = tmp_path / "wrong"
    wrong.write_text("not the passphrase at all\n")
    code, _out, err = run(["--data-dir", str(folder), "audit", "verify", "--user", "admin",
                           "--passphrase-file", str(wrong)], capsys)
    assert code == 2 and err.count("\n") == 1 and "No space left on device" in err
    ballast.unlink()
    right = tmp_path / "right"
    right.write_text(PASSPHRASE + "\n")
    assert run(["--data-dir", str(folder), "audit", "verify", "--user", "admin",
                "--passphrase-file", str(right)], capsys)[0] == 0


@pytest.mark.parametrize("name", ["ben\x1b[31m", "ben\nroot", "ben\u202eevil", "b" * 100_000,
                                  "ben\u200b"])
def test_user_names_a_terminal_would_misread_are_refused(
    name: str, shelter: Path, secret: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(["--data-dir", str(shelter), "user", "add", name,
                           "--new-passphrase-file", str(secret), "--user", "admin",
                           "--passphrase-file", str(secret)], capsys)
    assert code == 2 and err.count("\n") == 1
    assert "user name" in err
    assert name not in err


def test_no_traceback_for_a_missing_file_from_a_real_process(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "intake_app", "--data-dir", str(tmp_path / "none"), "partner",
         "import", "missing.json", "--user", "x", "--passphrase-file", "missing-pass"],
        capture_output=True, text=True, cwd=ROOT, timeout=60, check=False,
    )
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.count("\n") == 1


def test_names_already_stored_are_printed_escaped(
    tmp_path: Path, secret: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name stored by an older version with a control character never reaches the terminal
    raw (`user list` escapes it)."""
    folder = tmp_path / "old"
    admin, _ = Workspace(folder).set_up("admin", PASSPHRASE, Role.ADMIN, kdf=KdfParams.for_tests())
    try:
        add_user(admin, "ben", PASSPHRASE, Role.OFFICER)
        with admin.db.transaction() as c:
            c.execute("UPDATE users SET username = ? WHERE username = 'ben'", ("ben\x1b[2J",))
    finally:
        admin.close()
    code, out, _err = run(["--data-dir", str(folder), "user", "list", "--user", "admin",
                           "--passphrase-file", str(secret)], capsys)
    assert code == 0 and "\x1b" not in out and "ben\\x1b[2J" in out


@pytest.mark.parametrize("command", [["check"], ["audit", "verify"]])
def test_checking_the_data_is_for_administrators_and_supervisors(
    command: list[str], shelter: Path, secret: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(["--data-dir", str(shelter), *command, "--user", "ana",
                           "--passphrase-file", str(secret)], capsys)
    assert code == 2 and "role advocate cannot" in err
    code, out, err = run(["--data-dir", str(shelter), *command, "--user", "admin",
                          "--passphrase-file", str(secret)], capsys)
    assert (code, err) == (0, "") and "intact" in out
