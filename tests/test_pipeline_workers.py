"""How the batch shares files among its worker processes."""

from __future__ import annotations

import heapq
import math

from hypothesis import given
from hypothesis import strategies as st

from screener.pipeline.workers import CHUNK, chunk_sizes


def _finish_time(sizes: list[int], workers: int) -> int:
    """When the last worker is done, each task going to the first worker free and every
    file taking one unit of time (the order a pool hands tasks out)."""
    free = [0] * workers
    for size in sizes:
        heapq.heappush(free, heapq.heappop(free) + size)
    return max(free)


@given(st.integers(min_value=0, max_value=5000), st.integers(min_value=1, max_value=16))
def test_pipeline_workers_chunks_cover_every_file_once(total: int, workers: int) -> None:
    sizes = chunk_sizes(total, workers)
    assert sum(sizes) == total
    assert all(1 <= size <= CHUNK for size in sizes)
    assert sizes == sorted(sizes, reverse=True)  # large tasks first, small ones to finish


@given(st.integers(min_value=1, max_value=5000), st.integers(min_value=1, max_value=16))
def test_pipeline_workers_finish_together(total: int, workers: int) -> None:
    """No worker is left alone with a last full chunk: the batch ends within one file of an
    even share (300 files on 2 workers in chunks of 16 ended 10 files late)."""
    sizes = chunk_sizes(total, workers)
    assert _finish_time(sizes, workers) <= math.ceil(total / workers) + 1
