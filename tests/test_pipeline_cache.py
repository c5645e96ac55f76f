"""The profile cache: re-scoring reads no file again, survives damage and concurrent runs."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

import screener.pipeline as pipeline
import screener.pipeline.workers as workers
from screener import load_rubric
from screener.cli import app
from screener.config import Taxonomy
from screener.ingest import Document, Skipped
from screener.pipeline import score_folder
from screener.pipeline.cache import FILE_NAME
from tests.conftest import ROOT

AS_OF = date(2026, 11, 1)
RESUME = """{name}
EXPERIENCE
MLOps Engineer, Northwind, Jan 2019 - Present
- Built Kubeflow pipelines in Python and served models with Docker on Kubernetes (EKS).
- Monitored them with Prometheus; {extra}
"""


@pytest.fixture
def inbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SCREENER_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "inbox"
    folder.mkdir()
    for i, extra in enumerate(["Terraform for AWS.", "GitHub Actions CI/CD.", "Airflow DAGs."]):
        text = RESUME.format(name=f"Candidate {'ABC'[i]}", extra=extra)
        (folder / f"c{i}.txt").write_text(text, encoding="utf-8")
    return folder


def _unreadable(*args: object, **kwargs: object) -> list[Document | Skipped]:
    raise AssertionError("a cached file was read again")


def _summary(result: pipeline.BatchResult) -> list[tuple[str, float]]:
    return [(r.assessment.source, r.assessment.score) for r in result.ranking]


def test_cache_rescoring_with_another_rubric_reads_no_file(
    inbox: Path, taxonomy: Taxonomy, monkeypatch: pytest.MonkeyPatch
) -> None:
    rubric = load_rubric(ROOT / "rubrics" / "mlops_engineer.yaml", taxonomy)
    first = score_folder(inbox, rubric, taxonomy, as_of=AS_OF, workers=1)
    # forked workers inherit this: any file read now fails loudly
    monkeypatch.setattr(workers, "read_file", _unreadable)
    changed = rubric.model_copy(
        update={"requirements": [r.model_copy(update={"weight": 1}) for r in rubric.requirements]}
    )
    again = score_folder(inbox, changed, taxonomy, as_of=AS_OF, workers=1)
    assert not again.skipped
    assert sorted(s for s, _ in _summary(again)) == sorted(s for s, _ in _summary(first))
    assert _summary(again) != _summary(first)  # the new weights count
    same = score_folder(inbox, rubric, taxonomy, as_of=AS_OF, workers=1)
    assert _summary(same) == _summary(first)  # and the cached profiles are the same profiles


def test_cache_is_bypassed_by_no_cache_and_misses_on_changed_files(
    inbox: Path, taxonomy: Taxonomy, monkeypatch: pytest.MonkeyPatch
) -> None:
    score_folder(inbox, None, taxonomy, as_of=AS_OF, workers=1)
    (inbox / "c0.txt").write_text(RESUME.format(name="Candidate Z", extra="x"), encoding="utf-8")
    monkeypatch.setattr(workers, "read_file", _unreadable)
    result = score_folder(inbox, None, taxonomy, as_of=AS_OF, workers=1)
    assert [s.source for s in result.skipped] == ["c0.txt"]  # changed: read again (and failed)
    result = score_folder(inbox, None, taxonomy, as_of=AS_OF, workers=1, use_cache=False)
    assert len(result.skipped) == 3  # nothing from the cache
    result = score_folder(inbox, None, taxonomy, as_of=date(2025, 1, 1), workers=1)
    assert len(result.skipped) == 3  # another as-of date is another profile


def test_cache_damaged_file_is_set_aside_and_rebuilt(inbox: Path, taxonomy: Taxonomy) -> None:
    cache = inbox.parent / "cache"
    cache.mkdir()
    (cache / FILE_NAME).write_bytes(b"this is not a database" * 100)
    result = score_folder(inbox, None, taxonomy, as_of=AS_OF, workers=1)
    assert len(result.ranking) == 3
    assert not result.skipped
    assert any(p.name.startswith(f"{FILE_NAME}.damaged-") for p in cache.iterdir())
    assert (cache / FILE_NAME).stat().st_size > 0


def test_cache_concurrent_runs_both_succeed(inbox: Path, tmp_path: Path) -> None:
    code = (
        "import sys; from datetime import date; from screener.pipeline import score_folder; "
        "r = score_folder(sys.argv[1], as_of=date(2026, 11, 1), workers=1); "
        "print(len(r.ranking), len(r.skipped))"
    )
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(inbox)], stdout=subprocess.PIPE, text=True, cwd=ROOT
        )
        for _ in range(3)
    ]
    outputs = [run.communicate(timeout=120)[0].strip() for run in runs]
    assert outputs == ["3 0"] * 3


def test_cache_clear_command_empties_the_folder(inbox: Path, taxonomy: Taxonomy) -> None:
    score_folder(inbox, None, taxonomy, as_of=AS_OF, workers=1)
    cache = inbox.parent / "cache"
    assert (cache / FILE_NAME).exists()
    result = CliRunner().invoke(app, ["cache", "clear"])
    assert result.exit_code == 0, result.output
    assert "Removed" in result.output
    assert not (cache / FILE_NAME).exists()


def test_kept_record_scores_exactly_as_the_full_profile(taxonomy: Taxonomy) -> None:
    """The batch and the cache keep one mention per skill; scores, evidence and quotes must
    be those of the whole profile, for rubrics with years, all-of and at-least requirements."""
    from screener.match.mentions import profile_text
    from screener.pipeline import kept_evidence
    from screener.score import score

    rubric = load_rubric(ROOT / "rubrics" / "mlops_engineer.yaml", taxonomy)
    with_years = rubric.model_copy(
        update={
            "requirements": [
                r.model_copy(update={"min_years": 3}) if r.any is not None else r
                for r in rubric.requirements
            ]
        }
    )
    texts = sorted((ROOT / "sample_resumes").glob("*.md")) + sorted(
        (ROOT / "sample_resumes").glob("*.txt")
    )
    assert len(texts) >= 10
    compared, several = 0, 0
    for path in texts:
        profile = profile_text(path.read_text(encoding="utf-8"), taxonomy, as_of=AS_OF)
        kept = kept_evidence(profile)
        assert all(len(e.mentions) <= 1 for e in kept.skills.values())
        for opening in (rubric, with_years):
            assert score(kept, opening) == score(profile, opening), path.name
            compared += 1
        several += sum(len(e.mentions) > 1 for e in profile.skills.values())
    assert compared == 2 * len(texts)
    assert several > 50  # skills named more than once: where picking one could go wrong
