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
        problems += found + check_rubric(source, taxonomy)
    if problems:
        raise ConfigError(list(dict.fromkeys(problems)))
    assert rubric is not None
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return Rubric(**dict(rubric), path=display, sha256=sha)


def check_rubric(source: YamlSource, taxonomy: Taxonomy | None) -> list[Problem]:
    """Second pass, on the raw mapping so it runs even when the schema pass found problems:
    how each requirement is satisfied, duplicate ids, unknown skill ids, a zero total weight."""
    problems: list[Problem] = []

    def report(loc: tuple[str | int, ...], message: str) -> None:
        problems.append(Problem(source.path, source.line_of(loc), format_loc(loc), message))

    data = source.data if isinstance(source.data, dict) else {}
    raw = data.get("requirements")
    requirements = [r for r in raw if isinstance(r, dict)] if isinstance(raw, list) else []
    seen: set[object] = set()
    for i, req in enumerate(requirements):
        message = kind_error(req)
        if message:
            report(("requirements", i), message)
        if req.get("id") in seen:
            report(("requirements", i, "id"), f"duplicate requirement id '{req['id']}'")
        seen.add(req.get("id"))
        if taxonomy is None:
            continue
        for loc, skill_id in _skill_refs(req, i):
            if skill_id not in taxonomy.skills:
                hint = did_you_mean(skill_id, taxonomy.skills)
                report(loc, f"unknown skill id '{skill_id}'{hint}")
    weights = [r.get("weight") for r in requirements]
    numbers = [w for w in weights if isinstance(w, int | float)]
    if weights and len(numbers) == len(weights) and sum(numbers) <= 0:
        report(("requirements",), "weights sum to zero: at least one weight must be positive")
    return problems


def _skill_refs(req: dict[str, Any], i: int) -> list[tuple[tuple[str | int, ...], str]]:
    refs: list[tuple[tuple[str | int, ...], str]] = []
    for key in ("any", "all"):
        if isinstance(req.get(key), list):
            refs += [(("requirements", i, key, j), s) for j, s in enumerate(req[key])]
    at_least = req.get("at_least")
    if isinstance(at_least, dict) and isinstance(at_least.get("of"), list):
        refs += [
            (("requirements", i, "at_least", "of", j), s) for j, s in enumerate(at_least["of"])
        ]
    return [(loc, s) for loc, s in refs if isinstance(s, str)]
