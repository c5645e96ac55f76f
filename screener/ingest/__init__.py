"""Reading resume files into Documents: the only stage that opens input files."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from screener.errors import InputError
from screener.ingest.document import Document, Skipped
from screener.ingest.text import clean_text, decode_text
from screener.text.sections import find_sections

__all__ = ["Document", "Skipped", "discover", "read_document", "read_text_document"]

READERS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
MAX_BYTES = 20 * 1024 * 1024
# Two to four capitalised words of letters (any script), apostrophes, dots or hyphens.
_WORD = r"(?:[^\W\d_]|['\u2019.-])+"
_NAME = re.compile(rf"^(?=[^\W\d_])(?:{_WORD})(?:\s+(?=[^\W\d_])(?:{_WORD})){{1,3}}$")


def discover(folder: Path) -> Iterator[Path]:
    """Yield every file under ``folder`` in a stable order, skipping hidden ones."""
    if not folder.is_dir():
        raise InputError(f"not a folder: {folder}")
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            yield path


def read_document(path: Path, *, source: str | None = None) -> Document | Skipped:
    """Read one resume file; a file that cannot be used becomes Skipped with a reason."""
    source = source or path.name
    kind = READERS.get(path.suffix.lower())
    if kind is None:
        return Skipped(source, f"unsupported file type '{path.suffix or path.name}'")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return Skipped(source, f"file too large ({size // 1_048_576} MB > 20 MB)")
        data = path.read_bytes()
    except OSError as exc:
        return Skipped(source, f"cannot read file: {exc.strerror or exc}")
    if not data.strip():
        return Skipped(source, "empty file")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Skipped(source, "binary content in a text file")
    return read_text_document(decode_text(data), source=source, kind=kind, raw=data)


def read_text_document(
    text: str, *, source: str = "<text>", kind: str = "text", raw: bytes | None = None
) -> Document:
    """Build a Document from already-decoded text."""
    text = clean_text(text)
    digest = hashlib.sha256(raw if raw is not None else text.encode("utf-8")).hexdigest()
    sections = find_sections(text)
    return Document(source, text, digest, kind, sections, guess_candidate(text, source))


def guess_candidate(text: str, source: str) -> str:
    """The candidate's display name: a name-like first line, else the file name."""
    for line in text.splitlines()[:5]:
        line = line.strip().lstrip("#").strip().strip("*").strip()
        if not line:
            continue
        if _NAME.match(line) and all(w[0].isupper() for w in line.split()):
            return line.title() if line.isupper() else line
        break
    return Path(source).stem
