"""Indicator tags in protocol files: one tag as files have always had it, a list of tags, and
several groups on one option; every unknown group is refused with where it stands."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake_app.domain.answers import Answer
from intake_app.domain.protocol import IndicatorGroup, ProtocolError, parse_protocol
from intake_app.domain.screening import screen
from intake_app.paths import resource
from tests.unit.test_protocol import protocol_dict, question

G = IndicatorGroup


def choice_with(groups: dict[str, Any], qtype: str = "multiple_choice") -> dict[str, Any]:
    q = question("what_happened", qtype)
    for opt in q["options"]:
        if opt["id"] in groups:
            opt["indicators"] = groups[opt["id"]]
    return q


def test_one_option_feeds_several_groups() -> None:
    raw = protocol_dict([[choice_with({"o1": ["documents", "debt"], "o2": ["movement"]})]])
    p = parse_protocol(raw, "x.json")
    q = p.question("what_happened")
    assert [o.indicators for o in q.options] == [(), (G.DOCUMENTS, G.DEBT), (G.MOVEMENT,)]
    assert screen([(p, {q.id: Answer.of(["o1"])})], "advocate").groups == {G.DOCUMENTS, G.DEBT}
    both = screen([(p, {q.id: Answer.of(["o1", "o2"])})], "advocate").groups
    assert both == {G.DOCUMENTS, G.DEBT, G.MOVEMENT}
    assert screen([(p, {q.id: Answer.of(["o0"])})], "advocate").groups == frozenset()


def test_a_single_choice_option_feeds_its_groups_too() -> None:
    raw = protocol_dict([[choice_with({"o0": ["commercial_sex", "threats"]}, "single_choice")]])
    p = parse_protocol(raw, "x.json")
    result = screen([(p, {"what_happened": Answer.of("o0")})], "advocate")
    assert result.groups == {G.COMMERCIAL_SEX, G.THREATS}


def test_one_question_may_carry_a_list_of_tags() -> None:
    tags = [{"group": "commercial_sex", "when": {"equals": "yes"}},
            {"group": "pay_conditions", "when": {"equals": "yes"}},
            {"group": "deception", "when": {"equals": "no"}}]
    p = parse_protocol(protocol_dict([[question("a", indicator=tags)]]), "x.json")
    assert [t.group for t in p.question("a").indicators] == [
        G.COMMERCIAL_SEX, G.PAY_CONDITIONS, G.DECEPTION]
    assert screen([(p, {"a": Answer.of("yes")})], "officer").groups == {
        G.COMMERCIAL_SEX, G.PAY_CONDITIONS}
    assert screen([(p, {"a": Answer.of("no")})], "officer").groups == {G.DECEPTION}


def test_a_single_tag_still_loads_as_before() -> None:
    single = {"group": "debt", "when": {"equals": "yes"}}
    p = parse_protocol(protocol_dict([[question("a", indicator=single)]]), "x.json")
    assert [t.group for t in p.question("a").indicators] == [G.DEBT]
    # The 1.0 screening file (every question one tag, no option indicators) loads unchanged.
    raw = json.loads((resource("protocols") / "indicator_screening.json").read_text("utf-8"))
    for s in raw["sections"]:
        s["questions"] = [q for q in s["questions"]
                          if not any("indicators" in o for o in q.get("options", []))]
    old = parse_protocol(raw, "indicator_screening.json")
    assert all(len(q.indicators) <= 1 for q in old.questions)


@pytest.mark.parametrize(("raw_q", "where", "problem"), [
    (choice_with({"o1": ["documents", "gossip"]}),
     "question 'what_happened' option 'o1'", "unknown indicator group 'gossip'"),
    (choice_with({"o2": ["debt", "debt"]}),
     "question 'what_happened' option 'o2'", "indicator group 'debt' named twice"),
    (choice_with({"o0": []}),
     "question 'what_happened' option 'o0'", "indicators must be a non-empty list"),
    (choice_with({"o0": "debt"}),
     "question 'what_happened' option 'o0'", "indicators must be a non-empty list"),
    (question("a", indicator=[{"group": "debt", "when": {"equals": "yes"}},
                              {"group": "gossip", "when": {"equals": "yes"}}]),
     "question 'a' indicator #2", "unknown group 'gossip'"),
    (question("a", indicator={"group": "gossip", "when": {"equals": "yes"}}),
     "question 'a' indicator", "unknown group 'gossip'"),
    (question("a", indicator=[]), "question 'a'", "indicator needs at least one"),
])
def test_every_unknown_or_malformed_group_is_refused_where_it_stands(
    raw_q: dict[str, Any], where: str, problem: str,
) -> None:
    with pytest.raises(ProtocolError) as info:
        parse_protocol(protocol_dict([[question("first"), raw_q]]), "agency.json")
    assert f"agency.json, {where}: {problem}" in str(info.value)


def test_age_range_options_take_no_indicators() -> None:
    q = question("started", "age_range")
    q["options"][0]["indicators"] = ["minor"]
    with pytest.raises(ProtocolError, match="only for choice questions"):
        parse_protocol(protocol_dict([[q]]), "x.json")


NAMES = st.sampled_from([g.value for g in IndicatorGroup] + ["gossip", "Debt", "", "labour"])


@settings(max_examples=80, deadline=None)
@given(st.lists(NAMES, min_size=1, max_size=4))
def test_generated_option_groups_load_exactly_or_are_refused_by_name(names: list[str]) -> None:
    raw = protocol_dict([[choice_with({"o1": names})]])
    known = {g.value for g in IndicatorGroup}
    if all(n in known for n in names) and len(set(names)) == len(names):
        option = parse_protocol(raw, "x.json").question("what_happened").option("o1")
        assert [g.value for g in option.indicators] == names
        return
    with pytest.raises(ProtocolError) as info:
        parse_protocol(raw, "x.json")
    message = str(info.value)
    assert "question 'what_happened' option 'o1'" in message
    # The first name in the list that is unknown or repeated is the one named.
    first = next(i for i, n in enumerate(names) if n not in known or n in names[:i])
    name = names[first]
    expected = (f"unknown indicator group {name!r}" if name not in known
                else f"indicator group {name!r} named twice")
    assert expected in message
