"""Resumes per second and peak memory of each stage of a batch, and of the whole batch.

Generates N text resumes (_corpus.py) and M two-page PDFs (pdf_read.make_pdf) in a temporary
folder, with every cache off (SCREENER_CACHE_DIR is empty), then for each worker count W and
each format measures, in alternation, R rounds of:

- read: read_file() on every file, in a pool of W worker processes forked once the inputs are
  loaded and sent files in tasks of the batch's own sizes (pipeline.workers.chunk_sizes:
  16 at most, fewer towards the end);
- profile: profile_document() on the documents read beforehand, in the same kind of pool;
- score: score() and rank() of the batch's profiles against the default rubric, one process;
- write: write_workbook() of the batch, one process;
- end to end: score_folder(workers=W, use_cache=False) then write_workbook(), with the
  taxonomy and rubric loaded beforehand;

and beside them, in the same pools: bare pypdfium2 text extraction of the same PDFs (the floor
for reading) and flashtext's KeywordProcessor with every form of every skill over the same
texts (the simplest matcher). Reports the median resumes per second of each; the ratios of
our PDF read stage and whole PDF batch to bare pypdfium2, of our profile stage to flashtext and
of each worker count to the first; and each measurement's peak memory (its highest round):

- RSS: this process's peak (VmHWM, reset before each measurement) plus each worker's peak. A
  forked worker also counts the pages it still shares with this process, so the sum overstates;
- PSS: the highest sampled sum of proportional set sizes, which counts a shared page once.

Both include what the harness holds (the documents, texts and batches of every format), so
--memory-files N also runs score_folder() and write_workbook() on N text resumes in a fresh
process per worker count: the peak a user's run reaches (read from /proc, not ru_maxrss,
which a process started from this one inherits from it). Linux only (fork and /proc).

    python benchmarks/throughput.py [--text 2000] [--pdf 500] [--rounds 3] [--workers 1,2]
        [--memory-files 0]
"""

from __future__ import annotations

import os

# Set before screener is imported: no profile cache and no compiled-matcher cache, so every
# round does the whole work and nothing from an earlier run is reused.
os.environ["SCREENER_CACHE_DIR"] = ""

import argparse
import contextlib
import gc
import json
import multiprocessing
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from itertools import accumulate
from pathlib import Path
from typing import Any, ClassVar

from _corpus import write_text_resumes
from flashtext import KeywordProcessor
from pdf_read import bare, make_pdf

from screener import load_rubric, load_taxonomy, rank, score, write_workbook
from screener.config import Rubric, Taxonomy
from screener.config.taxonomy import all_forms
from screener.ingest import Document, Limits, read_file
from screener.match import SkillIndex, profile_document, skill_index
from screener.pipeline import BatchResult, score_folder
from screener.pipeline.workers import chunk_sizes

AS_OF = date(2026, 11, 1)
SAMPLE_S = 0.05  # how often the memory sampler looks at the processes
PSS_EVERY = 4  # smaps_rollup costs more to read than status: PSS every 4th sample
KIB_PER_MIB = 1024

Key = tuple[str, str, int]
"""(stage, format, workers); workers 0 is one process, no pool."""

_SHARED: dict[str, Any] = {}
"""What a pool's workers read: set before the pool starts, inherited by fork."""


# Memory ----------------------------------------------------------------------------------


def _status_kib(pid: int, name: str) -> int | None:
    """A ``kB`` field of /proc/PID/status, or None (no /proc, process gone, zombie)."""
    try:
        text = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith(f"{name}:"):
            return int(line.split()[1])
    return None


def _pss_kib(pid: int) -> int | None:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text(encoding="utf-8")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return None


def _children() -> list[int]:
    """This process's child processes (those of every thread: pebble forks from a thread)."""
    pids: list[int] = []
    tasks = Path("/proc/self/task")
    try:
        for task in tasks.iterdir():
            pids += [int(p) for p in (task / "children").read_text(encoding="utf-8").split()]
        return pids
    except OSError:  # no CONFIG_PROC_CHILDREN: look for our pid as the parent in every stat
        me = os.getpid()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text(encoding="utf-8").rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == me:
                pids.append(int(stat.parent.name))
        return pids


