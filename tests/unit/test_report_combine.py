"""A coordinator combines agencies' published reports; nothing hidden becomes visible."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake_app.domain.reporting.combine import AggregateInvalid, combine, from_wire, to_wire
from intake_app.domain.reporting.periods import parse_period
from intake_app.domain.reporting.reports import ReportPolicy, grant_report, task_force_report
from intake_app.domain.reporting.suppression import publish
from intake_app.domain.reporting.tables import Hidden, PublishedReport, Report, Table
from intake_app.services.aggregates import AggregateRefused, parse_payload, payload_of
from tests.unit.test_report_cases import caseloads, generated
from tests.unit.test_report_suppression import Bounds, Key, _reader_system, recoverable

Q3 = parse_period("2026Q3")
MADE = datetime(2026, 10, 2, 9, 30, tzinfo=UTC)
POLICY = ReportPolicy(require_consent=False)


def summed(raws: list[Report]) -> Report:
    """The true combined counts (what nobody outside the agencies may know)."""
    first = raws[0]
    tables = tuple(
        Table(t.id, t.rows, t.columns,
              tuple(tuple(sum(r.tables[i].counts[a][b] for r in raws) for b in range(len(t.columns)))
                    for a in range(len(t.rows))),
              t.totals, t.shared_total)
        for i, t in enumerate(first.tables)
    )
    return Report(first.kind, first.period, tables)


def reader_bounds(parts: list[PublishedReport], raws: list[Report], t: int) -> dict[Key, Bounds]:
    """A coordinator who knows each part's marker: the tightest bounds on a combined "*"."""
    systems = [_reader_system(p, r)[0] for p, r in zip(parts, raws, strict=True)]
    out: dict[Key, Bounds] = {}
    for key in systems[0]:
        low, high, open_ended = 0, 0, False
        for shown in systems:
            v = shown.get(key)
            if v is Hidden.SMALL:
                low, high = low + 1, high + t - 1
            elif isinstance(v, Hidden):
                low, open_ended = low + t, True
            elif isinstance(v, int):
                low, high = low + v, high + v
        out[key] = (low, None if open_ended else high)
    return out


@settings(max_examples=60)
@given(st.lists(caseloads, min_size=2, max_size=3), st.sampled_from([3, 5]))
def test_combined_counts_are_exact_where_known_hidden_where_not_and_never_recoverable(
    agencies: list[Any], threshold: int
) -> None:
    raws = [task_force_report(cases, Q3, POLICY) for cases in agencies]
    parts = [publish(r, threshold) for r in raws]
    # Through the envelope's payload, as the coordinator reads it (services.aggregates).
    sent = [parse_payload(json.loads(json.dumps(payload_of([p], MADE))), threshold)[1][0]
            for p in parts]
    combined = combine(sent, threshold)
    assert combined.combined_from == len(agencies)
    truth = summed(raws)
    for i, table in enumerate(combined.tables):
        if table.withheld:
            assert any(p.tables[i].withheld for p in parts)
            continue
        for r, row in enumerate(table.cells):
            for c, value in enumerate(row):
                part_values = [p.tables[i].cells[r][c] for p in parts]
                hidden = [v for v in part_values if isinstance(v, Hidden)]
                if hidden == [Hidden.SMALL] and all(v == 0 for v in part_values if v not in hidden):
                    assert value is Hidden.SMALL  # one agency's "<5" beside zeros: still "<5"
                    assert 0 < truth.tables[i].counts[r][c] < threshold
                elif hidden:
                    assert value is Hidden.PARTIAL
                else:
                    assert value == truth.tables[i].counts[r][c]
                    assert value == 0 or value >= threshold
    bounds = reader_bounds(parts, raws, threshold)
    assert recoverable(combined, truth, bounds) == []


def test_small_counts_of_three_agencies_add_up_to_a_count_that_can_be_shown() -> None:
    """The reason to combine: each agency's 30 + 4 is "<5" locally, but not in the sum."""
    raws = []
    for n in range(3):
        t = Table("x", ("a", "b", "c"), ("count",), ((30 + n,), (4,), (20,)), shared_total=None)
        raws.append(Report("test", Q3, (t,)))
    parts = [publish(r, 5) for r in raws]
    assert all(p.tables[0].cells[1][0] is Hidden.SMALL for p in parts)
    combined = combine(parts, 5)
    assert combined.tables[0].cells[1][0] is Hidden.PARTIAL  # the parts were hidden: so is the sum
    assert combined.tables[0].grand_total == sum(r.tables[0].grand_total for r in raws)


def _wire() -> dict[str, Any]:
    wire = to_wire(publish(grant_report(generated(300), Q3, POLICY), 5))
    assert wire["tables"][4]["id"] == "grant.gender" and wire["tables"][4]["grand_total"] >= 5
    return wire


