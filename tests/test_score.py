"""Scoring arithmetic, evidence strength, must-haves, bands, shortlist and ranking order."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screener import Rubric, Taxonomy, profile_text, rank, score
from screener.config.rubric import RubricFile
from screener.match.profile import Mention, Profile, SkillEvidence
from screener.score import (
    DATED_ROLE,
    HEDGED_CAP,
    IMPLIED_FACTOR,
    SECTION_STRENGTH,
    Assessment,
    mention_strength,
)
from tests.conftest import AS_OF


def make_rubric(requirements: list[dict[str, object]], **extra: object) -> Rubric:
    data = {"version": 1, "opening": "Test", "requirements": requirements, **extra}
    return Rubric(**dict(RubricFile.model_validate(data)))


def mention(
    skill: str,
    *,
    section: str = "experience",
    role: int | None = 0,
    polarity: str = "positive",
    method: str = "exact",
    weight: float = 1.0,
) -> Mention:
    return Mention(
        skill, skill, 0, len(skill), section, method, polarity, role, skill, weight=weight
    )


def make_profile(*mentions: Mention, months: int = 0, ml_months: int = 0) -> Profile:
    by_skill: dict[str, list[Mention]] = {}
    for m in mentions:
        by_skill.setdefault(m.skill_id, []).append(m)
    skills = {k: SkillEvidence(k, k, tuple(ms), 0, None) for k, ms in by_skill.items()}
    return Profile(skills, (), months, ml_months, None, (), AS_OF)


@pytest.mark.parametrize(
    ("m", "expected"),
    [
        (mention("docker"), DATED_ROLE),
        (mention("docker", role=None), SECTION_STRENGTH["experience"]),
        (mention("docker", section="projects", role=None), SECTION_STRENGTH["projects"]),
        (mention("docker", section="summary", role=None), SECTION_STRENGTH["summary"]),
        (mention("docker", section="skills", role=None), SECTION_STRENGTH["skills"]),
        (mention("docker", polarity="hedged"), HEDGED_CAP),
        (mention("docker", polarity="negated"), 0.0),
        (mention("docker", method="implied", weight=0.9), 0.9 * IMPLIED_FACTOR),
    ],
)
def test_score_mention_strength(m: Mention, expected: float) -> None:
    assert mention_strength(m) == pytest.approx(expected)


def test_score_strength_order_experience_beats_project_beats_summary_beats_list() -> None:
    order = [
        mention("x"),
        mention("x", section="projects", role=None),
        mention("x", section="summary", role=None),
        mention("x", section="skills", role=None),
        mention("x", method="implied", weight=0.9),
        mention("x", polarity="hedged"),
        mention("x", polarity="negated"),
    ]
    strengths = [mention_strength(m) for m in order]
    assert strengths == sorted(strengths, reverse=True)
    assert len(set(strengths)) == len(strengths)


def test_score_arithmetic_is_weighted_mean_of_satisfaction() -> None:
    rubric = make_rubric(
        [
            {"id": "a", "label": "A", "tier": "must", "weight": 3, "any": ["docker"]},
            {"id": "b", "label": "B", "tier": "nice", "weight": 1, "any": ["kubernetes"]},
        ]
    )
    profile = make_profile(
        mention("docker"),
        mention("docker", section="skills", role=None),  # half the list is used in a role
        mention("kubernetes", section="skills", role=None),
    )
    result = score(profile, rubric)
    # 100 x (3 x 1.0 + 1 x 0.6) / 4
    assert result.score == pytest.approx(90.0)
    assert [r.points for r in result.results] == pytest.approx([75.0, 15.0])


def test_score_all_needs_every_skill_and_any_needs_one() -> None:
    rubric = make_rubric(
        [
            {
                "id": "both",
                "label": "Docker and Kubernetes",
                "tier": "must",
                "weight": 1,
                "all": ["docker", "kubernetes"],
            },
            {
                "id": "either",
                "label": "Docker or Kubernetes",
                "tier": "must",
                "weight": 1,
                "any": ["docker", "kubernetes"],
            },
            {
                "id": "two",
                "label": "Two of three",
                "tier": "must",
                "weight": 1,
                "at_least": {"n": 2, "of": ["docker", "kubernetes", "python"]},
            },
        ]
    )
    result = score(make_profile(mention("docker")), rubric)
    both, either, two = result.results
    assert (both.satisfaction, both.met) == (0.5, False)
    assert (either.satisfaction, either.met) == (1.0, True)
    assert (two.satisfaction, two.met) == (0.5, False)
    assert result.missing_musts == ("Docker and Kubernetes", "Two of three")
    assert result.musts_met == 1


def test_score_hedged_and_negated_do_not_meet_a_must() -> None:
    rubric = make_rubric(
        [{"id": "k", "label": "K8s", "tier": "must", "weight": 1, "any": ["kubernetes"]}]
    )
    hedged = score(make_profile(mention("kubernetes", polarity="hedged")), rubric)
    negated = score(make_profile(mention("kubernetes", polarity="negated")), rubric)
    assert hedged.results[0].met is False
    assert hedged.score == pytest.approx(100 * HEDGED_CAP)
    assert negated.score == 0.0


def test_score_experience_years() -> None:
    rubric = make_rubric(
        [
            {
                "id": "exp",
                "label": "Exp",
                "tier": "must",
                "weight": 1,
                "experience": {"min_years": 4, "min_ml_years": 2},
            }
        ]
    )
    result = score(make_profile(months=24, ml_months=24), rubric)
    # half of the overall years, all of the ML years: met as far as the weaker minimum
    assert result.results[0].satisfaction == pytest.approx(0.5)
    assert result.results[0].met is False
    assert score(make_profile(months=48, ml_months=24), rubric).results[0].met is True


def test_score_education_or_equivalent_experience(small_taxonomy: Taxonomy) -> None:
    rubric = make_rubric(
        [
            {
                "id": "deg",
                "label": "Degree",
                "tier": "nice",
                "weight": 1,
                "education": {"level": "bachelor", "fields": ["computer-science"], "or_years": 5},
            }
        ]
    )
    with_degree = profile_text(
        "EDUCATION\nBSc Computer Science, 2015\n", small_taxonomy, as_of=AS_OF
    )
    other_field = profile_text(
        "EDUCATION\nBachelor of Arts in History\n", small_taxonomy, as_of=AS_OF
    )
    experienced = profile_text(
        "EXPERIENCE\nEngineer, Jan 2015 - Present\n", small_taxonomy, as_of=AS_OF
    )
    assert score(with_degree, rubric).results[0].satisfaction == 1.0
    assert score(other_field, rubric).results[0].satisfaction == 0.5
    assert score(experienced, rubric).results[0].satisfaction == 1.0


def test_score_min_years_scales_skill_credit() -> None:
    rubric = make_rubric(
        [
            {
                "id": "k",
                "label": "K8s",
                "tier": "must",
                "weight": 1,
                "any": ["kubernetes"],
                "min_years": 4,
            }
        ]
    )
    m = mention("kubernetes")
    two_years = Profile(
        {"kubernetes": SkillEvidence("kubernetes", "Kubernetes", (m,), 24, date(2026, 1, 1))},
        (),
        24,
        0,
        None,
        (),
        AS_OF,
    )
    assert score(two_years, rubric).results[0].satisfaction == pytest.approx(0.75)


def test_score_bands_from_rubric() -> None:
    rubric = make_rubric(
        [{"id": "a", "label": "A", "tier": "must", "weight": 1, "any": ["docker"]}],
        bands={"top": 90, "mid": 50},
    )
    assert [rubric.band_of(s) for s in (95, 90, 60, 49.9)] == ["top", "top", "mid", "low"]


def _assessment(source: str, value: float, musts_met: int, musts: int = 2) -> Assessment:
    from screener.score import RequirementResult

    results = tuple(
        RequirementResult(
            f"r{i}", f"R{i}", "must", 1, 1.0 if i < musts_met else 0.0, i < musts_met, 0.0, ()
        )
        for i in range(musts)
    )
    return Assessment(source, source, value, "fair", results, 0, 0)


def test_score_rank_orders_by_score_then_musts_then_file() -> None:
    rubric = make_rubric(
        [{"id": "a", "label": "A", "tier": "must", "weight": 1, "any": ["docker"]}],
        shortlist={"top": 2, "min_score": 50},
    )
    items = [
        _assessment("c.txt", 70, 1),
        _assessment("b.txt", 70, 2),
        _assessment("a.txt", 70, 2),
        _assessment("d.txt", 90, 2),
        _assessment("e.txt", 40, 2),
    ]
    ranking = rank(items, rubric)
    assert [r.assessment.source for r in ranking] == ["d.txt", "a.txt", "b.txt", "c.txt", "e.txt"]
    assert [r.rank for r in ranking] == [1, 2, 3, 4, 5]
    # top 2, must-haves required, score >= 50
    assert [r.shortlisted for r in ranking] == [True, True, False, False, False]


@given(st.lists(st.tuples(st.floats(0, 100), st.integers(0, 2)), max_size=30))
def test_score_rank_is_a_sorted_permutation(rows: list[tuple[float, int]]) -> None:
    rubric = make_rubric(
        [{"id": "a", "label": "A", "tier": "must", "weight": 1, "any": ["docker"]}]
    )
    items = [_assessment(f"{i:03}.txt", round(v, 2), m) for i, (v, m) in enumerate(rows)]
    ranking = rank(items, rubric)
    assert sorted(r.assessment.source for r in ranking) == sorted(a.source for a in items)
    keys = [(-r.assessment.score, -r.assessment.musts_met) for r in ranking]
    assert keys == sorted(keys)


@given(
    st.sets(st.sampled_from(["docker", "kubernetes", "python", "mlflow", "aws"])),
    st.sampled_from(["experience", "skills", "summary", "projects"]),
)
def test_score_adding_evidence_never_lowers_the_score(base: set[str], section: str) -> None:
    rubric = make_rubric(
        [
            {"id": "c", "label": "C", "tier": "must", "weight": 5, "all": ["docker", "kubernetes"]},
            {"id": "p", "label": "P", "tier": "must", "weight": 3, "any": ["python"]},
            {
                "id": "o",
                "label": "O",
                "tier": "nice",
                "weight": 1,
                "at_least": {"n": 2, "of": ["mlflow", "aws", "docker"]},
            },
        ]
    )
    before = make_profile(*(mention(s, section="skills", role=None) for s in sorted(base)))
    extra = mention("mlflow", section=section, role=0 if section == "experience" else None)
    after = replace(
        before,
        skills={
            **before.skills,
            "mlflow": SkillEvidence(
                "mlflow",
                "MLflow",
                (
                    *before.skills.get(
                        "mlflow", SkillEvidence("mlflow", "MLflow", (), 0, None)
                    ).mentions,
                    extra,
                ),
                0,
                None,
            ),
        },
    )
    s_before, s_after = score(before, rubric).score, score(after, rubric).score
    assert 0 <= s_before <= s_after <= 100


def test_score_skills_list_nothing_backs_up_counts_little() -> None:
    rubric = make_rubric(
        [{"id": "a", "label": "A", "tier": "must", "weight": 1, "any": ["kubernetes"]}]
    )
    listed = [mention(s, section="skills", role=None) for s in ("kubernetes", "docker", "mlflow")]
    stuffed = score(make_profile(*listed), rubric)
    backed = score(make_profile(*listed, mention("docker"), mention("mlflow")), rubric)
    # a list two thirds used elsewhere counts in full; a list never used, a quarter
    assert backed.results[0].satisfaction == pytest.approx(SECTION_STRENGTH["skills"])
    assert stuffed.results[0].satisfaction == pytest.approx(0.25 * SECTION_STRENGTH["skills"])
    assert not stuffed.results[0].met
