"""Bringing in a spreadsheet protocol: our XLSForm import beside pyxform alone, its reference.

For each shipped protocol (exported as the XLSForm an agency would start from) and for a large
synthetic form (400 questions in 20 sections), three figures: pyxform reading and structuring
the workbook (get_xlsform + workbook_to_json, which our import calls first), our whole import
(that, plus the translation and the protocol loader's checks), and loading the same protocol
from its JSON. The import runs on the worker (CLI or admin screen); it only has to feel quick.

Run: `python -m bench.bench_xlsform` (or `make bench`).
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from pyxform.xls2json import workbook_to_json
from pyxform.xls2json_backends import get_xlsform

from bench.common import ms, table
from intake_app.domain.protocol.loading import decode_protocol, load_shipped, parse_protocol
from intake_app.domain.protocol.xlsform import to_xlsform, xlsform_to_protocol_json

RUNS = 7
SECTIONS, PER_SECTION = 20, 20


def _median(fn: Callable[[], object]) -> float:
    fn()  # warm: the first call pays for imports and caches, which neither side should carry
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _pyxform_alone(book: bytes) -> Any:
    return workbook_to_json(get_xlsform(book, file_type=".xlsx"), form_name="data")


def _large() -> dict[str, object]:
    """A synthetic protocol of SECTIONS x PER_SECTION questions, every second one a choice."""
    def text(words: str) -> dict[str, str]:
        return {"en": words, "es": f"{words} (es)"}

    sections = []
    for s in range(SECTIONS):
        questions: list[dict[str, object]] = []
        for q in range(PER_SECTION):
            raw: dict[str, object] = {
                "id": f"q_{s}_{q}", "text": text(f"Question {s}.{q}"), "note": text("Why we ask"),
                "sensitivity": "medium", "type": "short_text", "category": "experience",
                "identifying": False}
            if q % 2:
                raw["type"] = "single_choice"
                raw["options"] = [{"id": f"o{i}", "text": text(f"Option {i}")} for i in range(4)]
            if q % 2 == 0 and q > 0:
                raw["show_if"] = {"question": f"q_{s}_{q - 1}", "in": ["o1", "o2"]}
            questions.append(raw)
        sections.append({"id": f"s_{s}", "title": text(f"Section {s}"), "questions": questions})
    return {"id": "large_form", "version": "1", "title": text("Large form"),
            "roles": ["advocate", "officer"], "sections": sections}


def main() -> None:
    forms = [(p.id, p) for p in load_shipped().values()]
    forms.append(("synthetic, 400 questions", parse_protocol(_large(), "large_form.json")))
    rows = []
    for name, protocol in forms:
        book = to_xlsform(protocol)
        raw, _ = xlsform_to_protocol_json(book, f"{protocol.id}.xlsx")
        document = json.dumps(raw, ensure_ascii=False).encode()
        reference = _median(partial(_pyxform_alone, book))
        ours = _median(partial(xlsform_to_protocol_json, book, f"{protocol.id}.xlsx"))
        from_json = _median(partial(decode_protocol, document, "p.json"))
        rows.append([name, str(len(protocol.questions)), f"{len(book) / 1024:.1f} KiB",
                     ms(reference), ms(ours), f"{ours / reference:.2f}x", ms(from_json)])
    print(table(f"XLSForm import, median of {RUNS} runs",
                ["form", "questions", "workbook", "pyxform alone (reference)", "our import",
                 "ours / reference", "load from JSON"], rows))


if __name__ == "__main__":
    main()
