"""Rubrics: one opening's requirements, weights, bands and shortlist rule."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from screener.config.taxonomy import Slug, Taxonomy
from screener.config.yamlsource import (
    YamlSource,
    did_you_mean,
    format_loc,
    read_yaml,
    validate_model,
)
from screener.errors import ConfigError, InputError, Problem

Tier = Literal["must", "nice"]
DegreeLevel = Literal["associate", "bachelor", "master", "doctorate"]
_KINDS = ("any", "all", "at_least", "experience", "education")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AtLeast(_Strict):
    """At least ``n`` of the listed skills."""

    n: int = Field(ge=1)
    of: list[Slug] = Field(min_length=1)


class ExperienceRule(_Strict):
    """Overall years, and years in roles with machine-learning evidence."""

    min_years: float = Field(default=0, ge=0)
    min_ml_years: float = Field(default=0, ge=0)


class EducationRule(_Strict):
    """A degree of at least ``level`` in one of ``fields``, or ``or_years`` of experience."""

    level: DegreeLevel
    fields: list[Slug] = []
    or_years: float | None = Field(default=None, ge=0)


class Requirement(_Strict):
    """One line of the rubric: what satisfies it and how much it weighs."""

    id: Slug
    label: Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
    tier: Tier
    weight: float = Field(ge=0)
    knockout: bool = False
    any: list[Slug] | None = Field(default=None, min_length=1)
    all: list[Slug] | None = Field(default=None, min_length=1)
    at_least: AtLeast | None = None
    min_years: float | None = Field(default=None, gt=0)
    experience: ExperienceRule | None = None
    education: EducationRule | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Self:
        message = kind_error({k: getattr(self, k) for k in (*_KINDS, "min_years")})
        if message:
            raise ValueError(message)
        if self.at_least is not None and self.at_least.n > len(self.at_least.of):
            raise ValueError(
                f"at_least.n is {self.at_least.n} but only "
                f"{len(self.at_least.of)} skills are listed"
            )
        return self

    @property
    def skills(self) -> tuple[str, ...]:
        """Every skill id this requirement names."""
        if self.at_least is not None:
            return tuple(self.at_least.of)
        return tuple(self.any or self.all or ())


def kind_error(data: dict[str, Any]) -> str | None:
    """Why a requirement mapping does not name exactly one way to be satisfied, if it doesn't."""
    given = [k for k in _KINDS if data.get(k) is not None]
    if len(given) != 1:
        found = ", ".join(given) if given else "none"
        return f"give exactly one of {', '.join(_KINDS)} (found: {found})"
    if data.get("min_years") is not None and given[0] not in {"any", "all", "at_least"}:
        return "min_years applies to skill requirements (any, all, at_least)"
    return None


class Shortlist(_Strict):
    """Who makes the shortlist: the top N with at least ``min_score``."""

    top: int = Field(default=20, ge=1)
    min_score: float = Field(default=0, ge=0, le=100)
    must_haves: Literal["required", "ignored"] = "required"


def _default_bands() -> dict[str, float]:
    return {"strong": 75, "good": 55, "fair": 35}


class RubricFile(_Strict):
    """An opening's rubric, exactly as written in ``rubrics/*.yaml``."""

    version: Literal[1]
    opening: Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
    source: str | None = None
    bands: dict[Slug, Annotated[float, Field(ge=0, le=100)]] = Field(default_factory=_default_bands)
    shortlist: Shortlist = Shortlist()
    requirements: list[Requirement] = Field(min_length=1)

    def band_of(self, score: float) -> str:
        """Name of the highest band whose threshold ``score`` reaches, else ``low``."""
        for name, threshold in sorted(self.bands.items(), key=lambda kv: -kv[1]):
            if score >= threshold:
                return name
        return "low"

    @property
    def total_weight(self) -> float:
        """Sum of all requirement weights (the score's denominator)."""
        return sum(r.weight for r in self.requirements)


class Rubric(RubricFile):
    """A loaded rubric: the file's content plus where it came from and its hash."""

    path: str = ""
    sha256: str = ""


def load_rubric(path: Path | str | None = None, taxonomy: Taxonomy | None = None) -> Rubric:
    """Load and validate a rubric; with a taxonomy, also check every skill id it names."""
    from screener.config.paths import default_rubric_path
    from screener.config.taxonomy import _display

    path = Path(path) if path is not None else default_rubric_path()
    if not path.is_file():
        raise InputError(f"rubric not found: {path}")
    display = _display(path)
    source, problems = read_yaml(path, display)
    rubric = None
    if source is not None:
        rubric, found = validate_model(RubricFile, source)
        problems += found
        if rubric is None:
            # Requirements with field errors never reach the model's own check; run it on
            # the raw mapping so that every problem is reported in one go.
            problems += _raw_kind_problems(source)
        else:
            problems += check_rubric(rubric, source, taxonomy)
    if problems:
        raise ConfigError(list(dict.fromkeys(problems)))
    assert rubric is not None
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return Rubric(**dict(rubric), path=display, sha256=sha)


def _raw_kind_problems(source: YamlSource) -> list[Problem]:
    data = source.data if isinstance(source.data, dict) else {}
    requirements = data.get("requirements")
    problems = []
    for i, req in enumerate(requirements if isinstance(requirements, list) else []):
        message = kind_error(req) if isinstance(req, dict) else None
        if message:
            loc = ("requirements", i)
            problems.append(Problem(source.path, source.line_of(loc), format_loc(loc), message))
    return problems


def check_rubric(
    rubric: RubricFile, source: YamlSource, taxonomy: Taxonomy | None
) -> list[Problem]:
    """Second pass: unknown skill ids, duplicate requirement ids, a zero total weight."""
    problems: list[Problem] = []

    def report(loc: tuple[str | int, ...], message: str) -> None:
        problems.append(Problem(source.path, source.line_of(loc), format_loc(loc), message))

    seen: set[str] = set()
    for i, req in enumerate(rubric.requirements):
        if req.id in seen:
            report(("requirements", i, "id"), f"duplicate requirement id '{req.id}'")
        seen.add(req.id)
        if taxonomy is None:
            continue
        for loc, skill_id in _skill_refs(req, i):
            if skill_id not in taxonomy.skills:
                report(
                    loc, f"unknown skill id '{skill_id}'" + did_you_mean(skill_id, taxonomy.skills)
                )
    if rubric.total_weight <= 0:
        report(("requirements",), "weights sum to zero: at least one weight must be positive")
    return problems


def _skill_refs(req: Requirement, i: int) -> list[tuple[tuple[str | int, ...], str]]:
    base: tuple[str | int, ...] = ("requirements", i)
    if req.at_least is not None:
        return [((*base, "at_least", "of", j), s) for j, s in enumerate(req.at_least.of)]
    key = "any" if req.any is not None else "all"
    return [((*base, key, j), s) for j, s in enumerate(req.skills)]
