"""Small-cell suppression: no hidden count can be worked out from what a table publishes.

The check is independent of the app's own (cycle-based) audit: for every hidden count, an exact
rational LP (tests/unit/test_report_lp.py) finds the smallest and largest value it can take given
every published count and total of every table in the report, knowing "<5" means 1..4 and "*"
means at least 5. A hidden count is recoverable when the two are equal.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from intake_app.domain.reporting.periods import Period
from intake_app.domain.reporting.suppression import publish
from intake_app.domain.reporting.tables import (
    Hidden,
    PublishedReport,
    PublishedTable,
    Report,
    Shown,
    Table,
)
from tests.unit.test_report_lp import value_range

PERIOD = Period(date(2026, 7, 1), date(2026, 9, 30), "2026Q3")
Key = tuple[str, int, int] | tuple[str, str]


System = tuple[dict[Key, Shown], dict[Key, int], list[tuple[Key, list[Key]]]]


def _reader_system(published: PublishedReport, raw: Report) -> System:
    """Every published position (by key), its true value, and every equation whole = sum(parts)."""
    shown: dict[Key, Shown] = {}
    truth: dict[Key, int] = {}
    lines: list[tuple[Key, list[Key]]] = []
    for pub, t in zip(published.tables, raw.tables, strict=True):
        if pub.withheld:
            continue
        n_rows, n_cols = len(t.rows), len(t.columns)

        def put(key: Key, value: Shown, true: int) -> Key:
            shown[key] = value
            truth[key] = true
            return key

        cell = {
            (r, c): put((t.id, r, c), pub.cells[r][c], t.counts[r][c])
            for r in range(n_rows) for c in range(n_cols)
        }
        if not t.totals:
            continue
        grand_key: Key = ("shared", t.shared_total) if t.shared_total else (t.id, "grand")
        assert pub.grand_total is not None
        grand = put(grand_key, pub.grand_total, t.grand_total)
        if not t.wide:
            lines.append((grand, [cell[(r, 0)] for r in range(n_rows)]))
            continue
        assert pub.row_totals is not None and pub.column_totals is not None
        rows = [put((t.id, "row", r), pub.row_totals[r], t.row_total(r)) for r in range(n_rows)]  # type: ignore[arg-type]
        cols = [put((t.id, "col", c), pub.column_totals[c], t.column_total(c)) for c in range(n_cols)]  # type: ignore[arg-type]
        lines += [(rows[r], [cell[(r, c)] for c in range(n_cols)]) for r in range(n_rows)]
        lines += [(cols[c], [cell[(r, c)] for r in range(n_rows)]) for c in range(n_cols)]
        lines += [(grand, cols), (grand, rows)]
    return shown, truth, lines


Bounds = tuple[int, int | None]


def recoverable(
    published: PublishedReport, raw: Report, known: dict[Key, Bounds] | None = None
) -> list[Key]:
    """Hidden keys whose value is pinned by the published counts (empty: the report is safe).

    A reader knows "<5" is 1..4 and "*" at least 5; `known` gives other bounds by key."""
    shown, truth, lines = _reader_system(published, raw)
    hidden = sorted((k for k, v in shown.items() if isinstance(v, Hidden)), key=repr)
    index = {k: i for i, k in enumerate(hidden)}
    t = published.threshold
    known = known or {}
    bounds: list[Bounds] = [
        known.get(k, (1, t - 1) if shown[k] is Hidden.SMALL else (t, None)) for k in hidden
    ]
    equations: list[tuple[dict[int, int], int]] = []
    for whole, parts in lines:
        coefs: dict[int, int] = {}
        rhs = 0
        for key, sign in [(whole, -1), *((p, 1) for p in parts)]:
            if key in index:
                coefs[index[key]] = coefs.get(index[key], 0) + sign
            else:
                value = shown[key]
                assert isinstance(value, int)
                rhs -= sign * value
        if coefs:
            equations.append((coefs, rhs))
    pinned = []
    for key, i in index.items():
        low, high = value_range(equations, bounds, i)
        assert low <= truth[key] and (high is None or truth[key] <= high)  # the truth is feasible
        if low == high:
            pinned.append(key)
    return pinned


def _check_primary_and_truth(published: PublishedReport, raw: Report) -> None:
    shown, truth, _ = _reader_system(published, raw)
    for key, value in shown.items():
        if isinstance(value, Hidden):
            assert truth[key] > 0, "a zero is never hidden"
            assert (value is Hidden.SMALL) == (truth[key] < published.threshold)
        else:
            assert value == truth[key]
            assert value == 0 or value >= published.threshold
    for pub, t in zip(published.tables, raw.tables, strict=True):
        if t.shared_total and not pub.withheld:
            assert not isinstance(pub.grand_total, Hidden), "a shared total is always published"


counts = st.one_of(st.integers(0, 6), st.integers(0, 40))


@st.composite
def tables(draw: st.DrawFn, shared: str | None = None, index: int = 0) -> Table:
    n_rows = draw(st.integers(1, 4))
    n_cols = draw(st.integers(1, 4))
    grid = tuple(tuple(draw(counts) for _ in range(n_cols)) for _ in range(n_rows))
    return Table(
        f"t{index}", tuple(f"r{r}" for r in range(n_rows)), tuple(f"c{c}" for c in range(n_cols)),
        grid, totals=draw(st.booleans()) if shared is None else True, shared_total=shared,
    )


@settings(max_examples=300)
@given(tables(), st.sampled_from([3, 5, 11]))
def test_no_hidden_count_of_one_table_can_be_worked_out(table: Table, threshold: int) -> None:
    raw = Report("test", PERIOD, (table,))
    published = publish(raw, threshold)
    _check_primary_and_truth(published, raw)
    assert recoverable(published, raw) == []


@st.composite
def linked_reports(draw: st.DrawFn) -> Report:
    """Several one-column tables over the same cases: each column sums to the same total."""
    total = draw(st.integers(0, 60))
    found: list[Table] = []
    for i in range(draw(st.integers(2, 3))):
        parts = draw(st.lists(st.integers(0, 8), min_size=1, max_size=5))
        parts = [*parts, max(0, total - sum(parts))] if sum(parts) <= total else parts
        found.append(Table(f"t{i}", tuple(f"r{r}" for r in range(len(parts))), ("n",),
                           tuple((p,) for p in parts), shared_total="served"))
    wanted = {t.grand_total for t in found}
    if len(wanted) > 1:  # keep only tables that sum to the first one's total
        found = [t for t in found if t.grand_total == found[0].grand_total]
    return Report("test", PERIOD, tuple(found))


@settings(max_examples=200)
@given(linked_reports(), st.sampled_from([3, 5]))
def test_tables_sharing_a_total_reveal_nothing_together(report: Report, threshold: int) -> None:
    published = publish(report, threshold)
    _check_primary_and_truth(published, report)
    assert recoverable(published, report) == []
    if 0 < report.tables[0].grand_total < threshold:
        assert all(t.withheld for t in published.tables)


def test_two_hidden_per_row_and_column_is_not_enough_and_the_audit_adds_more() -> None:
    """Two blocks of small counts joined by a small "bridge": every row and column holds two or
    more hidden counts, yet the bridge is pinned (rows a+b minus columns w+x). The audit sees it."""
    big = 50
    grid = (
        (2, 3, 2, big),  # (a, y) = 2 is the bridge between block a-b x w-x and block c-d x y-z
        (3, 2, big, big),
        (big, big, 2, 3),
        (big, big, 3, 2),
    )
    table = Table("t", ("a", "b", "c", "d"), ("w", "x", "y", "z"), grid)
    raw = Report("test", PERIOD, (table,))
    smalls = {(r, c) for r in range(4) for c in range(4) if grid[r][c] < 5}
    rule_only = PublishedTable(
        "t", table.rows, table.columns,
        tuple(tuple(Hidden.SMALL if (r, c) in smalls else grid[r][c] for c in range(4)) for r in range(4)),
        tuple(table.row_total(r) for r in range(4)), tuple(table.column_total(c) for c in range(4)),
        table.grand_total,
    )
    assert recoverable(PublishedReport("test", PERIOD, 5, (rule_only,)), raw) == [("t", 0, 2)]
    published = publish(raw, 5)
    assert recoverable(published, raw) == []
    assert published.tables[0].hidden_count > len(smalls)


def test_a_tiny_population_is_withheld_and_a_protectable_table_is_not() -> None:
    served = Table("gender", ("female", "male", "other"), ("n",), ((3,), (1,), (0,)), shared_total="served")
    ages = Table("age", ("adult", "minor"), ("n",), ((4,), (0,)), shared_total="served")
    published = publish(Report("test", PERIOD, (served, ages)), 5)
    assert all(t.withheld for t in published.tables)
    assert all(t.cells == () for t in published.tables)  # nothing at all, not even the zeros

    fine = Table("gender", ("female", "male", "other"), ("n",), ((30,), (2,), (9,)), shared_total="served")
    out = publish(Report("test", PERIOD, (fine,)), 5).tables[0]
    assert out.cells == ((Hidden.COMPLEMENT,), (Hidden.SMALL,), (Hidden.COMPLEMENT,)) or out.cells == (
        (30,), (Hidden.SMALL,), (Hidden.COMPLEMENT,))
    assert out.grand_total == 41


def test_one_small_and_one_just_large_enough_is_withheld_when_the_total_is_known() -> None:
    """1 + 5 = 6 published: a reader knows "<5" >= 1 and "*" >= 5, so both are pinned."""
    table = Table("gender", ("female", "male", "other"), ("n",), ((1,), (5,), (0,)), shared_total="served")
    raw = Report("test", PERIOD, (table,))
    published = publish(raw, 5)
    assert published.tables[0].withheld
