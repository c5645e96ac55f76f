"""The tables every output format shares (workbook sheets, CSV files, JSON), built from a
batch result. Rows are produced on demand, so a large batch is never held twice in memory."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from screener.export.limitations import BANNER, LIMITATIONS
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
# Rank, tier and satisfaction are on the Ranking, Rubric and Matrix sheets: the Evidence
# sheet, the largest by far, holds what only it can say.
EVIDENCE_COLUMNS = (
    "Candidate",
    "File",
    "Requirement",
    "Skill",
    "Quote",
    "Section",
    "Method",
    "Polarity",
    "Role dates",
    "Strength",
    "Points",
)
RUBRIC_COLUMNS = ("ID", "Requirement", "Tier", "Weight", "Knockout", "Satisfied by")
ERROR_COLUMNS = ("File", "Reason")
RUN_COLUMNS = ("Field", "Value")
KEY_EVIDENCE_ITEMS = 4

Row = tuple[Any, ...]


@dataclass(frozen=True)
class Table:
    """A sheet's worth of rows with named columns; ``rows()`` yields them afresh each call.

    ``kind`` is what the sheet is (Ranking, Matrix...); ``name`` is its sheet name, which
    carries the opening's tag when one run scores several openings ("Ranking data_eng").
    ``links`` names the Matrix and Rubric sheets a Ranking's formulas read.
    """

    name: str
    columns: tuple[str, ...]
    rows: Callable[[], Iterator[Row]]
    count: int
    kind: str = ""
    links: tuple[str, str] = ("Matrix", "Rubric")

    @property
    def what(self) -> str:
        """The kind of sheet (its name when no kind was given)."""
        return self.kind or self.name


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
        for ev in res.scoring_evidence:
            yield (
                a.candidate,
                a.source,
                res.label,
                ev.skill,
                ev.quote,
                ev.section,
                ev.method,
                ev.polarity,
                ev.role,
                ev.strength,
                res.points,
            )


def matrix_columns(result: BatchResult) -> tuple[str, ...]:
    """Rank, Candidate, then one column per requirement id, in the rubric's order."""
    return ("Rank", "Candidate", *(r.id for r in result.rubric.requirements))


BEST_FIT_COLUMNS = ("Candidate", "File", "Best opening", "Best score", "Band")
MAX_SHEET_NAME = 31  # Excel's limit


def opening_tags(results: list[BatchResult]) -> list[str]:
    """A short, unique, sheet-safe name for each opening (from its rubric file name)."""
    tags: list[str] = []
    for result in results:
        stem = Path(result.rubric.path).stem if result.rubric.path else result.rubric.opening
        tag = re.sub(r"[\[\]:*?/\\']+", "_", stem)[:20] or "opening"
        base, n = tag, 2
        while tag in tags:
            tag = f"{base[:17]}_{n}"
            n += 1
        tags.append(tag)
    return tags


def build_tables(results: BatchResult | list[BatchResult]) -> list[Table]:
    """Every sheet in order. One opening: Ranking, Shortlist, Matrix, Evidence, Rubric, Errors,
    Run. Several: those five per opening (names tagged with the opening), then Best fit,
    Errors and Run."""
    many = results if isinstance(results, list) else [results]
    if len(many) == 1:
        return [*opening_tables(many[0]), *shared_tables(many)]
    tables = []
    for result, tag in zip(many, opening_tags(many), strict=True):
        tables += opening_tables(result, tag)
    return [*tables, best_fit_table(many), *shared_tables(many)]


