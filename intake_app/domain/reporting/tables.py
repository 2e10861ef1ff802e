"""Report tables: raw counts (inside the app only) and their published form (what leaves it).

A `Table` holds labels as keys (translated when shown) and integer counts. With `totals`, a
one-column table has a total row; a wider one has a total per row, per column and a grand
total. Tables over the same cases name their common grand total in `shared_total` ("served").

A `PublishedTable` is what every export and chart reads: each cell a count or a `Hidden` marker,
never a raw small count. Exports take only a `PublishedReport`, so no code, name or free text
can reach them: there is no field that could hold one.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from intake_app.domain.reporting.periods import Period

DEFAULT_THRESHOLD = 5


class Hidden(enum.StrEnum):
    SMALL = "small"  # 1 to threshold-1: shown as "<5"
    COMPLEMENT = "complement"  # hidden so that a small count cannot be worked out: "*"
    PARTIAL = "partial"  # combined across agencies, and some agency hid its part: "*"


Shown = int | Hidden


@dataclass(frozen=True, slots=True)
class Table:
    id: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]  # counts[row][column]
    totals: bool = True
    shared_total: str | None = None

    def __post_init__(self) -> None:
        if len(self.counts) != len(self.rows) or any(len(r) != len(self.columns) for r in self.counts):
            raise ValueError(f"table {self.id}: counts do not match its labels")
        if any(c < 0 for r in self.counts for c in r):
            raise ValueError(f"table {self.id}: a count is negative")

    @property
    def wide(self) -> bool:
        return len(self.columns) > 1

    def row_total(self, row: int) -> int:
        return sum(self.counts[row])

    def column_total(self, column: int) -> int:
        return sum(r[column] for r in self.counts)

    @property
    def grand_total(self) -> int:
        return sum(sum(r) for r in self.counts)


@dataclass(frozen=True, slots=True)
class Measure:
    """One statistic that is not a count (a median), over `basis` cases."""

    id: str
    value: float | None
    basis: int


@dataclass(frozen=True, slots=True)
class Report:
    """Raw counts for a period; never leaves the app (see suppression.publish)."""

    kind: str
    period: Period
    tables: tuple[Table, ...]
    measures: tuple[Measure, ...] = ()

    def table(self, table_id: str) -> Table:
        return next(t for t in self.tables if t.id == table_id)


@dataclass(frozen=True, slots=True)
class PublishedTable:
    id: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[Shown, ...], ...]
    row_totals: tuple[Shown, ...] | None  # wide tables with totals only
    column_totals: tuple[Shown, ...] | None  # wide tables with totals only
    grand_total: Shown | None  # tables with totals
    withheld: bool = False  # too few cases to show any count without revealing someone

    def cell(self, row: str, column: str) -> Shown:
        return self.cells[self.rows.index(row)][self.columns.index(column)]

    @property
    def hidden_count(self) -> int:
        every = [c for r in self.cells for c in r]
        every += [*(self.row_totals or ()), *(self.column_totals or ())]
        every += [] if self.grand_total is None else [self.grand_total]
        return sum(1 for c in every if isinstance(c, Hidden))


@dataclass(frozen=True, slots=True)
class PublishedMeasure:
    """A statistic, shown only over at least `threshold` cases; its basis is never published."""

    id: str
    value: float | None  # None: withheld, or no case to measure
    withheld: bool = False


@dataclass(frozen=True, slots=True)
class PublishedReport:
    kind: str
    period: Period
    threshold: int
    tables: tuple[PublishedTable, ...]
    measures: tuple[PublishedMeasure, ...] = ()
    combined_from: int = 1  # how many agencies' reports were combined into this one

    def table(self, table_id: str) -> PublishedTable:
        return next(t for t in self.tables if t.id == table_id)
