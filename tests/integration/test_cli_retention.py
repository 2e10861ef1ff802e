"""`intake case due` and `intake case delete-due --yes`: a supervisor lists the cases due for
deletion by code (never a name) and deletes them; without --yes nothing is deleted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from intake_app.domain.case import CaseStatus, Role
from intake_app.services import cases, retention
from intake_app.services.session import Workspace
from tests.agencies import PASSPHRASE, provision
from tests.integration.test_cli_front_end import run

PLANTED = "Velmira Oakenshade"


@pytest.fixture
def laptop(tmp_path: Path) -> tuple[Path, str, str, Path]:
    """A supervisor's laptop: a closed case last touched eight years ago (due), one held as
    long (kept); (folder, due code, held code, passphrase file)."""
    folder = tmp_path / "shelter"
    s, _ = provision(folder, "Refugio Norte", "service_provider", Role.SUPERVISOR, "sara")
    try:
        due, held = cases.create_case(s, PLANTED), cases.create_case(s, "Held Example")
        for made in (due, held):
            cases.set_status(s, made.id, CaseStatus.CLOSED)
        retention.set_legal_hold(s, held.id, True)
        cases.create_case(s)  # open: never due
        long_ago = (datetime.now(UTC) - timedelta(days=8 * 365)).isoformat()
        with s.db.transaction() as c:  # the fake clock: the cases' last activity, backdated
            c.execute("UPDATE cases SET updated_at = ?", (long_ago,))
    finally:
        s.close()
    secret = tmp_path / "pass"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return folder, due.code, held.code, secret


def _as(folder: Path, secret: Path) -> list[str]:
    return ["--data-dir", str(folder), "--user", "sara", "--passphrase-file", str(secret)]


def test_due_lists_codes_and_delete_due_needs_yes(
    laptop: tuple[Path, str, str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, due, held, secret = laptop
    code, out, err = run(["case", "due", *_as(folder, secret)], capsys)
    assert code == 0, err
    assert due in out and held not in out and "1 cases due for deletion" in out
    assert "days overdue" in out and PLANTED not in out + err

    code, out, err = run(["case", "delete-due", *_as(folder, secret)], capsys)
    assert code == 1 and "--yes" in out and due in out
    code, out, err = run(["case", "delete-due", "--yes", *_as(folder, secret)], capsys)
    assert code == 0, err
    assert f"{due}\tdeleted" in out and "1 cases deleted" in out and PLANTED not in out + err
    code, out, _ = run(["case", "delete-due", "--yes", *_as(folder, secret)], capsys)
    assert code == 0 and "no case is due" in out

    s = Workspace(folder).unlock("sara", PASSPHRASE)
    try:
        assert [c.code for c in cases.browse(s, status=CaseStatus.CLOSED)] == [held]
        deletions = s.db.query("SELECT count(*) FROM audit WHERE action = ?",
                               (retention.DELETE_ACTION,))
        assert deletions[0][0] == 1
    finally:
        s.close()
