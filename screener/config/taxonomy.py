"""The skills taxonomy: pydantic schema, loader and cross-reference checks."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from screener.config.variants import fold, surface_variants
from screener.config.yamlsource import (
    YamlSource,
    did_you_mean,
    format_loc,
    read_yaml,
    validate_model,
)
from screener.errors import ConfigError, InputError, Problem

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class SkillType(StrEnum):
    """What kind of thing a skill is; scoring and reports group by it."""

    LANGUAGE = "language"
    FRAMEWORK = "framework"
    LIBRARY = "library"
    TOOL = "tool"
    PLATFORM = "platform"
    MANAGED_SERVICE = "managed-service"
    DATABASE = "database"
    CONCEPT = "concept"
    PRACTICE = "practice"
    CERTIFICATION = "certification"
    SOFT_SKILL = "soft-skill"


class AliasKind(StrEnum):
    """Why an alias names the same skill."""

    ABBREVIATION = "abbreviation"
    SYNONYM = "synonym"
    FORMER_NAME = "former-name"
    MISSPELLING = "misspelling"
    EXAM_CODE = "exam-code"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Alias(_Strict):
    """Another written form of a skill's name."""

    text: Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
    kind: AliasKind
    case: Literal["any", "exact"] = "any"


class Implication(_Strict):
    """Evidence of one skill that counts, at ``weight``, as evidence of another."""

    id: Slug
    weight: float = Field(gt=0, le=1)


class Ambiguity(_Strict):
    """How much context a name needs before it counts as the skill."""

    level: Literal["low", "medium", "high"]
    confirm: list[str] = []
    reject: list[str] = []
    forms: list[str] | None = None  # forms that need context; default: every one-word form

    def applies_to(self, matched: str) -> bool:
        """Whether the matched text is one of the forms that need context."""
        if self.forms is None:
            return not any(ch.isspace() for ch in matched)
        return fold(matched) in {fold(f) for f in self.forms}


class Skill(_Strict):
    """One skill of the taxonomy."""

    id: Slug
    name: Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
    type: SkillType
    facets: list[Slug] = []
    aliases: list[Alias] = []
    broader: list[Slug] = []
    implies: list[Implication] = []
    ambiguity: Ambiguity | None = None
    # Whether misspellings may be fuzzy-matched. Short and ambiguous names never are, whatever
    # this says: the matcher enforces that, so data cannot get it wrong.
    fuzzy: bool = True
    external_ids: dict[str, str] = {}


class TaxonomyFile(_Strict):
    """One family file of ``skills_taxonomy/``."""

    version: Literal[1]
    family: str
    skills: list[Skill]


@dataclass(frozen=True, eq=False)
class Taxonomy:
    """All skills, by id, with the hash that identifies this exact taxonomy."""

    skills: Mapping[str, Skill]
    family_of: Mapping[str, str]
    sha256: str
    files: tuple[str, ...] = field(default=())

    def __len__(self) -> int:
        return len(self.skills)

    def __iter__(self) -> Iterator[Skill]:
        return iter(self.skills.values())

    def name_of(self, skill_id: str) -> str:
        """Return the display name of ``skill_id``."""
        return self.skills[skill_id].name


def taxonomy_files(root: Path) -> list[Path]:
    """Return the YAML files that make up the taxonomy at ``root`` (a folder or one file)."""
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise InputError(f"taxonomy not found: {root}")
    files = sorted(p for p in root.glob("*.y*ml") if p.suffix in {".yaml", ".yml"})
    if not files:
        raise InputError(f"no taxonomy files (*.yaml) in {root}")
    return files


def load_taxonomy(root: Path | str | None = None) -> Taxonomy:
    """Load and validate the taxonomy; raise ConfigError listing every problem."""
    from screener.config.paths import default_taxonomy_dir

    root = Path(root) if root is not None else default_taxonomy_dir()
    files = taxonomy_files(root)
    problems: list[Problem] = []
    parsed: list[tuple[YamlSource, TaxonomyFile]] = []
    digest = hashlib.sha256()
    for path in files:
        display = _display(path)
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        source, found = read_yaml(path, display)
        problems += found
        if source is None:
            continue
        model, found = validate_model(TaxonomyFile, source)
        problems += found
        if model is not None:
            parsed.append((source, model))
    taxonomy = _assemble(parsed, digest.hexdigest(), tuple(_display(p) for p in files), problems)
    if problems:
        raise ConfigError(problems)
    return taxonomy


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _assemble(
    parsed: list[tuple[YamlSource, TaxonomyFile]],
    sha: str,
    files: tuple[str, ...],
    problems: list[Problem],
) -> Taxonomy:
    skills: dict[str, Skill] = {}
    family_of: dict[str, str] = {}
    where: dict[str, tuple[YamlSource, int]] = {}
    for source, model in parsed:
        for i, skill in enumerate(model.skills):
            if skill.id in skills:
                first, j = where[skill.id]
                problems.append(
                    Problem(
                        source.path,
                        source.line_of(("skills", i, "id")),
                        f"skills[{i}].id",
                        f"duplicate id '{skill.id}' (first defined at "
                        f"{first.path}:{first.line_of(('skills', j, 'id'))})",
                    )
                )
                continue
            skills[skill.id] = skill
            family_of[skill.id] = model.family
            where[skill.id] = (source, i)
    problems += check_references(skills, where)
    return Taxonomy(skills=skills, family_of=family_of, sha256=sha, files=files)


