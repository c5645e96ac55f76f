"""Scoring a Profile against a Rubric, and ranking the results. Pure functions only.

A requirement's satisfaction is a number in [0, 1] from its best evidence; the candidate's
score is 100 x sum(weight x satisfaction) / sum(weight).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from screener.config.rubric import Requirement, Rubric
from screener.match.profile import Mention, Profile
from screener.text.education import LEVELS
from screener.text.timeline import Role

# How much one mention proves, by where it sits. A dated experience bullet proves most;
# a bare skills list proves that the candidate claims the skill, little more.
SECTION_STRENGTH = {
    "experience": 0.9,  # 1.0 inside a dated role
    "projects": 0.85,
    "certifications": 0.85,
    "publications": 0.8,
    "summary": 0.7,
    "skills": 0.6,
}
OTHER_SECTION = 0.6
DATED_ROLE = 1.0
HEDGED_CAP = 0.25  # "familiar with", "currently learning": a little credit, never more
IMPLIED_FACTOR = 0.6  # an implied skill counts this much of the implying mention x link weight
MET = 0.5  # a requirement is met when its evidence reaches this strength (a skills list does)
# A skills list is a claim; the rest of the resume backs it up. When fewer than this share of
# the listed skills show up in experience or projects, the list counts proportionally less
# (down to LIST_FLOOR of its strength): every tool listed, none used, is keyword stuffing.
LIST_SUPPORT = 0.3
LIST_FLOOR = 0.25
_CLAIM_ONLY = {"skills", "header", "summary", "interests"}


class Evidence(NamedTuple):
    """The quote behind one requirement's points (a named tuple: a batch makes many)."""

    skill_id: str
    skill: str
    quote: str
    section: str
    method: str
    polarity: str
    start: int
    end: int
    strength: float
    years: float | None = None
    role: str = ""  # the dated role the quote sits in: "2019-01 to 2026-11"


class RequirementResult(NamedTuple):
    """One requirement's satisfaction, points and the evidence behind them (a named tuple:
    a batch makes one per candidate and requirement)."""

    id: str
    label: str
    tier: str
    weight: float
    satisfaction: float
    met: bool
    points: float
    evidence: tuple[Evidence, ...]  # strongest first
    # how many of the evidence items earn the points (the best one for "any", all for "all",
    # n for "at_least"); the rest are shown in explanations but not on the Evidence sheet
    counted: int | None = None

    @property
    def scoring_evidence(self) -> tuple[Evidence, ...]:
        """The evidence the points come from."""
        return self.evidence[: self.counted]


@dataclass(frozen=True, slots=True)
class Assessment:
    """One candidate scored against one rubric."""

    source: str
    candidate: str
    score: float
    band: str
    results: tuple[RequirementResult, ...]
    years: float
    ml_years: float
    knockouts: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # other reasons for a person to look: "not a resume?"

    @property
    def flags(self) -> tuple[str, ...]:
        """What a person must look at before deciding: knockouts never reject on their own."""
        knocked = tuple(f"human review: knockout not met ({label})" for label in self.knockouts)
        return knocked + self.notes

    @property
    def musts(self) -> tuple[RequirementResult, ...]:
        """The must-have requirements' results."""
        return tuple(r for r in self.results if r.tier == "must")

    @property
    def musts_met(self) -> int:
        """How many must-haves are met."""
        return sum(r.met for r in self.musts)

    @property
    def missing_musts(self) -> tuple[str, ...]:
        """Labels of the must-haves not met."""
        return tuple(r.label for r in self.musts if not r.met)


@dataclass(frozen=True, slots=True)
class Ranked:
    """An assessment's place in the ranking."""

    rank: int
    assessment: Assessment
    shortlisted: bool


def list_support(profile: Profile) -> float:
    """Share of the skills in the resume's skills list that it also shows in use: mentioned
    in experience, projects or another section that is more than a claim (1.0 without a list)."""
    if profile.list_support is not None:
        return profile.list_support
    listed, used = 0, 0
    for evidence in profile.skills.values():
        direct = [
            m for m in evidence.mentions if m.method != "implied" and m.polarity == "positive"
        ]
        if any(m.section == "skills" for m in direct):
            listed += 1
            used += any(m.section not in _CLAIM_ONLY for m in direct)
    return used / listed if listed else 1.0


def list_factor(profile: Profile) -> float:
    """How much a skills-list mention counts, from how well the resume backs the list up."""
    return max(LIST_FLOOR, min(1.0, list_support(profile) / LIST_SUPPORT))


