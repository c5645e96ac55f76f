"""The Dask engine gives the same results as the local process pool (a slow test: it starts
a LocalCluster of two worker processes)."""

from __future__ import annotations

from datetime import date

import pytest

from screener.pipeline import BatchResult, score_folder
from tests.conftest import ROOT

pytest.importorskip("distributed")


def _outcome(result: BatchResult) -> tuple[object, ...]:
    return (
        [
            (r.rank, r.assessment.source, r.assessment.score, r.assessment.band)
            for r in result.ranking
        ],
        [(s.source, s.reason) for s in result.skipped],
        [r.assessment.results for r in result.ranking],
    )


@pytest.mark.slow
def test_dask_engine_ranks_the_samples_as_the_local_pool_does() -> None:
    samples = ROOT / "sample_resumes"
    as_of = date(2026, 11, 1)
    local = score_folder(samples, as_of=as_of, use_cache=False)
    dask = score_folder(samples, as_of=as_of, use_cache=False, scheduler="local")
    assert _outcome(dask) == _outcome(local)
    assert dask.options["engine"] == "dask (local)"
