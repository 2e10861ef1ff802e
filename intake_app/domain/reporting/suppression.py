"""Small-cell suppression with complementary suppression, and the audit that proves it holds.

The rule, as printed under every table (labels.rule_sentence):
1. Primary: every count from 1 to threshold-1 (row, column and grand totals included) is hidden
   and shown as "<5". Zero is shown: it describes nobody.
2. Complementary: wherever a row or column (with its total) holds exactly one hidden count,
   the smallest other non-zero count in it is hidden too, shown as "*"; counts inside the table
   are taken before totals. Repeated until no row or column has a lone hidden count.
3. Audit: for every hidden count, the app checks that the published counts and totals cannot
   pin down its value, knowing what a reader knows: a "<5" is from 1 to threshold-1, a "*" is at
   least the threshold (zeros are never hidden). Where one could be pinned, the smallest
   non-zero count beside it is hidden as well, and the audit runs again.
4. A table whose counts cannot be protected, and every table over fewer cases than the
   threshold, is withheld whole.

The audit is exact, not a heuristic: the equations of a table with margins, written with the
margins negated, say that every row and every column of the extended grid sums to zero, which
is a circulation on the bipartite graph of rows and columns. A hidden count can change (so is
not determined) exactly when it lies on an alternating cycle of hidden counts each of which
has room to move one step in its direction within the bounds above. Because that system is
totally unimodular, one integer step along such a cycle is another solution a reader cannot
tell from the truth; when no cycle exists, the value is the only one possible.

Across tables: tables over the same cases share their grand total (`shared_total`), which is
never picked as a complement and is published in every one of them, or the tables are all
withheld when it is small. Each table is then audited with that total known, which is what a
reader holding the whole report knows, so combining tables of one report reveals no hidden
count. Two different reports of one period are each protected on their own; a difference
between their totals (clients served in one, new cases in another) is not audited.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from intake_app.domain.reporting.tables import (
    DEFAULT_THRESHOLD,
    Hidden,
    Measure,
    PublishedMeasure,
    PublishedReport,
    PublishedTable,
    Report,
    Shown,
    Table,
)
from intake_app.errors import InvalidInput

Pos = tuple[int, int]  # (row, column) in the grid with the totals row and column at the end
MAX_THRESHOLD = 100
_UNBOUNDED = 1 << 62


def check_threshold(threshold: int) -> int:
    if type(threshold) is not int or not 2 <= threshold <= MAX_THRESHOLD:
        raise InvalidInput(field="threshold", reason=f"must be a whole number from 2 to {MAX_THRESHOLD}")
    return threshold


class _Grid:
    """One table's counts by position, its equations (lines) and the cells shared with others."""

    def __init__(self, table: Table) -> None:
        self.table = table
        n_rows, n_cols = len(table.rows), len(table.columns)
        self.value: dict[Pos, int] = {
            (r, c): table.counts[r][c] for r in range(n_rows) for c in range(n_cols)
        }
        self.lines: list[tuple[Pos, list[Pos]]] = []  # (whole, parts)
        self.grand: Pos | None = None
        if not table.totals:
            return
        if not table.wide:
            self.grand = (n_rows, 0)
            self.value[self.grand] = table.grand_total
            self.lines.append((self.grand, [(r, 0) for r in range(n_rows)]))
            return
        self.grand = (n_rows, n_cols)
        for r in range(n_rows):
            self.value[(r, n_cols)] = table.row_total(r)
            self.lines.append(((r, n_cols), [(r, c) for c in range(n_cols)]))
        for c in range(n_cols):
            self.value[(n_rows, c)] = table.column_total(c)
            self.lines.append(((n_rows, c), [(r, c) for r in range(n_rows)]))
        self.value[self.grand] = table.grand_total
        self.lines.append((self.grand, [(n_rows, c) for c in range(n_cols)]))
        self.lines.append((self.grand, [(r, n_cols) for r in range(n_rows)]))

    @property
    def shared(self) -> frozenset[Pos]:
        return frozenset({self.grand}) if self.table.shared_total and self.grand else frozenset()

    def is_margin(self, pos: Pos) -> bool:
        return pos[0] == len(self.table.rows) or pos[1] == len(self.table.columns)


def _bounds(kind: Hidden, threshold: int) -> tuple[int, int]:
    """What a reader knows of a hidden count from its marker (zeros are never hidden)."""
    return (1, threshold - 1) if kind is Hidden.SMALL else (threshold, _UNBOUNDED)


