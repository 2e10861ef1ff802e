"""CSV: the report's lines as rows, UTF-8 with a byte-order mark so spreadsheets read accents."""

from __future__ import annotations

import csv
import io

from intake_app.domain.reporting.tables import PublishedReport
from intake_app.exports.layout import report_lines


def to_csv(report: PublishedReport, language: str = "en") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for line in report_lines(report, language):
        writer.writerow(line.values)
    return out.getvalue().encode("utf-8-sig")
