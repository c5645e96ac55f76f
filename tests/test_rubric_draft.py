"""Drafting a rubric from a job description: sections, skill combinations, years, degrees,
weights, comments, and coverage of the hand-written MLOps rubric."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from screener import Rubric, Taxonomy, load_rubric
from screener.config.draft import draft_rubric
from screener.config.rubric import Requirement
from tests.conftest import ROOT

MLOPS_JD = ROOT / "rubrics" / "sources" / "mlops_engineer.md"


def draft_and_load(
    tmp_path: Path, text: str, taxonomy: Taxonomy, **options: str
) -> tuple[str, Rubric]:
    """Draft a rubric, write it where a recruiter would, and load it as a run would."""
    drafted = draft_rubric(text, taxonomy, **options)
    path = tmp_path / "drafted.yaml"
    path.write_text(drafted, encoding="utf-8")
    return drafted, load_rubric(path, taxonomy)


def only(rubric: Rubric) -> Requirement:
    assert len(rubric.requirements) == 1, [r.id for r in rubric.requirements]
    return rubric.requirements[0]


def requirements_block(drafted: str) -> list[str]:
    """The non-blank lines from ``requirements:`` to the end."""
    lines = drafted.splitlines()
    start = lines.index("requirements:") + 1
    return [line for line in lines[start:] if line.strip()]


def kind_of(req: Requirement) -> str:
    if req.experience is not None:
        return "experience"
    if req.education is not None:
        return "education"
    return "skills"


def covers(drafted: Requirement, wanted: Requirement) -> bool:
    """Same tier, and a shared skill (skill requirements) or the same kind (the others)."""
    if drafted.tier != wanted.tier or kind_of(drafted) != kind_of(wanted):
        return False
    return kind_of(wanted) != "skills" or bool(set(drafted.skills) & set(wanted.skills))


# ---- the acceptance test ---------------------------------------------------------------


def test_draft_mlops_covers_the_hand_written_rubric(
    tmp_path: Path, taxonomy: Taxonomy, rubric: Rubric
) -> None:
    text = MLOPS_JD.read_text(encoding="utf-8")
    _, draft = draft_and_load(tmp_path, text, taxonomy, source="sources/mlops_engineer.md")
    covered = [w.id for w in rubric.requirements if any(covers(d, w) for d in draft.requirements)]
    missed = [w.id for w in rubric.requirements if w.id not in covered]
    coverage = len(covered) / len(rubric.requirements)
    print(f"coverage {coverage:.0%}: {len(covered)} of {len(rubric.requirements)}; missed {missed}")
    assert coverage >= 0.8, missed
    assert draft.opening == "MLOps Engineer"
    assert draft.source == "sources/mlops_engineer.md"


def test_draft_mlops_must_haves_match_the_hand_written_ones(
    tmp_path: Path, taxonomy: Taxonomy, rubric: Rubric
) -> None:
    _, draft = draft_and_load(tmp_path, MLOPS_JD.read_text(encoding="utf-8"), taxonomy)
    musts = [r for r in draft.requirements if r.tier == "must"]
    assert len(musts) == 8  # the JD's eight must-have bullets, one requirement each
    assert [r.weight for r in musts] == [10, 9, 9, 8, 7, 6, 6, 5]
    assert musts[0].experience is not None
    assert (musts[0].experience.min_years, musts[0].experience.min_ml_years) == (3, 2)
    by_id = {r.id: r for r in draft.requirements}
    hand = {r.id: r for r in rubric.requirements}
    assert by_id["kubeflow"].any == hand["orchestration"].any  # "ML workflows" left out
    assert by_id["containers-and-orchestration"].all == ["docker", "kubernetes"]
    assert set(by_id["cloud"].any or ()) == set(hand["cloud"].any or ())


def test_draft_mlops_header_and_source(taxonomy: Taxonomy) -> None:
    drafted = draft_rubric(
        MLOPS_JD.read_text(encoding="utf-8"), taxonomy, source="sources/mlops_engineer.md"
    )
    header = drafted.split("version: 1")[0]
    assert "DRAFT" in header
    assert "sources/mlops_engineer.md" in header
    assert "screener validate" in header
    assert "10 down to 5" in header


# ---- sections and tiers ------------------------------------------------------------------


def test_draft_nice_to_have_heading_gives_nice_tier(tmp_path: Path, taxonomy: Taxonomy) -> None:
    text = "# Platform Engineer\n\n## Requirements\n\n- Python\n\n## Nice to have\n\n- Terraform\n"
    drafted, rubric = draft_and_load(tmp_path, text, taxonomy)
    tiers = {r.id: (r.tier, r.weight) for r in rubric.requirements}
    assert tiers == {"python": ("must", 10), "terraform": ("nice", 3)}
    assert 'tier: nice  # under "Nice to have" (line 7)' in drafted


@pytest.mark.parametrize(
    ("heading", "tier", "weight"),
    [
        ("Minimum qualifications", "must", 10),
        ("What you bring", "must", 10),
        ("Must-have", "must", 10),
        ("Preferred qualifications", "nice", 3),
        ("Bonus points", "nice", 3),
        ("Pluses", "nice", 3),
        ("Responsibilities", "nice", 4),
        ("What you'll do", "nice", 4),
    ],
)
def test_draft_heading_kinds(
    tmp_path: Path, taxonomy: Taxonomy, heading: str, tier: str, weight: int
) -> None:
    _, rubric = draft_and_load(tmp_path, f"Engineer\n\n## {heading}\n- Kubernetes\n", taxonomy)
    req = only(rubric)
    assert (req.tier, req.weight, req.any) == (tier, weight, ["kubernetes"])


def test_draft_ignores_other_sections(tmp_path: Path, taxonomy: Taxonomy) -> None:
    text = (
        "Engineer\n\n## About us\nWe run Kubernetes everywhere.\n\n"
        "Requirements:\n- Python\n\nBenefits:\n- Free Terraform lessons\n"
    )
    _, rubric = draft_and_load(tmp_path, text, taxonomy)
    assert only(rubric).any == ["python"]


def test_draft_plain_text_with_capital_headings(tmp_path: Path, taxonomy: Taxonomy) -> None:
    text = (
        "Senior Data Engineer - Payments Team\n\n"
        "ABOUT US\nWe love Kubernetes.\n\n"
        "WHAT YOU'LL DO\n* Own our Snowflake warehouse\n\n"
        "REQUIREMENTS\n* Expert SQL\n\n"
        "NICE TO HAVE\n* Familiarity with Terraform\n\n"
        "BENEFITS\n* Free Docker stickers\n"
    )
    _, rubric = draft_and_load(tmp_path, text, taxonomy)
    assert rubric.opening == "Senior Data Engineer - Payments Team"
    assert [(r.id, r.tier, r.weight) for r in rubric.requirements] == [
        ("sql", "must", 10),
        ("snowflake", "nice", 4),
        ("terraform", "nice", 3),
    ]


def test_draft_a_plus_clause_of_a_must_have_is_nice(tmp_path: Path, taxonomy: Taxonomy) -> None:
    text = "## Requirements\n- Kubernetes; Helm charts are a plus\n"
    _, rubric = draft_and_load(tmp_path, text, taxonomy)
    assert [(r.tier, r.skills) for r in rubric.requirements] == [
        ("must", ("kubernetes",)),
        ("nice", ("helm",)),
    ]


def test_draft_weights_fall_in_order_within_each_tier(tmp_path: Path, taxonomy: Taxonomy) -> None:
    text = (
        "## Requirements\n- Python\n- Docker\n- Kubernetes\n"
        "## Responsibilities\n- Terraform\n- Ansible\n"
        "## Nice to have\n- Snowflake\n- Apache Kafka\n- Grafana\n"
    )
    drafted, rubric = draft_and_load(tmp_path, text, taxonomy)
    assert [(r.tier, r.weight) for r in rubric.requirements] == [
        ("must", 10),
        ("must", 8),  # 7.5 rounds up
        ("must", 5),
        ("nice", 4),
        ("nice", 2),
        ("nice", 3),
        ("nice", 2),
        ("nice", 1),
    ]
    assert "weight: 8  # must-have #2 of 3" in drafted
    assert "weight: 2  # responsibility #2 of 2" in drafted


# ---- how skills combine ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("One of Kubeflow, MLflow or Metaflow", ["kubeflow", "mlflow", "metaflow"]),
        ("AWS, GCP or Azure", ["aws", "google-cloud", "azure"]),
        ("Terraform or Pulumi", ["terraform", "pulumi"]),
        ("Terraform/Pulumi", ["terraform", "pulumi"]),
        ("An orchestrator, e.g. Dagster, Prefect", ["dagster", "prefect"]),
        ("Feature stores (Feast, Tecton)", ["feature-store", "feast", "tecton"]),
    ],
)
def test_draft_alternatives_become_any(
    tmp_path: Path, taxonomy: Taxonomy, line: str, expected: list[str]
) -> None:
    drafted, rubric = draft_and_load(tmp_path, f"## Requirements\n- {line}\n", taxonomy)
    req = only(rubric)
    assert req.any == expected
    comment = next(x for x in drafted.splitlines() if "any:" in x).split("  # ", 1)[1]
    assert comment.endswith("(line 2)")


def test_draft_and_becomes_all(tmp_path: Path, taxonomy: Taxonomy) -> None:
    drafted, rubric = draft_and_load(
        tmp_path, "## Requirements\n- Docker and Kubernetes\n", taxonomy
    )
    assert only(rubric).all == ["docker", "kubernetes"]
    assert 'all: [docker, kubernetes]  # "and" between skills: "Docker and Kubernetes"' in drafted


def test_draft_at_least_two_of(tmp_path: Path, taxonomy: Taxonomy) -> None:
    text = "## Requirements\n- At least two of Terraform, Pulumi, Ansible\n"
    _, rubric = draft_and_load(tmp_path, text, taxonomy)
    at_least = only(rubric).at_least
    assert at_least is not None
    assert (at_least.n, at_least.of) == (2, ["terraform", "pulumi", "ansible"])


def test_draft_bare_list_asks_for_two(tmp_path: Path, taxonomy: Taxonomy) -> None:
    text = "## Nice to have\n- Data engineering: Spark, dbt, streaming (Kafka, Pub/Sub)\n"
    drafted, rubric = draft_and_load(tmp_path, text, taxonomy)
    req = only(rubric)
    assert req.id == "data-engineering"
    assert req.at_least is not None
    assert (req.at_least.n, req.at_least.of) == (
        2,
        ["apache-spark", "dbt", "apache-kafka", "google-pubsub"],
    )
    assert '# not used: "Data engineering" (data-engineering)' in drafted


def test_draft_soft_skills_only_when_nothing_else(tmp_path: Path, taxonomy: Taxonomy) -> None:
    text = "## Requirements\n- Python and strong communication skills\n- Excellent communication\n"
    drafted, rubric = draft_and_load(tmp_path, text, taxonomy)
    assert [r.skills for r in rubric.requirements] == [("python",), ("communication",)]
    assert "a soft skill" in drafted


# ---- years and degrees -------------------------------------------------------------------


def test_draft_years_without_skills_become_experience(tmp_path: Path, taxonomy: Taxonomy) -> None:
    text = (
        "## Requirements\n"
        "- 5+ years of software engineering experience, including 3 years on ML systems\n"
        "- 2+ years building machine learning models in production\n"
    )
    _, rubric = draft_and_load(tmp_path, text, taxonomy)
    rules = [(r.id, r.experience) for r in rubric.requirements]
    assert [(i, e.min_years, e.min_ml_years) for i, e in rules if e] == [
        ("experience", 5, 3),
        ("experience-2", 0, 2),
    ]
    assert len(rules) == 2


def test_draft_years_of_a_skill_become_min_years(tmp_path: Path, taxonomy: Taxonomy) -> None:
    drafted, rubric = draft_and_load(tmp_path, "## Requirements\n- 3+ years of Python\n", taxonomy)
    req = only(rubric)
    assert (req.any, req.min_years) == (["python"], 3)
    assert 'min_years: 3  # "3+ years of Python" (line 2)' in drafted


def test_draft_degree_or_equivalent(tmp_path: Path, taxonomy: Taxonomy) -> None:
    text = "## Requirements\n- BS/MS in CS or related field, or equivalent experience\n"
    _, rubric = draft_and_load(tmp_path, text, taxonomy)
    education = only(rubric).education
    assert education is not None
    assert education.level == "bachelor"  # the lowest level named
    assert education.or_years == 5  # no number given
    assert education.fields[:2] == ["computer-science", "software-engineering"]


def test_draft_degree_with_years_given(tmp_path: Path, taxonomy: Taxonomy) -> None:
    text = "## Requirements\n- Master's degree in Statistics, or 4 years of equivalent experience\n"
    _, rubric = draft_and_load(tmp_path, text, taxonomy)
    education = only(rubric).education
    assert education is not None
    assert (education.level, education.fields, education.or_years) == ("master", ["statistics"], 4)


def test_draft_degree_without_equivalent_has_no_or_years(
    tmp_path: Path, taxonomy: Taxonomy
) -> None:
    _, rubric = draft_and_load(tmp_path, "## Requirements\n- PhD in Physics\n", taxonomy)
    education = only(rubric).education
    assert education is not None
    assert (education.level, education.fields, education.or_years) == (
        "doctorate",
        ["physics"],
        None,
    )


# ---- comments, opening, fallbacks ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        MLOPS_JD.read_text(encoding="utf-8"),
        "## Requirements\n- 3+ years of Python\n- Docker and Kubernetes\n"
        "- BS in CS or equivalent\n## Nice to have\n- Terraform: a plus\n",
    ],
    ids=["mlops", "small"],
)
def test_draft_every_requirement_line_carries_a_comment(taxonomy: Taxonomy, text: str) -> None:
    drafted = draft_rubric(text, taxonomy)
    block = requirements_block(drafted)
    assert block
    bare = [line for line in block if not line.lstrip().startswith("#") and "  # " not in line]
    assert bare == []
    data = yaml.safe_load(drafted)  # the comments do not get in the way
    assert len(data["requirements"]) == sum(line.startswith("  - id:") for line in block)


def test_draft_opening_defaults_to_title_and_can_be_given(taxonomy: Taxonomy) -> None:
    text = "**Senior Data Engineer**\n\nRequirements\n- Python\n"
    assert yaml.safe_load(draft_rubric(text, taxonomy))["opening"] == "Senior Data Engineer"
    given = draft_rubric(text, taxonomy, opening="Data Engineer II")
    assert yaml.safe_load(given)["opening"] == "Data Engineer II"


def test_draft_label_is_shortened(tmp_path: Path, taxonomy: Taxonomy) -> None:
    line = "Python " + "for building reliable and well-tested production services " * 4
    _, rubric = draft_and_load(tmp_path, f"## Requirements\n- {line}\n", taxonomy)
    label = only(rubric).label
    assert label.startswith("Python for building")
    assert label.endswith("...")
    assert len(label) <= 80


def test_draft_without_headings_reads_every_line_as_a_must_have(
    tmp_path: Path, taxonomy: Taxonomy
) -> None:
    text = "Data Engineer\nWe need strong SQL and Python skills.\nKubernetes is a plus.\n"
    drafted, rubric = draft_and_load(tmp_path, text, taxonomy)
    assert rubric.opening == "Data Engineer"
    assert [(r.tier, r.skills) for r in rubric.requirements] == [
        ("must", ("sql", "python")),
        ("nice", ("kubernetes",)),
    ]
    assert "No requirement headings were found" in drafted


def test_draft_without_any_requirement_is_a_clear_error(taxonomy: Taxonomy) -> None:
    with pytest.raises(ValueError, match="no requirement found in the job description"):
        draft_rubric("We are a friendly team.\nApply now!\n", taxonomy)


def test_draft_lists_lines_it_did_not_draft(taxonomy: Taxonomy) -> None:
    text = "## Requirements\n- Python\n- A passion for clean, readable work\n"
    drafted = draft_rubric(text, taxonomy)
    assert '# line 3 "A passion for clean, readable work": no skill, years or degree found' in (
        drafted
    )
