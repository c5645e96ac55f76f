"""The rows every output format shares, built once from a batch result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from screener.pipeline import BatchResult
from screener.score import Ranked

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
)
EVIDENCE_COLUMNS = (
    "Rank",
    "Candidate",
    "Requirement",
    "Tier",
    "Skill",
    "Quote",
    "Section",
    "Method",
    "Polarity",
    "Strength",
    "Satisfaction",
    "Points",
)
ERROR_COLUMNS = ("File", "Reason")
KEY_EVIDENCE_ITEMS = 4


@dataclass(frozen=True, slots=True)
class Table:
    """A sheet's worth of rows with named columns."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


def ranking_row(item: Ranked) -> tuple[Any, ...]:
    """One Ranking row."""
    a = item.assessment
    key = [f"{r.label}: {r.evidence[0].skill}" for r in a.results if r.met and r.evidence][
        :KEY_EVIDENCE_ITEMS
    ]
    flags = ["human review: knockout not met"] if a.knockouts else []
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
        "; ".join(flags),
    )


def evidence_rows(item: Ranked) -> list[tuple[Any, ...]]:
    """Every quote behind the candidate's points, one row per requirement and skill."""
    a = item.assessment
    rows = []
    for res in a.results:
        for ev in res.evidence:
            rows.append(
                (
                    item.rank,
                    a.candidate,
                    res.label,
                    res.tier,
                    ev.skill,
                    ev.quote,
                    ev.section,
                    ev.method,
                    ev.polarity,
                    ev.strength,
                    res.satisfaction,
                    res.points,
                )
            )
    return rows


def build_tables(result: BatchResult) -> list[Table]:
    """Ranking, Evidence, Errors and Run tables for ``result``."""
    ranking = tuple(ranking_row(r) for r in result.ranking)
    evidence = tuple(row for r in result.ranking for row in evidence_rows(r))
    errors = tuple((s.source, s.reason) for s in result.skipped)
    run = tuple((k, v) for k, v in run_info(result).items())
    return [
        Table("Ranking", RANKING_COLUMNS, ranking),
        Table("Evidence", EVIDENCE_COLUMNS, evidence),
        Table("Errors", ERROR_COLUMNS, errors),
        Table("Run", ("Field", "Value"), run),
    ]


def run_info(result: BatchResult) -> dict[str, Any]:
    """What produced this result: versions, hashes, dates and counts."""
    from screener import __version__

    return {
        "tool version": __version__,
        "opening": result.rubric.opening,
        "rubric": result.rubric.path,
        "rubric sha256": result.rubric.sha256,
        "taxonomy sha256": result.taxonomy.sha256,
        "as-of date": result.as_of.isoformat(),
        "input folder": result.folder,
        "files scored": len(result.ranking),
        "files skipped": len(result.skipped),
        "started": result.started,
        "finished": result.finished,
    }
