"""The bias audit's report: the record of a whole audit and its two renderings.

:class:`AuditReport` holds every :class:`CategoryRow` of an audit in dimension order, with the
sample size, the median (scoring mode) and the warnings about the whole audit.
:func:`report_rows` turns it into plain tuples in :data:`COLUMNS` order for a sheet or a CSV
file, and :func:`report_text` into a plain-text table for a terminal, with the rows' notes and
the audit's warnings below it. ``screener.score.audit`` computes the report. Pure functions
only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from screener.score.audit_tables import CategoryRow

Mode = Literal["selection", "scoring"]


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