def mention_strength(m: Mention, listed: float = 1.0) -> float:
    """How much one mention proves, in [0, 1]; ``listed`` scales skills-list mentions."""
    if m.polarity == "negated":
        return 0.0
    if m.section == "experience" and m.role is not None:
        base = DATED_ROLE
    else:
        base = SECTION_STRENGTH.get(m.section, OTHER_SECTION)
    if m.section == "skills":
        base *= listed
    if m.polarity == "hedged":
        base = min(base, HEDGED_CAP)
    if m.method == "implied":
        base *= m.weight * IMPLIED_FACTOR
    return base * m.confidence


def strongest_mention(mentions: Sequence[Mention], listed: float = 1.0) -> Mention | None:
    """The mention that proves most (the earliest of equals), None when there are none."""
    if not mentions:
        return None
    best = mentions[0]
    if len(mentions) == 1:
        return best
    strength = mention_strength(best, listed)
    for m in mentions[1:]:
        value = mention_strength(m, listed)
        if value > strength or (value == strength and m.start < best.start):
            best, strength = m, value
    return best


def best_evidence(
    profile: Profile,
    skill_id: str,
    min_years: float | None,
    listed: float = 1.0,
    dates: dict[int, str] | None = None,
) -> Evidence | None:
    """The strongest mention of a skill, its strength scaled by years where years are asked
    (``dates``: the profile's role dates already written out, by role index)."""
    found = profile.skills.get(skill_id)
    if found is None or not found.mentions:
        return None
    best = strongest_mention(found.mentions, listed)
    assert best is not None
    strength = mention_strength(best, listed)
    role = best.role
    years = found.months / 12 if found.months else None
    if min_years:
        # Half the credit for having the skill, half for the years asked for.
        strength *= 0.5 + 0.5 * min(1.0, (years or 0.0) / min_years)
    when = ""
    if role is not None and role < len(profile.roles):
        if dates is None:
            when = role_dates(profile.roles[role])
        else:
            when = dates.get(role) or dates.setdefault(role, role_dates(profile.roles[role]))
    return Evidence(
        skill_id,
        found.name,
        best.quote,
        best.section,
        best.method,
        best.polarity,
        best.start,
        best.end,
        round(strength, 4),
        years,
        when,
    )


def role_dates(role: Role) -> str:
    """A role's months as a recruiter reads them: "2019-01 to 2026-11 (current)"."""
    start, end = role.start, role.end
    year, month = (end.year - 1, 12) if end.month == 1 else (end.year, end.month - 1)
    # the end is exclusive: a role ending 2026-12-01 ran to 2026-11
    text = f"{start.year:04d}-{start.month:02d} to {year:04d}-{month:02d}"
    return text + " (current)" if role.current else text


def _skill_requirement(
    req: Requirement,
    profile: Profile,
    listed: float,
    memo: _Memo,
) -> tuple[float, bool, list[Evidence], int]:
    skills = profile.skills
    min_years = req.min_years
    evidence: list[Evidence] = []
    wanted, need = _plan(req)
    for skill_id in wanted:
        if skill_id not in skills:
            continue
        key = (skill_id, min_years)
        if key in memo.evidence:  # several requirements may name one skill
            found = memo.evidence[key]
        else:
            found = memo.evidence[key] = best_evidence(
                profile, skill_id, min_years, listed, memo.dates
            )
        if found is not None and found.strength > 0:
            evidence.append(found)
    if not evidence:
        return 0.0, False, evidence, need
    if len(evidence) > 1:
        evidence.sort(key=_by_strength)
    top = [e.strength for e in evidence[:need]]
    satisfaction = sum(top) / need
    met = len(top) == need and top[-1] >= MET
    return satisfaction, met, evidence, need


class _Memo:
    """What scoring one profile works out once for all its requirements: the best evidence
    per (skill, years asked), and the dates of the roles quoted."""

    __slots__ = ("dates", "evidence")

    def __init__(self) -> None:
        self.evidence: dict[tuple[str, float | None], Evidence | None] = {}
        self.dates: dict[int, str] = {}


_PLANS: dict[int, tuple[Requirement, tuple[str, ...], int]] = {}


def _plan(req: Requirement) -> tuple[tuple[str, ...], int]:
    """A skill requirement's skills and how many of them it needs, worked out once per
    requirement (a batch asks for every candidate; the entry holds the requirement, so its
    id cannot be reused while the entry lives)."""
    entry = _PLANS.get(id(req))
    if entry is None or entry[0] is not req:
        if len(_PLANS) > 4096:
            _PLANS.clear()
        entry = _PLANS[id(req)] = (req, req.skills, _needed(req))
    return entry[1], entry[2]


