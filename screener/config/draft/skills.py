"""The skills one item names, and how they combine. ``find_hits`` finds skills with the
project's matcher and the context rules for ambiguous names, ``filter_hits`` drops those that
are context rather than requirements (the item's heading, broad fields, soft skills, a broader
parent of a skill also named), and ``combine`` turns the rest into an ``any``, ``all`` or
``at_least`` value from the words between them ("one of", "or", "and", parentheses).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from screener.config.draft.text import NUMBER, flow, number
from screener.config.taxonomy import SkillType, Taxonomy
from screener.match import skill_index
from screener.match.context import ambiguity_ok, confirmed
from screener.match.index import RawMatch

#: Fields too broad to be a requirement when the item names something more specific.
BROAD_FIELDS = frozenset(
    {
        "machine-learning",
        "artificial-intelligence",
        "deep-learning",
        "data-science",
        "data-engineering",
        "generative-ai",
        "big-data",
        "cloud-computing",
        "cloud-native",
        "mlops",
        "devops",
        "software-engineering",
    }
)

AT_LEAST = re.compile(
    rf"\b(?:at least|a minimum of|minimum of|any)\s+(?P<n>{NUMBER})\s+(?:of|from)\b"
    rf"|\b(?P<m>{NUMBER})\s+or more\s+(?:of|from)\b",
    re.IGNORECASE,
)
ALTERNATIVES = re.compile(
    r"\b(?:one of|any of|at least one|either|such as|for example|for instance|or similar"
    r"|or equivalent|or comparable|or other|equivalents?|alternatives?|etc)\b"
    r"|(?<![A-Za-z])e\.?g\.?(?![A-Za-z])",
    re.IGNORECASE,
)
_OR = re.compile(r"\bor\b|/|\beither\b", re.IGNORECASE)
_AND = re.compile(r"\band\b|&|\bplus\b|\bas well as\b|\bboth\b", re.IGNORECASE)


@dataclass(frozen=True)
class Hit:
    """A skill found in an item: its id, character span and the text that matched."""

    skill_id: str
    start: int
    end: int
    matched: str


@dataclass
class Context:
    """What every item needs: the taxonomy and its broader-than relation, computed lazily."""

    taxonomy: Taxonomy
    ancestors: dict[str, frozenset[str]] = field(default_factory=dict)

    def ancestors_of(self, skill_id: str) -> frozenset[str]:
        """Every skill ``skill_id`` is narrower than, through ``broader`` links."""
        if skill_id not in self.ancestors:
            self.ancestors[skill_id] = frozenset()  # guards against a cycle
            found: set[str] = set()
            for parent in self.taxonomy.skills[skill_id].broader:
                if parent in self.taxonomy.skills:
                    found |= {parent, *self.ancestors_of(parent)}
            self.ancestors[skill_id] = frozenset(found)
        return self.ancestors[skill_id]

    def name(self, skill_id: str) -> str:
        return self.taxonomy.name_of(skill_id)


def find_hits(text: str, ctx: Context, *, listed: bool) -> tuple[list[Hit], list[str]]:
    """Skills on ``text`` that the taxonomy resolves and context confirms.

    A ``listed`` text (a bullet, or a line of a requirement section) names skills the way a
    resume's skills section does: an ambiguous name there needs no confirming word, only no
    rejecting one ("excel at").
    """
    index = skill_index(ctx.taxonomy)
    raw = [h for h in index.find(index.tokenize(text)) if h.skill_id in ctx.taxonomy.skills]
    spans: dict[tuple[int, int], list[RawMatch]] = {}
    for h in raw:
        spans.setdefault((h.start, h.end), []).append(h)
    single_facets = {
        facet
        for group in spans.values()
        if len(group) == 1
        for facet in ctx.taxonomy.skills[group[0].skill_id].facets
    }
    out: list[Hit] = []
    notes: list[str] = []
    for (start, end), group in spans.items():
        matched = text[start:end]
        if len(group) > 1:
            group = [
                h
                for h in group
                if confirmed(ctx.taxonomy.skills[h.skill_id].ambiguity, text, start, end)
                or single_facets & set(ctx.taxonomy.skills[h.skill_id].facets)
            ]
            if len(group) != 1:
                notes.append(f'"{matched}": names several skills, context does not say which')
                continue
        skill = ctx.taxonomy.skills[group[0].skill_id]
        if not ambiguity_ok(
            skill.ambiguity,
            text,
            start,
            end,
            in_skills_section=listed,
            neighbours=len(spans) - 1,
        ):
            notes.append(f'"{matched}" ({skill.id}): context says it is not the skill here')
            continue
        out.append(Hit(skill.id, start, end, matched))
    out.sort(key=lambda h: h.start)
    return out, notes


def _paren_groups(text: str) -> list[tuple[int, int]]:
    """Top-level (start, end) spans of parenthesised text, brackets included."""
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                start = i
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    if depth:
        spans.append((start, len(text)))
    return spans


@dataclass
class _Element:
    """A top-level skill with the examples that follow it in parentheses, or a
    parenthesised group of skills after a word that is no skill ("streaming (Kafka)")."""

    start: int
    end: int
    head: Hit | None
    examples: list[Hit] = field(default_factory=list)

    @property
    def skills(self) -> list[Hit]:
        return ([self.head] if self.head else []) + self.examples


def _elements(text: str, hits: list[Hit]) -> list[_Element]:
    groups = _paren_groups(text)
    elements: list[_Element] = []
    for hit in hits:
        inside = next(((lo, hi) for lo, hi in groups if lo <= hit.start < hi), None)
        if inside is None:
            elements.append(_Element(hit.start, hit.end, hit))
            continue
        last = elements[-1] if elements else None
        if last is not None and last.end >= inside[0]:
            last.examples.append(hit)  # already in this group
        elif last is not None and last.head and _leads_into(text[last.end : inside[0]]):
            last.examples.append(hit)
            last.end = inside[1]
        else:
            elements.append(_Element(inside[0], inside[1], None, [hit]))
        if elements[-1].end < inside[1]:
            elements[-1].end = inside[1]
    return elements


def _leads_into(gap: str) -> bool:
    """Whether the words between a skill and a bracket keep them together: "AWS (",
    "LLM deployment and serving (", but not "dbt, streaming (" (a new list item)."""
    return not re.search(r"[,;:]", gap) and len(gap.split()) <= 3


def filter_hits(
    text: str, hits: list[Hit], ctx: Context
) -> tuple[list[Hit], list[str], str | None]:
    """Drop hits that are context rather than requirements; returns (kept, notes, heading)."""
    notes: list[str] = []
    colon = text.find(":")
    heading = text[:colon].strip() if colon > 0 else None
    if heading is not None and len(heading.split()) > 6:
        heading = None
    kept = list({h.skill_id: h for h in reversed(hits)}.values())[::-1]  # first of each id
    kept.sort(key=lambda h: h.start)

    def drop(test: list[bool], why: str) -> None:
        nonlocal kept
        if all(test) or not any(test):
            return
        for h, out in zip(kept, test, strict=True):
            if out:
                notes.append(f'"{h.matched}" ({h.skill_id}): {why}')
        kept = [h for h, out in zip(kept, test, strict=True) if not out]

    if heading is not None:
        drop([h.end <= colon for h in kept], "the item's heading")
    drop([h.skill_id in BROAD_FIELDS for h in kept], "a broad field, context here")
    soft = SkillType.SOFT_SKILL
    drop([ctx.taxonomy.skills[h.skill_id].type == soft for h in kept], "a soft skill")
    with_examples = {e.head.skill_id for e in _elements(text, kept) if e.head and e.examples}
    ancestors = {h.skill_id: ctx.ancestors_of(h.skill_id) for h in kept}
    umbrella = []
    for h in kept:
        narrower = [k for k, up in ancestors.items() if h.skill_id in up]
        umbrella.append(bool(narrower) and h.skill_id not in with_examples)
        if umbrella[-1]:
            names = ", ".join(ctx.name(k) for k in narrower)
            notes.append(f'"{h.matched}" ({h.skill_id}): broader than {names}, named too')
    kept = [h for h, out in zip(kept, umbrella, strict=True) if not out]
    return kept, notes, heading


def combine(text: str, kept: list[Hit]) -> tuple[str, str, str, frozenset[str]]:
    """(kind, YAML value, reason, skill set) for the skills an item names."""
    elements = _elements(text, kept)
    flat = [h.skill_id for e in elements for h in e.skills]
    gaps = [text[a.end : b.start] for a, b in pairwise(elements)]
    ids = frozenset(flat)
    at_least = AT_LEAST.search(text)
    n = number(at_least.group("n") or at_least.group("m")) if at_least else 0
    if at_least and n >= 2:
        cue = f'"{at_least.group(0)}"'
        if n >= len(flat):
            return "all", flow(flat), f"{cue}, as many as named", ids
        return "at_least", f"{{n: {int(n)}, of: {flow(flat)}}}", cue, ids
    if len(flat) == 1:
        return "any", flow(flat), "one skill", ids
    alternative = ALTERNATIVES.search(text)
    if alternative or any(_OR.search(g) for g in gaps):
        why = f'"{alternative.group(0)}"' if alternative else '"or" between skills'
        return "any", flow(flat), why, ids
    if len(elements) == 1:
        return "any", flow(flat), "examples in parentheses", ids
    if any(_AND.search(g) for g in gaps):
        why = '"and" between skills'
    elif len(elements) == 2:
        why = 'two skills listed, no "or"'
    else:  # a bare list asks for several of its skills, not each one
        value = f"{{n: 2, of: {flow(flat)}}}"
        return "at_least", value, f'a list of {len(elements)} with no "and"/"or": 2 of them', ids
    if any(e.examples for e in elements):
        value = f"{{n: {len(elements)}, of: {flow(flat)}}}"
        return "at_least", value, f"{why}, with examples in parentheses: one for each", ids
    return "all", flow(flat), why, ids
