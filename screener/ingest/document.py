"""The Document: a resume's text and what ingest learnt about it."""

from __future__ import annotations

from dataclasses import dataclass

from screener.text.sections import Section


@dataclass(frozen=True, slots=True)
class Document:
    """One resume as text. Offsets everywhere else refer to ``text``."""

    source: str
    text: str
    sha256: str
    format: str
    sections: tuple[Section, ...]
    candidate: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that was not scored, and the reason a recruiter can act on."""

    source: str
    reason: str
