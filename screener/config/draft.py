"""Draft a rubric from a job description's text, for a recruiter to review.

``draft_rubric`` reads the plain text of a job description (Markdown or text; PDF and DOCX
are extracted by the caller with ``screener.ingest``) and returns the text of a version-1
rubric YAML file. It never writes anything; every value it infers carries a YAML comment that
says what it was inferred from, so the draft can be reviewed line by line.

How the job description is read:

- **Sections.** Headings (Markdown ``#``, a bold-only line, an underlined line, or a known
  heading on a line of its own: ``Requirements:``, ``NICE TO HAVE``) open sections.
  Must-have sections: "Requirements", "Must have", "Qualifications", "Required", "What you
  bring", "Minimum qualifications"... Nice-to-have sections: "Nice to have", "Preferred",
  "Bonus", "Pluses", "Preferred qualifications"... Responsibility sections: "Responsibilities",
  "What you'll do"... (drafted as nice-to-haves, weighted above them). Other sections (About
  us, Benefits...) are ignored. A job description with no requirement heading at all is read
  as one list of must-haves.
- **Items.** Each bullet (with its wrapped continuation lines) or other line of a requirement
  section is one item. A clause of a must-have item that says it "is a plus", is "preferred"
  or "a bonus" becomes a nice-to-have of its own.
- **Skills.** Skills are found with the project's matcher (``screener.match.skill_index``)
  and the context rules for ambiguous names. Some hits are context, not requirements, when
  the item names something more specific: a heading before a colon ("Cloud: AWS or Azure"),
  broad fields (machine learning, cloud computing, MLOps...), soft skills, and a skill that
  is a ``broader`` parent of another one on the item (unless examples follow it in
  parentheses: "Feature stores (Feast, Tecton)"). Each one left out is listed in a comment.
- **How the skills combine.** "at least two of" gives ``at_least``; alternatives ("one of",
  "e.g.", "such as", "or", "/", "or equivalent") give ``any``; one skill, or one skill with
  examples in parentheses, gives ``any``; skills joined by "and", or two skills listed, give
  ``all`` (``at_least`` with n = the number of items when some come with examples in
  parentheses: "registries and tracking (MLflow, W&B)"); a bare list of three or more gives
  ``at_least: {n: 2}``.
- **Years.** "3+ years of software engineering, 2+ on ML systems" (nothing more specific than
  the field named) gives ``experience: {min_years: 3, min_ml_years: 2}``; years whose clause
  names machine learning, AI, data science or models count as ML years. "5+ years of Python"
  gives ``min_years: 5`` on the skill requirement.
- **Degrees.** "Bachelor's/Master's/PhD in Computer Science or related" gives ``education``
  with the lowest level named and the fields as slugs ("CS" is computer-science; "related"
  next to a computing field adds the usual computing fields); "equivalent" experience adds
  ``or_years``: the number of years the item gives, else 5.

Weights come from the tier and the order of appearance, spread evenly and rounded:
must-haves 10 down to 5, responsibilities 4 down to 2, nice-to-haves 3 down to 1 (one
requirement in a tier gets the top weight). Requirement ids are slugs of the item's short
heading ("Cloud: ...") or of its first skill (or ``experience`` / ``degree``), made unique
with a numeric suffix; labels are the item's text shortened to about 80 characters. An item
with the same way to be satisfied as an earlier one is not drafted twice.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

import yaml

from screener.config.rubric import RubricFile
from screener.config.taxonomy import SkillType, Taxonomy
from screener.match import skill_index
from screener.match.context import ambiguity_ok, confirmed
from screener.match.index import RawMatch

Group = Literal["must", "resp", "nice"]
Section = Literal["must", "resp", "nice", "other"]

#: Weight of the first and of the last requirement of each group, in order of appearance.
WEIGHTS: dict[Group, tuple[int, int]] = {"must": (10, 5), "resp": (4, 2), "nice": (3, 1)}
_GROUPS: dict[Section | None, Group] = {"must": "must", "resp": "resp", "nice": "nice"}
_GROUP_NAMES: dict[Group, tuple[str, str]] = {
    "must": ("must-have", "Must-haves"),
    "resp": ("responsibility", "Responsibilities (drafted as nice-to-haves)"),
    "nice": ("nice-to-have", "Nice-to-haves"),
}
LABEL_CHARS = 80
QUOTE_CHARS = 70
#: Years of "equivalent experience" when the job description gives no number.
DEFAULT_OR_YEARS = 5

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
#: Fields that "N years of <field>" names as overall (or ML) experience, not as a skill.
YEARS_FIELDS = frozenset(
    {
        "software-engineering",
        "machine-learning",
        "artificial-intelligence",
        "deep-learning",
        "data-science",
        "mlops",
    }
)
#: Degree fields that "or related" widens to one another.
COMPUTING_FIELDS = (
    "computer-science",
    "software-engineering",
    "computer-engineering",
    "data-science",
    "mathematics",
    "statistics",
    "electrical-engineering",
    "information-technology",
)
_FIELD_ABBREVIATIONS = {
    "cs": "computer-science",
    "cse": "computer-science",
    "ce": "computer-engineering",
    "ee": "electrical-engineering",
    "ece": "electrical-engineering",
    "it": "information-technology",
    "is": "information-systems",
    "math": "mathematics",
    "maths": "mathematics",
    "stats": "statistics",
    "ml": "machine-learning",
    "ai": "artificial-intelligence",
}

# ---- headings ---------------------------------------------------------------------------

_NICE = re.compile(
    r"nice[- ]to[- ]haves?|preferred|bonus|\bplus(?:es)?\b|desir|good[- ]to[- ]have|optional"
    r"|extra credit|would be (?:great|nice)|not required|ideally"
)
_RESP = re.compile(
    r"responsibilit|what you(?:'ll| will) (?:do|be doing|work on)|your role|duties"
    r"|day[- ]to[- ]day|your impact|in this role|the job|your mission"
)
_MUST = re.compile(
    r"requirement|must[- ]haves?|qualification|required|what you bring|you bring"
    r"|what we(?:'re| are) looking for|looking for|you have|who you are|about you|essential"
    r"|minimum"
    r"|skills|experience|what you need|you should have|you will need|you'll need"
)
_OTHER = re.compile(
    r"about|benefit|perk|compensation|salary|\bpay\b|location|how to apply|who we are"
    r"|\bour\b|equal|diversity|why join|we offer|the role|the team|overview|summary|company"
    r"|apply|process|culture|mission|values|team"
)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD_HEADING = re.compile(r"^(\*\*|__)(.+?)\1\s*:?\s*$")
_BULLET = re.compile(r"^(\s*)(?:[-*+\u2022\u25aa\u25e6\u2023\u2013\u2014]|\d{1,2}[.)])\s+(.*)$")
_UNDERLINE = re.compile(r"^(?:=+|-{3,})$")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"\*\*|__|`")
_TITLE_PREFIX = re.compile(r"^(?:job title|position|role|title|opening)\s*:\s*", re.IGNORECASE)

# ---- within an item ---------------------------------------------------------------------

_PLUS_CLAUSE = re.compile(
    r"\b(?:is|are|would be|as) an? (?:big |huge |definite |strong )?plus\b|\ba plus\b"
    r"|\bnice[- ]to[- ]have\b|\bbonus\b|\bpreferred\b|\bdesirable\b|\bideally\b",
    re.IGNORECASE,
)
_NUMBER = r"\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten"
_WORD_NUMBERS = {
    w: i
    for i, w in enumerate(
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"], 1
    )
}
_AT_LEAST = re.compile(
    rf"\b(?:at least|a minimum of|minimum of|any)\s+(?P<n>{_NUMBER})\s+(?:of|from)\b"
    rf"|\b(?P<m>{_NUMBER})\s+or more\s+(?:of|from)\b",
    re.IGNORECASE,
)
_ALTERNATIVES = re.compile(
    r"\b(?:one of|any of|at least one|either|such as|for example|for instance|or similar"
    r"|or equivalent|or comparable|or other|equivalents?|alternatives?|etc)\b"
    r"|(?<![A-Za-z])e\.?g\.?(?![A-Za-z])",
    re.IGNORECASE,
)
_OR = re.compile(r"\bor\b|/|\beither\b", re.IGNORECASE)
_AND = re.compile(r"\band\b|&|\bplus\b|\bas well as\b|\bboth\b", re.IGNORECASE)
_YEARS = re.compile(
    rf"(?P<n>{_NUMBER})\s*(?:\+|plus)?\s*(?:(?:-|\u2013|to)\s*\d+\s*)?\+?\s*(?:years?|yrs?)\b",
    re.IGNORECASE,
)
_ML_WORDS = re.compile(
    r"\b(?:ML|AI|machine[- ]learning|artificial intelligence|deep learning|data science"
    r"|models?|MLOps)\b",
    re.IGNORECASE,
)
_GENERAL_WORDS = re.compile(
    r"\b(?:software|engineering|development|developer|industry|professional|programming"
    r"|coding|work|relevant|related|hands-on|overall|total|experience)\b",
    re.IGNORECASE,
)
_DEGREE = re.compile(
    r"(?<![A-Za-z])(?:"
    r"(?P<doctorate>ph\.?\s?d\.?|doctorate|doctoral degree|doctor of philosophy)"
    r"|(?P<master>master'?s?|m\.?\s?sc\.?|m\.?\s?s\.|MS|M\.?Eng\.?|MBA)"
    r"|(?P<bachelor>bachelor'?s?|b\.?\s?sc\.?|b\.?\s?s\.|BS|BA|B\.?Eng\.?|B\.?Tech\.?"
    r"|undergraduate degree)"
    r"|(?P<associate>associate'?s? degree)"
    r")(?![A-Za-z])",
    re.IGNORECASE,
)
_DEGREE_ORDER = ("associate", "bachelor", "master", "doctorate")
_FIELD_START = re.compile(
    r"\b(?:in|of)\s+(?:(?:science|arts|engineering|technology)\s+(?:in|of)\s+)?", re.IGNORECASE
)
_FIELD_END = re.compile(
    r"[;.()]|,?\s*(?:or|and)\s+(?:an?\s+)?(?:equivalent|related|similar|relevant|comparable)"
    r"|,?\s*(?:or|and)\s+\d|\bequivalent\b|\bpreferred\b|\brequired\b|\bwith\b|\bplus\b",
    re.IGNORECASE,
)
_RELATED = re.compile(
    r"\b(?:related|similar|relevant|quantitative|technical|STEM)\b", re.IGNORECASE
)
_EQUIVALENT = re.compile(r"\bequivalent\b", re.IGNORECASE)
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


# ---- reading the job description ----------------------------------------------------------


@dataclass
class _Item:
    """One bullet (with its continuation lines) or line of the job description."""

    text: str
    first: int
    last: int
    section: Section | None
    heading: str
    heading_line: int
    bullet: bool


@dataclass
class _Parsed:
    title: tuple[str, int] | None
    items: list[_Item]
    has_sections: bool


def _clean(line: str) -> str:
    line = _LINK.sub(r"\1", line).replace("\u2019", "'")
    line = _EMPHASIS.sub("", line)
    return "".join(ch if ch.isprintable() else " " for ch in line)


def _heading_key(title: str) -> str:
    text = _clean(title).lower().replace("\u2019", "'")
    return " ".join(re.sub(r"[^a-z0-9' -]+", " ", text).split())


_KINDS: tuple[tuple[Section, re.Pattern[str]], ...] = (
    ("nice", _NICE),
    ("resp", _RESP),
    ("must", _MUST),
    ("other", _OTHER),
)


def _classify(title: str) -> Section | None:
    """The kind of section a heading opens; None for a heading the drafter does not know."""
    key = _heading_key(title)
    return next((kind for kind, pattern in _KINDS if pattern.search(key)), None)


def _heading(line: str, next_line: str) -> tuple[str, int, Section | None] | None:
    """(title, level, kind) when ``line`` is a heading; level 7 for non-Markdown headings."""
    stripped = line.strip()
    if m := _MD_HEADING.match(stripped):
        return m.group(2), len(m.group(1)), _classify(m.group(2))
    if _BULLET.match(line):
        return None
    if _UNDERLINE.match(next_line.strip()) and stripped:
        return stripped, 1 if next_line.strip().startswith("=") else 2, _classify(stripped)
    if m := _BOLD_HEADING.match(stripped):
        return m.group(2), 7, _classify(m.group(2))
    words = stripped.rstrip(":").split()
    if not words or len(words) > 6:
        return None
    kind = _classify(stripped)
    # A line of its own: "Requirements:", "BENEFITS", "What you'll do". An unknown one is
    # content ("Evidence of doing them counts:", "AWS"), not a heading.
    if kind is not None and (
        stripped.endswith(":") or stripped.isupper() or _is_heading_phrase(stripped)
    ):
        return stripped.rstrip(":"), 7, kind
    return None


def _is_heading_phrase(text: str) -> bool:
    """Whether a line without a colon is, word for word, a usual section heading."""
    key = _heading_key(text)
    return bool(
        re.fullmatch(
            r"(?:(?:minimum|basic|preferred|required|desired|key|job|additional|your|main)\s+)?"
            r"(?:requirements|qualifications|responsibilities|skills|experience|duties"
            r"|nice to haves?|must haves?|bonus(?: points)?|pluses|benefits|perks"
            r"|about(?: us| the role| the team| you)?|what you(?:'ll| will) do"
            r"|what you bring|what we offer|who you are|the role)",
            key,
        )
    )


def _parse(text: str) -> _Parsed:
    """Split the job description into items, each with the section it sits in."""
    lines = text.splitlines()
    items: list[_Item] = []
    title: tuple[str, int] | None = None
    section: Section | None = None
    level = 0
    heading, heading_line = "", 0
    has_sections = False
    current: _Item | None = None  # the open bullet, which continuation lines extend
    seen_heading = False
    first = True  # no line read yet
    skip = -1
    for i, raw in enumerate(lines):
        number = i + 1
        if i == skip:
            continue
        if not raw.strip():
            current = None
            continue
        found = _heading(raw, lines[i + 1] if i + 1 < len(lines) else "")
        if found is not None:
            seen_heading = True
            current = None
            name, depth, kind = found
            if _UNDERLINE.match(lines[i + 1].strip() if i + 1 < len(lines) else ""):
                skip = i + 1
            # the title: the first line when it is no requirement heading ("# Data Engineer,
            # Payments Team"), else the first heading the drafter does not know
            if title is None and (kind is None or (first and kind == "other")):
                title = (_TITLE_PREFIX.sub("", _clean(name)).strip(), number)
            first = False
            if kind is not None or depth <= level:
                section, level = kind, depth
                heading, heading_line = _clean(name).strip(), number
                has_sections = has_sections or kind in {"must", "resp", "nice"}
            continue
        first = False
        bullet = _BULLET.match(raw)
        content = _clean(bullet.group(2) if bullet else raw).strip()
        if not any(ch.isalnum() for ch in content):
            continue  # a rule, a lone bullet
        if current is not None and not bullet:
            current.text += " " + content
            current.last = number
            continue
        if title is None and not bullet and not seen_heading and _is_title(content):
            title = (_TITLE_PREFIX.sub("", content).strip(), number)
            continue
        item = _Item(content, number, number, section, heading, heading_line, bool(bullet))
        items.append(item)
        current = item if bullet else None
    return _Parsed(title, items, has_sections)


def _is_title(line: str) -> bool:
    """Whether a first line reads as a title: short, not a sentence."""
    return len(line.split()) <= 12 and not line.rstrip().endswith((".", ":", ";", ","))


# ---- drafting one item --------------------------------------------------------------------


@dataclass(frozen=True)
class _Origin:
    """Where a drafted requirement comes from: its text, lines, group and why that group."""

    label: str
    first: int
    last: int
    group: Group
    tier_note: str

    @property
    def lines(self) -> str:
        """``line 7`` or ``lines 7-8``."""
        first, last = self.first, self.last
        return f"line {first}" if first == last else f"lines {first}-{last}"


@dataclass(kw_only=True)
class _Req:
    """A drafted requirement, with the comments that explain it."""

    origin: _Origin
    id_base: str
    id_note: str
    kind: str
    value: str
    kind_note: str
    key: tuple[str, frozenset[str]]
    min_years: float | None = None
    years_note: str = ""
    left_out: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Hit:
    """A skill found in an item: its id, character span and the text that matched."""

    skill_id: str
    start: int
    end: int
    matched: str


@dataclass
class _Context:
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


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with everything outside ``spans`` replaced by spaces (offsets are kept)."""
    keep = bytearray(len(text))
    for lo, hi in spans:
        keep[lo:hi] = b"\x01" * (hi - lo)
    return "".join(ch if keep[i] else " " for i, ch in enumerate(text))


