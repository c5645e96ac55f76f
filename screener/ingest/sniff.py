"""What a file really is, from its first bytes rather than its name."""

from __future__ import annotations

import io
import zipfile

# Formats we read, and formats we recognise only to say what to do with them.
PDF, DOCX, ODT, ZIP, RTF, HTML, TEXT = "pdf", "docx", "odt", "zip", "rtf", "html", "text"
LEGACY_DOC, IMAGE, BINARY, EMPTY = "legacy-doc", "image", "binary", "empty"
OFFICE_OTHER, DATA = "office-other", "data"  # spreadsheets and slides; CSV, JSON, YAML...

_IMAGES = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"II*\x00",
    b"MM\x00*",
    b"BM",
)
_TEXT_SUFFIXES = {".md": "markdown", ".markdown": "markdown"}


def sniff(head: bytes, *, data: bytes | None = None) -> str:
    """The format of a file whose first bytes are ``head`` (``data``: all of it, for ZIPs)."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped.strip(b"\x00"):
        return EMPTY
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data) if data is not None else ZIP
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return LEGACY_DOC
    if (
        head.startswith(_IMAGES)
        or head[4:12] in (b"ftypheic", b"ftypmif1")
        or (head.startswith(b"RIFF") and head[8:12] == b"WEBP")
    ):
        return IMAGE
    if stripped.startswith(b"{\\rtf"):
        return RTF
    lowered = stripped[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml")) and (
        b"<html" in head.lower() or b"<body" in head.lower()
    ):
        return HTML
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return TEXT
    if head.count(b"\x00") > len(head) // 20 or _binary_share(head) > 0.1:
        return BINARY
    return TEXT


_DATA_SUFFIXES = {".csv", ".tsv", ".json", ".jsonl", ".yaml", ".yml", ".xml", ".log", ".ini"}


def data_file(name: str) -> bool:
    """Whether a text file's name says it holds data (CSV, JSON...), not a document."""
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    return suffix in _DATA_SUFFIXES


def text_kind(name: str) -> str:
    """``markdown`` for .md files, else ``text``."""
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    return _TEXT_SUFFIXES.get(suffix, "text")


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "word/document.xml" in names:
                return DOCX
            if "xl/workbook.xml" in names or "ppt/presentation.xml" in names:
                return OFFICE_OTHER
            if "mimetype" in names and zf.read("mimetype")[:64].startswith(
                b"application/vnd.oasis.opendocument.text"
            ):
                return ODT
            if "mimetype" in names and zf.read("mimetype")[:64].startswith(
                b"application/vnd.oasis.opendocument."
            ):
                return OFFICE_OTHER
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, ValueError):
        return ZIP  # the archive reader will say what is wrong with it
    return ZIP


def _binary_share(head: bytes) -> float:
    """Share of control bytes other than whitespace: high for binaries, ~0 for any text."""
    if not head:
        return 0.0
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(head)
