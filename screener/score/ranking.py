"""Ranking scored candidates and the rules around it: the weighted score formula (the one the
workbook recomputes), the review notes that send a document to a person whatever its score,
and the order and shortlist of a batch's assessments.
"""

from __future__ import annotations

from collections.abc import Iterable

from screener.config.rubric import Rubric
from screener.match.profile import Profile
from screener.score.results import Assessment, Ranked


def review_notes(profile: Profile) -> tuple[str, ...]:
    """Reasons for a person to read the document itself, whatever its score."""
    notes = list(profile.flags)
    if not profile.roles and set(profile.sections) <= {"header"}:
        notes.append(
            "human review: no resume sections or dated roles found (a cover letter or "
            "another document?)"
        )
    return tuple(notes)


def weighted_score(weights: list[float], satisfactions: list[float]) -> float:
    """100 x sum(weight x satisfaction) / sum(weight), to two decimals: the formula the
    workbook's Ranking sheet also computes from its Rubric sheet."""
    total = sum(weights)
    if not total:
        return 0.0
    return round(100 * sum(w * s for w, s in zip(weights, satisfactions, strict=True)) / total, 2)


def rank(assessments: Iterable[Assessment], rubric: Rubric) -> tuple[Ranked, ...]:
    """Order by score, then must-haves met, then file name; mark the shortlist."""
    ordered = sorted(assessments, key=lambda a: (-a.score, -a.musts_met, a.source))
    rule = rubric.shortlist
    out, shortlisted = [], 0
    for i, a in enumerate(ordered, start=1):
        eligible = (
            shortlisted < rule.top
            and a.score >= rule.min_score
            and not a.knockouts
            and (rule.must_haves == "ignored" or a.musts_met == len(a.musts))
        )
        shortlisted += eligible
        out.append(Ranked(i, a, eligible))
    return tuple(out)
