"""The batch: discover files, read and profile each in worker processes, score, rank.

Only this module knows the order of the stages. Reading and profiling run in a process pool
so that a pathological file can be stopped at its time limit without stopping the batch; the
parent keeps only what scoring and export need, never whole resume texts.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from screener.config.rubric import Rubric, load_rubric
from screener.config.taxonomy import Taxonomy, load_taxonomy
from screener.ingest import Limits, Skipped, discover
from screener.match.profile import Profile
from screener.pipeline.cache import ProfileCache
from screener.pipeline.records import Outcome, Screened, kept_evidence, screened
from screener.pipeline.workers import Progress, screen_files
from screener.score import Assessment, Ranked, rank, score

__all__ = [
    "BatchResult",
    "Outcome",
    "Progress",
    "Screened",
    "drop_duplicates",
    "kept_evidence",
    "score_folder",
    "score_openings",
    "screen_files",
    "screened",
]


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
    screened: tuple[Screened, ...] = ()
    options: Mapping[str, Any] = field(default_factory=dict)

    @property
    def inputs(self) -> list[tuple[str, str]]:
        """Every input (file, or archive member) with the SHA-256 of its bytes where known."""
        found = [(s.source, s.sha256) for s in self.screened]
        found += [(s.source, s.sha256) for s in self.skipped]
        return sorted(found)


def score_folder(
    folder: Path | str,
    rubric: Rubric | Path | str | None = None,
    taxonomy: Taxonomy | Path | str | None = None,
    *,
    as_of: date | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    limits: Limits | None = None,
    shortlist: int | None = None,
    use_cache: bool = True,
    scheduler: str | None = None,
) -> BatchResult:
    """Score every resume under ``folder`` against ``rubric``; bad files become Skipped.

    ``shortlist`` overrides the rubric's shortlist size (its ``top``) for this run;
    ``use_cache`` False reads every file afresh and leaves the profile cache alone.
    """
    (result,) = score_openings(
        folder,
        [rubric],
        taxonomy,
        as_of=as_of,
        progress=progress,
        workers=workers,
        limits=limits,
        shortlist=shortlist,
        use_cache=use_cache,
        scheduler=scheduler,
    )
    return result


def score_openings(
    folder: Path | str,
    rubrics: list[Rubric | Path | str | None],
    taxonomy: Taxonomy | Path | str | None = None,
    *,
    as_of: date | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    limits: Limits | None = None,
    shortlist: int | None = None,
    use_cache: bool = True,
    scheduler: str | None = None,
) -> list[BatchResult]:
    """Read and profile every resume under ``folder`` once, and score them for each opening
    (one BatchResult per rubric, in the order given). ``scheduler``: profile on the Dask
    cluster at this address ("local": a cluster started here) instead of local workers."""
    with _no_cycle_collection():
        started = _now()
        folder = Path(folder)
        if not isinstance(taxonomy, Taxonomy):
            taxonomy = load_taxonomy(taxonomy)
        loaded = _load_rubrics(rubrics, taxonomy, shortlist)
        as_of = as_of or date.today()
        limits = limits or Limits()
        scored: dict[str, list[Assessment]] = {}
        assess = _assessor(loaded, scored)
        jobs = job_descriptions(loaded)
        screened, skipped = _screen_folder(
            folder, taxonomy, as_of, progress, workers, limits, use_cache, scheduler, assess, jobs
        )
        options = _options(workers, limits, use_cache, scheduler)
        return _batch_results(
            folder, taxonomy, as_of, loaded, scored, screened, skipped, started, options
        )


def _assessor(
    rubrics: list[Rubric], scored: dict[str, list[Assessment]]
) -> Callable[[Screened], None]:
    """What scores each readable record against every rubric, into ``scored``."""

    def assess(record: Screened) -> None:
        # scored as it arrives, so the batch keeps assessments, not whole profiles
        scored[record.source] = [
            score(record.profile, r, source=record.source, candidate=record.candidate)
            for r in rubrics
        ]

    return assess


def _load_rubrics(
    rubrics: list[Rubric | Path | str | None], taxonomy: Taxonomy, shortlist: int | None
) -> list[Rubric]:
    """The rubrics, loaded where given as paths, with ``shortlist`` overriding their ``top``."""
    loaded = [r if isinstance(r, Rubric) else load_rubric(r, taxonomy) for r in rubrics]
    if shortlist is not None:
        loaded = [
            r.model_copy(update={"shortlist": r.shortlist.model_copy(update={"top": shortlist})})
            for r in loaded
        ]
    return loaded


def _options(
    workers: int | None, limits: Limits, use_cache: bool, scheduler: str | None
) -> dict[str, Any]:
    """The run's settings as recorded with every result (the shortlist size comes per rubric)."""
    return {
        "workers": workers or os.cpu_count() or 1,
        "per-file time limit (s)": limits.timeout,
        "page limit": limits.max_pages,
        "file size limit (MB)": round(limits.max_bytes / 1_048_576, 1),
        "profile cache": "used" if use_cache else "bypassed (--no-cache)",
        "engine": f"dask ({scheduler})" if scheduler else "local process pool",
    }


