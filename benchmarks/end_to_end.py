"""The whole job as a recruiter runs it: ``screener score`` on N text resumes, workbook included.

Generates N text resumes (_corpus.py) in a temporary folder, then runs the real CLI in a
fresh process R times with ``--no-cache`` (every file read and profiled each time) and the
given worker count, and reports the median wall-clock time and resumes per second. The
time includes starting Python, loading the taxonomy and writing the workbook.

    python benchmarks/end_to_end.py [--files 10000] [--rounds 3] [--workers 2]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _corpus import write_text_resumes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "resumes"
        write_text_resumes(folder, args.files)
        out = Path(tmp) / "results.xlsx"
        command = [
            sys.executable,
            "-m",
            "screener",
            "score",
            str(folder),
            "--out",
            str(out),
            "--workers",
            str(args.workers),
            "--no-cache",
            "--as-of",
            "2026-11-01",
        ]
        for round_ in range(args.rounds):
            out.unlink(missing_ok=True)
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
            assert out.stat().st_size > 0
            print(f"round {round_ + 1}: {times[-1]:.1f} s")
    median = statistics.median(times)
    print(
        f"{args.files} text resumes, {args.workers} workers, workbook included: "
        f"median {median:.1f} s ({args.files / median:.0f} resumes/s)"
    )


if __name__ == "__main__":
    main()
