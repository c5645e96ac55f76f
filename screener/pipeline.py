"""The batch: discover files, read and profile each, score, rank. Knows the order of stages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from screener.config.rubric import Rubric, load_rubric
from screener.config.taxonomy import Taxonomy, load_taxonomy
from screener.ingest import Document, Skipped, discover, read_document
from screener.score import Ranked, rank, score

Progress = Callable[[int, int, str], None]
"""Called as progress(done, total, file name) after each file."""


@dataclass(frozen=True)
class BatchResult:
    """Everything one run produced, ready for export."""

    folder: str
    rubric: Rubric
    taxonomy: Taxonomy
    as_of: date
    ranking: tuple[Ranked, ...]
    skipped: tuple[Skipped, ...]
    started: str
    finished: str


def score_folder(
    folder: Path | str,
    rubric: Rubric | Path | str | None = None,
    taxonomy: Taxonomy | Path | str | None = None,
    *,
    as_of: date | None = None,
    progress: Progress | None = None,
) -> BatchResult:
    """Score every resume under ``folder`` against ``rubric``; bad files become Skipped."""
    from screener.match import profile_document, skill_index

    started = _now()
    folder = Path(folder)
    if not isinstance(taxonomy, Taxonomy):
        taxonomy = load_taxonomy(taxonomy)
    if not isinstance(rubric, Rubric):
        rubric = load_rubric(rubric, taxonomy)
    as_of = as_of or date.today()
    files = list(discover(folder))
    index = skill_index(taxonomy)
    assessments, skipped = [], []
    for done, path in enumerate(files, start=1):
        source = path.relative_to(folder).as_posix()
        doc = read_document(path, source=source)
        if isinstance(doc, Document):
            profile = profile_document(doc.text, doc.sections, index, as_of)
            assessments.append(score(profile, rubric, source=source, candidate=doc.candidate))
        else:
            skipped.append(doc)
        if progress is not None:
            progress(done, len(files), source)
    return BatchResult(
        str(folder),
        rubric,
        taxonomy,
        as_of,
        rank(assessments, rubric),
        tuple(skipped),
        started,
        _now(),
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
