"""Synthetic agency-authored protocols (not shipped), as JSON bytes an administrator installs,
and as a spreadsheet form (XLSForm) an administrator imports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ID = "shelter_checkin"  # not a shipped protocol


def _t(text: str) -> dict[str, str]:
    return {"en": text, "es": f"{text} (es)"}


def _q(qid: str, category: str, qtype: str = "short_text", **extra: Any) -> dict[str, Any]:
    d: dict[str, Any] = {"id": qid, "text": _t(f"Question {qid}?"), "note": _t("Why: x. How: y."),
                         "sensitivity": "low", "type": qtype, "category": category,
                         "identifying": False}
    d.update(extra)
    return d


def document(version: str = "1", *, extra_question: bool = False, pid: str = ID) -> bytes:
    """A small bilingual protocol: a needs question, a safety one, an experience one; version 2
    adds a question (`extra_question`)."""
    questions = [_q("needs_today", "needs"), _q("safe_tonight", "safety", "yes_no"),
                 _q("what_happened", "experience", "long_text")]
    if extra_question:
        questions.append(_q("needs_later", "needs"))
    title = {"en": "Shelter check-in", "es": "Registro en el albergue"}
    doc = {"id": pid, "version": version, "title": title,
           "roles": ["advocate", "officer"],
           "sections": [{"id": "main", "title": _t("Check-in"), "questions": questions}]}
    return json.dumps(doc, indent=1).encode("utf-8")


# --- a spreadsheet form ---------------------------------------------------------------------
EN, ES = "label::English (en)", "label::Español (es)"
XLSFORM_ID = "night_shelter"
FORM: dict[str, list[dict[str, str]]] = {
    "survey": [
        {"type": "begin_group", "name": "tonight", EN: "Tonight", ES: "Esta noche"},
        {"type": "select_one yes_no", "name": "safe_tonight",
         EN: "Do you have a safe place to sleep tonight?",
         ES: "¿Tiene un lugar seguro para dormir esta noche?",
         "intake::note::English (en)": "Ask calmly; a no is the answer we most need to hear.",
         "intake::note::Español (es)": "Pregunte con calma; un no es lo que más importa oír.",
         "intake::category": "needs", "intake::danger": "no"},
        {"type": "select_multiple help", "name": "help_now", EN: "What would help most now?",
         ES: "¿Qué le ayudaría más ahora?", "intake::category": "needs"},
        {"type": "text", "name": "anything_else", "appearance": "multiline",
         EN: "Anything else you want us to know?", ES: "¿Algo más que quiera contarnos?"},
        {"type": "end_group"},
    ],
    "choices": [
        {"list_name": "yes_no", "name": "yes", EN: "Yes", ES: "Sí"},
        {"list_name": "yes_no", "name": "no", EN: "No", ES: "No"},
        {"list_name": "help", "name": "bed", EN: "A bed", ES: "Una cama"},
        {"list_name": "help", "name": "food", EN: "Food", ES: "Comida"},
        {"list_name": "help", "name": "phone", EN: "A phone", ES: "Un teléfono"},
    ],
    "settings": [{"form_id": XLSFORM_ID, "version": "1", "form_title": "Night shelter check",
                  "intake::title::English (en)": "Night shelter check",
                  "intake::title::Español (es)": "Revisión de albergue nocturno",
                  "intake::roles": "advocate"}],
}


def write_xlsform(path: Path, version: str = "1") -> Path:
    """A bilingual XLSForm an agency might write (one section, three questions), written with
    openpyxl as scripts/make_xlsform_corpus.py writes its forms."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    form = {**FORM, "settings": [{**FORM["settings"][0], "version": version}]}
    for title, rows in form.items():
        sheet = book.create_sheet(title)
        headers: list[str] = []
        for row in rows:
            headers += [key for key in row if key not in headers]
        sheet.append(headers)
        for row in rows:
            sheet.append([row.get(h) for h in headers])
    book.save(path)
    return path