def _needed(req: Requirement) -> int:
    """How many of a skill requirement's skills must be evidenced."""
    if req.any is not None:
        return 1
    if req.all is not None:
        return len(req.all)
    assert req.at_least is not None
    return req.at_least.n


def _by_strength(e: Evidence) -> float:
    return -e.strength


def _experience_requirement(
    req: Requirement, profile: Profile
) -> tuple[float, bool, list[Evidence]]:
    rule = req.experience
    assert rule is not None
    parts = []
    if rule.min_years:
        parts.append(min(1.0, profile.years / rule.min_years))
    if rule.min_ml_years:
        parts.append(min(1.0, profile.ml_years / rule.min_ml_years))
    # met only as far as its weakest minimum: ten years of DevOps are not two on ML systems
    satisfaction = min(parts) if parts else 1.0
    evidence = [
        Evidence(
            "",
            "experience",
            role.header,
            "experience",
            "timeline",
            "positive",
            role.span_start,
            role.span_start + len(role.header),
            1.0,
            role.months / 12,
            role_dates(role),
        )
        for role in profile.roles
    ]
    return satisfaction, satisfaction >= 1.0, evidence


def _education_requirement(
    req: Requirement, profile: Profile
) -> tuple[float, bool, list[Evidence]]:
    rule = req.education
    assert rule is not None
    need = LEVELS.index(rule.level)
    fields = [f.replace("-", " ") for f in rule.fields]
    best, evidence = 0.0, []
    for degree in profile.degrees:
        if LEVELS.index(degree.level) < need:
            continue
        line = degree.line.lower()
        value = 1.0 if not fields or any(f in line for f in fields) else 0.5
        if value > best:
            best = value
            evidence = [
                Evidence(
                    "",
                    "degree",
                    degree.line,
                    "education",
                    "exact",
                    "positive",
                    degree.start,
                    degree.end,
                    value,
                )
            ]
    if rule.or_years and best < 1.0 and profile.years >= rule.or_years:
        best = 1.0  # "or equivalent experience" counts equally
        evidence.append(
            Evidence(
                "",
                "equivalent experience",
                f"{profile.years:.1f} years of experience",
                "experience",
                "timeline",
                "positive",
                0,
                0,
                1.0,
                profile.years,
            )
        )
    return best, best >= MET, evidence


def score_requirement(
    req: Requirement,
    profile: Profile,
    total_weight: float,
    listed: float | None = None,
    memo: _Memo | None = None,
) -> RequirementResult:
    """Satisfaction, whether it is met, points and evidence for one requirement."""
    counted: int | None = None
    if req.experience is not None:
        satisfaction, met, evidence = _experience_requirement(req, profile)
    elif req.education is not None:
        satisfaction, met, evidence = _education_requirement(req, profile)
    else:
        factor = list_factor(profile) if listed is None else listed
        satisfaction, met, evidence, counted = _skill_requirement(
            req, profile, factor, _Memo() if memo is None else memo
        )
    if satisfaction > 0.0:
        satisfaction = round(min(1.0, satisfaction), 4)
        points = round(100 * req.weight * satisfaction / total_weight, 4) if total_weight else 0.0
    else:  # most requirements of most candidates: nothing to round
        satisfaction = points = 0.0
    return RequirementResult(
        req.id,
        req.label,
        req.tier,
        req.weight,
        satisfaction,
        met,
        points,
        tuple(evidence),
        counted,
    )


def score(profile: Profile, rubric: Rubric, *, source: str = "", candidate: str = "") -> Assessment:
    """Score one profile against a rubric."""
    total = rubric.total_weight
    listed = list_factor(profile)
    memo = _Memo()
    requirements = rubric.requirements
    results = tuple([score_requirement(r, profile, total, listed, memo) for r in requirements])
    value = weighted_score([r.weight for r in results], [r.satisfaction for r in results])
    knockouts = tuple(
        req.label
        for req, res in zip(requirements, results, strict=True)
        if req.knockout and not res.met
    )
    return Assessment(
        source,
        candidate or source,
        value,
        rubric.band_of(value),
        results,
        round(profile.years, 2),
        round(profile.ml_years, 2),
        knockouts,
        review_notes(profile),
    )


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