def test_the_wire_form_holds_only_keys_counts_and_markers_and_reads_back_the_same() -> None:
    report = publish(grant_report(generated(300), Q3, POLICY), 5)
    assert from_wire(json.loads(json.dumps(to_wire(report)))) == report


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda w: w.update(version=2), "unknown aggregate version"),
        (lambda w: w.update(threshold=1), "the threshold is not valid"),
        (lambda w: w.update(kind="census"), "unknown report kind"),
        (lambda w: w["period"].update(start="2026-13-01"), "the period is not valid"),
        (lambda w: w["tables"][4]["rows"].__setitem__(0, "Maria Lopez"), "rows of grant.gender is not a report key"),
        (lambda w: w["tables"][4]["rows"].__setitem__(0, "MariaLopez"), "the tables are not those of this kind"),
        (lambda w: w["tables"][4]["cells"][0].__setitem__(0, 3.5), "neither a count nor a marker"),
        (lambda w: w["tables"][4]["cells"][0].__setitem__(0, "<5"), "neither a count nor a marker"),
        (lambda w: w["tables"][4]["cells"].pop(), "do not match its rows"),
        (lambda w: w["tables"].pop(), "the tables are not those of this kind"),
        # What suppression never makes: a word in an extra field, a small count shown, totals
        # that do not add up.
        (lambda w: w.update(note="Maria Lopez"), "the report has fields this app does not write"),
        (lambda w: w["tables"][4].update(case="K7M-2QP"), "a table has fields this app does not"),
        (lambda w: w["period"].update(who="Maria"), "the period is not valid"),
        (lambda w: w["period"].update(label="MariaLopez"), "the period is not valid"),
        (lambda w: w["period"].update(label="2026Q4"), "the period is not valid"),
        (lambda w: w["tables"][4]["cells"][0].__setitem__(0, 3), "shows a count under its threshold"),
        (lambda w: w["tables"][4].update(grand_total=10_000), "the totals of table grant.gender"),
        (lambda w: w.update(combined_from=10**6), "combined_from must be a whole number"),
    ],
)
def test_a_malformed_aggregate_is_refused_with_its_reason(change: Any, reason: str) -> None:
    wire = _wire()
    change(wire)
    with pytest.raises(AggregateInvalid) as caught:
        from_wire(wire)
    assert reason in caught.value.message
    assert "Maria" not in caught.value.message


def test_reports_that_do_not_match_are_not_combined() -> None:
    q3 = publish(grant_report(generated(50), Q3, POLICY), 5)
    q4 = publish(grant_report(generated(50), parse_period("2026Q4"), POLICY), 5)
    with pytest.raises(AggregateInvalid, match="same kind and period"):
        combine([q3, q4], 5)
    loose = publish(grant_report(generated(50), Q3, POLICY), 3)
    with pytest.raises(AggregateInvalid, match="hides counts under 3, the task force under 5"):
        combine([q3, loose], 5)
    assert combine([q3, loose], 3).threshold == 3


def test_one_agency_s_small_count_beside_zeros_stays_small_after_combining() -> None:
    """Suppression reapplied: the sum is that one count, so it is "<5", not a bare "*"; under a
    coordinator with a lower threshold it is "*" (a "<7" may be 6, not under 5)."""
    def part(small: int, threshold: int) -> PublishedReport:
        t = Table("x", ("a", "b"), ("count",), ((40,), (small,)), shared_total=None)
        return publish(Report("test", Q3, (t,)), threshold)

    combined = combine([part(3, 5), part(0, 5), part(0, 5)], 5)
    assert combined.tables[0].cells[1][0] is Hidden.SMALL
    assert combined.tables[0].cells[0][0] is Hidden.PARTIAL  # its complement, added up
    assert combine([part(3, 5), part(3, 5)], 5).tables[0].cells[1][0] is Hidden.PARTIAL
    assert combine([part(3, 7), part(0, 5)], 5).tables[0].cells[1][0] is Hidden.PARTIAL


@settings(max_examples=40)
@given(caseloads, st.data())
def test_a_small_count_put_back_in_place_of_its_marker_is_refused(cases: Any, data: Any) -> None:
    """A sender's software that leaks one raw count under the threshold is refused whole."""
    raw = task_force_report(cases, Q3, POLICY)
    published = publish(raw, 5)
    small = [(i, r, c) for i, t in enumerate(published.tables) if not t.withheld
             for r, row in enumerate(t.cells) for c, v in enumerate(row) if v is Hidden.SMALL]
    if not small:
        return
    i, r, c = data.draw(st.sampled_from(small))
    payload = json.loads(json.dumps(payload_of([published], MADE)))
    payload["reports"][0]["tables"][i]["cells"][r][c] = raw.tables[i].counts[r][c]
    with pytest.raises(AggregateRefused) as refused:
        parse_payload(payload, 5)
    assert refused.value.reason == "aggregate_invalid"