def _batch_results(
    folder: Path,
    taxonomy: Taxonomy,
    as_of: date,
    rubrics: list[Rubric],
    scored: Mapping[str, list[Assessment]],
    screened: list[Screened],
    skipped: list[Skipped],
    started: str,
    options: Mapping[str, Any],
) -> list[BatchResult]:
    """One BatchResult per rubric, in order: its ranking of the screened files, and the run."""
    results = []
    for i, rubric in enumerate(rubrics):
        assessments = [scored[s.source][i] for s in screened]
        results.append(
            BatchResult(
                folder=str(folder),
                rubric=rubric,
                taxonomy=taxonomy,
                as_of=as_of,
                ranking=rank(assessments, rubric),
                skipped=tuple(sorted(skipped, key=lambda s: s.source)),
                started=started,
                finished=_now(),
                screened=tuple(screened),
                options={**options, "shortlist size": rubric.shortlist.top},
            )
        )
    return results


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while the batch builds its records.

    A batch creates and keeps hundreds of thousands of small objects (mentions, evidence);
    the collector would walk all of them again and again, which made re-scoring from the
    cache five times slower. They hold no reference cycles, so reference counting frees them
    as usual; the collector runs again when the batch is done.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Everything made meanwhile sits in the youngest generation, which the collector's
        # next pass would walk object by object; moving it to the oldest (a list splice) leaves
        # it to the rare full collections, as if it had survived the young ones.
        gc.freeze()
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def job_descriptions(rubrics: Sequence[Rubric]) -> tuple[str, ...]:
    """The job descriptions the rubrics were written from (their ``source``, relative to the
    rubric file), read where they can be: a resume that copies one is flagged."""
    texts = []
    for rubric in rubrics:
        if not (rubric.source and rubric.path):
            continue
        path = Path(rubric.path).parent / rubric.source
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue  # a missing source only loses this one check
    return tuple(dict.fromkeys(texts))


_NO_PROFILE = Profile({}, (), 0, 0, None, (), date(1970, 1, 1))  # a scored record's stand-in


def _screen_folder(
    folder: Path,
    taxonomy: Taxonomy,
    as_of: date,
    progress: Progress | None,
    workers: int | None,
    limits: Limits,
    use_cache: bool,
    scheduler: str | None = None,
    assess: Callable[[Screened], None] | None = None,
    jobs: tuple[str, ...] = (),
) -> tuple[list[Screened], list[Skipped]]:
    """Every file's outcome; ``assess`` sees each readable one as it arrives, after which
    only a slim record (no profile) is kept."""
    files = [(path, path.relative_to(folder).as_posix()) for path in discover(folder)]
    cache = (
        ProfileCache.default(taxonomy_sha256=taxonomy.sha256, as_of=as_of, limits=limits, jobs=jobs)
        if use_cache
        else None
    )
    try:
        outcomes: list[Outcome] = []
        for outcome in screen_files(
            files,
            taxonomy,
            as_of=as_of,
            limits=limits,
            workers=workers,
            progress=progress,
            cache=cache,
            scheduler=scheduler,
            jobs=jobs,
        ):
            if assess is not None and isinstance(outcome, Screened):
                assess(outcome)
                outcome = replace(outcome, profile=_NO_PROFILE)
            outcomes.append(outcome)
        outcomes.sort(key=lambda o: o.source)
    finally:
        if cache is not None:
            cache.close()
    return drop_duplicates(outcomes)


def drop_duplicates(outcomes: list[Outcome]) -> tuple[list[Screened], list[Skipped]]:
    """Keep the first of each resume seen twice (same bytes, or same text in another format)."""
    first: dict[str, str] = {}
    kept: list[Screened] = []
    skipped: list[Skipped] = []
    for outcome in outcomes:
        if isinstance(outcome, Skipped):
            skipped.append(outcome)
            continue
        original = first.get(outcome.sha256) or first.get(outcome.text_sha256)
        if original is not None:
            skipped.append(
                Skipped(outcome.source, f"duplicate of {original}: scored once", outcome.sha256)
            )
            continue
        first[outcome.sha256] = first[outcome.text_sha256] = outcome.source
        kept.append(outcome)
    return kept, skipped


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
