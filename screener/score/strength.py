"""How much one mention of a skill proves: the strength of each section, the caps for hedged
and implied mentions, and the skills-list support rule that discounts a list the rest of the
resume does not back up. The pipeline keeps only each skill's strongest mention in a cached
record (``kept_evidence``), so this module shapes cached records and is part of the cache's
code hash.
"""

from __future__ import annotations

from collections.abc import Sequence

from screener.match.profile import Mention, Profile

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
# A skills list is a claim; the rest of the resume backs it up. When fewer than this share of
# the listed skills show up in experience or projects, the list counts proportionally less
# (down to LIST_FLOOR of its strength): every tool listed, none used, is keyword stuffing.
LIST_SUPPORT = 0.3
LIST_FLOOR = 0.25
_CLAIM_ONLY = {"skills", "header", "summary", "interests"}


def list_support(profile: Profile) -> float:
    """Share of the skills in the resume's skills list that it also shows in use: mentioned
    in experience, projects or another section that is more than a claim (1.0 without a list)."""
    if profile.list_support is not None:
        return profile.list_support
    listed, used = listed_skills(profile)
    return used / listed if listed else 1.0


def listed_skills(profile: Profile) -> tuple[int, int]:
    """How many skills the skills list names, and how many of them the resume shows in use
    (stated outright in a section that is more than a claim)."""
    listed, used = 0, 0
    for evidence in profile.skills.values():
        direct = [
            m for m in evidence.mentions if m.method != "implied" and m.polarity == "positive"
        ]
        if any(m.section == "skills" for m in direct):
            listed += 1
            used += any(m.section not in _CLAIM_ONLY for m in direct)
    return listed, used


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
