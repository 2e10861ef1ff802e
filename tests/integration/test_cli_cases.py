"""`intake case list|show`: an admin checks a caseload from a script; names never appear in a
list, and only `--reveal` (audited) prints identifying values."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake_app.domain.case import CaseStatus, Identity, Role
from intake_app.services import cases
from intake_app.services.session import Workspace
from tests.agencies import PASSPHRASE, provision
from tests.integration.test_cli_front_end import run

PLANTED = "Zorana Plantedname"


@pytest.fixture
def laptop(tmp_path: Path) -> tuple[Path, str, str, Path]:
    """A laptop with three cases, one named and with a legal name; (folder, its code, the
    nameless one's code, passphrase file)."""
    folder = tmp_path / "shelter"
    s, _ = provision(folder, "Refugio Norte", "service_provider", Role.ADVOCATE, "ana")
    try:
        named = cases.create_case(s, PLANTED)
        cases.update_identity(s, named.id, Identity(legal_name=PLANTED + " Legal"))
        cases.add_note(s, named.id, "note one")
        plain = cases.create_case(s)
        cases.set_status(s, plain.id, CaseStatus.CLOSED)
        cases.create_case(s)
    finally:
        s.close()
    secret = tmp_path / "pass"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return folder, named.code, plain.code, secret


def _as(folder: Path, secret: Path) -> list[str]:
    return ["--data-dir", str(folder), "--user", "ana", "--passphrase-file", str(secret)]


def test_list_shows_codes_status_and_counts_never_a_name(
    laptop: tuple[Path, str, str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, named, plain, secret = laptop
    code, out, err = run(["case", "list", *_as(folder, secret)], capsys)
    assert code == 0, err
    assert named in out and plain in out and "3 of 3 cases shown" in out
    assert PLANTED not in out + err
    code, out, _ = run(["case", "list", "--status", "closed", *_as(folder, secret)], capsys)
    assert code == 0 and plain in out and named not in out and "1 of 3" in out


def test_show_names_filled_fields_and_reveals_only_when_asked(
    laptop: tuple[Path, str, str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, named, _plain, secret = laptop
    code, out, err = run(["case", "show", named, "--fields", *_as(folder, secret)], capsys)
    assert code == 0, err
    assert "1 notes" in out and "preferred_name\t(hidden" in out and "legal_name\t(hidden" in out
    assert PLANTED not in out + err
    code, out, err = run(["case", "show", named, "--fields", "--reveal", *_as(folder, secret)],
                         capsys)
    assert code == 0, err
    assert f"preferred_name\t{PLANTED}" in out and f"legal_name\t{PLANTED} Legal" in out
    s = Workspace(folder).unlock("ana", PASSPHRASE)
    try:
        case_id = cases.find_by_code(s, named).id
        actions = [e.action for e in cases.case_activity(s, case_id)]
    finally:
        s.close()
    assert actions.count("case.reveal_identity") == 1


def test_an_unknown_code_is_one_line(
    laptop: tuple[Path, str, str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _named, _plain, secret = laptop
    code, _out, err = run(["case", "show", "ZZZZ-ZZZZ", *_as(folder, secret)], capsys)
    assert code != 0 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "check character" in err
    code, _out, err = run(["case", "show", _other_valid_code(_named), *_as(folder, secret)], capsys)
    assert code != 0 and "Traceback" not in err and len(err.strip().splitlines()) == 1


def _other_valid_code(code: str) -> str:
    from intake_app.domain import casecode

    while (other := casecode.new_case_code()) == code:
        pass
    return other