def check_references(
    skills: Mapping[str, Skill], where: Mapping[str, tuple[YamlSource, int]]
) -> list[Problem]:
    """Second pass: dangling links, cycles and forms claimed by two skills."""
    problems: list[Problem] = []

    def report(skill_id: str, loc: tuple[str | int, ...], message: str) -> None:
        source, i = where[skill_id]
        full = ("skills", i, *loc)
        problems.append(Problem(source.path, source.line_of(full), format_loc(full), message))

    for skill in skills.values():
        for j, parent in enumerate(skill.broader):
            if parent not in skills:
                report(skill.id, ("broader", j), _unknown(parent, skills))
        for j, imp in enumerate(skill.implies):
            if imp.id not in skills:
                report(skill.id, ("implies", j, "id"), _unknown(imp.id, skills))
            elif imp.id == skill.id:
                report(skill.id, ("implies", j, "id"), "a skill cannot imply itself")
    for relation in ("broader", "implies"):
        for cycle in _cycles(skills, relation):
            report(cycle[0], (relation,), f"{relation} cycle: {' -> '.join(cycle)}")
    owners: dict[str, tuple[str, tuple[str | int, ...]]] = {}
    for skill in skills.values():
        forms: list[tuple[str, tuple[str | int, ...]]] = [(skill.name, ("name",))]
        forms += [(a.text, ("aliases", j, "text")) for j, a in enumerate(skill.aliases)]
        for text, loc in forms:
            key = fold(text)
            owner = owners.get(key)
            if owner is not None and owner[0] != skill.id:
                if not (_shares(skill, text) and _shares(skills[owner[0]], text)):
                    report(
                        skill.id,
                        loc,
                        f"'{text}' is already a name or alias of "
                        f"'{owner[0]}' (a form two skills share, like TF, must be listed "
                        "in both skills' ambiguity.forms with confirm words)",
                    )
            else:
                owners.setdefault(key, (skill.id, loc))
    return problems


def _shares(skill: Skill, text: str) -> bool:
    """Whether ``skill`` declares ``text`` as a form that context must disambiguate."""
    rule = skill.ambiguity
    return bool(rule and rule.forms and rule.confirm and fold(text) in map(fold, rule.forms))


def _unknown(skill_id: str, skills: Mapping[str, Skill]) -> str:
    return f"unknown skill id '{skill_id}'" + did_you_mean(skill_id, skills)


def _cycles(skills: Mapping[str, Skill], relation: str) -> list[list[str]]:
    """Each cycle once, found by depth-first search over ``broader`` or ``implies`` edges."""

    def targets(skill: Skill) -> list[str]:
        if relation == "broader":
            return [t for t in skill.broader if t in skills]
        return [i.id for i in skill.implies if i.id in skills and i.id != skill.id]

    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    cycles: list[list[str]] = []
    for start in skills:
        if state.get(start):
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(targets(skills[start])))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
            elif state.get(child) == 1:
                cycles.append([*path[path.index(child) :], child])
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(targets(skills[child]))))
    return cycles


IMPLY_DEPTH = 3  # EKS -> Kubernetes is one step; Vertex AI Pipelines -> Vertex AI -> GCP two


@lru_cache(maxsize=65536)
def implications(taxonomy: Taxonomy, skill_id: str) -> tuple[tuple[str, float], ...]:
    """Skills that evidence of ``skill_id`` implies, with weights multiplied along chains.

    Breadth first, so each implied skill gets the weight of its shortest chain.
    """
    out: list[tuple[str, float]] = []
    seen = {skill_id}
    frontier = [(skill_id, 1.0)]
    for _ in range(IMPLY_DEPTH):
        nxt = []
        for source, weight in frontier:
            for imp in taxonomy.skills[source].implies:
                if imp.id not in seen:
                    seen.add(imp.id)
                    nxt.append((imp.id, weight * imp.weight))
        out += nxt
        frontier = nxt
    return tuple(out)


def all_forms(skill: Skill) -> Iterator[tuple[str, bool]]:
    """Yield every surface form of ``skill`` with whether its case must match exactly.

    Names of one or two characters (R, C, Go) always match in their exact case only.
    """
    short = len(skill.name) <= 2
    yield from ((v, short) for v in surface_variants(skill.name))
    for alias in skill.aliases:
        exact = alias.case == "exact"
        yield from ((v, exact) for v in surface_variants(alias.text))


@dataclass(frozen=True, slots=True)
class TaxonomyStats:
    """Counts for ``screener taxonomy stats``."""

    skills: int
    by_family: Mapping[str, int]
    by_type: Mapping[str, int]
    aliases: int
    ambiguous: int
    implications: int


def taxonomy_stats(taxonomy: Taxonomy) -> TaxonomyStats:
    """Skills by family and by type, with alias, ambiguity and implication counts."""
    from collections import Counter

    skills = list(taxonomy)
    return TaxonomyStats(
        skills=len(skills),
        by_family=dict(Counter(taxonomy.family_of[s.id] for s in skills).most_common()),
        by_type=dict(Counter(str(s.type) for s in skills).most_common()),
        aliases=sum(len(s.aliases) for s in skills),
        ambiguous=sum(s.ambiguity is not None for s in skills),
        implications=sum(len(s.implies) for s in skills),
    )


FUZZY_MIN_CHARS = 6


def fuzzy_allowed(skill: Skill) -> bool:
    """Whether misspellings of ``skill`` may be fuzzy-matched.

    Never for short names or ambiguous names, whatever the data says: "Rust" is one letter
    from "Rest", and an ambiguous word misspelt is noise. A skill whose context rule covers
    only some forms (Terraform's "TF") keeps fuzzy matching for its name.
    """
    rule = skill.ambiguity
    ambiguous = rule is not None and (rule.forms is None or rule.applies_to(skill.name))
    return skill.fuzzy and not ambiguous and len(skill.name) >= FUZZY_MIN_CHARS
