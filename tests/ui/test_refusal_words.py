"""Every reason an XLSForm is refused reads in Spanish in the Spanish UI, around the form's own
detail as the form has it; English (and the CLI) keep the domain's words."""

from __future__ import annotations

import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake_app.domain.protocol.xlsform import import_xlsform
from intake_app.domain.protocol.xlsform.refusals import REASONS, refusal
from intake_app.errors import XlsFormRefused
from intake_app.ui import i18n
from intake_app.ui.admin.refusal_words import CTX, refusal_problem
from tests.ui.test_translations import TRANSLATIONS, load_ts

SPANISH = load_ts(TRANSLATIONS / "errors_es.ts")
FORMS = Path(__file__).resolve().parents[1] / "data" / "xlsforms"
_ECHO = {code for code, template in REASONS.items() if template == "{detail}"}  # words elsewhere
_QUOTING = sorted(code for code, template in REASONS.items()
                  if "{detail" in template and code not in _ECHO)


def _fields(template: str) -> list[tuple[str, str | None]]:
    """The replacement fields with their conversions ({detail!r} is not {detail})."""
    return sorted((name, conv) for _, name, _, conv in string.Formatter().parse(template)
                  if name is not None)


@pytest.fixture
def spanish(qapp: Any) -> Iterator[None]:
    i18n.set_language("es")
    try:
        yield
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("code", sorted(REASONS))
def test_every_reason_code_has_spanish_with_the_same_fields(code: str) -> None:
    template = REASONS[code]
    es = SPANISH.get((CTX, template))
    assert es, f"no Spanish for the refusal {code!r}: add it to errors_es.ts ({CTX})"
    assert _fields(es) == _fields(template)
    assert es.format(detail="x")  # braces escaped as in the English ({{ and }})
    assert code in _ECHO or es != template


def test_errors_ts_has_no_refusal_words_the_domain_dropped() -> None:
    stale = sorted(src for ctx, src in SPANISH if ctx == CTX and src not in REASONS.values())
    assert not stale, f"refusal words no longer in refusals.py: {stale}"


def test_a_corpus_refusal_reads_in_spanish_and_keeps_the_forms_operator(spanish: None) -> None:
    with pytest.raises(XlsFormRefused) as caught:
        import_xlsform((FORMS / "no_relevant_order.xlsx").read_bytes(), "no_relevant_order.xlsx")
    err = caught.value
    assert err.reason == "relevant_order" and err.detail == ">"
    assert refusal_problem(err) == (
        "la comparación > no se puede aplicar: la condición para mostrar una pregunta solo"
        " comprueba si la respuesta es, o no es, uno de los valores dados")
    assert "cannot be honoured" in str(err)  # the CLI's one line stays the domain's English


_DETAIL = st.text(st.characters(codec="utf-8"), max_size=200)


@settings(max_examples=200, deadline=None)
@given(code=st.sampled_from(_QUOTING), detail=_DETAIL)
def test_any_detail_is_kept_as_the_form_has_it_in_either_language(
    qapp: Any, code: str, detail: str
) -> None:
    """Braces, quotes or a long expression in the cell: never a broken sentence, never lost."""
    err = refusal("form.xlsx", "survey", 2, code, detail)
    shown = err.detail if "{detail!r}" not in REASONS[code] else repr(err.detail)
    i18n.set_language("es")
    try:
        es = refusal_problem(err)
    finally:
        i18n.set_language("en")
    assert shown in es and es != err.ids["problem"]
    assert refusal_problem(err) == err.ids["problem"]  # English: the domain's own sentence
