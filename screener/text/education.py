"""Degrees a resume states, with their level and the line that names the field."""

from __future__ import annotations

import re
from dataclasses import dataclass

from screener.text.lines import line_bounds
from screener.text.sections import Section

LEVELS = ("associate", "bachelor", "master", "doctorate")
_PATTERNS = {
    "doctorate": r"ph\.?\s?d\.?|doctorate|doctor of philosophy|d\.?phil",
    "master": r"master'?s?|m\.?\s?sc?\.?|m\.?\s?eng\.?|m\.?\s?tech\.?|mba|m\.?s\.",
    "bachelor": r"bachelor'?s?|b\.?\s?sc\.?|b\.?\s?eng\.?|b\.?\s?tech\.?|b\.?\s?e\.?|b\.?\s?a\.?"
    r"|b\.?\s?s\.?|undergraduate degree",
    "associate": r"associate'?s? degree|associate of",
}
_DEGREE = re.compile(
    "|".join(rf"(?P<{level}>(?<![A-Za-z])(?:{p})(?![A-Za-z]))" for level, p in _PATTERNS.items()),
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Degree:
    """A degree mention: its level and the line of text it sits on."""

    level: str
    line: str
    start: int
    end: int

    def __reduce__(self) -> tuple[type[Degree], tuple[object, ...]]:
        # rebuilt through __init__: the profile cache unpickles thousands, and dataclasses'
        # own way for slotted classes looks up the fields again for every instance
        return (Degree, tuple(getattr(self, name) for name in Degree.__slots__))


def find_degrees(text: str, sections: tuple[Section, ...]) -> tuple[Degree, ...]:
    """Find degree mentions in the education section (or anywhere when it has none)."""
    areas = [(s.start, s.end) for s in sections if s.name == "education"] or [(0, len(text))]
    degrees = []
    for lo, hi in areas:
        for m in _DEGREE.finditer(text, lo, hi):
            level = next(k for k, v in m.groupdict().items() if v)
            # Short forms like "B.E.", "BSc" or "MS" must have a capital ("ms" is not a degree).
            if len(m.group(0).replace(".", "").replace(" ", "")) <= 3 and m.group(0).islower():
                continue
            line_start, line_end = line_bounds(text, m.start(), m.end())
            line = text[line_start:line_end]
            degrees.append(Degree(level, " ".join(line.split()), m.start(), m.end()))
    return tuple(degrees)
