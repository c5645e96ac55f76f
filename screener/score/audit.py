"""Bias-audit tables in the style of New York City's Local Law 144. Pure functions only.

What the tables are
-------------------
For each self-reported demographic dimension (say "sex" and "race"), and for the intersection
of all the dimensions given ("sex x race"), one row per category: how many candidates it holds,
its share of the sample, its *rate*, and its *impact ratio* (the rate divided by the highest
rate among the categories included in ratios). An impact ratio under 0.8 is flagged under the
"four-fifths rule" of thumb.

How they are computed
---------------------
* **Selection mode**: the rate is the share of the category's candidates that were selected
  (``selected`` is True).
* **Scoring mode**: the rate is the *scoring rate* the Local Law 144 rules define for scores:
  the share of the category's candidates scoring **above the sample median**. The median is
  taken over every candidate audited. A score *equal to* the median is not above it, so when
  many candidates tie at the median, fewer than half of the sample is "above". The candidates'
  ``selected`` flags are ignored in this mode.
* **Unknown**: a missing, ``None`` or blank value (or the literal "unknown", in any case) is
  the category "Unknown". Categories are taken as reported, never inferred. "Unknown" is
  listed as a category of its own but excluded from impact ratios. In the intersection a
  candidate whose value is unknown in *any* dimension falls in the single category "Unknown".
* **Small categories**: a category under 2% of the sample (``min_share``) is listed but
  excluded from impact ratios, as the Local Law 144 rules allow.
* **Impact ratio** is ``None`` for excluded categories; for every category when the highest
  rate among the included ones is zero (with the warning "no category has a positive rate:
  impact ratios are undefined"); and for a dimension with a single included category, which
  has nothing to be compared with (with a warning). The four-fifths flag is computed in exact
  rational arithmetic, so a ratio of exactly 4/5 is not flagged.
* **p-value**: Fisher's exact two-sided test of the category against everyone else in the
  sample (all other categories, Unknown included), on the 2x2 table (in the category or not)
  x (positive outcome or not), where the outcome is "selected" or "scored above the median".
  It is ``None`` when the category is the whole sample.
* **Warnings** on a row: fewer than 30 candidates in the category, or an expected cell count
  under 5 in its 2x2 table; the numbers then rest on too few people to mean much.

Limits
------
This is arithmetic, not legal advice, and a table without a flag is not a finding that a
process is fair. What a Local Law 144 audit examines is the selection actually made (by the
tool, or by the people acting on its output): pass the decisions people made as ``selected``,
not the tool's shortlist unless that is what was acted on. Demographic data must be
voluntarily self-reported by candidates, collected and stored apart from the resumes and the
scores, and never shown to whoever screens; this module only joins the two by file name, in
memory, to count. The four-fifths rule and the p-values say different things: a large sample
makes small gaps "significant", a small one leaves large gaps unproven.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal, Protocol

UNKNOWN = "Unknown"
MIN_SHARE = 0.02  # categories under this share of the sample are excluded from impact ratios
FOUR_FIFTHS = Fraction(4, 5)
SMALL_COUNT = 30  # fewer candidates in a category than this draws a warning
SMALL_EXPECTED = 5.0  # an expected 2x2 cell count under this draws a warning
ZERO_TOP_RATE = "no category has a positive rate: impact ratios are undefined"
# scipy.stats.fisher_exact counts a table as "as extreme" when its probability is within this
# relative tolerance of the observed table's, so ties computed in floating point are not lost.
_FISHER_RTOL = 1e-7

Mode = Literal["selection", "scoring"]


class Candidate(Protocol):
    """What the audit reads from a candidate: ``id`` (the file name), ``score``, ``selected``."""

    @property
    def id(self) -> str: ...

    @property
    def score(self) -> float: ...

    @property
    def selected(self) -> bool: ...


@dataclass(frozen=True)
class AuditCandidate:
    """A plain candidate record satisfying :class:`Candidate`."""

    id: str
    score: float
    selected: bool


@dataclass(frozen=True)
class CategoryRow:
    """One category of one dimension (or of the intersection of the dimensions).

    ``positives`` counts the category's candidates that were selected (selection mode) or
    scored above the median (scoring mode); ``rate`` is ``positives / count``.
    ``excluded_reason`` says why the category is left out of impact ratios (``None`` when it is
    included); ``four_fifths`` is True when ``impact_ratio`` is below 0.8.
    """

    dimension: str
    category: str
    count: int
    share: float
    positives: int
    rate: float
    impact_ratio: float | None
    excluded_reason: str | None
    four_fifths: bool
    p_value: float | None
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class AuditReport:
    """Every row of an audit, in dimension order, and the warnings about the whole audit."""

    mode: Mode
    sample_size: int
    median: float | None  # the sample median score (scoring mode only)
    dimensions: tuple[str, ...]  # as given, then the intersection when there are two or more
    rows: tuple[CategoryRow, ...]
    warnings: tuple[str, ...]


COLUMNS: tuple[str, ...] = (
    "dimension",
    "category",
    "count",
    "share",
    "positives",
    "rate",
    "impact_ratio",
    "four_fifths",
    "p_value",
    "excluded_reason",
    "warnings",
)

Cell = str | int | float | bool | None


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
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def category_of(value: str | None) -> str:
    """The category a self-reported value counts in: missing, blank or "unknown" is Unknown."""
    if value is None:
        return UNKNOWN
    text = " ".join(str(value).split())
    if not text or text.casefold() == UNKNOWN.casefold():
        return UNKNOWN
    return text


def audit(
    candidates: Sequence[Candidate],
    demographics: Mapping[str, Mapping[str, str | None]],
    *,
    dimensions: list[str],
    mode: Mode,
    min_share: float = MIN_SHARE,
) -> AuditReport:
    """Audit tables for ``candidates`` by each of ``dimensions`` and by their intersection.

    ``demographics`` maps a candidate's id to its self-reported values by dimension; a
    candidate missing from it, or missing a dimension, is Unknown there. ``mode`` picks the
    rate: "selection" (share selected) or "scoring" (share scoring above the sample median).
    ``min_share`` is the share of the sample under which a category is excluded from impact
    ratios (0.02 by default; 0 keeps every known category). Raises ValueError on an empty
    sample, duplicate candidate ids, no or repeated dimensions, an unknown mode, or a score
    that is not a finite number in scoring mode.
    """
    if mode not in ("selection", "scoring"):
        raise ValueError(f"mode must be 'selection' or 'scoring', not {mode!r}")
    if not candidates:
        raise ValueError("no candidates to audit")
    if not dimensions:
        raise ValueError("name at least one dimension to audit")
    if len(set(dimensions)) != len(dimensions):
        raise ValueError(f"a dimension is named twice: {dimensions}")
    ids = [candidate.id for candidate in candidates]
    repeated = sorted(name for name, times in Counter(ids).items() if times > 1)
    if repeated:
        raise ValueError(f"candidate ids must be unique; repeated: {', '.join(repeated)}")

    median: float | None = None
    if mode == "scoring":
        scores = [float(candidate.score) for candidate in candidates]
        if not all(math.isfinite(score) for score in scores):
            raise ValueError("every score must be a finite number in scoring mode")
        median = float(statistics.median(scores))
        outcomes = [score > median for score in scores]
    else:
        outcomes = [bool(candidate.selected) for candidate in candidates]

    n = len(candidates)
    warnings: list[str] = []
    if n < SMALL_COUNT:
        warnings.append(f"small sample: {n} candidates in all (under {SMALL_COUNT})")
    strangers = len(set(demographics) - set(ids))
    if strangers:
        warnings.append(f"{strangers} demographic record(s) match no audited candidate: ignored")

    labels: dict[str, list[str]] = {}
    for dimension in dimensions:
        labels[dimension] = [
            category_of(demographics.get(candidate.id, {}).get(dimension))
            for candidate in candidates
        ]
    if len(dimensions) > 1:
        intersection = " x ".join(dimensions)
        labels[intersection] = [
            UNKNOWN if UNKNOWN in parts else " / ".join(parts)
            for parts in zip(*(labels[dimension] for dimension in dimensions), strict=True)
        ]

    rows: list[CategoryRow] = []
    for dimension, categories in labels.items():
        dimension_rows, dimension_warnings = _dimension_rows(
            dimension, categories, outcomes, min_share
        )
        rows.extend(dimension_rows)
        warnings.extend(dimension_warnings)
    return AuditReport(
        mode=mode,
        sample_size=n,
        median=median,
        dimensions=tuple(labels),
        rows=tuple(rows),
        warnings=tuple(warnings),
    )


def _dimension_rows(
    dimension: str, categories: list[str], outcomes: list[bool], min_share: float
) -> tuple[list[CategoryRow], list[str]]:
    """The rows of one dimension, given each candidate's category and outcome, in order."""
    n = len(categories)
    total_positive = sum(outcomes)
    counts = Counter(categories)
    positives = Counter(category for category, hit in zip(categories, outcomes, strict=True) if hit)
    order = sorted(counts, key=lambda category: (category == UNKNOWN, category))

    excluded: dict[str, str | None] = {}
    for category in order:
        share = counts[category] / n
        if category == UNKNOWN:
            excluded[category] = "Unknown: reported, but excluded from impact ratios"
        elif share < min_share:
            excluded[category] = (
                f"under {min_share:.0%} of the sample ({share:.2%}): excluded from impact ratios"
            )
        else:
            excluded[category] = None
    included = [category for category in order if excluded[category] is None]
    rate_of = {category: Fraction(positives[category], counts[category]) for category in order}

    warnings: list[str] = []
    top: Fraction | None = None
    if not included:
        warnings.append(f"{dimension}: no category is included in impact ratios")
    elif len(included) == 1:
        warnings.append(
            f"{dimension}: only one category ({included[0]}) is included in impact ratios: "
            "there is nothing to compare it with, so its ratio is undefined"
        )
    elif max(rate_of[category] for category in included) == 0:
        warnings.append(f"{dimension}: {ZERO_TOP_RATE}")
    else:
        top = max(rate_of[category] for category in included)

    rows = []
    for category in order:
        count, hits = counts[category], positives[category]
        ratio = rate_of[category] / top if top is not None and category in included else None
        rows.append(
            CategoryRow(
                dimension=dimension,
                category=category,
                count=count,
                share=count / n,
                positives=hits,
                rate=hits / count,
                impact_ratio=None if ratio is None else float(ratio),
                excluded_reason=excluded[category],
                four_fifths=ratio is not None and ratio < FOUR_FIFTHS,
                p_value=_p_value(count, hits, n, total_positive),
                warnings=_row_warnings(count, hits, n, total_positive),
            )
        )
    return rows, warnings


