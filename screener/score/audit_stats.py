"""The statistics behind the bias audit: Fisher's exact test and the category-vs-rest table.

Each category of an audit is compared with everyone else in the sample on a 2x2 table, (in the
category or not) x (positive outcome or not); this module holds that table, its two-sided
Fisher's exact p-value (computed here from log-gamma, with scipy's tie tolerance, so the
project needs no scipy) and the warnings that say when a category rests on too few people for
the numbers to mean much. ``screener.score.audit`` builds the tables from these. Pure
functions only.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

SMALL_COUNT = 30  # fewer candidates in a category than this draws a warning
SMALL_EXPECTED = 5.0  # an expected 2x2 cell count under this draws a warning
# scipy.stats.fisher_exact counts a table as "as extreme" when its probability is within this
# relative tolerance of the observed table's, so ties computed in floating point are not lost.
_FISHER_RTOL = 1e-7


def fisher_exact(table: Sequence[Sequence[int]]) -> float:
    """Fisher's exact two-sided p-value for a 2x2 table ``[[a, b], [c, d]]`` of counts.

    With the margins fixed, the top-left cell follows a hypergeometric distribution; the
    p-value is the total probability of the tables no more probable than the observed one
    (within a relative tolerance of 1e-7, as scipy does). A table with an empty row or column
    has p = 1. Probabilities come from log-gamma, normalised over the whole support, so large
    samples neither overflow nor lose precision.
    """
    if len(table) != 2 or any(len(row) != 2 for row in table):
        raise ValueError("Fisher's exact test needs a 2x2 table")
    (a, b), (c, d) = table
    if min(a, b, c, d) < 0:
        raise ValueError("a contingency table holds counts: no negative cells")
    row1, row2, col1 = a + b, c + d, a + c
    n = row1 + row2
    low, high = max(0, col1 - row2), min(row1, col1)
    if low == high:  # an empty row or column: only one table is possible
        return 1.0

    def log_pmf(x: int) -> float:
        return _log_comb(row1, x) + _log_comb(row2, col1 - x) - _log_comb(n, col1)

    logs = [log_pmf(x) for x in range(low, high + 1)]
    top = max(logs)
    weights = [math.exp(value - top) for value in logs]
    observed = weights[a - low]
    extreme = math.fsum(w for w in weights if w <= observed * (1 + _FISHER_RTOL))
    return min(1.0, extreme / math.fsum(weights))


def _log_comb(n: int, k: int) -> float:
    """The natural logarithm of the binomial coefficient C(n, k), from log-gamma."""
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def _table(count: int, hits: int, n: int, total_positive: int) -> list[list[int]]:
    """The 2x2 table: (this category, everyone else) x (positive outcome, negative outcome)."""
    return [[hits, count - hits], [total_positive - hits, n - count - (total_positive - hits)]]


def category_p_value(count: int, hits: int, n: int, total_positive: int) -> float | None:
    """Fisher's p-value of a category against the rest; None when it is the whole sample."""
    if count == n:  # no one else to compare with
        return None
    return fisher_exact(_table(count, hits, n, total_positive))


def category_warnings(count: int, hits: int, n: int, total_positive: int) -> tuple[str, ...]:
    """A category's small-sample and small-expected-count warnings, in that order."""
    warnings = []
    if count < SMALL_COUNT:
        warnings.append(f"small sample: {count} candidates (under {SMALL_COUNT})")
    if count < n:
        expected = min(
            side * outcome / n
            for side in (count, n - count)
            for outcome in (total_positive, n - total_positive)
        )
        if expected < SMALL_EXPECTED:
            warnings.append(
                f"small expected count: {expected:.1f} (under {SMALL_EXPECTED:.0f}) "
                "in the category-vs-rest table"
            )
    return tuple(warnings)
