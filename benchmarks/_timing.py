"""Alternating timed rounds and their report, shared by the throughput benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def race(runs: dict[str, Callable[[], None]], *, rounds: int, items: int) -> dict[str, float]:
    """Run each contender once per round, alternating, and print items per second.

    Returns the median rate of each; alternating keeps a noisy machine's slow spells from
    landing on one contender only.
    """
    rates: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            started = time.perf_counter()
            run()
            rates[name].append(items / (time.perf_counter() - started))
    medians = {name: statistics.median(values) for name, values in rates.items()}
    width = max(len(name) for name in runs)
    for name, values in rates.items():
        print(
            f"{name:{width}s} median {medians[name]:7.1f}/s  "
            f"(rounds: {', '.join(f'{v:.0f}' for v in values)})"
        )
    return medians