def _table(count: int, hits: int, n: int, total_positive: int) -> list[list[int]]:
    """The 2x2 table: (this category, everyone else) x (positive outcome, negative outcome)."""
    return [[hits, count - hits], [total_positive - hits, n - count - (total_positive - hits)]]


def _p_value(count: int, hits: int, n: int, total_positive: int) -> float | None:
    if count == n:  # no one else to compare with
        return None
    return fisher_exact(_table(count, hits, n, total_positive))


def _row_warnings(count: int, hits: int, n: int, total_positive: int) -> tuple[str, ...]:
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


def report_rows(report: AuditReport) -> list[tuple[Cell, ...]]:
    """The report's rows as tuples in :data:`COLUMNS` order, for a sheet or a CSV file.

    Numbers stay numbers (shares and rates as fractions of 1); an undefined impact ratio or
    p-value is ``None``; a row's warnings are joined with "; " (empty when there are none).
    """
    return [
        (
            row.dimension,
            row.category,
            row.count,
            row.share,
            row.positives,
            row.rate,
            row.impact_ratio,
            row.four_fifths,
            row.p_value,
            row.excluded_reason,
            "; ".join(row.warnings),
        )
        for row in report.rows
    ]


def report_text(report: AuditReport) -> str:
    """The report as a plain-text table for a terminal, notes and warnings below it."""
    rate_name = "selection rate" if report.mode == "selection" else "scoring rate"
    heading = f"Bias audit ({rate_name}), {report.sample_size} candidates"
    if report.median is not None:
        heading += f", median score {report.median:g} (rate = share scoring above it)"
    header = ("dimension", "category", "count", "share", rate_name, "impact ratio", "<4/5", "p")
    body = [
        (
            row.dimension,
            row.category,
            str(row.count),
            f"{row.share:.1%}",
            f"{row.rate:.1%}",
            "-" if row.impact_ratio is None else f"{row.impact_ratio:.3f}",
            "yes" if row.four_fifths else "",
            "-" if row.p_value is None else f"{row.p_value:.4g}",
        )
        for row in report.rows
    ]
    widths = [max(len(line[i]) for line in (header, *body)) for i in range(len(header))]
    numeric = set(range(2, len(header)))

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(
            cell.rjust(width) if i in numeric else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    out = [heading, "", line(header), line(tuple("-" * width for width in widths))]
    out.extend(line(cells) for cells in body)
    notes = [
        f"{row.dimension} / {row.category}: {note}"
        for row in report.rows
        for note in ((row.excluded_reason,) if row.excluded_reason else ()) + row.warnings
    ]
    if notes:
        out += ["", "Notes:", *(f"  {note}" for note in notes)]
    if report.warnings:
        out += ["", "Warnings:", *(f"  {warning}" for warning in report.warnings)]
    return "\n".join(out) + "\n"
