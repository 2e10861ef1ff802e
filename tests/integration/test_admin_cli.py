"""`intake admin ...` end to end in-process: create an agency, sign a profile, make a bundle, enrol
a second data folder, import a newer profile; refusals leave the data folder untouched."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from intake_app import cli, errors
from intake_app.admin.profile import PROFILE_FILE, load_installed_profile
from intake_app.domain.case import Role
from intake_app.services import agency, partners
from intake_app.services.session import Workspace, add_user
from intake_app.sync.keys import AgencyIdentity, read_card

PASS = "correct horse battery staple"
BUNDLE_PASS = "orange kettle seventeen lanterns"


def parser() -> argparse.ArgumentParser:
    return cli.build_parser()


def run(argv: list[str]) -> tuple[int, str]:
    args = parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args), ""
    except errors.IntakeError as exc:
        return 2, exc.message


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {"pass": tmp_path / "pass.txt", "bpass": tmp_path / "bpass.txt"}
    out["pass"].write_text(PASS + "\n")
    out["bpass"].write_text(BUNDLE_PASS + "\n")
    return out


def init(data: Path, pass_file: Path, user: str = "admin") -> None:
    rc = cli.main(
        ["--data-dir", str(data), "init", "--user", user, "--role", "admin",
         "--passphrase-file", str(pass_file), "--kdf-memory-mib", "8", "--kdf-iterations", "1"]
    )  # fmt: skip
    assert rc == 0


def test_admin_flow(
    tmp_path: Path, files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    hq = tmp_path / "hq"
    init(hq, files["pass"])
    auth = ["--user", "admin", "--passphrase-file", str(files["pass"])]
    card_path = tmp_path / "card.json"
    rc, msg = run(
        ["--data-dir", str(hq), "admin", "create-agency", "--name", "Refugio Norte",
         "--kind", "service_provider", "--contact-name", "Ana Ruiz",
         "--contact-email", "ana@norte.example.org", "--out-card", str(card_path), *auth]
    )  # fmt: skip
    assert (rc, msg) == (0, "")
    out = capsys.readouterr().out
    card = read_card(card_path)
    assert "Fingerprint" in out
    assert card.name == "Refugio Norte"

    # A partner, imported and confirmed on the admin's laptop: it travels in the bundle.
    partner = AgencyIdentity.generate(
        "Policía Local", "law_enforcement", [{"name": "B", "phone": "+34 600 000 001"}]
    )
    s = Workspace(hq).unlock("admin", PASS)
    try:
        partners.import_partner(s, partner.card.to_json())
        partners.confirm_partner(s, partner.agency_id)
    finally:
        s.close()

    policy_file = tmp_path / "policy.json"
    policy_file.write_text(json.dumps({"auto_lock_minutes": 5, "language": "es"}))
    profile1 = tmp_path / "profile1.json"
    rc, msg = run(
        # Creating the agency installed serial 1 (the default policy): this is the next.
        ["--data-dir", str(hq), "admin", "profile", "--serial", "2",
         "--policy-file", str(policy_file), "--out", str(profile1), *auth]
    )  # fmt: skip
    assert (rc, msg) == (0, "")
    rc, msg = run(["--data-dir", str(hq), "admin", "import-profile", str(profile1), *auth])
    assert (rc, msg) == (0, "")

    bundle = tmp_path / "agency.bundle"
    rc, msg = run(
        ["--data-dir", str(hq), "admin", "enrol-bundle", "--out", str(bundle),
         "--bundle-passphrase-file", str(files["bpass"]), "--bundle-kdf-memory-mib", "8", *auth]
    )  # fmt: skip
    assert (rc, msg) == (0, "")
    assert "1 confirmed partner" in capsys.readouterr().out

    # Second laptop: a wrong bundle passphrase writes nothing at all.
    laptop = tmp_path / "laptop"
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the bundle passphrase\n")
    join = ["--data-dir", str(laptop), "admin", "join", "--bundle", str(bundle),
            "--user", "bea", "--role", "admin", "--passphrase-file", str(files["pass"]),
            "--kdf-memory-mib", "8", "--kdf-iterations", "1"]  # fmt: skip
    rc, msg = run([*join, "--bundle-passphrase-file", str(wrong)])
    assert (rc, msg) == (2, "That passphrase does not open this enrolment bundle.")
    assert not laptop.exists()

    rc, msg = run([*join, "--bundle-passphrase-file", str(files["bpass"])])
    assert (rc, msg) == (0, "")
    assert "Recovery code" in capsys.readouterr().out
    s = Workspace(laptop).unlock("bea", PASS)
    try:
        identity = agency.get_identity(s)
        assert identity is not None
        assert identity.agency_id == card.agency_id
        assert [p.confirmed for p in partners.list_partners(s)] == [True]
    finally:
        s.close()
    installed = load_installed_profile(laptop)
    assert installed is not None
    assert installed.policy.auto_lock_minutes == 5

    # Policy update: a newer profile is accepted, the older one then refused, nothing written.
    profile2 = tmp_path / "profile2.json"
    rc, _ = run(["--data-dir", str(hq), "admin", "profile", "--out", str(profile2), *auth])
    assert rc == 0
    laptop_auth = ["--user", "bea", "--passphrase-file", str(files["pass"])]
    rc, msg = run(
        ["--data-dir", str(laptop), "admin", "import-profile", str(profile2), *laptop_auth]
    )
    assert (rc, msg) == (0, "")
    assert (laptop / PROFILE_FILE).read_bytes() == profile2.read_bytes()
    before = snapshot(laptop)
    rc, msg = run(
        ["--data-dir", str(laptop), "admin", "import-profile", str(profile1), *laptop_auth]
    )
    assert rc == 2
    assert "older than the one installed" in msg
    after = snapshot(laptop)
    # Unlocking to import appends an audit entry inside the database; the profile is unchanged.
    assert after[PROFILE_FILE] == before[PROFILE_FILE]


def test_admin_bundle_and_key_rotation_from_the_command_line(
    tmp_path: Path, files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    hq = tmp_path / "hq"
    init(hq, files["pass"])
    auth = ["--user", "admin", "--passphrase-file", str(files["pass"])]
    rc, msg = run(
        ["--data-dir", str(hq), "agency", "create", "--name", "Refugio Norte",
         "--kind", "service_provider", "--contact-name", "Ana Ruiz",
         "--contact-email", "ana@norte.example.org", *auth]
    )  # fmt: skip
    assert (rc, msg) == (0, "")
    bundle = tmp_path / "admin.bundle"
    rc, msg = run(
        ["--data-dir", str(hq), "admin", "enrol-bundle", "--admin", "--out", str(bundle),
         "--bundle-passphrase-file", str(files["bpass"]), "--bundle-kdf-memory-mib", "8", *auth]
    )  # fmt: skip
    assert (rc, msg) == (0, "")
    assert "an administrator's laptop" in capsys.readouterr().out
    laptop = tmp_path / "laptop"
    rc, msg = run(
        ["--data-dir", str(laptop), "admin", "join", "--bundle", str(bundle),
         "--bundle-passphrase-file", str(files["bpass"]), "--user", "bea", "--role", "admin",
         "--passphrase-file", str(files["pass"]), "--kdf-memory-mib", "8",
         "--kdf-iterations", "1"]
    )  # fmt: skip
    assert (rc, msg) == (0, "")
    capsys.readouterr()
    # The second administrator's laptop holds the signing key: it may rotate.
    bea = ["--user", "bea", "--passphrase-file", str(files["pass"])]
    rc, msg = run(["--data-dir", str(laptop), "agency", "rotate-key", *bea])
    assert (rc, msg) == (0, "")
    assert "card serial 1" in capsys.readouterr().out
    # An ordinary user of the first laptop may not.
    s = Workspace(hq).unlock("admin", PASS)
    try:
        add_user(s, "cruz", PASS, Role.ADVOCATE)
    finally:
        s.close()
    cruz = ["--user", "cruz", "--passphrase-file", str(files["pass"])]
    rc, msg = run(["--data-dir", str(hq), "agency", "rotate-key", *cruz])
    assert rc == 2 and "cannot rotate the agency's keys" in msg
