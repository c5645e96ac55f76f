"""The recruiter's workbook, CSV and JSON, read back: every sheet, cell safety, live scores,
determinism, the shortlist workbook and `screener explain`."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from screener.cli import app
from screener.config import load_rubric
from screener.export.tables import EVIDENCE_COLUMNS, RANKING_COLUMNS, RUBRIC_COLUMNS
from screener.score import weighted_score
from tests.conftest import ROOT

runner = CliRunner()
RUBRIC = ROOT / "rubrics" / "mlops_engineer.yaml"
FILLER = "Worked with product teams on planning, reviews and release notes every quarter. " * 2
HOSTILE = ['=HYPERLINK("http://example.com","x")', "+1-555-0100", "@SUM(A1)"]

STRONG = f"""Ada Strong
EXPERIENCE
MLOps Engineer, Northwind, Jan 2019 - Present
- Built Kubeflow and MLflow pipelines in Python, deployed with Docker on Kubernetes (EKS, AWS).
- Monitored models with Prometheus and Grafana; CI/CD with GitHub Actions; Terraform modules.
- Tuned autoscaling, caching and load balancing for low-latency model serving.
Software Engineer, Contoso, 2015 - 2018
- Wrote Python services.
{FILLER}"""
MIDDLE = f"""Ben Middle
EXPERIENCE
Data Engineer, Fabrikam, 2017 - 2023
- Built Airflow pipelines in Python and Spark; some Docker.
{FILLER}"""
HOSTILE_RESUME = (
    f"{HOSTILE[0]} Python developer\n{HOSTILE[1]} Kubernetes administrator\n"
    f"{HOSTILE[2]} Docker images\nTerraform\x00 modules\n{FILLER}"
)


def _inbox(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ada.md").write_text(STRONG, encoding="utf-8")
    (folder / "ben.txt").write_text(MIDDLE, encoding="utf-8")
    (folder / "=SUM(1+1).txt").write_text(HOSTILE_RESUME, encoding="utf-8")
    (folder / "empty.pdf").write_bytes(b"")
    return folder


def _score(folder: Path, out: Path, *extra: str) -> Any:
    result = runner.invoke(
        app, ["score", str(folder), "--out", str(out), "--as-of", "2026-11-01", *extra]
    )
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("export")
    folder = _inbox(base / "inbox")
    paths = {"folder": folder, "xlsx": base / "results.xlsx", "json": base / "results.json"}
    paths["csv"] = base / "csv"
    _score(folder, paths["xlsx"], "--json", str(paths["json"]), "--csv", str(paths["csv"]))
    return paths


def _values(xlsx: Path, sheet: str) -> list[tuple[Any, ...]]:
    """A sheet as pandas or any reader without a spreadsheet engine sees it."""
    wb = openpyxl.load_workbook(xlsx, read_only=True, data_only=True)
    try:
        return [tuple(r) for r in wb[sheet].iter_rows(values_only=True)]
    finally:
        wb.close()


def test_export_ranking_scores_are_live_formulas_with_readable_values(
    run: dict[str, Path],
) -> None:
    data = json.loads(run["json"].read_text(encoding="utf-8"))
    rows = _values(run["xlsx"], "Ranking")
    assert rows[0] == RANKING_COLUMNS
    col = {name: i for i, name in enumerate(RANKING_COLUMNS)}
    assert [(r[col["File"]], r[col["Score"]], r[col["Band"]]) for r in rows[1:]] == [
        (c["file"], c["score"], c["band"]) for c in data["ranking"]
    ]
    ws = openpyxl.load_workbook(run["xlsx"])["Ranking"]
    assert str(ws["D2"].value).startswith("=IF(SUM(Rubric!$D$2")
    assert str(ws["E2"].value).startswith("=IF(D2>=75")
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref
    assert ws["C2"].hyperlink is not None
    assert ws["C2"].hyperlink.target.endswith(str(rows[1][2]))
    (validation,) = ws.data_validations.dataValidation
    assert validation.formula1 == '"Advance,Hold,Reject"'
    assert str(validation.sqref) == f"M2:M{len(rows)}"
    import pandas as pd

    frame = pd.read_excel(run["xlsx"], sheet_name="Ranking")
    assert frame["Score"].tolist() == [c["score"] for c in data["ranking"]]


def test_export_every_other_sheet_reads_back(run: dict[str, Path]) -> None:
    data = json.loads(run["json"].read_text(encoding="utf-8"))
    rubric = load_rubric(RUBRIC)
    ranking = _values(run["xlsx"], "Ranking")[1:]
    shortlist = _values(run["xlsx"], "Shortlist")
    assert shortlist[1:] == [r for r in ranking if r[RANKING_COLUMNS.index("Shortlisted")] == "yes"]
    matrix = _values(run["xlsx"], "Matrix")
    assert matrix[0] == ("Rank", "Candidate", *(r.id for r in rubric.requirements))
    for row, cand in zip(matrix[1:], data["ranking"], strict=True):
        sats = [r["satisfaction"] for r in cand["requirements"]]
        assert list(row[2:]) == sats
        assert weighted_score([r.weight for r in rubric.requirements], sats) == cand["score"]
    ws = openpyxl.load_workbook(run["xlsx"])["Matrix"]
    assert len(ws.conditional_formatting) == 1
    evidence = _values(run["xlsx"], "Evidence")
    assert evidence[0] == EVIDENCE_COLUMNS
    labels = {r.label for r in rubric.requirements}
    assert evidence[1:]
    col = {name: i for i, name in enumerate(EVIDENCE_COLUMNS)}
    assert all(r[col["Requirement"]] in labels and r[col["Quote"]] for r in evidence[1:])
    assert any(r[col["Role dates"]] == "2019-01 to 2026-11 (current)" for r in evidence[1:])
    table = _values(run["xlsx"], "Rubric")
    assert table[0] == RUBRIC_COLUMNS
    assert [(r[0], r[3]) for r in table[1:]] == [(r.id, r.weight) for r in rubric.requirements]
    assert _values(run["xlsx"], "Errors")[1:] == [("empty.pdf", "empty file")]
    info = dict(_values(run["xlsx"], "Run")[1:])
    assert info["as-of date"] == "2026-11-01"
    assert info["rubric sha256"] == hashlib.sha256(RUBRIC.read_bytes()).hexdigest()
    assert info["input files"] == 4
    for path in run["folder"].iterdir():
        assert info[f"input: {path.name}"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_export_resume_text_never_becomes_a_formula(run: dict[str, Path]) -> None:
    with zipfile.ZipFile(run["xlsx"]) as zf:
        sheets = {n: zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/")}
    formulas = [f for xml in sheets.values() for f in re.findall(rb"<f>(.*?)</f>", xml)]
    assert formulas
    assert all(f.startswith((b"IF(SUM(Rubric!", b"IF(D")) for f in formulas)
    assert not any(b"\x00" in xml for xml in sheets.values())
    wb = openpyxl.load_workbook(run["xlsx"])
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    for start in (*HOSTILE, "=SUM(1+1)"):
        found = [c for c in cells if c.value.startswith(start)]
        assert found, start
        assert all(c.data_type == "s" and c.quotePrefix for c in found), start
    assert any(c.value.startswith("Terraform modules") for c in cells)  # NUL stripped


def test_export_csv_and_json_hold_the_same_content(run: dict[str, Path]) -> None:
    names = {p.name for p in run["csv"].iterdir()}
    assert names == {f"{s}.csv" for s in ("ranking", "shortlist", "matrix", "evidence",
                                          "rubric", "errors", "run", "limitations")}  # fmt: skip
    with (run["csv"] / "ranking.csv").open(encoding="utf-8-sig", newline="") as fh:
        ranking = list(csv.reader(fh))
    data = json.loads(run["json"].read_text(encoding="utf-8"))
    assert tuple(ranking[0]) == RANKING_COLUMNS
    assert [(r[2], float(r[3])) for r in ranking[1:]] == [
        ("'" + c["file"] if c["file"].startswith("=") else c["file"], c["score"])
        for c in data["ranking"]
    ]
    with (run["csv"] / "evidence.csv").open(encoding="utf-8-sig", newline="") as fh:
        quotes = [row[EVIDENCE_COLUMNS.index("Quote")] for row in csv.reader(fh)][1:]
    assert len(quotes) == sum(
        len(r["evidence"][: r["counted"]]) for c in data["ranking"] for r in c["requirements"]
    )
    for start in HOSTILE:
        assert any(q.startswith("'" + start) for q in quotes), start
        assert not any(q.startswith(start) for q in quotes), start


def test_export_two_runs_give_identical_cells(run: dict[str, Path], tmp_path: Path) -> None:
    again = tmp_path / "again.xlsx"
    _score(run["folder"], again, "--json", str(tmp_path / "again.json"))
    for sheet in ("Ranking", "Shortlist", "Matrix", "Evidence", "Rubric", "Errors", "Run"):
        first, second = _values(run["xlsx"], sheet), _values(again, sheet)
        if sheet == "Run":
            first, second = (
                [r for r in rows if r[0] not in {"started", "finished"}] for rows in (first, second)
            )
        assert first == second, sheet


def test_export_more_rows_than_a_sheet_holds_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import screener.export.xlsx as xlsx

    folder = _inbox(tmp_path / "inbox")
    monkeypatch.setattr(xlsx, "EXCEL_MAX_ROWS", 5)
    result = runner.invoke(app, ["score", str(folder), "--out", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 1
    assert "the Evidence sheet would need" in result.output
    assert "more than a sheet holds" in result.output
    assert not (tmp_path / "r.xlsx").exists()


def test_export_shortlist_option_and_shortlist_workbook(
    run: dict[str, Path], tmp_path: Path
) -> None:
    one = tmp_path / "one.xlsx"
    _score(run["folder"], one, "--shortlist", "1")
    assert len(_values(one, "Shortlist")) <= 2
    ranking = _values(run["xlsx"], "Ranking")[1:]
    out = tmp_path / "short.xlsx"
    result = runner.invoke(app, ["shortlist", str(run["xlsx"]), "--top", "2", "--out", str(out)])
    assert result.exit_code == 0, result.output
    shortlist = _values(out, "Shortlist")
    assert [r[2] for r in shortlist[1:]] == [r[2] for r in ranking[:2]]
    file_col = EVIDENCE_COLUMNS.index("File")
    assert {r[file_col] for r in _values(out, "Evidence")[1:]} == {r[2] for r in ranking[:2]}
    # a recruiter rejects the leader and edits a weight; the shortlist follows
    edited = tmp_path / "edited.xlsx"
    wb = openpyxl.load_workbook(run["xlsx"])
    wb["Ranking"].cell(row=2, column=RANKING_COLUMNS.index("Decision") + 1).value = "Reject"
    wb.save(edited)
    result = runner.invoke(app, ["shortlist", str(edited), "--top", "1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert [r[2] for r in _values(out, "Shortlist")[1:]] == [ranking[1][2]]


def test_export_shortlist_of_a_non_results_workbook_is_a_clean_error(tmp_path: Path) -> None:
    other = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(other)
    result = runner.invoke(app, ["shortlist", str(other), "--out", str(tmp_path / "s.xlsx")])
    assert result.exit_code == 1
    assert "has no Ranking sheet" in result.output


def test_explain_strongest_sample_shows_every_must_have_with_a_quote() -> None:
    rubric = load_rubric(RUBRIC)
    result = runner.invoke(
        app,
        ["explain", str(ROOT / "sample_resumes" / "01_priya_raman_mlops_aws.md"),
         "--as-of", "2026-11-01"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    for req in rubric.requirements:
        if req.tier != "must":
            continue
        (at,) = [
            i for i, line in enumerate(lines) if line.strip().startswith(f"[met] {req.label}:")
        ]
        assert "\u201c" in lines[at + 1], req.label  # the quote behind the points
    assert "What would raise the score:" in result.output


def test_explain_names_missing_must_haves_and_what_would_raise_the_score(tmp_path: Path) -> None:
    resume = tmp_path / "ben.txt"
    resume.write_text(MIDDLE, encoding="utf-8")
    result = runner.invoke(app, ["explain", str(resume), "--as-of", "2026-11-01"])
    assert result.exit_code == 0, result.output
    assert "Missing must-haves:" in result.output
    assert "[NOT MET] Docker and Kubernetes" in result.output
    assert re.search(r"\+\d+\.\d\d Docker and Kubernetes: missing: Kubernetes", result.output)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_export_libreoffice_recalculates_scores_from_edited_weights(
    run: dict[str, Path], tmp_path: Path
) -> None:
    rubric = load_rubric(RUBRIC)
    weights = [r.weight for r in rubric.requirements]
    weights[0] = 100.0  # the recruiter makes experience dominate
    wb = openpyxl.load_workbook(run["xlsx"])
    wb["Rubric"]["D2"] = weights[0]
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    converted = tmp_path / "lo"
    for fmt in ("xlsx", "pdf"):
        subprocess.run(
            ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
             "--convert-to", fmt, "--outdir", str(converted), str(edited)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    assert (converted / "edited.pdf").stat().st_size > 1000
    ranking = _values(converted / "edited.xlsx", "Ranking")[1:]
    matrix = _values(converted / "edited.xlsx", "Matrix")[1:]
    for row, sats in zip(ranking, matrix, strict=True):
        expected = weighted_score(weights, [float(s) for s in sats[2:]])
        assert row[3] == pytest.approx(expected, abs=0.01)
        assert row[4] == rubric.band_of(expected)
    assert any(
        row[3] != old[3]
        for row, old in zip(ranking, _values(run["xlsx"], "Ranking")[1:], strict=False)
    )


DATA_RUBRIC = """version: 1
opening: Data Engineer
bands: {strong: 75, good: 55, fair: 35}
requirements:
  - {id: pipelines, label: Pipelines, tier: must, weight: 5, any: [apache-airflow, apache-spark]}
  - {id: python, label: Python, tier: must, weight: 3, any: [python]}
  - {id: sql, label: SQL, tier: nice, weight: 2, any: [sql]}
