"""Text ingest: decoding, hostile bytes, skipped files with reasons, sections and names."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from screener.ingest import Document, Limits, Skipped, discover, read_file
from screener.ingest.contact import guess_name
from screener.text.sections import find_sections

RESUME = (
    "Ana Lima\n\nSUMMARY\nBackend engineer who builds payment systems for small shops.\n\n"
    "EXPERIENCE\nDeveloper, Initech, 2019 - 2024\n- Python services for payments and invoices\n"
)


def read_document(path: Path) -> Document | Skipped:
    (result,) = read_file(path, path.name, Limits())
    return result


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (RESUME.encode("utf-8"), RESUME),
        (codecs.BOM_UTF8 + ("Zoë Café\n" + RESUME).encode(), "Zoë Café\n" + RESUME),
        (("Zoë Café\n" + RESUME).encode("utf-16"), "Zoë Café\n" + RESUME),
        (("Zoë Café – naïve\n" + RESUME).encode("cp1252"), "Zoë Café – naïve\n" + RESUME),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "cp1252"],
)
def test_ingest_decodes_text(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "cv.txt"
    path.write_bytes(data)
    doc = read_document(path)
    assert isinstance(doc, Document)
    assert doc.text == expected


def test_ingest_normalises_for_matching_but_keeps_the_original(tmp_path: Path) -> None:
    raw = RESUME.replace("\n", "\r\n") + "Tools:\x07 Kuber\u00adnetes,\u00a0\u00a0Docker\x1b\r\n"
    path = tmp_path / "cv.txt"
    path.write_text(raw, encoding="utf-8", newline="")
    doc = read_document(path)
    assert isinstance(doc, Document)
    assert doc.text == raw
    assert "\r" not in doc.normalized.text
    assert "\x07" not in doc.normalized.text
    assert doc.normalized.text.endswith("Tools: Kubernetes, Docker\n")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\n\t ", "empty file"),
        (
            "binary.txt",
            b"\x00\x01\x02\x03\x04" * 50,
            "not a readable document: 'binary.txt' holds binary data",
        ),
        (
            "scan.png",
            b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
            "image file: no text to read; convert it to a PDF with text, or OCR it",
        ),
        ("note.txt", b"Call me back.", "almost no text (under 20 words): needs manual review"),
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
    assert (guess_name(text) or "cv") == expected


def test_ingest_sub_heading_in_other_case_does_not_split_a_capitals_section() -> None:
    text = (
        "Ana Lima\nPROFESSIONAL EXPERIENCE\nLead, Acme, 2015 - 2020\nSelect achievements:\n"
        "- Grew revenue\nEngineer, Initech, 2010 - 2015\nEDUCATION\nBSc Physics\n"
    )
    assert [s.name for s in find_sections(text)] == ["header", "experience", "education"]
