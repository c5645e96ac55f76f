"""The Document: a resume's text and what ingest learnt about it."""

from __future__ import annotations

from dataclasses import dataclass, field

from screener.ingest.contact import Contact
from screener.text.normalize import Normalized
from screener.text.sections import Section


@dataclass(frozen=True, slots=True)
class Document:
    """One resume as text.

    ``text`` is the text as read from the file (decoded, or extracted from a PDF or DOCX);
    evidence offsets point into it. ``normalized`` is what matching reads, with its map back.
    Sections are spans of the normalised text.
    """

    source: str
    text: str
    normalized: Normalized
    sha256: str
    format: str
    sections: tuple[Section, ...]
    contact: Contact
    pages: int = 0
    warnings: tuple[str, ...] = ()

    @property
    def candidate(self) -> str:
        """The name to show: the one found in the header, else the file name."""
        if self.contact.name:
            return self.contact.name
        name = self.source.rsplit("/", 1)[-1]
        return name.rsplit(".", 1)[0] if "." in name else name


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that was not scored, and the reason a recruiter can act on."""

    source: str
    reason: str
    sha256: str = field(default="", compare=False)  # of the file's bytes, where read
