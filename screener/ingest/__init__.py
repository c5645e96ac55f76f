"""Reading resume files into Documents: the only stage that opens input files.

Formats are told apart by their first bytes, not their names. Every reader either returns
text or raises ReadError with a reason; nothing a file contains can stop a batch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from screener.errors import InputError
from screener.ingest import sniff as kinds
from screener.ingest.archive import archive_members
from screener.ingest.contact import find_contact
from screener.ingest.document import Document, Skipped
from screener.ingest.errors import ReadError
from screener.ingest.limits import Limits
from screener.ingest.text import decode_text
from screener.text.normalize import normalize
from screener.text.sections import find_sections

__all__ = [
    "Document",
    "Limits",
    "ReadError",
    "Skipped",
    "discover",
    "read_bytes",
    "read_file",
    "read_text_document",
]

MIN_WORDS = 20  # a resume has more; fewer is a blank export, a scan or a placeholder


def discover(folder: Path) -> Iterator[Path]:
    """Yield every file under ``folder`` in a stable order, skipping hidden ones."""
    if not folder.is_dir():
        raise InputError(f"not a folder: {folder}")
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            yield path


def read_file(path: Path, source: str, limits: Limits) -> list[Document | Skipped]:
    """Read one file; a ZIP of resumes gives one entry per member."""
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            return [
                Skipped(
                    source,
                    f"file too large ({size / 1_048_576:.1f} MB > "
                    f"{limits.max_bytes // 1_048_576} MB)",
                )
            ]
        data = path.read_bytes()
    except OSError as exc:
        return [Skipped(source, f"cannot read file: {exc.strerror or exc}")]
    digest = hashlib.sha256(data).hexdigest()
    return [
        replace(item, sha256=digest)
        if isinstance(item, Skipped) and item.source == source
        else item
        for item in read_bytes(data, source, limits)
    ]


def read_bytes(
    data: bytes, source: str, limits: Limits, *, in_archive: bool = False
) -> list[Document | Skipped]:
    """Read a file's bytes, whatever their format."""
    kind = kinds.sniff(data[:4096], data=data)
    if kind == kinds.TEXT and kinds.data_file(source):
        kind = kinds.DATA
    if kind == kinds.ZIP:
        if in_archive:
            return [Skipped(source, "archive inside an archive: unpack it first")]
        try:
            out: list[Document | Skipped] = []
            for name, member in archive_members(data, limits):
                inner = f"{source}/{name}"
                if isinstance(member, str):
                    out.append(Skipped(inner, member))
                else:
                    out += read_bytes(member, inner, limits, in_archive=True)
        except ReadError as exc:
            return [Skipped(source, str(exc))]
        return out or [Skipped(source, "empty archive")]
    try:
        text, pages, warnings = extract_text(kind, data, limits, source)
        document = make_document(text, source, kind, hashlib.sha256(data).hexdigest(), pages)
        return [replace(document, warnings=warnings) if warnings else document]
    except ReadError as exc:
        return [Skipped(source, str(exc))]


def extract_text(
    kind: str, data: bytes, limits: Limits, source: str
) -> tuple[str, int, tuple[str, ...]]:
    """The text of a file of a known kind, its page count (0 where pages do not apply) and
    warnings about it (hidden text in a PDF)."""
    if kind == kinds.PDF:
        from screener.ingest.hidden import hidden_text_warning
        from screener.ingest.pdf import read_pdf_checked

        text, pages, hidden = read_pdf_checked(data, limits)
        warning = hidden_text_warning(hidden)
        return text, pages, (warning,) if warning else ()
    if kind == kinds.DOCX:
        from screener.ingest.docx import read_docx

        return read_docx(data, limits), 0, ()
    if kind == kinds.ODT:
        from screener.ingest.markup import read_odt

        return read_odt(data, limits), 0, ()
    if kind == kinds.RTF:
        from screener.ingest.markup import rtf_to_text

        return rtf_to_text(decode_text(data)), 0, ()
    if kind == kinds.HTML:
        from screener.ingest.markup import html_to_text

        return html_to_text(decode_text(data)), 0, ()
    if kind == kinds.TEXT:
        return decode_text(data), 0, ()
    raise ReadError(
        _REFUSALS.get(kind, "not a document this tool can read").format(
            name=source.rsplit("/", 1)[-1]
        )
    )


_REFUSALS = {
    kinds.EMPTY: "empty file",
    kinds.LEGACY_DOC: "legacy Word .doc (or another old Office format): convert it to PDF or DOCX",
    kinds.IMAGE: "image file: no text to read; convert it to a PDF with text, or OCR it",
    kinds.BINARY: "not a readable document: '{name}' holds binary data",
    kinds.OFFICE_OTHER: "a spreadsheet or slides, not a resume: save a resume as PDF or DOCX",
    kinds.DATA: "a data file ('{name}'), not a resume: left out",
}


def make_document(
    text: str, source: str, kind: str, sha256: str | None = None, pages: int = 0
) -> Document:
    """A Document from a file's text; too little text is refused, never scored as zero."""
    document = read_text_document(text, source=source, kind=kind, sha256=sha256, pages=pages)
    if len(document.normalized.text.split()) < MIN_WORDS:
        raise ReadError(
            "almost no text (under 20 words): needs manual review"
            + (" or OCR" if kind == kinds.PDF else "")
        )
    return document


def read_text_document(
    text: str,
    *,
    source: str = "<text>",
    kind: str = kinds.TEXT,
    sha256: str | None = None,
    pages: int = 0,
) -> Document:
    """A Document from text in memory, however short (the library's profile_text uses it)."""
    normalized = normalize(text)
    sections = find_sections(normalized.text)
    header_end = sections[1].start if len(sections) > 1 else min(len(normalized.text), 400)
    return Document(
        source=source,
        text=text,
        normalized=normalized,
        sha256=sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(),
        format=kinds.text_kind(source) if kind == kinds.TEXT else kind,
        sections=sections,
        contact=find_contact(normalized.text, header_end),
        pages=pages,
    )
