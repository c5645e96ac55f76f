"""Degree requirements. When an item asks for a degree, ``find_education`` gives the
``education`` value (the lowest level named, the fields as slugs, the usual computing fields
for "or related", ``or_years`` for "or equivalent experience") and the reason to comment it
with; a change to which words name a degree, a level or a field goes here.
"""

from __future__ import annotations

import re

from screener.config.draft.reading import Item
from screener.config.draft.text import flow, fmt, number, quote, slugify
from screener.config.draft.years import YEARS

#: Years of "equivalent experience" when the job description gives no number.
DEFAULT_OR_YEARS = 5

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


def find_education(text: str, item: Item) -> tuple[str, str, frozenset[str]] | None:
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
    notes = [f"{quote(text, found[0].start(), len(text))} (line {item.first})"]
    if _RELATED.search(text) and any(f in COMPUTING_FIELDS for f in fields):
        added = [f for f in COMPUTING_FIELDS if f not in fields]
        fields += added
        if added:
            notes.append('"related" adds the usual computing fields')
    value = f"{{level: {level}"
    if fields:
        value += f", fields: {flow(fields)}"
    equivalent = _EQUIVALENT.search(text)
    if equivalent:
        years = YEARS.search(text)
        or_years = number(years.group("n")) if years else DEFAULT_OR_YEARS
        value += f", or_years: {fmt(or_years)}"
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
    slug = _FIELD_ABBREVIATIONS.get(text) or slugify(text)
    return slug if _SLUG.match(slug) else None
