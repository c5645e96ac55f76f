"""The batch: discover files, read and profile each in worker processes, score, rank.

Only this module knows the order of the stages. Reading and profiling run in a process pool
so that a pathological file can be stopped at its time limit without stopping the batch; the
parent keeps only what scoring and export need, never whole resume texts.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, wait
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from screener.config.rubric import Rubric, load_rubric
from screener.config.taxonomy import Taxonomy, load_taxonomy
from screener.ingest import Document, Limits, Skipped, discover, read_file
from screener.ingest.contact import Contact
from screener.match.profile import Mention, Profile
from screener.pipeline.cache import ProfileCache
from screener.score import Assessment, Ranked, rank, score

Progress = Callable[[int, int, str], None]
"""Called as progress(done, total, file name) after each file."""


@dataclass(frozen=True, slots=True)
class Screened:
    """What the batch keeps of one readable resume."""

    source: str
    sha256: str
    text_sha256: str
    format: str
    candidate: str
    contact: Contact
    profile: Profile

    def __reduce__(self) -> tuple[type[Screened], tuple[object, ...]]:
        # rebuilt through __init__: the profile cache unpickles thousands, and dataclasses'
        # own way for slotted classes looks up the fields again for every instance
        return (Screened, tuple(getattr(self, name) for name in Screened.__slots__))


Outcome = Screened | Skipped


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
        loaded = [r if isinstance(r, Rubric) else load_rubric(r, taxonomy) for r in rubrics]
        if shortlist is not None:
            loaded = [
                r.model_copy(
                    update={"shortlist": r.shortlist.model_copy(update={"top": shortlist})}
                )
                for r in loaded
            ]
        as_of = as_of or date.today()
        limits = limits or Limits()
        scored: dict[str, list[Assessment]] = {}

        def assess(record: Screened) -> None:
            # scored as it arrives, so the batch keeps assessments, not whole profiles
            scored[record.source] = [
                score(record.profile, r, source=record.source, candidate=record.candidate)
                for r in loaded
            ]

        screened, skipped = _screen_folder(
            folder,
            taxonomy,
            as_of,
            progress,
            workers,
            limits,
            use_cache,
            scheduler,
            assess,
            job_descriptions(loaded),
        )
        options = {
            "workers": workers or os.cpu_count() or 1,
            "per-file time limit (s)": limits.timeout,
            "page limit": limits.max_pages,
            "file size limit (MB)": round(limits.max_bytes / 1_048_576, 1),
            "profile cache": "used" if use_cache else "bypassed (--no-cache)",
            "engine": f"dask ({scheduler})" if scheduler else "local process pool",
        }
        results = []
        for i, rubric in enumerate(loaded):
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


def screen_files(
    files: list[tuple[Path, str]],
    taxonomy: Taxonomy,
    *,
    as_of: date,
    limits: Limits,
    workers: int | None = None,
    progress: Progress | None = None,
    cache: ProfileCache | None = None,
    scheduler: str | None = None,
    jobs: tuple[str, ...] = (),
) -> Iterator[Outcome]:
    """Read and profile each file in a worker process, each under the per-file time limit;
    files the profile cache knows are not read again."""
    from pebble import ProcessPool

    from screener.match import skill_index

    done = 0
    if cache is not None:
        hits = cache.lookup(files, limits.max_bytes)
        for _, source in files:
            if source in hits:
                done += 1
                yield hits[source]
                if progress is not None:
                    progress(done, len(files), source)
        total, files = len(files), [(p, s) for p, s in files if s not in hits]
    else:
        total = len(files)
    if not files:
        return
    if scheduler is not None:
        from screener.pipeline.dask_engine import screen_files_dask

        paths = {source: path for path, source in files}
        for outcome in screen_files_dask(
            files, taxonomy, as_of=as_of, limits=limits, scheduler=scheduler, jobs=jobs
        ):
            done += isinstance(outcome, Screened | Skipped)
            if cache is not None and isinstance(outcome, Screened) and outcome.source in paths:
                cache.put(paths[outcome.source], outcome)  # one document, not a ZIP member
            yield outcome
            if progress is not None:
                progress(min(done, total), total, outcome.source)
        return
    skill_index(taxonomy)  # built (or loaded) once here; forked workers inherit it
    count = max(1, min(workers or os.cpu_count() or 1, len(files)))
    # Files go to the workers in small chunks: one task per file cost a quarter of the time in
    # messages. A chunk that times out or crashes is read again file by file, each under its
    # own limit, so one pathological file still costs only its own place in the results.
    size = max(1, min(CHUNK, len(files) // (count * 4)))
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    with ProcessPool(
        max_workers=count,
        initializer=_init_worker,
        initargs=(taxonomy, as_of, limits, jobs),
        context=_context(),
    ) as pool:
        retry: list[tuple[Path, str]] = []
        futures: dict[Any, list[tuple[Path, str]]] = {
            pool.schedule(
                _screen_chunk,
                args=([(str(p), s) for p, s in chunk],),
                # healthy files take well under a second: a chunk past two files' limits
                # holds a slow one, found when the chunk is read again file by file
                timeout=limits.timeout * min(2, len(chunk)),
            ): chunk
            for chunk in chunks
        }
        for future in _as_done(futures):
            chunk = futures.pop(future)
            try:
                results = future.result()
            except Exception:
                if len(chunk) > 1:
                    retry += chunk  # find the file that failed, and keep the others
                    continue
                results = [[_failure(future, chunk[0][1], limits)]]
            for (path, source), outcomes in zip(chunk, results, strict=True):
                done += 1
                yield from _kept(outcomes, path, source, cache)
                if progress is not None:
                    progress(done, total, source)
        singles: dict[Any, tuple[Path, str]] = {
            pool.schedule(_screen_chunk, args=([(str(p), s)],), timeout=limits.timeout): (p, s)
            for p, s in retry
        }
        for future in _as_done(singles):
            path, source = singles.pop(future)
            done += 1
            try:
                (outcomes,) = future.result()
            except Exception:
                outcomes = [_failure(future, source, limits)]
            yield from _kept(outcomes, path, source, cache)
            if progress is not None:
                progress(done, total, source)


CHUNK = 16  # files per task, at most


def _as_done(futures: Mapping[Any, Any]) -> Iterator[Any]:
    """Each future as it finishes. Unlike ``as_completed``, keeps no reference to a future
    once yielded (the caller pops it too), so a finished chunk's profiles can be freed as soon
    as they are scored instead of living until the last file is read."""
    pending = set(futures)
    while pending:
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        while done:
            yield done.pop()


def _kept(
    outcomes: list[Outcome], path: Path, source: str, cache: ProfileCache | None
) -> list[Outcome]:
    """A file's outcomes, remembered in the cache when they are one readable document."""
    if cache is not None and len(outcomes) == 1:
        (only,) = outcomes
        if isinstance(only, Screened) and only.source == source:
            cache.put(path, only)  # one document, not an archive's members
    return outcomes


