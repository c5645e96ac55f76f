"""The Profile: every skill a resume evidences, with quoted mentions, plus its timeline."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, NamedTuple

from screener.text.education import Degree
from screener.text.timeline import Role

METHODS = ("exact", "alias", "pattern", "fuzzy", "implied")
POLARITIES = ("positive", "hedged", "negated")


class Mention(NamedTuple):
    """One piece of evidence for a skill, pointing into the document text.

    A named tuple, not a dataclass: a profile holds hundreds of mentions and the profile
    cache rebuilds thousands of profiles, which tuples make several times faster.
    """

    skill_id: str
    text: str
    start: int
    end: int
    section: str
    method: str
    polarity: str
    role: int | None
    quote: str
    weight: float = 1.0
    implied_by: str | None = None
    confidence: float = 1.0  # below 1 for fuzzy matches: the rapidfuzz ratio / 100


class SkillEvidence(NamedTuple):
    """All mentions of one skill, and the months of dated roles that mention it."""

    skill_id: str
    name: str
    mentions: tuple[Mention, ...]
    months: int
    last_used: date | None


@dataclass(frozen=True, slots=True)
class Profile:
    """What one resume evidences, independent of any rubric."""

    skills: Mapping[str, SkillEvidence]
    roles: tuple[Role, ...]
    total_months: int
    ml_months: int
    stated_years: float | None
    degrees: tuple[Degree, ...]
    as_of: date
    ml_evidence: bool = False
    sections: tuple[str, ...] = ()  # the sections found, in order ("header" for the top)
    # share of the skills list shown in use elsewhere (see score.list_support), when known
    list_support: float | None = None
    # integrity flags for a person to look at (score.integrity); they never change a score
    flags: tuple[str, ...] = ()

    @property
    def years(self) -> float:
        """Total experience in years: dated roles, else the resume's own statement."""
        if self.total_months:
            return self.total_months / 12
        return self.stated_years or 0.0

    @property
    def ml_years(self) -> float:
        """Years in dated roles that show ML work; without dated roles, the stated years
        when the resume shows ML work at all."""
        if self.total_months:
            return self.ml_months / 12
        return (self.stated_years or 0.0) if self.ml_evidence else 0.0

    def __reduce__(self) -> tuple[type[Profile], tuple[object, ...]]:
        # rebuilt through __init__: the profile cache unpickles thousands, and dataclasses'
        # own way for slotted classes looks up the fields again for every instance
        return (Profile, tuple(getattr(self, name) for name in Profile.__slots__))


def profile_to_dict(profile: Profile) -> dict[str, Any]:
    """The profile as plain dicts and lists, for JSON."""
    out = asdict(profile)
    out["skills"] = {
        skill_id: {**evidence._asdict(), "mentions": [m._asdict() for m in evidence.mentions]}
        for skill_id, evidence in profile.skills.items()
    }
    return out
