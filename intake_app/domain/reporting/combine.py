"""Combining agencies' reports at a task-force coordinator.

What an agency sends: its *published* report, exactly what it would print (counts, "<5" and
"*" markers, withheld tables), as `to_wire` writes it: report kind, period, threshold, table
and row/column keys, cells. Never the raw counts behind a "<5".

Why not the raw counts: the coordinator is another agency. Its staff read what arrives, and
under VAWA/VOCA a victim-service agency may share only non-identifying aggregates; in a small
place "2 minors, labour trafficking, referred by the hotline" is a person. Sending the published
form means nothing leaves an agency that it would not show at a task-force meeting, and the
agency's own audit has already proved that none of its hidden counts can be worked out from it.

Why the combined table cannot reveal a small cell either: every combined count is the sum of
the agencies' counts in that place. Where every agency published its part, the sum is exact
(and, each part being 0 or at least the threshold, so is the sum: no new small cell appears).
Where any agency hid its part, the combined cell is hidden: "<5" when one agency's "<5" sits
beside zeros (the sum is that count), "*" otherwise. If a reader could work out a
hidden combined cell from the combined rows and totals, the same arithmetic on that agency's own
published table would pin its hidden part, which its audit ruled out; so the combined table
says nothing the agencies had not already published. Suppression is then reapplied: every
combined count is checked against the coordinator's threshold, which is why an agency report
made with a lower threshold than the coordinator's is refused rather than combined.

`from_wire` refuses what suppression never makes: a field `to_wire` does not write, a key this
app would not print, a shown count under the threshold, totals that do not add up.

Medians do not add up, so combined reports carry no measures; the bucketed
"days to first service" table is the combinable form of the same question.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from intake_app.domain.reporting.periods import Period, parse_period
from intake_app.domain.reporting.reports import layout
from intake_app.domain.reporting.suppression import check_threshold
from intake_app.domain.reporting.tables import (
    Hidden,
    PublishedReport,
    PublishedTable,
    Shown,
)
from intake_app.errors import IntakeError

WIRE_VERSION = 1
_MAX_TABLES = 64
_MAX_LABELS = 200
_MAX_KEY = 80
_MAX_COMBINED = 1000
_REPORT_KEYS = frozenset({"version", "kind", "period", "threshold", "combined_from", "tables"})
_TABLE_KEYS = frozenset({"id", "rows", "columns", "cells", "row_totals", "column_totals",
                         "grand_total", "withheld"})
_PERIOD_KEYS = frozenset({"start", "end", "label"})


class AggregateInvalid(IntakeError):
    """A report aggregate that cannot be read or combined; says which part and why."""

    code = "aggregate_invalid"
    template = "The report aggregate cannot be used: {reason}."
    plain = "This report file from a member agency cannot be combined: {reason}. Nothing was added."


# --- wire form ---------------------------------------------------------------------------------
def _cell_out(value: Shown) -> int | str:
    return value.value if isinstance(value, Hidden) else value


def _cells_out(values: Sequence[Shown] | None) -> list[int | str] | None:
    return None if values is None else [_cell_out(v) for v in values]


def to_wire(report: PublishedReport) -> dict[str, Any]:
    """The JSON-able form an agency sends: labels, counts and markers, nothing else."""
    return {
        "version": WIRE_VERSION,
        "kind": report.kind,
        "period": {"start": report.period.start.isoformat(), "end": report.period.end.isoformat(),
                   "label": report.period.label},
        "threshold": report.threshold,
        "combined_from": report.combined_from,
        "tables": [
            {
                "id": t.id, "rows": list(t.rows), "columns": list(t.columns),
                "cells": [[_cell_out(c) for c in row] for row in t.cells],
                "row_totals": _cells_out(t.row_totals),
                "column_totals": _cells_out(t.column_totals),
                "grand_total": None if t.grand_total is None else _cell_out(t.grand_total),
                "withheld": t.withheld,
            }
            for t in report.tables
        ],
    }


def _fail(reason: str) -> AggregateInvalid:
    return AggregateInvalid(reason=reason)


def _key(raw: object, what: str) -> str:
    if not isinstance(raw, str) or not 0 < len(raw) <= _MAX_KEY or not raw.isascii() or not all(
        ch.isalnum() or ch in "._-" for ch in raw
    ):
        raise _fail(f"{what} is not a report key")
    return raw


def _keys(raw: object, what: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not 0 < len(raw) <= _MAX_LABELS:
        raise _fail(f"{what} must be a list of keys")
    keys = tuple(_key(k, what) for k in raw)
    if len(set(keys)) != len(keys):
        raise _fail(f"{what} repeat a key")
    return keys


def _cell_in(raw: object, what: str) -> Shown:
    if type(raw) is int and 0 <= raw < 1 << 31:
        return raw
    if isinstance(raw, str) and raw in {h.value for h in Hidden}:
        return Hidden(raw)
    raise _fail(f"a cell of {what} is neither a count nor a marker")


def _line(raw: object, length: int, what: str) -> tuple[Shown, ...]:
    if not isinstance(raw, list) or len(raw) != length:
        raise _fail(f"{what} does not match its labels")
    return tuple(_cell_in(v, what) for v in raw)


def _exact_keys(raw: Mapping[str, Any], keys: frozenset[str], what: str) -> None:
    """Nothing but the fields `to_wire` writes: no extra field can carry a word along."""
    if set(raw) != keys:
        raise _fail(f"{what} has fields this app does not write")


def _table_in(raw: object) -> PublishedTable:
    if not isinstance(raw, dict):
        raise _fail("a table is not an object")
    _exact_keys(raw, _TABLE_KEYS, "a table")
    tid = _key(raw.get("id"), "a table id")
    rows, cols = _keys(raw.get("rows"), f"rows of {tid}"), _keys(raw.get("columns"), f"columns of {tid}")
    withheld = raw.get("withheld")
    if not isinstance(withheld, bool):
        raise _fail(f"withheld of {tid} must be true or false")
    if withheld:
        return PublishedTable(tid, rows, cols, (), None, None, None, withheld=True)
    cells_raw = raw.get("cells")
    if not isinstance(cells_raw, list) or len(cells_raw) != len(rows):
        raise _fail(f"cells of {tid} do not match its rows")
    cells = tuple(_line(r, len(cols), f"table {tid}") for r in cells_raw)
    rt, ct, gt = raw.get("row_totals"), raw.get("column_totals"), raw.get("grand_total")
    return PublishedTable(
        tid, rows, cols, cells,
        None if rt is None else _line(rt, len(rows), f"row totals of {tid}"),
        None if ct is None else _line(ct, len(cols), f"column totals of {tid}"),
        None if gt is None else _cell_in(gt, f"table {tid}"),
    )


def from_wire(raw: Mapping[str, Any]) -> PublishedReport:
    """Read what an agency sent; strict: anything unexpected is refused with AggregateInvalid."""
    if not isinstance(raw, Mapping) or raw.get("version") != WIRE_VERSION:
        raise _fail("unknown aggregate version")
    _exact_keys(raw, _REPORT_KEYS, "the report")
    period = raw.get("period")
    try:
        if not isinstance(period, dict) or set(period) != _PERIOD_KEYS:
            raise TypeError
        start, end = date.fromisoformat(period["start"]), date.fromisoformat(period["end"])
        label = _key(period["label"], "the period")
        parsed = Period(start, end, label)
        named = parse_period(label)  # a period as people type one, never a word
        if (named.start, named.end) != (start, end):
            raise ValueError
    except (KeyError, TypeError, ValueError, IntakeError):
        raise _fail("the period is not valid") from None
    threshold = raw.get("threshold")
    try:
        check_threshold(threshold)  # type: ignore[arg-type]
    except IntakeError:
        raise _fail("the threshold is not valid") from None
    combined = raw.get("combined_from")
    if type(combined) is not int or not 1 <= combined <= _MAX_COMBINED:
        raise _fail("combined_from must be a whole number")
    tables = raw.get("tables")
    if not isinstance(tables, list) or not 0 < len(tables) <= _MAX_TABLES:
        raise _fail("tables must be a list")
    report = PublishedReport(
        _key(raw.get("kind"), "the report kind"), parsed, threshold,  # type: ignore[arg-type]
        tuple(_table_in(t) for t in tables), (), combined,
    )
    # Only the tables, rows and columns this app would make: no key can smuggle in a word.
    try:
        expected = layout(report.kind, report.period)
    except KeyError:
        raise _fail("unknown report kind") from None
    if [(t.id, t.rows, t.columns) for t in report.tables] != expected:
        raise _fail("the tables are not those of this kind of report")
    for table in report.tables:
        _check_published(table, report.threshold)
    return report


def _check_published(table: PublishedTable, threshold: int) -> None:
    """What suppression always makes, so a report that breaks it was not suppressed (or was
    altered by its sender's software): every shown count is 0 or at least the threshold, and
    a total shown beside all of its parts is their sum."""
    every = [c for row in table.cells for c in row]
    every += [*(table.row_totals or ()), *(table.column_totals or ())]
    every += [] if table.grand_total is None else [table.grand_total]
    if any(isinstance(v, int) and 0 < v < threshold for v in every):
        raise _fail(f"table {table.id} shows a count under its threshold")
    lines: list[tuple[Shown, Sequence[Shown]]] = []
    columns = range(len(table.columns))
    if table.row_totals is not None:
        lines += [(total, row) for total, row in zip(table.row_totals, table.cells, strict=True)]
    if table.column_totals is not None:
        lines += [(total, [row[c] for row in table.cells])
                  for c, total in zip(columns, table.column_totals, strict=True)]
        if table.grand_total is not None:
            lines.append((table.grand_total, table.column_totals))
    elif table.grand_total is not None:
        lines.append((table.grand_total, [c for row in table.cells for c in row]))
    for total, parts in lines:
        known = [v for v in parts if isinstance(v, int)]
        if isinstance(total, int) and len(known) == len(parts) and total != sum(known):
            raise _fail(f"the totals of table {table.id} do not add up")


# --- combining ---------------------------------------------------------------------------------
def _add(values: Sequence[Shown], threshold: int, same: bool) -> Shown:
    """`same`: every agency hid under the coordinator's threshold (else one agency's "<5"
    may not be under the coordinator's "<t")."""
    hidden = [v for v in values if isinstance(v, Hidden)]
    if (same and hidden == [Hidden.SMALL]
            and all(v == 0 for v in values if not isinstance(v, Hidden))):
        # One agency's "<5" beside zeros elsewhere: the sum is that count, under the
        # threshold; saying "<5" tells a reader exactly what that agency already published.
        return Hidden.SMALL
    if hidden:
        return Hidden.PARTIAL
    total = sum(v for v in values if isinstance(v, int))
    if 0 < total < threshold:  # impossible when every part is 0 or >= threshold; checked anyway
        raise _fail("a combined count is under the threshold")
    return total


def _add_lines(
    lines: Sequence[Sequence[Shown] | None], threshold: int, same: bool
) -> tuple[Shown, ...] | None:
    if any(line is None for line in lines):
        return None
    present = [line for line in lines if line is not None]
    return tuple(_add([line[i] for line in present], threshold, same)
                 for i in range(len(present[0])))


def _combine_table(parts: Sequence[PublishedTable], threshold: int, same: bool) -> PublishedTable:
    first = parts[0]
    if any((p.rows, p.columns) != (first.rows, first.columns) for p in parts):
        raise _fail(f"table {first.id} has different rows or columns in different agencies")
    if any(p.withheld for p in parts):
        # One agency's counts are unknown: every combined count would be hidden anyway.
        return PublishedTable(first.id, first.rows, first.columns, (), None, None, None, withheld=True)
    cells = tuple(
        tuple(_add([p.cells[r][c] for p in parts], threshold, same) for c in range(len(first.columns)))
        for r in range(len(first.rows))
    )
    grand = None if first.grand_total is None else _add(
        [p.grand_total for p in parts if p.grand_total is not None], threshold, same)
    return PublishedTable(
        first.id, first.rows, first.columns, cells,
        _add_lines([p.row_totals for p in parts], threshold, same),
        _add_lines([p.column_totals for p in parts], threshold, same),
        grand,
    )


def combine(reports: Sequence[PublishedReport], threshold: int) -> PublishedReport:
    """One task-force table from several agencies' published reports of the same kind and period."""
    check_threshold(threshold)
    if not reports:
        raise _fail("no agency report to combine")
    first = reports[0]
    for r in reports:
        if (r.kind, r.period) != (first.kind, first.period):
            raise _fail("the reports are not of the same kind and period")
        if r.threshold < threshold:
            raise _fail(f"an agency report hides counts under {r.threshold}, the task force "
                        f"under {threshold}; ask the agency to make it again with {threshold}")
        if [t.id for t in r.tables] != [t.id for t in first.tables]:
            raise _fail("the reports hold different tables")
    same = all(r.threshold == threshold for r in reports)
    tables = tuple(
        _combine_table([r.tables[i] for r in reports], threshold, same)
        for i in range(len(first.tables))
    )
    return PublishedReport(
        first.kind, first.period, threshold, tables, (),
        sum(r.combined_from for r in reports),
    )