def _failure(future: Any, source: str, limits: Limits) -> Skipped:
    """Why one file's task failed, as a reason a recruiter can act on."""
    from pebble import ProcessExpired

    try:
        future.result()
    except TimeoutError:
        return Skipped(source, f"took longer than {limits.timeout:g} s to read: stopped")
    except ProcessExpired as exc:
        return Skipped(source, f"the reader crashed on this file (exit code {exc.exitcode})")
    except Exception as exc:  # a bug met on one file must not lose the other results
        return Skipped(
            source, f"internal error while reading ({type(exc).__name__}); please report it"
        )
    return Skipped(source, "internal error while reading; please report it")


def _context() -> Any:
    # fork shares the compiled SkillIndex with the workers at no cost; elsewhere each worker
    # loads it from the disk cache.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


_WORKER: dict[str, Any] = {}


def _init_worker(
    taxonomy: Taxonomy, as_of: date, limits: Limits, jobs: tuple[str, ...] = ()
) -> None:
    from screener.match import skill_index

    _WORKER.update(index=skill_index(taxonomy), as_of=as_of, limits=limits, jobs=jobs)
    # What the worker inherited or built so far (the compiled index, the taxonomy) lives as
    # long as it does: keep the cycle collector from walking it after every few thousand
    # allocations, which cost a quarter of each resume's time, and from touching (and so
    # copying) the pages it shares with the parent.
    gc.freeze()
    gc.enable()


def _screen_chunk(files: list[tuple[str, str]]) -> list[list[Outcome]]:
    """Worker side: each file's outcomes, in order."""
    return [_screen_file(path, source) for path, source in files]


def _screen_file(path: str, source: str) -> list[Outcome]:
    """Worker side: read one file (a ZIP gives several) and profile what can be read."""
    from screener.match import profile_document

    out: list[Outcome] = []
    for item in read_file(Path(path), source, _WORKER["limits"]):
        if isinstance(item, Skipped):
            out.append(item)
        else:
            profile = profile_document(item, _WORKER["index"], _WORKER["as_of"])
            out.append(screened(item, profile, _WORKER["jobs"]))
    return out


def screened(doc: Document, profile: Profile, jobs: Sequence[str] = ()) -> Screened:
    """The parts of a read document that the batch keeps, with its integrity flags (the job
    descriptions ``jobs`` are what a resume should not copy)."""
    from screener.score.integrity import integrity_flags

    flags = integrity_flags(doc.text, profile, job_texts=jobs, warnings=doc.warnings)
    if flags:
        profile = replace(profile, flags=flags)
    words = " ".join(doc.normalized.text.casefold().split())
    return Screened(
        source=doc.source,
        sha256=doc.sha256,
        text_sha256=hashlib.sha256(words.encode("utf-8")).hexdigest(),
        format=doc.format,
        candidate=doc.candidate,
        contact=doc.contact,
        profile=kept_evidence(profile),
    )


def kept_evidence(profile: Profile) -> Profile:
    """The profile with, for each skill, only the strongest mention per section (and per
    kind: stated outright, or hedged, negated or implied).

    Scoring reads no other mention: the strongest one per skill decides its points, and the
    skills-list check asks only whether a skill is stated in the list and elsewhere. A resume
    naming Python forty times keeps a handful of mentions, so a batch of tens of thousands
    stays small in memory and in the profile cache.
    """
    from screener.score import list_support, mention_strength

    skills = {}
    for skill_id, evidence in profile.skills.items():
        best: dict[tuple[str, bool], Mention] = {}
        for m in evidence.mentions:
            key = (m.section, m.method != "implied" and m.polarity == "positive")
            held = best.get(key)
            if held is None or mention_strength(m) > mention_strength(held):
                best[key] = m
        kept = tuple(sorted(best.values(), key=lambda m: m.start))
        skills[skill_id] = evidence._replace(mentions=kept)
    return replace(profile, skills=skills, list_support=list_support(profile))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
