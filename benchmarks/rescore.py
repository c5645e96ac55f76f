"""Re-scoring with a changed rubric from the profile cache, against the first run.

Generates N text resumes, then in each round, with an empty cache: scores them (the first
run: every file read and profiled, profiles stored), then scores them again against the
same rubric with every weight changed (read from the cache: no file is read again). Reports
the medians of both, in seconds, and their ratio. The workbook is not written, so the figures
are the batch itself.

    python benchmarks/rescore.py [--files 1000] [--rounds 3] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from _corpus import write_text_resumes

from screener import load_rubric, load_taxonomy
from screener.pipeline import score_folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    taxonomy = load_taxonomy()
    rubric = load_rubric(None, taxonomy)
    changed = rubric.model_copy(
        update={
            "requirements": [
                r.model_copy(update={"weight": (i % 5) + 1})
                for i, r in enumerate(rubric.requirements)
            ]
        }
    )
    firsts, agains = [], []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "resumes"
        write_text_resumes(folder, args.files)
        for round_ in range(args.rounds):
            os.environ["SCREENER_CACHE_DIR"] = str(Path(tmp) / f"cache-{round_}")
            timings = []
            for opening in (rubric, changed):
                start = time.perf_counter()
                result = score_folder(
                    folder, opening, taxonomy, as_of=date(2026, 11, 1), workers=args.workers
                )
                timings.append(time.perf_counter() - start)
                assert len(result.ranking) == args.files, len(result.ranking)
            firsts.append(timings[0])
            agains.append(timings[1])
            print(f"round {round_ + 1}: first {timings[0]:.2f} s, re-score {timings[1]:.2f} s")
    first, again = statistics.median(firsts), statistics.median(agains)
    print(
        f"{args.files} resumes, {args.workers} workers: first run median {first:.2f} s, "
        f"re-score from cache median {again:.2f} s, {first / again:.1f}x faster"
    )


if __name__ == "__main__":
    main()
