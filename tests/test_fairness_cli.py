"""`screener audit` through the real CLI, on a real run's results."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from screener.cli import app
from screener.score.audit import COLUMNS
from tests.conftest import ROOT

runner = CliRunner()


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("audit")
    paths = {"json": out / "r.json", "xlsx": out / "r.xlsx", "demo": out / "demo.csv"}
    result = runner.invoke(
        app,
        ["score", str(ROOT / "sample_resumes"), "--out", str(paths["xlsx"]),
         "--json", str(paths["json"]), "--as-of", "2026-11-01"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in (ROOT / "sample_resumes").iterdir() if p.suffix != ".csv")
    with paths["demo"].open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "sex"])
        for i, name in enumerate(files):
            writer.writerow([name, ("Female", "Male", "")[i % 3]])
    return paths


def test_audit_cli_prints_the_table_and_writes_sheet_and_csv(
    run: dict[str, Path], tmp_path: Path
) -> None:
    out, csv_out = tmp_path / "audit.xlsx", tmp_path / "audit.csv"
    result = runner.invoke(
        app,
        ["audit", str(run["json"]), "--demographics", str(run["demo"]), "--selected",
         "band>=good", "--out", str(out), "--csv", str(csv_out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Bias audit (selection rate)" in result.output
    rows = list(openpyxl.load_workbook(out)["Audit"].iter_rows(values_only=True))
    assert rows[0] == COLUMNS
    categories = {(r[0], r[1]) for r in rows[1:]}
    assert {("sex", "Female"), ("sex", "Male"), ("sex", "Unknown")} <= categories
    with csv_out.open(encoding="utf-8-sig", newline="") as fh:
        assert len(list(csv.reader(fh))) == len(rows)
    unknown = next(r for r in rows if r[1] == "Unknown")
    assert unknown[COLUMNS.index("impact_ratio")] is None  # counted, not in ratios


def test_audit_cli_reads_workbook_decisions_and_scoring_rates(
    run: dict[str, Path], tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(run["xlsx"])
    ws = wb["Ranking"]
    for r in range(2, 8):
        ws.cell(row=r, column=13).value = "Advance"
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    for extra in (["--selected", "advance"], ["--mode", "scoring"]):
        result = runner.invoke(
            app, ["audit", str(edited), "--demographics", str(run["demo"]), *extra]
        )
        assert result.exit_code == 0, result.output
    assert "scoring rate" in result.output
    assert "median score" in result.output


def test_audit_cli_bad_inputs_are_clean_errors(run: dict[str, Path]) -> None:
    result = runner.invoke(
        app, ["audit", str(run["json"]), "--demographics", str(run["demo"]), "--dimensions", "age"]
    )
    assert result.exit_code == 1
    assert "no column age" in result.output
    result = runner.invoke(
        app, ["audit", str(run["json"]), "--demographics", str(run["demo"]), "--selected", "top"]
    )
    assert result.exit_code == 1
    assert "--selected must be" in result.output
