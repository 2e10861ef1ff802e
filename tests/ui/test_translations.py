"""Every visible string has Spanish; .qm files are compiled from the .ts; placeholders agree."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "intake_app" / "ui"
TRANSLATIONS = ROOT / "resources" / "translations"
LRELEASE = ROOT / ".venv" / "bin" / "pyside6-lrelease"
SHELL_MODULES = ("app", "worker", "i18n", "firstrun", "unlock", "recovery", "mainwindow", "caselist",
                 "case_table", "caseview", "case_answers", "case_interviews", "case_consents",
                 "case_notes", "case_attachments", "image_preview",
                 "case_activity", "case_identity", "case_area", "first_run_flow", "unlock_flow",
                 "session_jobs", "lock_flow", "main_actions", "policy_watch", "consent_flow",
                 "quit_guard", "tables", "locking", "theme", "screenshots", "case_consent_lists",
                 "case_conflicts", "case_hold", "reports/task_force",
                 "reports/supervision")
# The admin screens (ui/admin/): checked for literal visible strings like the shell's modules.
ADMIN_MODULES = ("admin/page", "admin/agency_card", "admin/partners", "admin/policy_editor",
                 "admin/enrol_export", "admin/common", "admin/join", "admin/backups",
                 "admin/protocol_choices", "admin/interview_languages", "admin/protocols",
                 "admin/refusal_words",
                 "backup_feature")
# The sharing screens (ui/sync/): the same check.
SYNC_MODULES = ("sync/words", "sync/jobs", "sync/status", "sync/controller", "sync/feature",
                "sync/fields_view", "sync/share_dialog", "sync/partner_view", "sync/sharing_page")
_MARKERS = {"tr", "noop", "translate", "QT_TRANSLATE_NOOP"}
_PLACEHOLDER = re.compile(r"%\d+|%n|\{[a-z_]*\}")
# Calls whose string arguments a person reads: each must be a translation call, not a literal.
_VISIBLE_SETTERS = {"setText", "setWindowTitle", "setPlaceholderText", "setToolTip",
                    "setAccessibleName", "setTabText", "setItemText", "showMessage", "addItem",
                    "setHorizontalHeaderLabels", "QLabel", "QPushButton", "QCheckBox", "QAction",
                    "setStatusTip", "setTitle"}
# Literals allowed in a visible place: language names in themselves, symbols, the brand.
_ALLOWED_LITERALS = {"English", "Español", "••••", ""}

Message = tuple[str | None, str]  # (context or None when the call gives none, source)


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _const(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _module_constants(tree: ast.Module) -> dict[str, str]:
    """Module-level NAME = "text" assignments (a context kept in a constant, e.g. CTX)."""
    out: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], _const(node.value)
            if isinstance(target, ast.Name) and value is not None:
                out[target.id] = value
    return out


def _calls_by_class(tree: ast.Module) -> Iterator[tuple[str | None, ast.Call]]:
    """Every call in the module with the name of the class whose body holds it (None: none)."""
    def visit(node: ast.AST, cls: str | None) -> Iterator[tuple[str | None, ast.Call]]:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.ClassDef) else cls
            if isinstance(child, ast.Call):
                yield cls, child
            yield from visit(child, inner)
    yield from visit(tree, None)


def extract(path: Path) -> Iterator[Message]:
    """(context, source) of every translate/tr/noop call with literal arguments in `path`.

    `self.tr("...")` inside a class is looked up by Qt under that class's name, so that is its
    context here too: a string moved to another class needs its translation there.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = _module_constants(tree)
    for cls, node in _calls_by_class(tree):
        if _name(node.func) not in _MARKERS:
            continue
        args = [
            constants.get(a.id) if isinstance(a, ast.Name) else _const(a) for a in node.args[:2]
        ]
        if len(args) == 2 and args[0] is not None and args[1] is not None:
            yield args[0], args[1]
        elif isinstance(node.func, ast.Attribute) and node.func.attr == "tr" and args and args[0]:
            yield cls, args[0]  # self.tr("..."): the class is the context