"""


def test_export_several_openings_in_one_pass(run: dict[str, Path], tmp_path: Path) -> None:
    data_rubric = tmp_path / "data_engineer.yaml"
    data_rubric.write_text(DATA_RUBRIC, encoding="utf-8")
    out, js = tmp_path / "multi.xlsx", tmp_path / "multi.json"
    _score(run["folder"], out, "--rubric", str(RUBRIC), "--rubric", str(data_rubric),
           "--json", str(js))  # fmt: skip
    wb = openpyxl.load_workbook(out, read_only=True)
    kinds = ("Ranking", "Shortlist", "Matrix", "Evidence", "Rubric")
    assert wb.sheetnames == [
        *(f"{k} mlops_engineer" for k in kinds),
        *(f"{k} data_engineer" for k in kinds),
        "Best fit", "Errors", "Run", "Limitations",
    ]  # fmt: skip
    wb.close()
    data = json.loads(js.read_text(encoding="utf-8"))
    mlops, data_eng = data["openings"]
    assert data_eng["run"]["opening"] == "Data Engineer"
    for opening, tag in ((mlops, "mlops_engineer"), (data_eng, "data_engineer")):
        rows = _values(out, f"Ranking {tag}")[1:]
        assert [(r[2], r[3]) for r in rows] == [(c["file"], c["score"]) for c in opening["ranking"]]
    ws = openpyxl.load_workbook(out)["Ranking data_engineer"]
    assert "'Matrix data_engineer'!C2*'Rubric data_engineer'!$D$2" in str(ws["D2"].value)
    best = _values(out, "Best fit")
    assert best[0][:5] == ("Candidate", "File", "Best opening", "Best score", "Band")
    by_file = {c["file"]: c["score"] for c in mlops["ranking"]}
    by_file_data = {c["file"]: c["score"] for c in data_eng["ranking"]}
    for row in best[1:]:
        scores = (by_file[row[1]], by_file_data[row[1]])
        assert row[3] == max(scores)
        assert row[2] == ("MLOps Engineer" if scores[0] >= scores[1] else "Data Engineer")
    assert [r["file"] for r in data["best_fit"]] == [r[1] for r in best[1:]]


def test_export_says_it_is_decision_support(run: dict[str, Path]) -> None:
    from screener.export.limitations import BANNER

    topics = dict(_values(run["xlsx"], "Limitations")[1:])
    assert topics["Notice"] == BANNER
    assert {"Intended use", "Known failure modes", "Measured accuracy"} <= set(topics)
    ws = openpyxl.load_workbook(run["xlsx"])["Ranking"]
    assert ws.oddHeader.center.text == BANNER  # printed on every page
    assert json.loads(run["json"].read_text(encoding="utf-8"))["notice"] == BANNER


def test_every_run_is_logged_and_the_log_verifies(tmp_path: Path) -> None:
    folder = _inbox(tmp_path / "inbox")
    log = tmp_path / "audit.jsonl"
    for name in ("a.xlsx", "b.xlsx"):
        _score(folder, tmp_path / name, "--audit-log", str(log))
    lines = log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    entry = json.loads(lines[1])
    assert entry["counts"] == {
        "scored": 3,
        "skipped": 1,
        "shortlisted": entry["counts"]["shortlisted"],
    }
    assert {i["file"] for i in entry["inputs"]} == {p.name for p in folder.iterdir()}
    assert "Ada" not in lines[0]
    assert "=HYPERLINK" not in lines[0]
    ok = runner.invoke(app, ["log", "verify", str(log)])
    assert ok.exit_code == 0, ok.output
    assert "2 runs, chain intact" in ok.output
    first = json.loads(lines[0])
    first["counts"]["scored"] = 99  # someone edits a past run
    log.write_text("\n".join([json.dumps(first), lines[1]]) + "\n", encoding="utf-8")
    bad = runner.invoke(app, ["log", "verify", str(log)])
    assert bad.exit_code == 1
    assert "line 1" in bad.output
