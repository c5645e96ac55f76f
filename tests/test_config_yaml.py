"""Bad taxonomy and rubric files: every problem reported at once, located, with hints."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener import ConfigError, Taxonomy, load_rubric, load_taxonomy
from screener.config.taxonomy import fuzzy_allowed
from screener.config.variants import fold, surface_variants
from tests.conftest import DATA

GOOD_RUBRIC = """\
version: 1
opening: Test opening
requirements:
  - id: containers
    label: Docker and Kubernetes
    tier: must
    weight: 5
    all: [docker, kubernetes]
"""

BAD_RUBRICS = [
    pytest.param(
        """\
version: 1
opening: Test opening
requirements:
  - id: containers
    label: Docker and Kubernetes
    tier: must
    wieght: 5
    all: [docker, kubernetis]
""",
        [
            "bad.yaml:4: requirements[0].weight: required key is missing",
            "bad.yaml:7: requirements[0].wieght: unknown key; did you mean 'weight'?",
            "bad.yaml:8: requirements[0].all[1]: unknown skill id 'kubernetis'; "
            "did you mean 'kubernetes'?",
        ],
        id="misspelt-key-missing-weight-and-misspelt-id",
    ),
    pytest.param(
        """\
version: 1
opening: Test opening
requirements:
  - id: containers
    label: Docker and Kubernetes
    tier: must
    weight: 5
    all: [docker, kubernetis]
""",
        [
            "bad.yaml:8: requirements[0].all[1]: unknown skill id 'kubernetis'; "
            "did you mean 'kubernetes'?"
        ],
        id="misspelt-skill-id",
    ),
    pytest.param(
        """\
version: 2
opening: Test opening
requirements:
  - id: a
    label: A
    tier: should
    weight: 0
    any: [python]
    all: [docker]
""",
        [
            "bad.yaml:1: version: Input should be 1",
            "bad.yaml:3: requirements: weights sum to zero: at least one weight must be positive",
            "bad.yaml:4: requirements[0]: give exactly one of any, all, at_least, experience, "
            "education (found: any, all)",
            "bad.yaml:6: requirements[0].tier: Input should be 'must' or 'nice'",
        ],
        id="wrong-version-tier-and-two-kinds",
    ),
    pytest.param(
        """\
version: 1
opening: Test opening
requirements:
  - id: a
    label: A
    tier: must
    weight: 0
    any: [python]
  - id: a
    label: A again
    tier: nice
    weight: 0
    at_least: {n: 1, of: [mlfow]}
""",
        [
            "bad.yaml:3: requirements: weights sum to zero: at least one weight must be positive",
            "bad.yaml:9: requirements[1].id: duplicate requirement id 'a'",
            "bad.yaml:13: requirements[1].at_least.of[0]: unknown skill id 'mlfow'; "
            "did you mean 'mlflow'?",
        ],
        id="duplicate-id-unknown-skill-zero-weights",
    ),
    pytest.param(
        "version: 1\nopening: [unclosed\n",
        ["bad.yaml:3: yaml: invalid YAML: did not find expected ',' or ']'"],
        id="invalid-yaml",
    ),
    pytest.param(
        """\
version: 1
opening: Test opening
requirements:
  - id: a
    label: A
    tier: must
    weight: 1
    at_least: {n: 3, of: [python, docker]}
    min_years: 2
""",
        ["bad.yaml:4: requirements[0]: at_least.n is 3 but only 2 skills are listed"],
        id="at-least-more-than-listed",
    ),
]


@pytest.mark.parametrize(("content", "expected"), BAD_RUBRICS)
def test_config_rubric_reports_every_problem(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    small_taxonomy: object,
    content: str,
    expected: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_rubric("bad.yaml", small_taxonomy)  # type: ignore[arg-type]
    assert [str(p) for p in info.value.problems] == expected


def test_config_rubric_good_file_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_taxonomy: object
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("good.yaml").write_text(GOOD_RUBRIC, encoding="utf-8")
    rubric = load_rubric("good.yaml", small_taxonomy)  # type: ignore[arg-type]
    assert rubric.requirements[0].all == ["docker", "kubernetes"]
    assert rubric.path == "good.yaml"
    assert len(rubric.sha256) == 64


BAD_TAXONOMIES = [
    pytest.param(
        """\
