"""Reading a job description: headings, sections and items. ``parse`` splits the plain text
into items (a bullet with its continuation lines, or a line of its own), each with the
section it sits in (must-have, responsibility, nice-to-have or other) and that section's
heading, and finds the opening's title line; a change to which headings are recognised or to
how lines group into items goes here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Section = Literal["must", "resp", "nice", "other"]

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


@dataclass
class Item:
    """One bullet (with its continuation lines) or line of the job description."""

    text: str
    first: int
    last: int
    section: Section | None
    heading: str
    heading_line: int
    bullet: bool


@dataclass
class Parsed:
    title: tuple[str, int] | None
    items: list[Item]
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


def parse(text: str) -> Parsed:
    """Split the job description into items, each with the section it sits in."""
    lines = text.splitlines()
    items: list[Item] = []
    title: tuple[str, int] | None = None
    section: Section | None = None
    level = 0
    heading, heading_line = "", 0
    has_sections = False
    current: Item | None = None  # the open bullet, which continuation lines extend
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
        item = Item(content, number, number, section, heading, heading_line, bool(bullet))
        items.append(item)
        current = item if bullet else None
    return Parsed(title, items, has_sections)


def _is_title(line: str) -> bool:
    """Whether a first line reads as a title: short, not a sentence."""
    return len(line.split()) <= 12 and not line.rstrip().endswith((".", ":", ";", ","))
