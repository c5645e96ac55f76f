"""Contact details from a resume's header: for display, and for blind mode to redact."""

from __future__ import annotations

import re
from dataclasses import dataclass

from screener.text.lines import line_bounds

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_LINK = re.compile(
    r"(?:https?://)?(?:www\.)?(?:linkedin\.com/(?:in|pub)/[\w\-%.]+|github\.com/[\w\-.]+"
    r"|gitlab\.com/[\w\-.]+|https?://[^\s<>()\"']+|www\.[^\s<>()\"']+)",
    re.IGNORECASE,
)
_LINK_HINTS = ("http", "www.", "linkedin", "github", "gitlab")
_WORD = r"(?:[^\W\d_]|['\u2019.-])+"
_NAME = re.compile(rf"^(?=[^\W\d_])(?:{_WORD})(?:\s+(?=[^\W\d_])(?:{_WORD})){{1,3}}$")
_NOT_NAMES = {
    "resume",
    "curriculum",
    "vitae",
    "cv",
    "engineer",
    "developer",
    "manager",
    "scientist",
    "analyst",
    "consultant",
    "architect",
    "designer",
    "lead",
    "senior",
    "junior",
    "intern",
    "summary",
    "profile",
    "experience",
    "objective",
    "contact",
    "skills",
    "education",
    "professional",
    "technical",
    "administrator",
    "specialist",
    "director",
    "officer",
    "associate",
    "student",
    "graduate",
    "mlops",
    "devops",
    "software",
    "data",
}


@dataclass(frozen=True, slots=True)
class Contact:
    """What the header says about the person; never scored, only shown or redacted."""

    name: str | None
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    links: tuple[str, ...]

    def __reduce__(self) -> tuple[type[Contact], tuple[object, ...]]:
        # rebuilt through __init__: the profile cache unpickles thousands, and dataclasses'
        # own way for slotted classes looks up the fields again for every instance
        return (Contact, tuple(getattr(self, name) for name in Contact.__slots__))


def find_contact(text: str, header_end: int) -> Contact:
    """Name from the first lines; e-mails, phones and links from the whole text."""
    lowered = text.lower()
    emails = tuple(dict.fromkeys(_EMAIL.findall("\n".join(_lines_holding(text, lowered, "@")))))
    linked = "\n".join(_lines_holding(text, lowered, *_LINK_HINTS))
    links = tuple(
        dict.fromkeys(
            m.group(0).rstrip(".,;") for m in _LINK.finditer(linked) if "@" not in m.group(0)
        )
    )
    header = text[:header_end]
    return Contact(guess_name(header), emails, find_phones(text, header, lowered), links)


def _find_all(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i != -1:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _lines_holding(text: str, lowered: str, *needles: str) -> list[str]:
    """The lines of ``text`` that hold any of ``needles`` (lower case) in ``lowered``, its
    lower-case copy, in text order.

    Plain substring search finds the few lines worth a regex far faster than a regex over
    every line would.
    """
    bounds = {line_bounds(text, i, i) for needle in needles for i in _find_all(lowered, needle)}
    return [text[lo:hi] for lo, hi in sorted(bounds)]


def guess_name(header: str) -> str | None:
    """The first short line of two to four capitalised words that is not a job title."""
    for line in header.splitlines()[:8]:
        line = line.strip().lstrip("#").strip().strip("*").strip()
        if not line:
            continue
        words = line.split()
        if (
            _NAME.match(line)
            and all(w[0].isupper() for w in words)
            and not {w.lower().strip(".") for w in words} & _NOT_NAMES
        ):
            return line.title() if line.isupper() else line
    return None


_PHONE_LIKE = re.compile(r"(?<![\w/])\+?\(?\d[\d\s().-]{5,}\d(?![\w/])")
_DATE_LIKE = re.compile(
    r"^(?:\(?(?:19|20)\d\d\)?\s*[-\u2013]\s*(?:19|20)\d\d|\d{1,2}\s*/\s*\d{2,4}.*)$"
)
_PHONE_CUES = ("phone", "mobile", "mob", "tel", "cell", "whatsapp", "\u260e", "\U0001f4de")
_PHONE_CUE = re.compile(
    r"\b(?:phone|mobile|mob|tel|cell|contact|whatsapp)\b|\u260e|\U0001f4de", re.IGNORECASE
)


def find_phones(text: str, header: str = "", lowered: str | None = None) -> tuple[str, ...]:
    """Phone numbers as written: runs of seven to fifteen digits (with spaces, dots, dashes
    and brackets) in the header and on lines that say phone, mobile or tel, dates excluded.

    Fictional and local numbers count too, since blind mode must redact them all.
    """
    found: list[str] = []
    lines = _lines_holding(text, text.lower() if lowered is None else lowered, *_PHONE_CUES)
    for line in header.splitlines() + [x for x in lines if _PHONE_CUE.search(x)]:
        for m in _PHONE_LIKE.finditer(line):
            candidate = m.group(0).strip(" .-")
            digits = sum(ch.isdigit() for ch in candidate)
            if 7 <= digits <= 15 and not _DATE_LIKE.match(candidate):
                found.append(candidate)
    return tuple(dict.fromkeys(found))
