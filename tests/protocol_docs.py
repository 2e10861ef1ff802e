"""Synthetic agency-authored protocols (not shipped), as JSON bytes an administrator installs."""

from __future__ import annotations

import json
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