def _reset_peak() -> None:
    """Reset this process's VmHWM to its current RSS (Linux 4.0+), where allowed."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5", encoding="ascii")


@dataclass(frozen=True)
class Peak:
    """Peak memory of one measurement, in KiB."""

    parent: int
    workers: int  # the sum of each worker's own peak
    pss: int | None  # highest sampled PSS of all of them together; None without smaps_rollup

    @property
    def rss(self) -> int:
        return self.parent + self.workers


class Meter:
    """Peak memory of this process and its child processes while the block runs."""

    active: ClassVar[Meter | None] = None  # so a pool can have its workers looked at last

    def __init__(self, *, reset: bool = True) -> None:
        self.reset = reset
        self.peak = Peak(0, 0, None)
        self._workers: dict[int, int] = {}
        self._pss = 0
        self._lock = threading.Lock()  # the sampler thread and a pool's last look
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> Meter:
        if self.reset:
            _reset_peak()
        self._sample(pss=True)
        self._thread.start()
        Meter.active = self
        return self

    def __exit__(self, *exc: object) -> None:
        Meter.active = None
        self._stop.set()
        self._thread.join()
        self._sample(pss=True)
        parent = _status_kib(os.getpid(), "VmHWM")
        if parent is None:  # no /proc: the lifetime peak, which cannot be reset
            parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        self.peak = Peak(parent, sum(self._workers.values()), self._pss or None)

    def _loop(self) -> None:
        tick = 0
        while not self._stop.wait(SAMPLE_S):
            tick += 1
            self._sample(pss=tick % PSS_EVERY == 0)

    def sample(self) -> None:
        """Look now: a pool calls this before its workers exit, however short its work."""
        self._sample(pss=True)

    def _sample(self, *, pss: bool) -> None:
        children = _children()
        peaks = {pid: _status_kib(pid, "VmHWM") for pid in children}  # a late look sees a peak
        total = sum(_pss_kib(pid) or 0 for pid in [os.getpid(), *children]) if pss else 0
        with self._lock:
            for pid, hwm in peaks.items():
                if hwm is not None:
                    self._workers[pid] = max(hwm, self._workers.get(pid, 0))
            self._pss = max(self._pss, total)


# Stages ----------------------------------------------------------------------------------


def _in_pool(task: Callable[[int], Any], count: int, workers: int, **shared: Any) -> list[Any]:
    """Run ``task`` on 0..count-1 in a pool of forked workers that inherit ``shared``."""
    _SHARED.clear()
    _SHARED.update(shared)
    context = multiprocessing.get_context("fork")
    ends = list(accumulate(chunk_sizes(count, workers)))  # the batch's own task sizes
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        chunks = [
            pool.submit(_run_chunk, task, lo, hi) for lo, hi in zip([0, *ends], ends, strict=False)
        ]
        results = [result for chunk in chunks for result in chunk.result()]
        if Meter.active is not None:
            Meter.active.sample()
    return results


def _run_chunk(task: Callable[[int], Any], lo: int, hi: int) -> list[Any]:
    return [task(i) for i in range(lo, hi)]


def _read_task(i: int) -> bool:
    path = _SHARED["paths"][i]
    (item,) = read_file(path, path.name, _SHARED["limits"])
    return isinstance(item, Document)


def _bare_task(i: int) -> None:
    bare([_SHARED["paths"][i]])


def _profile_task(i: int) -> int:
    return len(profile_document(_SHARED["docs"][i], _SHARED["index"], AS_OF).skills)


def _flashtext_task(i: int) -> int:
    return len(_SHARED["keywords"].extract_keywords(_SHARED["texts"][i], span_info=True))


def read_stage(paths: list[Path], workers: int) -> None:
    read = _in_pool(_read_task, len(paths), workers, paths=paths, limits=Limits())
    assert all(read), "a generated resume was not read"


def bare_pdf_stage(paths: list[Path], workers: int) -> None:
    _in_pool(_bare_task, len(paths), workers, paths=paths)


def profile_stage(docs: list[Document], index: SkillIndex, workers: int) -> None:
    _in_pool(_profile_task, len(docs), workers, docs=docs, index=index)


def flashtext_stage(texts: list[str], keywords: KeywordProcessor, workers: int) -> None:
    _in_pool(_flashtext_task, len(texts), workers, texts=texts, keywords=keywords)


def score_stage(batch: BatchResult) -> None:
    gc.disable()  # as the batch itself scores: its records hold no cycles
    try:
        assessments = [
            score(s.profile, batch.rubric, source=s.source, candidate=s.candidate)
            for s in batch.screened
        ]
        rank(assessments, batch.rubric)
    finally:
        gc.enable()


def write_stage(batch: BatchResult, out: Path) -> None:
    write_workbook(batch, out)


def end_to_end(
    folder: Path, rubric: Rubric, taxonomy: Taxonomy, workers: int, count: int, out: Path
) -> None:
    result = score_folder(folder, rubric, taxonomy, as_of=AS_OF, workers=workers, use_cache=False)
    assert len(result.ranking) == count, (len(result.ranking), count)
    write_workbook(result, out)


# The run ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Setup:
    """What every measurement shares, loaded once before the rounds."""

    taxonomy: Taxonomy
    rubric: Rubric
    index: SkillIndex
    keywords: KeywordProcessor
    out: Path  # where the workbooks go


@dataclass(frozen=True)
class Corpus:
    """One format's files, their documents read beforehand, and the batch scored from them."""

    name: str
    folder: Path
    paths: list[Path]
    docs: list[Document]
    batch: BatchResult


