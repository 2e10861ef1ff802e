"""Change notices are typed: every kind a screen listens for is one some job emits, and back."""

from __future__ import annotations

import re
from pathlib import Path

from intake_app.ui.worker import ChangeKind

UI = Path(__file__).resolve().parents[2] / "intake_app" / "ui"
SOURCE = {p: p.read_text(encoding="utf-8") for p in UI.rglob("*.py")}


def test_every_kind_is_emitted_by_some_job() -> None:
    emitted = {m for text in SOURCE.values()
               for m in re.findall(r"Change\(ChangeKind\.([A-Z_]+)", text)}
    emitted |= {m for text in SOURCE.values()
                for m in re.findall(r"changed\.emit\(ChangeKind\.([A-Z_]+)", text)}
    assert emitted == {k.name for k in ChangeKind}


def test_nobody_emits_or_listens_with_a_bare_string() -> None:
    bare = [f"{p.name}: {m}" for p, text in SOURCE.items()
            for m in re.findall(r'Change\("[^"]*"|changed\.emit\("[^"]*"', text)]
    listeners = [f"{p.name}: {m}" for p, text in SOURCE.items()
                 for m in re.findall(r'\bkind (?:==|in) \(?"(?:case|note|interview|answer|'
                                     r'consent|sharing|partner|identity|policy)[^"]*"', text)]
    assert bare == [] and listeners == []
