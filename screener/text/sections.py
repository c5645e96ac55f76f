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
        "about",
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
        "career",
        "exp",
        "work exp",
        "job history",
        "career experience job history",
        "professional history",
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
        "edu",
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
    # Memberships and service: dated, but not employment, so kept out of the timeline.
    "affiliations": (
        "affiliations",
        "professional affiliations",
        "memberships",
        "professional memberships",
        "professional associations",
        "committees",
        "service",
        "professional service",
        "university service",
        "committee memberships",
        "doctoral committee memberships",
    ),
}
_LOOKUP = {phrase: name for name, phrases in HEADINGS.items() for phrase in phrases}
# Words that make a short heading-like line a heading of that section, when its phrase is
# not one of the known ones ("Career Experience/Job History", "Summary of Qualifications").
KEYWORDS: dict[str, str] = {
    "experience": "experience",
    "employment": "experience",
    "projects": "projects",
    "project": "projects",
    "skills": "skills",
    "skill": "skills",
    "competencies": "skills",
    "expertise": "skills",
    "proficiencies": "skills",
    "education": "education",
    "academic": "education",
    "academics": "education",
    "qualifications": "summary",
    "qualification": "summary",
    "summary": "summary",
    "profile": "summary",
    "objective": "summary",
    "certifications": "certifications",
    "certification": "certifications",
    "certificates": "certifications",
    "licenses": "certifications",
    "publications": "publications",
    "awards": "awards",
    "achievements": "awards",
    "interests": "interests",
    "affiliations": "affiliations",
    "memberships": "affiliations",
    "committees": "affiliations",
    "hobbies": "interests",
    "references": "references",
}
_CANDIDATE = re.compile(
    # Greedy: the title takes its trailing blanks (stripped later) rather than backtracking.
    r"^[ \t]*(?P<mark>#{1,6}[ \t]*)?(?P<title>[A-Za-z][A-Za-z &/,'\u2019()-]{1,48})"
    r"(?P<colon>:)?[ \t]*$",
    re.MULTILINE,
)
_SMALL = {"and", "of", "&", "the", "in", "for", "/"}
# Every heading holds one of these words: a line without one is skipped before the slower
# checks, which most lines of a resume would otherwise go through.
_HEADING_WORDS = frozenset(
    {w for phrase in _LOOKUP for w in phrase.split()} - _SMALL | set(KEYWORDS)
)
_NON_LETTERS = re.compile(r"[^a-z]+")
# A line with one of these is a job title ("Senior Project Manager"), never a heading.
_JOB_WORDS = {
    "manager",
    "engineer",
    "developer",
    "coordinator",
    "lead",
    "specialist",
    "director",
    "analyst",
    "consultant",
    "officer",
    "intern",
    "assistant",
    "architect",
    "administrator",
    "scientist",
    "designer",
    "executive",
    "head",
    "teacher",
    "trainer",
    "associate",
}


@dataclass(frozen=True, slots=True)
class Section:
    """A resume section: canonical name, the heading as written, and its character span."""

    name: str
    heading: str
    start: int
    end: int


def heading_name(line: str, *, marked: bool) -> str | None:
    """The section a heading line opens, or None when the line is not a heading.

    A known phrase ("Work History") is a heading as it stands. Otherwise a line of up to five
    words naming a section keyword is one when it looks like a heading: all capitals, a
    trailing colon or a Markdown mark (``marked``), or every word capitalised.
    """
    words = _words(line)
    if not words or len(words) > 6:
        return None
    known = known_heading(line)
    if known is not None:
        return known
    lowered = [w.lower() for w in words]
    if len(words) <= 3 and not _JOB_WORDS.intersection(lowered):
        misspelt = _misspelt_heading(" ".join(lowered), capitals=line.isupper())
        if misspelt is not None:
            return misspelt
    if len(words) > 5 or _JOB_WORDS.intersection(lowered):
        return None
    capitalised = all(w[0].isupper() or w.lower() in _SMALL for w in words)
    if not (marked or line.isupper() or capitalised):
        return None
    # The section noun closes a heading ("Career Experience", "Job History"); a marked
    # heading ("Experience in brief:") may put it first.
    candidates = lowered if marked else lowered[-1:]
    for word in candidates:
        name = KEYWORDS.get(word)
        if name is not None:
            return name
    return None


