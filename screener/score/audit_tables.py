"""The per-dimension tables of the bias audit: one row per category of one dimension.

Given each candidate's category in a dimension (or in the intersection of the dimensions) and
whether their outcome was positive, this module counts the categories, decides which are
excluded from impact ratios (Unknown, and categories under ``min_share`` of the sample), finds
the top rate among the included ones and builds each :class:`CategoryRow` with its impact
ratio, four-fifths flag, p-value and warnings. Rates and ratios are kept as exact fractions
until a row is built, so a ratio of exactly 4/5 is not flagged. ``screener.score.audit`` runs
it for every dimension. Pure functions only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from screener.score.audit_stats import category_p_value, category_warnings

UNKNOWN = "Unknown"
MIN_SHARE = 0.02  # categories under this share of the sample are excluded from impact ratios
FOUR_FIFTHS = Fraction(4, 5)
ZERO_TOP_RATE = "no category has a positive rate: impact ratios are undefined"


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


def category_of(value: str | None) -> str:
    """The category a self-reported value counts in: missing, blank or "unknown" is Unknown."""
    if value is None:
        return UNKNOWN
    text = " ".join(str(value).split())
    if not text or text.casefold() == UNKNOWN.casefold():
        return UNKNOWN
    return text


def dimension_rows(
    dimension: str, categories: list[str], outcomes: list[bool], min_share: float
) -> tuple[list[CategoryRow], list[str]]:
    """The rows of one dimension, given each candidate's category and outcome, in order."""
    n = len(categories)
    total_positive = sum(outcomes)
    counts = Counter(categories)
    positives = Counter(category for category, hit in zip(categories, outcomes, strict=True) if hit)
    order = sorted(counts, key=lambda category: (category == UNKNOWN, category))

    excluded = _exclusions(order, counts, n, min_share)
    included = [category for category in order if excluded[category] is None]
    rate_of = {category: Fraction(positives[category], counts[category]) for category in order}
    top, warnings = _top_rate(dimension, included, rate_of)

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
                p_value=category_p_value(count, hits, n, total_positive),
                warnings=category_warnings(count, hits, n, total_positive),
            )
        )
    return rows, warnings


def _exclusions(
    order: list[str], counts: Counter[str], n: int, min_share: float
) -> dict[str, str | None]:
    """Why each category is excluded from impact ratios, or None when it is included."""
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
    return excluded


def _top_rate(
    dimension: str, included: list[str], rate_of: dict[str, Fraction]
) -> tuple[Fraction | None, list[str]]:
    """The top rate among included categories (None if ratios are undefined) and why not."""
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
    return top, warnings
