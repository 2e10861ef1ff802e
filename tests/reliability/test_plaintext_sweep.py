"""No plaintext on disk: a planted name never appears in any file, while a plain SQLite control leaks it."""

from __future__ import annotations

import secrets
import sqlite3
import tempfile
from pathlib import Path

from intake_app.domain.answers import Answer
from intake_app.domain.case import Identity
from intake_app.services import cases as case_svc
from intake_app.services import interviews as iv_svc
from intake_app.services.session import Session
from intake_app.storage.selftest import files_containing, files_under


def _canary() -> str:
    # Synthetic and unique: it cannot be in any file by chance.
    return f"Zyxwq{secrets.token_hex(6)}"


def _exercise(session: Session, canary: str) -> None:
    """Write, edit, delete and vacuum with the canary everywhere a person's words can go."""
    keep = case_svc.create_case(session, preferred_name=f"{canary} preferred")
    case_svc.update_identity(session, keep.id, Identity(legal_name=f"{canary} legal", contact="x"))
    note = case_svc.add_note(session, keep.id, f"note about {canary}")
    case_svc.edit_note(session, note, f"edited note about {canary} again")
    iv = iv_svc.start_interview(session, keep.id, "advocate_intake", "1.1", "en")
    iv_svc.record_answer(session, iv.id, "story", Answer.of(f"{canary} said this"))
    assert case_svc.list_cases(session, canary)  # the search index holds it too
    gone = case_svc.create_case(session, preferred_name=f"{canary} to delete")
    case_svc.add_note(session, gone.id, f"{canary} deleted note")
    case_svc.delete_case(session, gone.id)
    session.db.vacuum()


def test_no_file_in_the_data_or_temp_dir_holds_the_name(session: Session) -> None:
    canary = _canary()
    temp_before = set(files_under(Path(tempfile.gettempdir())))
    _exercise(session, canary)
    session.close()
    data_dir = session.workspace.data_dir
    assert sorted(p.name for p in data_dir.iterdir() if p.is_file())  # something was written
    assert files_containing(data_dir, canary.encode()) == []
    assert files_containing(data_dir, canary.encode("utf-16-le")) == []
    temp_hits = [
        p
        for p in files_containing(Path(tempfile.gettempdir()), canary.encode())
        if p not in temp_before
    ]
    assert temp_hits == []


def test_the_sweep_finds_the_name_in_a_plain_sqlite_control(tmp_path: Path) -> None:
    canary = _canary()
    conn = sqlite3.connect(tmp_path / "control.db")
    conn.execute("CREATE TABLE cases (name TEXT)")
    conn.execute("INSERT INTO cases VALUES (?)", (f"{canary} preferred",))
    conn.commit()
    conn.close()
    assert files_containing(tmp_path, canary.encode()) == [tmp_path / "control.db"]
