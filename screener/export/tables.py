"""The tables every output format shares (workbook sheets, CSV files, JSON), built from a
batch result. Rows are produced on demand, so a large batch is never held twice in memory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from screener.pipeline import BatchResult
from screener.score import Ranked
from screener.score.explain import satisfied_by

RANKING_COLUMNS = (
    "Rank",
    "Candidate",
    "File",
    "Score",
    "Band",
    "Must-haves met",
    "Missing must-haves",
    "Key evidence",
    "Years",
    "ML years",
    "Shortlisted",
    "Flags",
    "Decision",
    "Notes",
)
DECISIONS = ("Advance", "Hold", "Reject")
EVIDENCE_COLUMNS = (
    "Rank",
    "Candidate",
    "File",
    "Requirement",
    "Tier",
    "Skill",
    "Quote",
    "Section",
    "Method",
    "Polarity",
    "Role dates",
    "Strength",
    "Satisfaction",
    "Points",
)
RUBRIC_COLUMNS = ("ID", "Requirement", "Tier", "Weight", "Knockout", "Satisfied by")
ERROR_COLUMNS = ("File", "Reason")
RUN_COLUMNS = ("Field", "Value")
KEY_EVIDENCE_ITEMS = 4

Row = tuple[Any, ...]


@dataclass(frozen=True)
class Table:
    """A sheet's worth of rows with named columns; ``rows()`` yields them afresh each call."""

    name: str
    columns: tuple[str, ...]
    rows: Callable[[], Iterator[Row]]
    count: int


def ranking_row(item: Ranked) -> Row:
    """One Ranking (or Shortlist) row; Decision and Notes are the recruiter's to fill."""
    a = item.assessment
    key = [f"{r.label}: {r.evidence[0].skill}" for r in a.results if r.met and r.evidence][
        :KEY_EVIDENCE_ITEMS
    ]
    return (
        item.rank,
        a.candidate,
        a.source,
        a.score,
        a.band,
        f"{a.musts_met} of {len(a.musts)}",
        "; ".join(a.missing_musts),
        "; ".join(key),
        a.years,
        a.ml_years,
        "yes" if item.shortlisted else "no",
        "; ".join(a.flags),
        None,
        None,
    )


def evidence_rows(item: Ranked) -> Iterator[Row]:
    """Every quote behind the candidate's points, one row per requirement and skill."""
    a = item.assessment
    for res in a.results:
        for ev in res.evidence:
            yield (
                item.rank,
                a.candidate,
                a.source,
                res.label,
                res.tier,
                ev.skill,
                ev.quote,
                ev.section,
                ev.method,
                ev.polarity,
                ev.role,
                ev.strength,
                res.satisfaction,
                res.points,
            )


def matrix_columns(result: BatchResult) -> tuple[str, ...]:
    """Rank, Candidate, then one column per requirement id, in the rubric's order."""
    return ("Rank", "Candidate", *(r.id for r in result.rubric.requirements))


def build_tables(result: BatchResult) -> list[Table]:
    """Ranking, Shortlist, Matrix, Evidence, Rubric, Errors and Run, in sheet order."""
    ranking = result.ranking
    shortlist = [r for r in ranking if r.shortlisted]
    rubric = result.rubric

    def matrix() -> Iterator[Row]:
        for item in ranking:
            a = item.assessment
            yield (item.rank, a.candidate, *(r.satisfaction for r in a.results))

    def requirements() -> Iterator[Row]:
        for req in rubric.requirements:
            yield (
                req.id,
                req.label,
                req.tier,
                req.weight,
                "yes" if req.knockout else "no",
                satisfied_by(req, result.taxonomy),
            )

    run = list(run_info(result).items()) + [(f"input: {f}", h) for f, h in result.inputs]
    return [
        Table("Ranking", RANKING_COLUMNS, lambda: map(ranking_row, ranking), len(ranking)),
        Table("Shortlist", RANKING_COLUMNS, lambda: map(ranking_row, shortlist), len(shortlist)),
        Table("Matrix", matrix_columns(result), matrix, len(ranking)),
        Table(
            "Evidence",
            EVIDENCE_COLUMNS,
            lambda: (row for item in ranking for row in evidence_rows(item)),
            sum(len(res.evidence) for item in ranking for res in item.assessment.results),
        ),
        Table("Rubric", RUBRIC_COLUMNS, requirements, len(rubric.requirements)),
        Table(
            "Errors",
            ERROR_COLUMNS,
            lambda: ((s.source, s.reason) for s in result.skipped),
            len(result.skipped),
        ),
        Table("Run", RUN_COLUMNS, lambda: iter(run), len(run)),
    ]


def run_info(result: BatchResult) -> dict[str, Any]:
    """What produced this result: versions, hashes, dates, counts and options."""
    from screener import __version__

    info: dict[str, Any] = {
        "tool version": __version__,
        "opening": result.rubric.opening,
        "rubric": result.rubric.path,
        "rubric sha256": result.rubric.sha256,
        "taxonomy sha256": result.taxonomy.sha256,
        "as-of date": result.as_of.isoformat(),
        "bands": "; ".join(f"{k}: {v:g}" for k, v in result.rubric.bands.items()),
        "input folder": result.folder,
        "input files": len(result.inputs),
        "files scored": len(result.ranking),
        "files skipped": len(result.skipped),
    }
    info.update({f"option: {k}": v for k, v in result.options.items()})
    info.update({"started": result.started, "finished": result.finished})
    return info
