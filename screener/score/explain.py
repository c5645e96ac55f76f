"""Why a candidate scored what they did, and what would raise the score. Pure functions.

Every point traces to a quote; every missing point to a requirement and what would meet it.
"""

from __future__ import annotations

from dataclasses import dataclass

from screener.config.rubric import Requirement, Rubric
from screener.config.taxonomy import Taxonomy
from screener.score import MET, Assessment, RequirementResult


@dataclass(frozen=True, slots=True)
class Advice:
    """Points a requirement could still add, and what evidence would add them."""

    requirement: str
    tier: str
    gain: float
    hint: str


def satisfied_by(req: Requirement, taxonomy: Taxonomy | None = None) -> str:
    """What meets a requirement, in words: "any of: Docker, Podman"."""

    def names(ids: list[str] | tuple[str, ...]) -> str:
        if taxonomy is None:
            return ", ".join(ids)
        return ", ".join(taxonomy.skills[i].name if i in taxonomy.skills else i for i in ids)

    years = f"; at least {req.min_years:g} years" if req.min_years else ""
    if req.any is not None:
        return f"any of: {names(req.any)}{years}"
    if req.all is not None:
        return f"all of: {names(req.all)}{years}"
    if req.at_least is not None:
        return f"at least {req.at_least.n} of: {names(req.at_least.of)}{years}"
    if req.experience is not None:
        parts = []
        if req.experience.min_years:
            parts.append(f"{req.experience.min_years:g}+ years of experience")
        if req.experience.min_ml_years:
            parts.append(f"{req.experience.min_ml_years:g}+ years in roles with ML work")
        return ", ".join(parts) or "any dated experience"
    assert req.education is not None
    rule = req.education
    text = f"a {rule.level} degree or higher"
    if rule.fields:
        text += f" in {', '.join(f.replace('-', ' ') for f in rule.fields)}"
    if rule.or_years:
        text += f", or {rule.or_years:g}+ years of experience"
    return text


def advice(assessment: Assessment, rubric: Rubric, taxonomy: Taxonomy) -> list[Advice]:
    """What would raise the score, largest gain first."""
    total = rubric.total_weight
    out = []
    for req, res in zip(rubric.requirements, assessment.results, strict=True):
        if res.satisfaction >= 1.0 or not total:
            continue
        gain = round(100 * req.weight * (1 - res.satisfaction) / total, 2)
        out.append(Advice(req.label, req.tier, gain, _hint(req, res, assessment, taxonomy)))
    return sorted(out, key=lambda a: (a.tier != "must", -a.gain))


def _hint(req: Requirement, res: RequirementResult, a: Assessment, taxonomy: Taxonomy) -> str:
    if req.experience is not None:
        rule = req.experience
        return (
            f"{a.years:.1f} years found ({a.ml_years:.1f} in roles with ML work); asked: "
            f"{rule.min_years:g} ({rule.min_ml_years:g}). Dated roles with ML work count."
        )
    if req.education is not None:
        if not res.evidence:
            return f"no qualifying degree found; asked: {satisfied_by(req, taxonomy)}"
        return f"found: {res.evidence[0].quote}; asked: {satisfied_by(req, taxonomy)}"
    if not res.evidence:
        return f"no evidence of {satisfied_by(req, taxonomy)}"
    found = {e.skill_id for e in res.evidence}
    missing = [s for s in req.skills if s not in found]
    weak = [e for e in res.evidence if e.strength < MET]
    notes = []
    if req.all is not None and missing:
        notes.append("missing: " + ", ".join(taxonomy.name_of(s) for s in missing))
    if req.at_least is not None and len(found) < req.at_least.n:
        notes.append(f"{len(found)} of the {req.at_least.n} asked for found")
    for e in weak:
        if e.polarity == "hedged":
            notes.append(f"{e.skill} only hedged (\u201c{e.quote}\u201d)")
        elif e.method == "implied":
            notes.append(f"{e.skill} only implied by another skill")
    strongest = max(res.evidence, key=lambda e: e.strength)
    if strongest.section != "experience" or not strongest.role:
        notes.append(
            f"{strongest.skill} appears in {strongest.section}, not in a dated role: "
            "experience bullets showing it in use count most"
        )
    if req.min_years and strongest.years is not None and strongest.years < req.min_years:
        notes.append(f"{strongest.years:.1f} years of {strongest.skill}; {req.min_years:g} asked")
    return "; ".join(notes) or "evidence is there but not at full strength"


def explain_text(assessment: Assessment, rubric: Rubric, taxonomy: Taxonomy) -> str:
    """A plain-text explanation: every requirement's points with its quotes, the missing
    must-haves and what would raise the score."""
    a = assessment
    lines = [
        f"{a.candidate} ({a.source}): {a.score:.1f} points, band {a.band}, "
        f"{a.musts_met} of {len(a.musts)} must-haves met; "
        f"{a.years:.1f} years, {a.ml_years:.1f} in roles with ML work",
    ]
    lines += [f"  FLAG {flag}" for flag in a.flags]
    for tier, title in (("must", "Must-haves"), ("nice", "Nice-to-haves")):
        lines.append(f"\n{title}:")
        for req, res in zip(rubric.requirements, a.results, strict=True):
            if req.tier != tier:
                continue
            mark = "met" if res.met else "NOT MET"
            lines.append(
                f"  [{mark}] {res.label}: {res.points:.2f} of "
                f"{100 * req.weight / rubric.total_weight:.2f} points "
                f"(satisfaction {res.satisfaction:.2f})"
            )
            for e in res.evidence[:3]:
                where = e.section + (f", {e.role}" if e.role else "")
                lines.append(
                    f"      {e.skill}: \u201c{e.quote}\u201d ({where}; {e.method}, {e.polarity})"
                )
    if a.missing_musts:
        lines.append("\nMissing must-haves: " + "; ".join(a.missing_musts))
    raise_by = advice(a, rubric, taxonomy)
    if raise_by:
        lines.append("\nWhat would raise the score:")
        lines += [f"  +{x.gain:.2f} {x.requirement}: {x.hint}" for x in raise_by]
    return "\n".join(lines)
