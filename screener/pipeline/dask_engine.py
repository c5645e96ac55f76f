"""Profiling on a Dask distributed cluster, for batches larger than one machine reads.

Reading and profiling a resume is a pure function of its bytes, so the batch maps it over
an existing distributed engine instead of a home-made one: the parent reads each file's
bytes (the cluster need not see this machine's disk), sends the taxonomy to every worker
once, and gathers each file's outcomes; scoring, ranking and export then run here exactly
as for a local batch, so the outputs are the same.

Start a scheduler and workers where the resumes may be processed (the data is personal: a
cluster on machines you control), then ``screener score DIR --scheduler tcp://HOST:8786``;
``--scheduler local`` starts a throw-away cluster on this machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from screener.config.taxonomy import Taxonomy
from screener.ingest import Limits, Skipped, read_bytes
from screener.ingest.document import Document

_INDEX: dict[str, Any] = {}


def profile_bytes(
    data: bytes,
    source: str,
    taxonomy: Taxonomy,
    as_of: date,
    limits: Limits,
    jobs: tuple[str, ...] = (),
) -> list[Any]:
    """Worker side: read one file's bytes and profile what can be read (a ZIP gives several).

    The SkillIndex is built (or loaded from the worker's disk cache) once per worker process.
    """
    from screener.match import profile_document, skill_index
    from screener.pipeline.records import screened

    index = _INDEX.get(taxonomy.sha256)
    if index is None:
        index = _INDEX[taxonomy.sha256] = skill_index(taxonomy)
    out: list[Any] = []
    for item in read_bytes(data, source, limits):
        if isinstance(item, Document):
            out.append(screened(item, profile_document(item, index, as_of), jobs))
        else:
            out.append(item)
    return out


def screen_files_dask(
    files: list[tuple[Path, str]],
    taxonomy: Taxonomy,
    *,
    as_of: date,
    limits: Limits,
    scheduler: str,
    progress: Any = None,
    jobs: tuple[str, ...] = (),
) -> Iterator[Any]:
    """Profile every file on the cluster at ``scheduler`` ("local" starts one here)."""
    client, cluster = _connect(scheduler)
    try:
        shared = client.scatter(taxonomy, broadcast=True)
        futures: dict[Any, str] = {}
        for path, source in files:
            data = _file_bytes(path, source, limits)
            if isinstance(data, Skipped):
                yield data
                continue
            future = client.submit(
                profile_bytes, data, source, shared, as_of, limits, jobs, key=f"profile-{source}"
            )
            futures[future] = source
        yield from _gathered(futures, limits, progress, len(files))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _connect(scheduler: str) -> tuple[Any, Any]:
    """A client of the cluster at ``scheduler``, and the cluster when started here ("local")."""
    from distributed import Client, LocalCluster

    cluster = (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        if (scheduler == "local")
        else None
    )
    client = Client(cluster if cluster is not None else scheduler)
    return client, cluster


def _file_bytes(path: Path, source: str, limits: Limits) -> bytes | Skipped:
    """One file's bytes, read here to send to the cluster; Skipped if too large or unreadable."""
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            return Skipped(
                source,
                f"file too large ({size / 1_048_576:.1f} MB > {limits.max_bytes // 1_048_576} MB)",
            )
        return path.read_bytes()
    except OSError as exc:
        return Skipped(source, f"cannot read file: {exc.strerror or exc}")


def _gathered(futures: dict[Any, str], limits: Limits, progress: Any, total: int) -> Iterator[Any]:
    """Each file's outcomes as it finishes; what does not finish in time is Skipped."""
    from distributed import wait

    done = 0
    remaining = dict(futures)
    while remaining:
        try:  # stop when nothing finishes within a whole per-file time limit
            finished, _ = wait(list(remaining), timeout=limits.timeout,
                               return_when="FIRST_COMPLETED")  # fmt: skip
        except TimeoutError:
            finished = set()
        if not finished:
            break
        for future in finished:
            source = remaining.pop(future)
            done += 1
            try:
                yield from future.result()
            except Exception as exc:  # one bad file never loses the others
                yield Skipped(
                    source,
                    f"internal error while reading ({type(exc).__name__}); please report it",
                )
            if progress is not None:
                progress(done, total, source)
    for future, source in remaining.items():  # what did not finish in time
        future.cancel()
        yield Skipped(source, f"took longer than {limits.timeout:g} s to read: stopped")