def _segments(item: _Item, group: Group, where: str) -> Iterator[tuple[str, Group, str]]:
    """The item's text with its group, and each "is a plus" clause of it as a nice-to-have.

    ``where`` says why the item has its group; a clause split off says why it is nice.
    """
    text = item.text
    bounds = [m.end() for m in re.finditer(";", text)]
    clauses = list(zip([0, *bounds], [*bounds, len(text)], strict=True))
    plus = [(lo, hi) for lo, hi in clauses if _PLUS_CLAUSE.search(text[lo:hi])]
    if group == "nice" or not plus:
        yield text, group, where
        return
    rest = [c for c in clauses if c not in plus]
    if rest:
        yield _blank(text, rest), group, where
    for lo, hi in plus:
        cue = _PLUS_CLAUSE.search(text[lo:hi])
        assert cue is not None
        yield _blank(text, [(lo, hi)]), "nice", f'"{cue.group(0)}" (line {item.first})'


def _hits(text: str, ctx: _Context, *, listed: bool) -> tuple[list[_Hit], list[str]]:
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
    out: list[_Hit] = []
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
        out.append(_Hit(skill.id, start, end, matched))
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
    head: _Hit | None
    examples: list[_Hit] = field(default_factory=list)

    @property
    def skills(self) -> list[_Hit]:
        return ([self.head] if self.head else []) + self.examples


