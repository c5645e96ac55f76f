"""Resume sections (Summary, Experience, Skills...) found from their headings."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# Canonical section -> heading phrases (lower case, without punctuation).
HEADINGS: dict[str, tuple[str, ...]] = {
    "summary": (
        "summary",
        "professional summary",
        "profile",
        "professional profile",
        "about me",
        "objective",
        "career objective",
        "career summary",
        "overview",
        "executive summary",
    ),
    "experience": (
        "experience",
        "work experience",
        "professional experience",
        "work history",
        "employment",
        "employment history",
        "career history",
        "relevant experience",
        "industry experience",
    ),
    "projects": (
        "projects",
        "personal projects",
        "selected projects",
        "key projects",
        "academic projects",
        "open source",
        "open source contributions",
    ),
    "skills": (
        "skills",
        "technical skills",
        "core competencies",
        "competencies",
        "key skills",
        "technologies",
        "tech stack",
        "tools",
        "skills and tools",
        "areas of expertise",
        "expertise",
        "it skills",
        "technical proficiencies",
        "skill set",
        "skillset",
    ),
    "education": (
        "education",
        "academic background",
        "qualifications",
        "education and training",
        "academic qualifications",
    ),
    "certifications": (
        "certifications",
        "certificates",
        "licenses and certifications",
        "certifications and training",
        "certification",
    ),
    "publications": ("publications", "papers", "talks", "publications and talks"),
    "awards": ("awards", "honors", "honours", "achievements", "awards and honors"),
    "interests": ("interests", "hobbies", "hobbies and interests"),
    "references": ("references",),
}
_LOOKUP = {phrase: name for name, phrases in HEADINGS.items() for phrase in phrases}
_HEADING_LINE = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*)?([A-Za-z][A-Za-z &/]{1,40}?)[ \t]*:?[ \t]*$", re.MULTILINE
)


@dataclass(frozen=True, slots=True)
class Section:
    """A resume section: canonical name, the heading as written, and its character span."""

    name: str
    heading: str
    start: int
    end: int


def find_sections(text: str) -> tuple[Section, ...]:
    """Split ``text`` into sections at lines that are known headings.

    Text before the first heading is the ``header`` section (name, contact details).
    """
    marks: list[tuple[int, str, str]] = []
    for match in _HEADING_LINE.finditer(text):
        phrase = " ".join(match.group(1).replace("&", "and").lower().split())
        name = _LOOKUP.get(phrase) or _LOOKUP.get(phrase.replace(" and ", " "))
        if name is not None:
            marks.append((match.start(), name, match.group(1).strip()))
    sections: list[Section] = []
    first = marks[0][0] if marks else len(text)
    if first > 0:
        sections.append(Section("header", "", 0, first))
    for i, (start, name, heading) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        sections.append(Section(name, heading, start, end))
    return tuple(sections)


def section_at(sections: tuple[Section, ...], offset: int) -> str:
    """Name of the section containing ``offset`` (``header`` when there are none)."""
    starts = [s.start for s in sections]
    i = bisect_right(starts, offset) - 1
    return sections[i].name if i >= 0 else "header"
