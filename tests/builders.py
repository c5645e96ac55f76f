"""Real resume files made by the tests: PDFs (fpdf2), DOCX (python-docx), ODT, RTF, HTML, ZIP.

Every builder returns bytes, so a test writes the file wherever it needs it.
"""

from __future__ import annotations

import io
import zipfile

from fpdf import FPDF

EXPERIENCE = [
    "EXPERIENCE",
    "MLOps Engineer, Northwind Analytics, Jan 2019 - Present",
    "- Built Kubeflow pipelines and deployed models on Amazon EKS with Docker.",
    "- Tracked experiments in MLflow and monitored drift with Prometheus alerts.",
    "Software Engineer, Contoso, 2015 - 2018",
    "- Wrote Python services and Terraform modules for AWS infrastructure.",
]
SKILLS = [
    "SKILLS",
    "Python, Kubernetes, Terraform",
    "Grafana, Airflow, dbt",
    "EDUCATION",
    "BSc Computer Science, 2014",
]


def pdf_one_column(*, pages: int = 1, password: str | None = None) -> bytes:
    """A plain one-column resume; ``password`` encrypts it."""
    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    for page in range(pages):
        pdf.add_page()
        y = 20.0
        lines = ["Jane Doe", "jane.doe@example.com | +1 202-555-0134", *EXPERIENCE, *SKILLS]
        for line in lines if page == 0 else EXPERIENCE * 3:
            pdf.text(15, y, line)
            y += 7
    if password is not None:
        pdf.set_encryption(owner_password="owner-" + password, user_password=password)
    return bytes(pdf.output())


def pdf_two_columns() -> bytes:
    """A header across the page, experience on the left, skills on the right."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=8)
    pdf.text(15, 15, "Jane Doe - MLOps Engineer - jane.doe@example.com - Seattle, WA, USA")
    left = EXPERIENCE
    right = SKILLS
    for i in range(max(len(left), len(right))):
        if i < len(left):
            pdf.text(15, 30 + 6 * i, left[i])
        if i < len(right):
            pdf.text(135, 30 + 6 * i, right[i])
    return bytes(pdf.output())


def pdf_without_text() -> bytes:
    """What a scanner produces, as far as text goes: a page of shapes and no text layer."""
    pdf = FPDF()
    pdf.add_page()
    for i in range(30):
        pdf.rect(15, 20 + 8 * i, 120 + (i % 5) * 10, 4, style="F")
    return bytes(pdf.output())


def docx_with_table_and_header() -> bytes:
    """A DOCX whose skills sit in a table and whose name sits in the page header."""
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Jane Doe - jane.doe@example.com"
    for line in EXPERIENCE:
        document.add_paragraph(line)
    document.add_paragraph("SKILLS")
    table = document.add_table(rows=2, cols=2)
    for cell, text in zip(
        [c for row in table.rows for c in row.cells],
        ["Languages", "Python, Go", "Platforms", "Kubernetes, Docker"],
        strict=True,
    ):
        cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_zip_bomb() -> bytes:
    """A DOCX whose document part inflates from a few kilobytes to hundreds of megabytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(300):
                fh.write(chunk)
    return buffer.getvalue()


def odt(lines: list[str]) -> bytes:
    """A minimal OpenDocument text file."""
    ns = (
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    )
    body = "".join(f"<text:p>{line}</text:p>" for line in lines)
    content = (
        f'<?xml version="1.0"?><office:document-content {ns}><office:body><office:text>'
        f"{body}</office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", content)
    return buffer.getvalue()


def rtf(lines: list[str]) -> bytes:
    """A minimal RTF document."""
    body = "\\par\n".join(lines)
    return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Helvetica;}}\\f0\\fs20 " + body + "}").encode()


def html(lines: list[str]) -> bytes:
    """An HTML resume with a script and a style that must not be read."""
    items = "".join(f"<p>{line}</p>" for line in lines)
    return (
        f"<!DOCTYPE html><html><head><title>CV</title><style>p{{color:red}}</style>"
        f"<script>var skills = 'Haskell Erlang';</script></head><body>{items}</body></html>"
    ).encode()


def zip_of(members: dict[str, bytes]) -> bytes:
    """A ZIP archive with the given members, names taken as they are (even hostile ones)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name), data)
    return buffer.getvalue()


def text_resume() -> str:
    """A plain-text resume with every line of the shared content."""
    return "\n".join(["Jane Doe", "jane.doe@example.com", *EXPERIENCE, *SKILLS]) + "\n"
