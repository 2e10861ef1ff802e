"""The HTCDS mapping: every key and value name is the standard's, unknowns map as it says, and
what has no home in the standard is left out."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake_app.domain.answers import Value
from intake_app.domain.htcds import (
    ANSWER_RULES,
    BY_NAME,
    FIELDS,
    GENDER_VALUES,
    TRAFFICKING_VALUES,
    FieldType,
    Record,
    map_field,
    to_record,
)
from intake_app.domain.protocol import load_shipped
from intake_app.domain.reporting.facts import Gender, TraffickingType
from intake_app.domain.reporting.feeds import FactFeed, parse_feed
from intake_app.exports.htcds import to_csv, to_json

STATES = ("value", "declined", "not_asked", "unknown")


@dataclass(frozen=True)
class F:
    key: str
    name: str
    state: str
    value: Value | None = None
    protocol_id: str | None = None


@dataclass(frozen=True)
class Q:
    fills: str | None = None
    feeds: FactFeed | None = None


def column(name: str, value: str) -> F:
    return F(f"case:{name}", name, "value", value)


def answer(protocol: str, qid: str, state: str, value: Value | None = None) -> F:
    return F(f"answer:1:{qid}", qid, state, value if state == "value" else None, protocol)


def check_standard(record: Record) -> None:
    """Every key a field of the standard table, every picklist value one of its value names."""
    for name, value in record.items():
        spec = BY_NAME[name]
        if spec.type is FieldType.MULTISELECT:
            assert isinstance(value, list) and value
            assert set(value) <= set(spec.values)
        elif spec.values:
            assert value in spec.values


def test_the_table_holds_the_standards_spelling() -> None:
    # Taken from HTCDS Field Standards 2.0.ods; a typo here would be an invented field.
    assert [f.name for f in FIELDS] == ["prs_FirstName", "prs_Birthdate", "prs_Gender",
                                        "prs_PrimaryLanguage", "prs_Citizenship",
                                        "vic_MethodsOfControl", "vic_TypeOfExploitation"]
    assert len(BY_NAME["prs_Citizenship"].values) == 249  # the survey form's ISO 3166 list
    assert {"MX", "GT", "US", "NA"} <= set(BY_NAME["prs_Citizenship"].values)
    assert BY_NAME["prs_Gender"].unknown == "NonSpecifiedUnknown"
    for g in GENDER_VALUES.values():
        assert g is None or g in BY_NAME["prs_Gender"].values
    for values in TRAFFICKING_VALUES.values():
        assert set(values) <= set(BY_NAME["vic_TypeOfExploitation"].values)
    for rule in ANSWER_RULES:
        assert rule.value in rule.field.values


def test_every_rule_names_a_shipped_yes_no_question() -> None:
    shipped = load_shipped()
    for rule in ANSWER_RULES:
        question = {q.id: q for q in shipped[rule.protocol_id].questions}[rule.question_id]
        assert question.type.value == "yes_no"


def test_case_columns() -> None:
    record = to_record([column("preferred_name", " Ana "), column("date_of_birth", "2001-02-03"),
                        column("legal_name", "Ana Legal"), column("contact", "+1 555"),
                        column("immigration", "visa"), column("language", "es")], {})
    assert record == {"prs_FirstName": "Ana", "prs_Birthdate": "2001-02-03",
                      "prs_PrimaryLanguage": "es"}


def test_a_language_name_or_a_bad_date_is_left_out() -> None:
    assert to_record([column("language", "Spanish"), column("date_of_birth", "03/02/2001")],
                     {}) == {}


def test_answers_that_fill_a_column_map_like_it() -> None:
    qs = {("p", "who"): Q(fills="preferred_name")}
    assert to_record([answer("p", "who", "value", "Mo")], qs) == {"prs_FirstName": "Mo"}
    assert to_record([answer("p", "who", "declined")], qs) == {}


def test_the_case_column_wins_over_an_answer() -> None:
    qs = {("p", "who"): Q(fills="preferred_name")}
    fields = [column("preferred_name", "First"), answer("p", "who", "value", "Second")]
    assert to_record(fields, qs) == {"prs_FirstName": "First"}


GENDER_FEED = parse_feed({"fact": "gender", "map": {"w": "female", "m": "male", "n": "non_binary",
                                                     "t": "transgender", "o": "other"}},
                         "single_choice", ("w", "m", "n", "t", "o"))


@pytest.mark.parametrize(("state", "value", "expected"), [
    ("value", "w", "Feminine"), ("value", "m", "Masculine"), ("value", "n", "NonConforming"),
    ("value", "t", None), ("value", "o", None),
    ("declined", None, "NonSpecifiedUnknown"), ("unknown", None, "NonSpecifiedUnknown"),
    ("not_asked", None, "NonSpecifiedUnknown"),
])
def test_gender_through_its_fact(state: str, value: str | None, expected: str | None) -> None:
    record = to_record([answer("p", "g", state, value)], {("p", "g"): Q(feeds=GENDER_FEED)})
    assert record == ({} if expected is None else {"prs_Gender": expected})


def test_a_gender_value_beats_the_unknown_value() -> None:
    qs = {("p", "g"): Q(feeds=GENDER_FEED), ("p", "h"): Q(feeds=GENDER_FEED)}
    fields = [answer("p", "g", "declined"), answer("p", "h", "value", "w")]
    assert to_record(fields, qs) == {"prs_Gender": "Feminine"}


def test_trafficking_type_through_its_fact() -> None:
    feed = parse_feed("trafficking_type", "single_choice", tuple(t.value for t in TraffickingType))
    qs = {("p", "t"): Q(feeds=feed)}
    assert to_record([answer("p", "t", "value", "both")], qs) == {
        "vic_TypeOfExploitation": ["ForcedLabour", "SexualExploitation"]}
    for state in ("declined", "unknown", "not_asked"):
        assert to_record([answer("p", "t", state)], qs) == {}


def test_age_group_has_no_home() -> None:
    feed = parse_feed("age_group", "number", ())
    assert to_record([answer("p", "age", "value", 16)], {("p", "age"): Q(feeds=feed)}) == {}


def test_methods_of_control_from_yes_answers_only() -> None:
    fields = [answer("indicator_screening", "documents_held", "value", "yes"),
              answer("indicator_screening", "threatened", "value", True),
              answer("officer_victim_interview", "threats_received", "value", "yes"),
              answer("indicator_screening", "lied_about_terms", "value", "no"),
              answer("indicator_screening", "debt_keeps_growing", "unknown"),
              answer("indicator_screening", "harmed", "value", "yes")]  # ambiguous: left out
    assert to_record(fields, {}) == {"vic_MethodsOfControl": ["PhysicalThreats",
                                                              "WithholdsDocuments"]}


def test_a_same_named_question_of_another_protocol_maps_nothing() -> None:
    assert to_record([answer("agency_form", "documents_held", "value", "yes")], {}) == {}


def test_free_text_answers_never_map() -> None:
    fields = [answer("advocate_intake", "what_brought_you", "value", "long story"),
              answer("officer_victim_interview", "nationality", "value", "from the north"),
              answer("advocate_intake", "language_preferred", "value", "Mam")]
    assert to_record(fields, {}) == {}
    assert to_record([answer("advocate_intake", "language_preferred", "value", "es")], {}) == {
        "prs_PrimaryLanguage": "es"}


shared = st.builds(
    answer,
    st.sampled_from(["indicator_screening", "officer_victim_interview", "advocate_intake"]),
    st.sampled_from([r.question_id for r in ANSWER_RULES] + ["language_preferred", "x"]),
    st.sampled_from(STATES),
    st.one_of(st.sampled_from(["yes", "no", "es", "Mam"]), st.booleans()),
)
gender_values = st.sampled_from([g.value for g in Gender if g not in (Gender.UNKNOWN,
                                                                       Gender.DECLINED)])


@given(st.lists(shared, max_size=12), st.lists(st.tuples(st.sampled_from(STATES), gender_values),
                                               max_size=3))
def test_generated_selections_write_only_the_standards_names(
    fields: list[F], genders: list[tuple[str, str]]
) -> None:
    feed = parse_feed("gender", "single_choice", tuple(g.value for g in Gender))
    gfields = [answer("p", f"g{i}", s, v) for i, (s, v) in enumerate(genders)]
    qs = {("p", f"g{i}"): Q(feeds=feed) for i in range(len(genders))}
    record = to_record([*fields, *gfields], qs)
    check_standard(record)
    mapped = {name for f in [*fields, *gfields]
              for name, _ in map_field(f, qs.get((f.protocol_id or "", f.name)))}
    assert set(record) == mapped
    # JSON round-trips to the same record; CSV is one header row and one row of values.
    assert json.loads(to_json(record)) == record
    rows = list(csv.reader(io.StringIO(to_csv(record).decode("utf-8-sig"), newline="")))
    assert rows[0] == list(record) and len(rows) == 2


@pytest.mark.parametrize(("typed", "expected"), [
    ("MX", "MX"), ("mexico", "MX"), (" Viet  Nam ", "VN"), ("Côte d'Ivoire", "CI"),
    ("Namibia", "NA"), ("NA", None), ("mx", None), ("Mexican", None), ("USA", None),
])
def test_nationality_only_as_the_standards_code_or_name(typed: str, expected: str | None) -> None:
    record = to_record([answer("officer_victim_interview", "nationality", "value", typed)], {})
    assert record == ({} if expected is None else {"prs_Citizenship": [expected]})


def test_csv_defuses_a_formula() -> None:
    rows = list(csv.reader(io.StringIO(to_csv({"prs_FirstName": "=1+1"}).decode("utf-8-sig"))))
    assert rows == [["prs_FirstName"], ["'=1+1"]]


def test_the_mapping_table_in_docs_keeps_in_step() -> None:
    from pathlib import Path

    from intake_app.domain.htcds import NOT_EXPORTED

    doc = (Path(__file__).resolve().parents[2] / "docs" / "htcds-mapping.md").read_text(
        encoding="utf-8").replace("`", "")
    for what, why in NOT_EXPORTED:
        assert f"| {what} | {why.replace(chr(39), chr(34))} |" in doc.replace("'", '"'), what
    for spec in FIELDS:
        assert spec.name in doc
    for rule in ANSWER_RULES:
        assert f"{rule.question_id}" in doc and rule.value in doc
