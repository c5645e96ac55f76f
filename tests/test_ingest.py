"""Text ingest: decoding, hostile bytes, skipped files with reasons, sections and names."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from screener.ingest import Document, Skipped, discover, guess_candidate, read_document
from screener.text.sections import find_sections

RESUME = "Ana Lima\n\nSUMMARY\nEngineer.\n\nEXPERIENCE\nDeveloper, 2019 - 2024\n- Python\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (RESUME.encode("utf-8"), RESUME),
        (codecs.BOM_UTF8 + "Zoë Café\n".encode(), "Zoë Café\n"),
        ("Zoë Café\n".encode("utf-16"), "Zoë Café\n"),
        ("Zoë Café – naïve\n".encode("cp1252"), "Zoë Café – naïve\n"),
        (b"Line one\r\nLine two\rLine three\x07\x1b\n", "Line one\nLine two\nLine three\n"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "cp1252", "controls-and-line-ends"],
)
def test_ingest_decodes_and_cleans_text(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "cv.txt"
    path.write_bytes(data)
    doc = read_document(path)
    assert isinstance(doc, Document)
    assert doc.text == expected


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\n\t ", "empty file"),
        ("binary.txt", b"\x00\x01\x02PK\x03\x04" * 50, "binary content in a text file"),
        ("scan.png", b"\x89PNG\r\n\x1a\n", "unsupported file type '.png'"),
        ("README", b"hello", "unsupported file type 'README'"),
    ],
)
def test_ingest_skips_unusable_files_with_a_reason(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert read_document(path) == Skipped(name, reason)


def test_ingest_discover_is_recursive_sorted_and_skips_hidden(tmp_path: Path) -> None:
    for rel in ("b.txt", "a/c.md", ".git/x.txt", "a/.hidden.txt", "a/b/d.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)]
    assert found == ["a/b/d.txt", "a/c.md", "b.txt"]


@pytest.mark.parametrize(
    ("heading", "name"),
    [
        ("EXPERIENCE", "experience"),
        ("Professional Experience:", "experience"),
        ("## Work History", "experience"),
        ("Technical Skills", "skills"),
        ("CORE COMPETENCIES", "skills"),
        ("Education & Training", "education"),
        ("Licenses and Certifications", "certifications"),
    ],
)
def test_ingest_sections_from_heading_variants(heading: str, name: str) -> None:
    text = f"Ana Lima\n\n{heading}\nsome text\n"
    sections = find_sections(text)
    assert [s.name for s in sections] == ["header", name]
    assert text[sections[1].start :].startswith(heading)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Sofia Hernández\n\nData Scientist", "Sofia Hernández"),
        ("TOMASZ KOWALCZYK\nMLOps Engineer", "Tomasz Kowalczyk"),
        ("Senior engineer with 8 years of Python\n", "cv"),
        ('\n\n=HYPERLINK("x")\n', "cv"),
    ],
)
def test_ingest_candidate_name_or_file_name(text: str, expected: str) -> None:
    assert guess_candidate(text, "cv.txt") == expected
