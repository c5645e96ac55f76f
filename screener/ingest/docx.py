"""DOCX with python-docx: body paragraphs and tables in order, text boxes, headers, footers."""

from __future__ import annotations

import io
from typing import Any

from screener.ingest.archive import open_zip
from screener.ingest.errors import ReadError
from screener.ingest.limits import Limits

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes, limits: Limits) -> str:
    """The text of a DOCX: header, body (tables row by row, text boxes in place), footer."""
    open_zip(data, limits, what="DOCX").close()  # size and bomb checks before python-docx
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise ReadError(f"damaged DOCX ({type(exc).__name__})") from None
    except Exception as exc:  # lxml raises its own XMLSyntaxError for broken parts
        raise ReadError(f"damaged DOCX ({type(exc).__name__})") from None
    parts: list[str] = []
    seen: set[int] = set()
    for section in document.sections:
        for header in (section.first_page_header, section.header):
            _add_part(header, parts, seen)
    parts.append(_block_text(document.element.body))
    for section in document.sections:
        for footer in (section.footer, section.first_page_footer):
            _add_part(footer, parts, seen)
    return "\n".join(p for p in parts if p.strip())


def _add_part(part: Any, parts: list[str], seen: set[int]) -> None:
    """Headers and footers linked to the previous section are the same XML: read it once."""
    try:
        element = part._element  # python-docx exposes no public handle on the XML
    except Exception:  # a missing header part
        return
    if element is None or id(element) in seen:
        return
    seen.add(id(element))
    parts.append(_block_text(element))


def _block_text(element: Any) -> str:
    """Paragraphs and tables under ``element``, in document order."""
    lines: list[str] = []
    for child in element.iterchildren():
        if child.tag == f"{_W}p":
            lines.append(_paragraph_text(child))
            for box in child.iter(f"{_W}txbxContent"):
                if not _in_fallback(box, child):
                    lines.append(_block_text(box))
        elif child.tag == f"{_W}tbl":
            for row in child.iter(f"{_W}tr"):
                cells = [
                    _block_text(cell).replace("\n", " ").strip()
                    for cell in row.iterchildren(f"{_W}tc")
                ]
                lines.append(" | ".join(c for c in cells if c))
        elif child.tag == f"{_W}sdt":  # content controls wrap ordinary paragraphs
            for content in child.iterchildren(f"{_W}sdtContent"):
                lines.append(_block_text(content))
    return "\n".join(lines)


def _paragraph_text(p: Any) -> str:
    """A paragraph's text with tabs and line breaks, text boxes left to the caller."""
    out: list[str] = []
    for node in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}txbxContent"):
        if node.tag == f"{_W}txbxContent":
            continue
        if _inside_textbox(node, p):
            continue
        if node.tag == f"{_W}t":
            out.append(node.text or "")
        elif node.tag == f"{_W}tab":
            out.append("\t")
        else:
            out.append("\n")
    return "".join(out)


_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _in_fallback(node: Any, stop: Any) -> bool:
    """Word stores each text box twice (DrawingML and a VML fallback): read only the first."""
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == _FALLBACK:
            return True
        parent = parent.getparent()
    return False


def _inside_textbox(node: Any, paragraph: Any) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag == f"{_W}txbxContent":
            return True
        parent = parent.getparent()
    return False