def _elements(text: str, hits: list[_Hit]) -> list[_Element]:
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


def _filter(text: str, hits: list[_Hit], ctx: _Context) -> tuple[list[_Hit], list[str], str | None]:
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


def _number(text: str) -> float:
    word = text.lower()
    return float(_WORD_NUMBERS[word]) if word in _WORD_NUMBERS else float(text)


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def _quote(text: str, start: int, end: int, limit: int = QUOTE_CHARS) -> str:
    snippet = " ".join(text[start:end].split())
    if len(snippet) > limit:
        cut = snippet.rfind(" ", 0, limit - 2)
        snippet = snippet[: cut if cut > limit // 2 else limit - 3].rstrip(" ,;:") + "..."
    return '"' + snippet.replace('"', "'") + '"'


def _label(text: str) -> str:
    label = " ".join(text.split()).strip(" .;:,")
    if len(label) > LABEL_CHARS:
        cut = label.rfind(" ", 0, LABEL_CHARS - 2)
        label = label[: cut if cut > 20 else LABEL_CHARS - 3].rstrip(" ,;:") + "..."
    return label or "(no text)"


def _slug(text: str, limit: int = 40) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower().replace("&", " and ")).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


def _flow(ids: list[str]) -> str:
    return "[" + ", ".join(_scalar(i) for i in ids) + "]"


