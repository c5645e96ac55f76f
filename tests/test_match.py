"""Matching on short texts: forms, longest span, context, polarity, implication, offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screener import Taxonomy, profile_text
from tests.conftest import AS_OF

# (text, skill ids that must be found with positive polarity, ids that must not be found)
CASES = [
    ("Deployed services on Kubernetes.", {"kubernetes"}, set()),
    ("Ran workloads on k8s clusters.", {"kubernetes"}, set()),
    ("Built models with sklearn and scikit learn.", {"scikit-learn"}, set()),
    ("Scheduled Airflow DAGs for ETL.", {"apache-airflow"}, set()),
    ("Improved HVAC airflow in the warehouse.", set(), {"apache-airflow"}),
    ("Managed the Dockers trousers section.", set(), {"docker"}),
    ("Packaged services with Docker containers.", {"docker"}, set()),
    ("The go-to person for scheduling.", set(), {"go"}),
    ("Wrote Go services with goroutines.", {"go"}, set()),
    ("Built CI/CD pipelines.", {"ci-cd"}, set()),
    ("Amazon Web Services and EKS.", {"aws", "amazon-eks"}, set()),
    ("eks is written in lower case here.", set(), {"amazon-eks"}),
    ("Wrote TF modules for AWS infrastructure.", {"terraform"}, {"tensorflow"}),
    ("Trained TF models with Keras.", {"tensorflow"}, {"terraform"}),
    ("Skills: TF, Python, Docker", set(), {"tensorflow", "terraform"}),
    (
        "Built TF modules to provision infrastructure for model training.",
        set(),
        {"tensorflow", "terraform"},
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), CASES)
def test_match_finds_skills_and_avoids_traps(
    small_taxonomy: Taxonomy, text: str, present: set[str], absent: set[str]
) -> None:
    profile = profile_text(text, small_taxonomy, as_of=AS_OF)
    positive = {
        s
        for s, ev in profile.skills.items()
        if any(m.polarity == "positive" and m.method != "implied" for m in ev.mentions)
    }
    assert present <= positive
    assert not (absent & set(profile.skills))


@pytest.mark.parametrize(
    ("text", "skill", "expected"),
    [
        ("No experience with Kubernetes yet.", "kubernetes", "negated"),
        ("Never used MLflow in production.", "mlflow", "negated"),
        ("Familiar with Docker containers.", "docker", "hedged"),
        ("Currently learning Kubernetes.", "kubernetes", "hedged"),
        ("Coursework in Python.", "python", "hedged"),
        ("Zero-downtime rollouts with no downtime on Kubernetes.", "kubernetes", "positive"),
        ("Kubernetes: none yet.", "kubernetes", "negated"),
        (
            "Two years of machine learning in production with Docker containers.",
            "docker",
            "positive",
        ),
        ("Now learning Kubernetes.", "kubernetes", "hedged"),
    ],
)
def test_match_records_polarity(
    small_taxonomy: Taxonomy, text: str, skill: str, expected: str
) -> None:
    profile = profile_text(text, small_taxonomy, as_of=AS_OF)
    assert [m.polarity for m in profile.skills[skill].mentions] == [expected]


def test_match_longest_span_wins(small_taxonomy: Taxonomy) -> None:
    profile = profile_text("Orchestrated with Apache Airflow.", small_taxonomy, as_of=AS_OF)
    (mention,) = profile.skills["apache-airflow"].mentions
    assert mention.text == "Apache Airflow"
    assert mention.method == "exact"


def test_match_implied_skills_carry_weight_and_source(small_taxonomy: Taxonomy) -> None:
    profile = profile_text("Ran clusters on EKS.", small_taxonomy, as_of=AS_OF)
    implied = {
        m.skill_id: m
        for ev in profile.skills.values()
        for m in ev.mentions
        if m.method == "implied"
    }
    assert implied["kubernetes"].weight == pytest.approx(0.9)
    assert implied["aws"].weight == pytest.approx(0.8)
    assert implied["kubernetes"].implied_by == "amazon-eks"


def test_match_negated_mentions_imply_nothing(small_taxonomy: Taxonomy) -> None:
    profile = profile_text("No experience with EKS.", small_taxonomy, as_of=AS_OF)
    assert set(profile.skills) == {"amazon-eks"}


def test_match_sections_and_roles(small_taxonomy: Taxonomy) -> None:
    text = (
        "Jane Doe\n\nEXPERIENCE\nML Engineer, Acme, Jan 2020 - Present\n"
        "- Trained sklearn models, shipped them with Docker containers.\n"
        "Analyst, Initech, 2016 - 2019\n- Reports in Excel.\n\nSKILLS\nPython, Kubernetes\n"
    )
    profile = profile_text(text, small_taxonomy, as_of=AS_OF)
    docker = profile.skills["docker"].mentions[0]
    assert (docker.section, docker.role) == ("experience", 0)
    assert profile.skills["python"].mentions[0].section == "skills"
    assert profile.skills["python"].mentions[0].role is None
    # Jan 2020 - Nov 2026 inclusive is 83 months; 2016 - 2019 is 36.
    assert [r.months for r in profile.roles] == [83, 36]
    assert profile.total_months == 119
    assert profile.ml_months == 83  # only the role with sklearn shows ML work
    assert profile.skills["docker"].months == 83


@settings(max_examples=60, deadline=None)
@given(
    prefix=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40),
    suffix=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40),
)
def test_match_offsets_point_into_the_text(
    small_taxonomy: Taxonomy, prefix: str, suffix: str
) -> None:
    text = f"{prefix} Worked with Kubernetes and MLflow. {suffix}"
    profile = profile_text(text, small_taxonomy, as_of=AS_OF)
    for evidence in profile.skills.values():
        for m in evidence.mentions:
            assert text[m.start : m.end] == m.text
    assert "kubernetes" in profile.skills


@pytest.mark.parametrize(
    ("text", "skill", "confidence"),
    [
        ("Deployed services on Kubernates clusters.", "kubernetes", 0.9),
        ("Wrote Teraform modules for the AWS infrastructure.", "terraform", 0.941),
        ("Small fixes in Terrafrom for the buckets.", "terraform", 0.889),  # swapped letters
        ("Tracked experiments with ML flow.", "mlflow", 1.0),
    ],
)
def test_match_fuzzy_fallback_finds_misspelt_names(
    small_taxonomy: Taxonomy, text: str, skill: str, confidence: float
) -> None:
    profile = profile_text(text, small_taxonomy, as_of=AS_OF)
    (mention,) = profile.skills[skill].mentions
    assert (mention.method, mention.confidence) == ("fuzzy", confidence)
    assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    "text",
    [
        "Packaged everything with Dokcer containers.",  # Docker is ambiguous: never fuzzy
        "Wrote scripts in Pythn.",  # too short to guess
        "Apache Airflw DAGs for ETL.",  # ambiguous
    ],
)
def test_match_fuzzy_never_for_short_or_ambiguous_names(
    small_taxonomy: Taxonomy, text: str
) -> None:
    profile = profile_text(text, small_taxonomy, as_of=AS_OF)
    assert not [m for s in profile.skills.values() for m in s.mentions if m.method == "fuzzy"]


def test_match_fuzzy_leaves_english_words_alone(taxonomy: Taxonomy) -> None:
    text = (
        "Our objective was market growth; I gave a presentation on protocols for the "
        "container terminal, in design reviews with the sales force."
    )
    profile = profile_text(text, taxonomy, as_of=AS_OF)
    fuzzy = [m.text for s in profile.skills.values() for m in s.mentions if m.method == "fuzzy"]
    assert fuzzy == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Built services in Python 3.11 on Kubernetes v1.29.",
            {"python": "Python 3.11", "kubernetes": "Kubernetes v1.29"},
        ),
        (
            "Trained models in TensorFlow 2.x and PyTorch2.1.",
            {"tensorflow": "TensorFlow 2.x", "pytorch": "PyTorch2.1"},
        ),
        (
            "Maintained Java 8 services on Oracle 19c.",
            {"java": "Java 8", "oracle-database": "Oracle 19c"},
        ),
    ],
)
def test_match_versioned_names_are_one_pattern_mention(
    taxonomy: Taxonomy, sentence: str, expected: dict[str, str]
) -> None:
    profile = profile_text(sentence, taxonomy, as_of=AS_OF)
    for skill_id, text in expected.items():
        (mention,) = profile.skills[skill_id].mentions
        assert (mention.text, mention.method) == (text, "pattern")


@pytest.mark.parametrize(
    ("sentence", "skill_id"),
    [
        ("Spring 2019 internship at the botanical garden.", "spring-framework"),
        ("He drank Java 8 times a day on his trip to Java island.", "java"),
    ],
)
def test_match_version_pattern_keeps_context_rules(
    taxonomy: Taxonomy, sentence: str, skill_id: str
) -> None:
    assert skill_id not in profile_text(sentence, taxonomy, as_of=AS_OF).skills


EMPLOYERS = """Dana Wiza
WORK EXPERIENCE

