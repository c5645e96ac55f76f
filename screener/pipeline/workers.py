"""Reading and profiling files in worker processes (pebble), each file under its time
limit, in chunks so that messages do not cost more than the work."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Generator, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, wait
from datetime import date
from itertools import accumulate
from pathlib import Path
from typing import Any

from screener.config.taxonomy import Taxonomy
from screener.ingest import Limits, Skipped, read_file
from screener.pipeline.cache import ProfileCache
from screener.pipeline.records import Outcome, Screened, screened

Progress = Callable[[int, int, str], None]
"""Called as progress(done, total, file name) after each file."""


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
    done, total = 0, len(files)
    if cache is not None:
        done, files = yield from _cached(files, cache, limits, progress)
    if not files:
        return
    if scheduler is not None:
        yield from _screen_on_dask(
            files,
            taxonomy,
            as_of=as_of,
            limits=limits,
            scheduler=scheduler,
            jobs=jobs,
            cache=cache,
            progress=progress,
            done=done,
            total=total,
        )
    else:
        yield from _screen_locally(
            files,
            taxonomy,
            as_of=as_of,
            limits=limits,
            workers=workers,
            jobs=jobs,
            cache=cache,
            progress=progress,
            done=done,
            total=total,
        )


def _cached(
    files: list[tuple[Path, str]],
    cache: ProfileCache,
    limits: Limits,
    progress: Progress | None,
) -> Generator[Outcome, None, tuple[int, list[tuple[Path, str]]]]:
    """Yield the records the cache knows; return how many, and the files still to read."""
    done = 0
    hits = cache.lookup(files, limits.max_bytes)
    for _, source in files:
        if source in hits:
            done += 1
            yield hits[source]
            if progress is not None:
                progress(done, len(files), source)
    return done, [(p, s) for p, s in files if s not in hits]


def _screen_on_dask(
    files: list[tuple[Path, str]],
    taxonomy: Taxonomy,
    *,
    as_of: date,
    limits: Limits,
    scheduler: str,
    jobs: tuple[str, ...],
    cache: ProfileCache | None,
    progress: Progress | None,
    done: int,
    total: int,
) -> Iterator[Outcome]:
    """Profile the files on the Dask cluster at ``scheduler``, caching single documents."""
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


def _screen_locally(
    files: list[tuple[Path, str]],
    taxonomy: Taxonomy,
    *,
    as_of: date,
    limits: Limits,
    workers: int | None,
    jobs: tuple[str, ...],
    cache: ProfileCache | None,
    progress: Progress | None,
    done: int,
    total: int,
) -> Iterator[Outcome]:
    """Read and profile the files in a local process pool: in chunks, then failures singly."""
    from pebble import ProcessPool

    from screener.match import skill_index

    skill_index(taxonomy)  # built (or loaded) once here; forked workers inherit it
    count = max(1, min(workers or os.cpu_count() or 1, len(files)))
    # Files go to the workers in small chunks: one task per file cost a quarter of the time in
    # messages. A chunk that times out or crashes is read again file by file, each under its
    # own limit, so one pathological file still costs only its own place in the results.
    ends = list(accumulate(chunk_sizes(len(files), count)))
    chunks = [files[lo:hi] for lo, hi in zip([0, *ends], ends, strict=False)]
    with ProcessPool(
        max_workers=count,
        initializer=_init_worker,
        initargs=(taxonomy, as_of, limits, jobs),
        context=_context(),
    ) as pool:
        done, retry = yield from _run_chunks(
            pool, chunks, limits=limits, cache=cache, progress=progress, done=done, total=total
        )
        yield from _run_singles(
            pool, retry, limits=limits, cache=cache, progress=progress, done=done, total=total
        )


def _run_chunks(
    pool: Any,
    chunks: list[list[tuple[Path, str]]],
    *,
    limits: Limits,
    cache: ProfileCache | None,
    progress: Progress | None,
    done: int,
    total: int,
) -> Generator[Outcome, None, tuple[int, list[tuple[Path, str]]]]:
    """Yield each chunk's outcomes as it finishes; return the count done, and files to retry."""
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
    return done, retry


def _run_singles(
    pool: Any,
    retry: list[tuple[Path, str]],
    *,
    limits: Limits,
    cache: ProfileCache | None,
    progress: Progress | None,
    done: int,
    total: int,
) -> Iterator[Outcome]:
    """Read each file of a failed chunk again on its own, under its own time limit."""
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


def chunk_sizes(total: int, workers: int) -> list[int]:
    """How many files each task gets, in order: at most CHUNK, and fewer as the work runs
    out, down to one, so that the workers finish together rather than one of them working
    through a last full chunk alone (which cost a tenth of a 300-file batch on 2 cores)."""
    sizes = []
    left = total
    while left > 0:
        size = max(1, min(CHUNK, left // (workers * 4)))
        sizes.append(size)
        left -= size
    return sizes


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
