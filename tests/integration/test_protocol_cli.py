"""`intake protocol install FILE.json | list` and `intake admin profile` with an agency's own
protocol, in-process on a real data folder: installed once, refused with words when broken or
when another document claims an installed version, carried by the signed profile; a policy
naming a protocol that is nowhere is refused before anything is signed."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from intake_app import cli, errors
from intake_app.admin.profile import SignedProfile
from tests.protocol_docs import ID, document

PASS = "correct horse battery staple"


def run(argv: list[str]) -> tuple[int, str]:
    args = cli.build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args), ""
    except errors.IntakeError as exc:
        return 2, exc.message


@pytest.fixture
def hq(tmp_path: Path) -> tuple[Path, list[str]]:
    data = tmp_path / "hq"
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(PASS + "\n")
    assert cli.main(["--data-dir", str(data), "init", "--user", "admin", "--role", "admin",
                     "--passphrase-file", str(pass_file), "--kdf-memory-mib", "8",
                     "--kdf-iterations", "1"]) == 0
    auth = ["--user", "admin", "--passphrase-file", str(pass_file)]
    rc, msg = run(["--data-dir", str(data), "admin", "create-agency", "--name", "Refugio Norte",
                   "--kind", "service_provider", "--contact-name", "Desk",
                   "--contact-phone", "+1 555 0100", "--out-card", str(tmp_path / "card.json"),
                   *auth])
    assert (rc, msg) == (0, "")
    return data, auth


def test_install_list_and_sign_into_a_profile(
    hq: tuple[Path, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, auth = hq
    form = tmp_path / "shelter_checkin.json"
    form.write_bytes(document("1"))
    capsys.readouterr()
    assert run(["--data-dir", str(data), "protocol", "install", str(form), *auth]) == (0, "")
    out = capsys.readouterr().out
    assert f"installed {ID} version 1" in out and "intake admin profile" in out
    assert run(["--data-dir", str(data), "protocol", "install", str(form), *auth]) == (0, "")
    assert "already installed" in capsys.readouterr().out

    assert run(["--data-dir", str(data), "protocol", "list", *auth]) == (0, "")
    listed = capsys.readouterr().out.splitlines()
    assert any(line.startswith(f"{ID}  1  file  ") for line in listed)
    assert any(line.startswith("advocate_intake  ") and "shipped" in line for line in listed)

    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"protocols_enabled": ["advocate_intake", ID]}))
    out_profile = tmp_path / "profile.json"
    assert run(["--data-dir", str(data), "admin", "profile", "--policy-file", str(policy),
                "--out", str(out_profile), *auth]) == (0, "")
    signed = SignedProfile.from_bytes(out_profile.read_bytes())
    assert [(p.id, p.version) for p in signed.protocols] == [
        ("advocate_intake", "1.1"), (ID, "1")]


def test_refusals_say_what_and_change_nothing(
    hq: tuple[Path, list[str]], tmp_path: Path
) -> None:
    data, auth = hq
    broken = tmp_path / "broken.json"
    broken.write_bytes(b'{"id": "x", ')
    rc, msg = run(["--data-dir", str(data), "protocol", "install", str(broken), *auth])
    assert rc == 2 and "broken.json" in msg
    rc, msg = run(["--data-dir", str(data), "protocol", "install", str(tmp_path / "no.json"),
                   *auth])
    assert rc == 2 and "no such file" in msg

    form = tmp_path / "form.json"
    form.write_bytes(document("1"))
    assert run(["--data-dir", str(data), "protocol", "install", str(form), *auth])[0] == 0
    other = json.loads(document("1"))
    other["title"]["en"] = "Edited, same version"
    form.write_text(json.dumps(other))
    rc, msg = run(["--data-dir", str(data), "protocol", "install", str(form), *auth])
    assert (rc, msg) == (2, f"Interview protocol {ID} 1 is already installed here with different"
                            " content; a changed protocol needs a new version.")

    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"protocols_enabled": ["advocate_intake", "ghost"]}))
    out_profile = tmp_path / "profile.json"
    rc, msg = run(["--data-dir", str(data), "admin", "profile", "--policy-file", str(policy),
                   "--out", str(out_profile), *auth])
    assert rc == 2 and "ghost" in msg and "not installed" in msg
    assert not out_profile.exists()


# --- an XLSForm imported and installed in one step --------------------------------------------
XLSFORMS = Path(__file__).resolve().parents[1] / "data" / "xlsforms"


def test_import_install_puts_a_spreadsheet_form_in_the_registry_and_into_the_next_profile(
    hq: tuple[Path, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, auth = hq
    form = XLSFORMS / "ok_metadata.xlsx"
    capsys.readouterr()
    assert run(["--data-dir", str(data), "protocol", "import", str(form), "--install",
                *auth]) == (0, "")
    out = capsys.readouterr().out
    assert "installed demo version 1 from " in out and "intake admin profile" in out
    assert run(["--data-dir", str(data), "protocol", "import", str(form), "--install",
                *auth]) == (0, "")
    assert "demo version 1 is already installed here; nothing changed" in capsys.readouterr().out
    assert run(["--data-dir", str(data), "protocol", "list", *auth]) == (0, "")
    assert any(line.startswith("demo  1  file  ") for line in capsys.readouterr().out.splitlines())

    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"protocols_enabled": ["advocate_intake", "demo"]}))
    out_profile = tmp_path / "profile.json"
    assert run(["--data-dir", str(data), "admin", "profile", "--policy-file", str(policy),
                "--out", str(out_profile), *auth]) == (0, "")
    signed = SignedProfile.from_bytes(out_profile.read_bytes())
    assert ("demo", "1") in [(p.id, p.version) for p in signed.protocols]


def test_import_install_refuses_a_broken_form_before_asking_anything_and_another_version_content(
    hq: tuple[Path, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, auth = hq
    # No passphrase given: a refused form is refused before the database is opened.
    rc, msg = run(["--data-dir", str(data), "protocol", "import",
                   str(XLSFORMS / "no_relevant_order.xlsx"), "--install", "--user", "admin"])
    assert rc == 2 and msg.startswith("no_relevant_order.xlsx: sheet survey, row 8: ")
    assert msg.endswith("[relevant_order].")
    assert "the comparison > cannot be honoured" in msg  # the CLI speaks the domain's English

    assert run(["--data-dir", str(data), "protocol", "import",
                str(XLSFORMS / "ok_minimal.xlsx"), "--install", *auth]) == (0, "")
    # ok_types is another form under the same id and version ("demo" 1): refused, nothing new.
    rc, msg = run(["--data-dir", str(data), "protocol", "import",
                   str(XLSFORMS / "ok_types.xlsx"), "--install", *auth])
    assert (rc, msg) == (2, "Interview protocol demo 1 is already installed here with different"
                            " content; a changed protocol needs a new version.")
    capsys.readouterr()
    assert run(["--data-dir", str(data), "protocol", "list", *auth]) == (0, "")
    assert next(line for line in capsys.readouterr().out.splitlines()
            if line.startswith("demo ")).startswith("demo  1  file  ")


def test_import_install_as_an_advocate_is_refused(
    hq: tuple[Path, list[str]], tmp_path: Path
) -> None:
    data, auth = hq
    assert run(["--data-dir", str(data), "user", "add", "ana", "--role",
                "advocate", "--new-passphrase-file", auth[-1], *auth])[0] == 0
    rc, msg = run(["--data-dir", str(data), "protocol", "import",
                   str(XLSFORMS / "ok_minimal.xlsx"), "--install", "--user", "ana",
                   "--passphrase-file", auth[-1]])
    assert rc == 2 and msg.startswith("A user with the role advocate cannot install")
