"""`intake report` as a supervisor runs it: a real process, a real data folder, a real workbook."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from tests.integration.test_cli import FAST_KDF, intake


def _folder(tmp_path: Path) -> tuple[Path, list[str]]:
    data = tmp_path / "data"
    secret = tmp_path / "ana.pass"
    secret.write_text("ana's long passphrase\n")
    made = intake("init", "--user", "ana", "--role", "admin", "--passphrase-file", str(secret),
                  *FAST_KDF, data_dir=data)
    assert made.returncode == 0, made.stderr
    auth = ["--user", "ana", "--passphrase-file", str(secret)]
    added = intake("user", "add", "ben", "--role", "supervisor", "--new-passphrase-file", "-",
                   *auth, stdin="ben's long passphrase\n", data_dir=data)
    assert added.returncode == 0, added.stderr
    return data, ["--user", "ben", "--passphrase-file", "-"]


def test_a_supervisor_writes_the_quarter_as_xlsx(tmp_path: Path) -> None:
    data, ben = _folder(tmp_path)
    out = tmp_path / "q3.xlsx"
    result = intake("report", "--period", "2026Q3", "--format", "xlsx", "--out", str(out), *ben,
                    stdin="ben's long passphrase\n", data_dir=data)
    assert result.returncode == 0, result.stderr
    assert "2026Q3" in result.stdout
    sheet = load_workbook(out).active
    assert sheet is not None and sheet.title == "2026Q3"
    words = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(w.startswith("Counts from 1 to 4 are shown as") for w in words)  # the rule


def test_a_bad_period_is_one_line_before_any_passphrase(tmp_path: Path) -> None:
    out = tmp_path / "q5.csv"
    result = intake("report", "--period", "2026Q5", "--format", "csv", "--out", str(out),
                    "--user", "ben", data_dir=tmp_path / "nothing")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "Q1, Q2, Q3 or Q4" in result.stderr
    assert not out.exists()