@dataclass
class Result:
    """The rounds of one measurement."""

    rates: list[float] = field(default_factory=list)
    peaks: list[Peak] = field(default_factory=list)


def load_setup(out: Path) -> Setup:
    started = time.perf_counter()
    taxonomy = load_taxonomy()
    rubric = load_rubric(None, taxonomy)
    index = skill_index(taxonomy)
    seconds = time.perf_counter() - started
    keywords = KeywordProcessor(case_sensitive=False)
    forms = 0
    for skill in taxonomy:
        for form, _ in all_forms(skill):
            keywords.add_keyword(form, skill.id)
            forms += 1
    print(
        f"start-up (taxonomy, default rubric, SkillIndex built without cache): {seconds:.2f} s; "
        f"{len(taxonomy)} skills, {forms} forms for flashtext"
    )
    return Setup(taxonomy, rubric, index, keywords, out)


def generate(tmp: Path, texts: int, pdfs: int) -> dict[str, list[Path]]:
    """Write the resumes, one folder per format."""
    paths = {"text": write_text_resumes(tmp / "text", texts)} if texts else {}
    if pdfs:
        (tmp / "pdf").mkdir()
        rng = random.Random(42)
        paths["pdf"] = [tmp / "pdf" / f"resume-{i:05d}.pdf" for i in range(pdfs)]
        for path in paths["pdf"]:
            make_pdf(path, rng)
    return paths


def make_corpus(name: str, paths: list[Path], setup: Setup, workers: int) -> Corpus:
    limits = Limits()
    docs = []
    for path in paths:
        (item,) = read_file(path, path.name, limits)
        assert isinstance(item, Document), item
        docs.append(item)
    folder = paths[0].parent
    batch = score_folder(
        folder, setup.rubric, setup.taxonomy, as_of=AS_OF, workers=workers, use_cache=False
    )
    assert len(batch.ranking) == len(paths), (len(batch.ranking), len(paths))
    return Corpus(name, folder, paths, docs, batch)


