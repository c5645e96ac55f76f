"""The result types of scoring: the Evidence quoted for a requirement, one requirement's
RequirementResult, a candidate's Assessment against a rubric and its Ranked place in the
ranking. Plain data with a few derived properties (flags, must-haves met); the scoring rules
live in ``screener.score``, the ranking rules in ``screener.score.ranking``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


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
