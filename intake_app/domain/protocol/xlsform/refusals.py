"""Why an XLSForm is refused: every reason code and its words (the README lists them too).

The words are English, as the CLI says them; the app translates each template by its English
text (ui/admin/refusal_words.py, resources/translations/errors_es.ts), so a new reason needs its
Spanish there too (tests/ui/test_refusal_words.py fails without it).
"""

from __future__ import annotations

from intake_app.errors import XlsFormRefused

# reason code -> the problem in words; {detail} is the offending name, value or expression.
REASONS: dict[str, str] = {
    "unreadable": "the file is not an .xlsx workbook pyxform can read",
    "too_large": "the file is larger than {detail} bytes",
    "xlsform_invalid": "pyxform refuses the form: {detail}",
    "sheet_unsupported": "the sheet {detail} has no counterpart in Field Intake",
    "settings_missing": "the settings sheet needs {detail}",
    "setting_unsupported": "the setting {detail} has no counterpart in Field Intake",
    "column_unsupported": "the column {detail} has no counterpart in Field Intake",
    "intake_column_unknown": "there is no Field Intake column intake::{detail}",
    "intake_value": "{detail}",
    "language_code_missing": "the language {detail} needs its code, as in label::Español (es)",
    "label_reference": "a text cannot show an earlier answer (${{...}}): {detail!r}",
    "type_unsupported": "the question type {detail} cannot be asked in Field Intake",
    "repeat_in_group": "a repeat inside a group: a repeat must stand on its own, where each "
                       "copy becomes a section",
    "repeat_nested": "a group or repeat inside a repeat: protocol sections do not nest",
    "repeat_count": "repeat_count must be a whole number from 1 to 10 (Field Intake asks a "
                    "fixed number of copies), not {detail!r}",  # repeats.MAX_COPIES
    "repeat_name_long": "{detail}, the name of a repeat's copy, is longer than 64 characters",
    "repeat_name_clash": "{detail}, the name of a repeat's copy, is already a name in the form",
    "repeat_fills": "{detail} is in a repeat: intake::fills would have each copy fill the one "
                    "case field",
    "relevant_into_repeat": "the relevant refers to {detail}, which is inside a repeat: only "
                            "questions of the same repeat may refer to it",
    "nested_group": "a group inside a group: protocol sections do not nest",
    "outside_group": "every question must be inside a group (begin_group), which is its section",
    "note_unsupported": "a note can only be the first row of a group (the section's intro)",
    "or_other_unsupported": "or_other adds a hidden text question; add an 'other' choice and a "
                            "text question with a relevant instead",
    "calculate_unsupported": "a calculation cannot be honoured: Field Intake computes no answers",
    "choice_filter_unsupported": "a choice_filter (cascading choices) cannot be honoured",
    "hint_unsupported": "a {detail} on a group or a section's intro is not shown: only questions "
                        "have an interviewer's note",
    "hint_and_note": "both intake::note and {detail} are given: keep one as the interviewer's "
                     "note (which should be read is not clear)",
    "hint_languages": "the hint and guidance_hint are not in the same languages (see {detail}): "
                      "the note in each language needs both",
    "default_unsupported": "a default answer cannot be honoured: nothing is answered for the "
                           "person",
    "read_only_unsupported": "read_only cannot be honoured: every question can be answered",
    "media_unsupported": "images, audio and video in a form cannot be shown yet",
    "appearance_unsupported": "the appearance {detail} cannot be honoured for this question",
    "required_expression": "required must be yes or no: every question is asked when shown and "
                           "every answer may be declined",
    "expression_syntax": "the expression is outside the supported subset near {detail!r}",
    "expression_function": "the function {detail}() is not supported (only selected and not)",
    "expression_compare_two": "{detail} must compare one ${{question}} with one value",
    "expression_too_deep": "the expression nests parentheses more than {detail} deep",
    "relevant_self": "the relevant of {detail} refers to the question itself",
    "relevant_later": "the relevant refers to {detail}, which comes later in the form",
    "relevant_unknown": "the relevant refers to {detail}, which is no question of this form",
    "relevant_order": "the comparison {detail} cannot be honoured: show-if tests only that an "
                      "answer is, or is not, one of given values",
    "relevant_compare_multiple": "{detail} allows several answers: use selected(${{{detail}}}, "
                                 "'value') instead of = or !=",
    "relevant_selected_open": "selected() needs a choice question, and {detail} is not one",
    "relevant_not_selected_multiple": "not(selected()) on {detail}, which allows several answers, "
                                      "cannot be honoured",
    "relevant_not_equal_open": "!= or not() on {detail}, whose answers are not a fixed list, "
                               "cannot be honoured",
    "relevant_value_unknown": "the value {detail} is not one of the question's choices",
    "relevant_value_type": "{detail} is not a number, and the question asks for a number",
    "relevant_unanswered": "${{{detail}}} = '' (no answer) cannot be honoured: show-if can only "
                           "test that an answer is there",
    "relevant_never": "the condition on {detail} could never be true",
    "protocol_invalid": "{detail}",
    "constraint_function": "the function {detail}() cannot be checked in a constraint (only "
                           "string-length(.) and not)",
    "constraint_other_question": "a constraint tests only the answer itself (.), not "
                                 "${{{detail}}}: use a relevant on another question instead",
    "constraint_selected": "selected() in a constraint cannot be checked: a multiple choice has "
                           "no checks",
}
_MAX_DETAIL = 120  # a detail is form text (a name, an expression), never case data; keep it short


def refusal(file: str, sheet: str, row: int, reason: str, detail: str = "") -> XlsFormRefused:
    """The error for one refused construct; `reason` must be a key of REASONS."""
    detail = " ".join(detail.split())  # one line, whatever the cell held
    if len(detail) > _MAX_DETAIL:
        detail = detail[: _MAX_DETAIL - 3] + "..."
    problem = REASONS[reason].format(detail=detail)
    return XlsFormRefused(file=file, sheet=sheet, row=row, reason=reason, problem=problem,
                          detail=detail)
