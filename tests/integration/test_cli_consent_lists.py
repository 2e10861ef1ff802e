"""`intake consent never-share|do-not-contact`: the person's two lists from a script, through the
same services and role checks as the Consents tab; names come from a file, never arguments."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from intake_app.domain.case import Role
from intake_app.services import cases, consents
from intake_app.sync.keys import AgencyIdentity
from tests.agencies import ADMIN, CONTACTS, PASSPHRASE, as_admin, provision
from tests.integration.test_cli_front_end import run


@pytest.fixture
def laptop(tmp_path: Path) -> tuple[Path, str, str]:
    """A shelter laptop with the advocate ana and one case; returns (folder, case code, id of
    an agency to keep away)."""
    folder = tmp_path / "shelter"
    s, _ = provision(folder, "Refugio Norte", "service_provider", Role.ADVOCATE, "ana")
    try:
        code = cases.create_case(s).code
    finally:
        s.close()
    return folder, code, AgencyIdentity.generate("Other", "other", CONTACTS).agency_id


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "pass"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path


def _as(user: str, folder: Path, secret: Path) -> list[str]:
    return ["--data-dir", str(folder), "--user", user, "--passphrase-file", str(secret)]


def test_never_share_from_a_script(laptop, secret, capsys) -> None:
    folder, code, other = laptop
    base = ["consent", "never-share"]
    assert run([*base, "add", "--case", code, "--agency", other, *_as(ADMIN, folder, secret)],
               capsys)[:2] == (0, f"{other}\n1 agencies never to share with\n")
    # Taking an agency off widens what may leave: the people who speak with the person only.
    status, _out, err = run([*base, "remove", "--case", code, "--agency", other,
                             *_as(ADMIN, folder, secret)], capsys)
    assert status == 2 and "cannot take an agency off the never-share list" in err
    assert run([*base, "remove", "--case", code, "--agency", other,
                *_as("ana", folder, secret)], capsys)[:2] == (0, "0 agencies never to share with\n")


def test_do_not_contact_names_come_from_a_file(laptop, secret, tmp_path, capsys,
                                               monkeypatch) -> None:
    folder, code, _ = laptop
    names = tmp_path / "names.txt"
    names.write_text("Marco Ruiz\n\n  Ana Ruiz  \n", encoding="utf-8")
    base = ["consent", "do-not-contact"]
    status, out, _ = run([*base, "add", "--case", code, "--names-file", str(names),
                          "--relation", "trafficker", *_as("ana", folder, secret)], capsys)
    assert (status, out) == (0, "2 people not to contact or tell\n")
    assert "Marco Ruiz" not in out  # the names are not echoed back
    status, out, _ = run([*base, "list", "--case", code, *_as("ana", folder, secret)], capsys)
    lines = out.splitlines()
    assert status == 0 and [line.split("\t")[1:] for line in lines[:2]] == [
        ["trafficker", "Marco Ruiz"], ["trafficker", "Ana Ruiz"]]
    entry = lines[0].split("\t")[0]
    assert run([*base, "remove", "--case", code, "--entry", entry,
                *_as("ana", folder, secret)], capsys)[0] == 0
    with as_admin(folder) as s:
        case_id = cases.find_by_code(s, code).id
        assert [n for _, n, _ in consents.case_do_not_contact(s, case_id)] == ["Ana Ruiz"]
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    status, _, err = run([*base, "add", "--case", code, "--names-file", "-", "--passphrase-file",
                          "-", "--data-dir", str(folder), "--user", "ana"], capsys)
    assert status == 2 and "standard input cannot hold both" in err
    status, _, err = run([*base, "add", "--case", code, *_as("ana", folder, secret)], capsys)
    assert status == 2 and "--names-file" in err
