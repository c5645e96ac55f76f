"""The real CLI through typer's CliRunner: score the sample resumes, validate rubrics."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from screener.cli import app
from screener.export.tables import EVIDENCE_COLUMNS, RANKING_COLUMNS
from screener.ingest import Document, Limits, read_file
from tests.conftest import ROOT

runner = CliRunner()
SAMPLES = ROOT / "sample_resumes"


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    out = tmp_path_factory.mktemp("run")
    xlsx, js = out / "results.xlsx", out / "results.json"
    result = runner.invoke(
        app, ["score", str(SAMPLES), "--out", str(xlsx), "--json", str(js), "--as-of", "2026-11-01"]
    )
    assert result.exit_code == 0, result.output
    return xlsx, js, result.output


def _sheet_rows(xlsx: Path, name: str) -> list[tuple[object, ...]]:
    """A sheet's values as a reader without a spreadsheet engine sees them."""
    wb = openpyxl.load_workbook(xlsx, read_only=True, data_only=True)
    try:
        return [tuple(r) for r in wb[name].iter_rows(values_only=True)]
    finally:
        wb.close()


def test_cli_score_ranks_every_readable_sample_and_lists_the_rest(
    scored: tuple[Path, Path, str],
) -> None:
    xlsx, _, output = scored
    wb = openpyxl.load_workbook(xlsx, read_only=True)
    assert wb.sheetnames == [
        "Ranking", "Shortlist", "Matrix", "Evidence", "Rubric", "Errors", "Run", "Limitations"
    ]  # fmt: skip
    wb.close()
    ranking = _sheet_rows(xlsx, "Ranking")
    assert ranking[0] == RANKING_COLUMNS
    assert _sheet_rows(xlsx, "Evidence")[0] == EVIDENCE_COLUMNS
    ranked = {str(r[2]) for r in ranking[1:]}
    errors = {str(r[0]) for r in _sheet_rows(xlsx, "Errors")[1:]}
    assert ranked.isdisjoint(errors)
    assert ranked | errors == {p.name for p in SAMPLES.iterdir() if p.is_file()}
    assert [r[0] for r in ranking[1:]] == list(range(1, len(ranked) + 1))
    scores = [float(r[3]) for r in ranking[1:]]  # type: ignore[arg-type]
    assert scores == sorted(scores, reverse=True)
    assert f"Scored {len(ranked)}, skipped {len(errors)}" in output
    assert ranking[1][4] == "strong"
    assert ranking[-1][4] == "low"


def test_cli_score_every_evidence_quote_is_in_the_resume(scored: tuple[Path, Path, str]) -> None:
    _, js, _ = scored
    data = json.loads(js.read_text(encoding="utf-8"))
    for cand in data["ranking"]:
        (doc,) = read_file(SAMPLES / cand["file"], cand["file"], Limits())
        assert isinstance(doc, Document)
        text = doc.text  # the file's decoded or extracted text: offsets point into it
        for req in cand["requirements"]:
            for ev in req["evidence"]:
                if ev["method"] in {"timeline"}:
                    continue
                assert text[ev["start"] : ev["end"]] in ev["quote"].replace("…", "")


def test_cli_score_json_matches_workbook(scored: tuple[Path, Path, str]) -> None:
    xlsx, js, _ = scored
    data = json.loads(js.read_text(encoding="utf-8"))
    ranking = _sheet_rows(xlsx, "Ranking")[1:]
    assert [(c["rank"], c["file"], c["score"]) for c in data["ranking"]] == [
        (r[0], r[2], r[3]) for r in ranking
    ]
    assert data["run"]["as-of date"] == "2026-11-01"
    evidence = _sheet_rows(xlsx, "Evidence")[1:]
    assert len(evidence) == sum(
        len(req["evidence"][: req["counted"]]) for c in data["ranking"] for req in c["requirements"]
    )


