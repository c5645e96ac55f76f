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

Layout
------
This module validates the input, works out each candidate's outcome and categories, and runs
the tables; the per-dimension tables live in ``screener.score.audit_tables``, Fisher's exact
test and the category-vs-rest statistics in ``screener.score.audit_stats``, and the report
record and its renderings in ``screener.score.audit_report``. Every name is importable from
here as before.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from screener.score.audit_report import COLUMNS as COLUMNS
from screener.score.audit_report import AuditReport as AuditReport
from screener.score.audit_report import Cell as Cell
from screener.score.audit_report import Mode as Mode
from screener.score.audit_report import report_rows as report_rows
from screener.score.audit_report import report_text as report_text
from screener.score.audit_stats import SMALL_COUNT as SMALL_COUNT
from screener.score.audit_stats import SMALL_EXPECTED as SMALL_EXPECTED
from screener.score.audit_stats import fisher_exact as fisher_exact
from screener.score.audit_tables import FOUR_FIFTHS as FOUR_FIFTHS
from screener.score.audit_tables import MIN_SHARE as MIN_SHARE
from screener.score.audit_tables import UNKNOWN as UNKNOWN
from screener.score.audit_tables import ZERO_TOP_RATE as ZERO_TOP_RATE
from screener.score.audit_tables import CategoryRow as CategoryRow
from screener.score.audit_tables import category_of as category_of
from screener.score.audit_tables import dimension_rows


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
    ids = _checked_ids(candidates, dimensions, mode)
    median, outcomes = _outcomes(candidates, mode)
    n = len(candidates)
    warnings = _sample_warnings(n, demographics, ids)
    labels = _labels(candidates, demographics, dimensions)

    rows: list[CategoryRow] = []
    for dimension, categories in labels.items():
        dimension_table, dimension_warnings = dimension_rows(
            dimension, categories, outcomes, min_share
        )
        rows.extend(dimension_table)
        warnings.extend(dimension_warnings)
    return AuditReport(
        mode=mode,
        sample_size=n,
        median=median,
        dimensions=tuple(labels),
        rows=tuple(rows),
        warnings=tuple(warnings),
    )


def _checked_ids(candidates: Sequence[Candidate], dimensions: list[str], mode: Mode) -> list[str]:
    """The candidates' ids, once the mode, sample, dimensions and ids are checked valid."""
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
    return ids


def _outcomes(candidates: Sequence[Candidate], mode: Mode) -> tuple[float | None, list[bool]]:
    """The sample median (scoring mode only) and whether each candidate's outcome is positive."""
    if mode == "scoring":
        scores = [float(candidate.score) for candidate in candidates]
        if not all(math.isfinite(score) for score in scores):
            raise ValueError("every score must be a finite number in scoring mode")
        median = float(statistics.median(scores))
        return median, [score > median for score in scores]
    return None, [bool(candidate.selected) for candidate in candidates]


def _sample_warnings(
    n: int, demographics: Mapping[str, Mapping[str, str | None]], ids: list[str]
) -> list[str]:
    """Warnings about the whole sample: too few candidates, demographic records left unused."""
    warnings: list[str] = []
    if n < SMALL_COUNT:
        warnings.append(f"small sample: {n} candidates in all (under {SMALL_COUNT})")
    strangers = len(set(demographics) - set(ids))
    if strangers:
        warnings.append(f"{strangers} demographic record(s) match no audited candidate: ignored")
    return warnings


def _labels(
    candidates: Sequence[Candidate],
    demographics: Mapping[str, Mapping[str, str | None]],
    dimensions: list[str],
) -> dict[str, list[str]]:
    """Each candidate's category by dimension, then by the intersection of two or more."""
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
    return labels