def _combine(text: str, kept: list[_Hit]) -> tuple[str, str, str, frozenset[str]]:
    """(kind, YAML value, reason, skill set) for the skills an item names."""
    elements = _elements(text, kept)
    flat = [h.skill_id for e in elements for h in e.skills]
    gaps = [text[a.end : b.start] for a, b in pairwise(elements)]
    ids = frozenset(flat)
    at_least = _AT_LEAST.search(text)
    n = _number(at_least.group("n") or at_least.group("m")) if at_least else 0
    if at_least and n >= 2:
        cue = f'"{at_least.group(0)}"'
        if n >= len(flat):
            return "all", _flow(flat), f"{cue}, as many as named", ids
        return "at_least", f"{{n: {int(n)}, of: {_flow(flat)}}}", cue, ids
    if len(flat) == 1:
        return "any", _flow(flat), "one skill", ids
    alternative = _ALTERNATIVES.search(text)
    if alternative or any(_OR.search(g) for g in gaps):
        why = f'"{alternative.group(0)}"' if alternative else '"or" between skills'
        return "any", _flow(flat), why, ids
    if len(elements) == 1:
        return "any", _flow(flat), "examples in parentheses", ids
    if any(_AND.search(g) for g in gaps):
        why = '"and" between skills'
    elif len(elements) == 2:
        why = 'two skills listed, no "or"'
    else:  # a bare list asks for several of its skills, not each one
        value = f"{{n: 2, of: {_flow(flat)}}}"
        return "at_least", value, f'a list of {len(elements)} with no "and"/"or": 2 of them', ids
    if any(e.examples for e in elements):
        value = f"{{n: {len(elements)}, of: {_flow(flat)}}}"
        return "at_least", value, f"{why}, with examples in parentheses: one for each", ids
    return "all", _flow(flat), why, ids


