"""Rubric proxy checks: wording that targets a protected trait, and degrees without an
"or equivalent experience"."""

from __future__ import annotations

from typing import Any

import pytest

from screener import Taxonomy, load_rubric
from screener.config.proxies import KINDS, find_proxies, proxy_warnings
from screener.config.rubric import RubricFile
from tests.conftest import ROOT


def _rubric(*requirements: dict[str, Any], opening: str = "MLOps Engineer") -> RubricFile:
    """A rubric of the given requirements, each filled in as a must-have for Python."""
    base = {"id": "python", "label": "Strong Python", "tier": "must", "weight": 5}
    kinds = {"any", "all", "at_least", "experience", "education"}
    reqs = [
        {**base, **({} if kinds & r.keys() else {"any": ["python"]}), **r} for r in requirements
    ]
    return RubricFile.model_validate({"version": 1, "opening": opening, "requirements": reqs})


def _labelled(label: str) -> RubricFile:
    return _rubric({"id": "extra", "label": label})


def test_the_shipped_rubric_draws_no_warning() -> None:
    assert proxy_warnings(load_rubric(ROOT / "rubrics" / "mlops_engineer.yaml")) == []


def test_a_warning_names_the_requirement_the_phrase_and_what_to_do() -> None:
    rubric = _rubric({}, {"id": "docker"}, {"id": "k8s"}, {"id": "culture-fit",
                     "label": "Culture fit: a digital native"})  # fmt: skip
    assert proxy_warnings(rubric) == [
        "requirements[3] (id 'culture-fit'): label mentions 'digital native', a likely age "
        "proxy; remove it or say what skill it means"
    ]


@pytest.mark.parametrize(
    ("label", "kind", "phrase"),
    [
        ("Years young and hungry to learn", "age", "Years young"),
        ("Recent graduate with a passion for ML", "age", "Recent graduate"),
        ("Graduated after 2020", "age", "Graduated after"),
        ("Candidates under 30", "age", "under 30"),
        ("Age 25-35", "age", "Age"),
        ("Born in the 1990s or later", "age", "Born"),
        ("Born in Poland", "nationality", "Born in"),
        ("Max 5 years of experience", "age", "Max 5 years of experience"),
        ("No more than 8 years of professional experience", "age",
         "No more than 8 years of professional experience"),
        ("Overqualified applicants will not be considered", "age", "Overqualified"),
        ("Native English speaker", "origin", "Native English"),
        ("Native speaker of German", "origin", "Native speaker"),
        ("Mother tongue: French", "origin", "Mother tongue"),
        ("He will own the platform", "gender", "He"),
        ("Experienced salesman", "gender", "salesman"),
        ("Waitress experience", "gender", "Waitress"),
        ("Chairman of a tech meetup", "gender", "Chairman"),
        ("Manages manpower planning", "gender", "manpower"),
        ("CV with a recent photo", "photo", "photo"),
        ("Professional headshot attached", "photo", "headshot"),
        ("Include a picture", "photo", "picture"),
        ("Married, able to relocate", "marital", "Married"),
        ("Marital status stated", "marital", "Marital"),
        ("No children, free to travel", "marital", "No children"),
        ("EU citizen", "nationality", "citizen"),
        ("Nationality: Irish", "nationality", "Nationality"),
        ("Holds a valid UK passport", "nationality", "passport"),
        ("Practising Christian", "religion", "Christian"),
        ("Shares our religious values", "religion", "religious"),
        ("Able-bodied team player", "disability", "Able-bodied"),
        ("Physically fit and in good health", "disability", "Physically fit"),
    ],
)  # fmt: skip
def test_each_kind_of_proxy_is_named(label: str, kind: str, phrase: str) -> None:
    warnings = proxy_warnings(_labelled(label))
    what, advice = KINDS[kind]
    expected = f"requirements[0] (id 'extra'): label mentions '{phrase}', {what}; {advice}"
    assert expected in warnings, warnings


@pytest.mark.parametrize(
    "label",
    [
        "Authorised to work in the EU",
        "Right to work in the UK; visa sponsorship not available",
        "Valid US work authorization",
        "Fluent English (C1 or above), German a plus",
        "Single sign-on and single-page apps",
        "React Native and cloud-native services",
        "Big-picture thinking with attention to detail",
        "p99 under 120 ms, builds under 30 minutes",
        "Master's degree or 5+ years; Scrum Master certification",
        "Cache invalidation, image pipelines, storage and messaging",
        "Other teams, their roadmaps and where they fit",
        "5+ years of experience with Python",
        "Familiar with Unix man pages and shell scripting",
    ],
)
def test_legitimate_wording_draws_no_warning(label: str) -> None:
    assert proxy_warnings(_labelled(label)) == []


def test_ids_and_skill_ids_are_checked_too() -> None:
    rubric = _rubric(
        {"id": "digital-native", "label": "Comfortable with new tools"},
        {"id": "language", "label": "English", "any": ["native-english", "english"]},
    )
    assert proxy_warnings(rubric) == [
        "requirements[0] (id 'digital-native'): id mentions 'digital-native', "
        f"{KINDS['age'][0]}; {KINDS['age'][1]}",
        "requirements[1] (id 'language'): skill id 'native-english' mentions 'native-english', "
        f"{KINDS['origin'][0]}; {KINDS['origin'][1]}",
    ]


def test_one_phrase_in_several_places_is_one_warning() -> None:
    rubric = _rubric({"id": "able-bodied", "label": "Able-bodied"})
    (warning,) = proxy_warnings(rubric)
    assert warning.startswith(
        "requirements[0] (id 'able-bodied'): id and label mention 'able-bodied', "
    )


def test_the_opening_title_is_checked() -> None:
    (warning,) = proxy_warnings(_rubric({}, opening="Salesman (B2B)"))
    assert warning.startswith("opening: title mentions 'Salesman', gendered wording;")


@pytest.mark.parametrize(
    ("tier", "or_years", "knockout", "warned"),
    [
        ("must", None, False, True),
        ("nice", None, True, True),
        ("must", 4, False, False),
        ("nice", None, False, False),
    ],
)
def test_a_required_degree_without_equivalent_experience_is_an_info(
    tier: str, or_years: float | None, knockout: bool, warned: bool
) -> None:
    rubric = _rubric(
        {},
        {
            "id": "degree",
            "label": "Bachelor's in computer science",
            "tier": tier,
            "knockout": knockout,
            "education": {
                "level": "bachelor",
                "fields": ["computer-science"],
                "or_years": or_years,
            },
        },
    )
    expected = (
        "requirements[1] (id 'degree'): info: degree required without 'or equivalent "
        "experience': may exclude qualified candidates; set education.or_years to the years "
        "of experience that count as equivalent"
    )
    assert proxy_warnings(rubric) == ([expected] if warned else [])


def test_no_skill_of_the_taxonomy_reads_as_a_proxy(taxonomy: Taxonomy) -> None:
    flagged = {
        skill.id: found
        for skill in taxonomy
        for text in (skill.id, skill.name, *(a.text for a in skill.aliases))
        if (found := find_proxies(text))
    }
    assert len(taxonomy) > 1000
    assert flagged == {}


def test_find_proxies_keeps_the_longer_of_two_overlapping_phrases() -> None:
    (proxy,) = find_proxies("born in Lagos")
    assert (proxy.phrase, proxy.kind, proxy.start, proxy.end) == ("born in", "nationality", 0, 7)
