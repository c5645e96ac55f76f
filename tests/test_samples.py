"""The shipped sample inbox end to end: the tool's bands against a recruiter's (EXPECTED.csv,
written before the tool's output was seen), the order, and every edge case with its reason."""

from __future__ import annotations

import csv
import json
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from screener.cli import app
from tests.conftest import ROOT

SAMPLES = ROOT / "sample_resumes"
BANDS = {"strong": 3, "good": 2, "fair": 1, "low": 0}


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("samples")
    result = CliRunner().invoke(
        app,
        ["score", str(SAMPLES), "--out", str(out / "r.xlsx"), "--json", str(out / "r.json"),
         "--as-of", "2026-11-01"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads((out / "r.json").read_text(encoding="utf-8"))
    data["summary"] = result.output
    return data


@pytest.fixture(scope="module")
def expected() -> dict[str, tuple[str, str]]:
    with (SAMPLES / "EXPECTED.csv").open(encoding="utf-8", newline="") as fh:
        return {row["file"]: (row["band"], row["reason"]) for row in csv.DictReader(fh)}


def _scorable(outcome: dict[str, Any], expected: dict[str, tuple[str, str]]) -> list[Any]:
    return [c for c in outcome["ranking"] if expected[c["file"]][0] in BANDS]


def test_samples_every_file_is_scored_or_listed_with_its_reason(
    outcome: dict[str, Any], expected: dict[str, tuple[str, str]]
) -> None:
    ranked = {c["file"] for c in outcome["ranking"]}
    errors = {e["file"]: e["reason"] for e in outcome["errors"]}
    assert ranked | set(errors) == {p.name for p in SAMPLES.iterdir() if p.is_file()}
    assert {f for f, (band, _) in expected.items() if band in BANDS} == ranked
    reasons = {expected[f][0]: r for f, r in errors.items() if f in expected}
    assert set(reasons) == {"skip", "duplicate"}
    listed = " | ".join(errors.values())
    for reason in ("no text layer", "encrypted PDF", "empty file", "duplicate of", "data file"):
        assert reason in listed, reason
    assert f"Scored {len(ranked)}, skipped {len(errors)}" in outcome["summary"]


def test_samples_bands_agree_with_the_recruiter(
    outcome: dict[str, Any], expected: dict[str, tuple[str, str]]
) -> None:
    scorable = _scorable(outcome, expected)
    disagree = [(c["file"], c["band"], expected[c["file"]][0]) for c in scorable
                if c["band"] != expected[c["file"]][0]]  # fmt: skip
    assert len(disagree) <= 0.1 * len(scorable), disagree


def test_samples_order_follows_the_recruiter(
    outcome: dict[str, Any], expected: dict[str, tuple[str, str]]
) -> None:
    scorable = _scorable(outcome, expected)
    band = {c["file"]: expected[c["file"]][0] for c in scorable}
    top5 = [c["file"] for c in scorable[:5]]
    assert all(band[f] == "strong" for f in top5), top5
    strong = [c["score"] for c in scorable if band[c["file"]] == "strong"]
    low = [(c["file"], c["score"]) for c in scorable if band[c["file"]] == "low"]
    # keyword stuffers, everyday words, a cover letter: all below every strong candidate
    assert all(score < min(strong) for _, score in low), low
    tau = _kendall_tau_b([BANDS[band[c["file"]]] for c in scorable], [c["score"] for c in scorable])
    assert tau >= 0.8


def test_samples_cover_letter_is_flagged_for_a_person(
    outcome: dict[str, Any], expected: dict[str, tuple[str, str]]
) -> None:
    letters = [f for f, (_, reason) in expected.items() if reason.startswith("Cover letter")]
    assert letters
    for cand in outcome["ranking"]:
        flagged = any("no resume sections" in flag for flag in cand["flags"])
        assert flagged == (cand["file"] in letters), cand["file"]


def _kendall_tau_b(x: list[float], y: list[float]) -> float:
    """Kendall's tau-b, which allows ties (the expected bands have many)."""
    concordant = discordant = ties_x = ties_y = 0
    for i, j in combinations(range(len(x)), 2):
        dx, dy = x[i] - x[j], y[i] - y[j]
        if dx == 0 and dy == 0:
            continue
        if dx == 0:
            ties_x += 1
        elif dy == 0:
            ties_y += 1
        elif (dx > 0) == (dy > 0):
            concordant += 1
        else:
            discordant += 1
    pairs = concordant + discordant
    return (concordant - discordant) / ((pairs + ties_x) * (pairs + ties_y)) ** 0.5


def test_kendall_tau_b_known_values() -> None:
    assert _kendall_tau_b([1, 2, 3], [10, 20, 30]) == pytest.approx(1.0)
    assert _kendall_tau_b([1, 2, 3], [30, 20, 10]) == pytest.approx(-1.0)
    # scipy.stats.kendalltau([1, 1, 2, 2], [1, 2, 3, 4]) gives 0.8164965809
    assert _kendall_tau_b([1, 1, 2, 2], [1, 2, 3, 4]) == pytest.approx(0.8164965809)


def test_samples_expected_csv_names_real_files() -> None:
    with (SAMPLES / "EXPECTED.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 36
    for row in rows:
        assert (SAMPLES / row["file"]).is_file(), row["file"]
        assert row["reason"].strip()
    formats = {Path(r["file"]).suffix for r in rows}
    assert {".pdf", ".docx", ".txt", ".md", ".html", ".rtf", ".odt"} <= formats


def test_samples_are_what_the_generator_makes_from_their_sources() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "sample_resumes" / "generate.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