def _education(text: str, item: _Item) -> tuple[str, str, frozenset[str]] | None:
    """(YAML value, reason, key) of a degree requirement, when the text asks for a degree."""
    found = [m for m in _DEGREE.finditer(text) if _is_degree(text, m)]
    if not found:
        return None
    level = min(
        (next(k for k, v in m.groupdict().items() if v) for m in found),
        key=_DEGREE_ORDER.index,
    )
    fields: list[str] = []
    start = _FIELD_START.search(text, found[-1].end())
    if start is not None and start.start() - found[-1].end() <= 12:
        stop = _FIELD_END.search(text, start.end())
        area = text[start.end() : stop.start() if stop else len(text)]
        for part in re.split(r",|\s+or\s+|\s+and\s+|/", area):
            slug = _field_slug(part)
            if slug and slug not in fields:
                fields.append(slug)
    notes = [f"{_quote(text, found[0].start(), len(text))} (line {item.first})"]
    if _RELATED.search(text) and any(f in COMPUTING_FIELDS for f in fields):
        added = [f for f in COMPUTING_FIELDS if f not in fields]
        fields += added
        if added:
            notes.append('"related" adds the usual computing fields')
    value = f"{{level: {level}"
    if fields:
        value += f", fields: {_flow(fields)}"
    equivalent = _EQUIVALENT.search(text)
    if equivalent:
        years = _YEARS.search(text)
        or_years = _number(years.group("n")) if years else DEFAULT_OR_YEARS
        value += f", or_years: {_fmt(or_years)}"
        given = "the years given" if years else "no number given, so the default"
        notes.append(f'"equivalent": or_years is {given}')
    return value + "}", "; ".join(notes), frozenset({"education", level, *fields})