def test_cli_score_lists_bad_files_and_keeps_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    filler = "Worked on payment services for small shops, their invoices, refunds and reports. " * 2
    (folder / "good.txt").write_text(
        f"EXPERIENCE\nEngineer, 2019 - 2024\n- Python, Docker\n{filler}", encoding="utf-8"
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    formula = '=HYPERLINK("http://example.com","x") Python'
    (folder / "formula.md").write_text(
        f"{formula}\n+1-555-0100 Docker containers\n{filler}", encoding="utf-8"
    )
    xlsx = tmp_path / "out.xlsx"
    result = runner.invoke(app, ["score", str(folder), "--out", str(xlsx)])
    assert result.exit_code == 0, result.output
    assert "Scored 2, skipped 2" in result.output
    errors = dict(_sheet_rows(xlsx, "Errors")[1:])
    assert errors == {
        "empty.txt": "empty file",
        "scan.png": "image file: no text to read; convert it to a PDF with text, or OCR it",
    }
    quotes = {r[EVIDENCE_COLUMNS.index("Quote")] for r in _sheet_rows(xlsx, "Evidence")[1:]}
    assert {formula, "+1-555-0100 Docker containers"} <= quotes  # kept as text
    with zipfile.ZipFile(xlsx) as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
        formulas = [f for n in sheets for f in re.findall(rb"<f>(.*?)</f>", zf.read(n))]
    assert formulas  # the Ranking's own Score and Band formulas...
    assert not any(b"HYPERLINK" in f or b"555" in f for f in formulas)  # ...and no others


def test_cli_score_missing_folder_is_a_clean_error(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["score", str(tmp_path / "nope"), "--out", str(tmp_path / "x.xlsx")]
    )
    assert result.exit_code == 1
    assert "error: not a folder" in result.output
    assert "Traceback" not in result.output


def test_cli_validate_shipped_files_pass() -> None:
    result = runner.invoke(
        app, ["validate", str(ROOT / "rubrics"), "--taxonomy", str(ROOT / "skills_taxonomy")]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK: taxonomy of ")


def test_cli_validate_reports_misspelt_id_and_unknown_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = (ROOT / "rubrics" / "mlops_engineer.yaml").read_text(encoding="utf-8")
    text = text.replace("all: [docker, kubernetes]", "all: [docker, kubernets]")
    text = text.replace("weight: 10  #", "wieght: 10  #")
    Path("bad.yaml").write_text(text, encoding="utf-8")
    lines = text.splitlines()
    id_line = next(i for i, line in enumerate(lines, 1) if "kubernets" in line)
    key_line = next(i for i, line in enumerate(lines, 1) if "wieght" in line)
    result = runner.invoke(
        app, ["validate", "bad.yaml", "--taxonomy", str(ROOT / "skills_taxonomy")]
    )
    assert result.exit_code == 1
    assert (
        f"bad.yaml:{id_line}: requirements[3].all[1]: unknown skill id 'kubernets'; "
        "did you mean 'kubernetes'?"
    ) in result.output
    assert (
        f"bad.yaml:{key_line}: requirements[0].wieght: unknown key; did you mean 'weight'?"
    ) in result.output


def test_cli_help_does_not_import_spacy() -> None:
    code = (
        "import sys; from typer.testing import CliRunner; from screener.cli import app; "
        "r = CliRunner().invoke(app, ['--help']); assert r.exit_code == 0, r.output; "
        "assert 'score' in r.output; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'spacy', 'openpyxl', 'pandas', 'rapidfuzz'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_cli_profile_shows_skills_roles_and_years(tmp_path: Path) -> None:
    resume = tmp_path / "cv.txt"
    resume.write_text(
        "Jane Doe\n\nEXPERIENCE\nML Engineer, Acme, Jan 2020 - Present\n"
        "- Deployed PyTorch models with Docker containers on Kubernetes.\n"
        "- No experience with Terraform yet.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["profile", str(resume), "--as-of", "2026-11-01", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["total_months"] == 83
    skills = data["skills"]
    assert {"pytorch", "docker", "kubernetes"} <= set(skills)
    assert [m["polarity"] for m in skills["terraform"]["mentions"]] == ["negated"]
    mention = skills["kubernetes"]["mentions"][0]
    assert resume.read_text(encoding="utf-8")[mention["start"] : mention["end"]] == "Kubernetes"
    text = runner.invoke(app, ["profile", str(resume), "--as-of", "2026-11-01"])
    assert "role: 2020-01 to 2026-12 (83 months) ML Engineer, Acme, Jan 2020 - Present" in (
        text.output
    )


def test_cli_validate_warns_on_proxies_of_protected_traits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = (ROOT / "rubrics" / "mlops_engineer.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "label: Strong Python (production code)", "label: Strong Python, digital native"
    )
    Path("proxy.yaml").write_text(text, encoding="utf-8")
    result = runner.invoke(
        app, ["validate", "proxy.yaml", "--taxonomy", str(ROOT / "skills_taxonomy")]
    )
    assert result.exit_code == 0, result.output  # a warning, not an error
    assert "warning: " in result.output
    assert "digital native" in result.output


def test_cli_runs_as_python_module() -> None:
    """``python -m screener`` is the same command line (what benchmarks and scripts call)."""
    out = subprocess.run(
        [sys.executable, "-m", "screener", "score", "--help"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    assert "Usage: screener score" in out.stdout


def test_cli_lists_a_rubrics_problems_and_exits_1(tmp_path: Path) -> None:
    rubric = tmp_path / "bad.yaml"
    text = (ROOT / "rubrics" / "mlops_engineer.yaml").read_text(encoding="utf-8")
    rubric.write_text(text.replace("kubernetes", "kubernetes-typo", 1), encoding="utf-8")
    resume = ROOT / "sample_resumes" / "01_priya_raman_mlops_aws.md"
    result = runner.invoke(app, ["explain", str(resume), "--rubric", str(rubric)])
    assert result.exit_code == 1
    assert "kubernetes-typo" in result.output
    assert re.search(r"\d+ problems? in the rubric", result.output)
