"""PDF text with pypdfium2 (fast), multi-column pages read column by column; pypdf as fallback."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from typing import Any

from screener.ingest.errors import ReadError
from screener.ingest.hidden import HIDDEN_CAP, HIDDEN_PAGES, Probe, Rect
from screener.ingest.limits import Limits

MIN_CHARS_PER_PAGE = 50  # fewer on average means no text layer: a scan, an image export
_ALIGN = 6.0  # points: left edges this close belong to one column


def read_pdf(data: bytes, limits: Limits) -> tuple[str, int]:
    """The text of a PDF and its page count; ReadError with a reason when it cannot be used."""
    text, pages, _ = _read(data, limits, hidden=False)
    return text, pages


def read_pdf_checked(data: bytes, limits: Limits) -> tuple[str, int, int]:
    """read_pdf plus hidden_chars in one pass over the pages: the text, the page count and
    the hidden characters on the first HIDDEN_PAGES pages (0 when pypdf had to read it)."""
    return _read(data, limits, hidden=True)


def _read(data: bytes, limits: Limits, *, hidden: bool) -> tuple[str, int, int]:
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)  # an empty user password is tried by pdfium itself
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReadError("encrypted PDF: needs a password") from None
        return (*_read_with_pypdf(data, limits), 0)
    probe = Probe()
    count = 0
    try:
        pages = len(doc)
        if pages > limits.max_pages:
            raise ReadError(f"too many pages ({pages} > {limits.max_pages})")
        texts = []
        for i in range(pages):
            try:
                page = doc[i]
            except pdfium.PdfiumError:
                raise ReadError(f"damaged PDF: page {i + 1} cannot be read") from None
            try:
                textpage = page.get_textpage()
                try:
                    # one pass over the page's objects: their boxes for the reading order,
                    # and on the first pages the characters a reader cannot see
                    budget = HIDDEN_CAP - count if hidden and i < HIDDEN_PAGES else 0
                    boxes, found = probe.walk(page.raw, textpage.raw, budget)
                    count += found
                    texts.append(page_text(page, textpage, boxes))
                finally:
                    textpage.close()
            finally:
                page.close()
    finally:
        doc.close()
    return _checked("\n\n".join(texts), pages), pages, count


def _tidy(text: str) -> str:
    """pdfium ends lines with a space and CR LF; the extracted text ends them with LF."""
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n"))


def _checked(text: str, pages: int) -> str:
    if len("".join(text.split())) < MIN_CHARS_PER_PAGE * max(pages, 1):
        raise ReadError("no text layer (scanned or image-only PDF): needs OCR or manual review")
    return text


def page_text(page: Any, textpage: Any, rects: Sequence[Rect]) -> str:
    """A page's text in reading order: column by column when the page has two columns.
    ``rects``: the boxes of its text objects (``Probe.walk``)."""
    width, height = page.get_width(), page.get_height()
    gutter = find_gutter(rects, width)
    sides = None if gutter is None else _column_texts(textpage, gutter, width, height)
    if gutter is None or sides is None:
        return _tidy(textpage.get_text_range())
    if not any(r[0] < gutter < r[2] for r in rects):
        return "\n".join(_tidy(side) for side in sides)  # no full-width line: as read
    return "\n".join(
        _tidy(textpage.get_text_bounded(*box)) for box in reading_boxes(rects, gutter, width)
    )


def find_gutter(rects: Sequence[Rect], width: float) -> float | None:
    """The x of a vertical gap that splits the page into two real columns, if there is one.

    Both sides must hold text whose left edges line up (a column), so right-aligned dates on a
    one-column page are not mistaken for a second column.
    """
    if len(rects) < 8 or max(r[0] for r in rects) < width * 0.3:
        return None  # too little text, or every line starts at the left: one column
    lefts = sorted(r[0] for r in rects)
    rights = sorted(r[2] for r in rects)
    best: tuple[int, float] | None = None
    for step in range(30, 71):
        x = width * step / 100
        # rects starting left of x minus those that also end by x: the ones crossing it
        crossing = bisect_left(lefts, x) - bisect_right(rights, x)
        if best is None or crossing < best[0]:
            best = (crossing, x)
    assert best is not None
    crossing, x = best
    left_side = [r for r in rects if r[2] <= x]
    right_side = [r for r in rects if r[0] >= x]
    if crossing > max(2, len(rects) // 10) or min(len(left_side), len(right_side)) < 4:
        return None
    if not (_aligned(left_side) and _aligned(right_side)):
        return None
    return x


_DATE_LINE = re.compile(r"\b(?:19|20)\d\d\b|\b(?:present|current|now)\b", re.IGNORECASE)


def _column_texts(
    textpage: Any, gutter: float, width: float, height: float
) -> tuple[str, str] | None:
    """The text left and right of the gutter, or None when these are not two columns: both
    sides must hold a real share of the text, and neither be a column of dates (titles on the
    left, right-aligned dates on the right, is one column)."""
    sides = (
        str(textpage.get_text_bounded(0, 0, gutter, height)),
        str(textpage.get_text_bounded(gutter, 0, width, height)),
    )
    sizes = [len("".join(side.split())) for side in sides]
    small = sides[sizes.index(min(sizes))]
    lines = [line for line in small.splitlines() if line.strip()]
    dated = sum(1 for line in lines if _DATE_LINE.search(line) and len(line.split()) <= 6)
    if min(sizes) >= 0.15 * sum(sizes) and dated < 0.5 * max(len(lines), 1):
        return sides
    return None


def _aligned(rects: Sequence[Rect]) -> bool:
    edges = Counter(round(r[0] / _ALIGN) for r in rects)
    common = edges.most_common(1)[0][1] + sum(
        edges.get(k, 0) for k in (edges.most_common(1)[0][0] - 1, edges.most_common(1)[0][0] + 1)
    )
    return common >= 0.5 * len(rects)


def reading_boxes(rects: Sequence[Rect], gutter: float, width: float) -> list[Rect]:
    """Boxes to read in order: full-width lines as they come, and between them the left
    column, then the right column."""
    top = max(r[3] for r in rects) + 1
    bottom = min(r[1] for r in rects) - 1
    spanning = sorted((r for r in rects if r[0] < gutter < r[2]), key=lambda r: -r[3])
    boxes: list[Rect] = []
    cursor = top
    for _, low, _, high in spanning:
        if high < cursor:
            boxes += [(0, high, gutter, cursor), (gutter, high, width, cursor)]
        boxes.append((0, low, width, max(high, low)))
        cursor = min(cursor, low)
    boxes += [(0, bottom, gutter, cursor), (gutter, bottom, width, cursor)]
    return [b for b in boxes if b[3] > b[1]]


def _read_with_pypdf(data: bytes, limits: Limits) -> tuple[str, int]:
    """pypdf reads some damaged files pdfium refuses; its text has no column handling."""
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # it warns about every repair
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("encrypted PDF: needs a password")
        pages = len(reader.pages)
        if pages > limits.max_pages:
            raise ReadError(f"too many pages ({pages} > {limits.max_pages})")
        text = "\n\n".join(page.extract_text() or "" for page in reader.pages)
    except ReadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise ReadError(f"damaged PDF that cannot be read ({type(exc).__name__})") from None
    return _checked(text, pages), pages


# Hidden text: characters a reader of the page cannot see but text extraction reads, the
# classic way to slip keywords or instructions for an automated screener into a resume.