def exposed(grid: _Grid, hidden: dict[Pos, Hidden], threshold: int) -> list[Pos]:
    """Hidden positions whose value the published counts determine (see the module docstring)."""
    if not grid.lines:
        return []
    n_rows = len(grid.table.rows)
    # Edges of the circulation graph: (position it stands for, row node, column node, sign).
    edges: list[tuple[Pos, int, int, int]] = []
    for pos in hidden:
        r, c = pos
        if grid.table.wide:
            sign = -1 if grid.is_margin(pos) and pos != grid.grand else 1
            edges.append((pos, r, c, sign))
        else:  # one column: a twin column holds each count negated, so rows also sum to zero
            edges.append((pos, r, 0, -1 if r == n_rows else 1))
            edges.append((pos, r, 1, 1 if r == n_rows else -1))
    moves: list[tuple[bool, bool]] = []  # per edge: can z go up one, can z go down one
    for pos, _r, _c, sign in edges:
        low, high = _bounds(hidden[pos], threshold)
        v = grid.value[pos]
        moves.append((v < high, v > low) if sign > 0 else (v > low, v < high))
    found: list[Pos] = []
    for index, (pos, r, c, _sign) in enumerate(edges):
        if pos in found or (not grid.table.wide and c == 1):
            continue
        # z up along this edge needs room to rise and a path back column c -> row r; z down
        # needs room to fall and a path row r -> column c.
        up, down = moves[index]
        if not ((up and _reaches(edges, moves, index, ("c", c), ("r", r)))
                or (down and _reaches(edges, moves, index, ("r", r), ("c", c)))):
            found.append(pos)
    return found


def _reaches(
    edges: list[tuple[Pos, int, int, int]],
    moves: list[tuple[bool, bool]],
    skip: int,
    start: tuple[str, int],
    goal: tuple[str, int],
) -> bool:
    """Whether goal is reachable: row -> column where z can rise, column -> row where it can fall."""
    seen = {start}
    queue = deque([start])
    while queue:
        side, node = queue.popleft()
        for index, ((_pos, r, c, _sign), (up, down)) in enumerate(zip(edges, moves, strict=True)):
            if index == skip:
                continue
            if side == "r" and r == node and up:
                nxt = ("c", c)
            elif side == "c" and c == node and down:
                nxt = ("r", r)
            else:
                continue
            if nxt == goal:
                return True
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return False


def _candidates(grid: _Grid, hidden: dict[Pos, Hidden], among: Iterable[Pos]) -> list[Pos]:
    shared = grid.shared
    return sorted(
        (p for p in set(among) if p not in hidden and grid.value[p] > 0 and p not in shared),
        key=lambda p: (grid.is_margin(p), grid.value[p], p),
    )


def protect(table: Table, threshold: int = DEFAULT_THRESHOLD) -> dict[Pos, Hidden] | None:
    """What to hide in `table`; None when it must be withheld whole."""
    grid = _Grid(table)
    hidden = {p: Hidden.SMALL for p, v in grid.value.items() if 0 < v < threshold}
    if any(p in grid.shared for p in hidden):
        return None  # fewer cases than the threshold in all: nothing about them is shown
    while True:
        changed = False
        for whole, parts in grid.lines:
            cells = [whole, *parts]
            if sum(1 for p in cells if p in hidden) != 1:
                continue
            pick = _candidates(grid, hidden, cells)
            if not pick:
                return None
            hidden[pick[0]] = Hidden.COMPLEMENT
            changed = True
        if changed:
            continue
        weak = exposed(grid, hidden, threshold)
        if not weak:
            return hidden
        near = [p for whole, parts in grid.lines if weak[0] in (whole, *parts) for p in (whole, *parts)]
        pick = _candidates(grid, hidden, near) or _candidates(grid, hidden, grid.value)
        if not pick:
            return None
        hidden[pick[0]] = Hidden.COMPLEMENT


def _published(table: Table, hidden: dict[Pos, Hidden] | None) -> PublishedTable:
    grid = _Grid(table)
    n_rows, n_cols = len(table.rows), len(table.columns)

    def shown(pos: Pos) -> Shown:
        if hidden is None:
            return Hidden.SMALL if grid.value[pos] else 0
        return hidden.get(pos, grid.value[pos])

    if hidden is None:
        return PublishedTable(table.id, table.rows, table.columns, (), None, None, None, withheld=True)
    cells = tuple(tuple(shown((r, c)) for c in range(n_cols)) for r in range(n_rows))
    if not table.totals:
        return PublishedTable(table.id, table.rows, table.columns, cells, None, None, None)
    if not table.wide:
        return PublishedTable(table.id, table.rows, table.columns, cells, None, None, shown((n_rows, 0)))
    return PublishedTable(
        table.id, table.rows, table.columns, cells,
        tuple(shown((r, n_cols)) for r in range(n_rows)),
        tuple(shown((n_rows, c)) for c in range(n_cols)),
        shown((n_rows, n_cols)),
    )


def publish_measure(measure: Measure, threshold: int) -> PublishedMeasure:
    if measure.basis < threshold:
        return PublishedMeasure(measure.id, None, withheld=measure.basis > 0)
    return PublishedMeasure(measure.id, measure.value)


def publish(report: Report, threshold: int = DEFAULT_THRESHOLD) -> PublishedReport:
    """The report as it may be shown, exported or sent: small counts hidden, the rest audited."""
    check_threshold(threshold)
    small_totals = {
        t.shared_total for t in report.tables
        if t.shared_total and 0 < t.grand_total < threshold
    }
    tables = tuple(
        _published(t, None if t.shared_total in small_totals else protect(t, threshold))
        for t in report.tables
    )
    measures = tuple(publish_measure(m, threshold) for m in report.measures)
    return PublishedReport(report.kind, report.period, threshold, tables, measures)