def opening_tables(result: BatchResult, tag: str | None = None) -> list[Table]:
    """Ranking, Shortlist, Matrix, Evidence and Rubric for one opening."""
    ranking = result.ranking
    shortlist = [r for r in ranking if r.shortlisted]
    rubric = result.rubric

    def name(kind: str) -> str:
        return kind if tag is None else f"{kind} {tag}"[:MAX_SHEET_NAME]

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

    links = (name("Matrix"), name("Rubric"))
    evidence_count = sum(
        len(res.scoring_evidence) for item in ranking for res in item.assessment.results
    )
    return [
        Table(
            name("Ranking"),
            RANKING_COLUMNS,
            lambda: map(ranking_row, ranking),
            len(ranking),
            "Ranking",
            links,
        ),
        Table(
            name("Shortlist"),
            RANKING_COLUMNS,
            lambda: map(ranking_row, shortlist),
            len(shortlist),
            "Shortlist",
        ),
        Table(name("Matrix"), matrix_columns(result), matrix, len(ranking), "Matrix"),
        Table(
            name("Evidence"),
            EVIDENCE_COLUMNS,
            lambda: (row for item in ranking for row in evidence_rows(item)),
            evidence_count,
            "Evidence",
        ),
        Table(name("Rubric"), RUBRIC_COLUMNS, requirements, len(rubric.requirements), "Rubric"),
    ]


def best_fit_table(results: list[BatchResult]) -> Table:
    """Each candidate's best opening and score, with the score for every opening."""
    tags = opening_tags(results)
    columns = (*BEST_FIT_COLUMNS, *(f"Score {t}" for t in tags))
    scores: dict[str, list[float]] = {}
    candidates: dict[str, tuple[str, list[str]]] = {}
    for i, result in enumerate(results):
        for item in result.ranking:
            a = item.assessment
            scores.setdefault(a.source, [0.0] * len(results))[i] = a.score
            candidates.setdefault(a.source, (a.candidate, [""] * len(results)))[1][i] = a.band

    def rows() -> Iterator[Row]:
        order = sorted(scores, key=lambda f: (-max(scores[f]), f))
        for file in order:
            best = max(range(len(results)), key=lambda i: (scores[file][i], -i))
            name, bands = candidates[file]
            yield (
                name,
                file,
                results[best].rubric.opening,
                scores[file][best],
                bands[best],
                *scores[file],
            )

    return Table("Best fit", columns, rows, len(scores), "Best fit")


def shared_tables(results: list[BatchResult]) -> list[Table]:
    """Errors and Run: the files and the run are shared by every opening."""
    first = results[0]
    info = run_info(first)
    if len(results) > 1:
        for key in ("opening", "rubric", "rubric sha256", "bands"):
            info.pop(key, None)
        for result, tag in zip(results, opening_tags(results), strict=True):
            info[f"opening {tag}"] = result.rubric.opening
            info[f"rubric {tag}"] = result.rubric.path
            info[f"rubric sha256 {tag}"] = result.rubric.sha256
            info[f"bands {tag}"] = _bands(result)
    run = list(info.items()) + [(f"input: {f}", h) for f, h in first.inputs]
    return [
        Table(
            "Errors",
            ERROR_COLUMNS,
            lambda: ((s.source, s.reason) for s in first.skipped),
            len(first.skipped),
            "Errors",
        ),
        Table("Run", RUN_COLUMNS, lambda: iter(run), len(run), "Run"),
        Table(
            "Limitations",
            ("Topic", "Text"),
            lambda: iter(LIMITATIONS),
            len(LIMITATIONS),
            "Limitations",
        ),
    ]


def _bands(result: BatchResult) -> str:
    return "; ".join(f"{k}: {v:g}" for k, v in result.rubric.bands.items())


def run_info(result: BatchResult) -> dict[str, Any]:
    """What produced this result: versions, hashes, dates, counts and options."""
    from screener import __version__

    info: dict[str, Any] = {
        "notice": BANNER,
        "tool version": __version__,
        "opening": result.rubric.opening,
        "rubric": result.rubric.path,
        "rubric sha256": result.rubric.sha256,
        "taxonomy sha256": result.taxonomy.sha256,
        "as-of date": result.as_of.isoformat(),
        "bands": _bands(result),
        "input folder": result.folder,
        "input files": len(result.inputs),
        "files scored": len(result.ranking),
        "files skipped": len(result.skipped),
    }
    info.update({f"option: {k}": v for k, v in result.options.items()})
    info.update({"started": result.started, "finished": result.finished})
    return info
