"""HTML, RTF and ODT: the formats whose text sits inside markup."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from xml.etree import ElementTree

from screener.ingest.archive import open_zip, read_member
from screener.ingest.errors import ReadError
from screener.ingest.limits import Limits

_BLOCKS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tr",
    "ul",
}
_SKIPPED = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.out.append("\n")
        elif tag in {"td", "th"}:
            self.out.append(" | ")
        if tag == "li":
            self.out.append("\u2022 ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(data)


def html_to_text(html: str) -> str:
    """Visible text of an HTML page; scripts, styles and the head are dropped."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    text = "".join(parser.out)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def rtf_to_text(rtf: str) -> str:
    """Plain text of an RTF document."""
    from striprtf.striprtf import rtf_to_text as strip

    try:
        return str(strip(rtf, errors="ignore"))  # type: ignore[no-untyped-call]
    except (ValueError, IndexError, RecursionError) as exc:
        raise ReadError(f"damaged RTF ({type(exc).__name__})") from None


_ODF_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def read_odt(data: bytes, limits: Limits) -> str:
    """Text of an OpenDocument text file: paragraphs and headings in order."""
    with open_zip(data, limits, what="ODT") as zf:
        try:
            content = read_member(zf, zf.getinfo("content.xml"), limits)
        except KeyError:
            raise ReadError("damaged ODT: no content.xml") from None
    if b"<!DOCTYPE" in content[:2048] or b"<!ENTITY" in content:
        raise ReadError("ODT with entity declarations refused (possible XML bomb)")
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError as exc:
        raise ReadError(f"damaged ODT: {exc}") from None
    blocks = {f"{_ODF_TEXT}p", f"{_ODF_TEXT}h"}
    return "\n".join(_odf_text(node) for node in root.iter() if node.tag in blocks)


def _odf_text(node: ElementTree.Element) -> str:
    parts = [node.text or ""]
    for child in node:
        tag = child.tag.removeprefix(_ODF_TEXT)
        if tag == "s":
            parts.append(" " * int(child.get(f"{_ODF_TEXT}c", "1")))
        elif tag == "tab":
            parts.append("\t")
        elif tag == "line-break":
            parts.append("\n")
        elif tag not in {"p", "h"}:  # nested paragraphs are visited on their own
            parts.append(_odf_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