# Phrases a misspelt heading may stand for; memberships and service only as written
# ("Services" is not "service"), and "project" alone is an entry inside experience.
_FUZZY_PHRASES = [p for p, name in _LOOKUP.items() if name != "affiliations"]
_NOT_SLIPS = {"project"}


def _slip(written: str, phrase: str) -> bool:
    """Whether ``written`` is ``phrase`` with a typing slip, not another word: the first two
    letters agree and it is no inflection ("Experienced", "Serviced")."""
    if written[:2] != phrase[:2] or written in _NOT_SLIPS:
        return False
    return not (written.startswith(phrase) and written[len(phrase) :] in {"d", "ed", "ing"})


def _misspelt_heading(phrase: str, *, capitals: bool) -> str | None:
    """The section a misspelt heading names: "work experiance", "skils", "EXPERINCE".

    One slip in a known heading phrase of five letters or more; a heading in capitals may
    also misspell a one-word section keyword ("EDUCTION").
    """
    if len(phrase) < 5 or phrase.count(" ") > 2:
        return None
    from rapidfuzz import fuzz, process

    found = process.extractOne(phrase, _FUZZY_PHRASES, scorer=fuzz.ratio, score_cutoff=88)
    if found is not None and _slip(phrase, found[0]):
        return _LOOKUP[found[0]]
    if capitals and " " not in phrase and len(phrase) >= 7:
        found = process.extractOne(phrase, list(KEYWORDS), scorer=fuzz.ratio, score_cutoff=85)
        return KEYWORDS[found[0]] if found else None
    return None


def find_sections(text: str) -> tuple[Section, ...]:
    """Split ``text`` into sections at lines that are headings.

    Text before the first heading is the ``header`` section (name, contact details).
    """
    found: list[tuple[int, str, str, bool]] = []
    for match in _CANDIDATE.finditer(text):
        title = match.group("title").strip()
        if _HEADING_WORDS.isdisjoint(_NON_LETTERS.split(title.lower())) and (
            len(title) > 24 or title.count(" ") > 2  # else perhaps misspelt: "skils"
        ):
            continue
        marked = bool(match.group("mark") or match.group("colon"))
        name = heading_name(title, marked=marked)
        if name is not None:
            found.append((match.start(), name, title, known_heading(title) is not None))
    # Where the known headings are written in capitals, a guessed heading in other case is a
    # sub-heading inside a section ("Select achievements:" under EXPERIENCE), not a new one.
    known = [title for _, _, title, is_known in found if is_known]
    capitals = len(known) >= 2 and sum(t.isupper() for t in known) >= 2 * len(known) / 3
    marks = [
        (start, name, title)
        for start, name, title, is_known in found
        if is_known or not capitals or title.isupper()
    ]
    sections: list[Section] = []
    first = marks[0][0] if marks else len(text)
    if first > 0:
        sections.append(Section("header", "", 0, first))
    for i, (start, name, heading) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        sections.append(Section(name, heading, start, end))
    return tuple(sections)


def _words(line: str) -> list[str]:
    return re.findall(r"[A-Za-z']+", line.replace("&", " and "))


def known_heading(line: str) -> str | None:
    """The section a known heading phrase opens ("Work History" -> experience), if any."""
    phrase = " ".join(w.lower() for w in _words(line))
    return _LOOKUP.get(phrase) or _LOOKUP.get(phrase.replace(" and ", " "))


def section_at(sections: tuple[Section, ...], offset: int) -> str:
    """Name of the section containing ``offset`` (``header`` when there are none)."""
    starts = [s.start for s in sections]
    i = bisect_right(starts, offset) - 1
    return sections[i].name if i >= 0 else "header"