Account Manager
Oracle -  Noida, Uttar Pradesh -
May 2013 to May 2016
- Grew enterprise accounts; generated $400K pipeline.

Senior Corporate Account Executive
MongoDB -  Gurgaon, Haryana -
June 2016 to Present
- Sold subscriptions to banks. Client: ORACLE | Team Size: 4

Application Developer
SAP ABAP -  Kolkata, West Bengal -
March 2011 to April 2013
- Wrote ABAP reports.
"""


def test_match_employer_names_are_not_skills(taxonomy: Taxonomy) -> None:
    """Working at Oracle or MongoDB, or for a client called Oracle, is no database skill;
    a technology written where the employer goes ("SAP ABAP - Kolkata") still counts."""
    profile = profile_text(EMPLOYERS, taxonomy, as_of=AS_OF)
    assert "oracle-database" not in profile.skills
    assert "mongodb" not in profile.skills
    assert "abap" in profile.skills
    assert [r.employer for r in profile.roles] == ["Oracle", "MongoDB", "SAP ABAP"]
    worked = profile_text(
        EMPLOYERS.replace("Grew enterprise accounts", "Tuned Oracle and MongoDB queries"),
        taxonomy,
        as_of=AS_OF,
    )
    assert {"oracle-database", "mongodb"} <= set(worked.skills)