def ui_files() -> list[Path]:
    return sorted(UI.rglob("*.py"))


def shell_messages() -> set[Message]:
    from intake_app.ui.shortcuts import SHORTCUTS

    found = {m for name in SHELL_MODULES if (UI / f"{name}.py").exists()
             for m in extract(UI / f"{name}.py")}
    return found | {("Shortcuts", s.label) for s in SHORTCUTS}


def load_ts(path: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) -> translation, None when missing or unfinished."""
    out: dict[tuple[str, str], str | None] = {}
    for ctx in ET.parse(path).getroot().iter("context"):
        ctx_name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            source = msg.findtext("source") or ""
            tr = msg.find("translation")
            done = tr is not None and tr.get("type") not in ("unfinished", "obsolete", "vanished")
            out[(ctx_name, source)] = (tr.text or "") if done and tr is not None else None
    return out


def all_spanish() -> dict[tuple[str, str], str | None]:
    merged: dict[tuple[str, str], str | None] = {}
    for ts in sorted(TRANSLATIONS.glob("*_es.ts")):
        merged.update(load_ts(ts))
    return merged


def test_every_visible_string_has_spanish():
    spanish = all_spanish()
    by_source = {src: t for (_ctx, src), t in spanish.items() if t}
    messages = {m for f in ui_files() for m in extract(f)} | shell_messages()
    missing = sorted(
        f"{ctx or '?'}: {src!r}" for ctx, src in messages
        if not (spanish.get((ctx, src)) if ctx is not None else by_source.get(src))
    )
    assert not missing, "no Spanish for:\n" + "\n".join(missing)


def test_placeholders_match():
    bad = []
    for (ctx, src), t in all_spanish().items():
        if t and sorted(_PLACEHOLDER.findall(src)) != sorted(_PLACEHOLDER.findall(t)):
            bad.append(f"{ctx}: {src!r} -> {t!r}")
    assert not bad, "\n".join(bad)


def test_shell_ts_has_nothing_stale():
    current = shell_messages()
    stale = [k for k in load_ts(TRANSLATIONS / "shell_es.ts") if k not in current]
    assert not stale, f"strings no longer in the code: {stale}"


@pytest.mark.parametrize("ts", sorted(TRANSLATIONS.glob("*_es.ts")), ids=lambda p: p.name)
def test_qm_is_compiled_from_the_current_ts(ts: Path, tmp_path: Path):
    if not LRELEASE.exists():
        pytest.skip("pyside6-lrelease not installed")
    qm = ts.with_suffix(".qm")
    assert qm.exists(), f"{qm.name} missing: run pyside6-lrelease {ts.name}"
    fresh = tmp_path / qm.name
    subprocess.run([str(LRELEASE), "-silent", str(ts), "-qm", str(fresh)], check=True)
    assert fresh.read_bytes() == qm.read_bytes(), f"{qm.name} is stale: run pyside6-lrelease"


def _literal_visible_strings(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or _name(node.func) not in _VISIBLE_SETTERS:
            continue
        position = 1 if _name(node.func) in ("setTabText", "setItemText") else 0
        for arg in node.args[position : position + 1]:
            values = arg.elts if isinstance(arg, ast.List | ast.Tuple) else [arg]
            for v in values:
                text = _const(v)
                if text is not None and text not in _ALLOWED_LITERALS:
                    yield f"{path.name}:{node.lineno}: {text!r}"


def test_no_literal_user_visible_string_outside_tr():
    offenders = [hit for name in SHELL_MODULES + ADMIN_MODULES + SYNC_MODULES
                 if (UI / f"{name}.py").exists()
                 for hit in _literal_visible_strings(UI / f"{name}.py")]
    assert not offenders, "\n".join(offenders)


def test_ts_files_are_well_formed_for_linguist():
    for ts in TRANSLATIONS.glob("*.ts"):
        root = ET.parse(ts).getroot()
        assert root.tag == "TS" and root.get("language", "").startswith("es")
    assert shutil.which(str(LRELEASE)) or not LRELEASE.exists()
