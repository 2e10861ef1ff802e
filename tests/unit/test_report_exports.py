"""Exports: the XLSX holds the published numbers; no name, case code or free text in any file."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import zipfile
import zlib
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QApplication

from intake_app.domain.answers import Answer
from intake_app.domain.casecode import format_code, new_case_code
from intake_app.domain.protocol import parse_protocol
from intake_app.domain.reporting.combine import to_wire
from intake_app.domain.reporting.facts import (
    AgeGroup,
    CaseFacts,
    ConsentChange,
    ConsentEvent,
    ConsentTopic,
    Gender,
)
from intake_app.domain.reporting.feeds import facts_from_answers
from intake_app.domain.reporting.labels import keys, label, rule_sentence
from intake_app.domain.reporting.periods import parse_period
from intake_app.domain.reporting.reports import (
    ReportPolicy,
    consents_report,
    grant_report,
    layout,
    task_force_report,
)
from intake_app.domain.reporting.suppression import publish
from intake_app.domain.reporting.tables import Hidden, PublishedReport
from intake_app.exports.csv_export import to_csv
from intake_app.exports.xlsx_export import to_xlsx
from intake_app.ui.reports.pdf import to_pdf
from tests.unit.test_report_cases import generated
from tests.unit.test_report_facts import GENDER_QUESTION, with_feeds

ROOT = Path(__file__).resolve().parents[2]
Q3 = parse_period("2026Q3")
PLANTED_NAME = "Zorvelina Plantado"
PLANTED_CODE = format_code(new_case_code())
PLANTED_STORY = "Quimbrasecret farm near the river"


def _planted_case() -> CaseFacts:
    """A case whose facts come from answers holding a name, a case code and free text."""
    protocol = parse_protocol(with_feeds(GENDER_QUESTION, age_range="age_group"), "p.json")
    answers = {
        "preferred_name": Answer.of(PLANTED_NAME),
        "what_brought_you": Answer.of(f"{PLANTED_STORY}, case {PLANTED_CODE}"),
        "gender": Answer.of("woman"),
        "age_range": Answer.of("15_17"),
    }
    facts = facts_from_answers(protocol.questions, answers)
    return CaseFacts(
        key=1_000_000, intake_on=date(2026, 8, 3), counted=True,
        gender=Gender(facts["gender"]), age_group=AgeGroup(facts["age_group"]),
    )


def _reports() -> list[PublishedReport]:
    cases = [*generated(400), _planted_case()]
    events = [ConsentEvent(date(2026, 7, 1 + i % 28), ConsentTopic.REPORTING, ConsentChange.GIVEN) for i in range(9)]
    policy = ReportPolicy()
    return [
        publish(grant_report(cases, Q3, policy)),
        publish(task_force_report(cases, Q3, policy)),
        publish(consents_report(events, Q3)),
    ]


def _pdf_text(data: bytes) -> str:
    """The text Qt drew: decompress the streams, map glyph codes through the ToUnicode map."""
    streams = []
    for match in re.finditer(rb">>\s*stream\r?\n", data):
        end = data.index(b"endstream", match.end())
        body = data[match.end():end]
        try:
            streams.append(zlib.decompress(body))
        except zlib.error:
            streams.append(body)
    glyphs: dict[str, str] = {}
    for s in streams:
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", s, re.S):
            for line in block.strip().splitlines():
                codes = [int(c, 16) for c in re.findall(rb"<([0-9A-F]{4})>", line)]
                if b"[" in line:  # <first> <last> [<u1> <u2> ...]
                    glyphs.update({f"{codes[0] + i:04X}": chr(u) for i, u in enumerate(codes[2:])})
                else:  # <first> <last> <u>: consecutive
                    glyphs.update({f"{codes[0] + i:04X}": chr(codes[2] + i) for i in range(codes[1] - codes[0] + 1)})
    text = []
    for s in streams:
        if b" Tj" in s:
            text += [glyphs.get(code.decode(), "?") for code in re.findall(rb"<([0-9A-F]{4})> Tj", s)]
    return _flat("".join(text))


def _flat(text: str) -> str:
    """Text without spaces (Qt draws none: it moves) and without the fi/fl ligatures."""
    return re.sub(r"\s", "", text.replace("\ufb01", "fi").replace("\ufb02", "fl"))


def _all_text(fmt: str, data: bytes) -> list[bytes]:
    """Every form in which a word could sit in the file: raw, and decompressed parts."""
    if fmt == "xlsx":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return [data, *(z.read(n) for n in z.namelist())]
    if fmt == "pdf":
        text = _pdf_text(data).encode("utf-8")
        inflated = []
        for match in re.finditer(rb"stream\r?\n", data):
            try:
                inflated.append(zlib.decompressobj().decompress(data[match.end():]))
            except zlib.error:
                continue
        return [data, text, *inflated]
    return [data]


def _needles() -> list[bytes]:
    words = [PLANTED_NAME, *PLANTED_NAME.split(), PLANTED_CODE, PLANTED_CODE.replace("-", ""),
             "Quimbrasecret", "1000000"]  # the last: the planted case's internal key
    out = []
    for w in words:
        out += [w.encode("utf-8"), w.encode("utf-16-le"), w.encode("utf-16-be"),
                w.replace(" ", "").encode("utf-8")]
    return out


@pytest.fixture(scope="module")
def exports(qapp: QApplication) -> dict[str, bytes]:
    assert qapp is not None
    files: dict[str, bytes] = {}
    for report in _reports():
        for language in ("en", "es"):
            files[f"{report.kind}.{language}.csv"] = to_csv(report, language)
            files[f"{report.kind}.{language}.xlsx"] = to_xlsx(report, language)
            files[f"{report.kind}.{language}.pdf"] = to_pdf(report, language)
        files[f"{report.kind}.json"] = json.dumps(to_wire(report), ensure_ascii=False).encode("utf-8")
    return files


def test_no_name_code_or_free_text_in_any_export(exports: dict[str, bytes]) -> None:
    for name, data in exports.items():
        fmt = name.rsplit(".", 1)[1]
        for part in _all_text(fmt, data):
            for needle in _needles():
                assert needle not in part, f"{needle!r} in {name}"
    # The sweep can see text at all: the title and the rule are readable in each format.
    pdf = _pdf_text(exports["grant.es.pdf"])
    assert "Personasatendidas:género" in pdf and "<5" in pdf
    xlsx = b"".join(_all_text("xlsx", exports["grant.en.xlsx"]))
    assert b"Clients served: gender" in xlsx
    assert "Femenino" in exports["grant.es.csv"].decode("utf-8-sig")


def test_the_xlsx_holds_the_published_numbers_markers_and_rule(exports: dict[str, bytes]) -> None:
    grant = _reports()[0]
    sheet = load_workbook(io.BytesIO(exports["grant.en.xlsx"])).active
    assert sheet is not None
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    start = rows.index([label("grant.gender", "en"), *([None] * (len(rows[0]) - 1))])
    table = grant.table("grant.gender")
    for offset, key in enumerate(table.rows):
        row = rows[start + 2 + offset]
        value = table.cells[offset][0]
        assert row[0] == label(key, "en")
        assert row[1] == ("<5" if value is Hidden.SMALL else "*" if isinstance(value, Hidden) else value)
    total_row = rows[start + 2 + len(table.rows)]
    assert total_row[:2] == ["Total", table.grand_total]
    assert rows[start + 3 + len(table.rows)][0] == rule_sentence(grant, "en")
    numbers = [r[1] for r in rows[start + 2 : start + 2 + len(table.rows)] if isinstance(r[1], int)]
    if not any(isinstance(c[0], Hidden) for c in table.cells):
        assert sum(numbers) == table.grand_total  # counts are numbers a spreadsheet can add


def test_every_table_in_every_format_carries_the_rule_sentence(exports: dict[str, bytes]) -> None:
    for report in _reports():
        for language in ("en", "es"):
            rule = rule_sentence(report, language)
            text = exports[f"{report.kind}.{language}.csv"].decode("utf-8-sig")
            rows = list(csv.reader(io.StringIO(text)))
            shown = [t for t in report.tables if not t.withheld]
            assert sum(1 for r in rows if r == [rule]) == len(shown)
            pdf = _pdf_text(exports[f"{report.kind}.{language}.pdf"])
            assert pdf.count(_flat(rule)) == len(shown)


def test_every_report_key_has_words_in_both_languages() -> None:
    for kind in ("grant", "task_force", "consents"):
        for table_id, rows, columns in layout(kind, Q3):
            for key in (kind, table_id, *rows, *columns):
                assert label(key, "en") and label(key, "es")
                assert label(key, "en") != key or key.isdigit()
    assert {"rule", "withheld", "total"} <= keys()


def test_the_exporters_load_without_qt() -> None:
    code = ("import sys, intake_app.exports.csv_export, intake_app.exports.xlsx_export, "
            "intake_app.domain.reporting.combine; print(any(m.startswith('PySide6') for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
