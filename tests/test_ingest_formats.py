"""Every format recruiters receive, and the hostile files they also receive, read for real."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from screener import score_folder
from screener.cli import app
from screener.ingest import Document, Limits, Skipped, read_bytes
from tests import builders

GOOD = {
    "one-column.pdf": builders.pdf_one_column,
    "two-columns.pdf": builders.pdf_two_columns,
    "table-and-header.docx": builders.docx_with_table_and_header,
    "resume.odt": lambda: builders.odt(["Written in ODT", *builders.EXPERIENCE, *builders.SKILLS]),
    "resume.rtf": lambda: builders.rtf(["Written in RTF", *builders.EXPERIENCE, *builders.SKILLS]),
    "resume.html": lambda: builders.html(
        ["Written in HTML", *builders.EXPERIENCE, *builders.SKILLS]
    ),
    "resume-utf16.txt": lambda: builders.text_resume().encode("utf-16"),
    "controls.md": lambda: ("\x00\x07" + builders.text_resume() + "\x1b[31m").encode(),
}
BAD = {
    "encrypted.pdf": (
        lambda: builders.pdf_one_column(password="s3cret"),
        "encrypted PDF: needs a password",
    ),
    "scanned.pdf": (
        builders.pdf_without_text,
        "no text layer (scanned or image-only PDF): needs OCR or manual review",
    ),
    "truncated.pdf": (
        lambda: builders.pdf_one_column()[:700],
        "damaged PDF that cannot be read (PdfStreamError)",
    ),
    "bomb.docx": (
        builders.docx_zip_bomb,
        "DOCX would unpack to 300 MB (limit 200 MB): possible zip bomb",
    ),
    "empty.pdf": (lambda: b"", "empty file"),
    "binary.pdf": (
        lambda: bytes(range(256)) * 8,
        "not a readable document: 'binary.pdf' holds binary data",
    ),
    "legacy.doc": (
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
        "legacy Word .doc (or another old Office format): convert it to PDF or DOCX",
    ),
    "photo.jpg": (
        lambda: b"\xff\xd8\xff\xe0" + bytes(256),
        "image file: no text to read; convert it to a PDF with text, or OCR it",
    ),
}


def _one(data: bytes, name: str) -> Document | Skipped:
    (result,) = read_bytes(data, name, Limits())
    return result


@pytest.mark.parametrize("name", sorted(GOOD))
def test_ingest_format_reads_the_resume(name: str) -> None:
    doc = _one(GOOD[name](), name)
    assert isinstance(doc, Document), doc
    text = doc.normalized.text
    for line in (
        "MLOps Engineer, Northwind Analytics, Jan 2019 - Present",
        "Built Kubeflow pipelines and deployed models on Amazon EKS with Docker.",
    ):
        assert line in text
    assert "SKILLS" in text
    assert [s.name for s in doc.sections if s.name in {"experience", "skills"}] == [
        "experience",
        "skills",
    ]


@pytest.mark.parametrize("name", sorted(BAD))
def test_ingest_hostile_file_is_skipped_with_its_reason(name: str) -> None:
    make, reason = BAD[name]
    assert _one(make(), name) == Skipped(name, reason)


def test_ingest_two_column_pdf_reads_each_column_whole() -> None:
    doc = _one(builders.pdf_two_columns(), "cv.pdf")
    assert isinstance(doc, Document)
    text = doc.normalized.text
    # The left column's roles come before the right column's skills, not interleaved.
    assert text.index("Wrote Python services") < text.index("SKILLS")
    assert "Kubernetes, Terraform" in text.split("SKILLS")[1]


def test_ingest_docx_reads_header_and_table_cells() -> None:
    doc = _one(builders.docx_with_table_and_header(), "cv.docx")
    assert isinstance(doc, Document)
    assert doc.normalized.text.startswith("Jane Doe - jane.doe@example.com")
    assert "Platforms | Kubernetes, Docker" in doc.normalized.text


def test_ingest_html_drops_scripts_and_styles() -> None:
    doc = _one(GOOD["resume.html"](), "cv.html")
    assert isinstance(doc, Document)
    assert "Haskell" not in doc.text
    assert "color:red" not in doc.text


def test_ingest_zip_reads_members_and_refuses_escaping_names() -> None:
    resume = builders.text_resume().encode()
    archive = builders.zip_of(
        {"../../etc/evil.txt": resume, "inbox/jane.txt": resume, "/abs/path.txt": resume}
    )
    results = read_bytes(archive, "export.zip", Limits())
    assert [(type(r).__name__, r.source) for r in results] == [
        ("Skipped", "export.zip/../../etc/evil.txt"),
        ("Document", "export.zip/inbox/jane.txt"),
        ("Skipped", "export.zip//abs/path.txt"),
    ]
    assert {r.reason for r in results if isinstance(r, Skipped)} == {
        "unsafe path in archive (leaves the archive folder)"
    }


def test_ingest_page_cap() -> None:
    result = read_bytes(builders.pdf_one_column(pages=4), "long.pdf", Limits(max_pages=3))
    assert result == [Skipped("long.pdf", "too many pages (4 > 3)")]


def test_ingest_size_cap(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_bytes(b"word " * 300_000)
    result = score_folder(tmp_path, limits=Limits(max_bytes=1_000_000))
    assert result.skipped == (Skipped("big.txt", "file too large (1.4 MB > 0 MB)"),)


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name, make in GOOD.items():
        (folder / name).write_bytes(make())
    for name, (make, _) in BAD.items():
        (folder / name).write_bytes(make())
    resume = builders.text_resume().encode()
    (folder / "export.zip").write_bytes(builders.zip_of({"../escape.txt": resume}))
    (folder / "copy-of-one-column.pdf").write_bytes(builders.pdf_one_column())
    return folder


def test_ingest_every_fixture_in_one_run(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.xlsx"
    result = CliRunner().invoke(app, ["score", str(inbox), "--out", str(out)])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out, read_only=True)
    scored = {row[2] for row in wb["Ranking"].iter_rows(min_row=2, values_only=True)}
    errors = dict(wb["Errors"].iter_rows(min_row=2, values_only=True))
    wb.close()
    expected = {name: reason for name, (_, reason) in BAD.items()}
    expected["export.zip/../escape.txt"] = "unsafe path in archive (leaves the archive folder)"
    # The copy sorts first, so the original is reported as its duplicate.
    expected["one-column.pdf"] = "duplicate of copy-of-one-column.pdf: scored once"
    assert scored == set(GOOD) - {"one-column.pdf"} | {"copy-of-one-column.pdf"}
    assert errors == expected
    assert f"Scored {len(GOOD)}, skipped {len(expected)}" in result.output


def _slow_decode(data: bytes) -> str:
    if b"SLOW" in data:
        time.sleep(30)
    return data.decode("utf-8")


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(),
    reason="the patched reader reaches workers only when they are forked",
)
def test_ingest_a_file_that_hangs_is_stopped_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import screener.ingest

    monkeypatch.setattr(screener.ingest, "decode_text", _slow_decode)
    (tmp_path / "slow.txt").write_text("SLOW " + builders.text_resume(), encoding="utf-8")
    (tmp_path / "fine.txt").write_text(builders.text_resume(), encoding="utf-8")
    started = time.monotonic()
    result = score_folder(tmp_path, limits=Limits(timeout=2))
    assert time.monotonic() - started < 20
    assert [r.assessment.source for r in result.ranking] == ["fine.txt"]
    assert result.skipped == (Skipped("slow.txt", "took longer than 2 s to read: stopped"),)