def plan(corpora: list[Corpus], setup: Setup, workers: list[int]) -> dict[Key, Callable[[], None]]:
    """Every measurement of one round, in the order they run and are printed."""
    runs: dict[Key, Callable[[], None]] = {}
    for c in corpora:
        texts = [d.text for d in c.docs]
        per_pool = {
            "read": partial(read_stage, c.paths),
            "bare pypdfium2": partial(bare_pdf_stage, c.paths) if c.name == "pdf" else None,
            "profile": partial(profile_stage, c.docs, setup.index),
            "flashtext": partial(flashtext_stage, texts, setup.keywords),
        }
        for stage, run in per_pool.items():
            for w in workers:
                if run is not None:
                    runs[(stage, c.name, w)] = partial(run, w)
        runs[("score", c.name, 0)] = partial(score_stage, c.batch)
        runs[("write", c.name, 0)] = partial(write_stage, c.batch, setup.out / f"{c.name}.xlsx")
        for w in workers:
            out = setup.out / f"{c.name}-end-to-end-{w}.xlsx"
            runs[("end to end", c.name, w)] = partial(
                end_to_end, c.folder, setup.rubric, setup.taxonomy, w, len(c.paths), out
            )
    return runs


def measure(
    runs: dict[Key, Callable[[], None]], counts: dict[str, int], rounds: int
) -> dict[Key, Result]:
    """Run every measurement once per round, in alternation, timing it and metering it."""
    results = {key: Result() for key in runs}
    for round_ in range(rounds):
        started = time.perf_counter()
        for key, run in runs.items():
            gc.collect()
            with Meter() as meter:
                begun = time.perf_counter()
                run()
                seconds = time.perf_counter() - begun
            results[key].rates.append(counts[key[1]] / seconds)
            results[key].peaks.append(meter.peak)
        print(
            f"round {round_ + 1}/{rounds} took {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
            flush=True,
        )
    return results


def _mib(kib: int | None) -> str:
    return "-" if kib is None else f"{kib / KIB_PER_MIB:.0f}"


def print_table(results: dict[Key, Result]) -> None:
    print(
        f"{'format':6s}  {'stage':14s}  {'workers':>7s}  {'resumes/s':>9s}  {'rounds':19s}  "
        f"{'peak RSS MiB: parent + workers = sum':>36s}  {'PSS MiB':>7s}"
    )
    for (stage, fmt, workers), result in results.items():
        rounds = " ".join(f"{rate:.0f}" for rate in result.rates)
        top = max(result.peaks, key=lambda p: p.rss)
        pss = max((p.pss for p in result.peaks if p.pss is not None), default=None)
        print(
            f"{fmt:6s}  {stage:14s}  {workers or '-':>7}  {statistics.median(result.rates):9.1f}  "
            f"{rounds:19s}  {_mib(top.parent):>22s} + {_mib(top.workers):>5s} = "
            f"{_mib(top.rss):>5s}  {_mib(pss):>7s}"
        )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"workers -: one process, no pool; peaks: the highest round; load average now {load}")


def print_ratios(results: dict[Key, Result], workers: list[int]) -> None:
    def rate(stage: str, fmt: str, w: int) -> float | None:
        result = results.get((stage, fmt, w))
        return statistics.median(result.rates) if result else None

    lines = []
    for w in workers:
        floor = rate("bare pypdfium2", "pdf", w)
        lines.append((f"PDF read stage / bare pypdfium2, {w}w", rate("read", "pdf", w), floor))
        lines.append(
            (f"PDF end to end / bare pypdfium2, {w}w", rate("end to end", "pdf", w), floor)
        )
        for fmt in ("text", "pdf"):
            lines.append(
                (
                    f"{fmt} profile / flashtext, {w}w",
                    rate("profile", fmt, w),
                    rate("flashtext", fmt, w),
                )
            )
    base = workers[0]
    for w in workers[1:]:
        for stage in ("profile", "end to end"):
            for fmt in ("text", "pdf"):
                lines.append(
                    (f"{fmt} {stage}, {w}w / {base}w", rate(stage, fmt, w), rate(stage, fmt, base))
                )
    print("ratios of resumes per second (below 1: the first is slower):")
    for label, a, b in lines:
        if a is not None and b is not None:
            print(f"  {label:40s} {a / b:6.2f}")


