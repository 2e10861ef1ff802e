"""Write tests/data/xlsforms/: small XLSForms, one per supported or refused construct.

    .venv/bin/python scripts/make_xlsform_corpus.py

Each form is written from the tables below with openpyxl, and expected.json says what importing
it must give: "ok", or the sheet, row and reason of its refusal. The .xlsx files are committed
so the tests read real spreadsheets (as an agency's would arrive), and this script is the one
place they come from: change a case here and run it again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "xlsforms"
EN, ES = "label::English (en)", "label::Spanish (es)"
SETTINGS = {"form_id": "demo", "version": "1", "form_title": "Demo form"}
CHOICES = [
    {"list_name": "colour", "name": "red", EN: "Red", ES: "Rojo"},
    {"list_name": "colour", "name": "blue", EN: "Blue", ES: "Azul"},
    {"list_name": "colour", "name": "green", EN: "Green", ES: "Verde"},
    {"list_name": "yes_no", "name": "yes", EN: "Yes", ES: "Sí"},
    {"list_name": "yes_no", "name": "no", EN: "No", ES: "No"},
    {"list_name": "one", "name": "only", EN: "Only", ES: "Única"},
] + [{"list_name": "ages", "name": n, EN: n, ES: n}
     for n in ("under_12", "12_14", "15_17", "18_24", "25_34", "35_plus")]


def q(qtype: str, name: str, **cells: str) -> dict[str, str]:
    return {"type": qtype, "name": name, EN: f"{name} (en)", ES: f"{name} (es)", **cells}


# Rows 2-7 of every form made by `tested`: row 8 is the row under test, row 9 ends the group.
BASE = [
    {"type": "begin_group", "name": "s1", EN: "Section", ES: "Sección"},
    q("select_one colour", "colour"),
    q("select_multiple colour", "colours"),
    q("text", "story"),
    q("integer", "count"),
    q("select_one yes_no", "agreed"),
]
END = {"type": "end_group"}


def tested(row: dict[str, str], *after: dict[str, str]) -> dict[str, Any]:
    return {"survey": [*BASE, row, *after, END]}


def relevant(expression: str) -> dict[str, Any]:
    return tested(q("text", "follow_up", relevant=expression))


def refused(sheet: str, row: int, reason: str) -> dict[str, Any]:
    return {"sheet": sheet, "row": row, "reason": reason}


# A form in a third language, with two of the person's-screen lines in it (ok_person_words).
FR = "label::Français (fr)"
PERSON_FR = {"intake::person::may_skip::Français (fr)": "Vous pouvez passer cette question.",
             "intake::person::thank_you::Français (fr)": "Merci de votre temps."}
OK = {"ok": True}
# A repeat of perpetrators, three copies, with a question shown on a sibling's answer; the
# name is identifying (identity), perp_known is safety, the rest experience.
REPEAT = [
    {"type": "begin_repeat", "name": "perp", EN: "Perpetrator", ES: "Agresor",
     "repeat_count": "3"},
    q("text", "perp_name"),
    q("select_one yes_no", "perp_known", **{"intake::category": "safety"}),
    q("text", "perp_how", relevant="${perp_known} = 'yes'"),
    {"type": "end_repeat"},
]
CASES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    # --- supported ---------------------------------------------------------------------------
    "ok_minimal": ({"survey": [BASE[0], q("text", "story"), END]}, OK),
    "ok_types": (tested(q("text", "long", appearance="multiline"),
                        q("text", "spoken", **{"intake::type": "language"}),
                        q("decimal", "amount"), q("date", "when", appearance="month-year"),
                        q("select_one ages", "age_group"),
                        q("select_one colour", "pick", appearance="minimal")), OK),
    "ok_identifying_defaults": ({"survey": [BASE[0], q("text", "full_name"),
                                            q("date", "date_of_birth"), q("text", "phone_number"),
                                            q("text", "home_address"),
                                            q("text", "current_location"), END]}, OK),
    "ok_metadata": (tested(q("select_one colour", "favourite", **{
        "intake::note::English (en)": "Ask gently.", "intake::note::Spanish (es)": "Con calma.",
        "intake::sensitivity": "low", "intake::category": "needs", "intake::identifying": "no",
        "intake::roles": "advocate", "intake::danger": "red",
        "intake::indicator": "threats: red blue"}),
        q("integer", "age", **{"intake::age": "yes", "intake::feeds": "age_group"}),
        q("text", "called", **{"intake::fills": "preferred_name"})), OK),
    "ok_relevant": (tested(
        q("text", "r_equals", relevant="${colour} = 'red'"),
        q("text", "r_not_equal", relevant="${colour} != 'red'"),
        q("text", "r_selected", relevant="selected(${colours}, 'blue')"),
        q("text", "r_selected_one", relevant="selected(${colour}, 'blue')"),
        q("text", "r_and_or", relevant="(${agreed} = 'yes' and ${count} = 3) or "
                                       "${story} = 'none'"),
        q("text", "r_not", relevant="not(${agreed} = 'yes' or ${colour} = 'red')"),
        q("text", "r_flipped", relevant="'yes' = ${agreed}"),
        q("text", "r_in", relevant="${colour} = 'red' or ${colour} = 'blue'")), OK),
    "ok_group_relevant": ({"survey": [*BASE, END, {"type": "begin_group", "name": "s2", EN: "Two",
                                                  ES: "Dos", "relevant": "${agreed} = 'yes'"},
                                      q("text", "later", relevant="${colour} = 'red'"), END]}, OK),
    "ok_required_and_intro": ({"survey": [BASE[0], q("note", "intro"),
                                          q("text", "story", required="yes"), END]}, OK),
    "ok_titles_by_language": ({"survey": [BASE[0], q("text", "story"), END],
                               "settings": {"form_id": "demo", "version": "2",
                                            "intake::title::English (en)": "Intake",
                                            "intake::title::Español (es)": "Entrevista",
                                            "intake::roles": "officer"}}, OK),
    "ok_default_language": ({"survey": [
        {"type": "begin_group", "name": "s1", "label": "Section", ES: "Sección"},
        {"type": "text", "name": "story", "label": "Story", ES: "Historia"}, END],
        "settings": {**SETTINGS, "default_language": "English (en)"}}, OK),
    # --- refused: columns and types ----------------------------------------------------------
    "no_constraint": (tested(q("text", "n", constraint="regex(., '^[0-9]+$')")),
                      refused("survey", 8, "constraint_function")),
    "no_calculate": (tested({"type": "calculate", "name": "c", "calculation": "1 + 1"}),
                     refused("survey", 8, "calculate_unsupported")),
    "no_choice_filter": (tested(q("select_one colour", "c", choice_filter="name = 'red'")),
                         refused("survey", 8, "choice_filter_unsupported")),
    "no_default": (tested(q("text", "d", default="x")),
                   refused("survey", 8, "default_unsupported")),
    "no_read_only": (tested(q("text", "d", read_only="yes")),
                     refused("survey", 8, "read_only_unsupported")),
    "no_media": (tested(q("text", "d", image="a.png")), refused("survey", 8, "media_unsupported")),
    "no_unknown_column": (tested(q("text", "d", colour_hint="x")),
                          refused("survey", 8, "column_unsupported")),
    "no_appearance": (tested(q("select_one colour", "d", appearance="likert")),
                      refused("survey", 8, "appearance_unsupported")),
    "no_required_expression": (tested(q("text", "d", required="${agreed} = 'yes'")),
                               refused("survey", 8, "required_expression")),
    "no_required_message": (tested(q("text", "d", required="yes", required_message="Please")),
                            refused("survey", 8, "column_unsupported")),
    "no_geopoint": (tested(q("geopoint", "where_now")), refused("survey", 8, "type_unsupported")),
    "no_image": (tested(q("image", "photo")), refused("survey", 8, "type_unsupported")),
    "no_range": (tested(q("range", "d")), refused("survey", 8, "type_unsupported")),
    "no_rank": (tested(q("rank colour", "d")), refused("survey", 8, "type_unsupported")),
    "no_metadata": (tested({"type": "start", "name": "start"}),
                    refused("survey", 8, "type_unsupported")),
    "no_or_other": (tested(q("select_one colour or_other", "d")),
                    refused("survey", 8, "or_other_unsupported")),
    "no_repeat": (tested({"type": "begin_repeat", "name": "events", EN: "E", ES: "E"},
                         q("text", "what"), {"type": "end_repeat"}),
                  refused("survey", 8, "repeat_in_group")),
    "no_nested_group": (tested({"type": "begin_group", "name": "inner", EN: "I", ES: "I"},
                               q("text", "what"), {"type": "end_group"}),
                        refused("survey", 8, "nested_group")),
    "no_outside_group": ({"survey": [q("text", "story")]}, refused("survey", 2, "outside_group")),
    "no_group_appearance": ({"survey": [{**BASE[0], "appearance": "field-list"},
                                        q("text", "story"), END]},
                            refused("survey", 2, "appearance_unsupported")),
    "no_note_outside": ({"survey": [q("note", "welcome"), BASE[0], q("text", "story"), END]},
                        refused("survey", 2, "note_unsupported")),
    "no_intro_relevant": ({"survey": [BASE[0], q("note", "intro", relevant="1 = 1"),
                                      q("text", "story"), END]},
                          refused("survey", 3, "column_unsupported")),
    "no_group_required": ({"survey": [{**BASE[0], "required": "yes"}, q("text", "story"), END]},
                          refused("survey", 2, "column_unsupported")),
    "no_note_inside": (tested(q("note", "aside")), refused("survey", 8, "note_unsupported")),
    "no_intake_column": (tested(q("text", "d", **{"intake::colour": "red"})),
                         refused("survey", 8, "intake_column_unknown")),
    "no_intake_flag": (tested(q("text", "d", **{"intake::identifying": "perhaps"})),
                       refused("survey", 8, "intake_value")),
    "no_intake_indicator": (tested(q("select_one yes_no", "d", **{"intake::indicator": "debt"})),
                            refused("survey", 8, "intake_value")),
    "no_intake_type": (tested(q("integer", "d", **{"intake::type": "language"})),
                       refused("survey", 8, "intake_value")),
    "no_label_reference": (tested({**q("text", "d"), EN: "And ${story}?"}),
                           refused("survey", 8, "label_reference")),
    "no_language_code": ({"survey": [{"type": "begin_group", "name": "s1",
                                      "label::English": "S"}, END]},
                         refused("survey", 2, "language_code_missing")),
    # --- refused: relevant -------------------------------------------------------------------
    "no_relevant_order": (relevant("${count} > 3"), refused("survey", 8, "relevant_order")),
    "no_relevant_order_le": (relevant("${count} <= 3"), refused("survey", 8, "relevant_order")),
    "no_relevant_not_equal_text": (relevant("${story} != 'x'"),
                                   refused("survey", 8, "relevant_not_equal_open")),
    "no_relevant_selected_text": (relevant("selected(${story}, 'x')"),
                                  refused("survey", 8, "relevant_selected_open")),
    "no_relevant_not_selected_multiple": (relevant("not(selected(${colours}, 'red'))"),
                                          refused("survey", 8, "relevant_not_selected_multiple")),
    "no_relevant_equals_multiple": (relevant("${colours} = 'red'"),
                                    refused("survey", 8, "relevant_compare_multiple")),
    # pyxform itself refuses a reference to no question of the form.
    "no_relevant_unknown": (relevant("${nobody} = 'x'"), refused("survey", 8, "xlsform_invalid")),
    "no_relevant_later": (tested(q("text", "first", relevant="${second} = 'x'"),
                                 q("text", "second")), refused("survey", 8, "relevant_later")),
    "no_relevant_self": (tested(q("text", "me", relevant="${me} = 'x'")),
                         refused("survey", 8, "relevant_self")),
    "no_relevant_function": (relevant("string-length(${story}) = 3"),
                             refused("survey", 8, "expression_function")),
    "no_relevant_arithmetic": (relevant("${count} + 1 = 3"),
                               refused("survey", 8, "expression_syntax")),
    "no_relevant_two_refs": (relevant("${story} = ${agreed}"),
                             refused("survey", 8, "expression_compare_two")),
    "no_relevant_unfinished": (relevant("${story} = "), refused("survey", 8, "expression_syntax")),
    "no_relevant_deep": (relevant("(" * 30 + "${agreed} = 'yes'" + ")" * 30),
                         refused("survey", 8, "expression_too_deep")),
    "no_relevant_value": (relevant("${colour} = 'purple'"),
                          refused("survey", 8, "relevant_value_unknown")),
    "no_relevant_number": (relevant("${count} = 'many'"),
                           refused("survey", 8, "relevant_value_type")),
    "no_relevant_never": (tested(q("select_one one", "single"),
                                 q("text", "f", relevant="${single} != 'only'")),
                          refused("survey", 9, "relevant_never")),
    # --- refused: sheets, settings, and what the protocol loader finds ----------------------
    "no_external_choices": ({"survey": [BASE[0], q("text", "story"), END],
                             "external_choices": [{"list_name": "x", "name": "a"}]},
                            refused("external_choices", 1, "sheet_unsupported")),
    "no_form_id": ({"survey": [BASE[0], q("text", "story"), END],
                    "settings": {"version": "1", "form_title": "T"}},
                   refused("settings", 2, "settings_missing")),
    "no_version": ({"survey": [BASE[0], q("text", "story"), END],
                    "settings": {"form_id": "demo", "form_title": "T"}},
                   refused("settings", 2, "settings_missing")),
    "no_setting": ({"survey": [BASE[0], q("text", "story"), END],
                    "settings": {**SETTINGS, "submission_url": "https://example.org"}},
                   refused("settings", 1, "setting_unsupported")),
    "no_spanish_label": (tested({"type": "text", "name": "d", EN: "Only English"}),
                         refused("survey", 8, "protocol_invalid")),
    "no_bad_option_id": (tested(q("select_one caps", "d")),
                         refused("choices", 2, "protocol_invalid")),
    "no_choice_in_spanish": (tested(q("select_one half", "d")),
                             refused("choices", 5, "protocol_invalid")),
    "no_section_title": ({"survey": [{"type": "begin_group", "name": "s1"}, q("text", "story"),
                                     END]}, refused("survey", 2, "protocol_invalid")),
    "no_bad_question_id": (tested(q("text", "Full-Name")),
                           refused("survey", 8, "protocol_invalid")),
    "no_bad_sensitivity": (tested(q("text", "d", **{"intake::sensitivity": "extreme"})),
                           refused("survey", 8, "protocol_invalid")),
    "no_bad_protocol_id": ({"survey": [BASE[0], q("text", "story"), END],
                            "settings": {**SETTINGS, "form_id": "Demo Form"}},
                           refused("settings", 2, "protocol_invalid")),
    "no_unclosed_group": ({"survey": [BASE[0], q("text", "story")]},
                          refused("survey", 2, "xlsform_invalid")),
    "no_missing_list": (tested(q("select_one nowhere", "d")),
                        refused("survey", 8, "xlsform_invalid")),
    # --- repeats: each copy a section; answered ----------------------------------------------
    "ok_repeat": (tested(q("text", "unused"), {"type": "end_group"}, *REPEAT[:-1],
                         q("text", "perp_red", relevant="${colour} = 'red'"), REPEAT[-1],
                         {"type": "begin_group", "name": "s2", EN: "After", ES: "Después"},
                         q("text", "closing")), OK),
    "ok_repeat_default": ({"survey": [BASE[0], q("text", "story"), END,
                                      {**REPEAT[0], "repeat_count": None,
                                       "relevant": "${story} != ''"},
                                      q("note", "perp_intro"), *REPEAT[1:]]}, OK),
    "ok_relevant_answered": (tested(q("text", "a_text", relevant="${story} != ''"),
                                    q("text", "a_multiple", relevant="${colours} != ''"),
                                    q("text", "a_choice", relevant="'' != ${colour}"),
                                    q("text", "a_both", relevant="${count} != '' and "
                                                                 "${agreed} = 'yes'")), OK),
    "no_repeat_count_expression": ({"survey": [*BASE, END, {**REPEAT[0],
                                                            "repeat_count": "${count}"},
                                               *REPEAT[1:]]},
                                   refused("survey", 9, "repeat_count")),
    "no_repeat_count_range": ({"survey": [*BASE, END, {**REPEAT[0], "repeat_count": "11"},
                                          *REPEAT[1:]]}, refused("survey", 9, "repeat_count")),
    "no_repeat_name_long": ({"survey": [REPEAT[0], q("text", "p" * 63), REPEAT[-1]]},
                            refused("survey", 3, "repeat_name_long")),
    "no_repeat_name_clash": ({"survey": [*BASE, q("text", "perp_name_2"), END, *REPEAT]},
                             refused("survey", 11, "repeat_name_clash")),
    "no_repeat_nested_group": ({"survey": [REPEAT[0], BASE[0], q("text", "what"), END,
                                           REPEAT[-1]]}, refused("survey", 3, "repeat_nested")),
    "no_repeat_in_repeat": ({"survey": [REPEAT[0], {**REPEAT[0], "name": "inner"},
                                        q("text", "what"), REPEAT[-1], REPEAT[-1]]},
                            refused("survey", 3, "repeat_nested")),
    "no_relevant_into_repeat": ({"survey": [*REPEAT, BASE[0],
                                            q("text", "after", relevant="${perp_known} = 'yes'"),
                                            END]}, refused("survey", 8, "relevant_into_repeat")),
    "no_relevant_unanswered": (relevant("${story} = ''"),
                               refused("survey", 8, "relevant_unanswered")),
    "no_repeat_fills": ({"survey": [REPEAT[0], q("text", "who"),
                                    q("text", "called", **{"intake::fills": "preferred_name"}),
                                    REPEAT[-1]]}, refused("survey", 4, "repeat_fills")),
    # --- constraint ----------------------------------------------------------------------------
    "ok_constraint": (tested(
        q("integer", "years", constraint=". >= 0 and . <= 120", **{
            "constraint_message::English (en)": "Between 0 and 120.",
            "constraint_message::Spanish (es)": "Entre 0 y 120."}),
        q("decimal", "amount", constraint="not(. < 0.5) or . = -1"),
        q("text", "code", constraint="string-length(.) <= 6 and . != 'none'"),
        q("date", "when", constraint=". >= '2000' and . <= '2026-12-31'"),
        q("select_one colour", "shade", constraint=". != 'green'"),
        q("integer", "flipped", constraint="3 < .")), OK),
    "no_constraint_other": (tested(q("integer", "n", constraint=". > ${count}")),
                            refused("survey", 8, "constraint_other_question")),
    "no_constraint_other_only": (tested(q("integer", "n", constraint="${count} > 3")),
                                 refused("survey", 8, "constraint_other_question")),
    "no_constraint_selected": (tested(q("select_multiple colour", "n",
                                        constraint="selected(., 'red')")),
                               refused("survey", 8, "constraint_selected")),
    "no_constraint_today": (tested(q("date", "n", constraint=". <= today()")),
                            refused("survey", 8, "constraint_function")),
    "no_constraint_arithmetic": (tested(q("integer", "n", constraint=". + 1 > 3")),
                                 refused("survey", 8, "expression_syntax")),
    "no_constraint_number_text": (tested(q("integer", "n", constraint=". > 'many'")),
                                  refused("survey", 8, "protocol_invalid")),
    "no_constraint_text_order": (tested(q("text", "n", constraint=". > 'b'")),
                                 refused("survey", 8, "protocol_invalid")),
    "no_constraint_multiple": (tested(q("select_multiple colour", "n", constraint=". = 'red'")),
                               refused("survey", 8, "protocol_invalid")),
    "no_constraint_unknown_choice": (tested(q("select_one colour", "n",
                                              constraint=". != 'purple'")),
                                     refused("survey", 8, "protocol_invalid")),
    "no_constraint_message_in_spanish": (tested(q("integer", "n", constraint=". > 3", **{
        "constraint_message::English (en)": "More than 3."})),
        refused("survey", 8, "protocol_invalid")),
    "no_constraint_message_alone": (tested(q("integer", "n", **{
        "constraint_message::English (en)": "More", "constraint_message::Spanish (es)": "Más"})),
        refused("survey", 8, "protocol_invalid")),
    # --- dates with a time, and hints as the interviewer's note --------------------------------
    "ok_datetime": (tested(q("dateTime", "happened_at"), q("datetime", "left_at"),
                           q("time", "usual_time"),
                           q("text", "after_night", relevant="${usual_time} = '22:00'")), OK),
    "ok_hint": (tested(q("text", "hinted", **{"hint::English (en)": "Ask slowly.",
                                              "hint::Spanish (es)": "Pregunte despacio."}),
                       q("text", "guided", **{"guidance_hint::English (en)": "Wait.",
                                              "guidance_hint::Spanish (es)": "Espere."}),
                       q("text", "both", **{"hint::English (en)": "Ask.",
                                            "hint::Spanish (es)": "Pregunte.",
                                            "guidance_hint::English (en)": "Then wait.",
                                            "guidance_hint::Spanish (es)": "Luego espere."})),
                OK),
    "no_hint_and_note": (tested(q("text", "h", **{"hint::English (en)": "Ask.",
                                                  "hint::Spanish (es)": "Pregunte.",
                                                  "intake::note::English (en)": "Note.",
                                                  "intake::note::Spanish (es)": "Nota."})),
                         refused("survey", 8, "hint_and_note")),
    "no_hint_languages": (tested(q("text", "h", **{"hint::English (en)": "Ask.",
                                                   "hint::Spanish (es)": "Pregunte.",
                                                   "guidance_hint::English (en)": "Wait."})),
                          refused("survey", 8, "hint_languages")),
    "no_hint_in_spanish": (tested(q("text", "h", **{"hint::English (en)": "Ask."})),
                           refused("survey", 8, "protocol_invalid")),
    "no_hint_reference": (tested(q("text", "h", **{"hint::English (en)": "As in ${story}",
                                                   "hint::Spanish (es)": "Como ${story}"})),
                          refused("survey", 8, "label_reference")),
    "no_group_hint": ({"survey": [{**BASE[0], "hint::English (en)": "A", "hint::Spanish (es)": "A"},
                                  q("text", "story"), END]},
                      refused("survey", 2, "hint_unsupported")),
    "no_datetime_appearance": (tested(q("dateTime", "d", appearance="no-calendar")),
                               refused("survey", 8, "appearance_unsupported")),
    "no_time_value": (tested(q("time", "at"), q("text", "f", relevant="${at} = '10pm'")),
                      refused("survey", 9, "protocol_invalid")),
    "no_geotrace": (tested(q("geotrace", "route")), refused("survey", 8, "type_unsupported")),
    # --- a third language, and the app's lines on the person's screen in it -----------------
    "ok_person_words": ({"survey": [{**BASE[0], FR: "Section"}, {**q("text", "story"),
                                                                  FR: "Votre histoire"}, END],
                         "settings": {**SETTINGS, **PERSON_FR}}, OK),
    "no_person_word": ({"survey": [{**BASE[0], FR: "Section"}, {**q("text", "story"),
                                                                 FR: "Votre histoire"}, END],
                        "settings": {**SETTINGS, "intake::person::welcome::Français (fr)": "Hi"}},
                       refused("settings", 2, "protocol_invalid")),
}
# Choice lists the loader refuses: an option id in capitals (row 2), a missing Spanish label.
CAPS = [{"list_name": "caps", "name": "Big", EN: "Big", ES: "Grande"},
        {"list_name": "caps", "name": "small", EN: "Small", ES: "Pequeño"},
        # A choice with no Spanish label (row 5).
        {"list_name": "half", "name": "one", EN: "One", ES: "Uno"},
        {"list_name": "half", "name": "two", EN: "Two"}]


def write(path: Path, form: dict[str, Any]) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    sheets = {"survey": form["survey"], "choices": form.get("choices", CAPS + CHOICES),
              "settings": [form.get("settings", SETTINGS)]}
    sheets.update({k: v for k, v in form.items() if k not in sheets})
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        headers: list[str] = []
        for row in rows:
            headers += [key for key in row if key not in headers]
        sheet.append(headers)
        for row in rows:
            sheet.append([row.get(h) for h in headers])
    book.save(path)


def main(out: Path = OUT) -> None:
    """Write every form and expected.json into `out` (the tests also write a fresh copy)."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.xlsx"):
        old.unlink()
    expected = {}
    for name, (form, outcome) in CASES.items():
        write(out / f"{name}.xlsx", form)
        expected[f"{name}.xlsx"] = outcome
    (out / "not_a_workbook.xlsx").write_bytes(b"type,name\ntext,story\n")
    expected["not_a_workbook.xlsx"] = refused("survey", 1, "unreadable")
    (out / "expected.json").write_text(json.dumps(expected, indent=1) + "\n")


if __name__ == "__main__":
    main()