version: 1
family: Test
skills:
  - id: docker
    name: Docker
    type: tool
    implies: [{id: kubernets, weight: 0.5}]
  - id: kubernetes
    name: Kubernetes
    type: platform
    broader: [container-orchestration]
    aliases: [{text: Docker, kind: synonym}]
  - id: Bad_Id
    name: Bad
    type: tool
    colour: red
""",
        [
            "tax.yaml:13: skills[2].id: String should match pattern '^[a-z0-9]+(-[a-z0-9]+)*$'",
            "tax.yaml:16: skills[2].colour: unknown key",
        ],
        id="schema-errors-stop-before-cross-references",
    ),
    pytest.param(
        """\
version: 1
family: Test
skills:
  - id: docker
    name: Docker
    type: tool
    implies: [{id: kubernets, weight: 0.5}]
  - id: kubernetes
    name: Kubernetes
    type: platform
    broader: [container-orchestration]
    aliases: [{text: docker, kind: synonym}]
  - id: docker
    name: Docker again
    type: tool
""",
        [
            "tax.yaml:7: skills[0].implies[0].id: unknown skill id 'kubernets'; "
            "did you mean 'kubernetes'?",
            "tax.yaml:11: skills[1].broader[0]: unknown skill id 'container-orchestration'",
            "tax.yaml:12: skills[1].aliases[0].text: 'docker' is already a name or alias of "
            "'docker' (a form two skills share, like TF, must be listed in both skills' "
            "ambiguity.forms with confirm words)",
            "tax.yaml:13: skills[2].id: duplicate id 'docker' (first defined at tax.yaml:4)",
        ],
        id="dangling-links-duplicates-and-alias-collision",
    ),
    pytest.param(
        """\
version: 1
family: Test
skills:
  - id: a
    name: A tool
    type: tool
    implies: [{id: b, weight: 0.5}]
  - id: b
    name: B tool
    type: tool
    implies: [{id: a, weight: 0.5}]
""",
        ["tax.yaml:7: skills[0].implies: implies cycle: a -> b -> a"],
        id="implies-cycle",
    ),
]


@pytest.mark.parametrize(("content", "expected"), BAD_TAXONOMIES)
def test_config_taxonomy_reports_every_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, expected: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("tax.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_taxonomy("tax.yaml")
    assert [str(p) for p in info.value.problems] == expected


def test_config_taxonomy_hash_changes_with_content(tmp_path: Path) -> None:
    original = load_taxonomy(DATA / "taxonomy")
    copy = tmp_path / "tools.yaml"
    text = (DATA / "taxonomy" / "tools.yaml").read_text(encoding="utf-8")
    copy.write_text(text, encoding="utf-8")
    assert load_taxonomy(tmp_path).sha256 == original.sha256
    copy.write_text(text.replace("py3", "python3"), encoding="utf-8")
    assert load_taxonomy(tmp_path).sha256 != original.sha256


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("scikit-learn", {"scikit-learn", "scikit learn", "scikitlearn"}),
        ("Weights & Biases", {"Weights & Biases", "Weights and Biases"}),
        ("Node.js", {"Node.js", "Nodejs", "Node js"}),
        ("CI/CD", {"CI/CD", "CI CD", "CICD"}),
        ("Power BI", {"Power BI", "PowerBI", "Power-BI"}),
        (".NET", {".NET"}),
        ("R", {"R"}),
    ],
)
def test_config_variants_generated(text: str, expected: set[str]) -> None:
    variants = surface_variants(text)
    assert variants[0] == text
    assert expected <= set(variants)
    assert len({fold(v) for v in variants}) == 1


@pytest.mark.parametrize(
    ("skill_id", "allowed"),
    [
        ("kubernetes", True),
        ("mlflow", True),
        ("apache-airflow", False),
        ("go", False),
        ("docker", False),
        ("aws", False),
    ],
)
def test_config_fuzzy_never_for_short_or_ambiguous(
    small_taxonomy: Taxonomy, skill_id: str, allowed: bool
) -> None:
    assert fuzzy_allowed(small_taxonomy.skills[skill_id]) is allowed