def memory_run(folder: Path, workers: int) -> None:
    """In a fresh process: score_folder() and write_workbook() on ``folder``, as JSON."""
    with Meter(reset=False) as meter:
        started = time.perf_counter()
        result = score_folder(folder, as_of=AS_OF, workers=workers, use_cache=False)
        write_workbook(result, folder.parent / f"{folder.name}-{workers}.xlsx")
        seconds = time.perf_counter() - started
    report = {
        "seconds": seconds,
        "scored": len(result.ranking),
        "skipped": len(result.skipped),
        "parent_kib": meter.peak.parent,
        "workers_kib": meter.peak.workers,
        "pss_kib": meter.peak.pss,
        "ru_maxrss_children_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    }
    print(json.dumps(report))


def memory_runs(tmp: Path, files: int, workers: list[int]) -> None:
    """The end-to-end peak on ``files`` text resumes, each worker count in a fresh process."""
    folder = tmp / "memory"
    write_text_resumes(folder, files, seed=11)
    print(f"end to end on {files} text resumes, each in a fresh process (start-up included):")
    for w in workers:
        command = [sys.executable, str(Path(__file__).resolve()), "--workers", str(w)]
        done = subprocess.run(
            [*command, "--memory-run", str(folder)], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            print(f"  {w}w: failed (exit code {done.returncode}): {last}")
            continue
        r = json.loads(done.stdout.splitlines()[-1])
        print(
            f"  {w}w: {r['seconds']:.1f} s, {r['scored'] / r['seconds']:.1f} resumes/s "
            f"({r['scored']} scored, {r['skipped']} skipped); peak RSS "
            f"{_mib(r['parent_kib'])} + {_mib(r['workers_kib'])} = "
            f"{_mib(r['parent_kib'] + r['workers_kib'])} MiB, PSS {_mib(r['pss_kib'])} MiB "
            f"(largest worker by ru_maxrss {_mib(r['ru_maxrss_children_kib'])} MiB)"
        )


def count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more: {text!r}")
    return value


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more: {text!r}")
    return value


def worker_counts(text: str) -> list[int]:
    try:
        counts = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not counts or counts[0] < 1:
        raise argparse.ArgumentTypeError(f"worker counts must be 1 or more: {text!r}")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", type=count, default=2000, help="text resumes")
    parser.add_argument("--pdf", type=count, default=500, help="two-page PDF resumes")
    parser.add_argument("--rounds", type=positive, default=3)
    parser.add_argument("--workers", type=worker_counts, default=[1, 2], help='e.g. "1,2"')
    parser.add_argument(
        "--memory-files", type=count, default=0, help="text resumes for the memory run (0: none)"
    )
    parser.add_argument("--memory-run", type=Path, help=argparse.SUPPRESS)  # the fresh process
    args = parser.parse_args()
    if args.memory_run is not None:
        memory_run(args.memory_run, args.workers[0])
        return
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        (tmp / "out").mkdir()
        setup = load_setup(tmp / "out")
        paths = generate(tmp, args.text, args.pdf)
        corpora = [make_corpus(fmt, p, setup, args.workers[-1]) for fmt, p in paths.items()]
        counts = {fmt: len(p) for fmt, p in paths.items()}
        if corpora:
            described = ", ".join(f"{n} {fmt}" for fmt, n in counts.items())
            load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
            print(
                f"{described} resumes; median of {args.rounds} rounds, run in alternation; "
                f"{os.cpu_count()} CPUs, load average {load} before the rounds"
            )
            results = measure(plan(corpora, setup, args.workers), counts, args.rounds)
            print_table(results)
            print_ratios(results, args.workers)
        if args.memory_files:
            memory_runs(tmp, args.memory_files, args.workers)


if __name__ == "__main__":
    main()
