"""Taxonomy lint and the taxonomy commands, on small taxonomies written by the tests."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from screener import load_taxonomy
from screener.cli import app
from screener.config.lint import lint_taxonomy
from tests.conftest import DATA, ROOT

runner = CliRunner()

RISKY = """\
version: 1
family: Test
skills:
  - id: apache-spark
    name: Apache Spark
    type: framework
    aliases:
      - {text: Spark, kind: synonym}
  - id: machine-learning
    name: Machine Learning
    type: concept
    aliases:
      - {text: ML, kind: abbreviation}
  - id: helm
    name: Helm
    type: tool
    ambiguity: {level: high, reject: [at the helm]}
  - id: kubernetes
    name: Kubernetes
    type: platform
    aliases:
      - {text: k8s, kind: abbreviation}
"""


def test_config_lint_flags_forms_that_match_too_much(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(RISKY, encoding="utf-8")
    warnings = [str(w) for w in lint_taxonomy(load_taxonomy(tmp_path))]
    assert warnings == [
        "apache-spark: everyday-word: 'Spark' is an everyday word and matches with no context "
        "rule: add an ambiguity block",
        "helm: no-confirm-words: ambiguity level high with no confirm words: only skills "
        "sections and lists can confirm it",
        "machine-learning: short-form: 'ML' matches in any case with no context rule: add "
        "case: exact or an ambiguity block",
    ]


def test_config_lint_cli_exit_codes(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(RISKY, encoding="utf-8")
    risky = runner.invoke(app, ["taxonomy", "lint", "--taxonomy", str(tmp_path)])
    assert risky.exit_code == 1
    assert "4 skills, 3 warnings" in risky.output
    clean = runner.invoke(app, ["taxonomy", "lint", "--taxonomy", str(DATA / "taxonomy")])
    assert clean.exit_code == 0, clean.output


def test_config_taxonomy_find_shows_form_and_implications() -> None:
    result = runner.invoke(
        app, ["taxonomy", "find", "ran EKS", "--taxonomy", str(DATA / "taxonomy")]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "'EKS' -> Amazon EKS [amazon-eks] by abbreviation 'EKS'",
        "    implies Kubernetes [kubernetes] 0.9",
        "    implies AWS [aws] 0.8",
    ]


def test_config_taxonomy_find_nothing_is_an_error() -> None:
    result = runner.invoke(
        app, ["taxonomy", "find", "basket weaving", "--taxonomy", str(DATA / "taxonomy")]
    )
    assert result.exit_code == 1
    assert "no skill found in 'basket weaving'" in result.output


def test_config_taxonomy_stats_counts_every_skill() -> None:
    result = runner.invoke(app, ["taxonomy", "stats", "--taxonomy", str(ROOT / "skills_taxonomy")])
    assert result.exit_code == 0, result.output
    total = int(result.output.split()[0])
    by_family = result.output.split("By family:")[1].split("By type:")[0]
    assert sum(int(line.split()[0]) for line in by_family.strip().splitlines()) == total
    assert total == len(load_taxonomy(ROOT / "skills_taxonomy"))
