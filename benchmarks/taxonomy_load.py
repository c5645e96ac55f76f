"""Time to load the taxonomy and build its SkillIndex, in a fresh process each run.

Reports the median of N runs of: import screener, load_taxonomy(), skill_index() (which
imports spaCy and compiles the phrase matchers, or reads them from the disk cache), split into
the two steps; once with an empty cache each run (cold) and once with a filled one (warm).

    python benchmarks/taxonomy_load.py [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

CHILD = """
import json, time
t0 = time.perf_counter()
from screener import load_taxonomy
from screener.match import skill_index
taxonomy = load_taxonomy()
t1 = time.perf_counter()
index = skill_index(taxonomy)
t2 = time.perf_counter()
print(json.dumps({"skills": len(taxonomy), "load": t1 - t0, "index": t2 - t1, "total": t2 - t0}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as warm_dir:
        for label in ("cold", "warm"):
            runs = []
            for _ in range(args.runs):
                with tempfile.TemporaryDirectory() as cold_dir:
                    cache = cold_dir if label == "cold" else warm_dir
                    env = {**os.environ, "SCREENER_CACHE_DIR": cache}
                    out = subprocess.run(
                        [sys.executable, "-c", CHILD],
                        capture_output=True,
                        text=True,
                        check=True,
                        env=env,
                    )
                runs.append(json.loads(out.stdout))
            print(f"{label}: {runs[0]['skills']} skills, median of {args.runs} fresh processes")
            for key in ("load", "index", "total"):
                values = sorted(r[key] for r in runs)
                print(
                    f"  {key:6s} {statistics.median(values):.3f} s  (min {values[0]:.3f}, "
                    f"max {values[-1]:.3f})"
                )


if __name__ == "__main__":
    main()
