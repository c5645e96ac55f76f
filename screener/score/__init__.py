"""Scoring a Profile against a Rubric. Pure functions only.

A requirement's satisfaction is a number in [0, 1] from its best evidence; the candidate's
score is 100 x sum(weight x satisfaction) / sum(weight). How much one mention proves lives in
``screener.score.strength``, the result types in ``screener.score.results`` and ranking in
``screener.score.ranking``; all of them are importable from here too.
"""

from __future__ import annotations

from screener.config.rubric import Requirement, Rubric
from screener.match.profile import Profile
from screener.score.ranking import rank as rank
from screener.score.ranking import review_notes as review_notes
from screener.score.ranking import weighted_score as weighted_score
from screener.score.results import Assessment as Assessment
from screener.score.results import Evidence as Evidence
from screener.score.results import Ranked as Ranked
from screener.score.results import RequirementResult as RequirementResult
from screener.score.strength import DATED_ROLE as DATED_ROLE
from screener.score.strength import HEDGED_CAP as HEDGED_CAP
from screener.score.strength import IMPLIED_FACTOR as IMPLIED_FACTOR
from screener.score.strength import LIST_FLOOR as LIST_FLOOR
from screener.score.strength import LIST_SUPPORT as LIST_SUPPORT
from screener.score.strength import OTHER_SECTION as OTHER_SECTION
from screener.score.strength import SECTION_STRENGTH as SECTION_STRENGTH
from screener.score.strength import list_factor as list_factor
from screener.score.strength import list_support as list_support
from screener.score.strength import mention_strength as mention_strength
from screener.score.strength import strongest_mention as strongest_mention
from screener.text.education import LEVELS
from screener.text.timeline import Role

MET = 0.5  # a requirement is met when its evidence reaches this strength (a skills list does)


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
