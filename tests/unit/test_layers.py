"""The direction of dependency: the core never imports Qt; the UI never touches SQL directly."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE = ["intake_app.domain", "intake_app.storage", "intake_app.sync", "intake_app.services"]


def _modules(package: str) -> list[str]:
    folder = ROOT / package.replace(".", "/")
    found = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts)
        for p in folder.rglob("*.py")
        if p.name != "__init__.py"
    )
    return [*found, package]


@pytest.mark.parametrize("package", CORE)
def test_core_packages_import_without_qt(package: str) -> None:
    modules = _modules(package)
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_ui_never_imports_storage_sqlcipher_or_sockets() -> None:
    offenders = {
        str(p.relative_to(ROOT)): sorted(
            n
            for n in _imports(p)
            if n.startswith(
                ("sqlcipher3", "sqlite3", "intake_app.storage", "socket", "http.client", "httpx")
            )
        )
        for p in (ROOT / "intake_app" / "ui").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_domain_imports_no_sql() -> None:
    offenders = {
        str(p.relative_to(ROOT)): sorted(
            n for n in _imports(p) if n.startswith(("sqlcipher3", "sqlite3", "intake_app.storage"))
        )
        for p in (ROOT / "intake_app" / "domain").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_laptop_app_never_loads_plain_sqlite3() -> None:
    """The installer leaves sqlite3 out (build.spec); the relay's store is the only user of it."""
    code = (
        "import importlib, pkgutil, sys\n"
        "import intake_app\n"
        "for m in pkgutil.walk_packages(intake_app.__path__, 'intake_app.'):\n"
        "    if m.name.startswith('intake_app.sync.relay') or m.name.endswith('__main__'):\n"
        "        continue\n"
        "    importlib.import_module(m.name)\n"
        "print('sqlite3' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "False"
