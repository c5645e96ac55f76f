"""Rubric checks for requirements that target a protected trait or a likely proxy for one.

A rubric scores only what its requirements name, so a requirement worded around age ("digital
native", "recent graduate", "max 5 years of experience"), gender ("salesman", "he"), origin
("native English speaker", "citizen"), marital status, religion, disability or a photo builds
that bias into every score. :func:`proxy_warnings` finds such wording in the opening's title
and in each requirement's id, label and skill ids, and says what to write instead. These are
warnings, not errors: a rubric that draws one still loads and scores, and a person decides.

Work authorisation ("authorised to work in the EU", "right to work in the UK", "valid work
permit") is a legitimate requirement and draws no warning; citizenship and nationality do.

A degree required as a must-have with no ``or_years`` (no "or equivalent experience") draws
an ``info:`` warning: it is often a proxy for background rather than ability.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from screener.config.rubric import Requirement, RubricFile

__all__ = ["KINDS", "Proxy", "find_proxies", "proxy_warnings"]

KINDS: dict[str, tuple[str, str]] = {
    "age": ("a likely age proxy", "remove it or say what skill it means"),
    "origin": (
        "a likely national-origin proxy",
        "ask for the language level the job needs instead (e.g. 'fluent English')",
    ),
    "gender": (
        "gendered wording",
        "use neutral wording (salesperson, chair, staff, they) or say what skill it means",
    ),
    "photo": (
        "a photo, which shows age, gender and ethnicity and is never scored",
        "remove it",
    ),
    "marital": ("marital or family status, a protected trait", "remove it"),
    "nationality": (
        "nationality or citizenship, a protected trait in most places",
        "ask for the right to work instead (e.g. 'authorised to work in the EU')",
    ),
    "religion": ("religion, a protected trait", "remove it"),
    "disability": (
        "a likely disability proxy",
        "describe the task the job needs instead (with reasonable adjustments)",
    ),
}
"""Each kind of proxy: what it is, and what to do about it."""

_LANGUAGES = (
    "english|french|german|spanish|italian|portuguese|dutch|polish|russian|ukrainian|czech"
    "|swedish|norwegian|danish|finnish|greek|turkish|arabic|hebrew|hindi|urdu|bengali|chinese"
    "|mandarin|cantonese|japanese|korean|vietnamese|thai|indonesian|malay"
)
_PATTERNS: tuple[tuple[str, str], ...] = (
    # age
    ("age", r"\byears?\s+young\b"),
    ("age", r"\b(?:young|younger|youthful)\b"),
    ("age", r"\b(?:recent|new|fresh)\s+(?:college\s+|university\s+)?grad(?:uate)?s?\b"),
    ("age", r"\bdigital\s+natives?\b"),
    ("age", r"\bgraduat(?:ed|ing)\s+(?:after|since|within|in\s+the\s+(?:last|past))\b"),
    ("age", r"\bgraduation\s+year\b|\bclass\s+of\s+(?:19|20)\d\d\b"),
    ("age", r"\bborn\b"),
    ("age", r"\b(?:age|ages|aged)\b"),
    ("age", r"\bover\s*qualified\b"),
    (
        "age",
        r"\b(?:under|below|over|above|younger\s+than|older\s+than)\s+(?:the\s+age\s+of\s+)?"
        r"\d{2}(?:\s*(?:years?\s+old|y\s*o\b))?(?!\s*[\w%$.])",
    ),
    (
        "age",
        r"\b(?:max(?:imum)?\.?|at\s+most|no\s+more\s+than|not\s+more\s+than|up\s+to|less\s+than"
        r"|fewer\s+than|under)\s+\d+(?:\.\d+)?\s*\+?\s*(?:years?|yrs?)(?:\s+of)?(?:\s+\w+)?"
        r"\s+experience\b",
    ),
    # national origin, through language
    (
        "origin",
        rf"\bnative(?:\s+(?:level|like))?\s+(?:speakers?|{_LANGUAGES}|language|tongue|fluency"
        r"|proficiency)\b",
    ),
    ("origin", r"\bmother\s+tongue\b"),
    ("origin", r"\b(?:no|neutral|native|without\s+an?)\s+accent\b"),
    # gender
    (
        "gender",
        r"\b(?:he|she|him|his|her|hers|himself|herself|salesman|salesmen|saleswoman|saleswomen"
        r"|waiter|waitress|waitresses|chairman|chairmen|chairwoman|manpower|manned|foreman"
        r"|foremen|craftsman|craftsmen|workman|workmen|businessman|businessmen|businesswoman"
        r"|spokesman|cameraman|fireman|firemen|policeman|repairman|handyman|deliveryman"
        r"|middleman|gentleman|gentlemen|guys?|lady|ladies|girls?|boys?|males?|females?|men|woman"
        r"|women|hostess|stewardess|actress|headmaster|headmistress|manly|feminine|masculine"
        r"|fraternity|sorority)\b",
    ),
    ("gender", r"\bman\b(?!\s+pages?\b)"),
    # photos
    ("photo", r"\b(?:photos?|photographs?|headshots?|selfies?)\b"),
    ("photo", r"(?<!big )\bpictures?\b"),
    # marital and family status
    ("marital", r"\b(?:marital|married|unmarried|spouses?|wife|husband|childless)\b"),
    ("marital", r"\bpregnan\w*"),
    ("marital", r"\b(?:no|without)\s+(?:children|kids|dependants|dependents)\b"),
    ("marital", r"\bfamily\s+status\b"),
    # nationality and citizenship (not the right to work)
    # "born in Lagos" (not "born in the 1990s", an age)
    ("nationality", r"\bborn\s+in\b(?!\s+(?:the\s+)?'?\d)|\bnatives?\s+of\b|\bnational\s+origin\b"),
    ("nationality", r"\b(?:citizens?|citizenship|nationality|nationalities|nationals)\b"),
    ("nationality", r"\bpassports?\b"),
    # religion
    (
        "religion",
        r"\b(?:religion|religions|religious|christians?|christianity|muslims?|islam|islamic"
        r"|jewish|jews?|judaism|hindus?|hinduism|buddhists?|buddhism|sikhs?|catholics?"
        r"|protestants?|church|churchgoing|mosque|synagogue|atheists?|faith|god\s+fearing)\b",
    ),
    # disability
    ("disability", r"\bable\s+bodied\b|\bphysically\s+fit\b|\bfit\s+and\s+healthy\b"),
    ("disability", r"\bgood\s+(?:physical\s+|mental\s+)?health\b|\bmentally\s+(?:stable|fit)\b"),
    (
        "disability",
        r"\b(?:no|free\s+of|without)\s+(?:disabilit(?:y|ies)|medical\s+conditions"
        r"|health\s+(?:issues|problems|conditions))\b",
    ),
    ("disability", r"\b(?:disabled|disabilit(?:y|ies)|handicap(?:ped)?|wheelchair)\b"),
    ("disability", r"\b(?:perfect|normal)\s+(?:vision|eyesight|hearing)\b"),
)
_COMPILED = tuple((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _PATTERNS)
# Ids and labels join words with hyphens ("able-bodied", "native-english"), slashes ("he/she")
# and underscores; matching sees them as spaces, one character for one so offsets still hold.
_SEPARATORS = str.maketrans("-_/", "   ")


@dataclass(frozen=True, slots=True)
class Proxy:
    """One phrase of a text that targets a protected trait or a likely proxy for one."""

    phrase: str  # as written
    kind: str  # a key of KINDS
    start: int
    end: int


def find_proxies(text: str) -> list[Proxy]:
    """Every proxy phrase in ``text``, in order; where two overlap, the longer one."""
    plain = text.translate(_SEPARATORS)
    hits = sorted(
        (
            (m.start(), m.end(), kind)
            for kind, pattern in _COMPILED
            for m in pattern.finditer(plain)
            if m.end() > m.start()
        ),
        key=lambda h: (h[0], h[0] - h[1]),
    )
    out: list[Proxy] = []
    for start, end, kind in hits:
        if out and start < out[-1].end:
            continue
        out.append(Proxy(text[start:end], kind, start, end))
    return out


def proxy_warnings(rubric: RubricFile) -> list[str]:
    """Warnings, never errors, for wording in ``rubric`` that targets a protected trait or a
    likely proxy for one, and an ``info:`` warning for a must-have degree with no "or
    equivalent experience". Each warning names where it is (the opening, or the requirement's
    index and id), the phrase, what it stands for and what to do about it."""
    warnings = _describe("opening", [("title", rubric.opening)])
    for i, req in enumerate(rubric.requirements):
        where = f"requirements[{i}] (id '{req.id}')"
        places = [("id", req.id), ("label", req.label)]
        places += [(f"skill id '{skill}'", skill) for skill in req.skills]
        warnings += _describe(where, places)
        warnings += _degree_info(where, req)
    return warnings


def _describe(where: str, places: list[tuple[str, str]]) -> list[str]:
    """One warning per phrase (and kind), naming every place it appears in."""
    found: dict[tuple[str, str], tuple[str, list[str]]] = {}
    for place, text in places:
        for proxy in find_proxies(text):
            key = (proxy.kind, " ".join(proxy.phrase.translate(_SEPARATORS).lower().split()))
            phrase, seen_in = found.setdefault(key, (proxy.phrase, []))
            if place not in seen_in:
                seen_in.append(place)
    out = []
    for (kind, _), (phrase, seen_in) in found.items():
        what, advice = KINDS[kind]
        verb = "mentions" if len(seen_in) == 1 else "mention"
        out.append(f"{where}: {' and '.join(seen_in)} {verb} '{phrase}', {what}; {advice}")
    return out


def _degree_info(where: str, req: Requirement) -> list[str]:
    """The info-level warning for a must-have degree that experience cannot stand in for."""
    if req.education is None or req.education.or_years is not None:
        return []
    if req.tier != "must" and not req.knockout:
        return []
    return [
        f"{where}: info: degree required without 'or equivalent experience': may exclude "
        "qualified candidates; set education.or_years to the years of experience that count "
        "as equivalent"
    ]
