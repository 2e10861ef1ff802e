"""Add or update Spanish translations in resources/translations/*.ts, then compile the .qm files.

Usage: scripts/tr_add.py < lines.tsv, one message per line, tab-separated:
    FILE (e.g. interview_es.ts)    CONTEXT    ENGLISH SOURCE    SPANISH TRANSLATION
`--remove` takes FILE, CONTEXT and SOURCE and drops the message. Without input, it only
recompiles every .qm from its .ts (what the suite checks). The files are edited as text, in
Qt Linguist's own layout, so a change shows as the lines it adds and nothing else.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape, unescape

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
LRELEASE = ROOT / ".venv" / "bin" / "pyside6-lrelease"
_CONTEXT = re.compile(r"<context>\s*<name>(?P<name>.*?)</name>.*?</context>\n", re.S)
_MESSAGE = re.compile(r"    <message>\n.*?</message>\n", re.S)
_SOURCE = re.compile(r"<source>(.*?)</source>", re.S)
_ENTITIES = {"&apos;": "'", "&quot;": '"'}


def _xml(text: str) -> str:
    return escape(text, {"'": "&apos;", '"': "&quot;"})


def _block(source: str, translation: str) -> str:
    return (f"    <message>\n        <source>{_xml(source)}</source>\n"
            f"        <translation>{_xml(translation)}</translation>\n    </message>\n")


def _same(xml_text: str, plain: str) -> bool:
    return unescape(xml_text, _ENTITIES) == plain


def _edit(text: str, context: str, source: str, translation: str | None) -> str:
    for ctx in _CONTEXT.finditer(text):
        if not _same(ctx.group("name"), context):
            continue
        body = ctx.group(0)
        for msg in _MESSAGE.finditer(body):
            found = _SOURCE.search(msg.group(0))
            if found is not None and _same(found.group(1), source):
                new = "" if translation is None else _block(source, translation)
                body = body[: msg.start()] + new + body[msg.end():]
                break
        else:
            if translation is not None:
                end = body.rindex("</context>")
                body = body[:end] + _block(source, translation) + body[end:]
        return text[: ctx.start()] + body + text[ctx.end():]
    if translation is None:
        return text
    end = text.rindex("</TS>")
    new_ctx = f"<context>\n    <name>{_xml(context)}</name>\n{_block(source, translation)}</context>\n"
    return text[:end] + new_ctx + text[end:]


def apply(lines: list[str], remove: bool) -> set[Path]:
    changed: dict[Path, str] = {}
    for line in lines:
        if not line.strip():
            continue
        parts = line.rstrip("\n").split("\t")
        path = TRANSLATIONS / parts[0]
        text = changed.get(path) or path.read_text(encoding="utf-8")
        changed[path] = _edit(text, parts[1], parts[2], None if remove else parts[3])
    for path, text in changed.items():
        path.write_text(text, encoding="utf-8")
    return set(changed)


def compile_all() -> None:
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        subprocess.run([str(LRELEASE), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))],
                       check=True)


def main() -> int:
    remove = "--remove" in sys.argv[1:]
    lines = [] if sys.stdin.isatty() else sys.stdin.read().splitlines()
    changed = apply(lines, remove)
    compile_all()
    for path in sorted(changed):
        print(f"updated {path.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
