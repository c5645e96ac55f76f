"""`screener calibrate` and `screener rubric draft` through the real CLI."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from screener.cli import app
from screener.config import load_rubric
from screener.export.tables import RANKING_COLUMNS
from tests.conftest import ROOT

runner = CliRunner()
SAMPLES = ROOT / "sample_resumes"


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("cal")
    paths = {"xlsx": out / "r.xlsx", "json": out / "r.json", "labels": out / "labels.csv"}
    result = runner.invoke(
        app,
        ["score", str(SAMPLES), "--out", str(paths["xlsx"]), "--json", str(paths["json"]),
         "--as-of", "2026-11-01"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with (SAMPLES / "EXPECTED.csv").open(encoding="utf-8", newline="") as fh:
        expected = list(csv.DictReader(fh))
    with paths["labels"].open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["File", "Decision"])
        for row in expected:
            if row["band"] in {"strong", "good", "fair", "low"}:
                good = row["band"] in {"strong", "good"}
                writer.writerow([row["file"], "Advance" if good else "Reject"])
    return paths


def _weights(path: Path) -> dict[str, float]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {r["id"]: float(r["weight"]) for r in data["requirements"]}


def test_calibrate_from_results_writes_a_valid_rubric_with_its_record(
    scored: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "calibrated.yaml"
    result = runner.invoke(
        app,
        ["calibrate", "--labels", str(scored["labels"]), "--results", str(scored["json"]),
         "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "ROC AUC" in result.output
    assert "Verdict:" in result.output
    rubric = load_rubric(out)  # validates
    original = load_rubric(ROOT / "rubrics" / "mlops_engineer.yaml")
    assert [r.id for r in rubric.requirements] == [r.id for r in original.requirements]
    assert sum(_weights(out).values()) == pytest.approx(original.total_weight, abs=0.1)
    text = out.read_text(encoding="utf-8")
    assert "# labels file sha256: " in text
    assert "calibrated (was 10); the JD's first line" in text  # the reason kept beside it


def test_calibrate_from_resumes_matches_the_results_route(
    scored: dict[str, Path], tmp_path: Path
) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    common = ["calibrate", "--labels", str(scored["labels"])]
    first = runner.invoke(app, [*common, "--results", str(scored["json"]), "--out", str(a)])
    second = runner.invoke(
        app, [*common, "--resumes", str(SAMPLES), "--as-of", "2026-11-01", "--out", str(b)]
    )
    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    assert _weights(a) == _weights(b)


def test_calibrate_from_workbook_takes_decisions_and_edited_weights(
    scored: dict[str, Path], tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(scored["xlsx"])
    ranking = wb["Ranking"]
    decision = RANKING_COLUMNS.index("Decision") + 1
    rows = ranking.max_row
    for r in range(2, rows + 1):  # the top third advanced, the bottom third rejected
        if r <= 1 + rows // 3:
            ranking.cell(row=r, column=decision).value = "Advance"
        elif r > rows - rows // 3:
            ranking.cell(row=r, column=decision).value = "Reject"
        else:
            ranking.cell(row=r, column=decision).value = "Hold"
    wb["Rubric"]["D3"] = 20  # the recruiter doubled and more the weight of Python
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    out = tmp_path / "from_workbook.yaml"
    result = runner.invoke(app, ["calibrate", "--from-workbook", str(edited), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"from {2 * (rows // 3)} decisions" in result.output  # Hold is left out
    assert "python                       20.00" in result.output  # the edited weight is current
    load_rubric(out)


def test_calibrate_bad_inputs_are_clean_errors(scored: dict[str, Path], tmp_path: Path) -> None:
    out = str(tmp_path / "x.yaml")
    neither = runner.invoke(app, ["calibrate", "--labels", str(scored["labels"]), "--out", out])
    assert neither.exit_code == 1
    assert "exactly one of --resumes, --results or --from-workbook" in neither.output
    bad = tmp_path / "bad.csv"
    bad.write_text("name,score\nx,1\n", encoding="utf-8")
    result = runner.invoke(
        app, ["calibrate", "--labels", str(bad), "--results", str(scored["json"]), "--out", out]
    )
    assert result.exit_code == 1
    assert "needs a file column" in result.output
    strangers = tmp_path / "strangers.csv"
    strangers.write_text("file,label\nnobody.pdf,yes\nsomeone.pdf,no\n", encoding="utf-8")
    result = runner.invoke(
        app,
        ["calibrate", "--labels", str(strangers), "--results", str(scored["json"]), "--out", out],
    )
    assert result.exit_code == 1
    assert "none of the 2 labelled files" in result.output
    data = json.loads(scored["json"].read_text(encoding="utf-8"))
    data["ranking"][0]["requirements"].pop()
    other = tmp_path / "other.json"
    other.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(
        app, ["calibrate", "--labels", str(scored["labels"]), "--results", str(other), "--out", out]
    )
    assert result.exit_code == 1
    assert "scored with another rubric" in result.output


def test_rubric_draft_cli_writes_a_rubric_that_validates(tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    result = runner.invoke(
        app, ["rubric", "draft", str(ROOT / "rubrics" / "sources" / "mlops_engineer.md"),
              "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "review every line" in result.output
    check = runner.invoke(app, ["validate", str(out)])
    assert check.exit_code == 0, check.output
    assert out.read_text(encoding="utf-8").startswith("# DRAFT rubric")