def _is_degree(text: str, m: re.Match[str]) -> bool:
    """Whether a degree word names a degree: "Master's in CS", "BS degree", "PhD"."""
    word = m.group(0)
    if len(word.replace(".", "").replace(" ", "")) <= 3 and word.islower():
        return False  # "ms", "ba": no degree
    after = text[m.end() : m.end() + 40]
    joined = re.match(r"'?s?\s*(?:/|or\b|and\b|,)\s*", after)
    return bool(
        m.group("doctorate")
        or (joined and _DEGREE.match(text, m.end() + joined.end()))
        or re.search(r"\bdegree\b", text, re.IGNORECASE)
        or re.match(r"'?s?\s+(?:degree\s+)?(?:in|of)\s+\w", after, re.IGNORECASE)
    )


def _field_slug(part: str) -> str | None:
    words = [
        w
        for w in re.sub(r"[^a-z0-9&' ]+", " ", part.lower()).split()
        if w not in {"a", "an", "the", "field", "fields", "degree", "discipline", "area"}
    ]
    if not words or len(words) > 4 or _RELATED.search(" ".join(words)):
        return None
    text = " ".join(words)
    slug = _FIELD_ABBREVIATIONS.get(text) or _slug(text)
    return slug if _SLUG.match(slug) else None


