"""Word (python-docx) and OpenDocument resumes, zipped with fixed timestamps.

Both formats are ZIP packages. python-docx stamps every member with the current time and
the document properties with the current date, so each package is rewritten with one fixed
date in both places: the same source gives the same bytes on every run.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

import docx
from docx.shared import Cm, Pt
from source import Block, Resume, plain, spans


def fixed_zip(data: bytes, when: datetime) -> bytes:
    """``data`` (a ZIP) rewritten with every member dated ``when``, in the same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(_member(item.filename, when, item.compress_type), src.read(item))
    return out.getvalue()


def _member(name: str, when: datetime, compress_type: int) -> zipfile.ZipInfo:
    """A ZIP member header that depends on nothing but its arguments."""
    info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
    info.compress_type = compress_type
    info.create_system = 3  # Unix, whatever machine runs the generator
    info.external_attr = 0o644 << 16
    return info


# ---- DOCX -------------------------------------------------------------------------------------


def render_docx(resume: Resume, *, created: datetime, title: str, header: bool = False) -> bytes:
    """The resume as a Word document; ``header`` puts the name and contact lines in the page
    header, where many templates keep them."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    for section in document.sections:
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(1.8)
    if header:
        _docx_running_head(document.sections[0].header, resume.top)
    for block in resume.blocks if not header else resume.body:
        _docx_block(document, block)
    properties = document.core_properties
    properties.author = properties.last_modified_by = resume.name
    properties.title = title
    properties.subject = properties.keywords = properties.comments = ""
    properties.created = properties.modified = properties.last_printed = created
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return fixed_zip(buffer.getvalue(), created)


def _docx_running_head(page_header: Any, top: tuple[Block, ...]) -> None:
    """The name in bold, then each contact line, in the page header."""
    lines = [b for b in top if b.kind != "blank"]
    # A new header already holds one empty paragraph: fill it, then add the others.
    paragraphs = [page_header.paragraphs[0], *(page_header.add_paragraph() for _ in lines[1:])]
    for paragraph, block in zip(paragraphs, lines, strict=True):
        run = paragraph.add_run(plain(block.text))
        run.bold = block.kind == "name"
        run.font.size = Pt(14 if block.kind == "name" else 9)


def _docx_block(document: Any, block: Block) -> None:
    """Add one block as Word would hold it: headings, list bullets, tables, runs."""
    if block.kind == "name":
        run = document.add_paragraph().add_run(plain(block.text))
        run.bold = True
        run.font.size = Pt(20)
    elif block.kind == "heading":
        document.add_heading(plain(block.text), level=1)
    elif block.kind == "role":
        run = document.add_paragraph().add_run(plain(block.text))
        run.bold = True
    elif block.kind == "bullet":
        _docx_runs(document.add_paragraph(style="List Bullet"), block.text)
    elif block.kind == "line":
        _docx_runs(document.add_paragraph(), block.text)
    elif block.kind == "table":
        _docx_table(document, block)
    # a blank line is paragraph spacing, which the styles already give


def _docx_runs(paragraph: Any, text: str) -> None:
    for part, bold in spans(text):
        paragraph.add_run(part).bold = bold or None


def _docx_table(document: Any, block: Block) -> None:
    """A bordered table; the label column (or the heading row) in bold."""
    columns = max(len(row) for row in block.rows)
    table = document.add_table(rows=len(block.rows), cols=columns)
    table.style = "Table Grid"
    for r, row in enumerate(block.rows):
        for c, text in enumerate(row):
            paragraph = table.cell(r, c).paragraphs[0]
            run = paragraph.add_run(plain(text))
            run.bold = (r == 0) if block.heading_row else (c == 0)


# ---- ODT --------------------------------------------------------------------------------------

_NS = " ".join(
    f'xmlns:{prefix}="{uri}"'
    for prefix, uri in {
        "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
        "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
        "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
        "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
        "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
        "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
        "dc": "http://purl.org/dc/elements/1.1/",
    }.items()
)
_ODT_STYLES = (
    '<style:style style:name="Name" style:family="paragraph">'
    '<style:text-properties fo:font-size="18pt" fo:font-weight="bold"/></style:style>'
    '<style:style style:name="Heading" style:family="paragraph">'
    '<style:paragraph-properties fo:margin-top="0.18in" fo:margin-bottom="0.05in"/>'
    '<style:text-properties fo:font-size="13pt" fo:font-weight="bold" fo:color="#1f3864"/>'
    "</style:style>"
    '<style:style style:name="Role" style:family="paragraph">'
    '<style:paragraph-properties fo:margin-top="0.08in"/>'
    '<style:text-properties fo:font-weight="bold"/></style:style>'
    '<style:style style:name="Strong" style:family="text">'
    '<style:text-properties fo:font-weight="bold"/></style:style>'
    '<text:list-style style:name="Bullets"><text:list-level-style-bullet text:level="1" '
    'text:bullet-char="\u2022"><style:list-level-properties text:space-before="0.15in" '
    'text:min-label-width="0.2in"/></text:list-level-style-bullet></text:list-style>'
)
_SPACES = re.compile(r" {2,}")


def render_odt(resume: Resume, *, created: datetime, title: str) -> bytes:
    """The resume as an OpenDocument text file (what LibreOffice and Google Docs export)."""
    body = "".join(_odt_block(block, i) for i, block in enumerate(resume.blocks))
    # One list per run of bullets, not one list per bullet.
    body = body.replace('</text:list><text:list text:style-name="Bullets">', "")
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NS} '
        f'office:version="1.2"><office:automatic-styles>{_ODT_STYLES}</office:automatic-styles>'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    stamp = created.strftime("%Y-%m-%dT%H:%M:%S")
    meta = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {_NS} office:version="1.2">'
        f"<office:meta><meta:generator>screener sample_resumes generator</meta:generator>"
        f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(resume.name)}</dc:creator>"
        f"<meta:creation-date>{stamp}</meta:creation-date><dc:date>{stamp}</dc:date>"
        f"</office:meta></office:document-meta>"
    )
    parts = {"content.xml": content, "meta.xml": meta}
    manifest = "".join(
        f'<manifest:file-entry manifest:full-path="{name}" manifest:media-type="text/xml"/>'
        for name in parts
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        f"{manifest}</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as odt:
        # The mimetype must come first and uncompressed: readers identify the file by it.
        mimetype = _member("mimetype", created, zipfile.ZIP_STORED)
        odt.writestr(mimetype, "application/vnd.oasis.opendocument.text")
        for name, xml in [*parts.items(), ("META-INF/manifest.xml", manifest)]:
            odt.writestr(_member(name, created, zipfile.ZIP_DEFLATED), xml)
    return out.getvalue()


def _odt_block(block: Block, index: int) -> str:
    """One block as ODF XML."""
    if block.kind == "name":
        return f'<text:p text:style-name="Name">{_odt_text(block.text)}</text:p>'
    if block.kind == "heading":
        return (
            f'<text:h text:style-name="Heading" text:outline-level="1">'
            f"{_odt_text(block.text)}</text:h>"
        )
    if block.kind == "role":
        return f'<text:p text:style-name="Role">{_odt_text(block.text)}</text:p>'
    if block.kind == "bullet":
        return (
            f'<text:list text:style-name="Bullets"><text:list-item><text:p>'
            f"{_odt_text(block.text)}</text:p></text:list-item></text:list>"
        )
    if block.kind == "table":
        columns = max(len(row) for row in block.rows)
        rows = "".join(
            "<table:table-row>"
            + "".join(
                f'<table:table-cell office:value-type="string"><text:p>{_odt_text(cell)}'
                "</text:p></table:table-cell>"
                for cell in row
            )
            + "</table:table-row>"
            for row in block.rows
        )
        return (
            f'<table:table table:name="Table{index}"><table:table-column '
            f'table:number-columns-repeated="{columns}"/>{rows}</table:table>'
        )
    return f"<text:p>{_odt_text(block.text)}</text:p>"


def _odt_text(text: str) -> str:
    """Escaped text with bold spans; runs of spaces kept, as ODF would otherwise merge them."""
    out = []
    for part, bold in spans(text):
        xml = _SPACES.sub(lambda m: f' <text:s text:c="{len(m.group()) - 1}"/>', escape(part))
        out.append(f'<text:span text:style-name="Strong">{xml}</text:span>' if bold else xml)
    return "".join(out)
