"""Why a spreadsheet form was refused, in the UI language.

The domain words each reason in English (domain/protocol/xlsform/refusals.py REASONS, what the
CLI prints); the app looks that English template up as a Qt translation, as ui/i18n.error_text
does for errors, and fills in the detail (a column, an expression, a number) as the form has it.
"""

from __future__ import annotations

from intake_app.domain.protocol.xlsform.refusals import REASONS
from intake_app.errors import XlsFormRefused
from intake_app.ui.i18n import tr

CTX = "XlsFormRefusals"  # in errors_es.ts, keyed by the English template
SCREEN = "AgencyAdmin"  # the Protocols tab's own sentences around the reason


def refusal_problem(err: XlsFormRefused) -> str:
    """The reason in the UI language; the domain's English when the code or detail is unknown."""
    template = REASONS.get(err.reason)
    if template is None:
        return str(err.ids["problem"])
    try:
        return tr(CTX, template).format(detail=err.detail)
    except (KeyError, IndexError, ValueError):  # a translation with a broken field: English
        return str(err.ids["problem"])


def refusal_text(err: XlsFormRefused) -> str:
    """What the Protocols tab says of a refused form: the file, where, why, and what to do."""
    # The sheet and row first: where the admin has to look in the spreadsheet.
    return "\n".join((
        tr(SCREEN, "{file} cannot be used as an interview guide. Nothing was"
           " installed.").format(file=err.ids["file"]),
        tr(SCREEN, "Sheet “{sheet}”, row {row}: {problem}.").format(
            sheet=err.sheet, row=err.row, problem=refusal_problem(err)),
        tr(SCREEN, "Correct that row in the spreadsheet, save it, and import it again"
           " (reason code: {reason}).").format(reason=err.reason)))