def _draft_item(
    item: _Item, group: Group, where: str, ctx: _Context, *, listed: bool
) -> tuple[list[_Req], list[str]]:
    """The requirements one item yields, and notes about what it did not yield."""
    reqs: list[_Req] = []
    notes: list[str] = []
    for text, seg_group, tier_note in _segments(item, group, where):
        origin = _Origin(_label(text), item.first, item.last, seg_group, tier_note)
        education = _education(text, item)
        if education is not None:
            value, why, key = education
            reqs.append(
                _Req(origin=origin, id_base="degree", id_note="a degree", kind="education",
                     value=value, kind_note=why, key=("education", key))
            )  # fmt: skip
            continue
        hits, dropped = _hits(text, ctx, listed=listed)
        kept, left_out, heading = _filter(text, hits, ctx)
        figures = list(_YEARS.finditer(text))
        specific = [h for h in kept if h.skill_id not in YEARS_FIELDS] if figures else kept
        general, ml, skill_years = _years(text, item, figures, specific)
        if general or ml:
            parts: list[str] = []
            sources: list[str] = []
            for name, found in (("min_years", general), ("min_ml_years", ml)):
                if found:
                    parts.append(f"{name}: {_fmt(max(n for n, _ in found))}")
                    sources += [w for _, w in found]
            reqs.append(
                _Req(origin=origin, id_base="experience", id_note="years of experience",
                     kind="experience", value="{" + ", ".join(parts) + "}",
                     kind_note="; ".join(sources), key=("experience", frozenset(parts)))
            )  # fmt: skip
        if not specific:
            if not (general or ml):
                quoted = _quote(item.text, 0, len(item.text))
                why = "".join(f"; {note}" for note in dropped + left_out)
                notes.append(f"line {item.first} {quoted}: no skill, years or degree found{why}")
            continue
        kind, value, why, key = _combine(text, specific)
        first, last = min(h.start for h in specific), max(h.end for h in specific)
        cue = _ALTERNATIVES.search(text) or _AT_LEAST.search(text)
        if cue is not None:
            first, last = min(first, cue.start()), max(last, cue.end())
        quoted = _quote(text, first, last)
        if heading and len(heading.split()) <= 3 and _slug(heading):
            id_base, id_note = _slug(heading), f'the item\'s heading "{heading}"'
        else:
            id_base = specific[0].skill_id
            id_note = f'the first skill named, "{specific[0].matched}"'
        req = _Req(origin=origin, id_base=id_base, id_note=id_note, kind=kind, value=value,
                   kind_note=f"{why}: {quoted} (line {item.first})", key=(kind, key),
                   left_out=dropped + left_out)  # fmt: skip
        if skill_years:
            req.min_years = max(n for n, _ in skill_years)
            req.years_note = "; ".join(w for _, w in skill_years)
        reqs.append(req)
    return reqs, notes


_Years = list[tuple[float, str]]


def _years(
    text: str, item: _Item, figures: list[re.Match[str]], specific: list[_Hit]
) -> tuple[_Years, _Years, _Years]:
    """Each "N+ years" figure as overall, ML or skill years, with the text it came from.

    A figure counts for a skill when a skill follows it in its clause ("5+ years of Python"),
    or when nothing does but the item names skills ("Python (3+ years)"); as ML years when
    its clause names ML, AI, data science or models; otherwise as overall years.
    """
    general: _Years = []
    ml: _Years = []
    skill: _Years = []
    for i, fig in enumerate(figures):
        scope_end = figures[i + 1].start() if i + 1 < len(figures) else len(text)
        scope = text[fig.end() : scope_end]
        quoted = _quote(text, fig.start(), scope_end, limit=50)
        years = (_number(fig.group("n")), f"{quoted} (line {item.first})")
        if any(fig.end() <= h.start < scope_end for h in specific):
            skill.append(years)
        elif _ML_WORDS.search(scope):
            ml.append(years)
        elif _GENERAL_WORDS.search(scope) or not specific:
            general.append(years)
        else:
            skill.append(years)
    return general, ml, skill


# ---- writing the YAML ---------------------------------------------------------------------


