"""An exact LP (rational simplex) for auditing suppression, itself checked against brute force.

The suppression tests use `value_range` to compute, independently of the app's cycle audit, the
smallest and largest value a hidden count can take given every published count and total and
what its marker says ("<5": 1..4, "*": 5 or more). Table equations are totally unimodular, so
the LP's extremes are integers a reader could actually reach; the brute-force test below checks
that on small systems by enumerating every integer solution.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

from hypothesis import assume, given
from hypothesis import strategies as st

Row = list[Fraction]


def _pivot(tableau: list[Row], basis: list[int], row: int, col: int) -> None:
    factor = tableau[row][col]
    tableau[row] = [v / factor for v in tableau[row]]
    for i, other in enumerate(tableau):
        if i != row and other[col] != 0:
            k = other[col]
            tableau[i] = [a - k * b for a, b in zip(other, tableau[row], strict=True)]
    if row < len(basis):
        basis[row] = col


def _run(tableau: list[Row], basis: list[int], allowed: int) -> bool:
    """Maximise the objective (last row, reduced costs); False when unbounded. Bland's rule."""
    m = len(basis)
    while True:
        obj = tableau[m]
        entering = next((j for j in range(allowed) if obj[j] < 0), None)
        if entering is None:
            return True
        best: tuple[Fraction, int, int] | None = None
        for i in range(m):
            a = tableau[i][entering]
            if a > 0:
                key = (tableau[i][-1] / a, basis[i], i)
                if best is None or key < best:
                    best = key
        if best is None:
            return False
        _pivot(tableau, basis, best[2], entering)


def maximise(a: list[list[int]], b: list[int], c: list[int]) -> Fraction | None:
    """max c.y subject to a.y = b, y >= 0; None when unbounded; raises when infeasible."""
    m, n = len(a), len(c)
    rows = [[Fraction(v) for v in r] + [Fraction(bi)] for r, bi in zip(a, b, strict=True)]
    rows = [r if r[-1] >= 0 else [-v for v in r] for r in rows]
    tableau = [r[:-1] + [Fraction(int(i == k)) for k in range(m)] + [r[-1]] for i, r in enumerate(rows)]
    basis = [n + i for i in range(m)]
    phase1 = [-sum((t[j] for t in tableau), Fraction(0)) for j in range(n)] + [Fraction(0)] * m
    tableau.append([*phase1, -sum((t[-1] for t in tableau), Fraction(0))])
    _run(tableau, basis, n + m)
    if tableau[m][-1] != 0:
        raise ValueError("infeasible")
    for i in range(m):  # drive artificials out of the basis, or drop their redundant rows
        if basis[i] >= n:
            col = next((j for j in range(n) if tableau[i][j] != 0), None)
            if col is not None:
                _pivot(tableau, basis, i, col)
    keep = [i for i in range(m) if basis[i] < n]
    tableau = [[*tableau[i][:n], tableau[i][-1]] for i in keep]
    basis = [basis[i] for i in keep]
    obj = [Fraction(-v) for v in c] + [Fraction(0)]
    for i, j in enumerate(basis):
        if obj[j] != 0:
            k = obj[j]
            obj = [x - k * y for x, y in zip(obj, tableau[i], strict=True)]
    tableau.append(obj)
    if not _run(tableau, basis, n):
        return None
    return tableau[len(basis)][-1]


def value_range(
    equations: list[tuple[dict[int, int], int]],
    bounds: list[tuple[int, int | None]],
    target: int,
) -> tuple[Fraction, Fraction | None]:
    """Smallest and largest x[target] with sum(coef * x) = rhs for each equation, within bounds."""
    n = len(bounds)
    uppers = [k for k, (_lo, hi) in enumerate(bounds) if hi is not None]
    width = n + len(uppers)
    a: list[list[int]] = []
    b: list[int] = []
    for coefs, rhs in equations:  # y = x - lo
        a.append([coefs.get(k, 0) for k in range(n)] + [0] * len(uppers))
        b.append(rhs - sum(coefs.get(k, 0) * bounds[k][0] for k in range(n)))
    for slot, k in enumerate(uppers):
        row = [0] * width
        row[k], row[n + slot] = 1, 1
        hi = bounds[k][1]
        assert hi is not None
        a.append(row)
        b.append(hi - bounds[k][0])
    c = [0] * width
    c[target] = 1
    top = maximise(a, b, c)
    c[target] = -1
    bottom = maximise(a, b, c)
    assert bottom is not None  # y >= 0 bounds it below
    low = bounds[target][0]
    return low - bottom, None if top is None else low + top


# --- the LP against brute force ----------------------------------------------------------------
@given(
    st.integers(1, 3), st.integers(1, 3), st.data(),
)
def test_the_lp_range_is_the_integer_range_of_a_table_with_margins(rows: int, cols: int, data: st.DataObject) -> None:
    """Hide some cells of a small table with margins; the LP range equals brute-force enumeration."""
    cells = data.draw(st.lists(st.lists(st.integers(0, 4), min_size=cols, max_size=cols), min_size=rows, max_size=rows))
    values = {(r, c): cells[r][c] for r in range(rows) for c in range(cols)}
    for r in range(rows):
        values[(r, cols)] = sum(cells[r])
    for c in range(cols):
        values[(rows, c)] = sum(cells[r][c] for r in range(rows))
    values[(rows, cols)] = sum(map(sum, cells))
    positions = sorted(values)
    hidden = data.draw(st.lists(st.sampled_from(positions), min_size=1, max_size=5, unique=True))
    index = {p: k for k, p in enumerate(hidden)}
    cap = values[(rows, cols)] + 2
    assume((cap + 1) ** len(hidden) <= 40_000)  # brute force stays quick
    bounds: list[tuple[int, int | None]] = [(0, cap) for _ in hidden]
    lines = [[(r, c) for c in range(cols + 1)] for r in range(rows + 1)]
    lines += [[(r, c) for r in range(rows + 1)] for c in range(cols + 1)]
    equations: list[tuple[dict[int, int], int]] = []
    for line in lines:  # parts minus whole (the last one) = 0
        coefs: dict[int, int] = {}
        rhs = 0
        for k, p in enumerate(line):
            sign = -1 if k == len(line) - 1 else 1
            if p in index:
                coefs[index[p]] = sign
            else:
                rhs -= sign * values[p]
        if coefs:
            equations.append((coefs, rhs))
    solutions = [
        combo for combo in itertools.product(range(cap + 1), repeat=len(hidden))
        if all(sum(co * combo[k] for k, co in coefs.items()) == rhs for coefs, rhs in equations)
    ]
    for k in range(len(hidden)):
        low, high = value_range(equations, bounds, k)
        assert (low, high) == (Fraction(min(s[k] for s in solutions)), Fraction(max(s[k] for s in solutions)))


def test_the_lp_says_when_a_value_is_unbounded_or_pinned() -> None:
    # x0 + x1 = 6 with x1 >= 5 and x0 in 1..4: x0 is exactly 1.
    assert value_range([({0: 1, 1: 1}, 6)], [(1, 4), (5, None)], 0) == (Fraction(1), Fraction(1))
    # x0 - x1 = 0, nothing else: x0 unbounded above.
    assert value_range([({0: 1, 1: -1}, 0)], [(1, None), (1, None)], 0) == (Fraction(1), None)