def _scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain when it reads back as itself, else double-quoted."""
    value = "".join(ch if ch.isprintable() else " " for ch in value)
    plain = re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 ._/()'-]*", value) and not value.endswith(" ")
    try:
        same = bool(plain) and yaml.safe_load(value) == value
    except yaml.YAMLError:
        same = False
    return value if same else json.dumps(value, ensure_ascii=False)


def _comment(text: str) -> str:
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def _weights(count: int, group: Group) -> list[int]:
    hi, lo = WEIGHTS[group]
    if count == 1:
        return [hi]
    return [int(hi - (hi - lo) * i / (count - 1) + 0.5) for i in range(count)]


def draft_rubric(
    text: str, taxonomy: Taxonomy, *, opening: str | None = None, source: str | None = None
) -> str:
    """Draft the text of a rubric YAML file from a job description's plain text.

    ``opening`` defaults to the job description's first heading or title line; ``source``
    (the job description's path, as the rubric should cite it) is written to the rubric's
    ``source`` field and to its header. The result parses with ``yaml.safe_load`` and
    validates with ``screener.config.load_rubric``; every inferred value carries a comment
    saying what it was inferred from. Raises ValueError when the text yields no requirement.
    """
    parsed = _parse(text)
    ctx = _Context(taxonomy)
    drafted: list[_Req] = []
    notes: list[str] = []
    for item in parsed.items:
        if not parsed.has_sections:
            if item.section == "other":
                continue
            group: Group = "must"
            where = "no requirement headings: every line is a must-have"
        elif item.section in _GROUPS:
            group = _GROUPS[item.section]
            where = f'under "{item.heading}" (line {item.heading_line})'
        else:
            continue
        listed = parsed.has_sections or item.bullet
        reqs, skipped = _draft_item(item, group, where, ctx, listed=listed)
        drafted += reqs
        notes += skipped
    requirements: list[_Req] = []
    first_of: dict[tuple[str, frozenset[str], float | None], _Req] = {}
    for req in drafted:
        key = (*req.key, req.min_years)
        if key in first_of:
            label, earlier = req.origin.label, first_of[key].origin
            notes.append(
                f"{req.origin.lines} {_quote(label, 0, len(label))}: asks what "
                f"{earlier.lines} already asks; not drafted twice"
            )
            continue
        first_of[key] = req
        requirements.append(req)
    if not requirements:
        raise ValueError(
            "no requirement found in the job description: no line names a skill from the "
            "taxonomy, years of experience or a degree"
            + ("" if parsed.has_sections else " (and no requirement headings were found)")
        )
    title = opening or (parsed.title[0] if parsed.title else "") or "Untitled opening"
    return _render(requirements, notes, parsed, title, opening, source)


def _render(
    requirements: list[_Req],
    notes: list[str],
    parsed: _Parsed,
    title: str,
    opening: str | None,
    source: str | None,
) -> str:
    where = source or "a job description given as text"
    out = [
        f"# DRAFT rubric, drafted by screener from {_comment(where)}.",
        "# Every requirement, tier, weight and skill list below was inferred from the job",
        "# description; the comment on each line says from what. Review each one (the weights",
        "# especially), fix what the draft got wrong, delete what does not matter, then check",
        "# the file with:  screener validate <this file>",
        "# Weights follow the tier and the order of appearance: must-haves 10 down to 5,",
        "# responsibilities 4 down to 2, nice-to-haves 3 down to 1.",
    ]
    if not parsed.has_sections:
        out.append("# No requirement headings were found: every line was read as a must-have,")
        out.append("# unless it says it is a plus.")
    out.append("version: 1")
    if opening:
        why = "given when drafting"
    elif parsed.title:
        why = f"the job description's first heading or title (line {parsed.title[1]})"
    else:
        why = "no title line found: name the opening"
    out.append(f"opening: {_scalar(title)}  # {why}")
    if source:
        out.append(f"source: {_scalar(source)}  # the job description this was drafted from")
    out += [
        "bands: {strong: 75, good: 55, fair: 35}  # the defaults: review for this opening",
        "shortlist: {top: 20, min_score: 55, must_haves: required}  # the defaults",
        "requirements:",
    ]
    ids: set[str] = set()
    groups: tuple[Group, ...] = ("must", "resp", "nice")
    for group in groups:
        members = [r for r in requirements if r.origin.group == group]
        if not members:
            continue
        singular, plural = _GROUP_NAMES[group]
        hi, lo = WEIGHTS[group]
        banner = f"  # ---- {plural}: weights {hi} down to {lo} "
        out += ["", banner + "-" * max(4, 92 - len(banner))]
        for i, (req, weight) in enumerate(zip(members, _weights(len(members), group), strict=True)):
            rid, n = req.id_base, 1
            while rid in ids:
                n += 1
                rid = f"{req.id_base}-{n}"
            ids.add(rid)
            tier = "must" if group == "must" else "nice"
            out += [
                f"  - id: {_scalar(rid)}  # {_comment(req.id_note)}",
                f"    label: {_scalar(req.origin.label)}  # {req.origin.lines}",
                f"    tier: {tier}  # {_comment(req.origin.tier_note)}",
                f"    weight: {weight}  # {singular} #{i + 1} of {len(members)}",
                f"    {req.kind}: {req.value}  # {_comment(req.kind_note)}",
            ]
            if req.min_years is not None:
                out.append(f"    min_years: {_fmt(req.min_years)}  # {_comment(req.years_note)}")
            out += [f"    # not used: {_comment(note)}" for note in req.left_out]
    if notes:
        out += ["", "# ---- Not drafted: add these by hand if they matter " + "-" * 40]
        out += [f"# {_comment(note)}" for note in notes]
    result = "\n".join(out) + "\n"
    RubricFile.model_validate(yaml.safe_load(result))  # a draft that does not load is a bug
    return result
