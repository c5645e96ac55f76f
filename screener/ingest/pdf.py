"""PDF text with pypdfium2 (fast), multi-column pages read column by column; pypdf as fallback."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from typing import Any

from screener.ingest.errors import ReadError
from screener.ingest.limits import Limits

Rect = tuple[float, float, float, float]  # left, bottom, right, top (PDF points, y upwards)
Matrix = tuple[float, float, float, float, float, float]  # a b c d e f, as PDF writes them
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
    probe = _Probe() if hidden else None
    count = 0
    try:
        pages = len(doc)
        if pages > limits.max_pages:
            raise ReadError(f"too many pages ({pages} > {limits.max_pages})")
        texts = []
        for i in range(pages):
            page = doc[i]
            try:
                texts.append(page_text(page))
                if probe is not None and i < HIDDEN_PAGES and count < HIDDEN_CAP:
                    count += probe.page(page.raw, HIDDEN_CAP - count)
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


def page_text(page: Any) -> str:
    """A page's text in reading order: column by column when the page has two columns."""
    textpage = page.get_textpage()
    try:
        rects = _rects(textpage)
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
    finally:
        textpage.close()


def _rects(textpage: Any) -> list[Rect]:
    """The boxes of the page's text runs.

    Through pdfium's C call with four reused doubles: the helper's get_rect() allocates them
    for every box, and a page has dozens of boxes.
    """
    import ctypes

    import pypdfium2.raw as pdfium_c

    values = [ctypes.c_double() for _ in range(4)]
    refs = [ctypes.byref(v) for v in values]
    left, bottom, right, top = values
    get_rect = pdfium_c.FPDFText_GetRect
    raw = textpage.raw
    rects = []
    for i in range(pdfium_c.FPDFText_CountRects(raw, 0, -1)):
        if get_rect(raw, i, *refs):
            rects.append((left.value, bottom.value, right.value, top.value))
    return rects


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
HIDDEN_TEXT = "hidden text"  # every hidden-text warning starts with this
HIDDEN_MIN_CHARS = 10  # fewer is layout debris (a white bullet, a padding dot), not a message
HIDDEN_CAP = 200  # stop counting here: enough to know, and bounded work on hostile files
HIDDEN_PAGES = 10  # pages checked
_LIGHT = 245  # a colour with every channel at least this is white to the eye on paper
_FAINT = 10  # an alpha at most this is transparent
_TINY = 2.0  # points: text smaller than this cannot be read
_MAX_DEPTH = 8  # nesting of form XObjects followed
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def hidden_text_warning(count: int) -> str | None:
    """The Document warning for ``count`` hidden characters, or None when too few matter."""
    if count < HIDDEN_MIN_CHARS:
        return None
    shown = f"{count}+" if count >= HIDDEN_CAP else str(count)
    return f"{HIDDEN_TEXT}: {shown} characters a reader cannot see (white, tiny or invisible)"


def hidden_chars(data: bytes, max_pages: int = HIDDEN_PAGES) -> int:
    """How many non-whitespace characters on the first pages a reader cannot see: drawn in
    white or near-white (every channel >= 245) over no dark shape or picture, transparent,
    under 2 points high, or in the invisible text render mode. Counting stops at HIDDEN_CAP.

    Cheap by design: each page's text objects are inspected first (a few dozen C calls), and
    only a page holding a suspicious one loads a text page to count its characters. A page
    whose text is mostly invisible over an image is an OCR layer on a scan, not hiding, and is
    not counted. A file pdfium cannot open counts 0 (read_pdf reports why it is unusable).

    Misses: text covered by a shape drawn over it, text placed off the page, text in a colour
    close to a coloured background, and text inside images.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return 0
    try:
        probe = _Probe()
        total = 0
        for index in range(min(len(doc), max_pages)):
            page = pdfium_c.FPDF_LoadPage(doc.raw, index)
            if not page:
                continue
            try:
                total += probe.page(page, HIDDEN_CAP - total)
            finally:
                pdfium_c.FPDF_ClosePage(page)
            if total >= HIDDEN_CAP:
                return HIDDEN_CAP
        return total
    finally:
        doc.close()


class _Probe:
    """pdfium calls for hidden_chars, with the ctypes out-parameters made once and reused:
    a page's objects are walked in painting order with a handful of C calls per text object."""

    def __init__(self) -> None:
        import ctypes

        import pypdfium2.raw as pdfium_c

        self.c = pdfium_c
        self.rgba = [ctypes.c_uint() for _ in range(4)]
        self.rgba_refs = [ctypes.byref(v) for v in self.rgba]
        self.box = [ctypes.c_float() for _ in range(4)]
        self.box_refs = [ctypes.byref(v) for v in self.box]
        self.size = ctypes.c_float()
        self.size_ref = ctypes.byref(self.size)
        self.matrix = pdfium_c.FS_MATRIX()
        self.matrix_ref = ctypes.byref(self.matrix)
        self.fill, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.visible_modes = {
            pdfium_c.FPDF_TEXTRENDERMODE_FILL,
            pdfium_c.FPDF_TEXTRENDERMODE_FILL_CLIP,
        }
        self.invisible_modes = {
            pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE,
            pdfium_c.FPDF_TEXTRENDERMODE_CLIP,
        }

    def page(self, page: Any, budget: int) -> int:
        """Hidden characters on one loaded page (an FPDF_PAGE), counting at most ``budget``."""
        c = self.c
        suspects: list[tuple[Any, bool]] = []  # (text object, hidden by render mode)
        beneath: list[tuple[Any, Matrix | None]] = []  # shapes and images painted so far
        texts, images = 0, False
        for i in range(c.FPDFPage_CountObjects(page)):
            top = c.FPDFPage_GetObject(page, i)
            kind = c.FPDFPageObj_GetType(top)
            flat = self._inside(top) if kind == c.FPDF_PAGEOBJ_FORM else ((top, kind, None),)
            for obj, kind, around in flat:
                if kind != c.FPDF_PAGEOBJ_TEXT:
                    images = images or kind != c.FPDF_PAGEOBJ_PATH
                    beneath.append((obj, around))
                    continue
                texts += 1
                why = self._hidden(obj, around)
                if why == "light" and self._on_dark(self._bounds(obj, around), beneath):
                    continue  # white on a dark box or a picture: a designed heading, readable
                if why is not None:
                    suspects.append((obj, why == "mode"))
        if images and sum(by_mode for _, by_mode in suspects) >= 0.8 * texts:
            # nearly all text invisible over an image: the OCR layer of a scan, not hiding
            suspects = [(obj, by_mode) for obj, by_mode in suspects if not by_mode]
        if not suspects:
            return 0
        textpage = c.FPDFText_LoadPage(page)
        if not textpage:
            return 0
        try:
            total = 0
            for obj, _ in suspects:
                total += self._chars(obj, textpage)
                if total >= budget:
                    return budget
            return total
        finally:
            c.FPDFText_ClosePage(textpage)

    def _inside(
        self, form: Any, around: Matrix | None = None, depth: int = 0
    ) -> list[tuple[Any, int, Matrix | None]]:
        """What a form XObject holds in painting order, nested forms opened, each object with
        its type and the matrix from its form's space to the page."""
        c = self.c
        out: list[tuple[Any, int, Matrix | None]] = []
        if depth >= _MAX_DEPTH:
            return out
        inner = _compose(self._matrix(form), around)
        for j in range(c.FPDFFormObj_CountObjects(form)):
            child = c.FPDFFormObj_GetObject(form, j)
            kind = c.FPDFPageObj_GetType(child)
            if kind == c.FPDF_PAGEOBJ_FORM:
                out += self._inside(child, inner, depth + 1)
            else:
                out.append((child, kind, inner))
        return out

    def _hidden(self, obj: Any, around: Matrix | None) -> str | None:
        """Why a text object cannot be seen ("mode", "tiny", "clear", "light"), or None."""
        c = self.c
        mode = c.FPDFTextObj_GetTextRenderMode(obj)
        if mode in self.invisible_modes:
            return "mode"
        size = self.size.value if c.FPDFTextObj_GetFontSize(obj, self.size_ref) else _TINY
        a, b, cc, d, _, _ = _compose(self._matrix(obj), around)
        if size * min((a * a + b * b) ** 0.5, (cc * cc + d * d) ** 0.5) < _TINY:
            return "tiny"
        if mode in self.visible_modes:  # filled only: the fill colour is what shows
            return self._colour(c.FPDFPageObj_GetFillColor(obj, *self.rgba_refs))
        # stroked, perhaps filled too: hidden only when every colour used is
        stroke = self._colour(c.FPDFPageObj_GetStrokeColor(obj, *self.rgba_refs))
        if stroke is None or mode in (
            c.FPDF_TEXTRENDERMODE_STROKE,
            c.FPDF_TEXTRENDERMODE_STROKE_CLIP,
        ):
            return stroke
        fill = self._colour(c.FPDFPageObj_GetFillColor(obj, *self.rgba_refs))
        return None if fill is None else max(stroke, fill)  # "light" wins: it may show

    def _colour(self, ok: int) -> str | None:
        """The colour just read: "clear" (transparent), "light" (near-white) or None (a colour
        that shows on paper, or unknown)."""
        r, g, b, a = self.rgba
        if not ok:
            return None
        if a.value <= _FAINT:
            return "clear"
        return "light" if min(r.value, g.value, b.value) >= _LIGHT else None

    def _on_dark(self, box: Rect, beneath: Sequence[tuple[Any, Matrix | None]]) -> bool:
        """Whether the centre of ``box`` lies on an image or on a shape filled dark enough for
        white text to show."""
        c = self.c
        x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        for obj, around in beneath:
            left, bottom, right, top = self._bounds(obj, around)
            if not (left <= x <= right and bottom <= y <= top):
                continue
            if c.FPDFPageObj_GetType(obj) != c.FPDF_PAGEOBJ_PATH:
                return True  # an image or a shading: it may well show white text
            filled = c.FPDFPath_GetDrawMode(obj, self.fill, self.stroke) and self.fill.value
            if filled and self._colour(c.FPDFPageObj_GetFillColor(obj, *self.rgba_refs)) is None:
                return True
        return False

    def _matrix(self, obj: Any) -> Matrix:
        m = self.matrix
        if not self.c.FPDFPageObj_GetMatrix(obj, self.matrix_ref):
            return _IDENTITY
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def _bounds(self, obj: Any, around: Matrix | None) -> Rect:
        """An object's bounds on the page (``around`` maps its form's space to the page)."""
        if not self.c.FPDFPageObj_GetBounds(obj, *self.box_refs):
            return (0.0, 0.0, 0.0, 0.0)
        left, bottom, right, top = (v.value for v in self.box)
        if around is None:
            return (left, bottom, right, top)
        a, b, c, d, e, f = around
        xs, ys = zip(
            *((a * x + c * y + e, b * x + d * y + f) for x in (left, right) for y in (bottom, top)),
            strict=True,
        )
        return (min(xs), min(ys), max(xs), max(ys))

    def _chars(self, obj: Any, textpage: Any) -> int:
        """The non-whitespace characters of a text object."""
        import ctypes

        size = self.c.FPDFTextObj_GetText(obj, textpage, None, 0)
        if size <= 2:
            return 0
        buffer = ctypes.create_string_buffer(size)
        written = self.c.FPDFTextObj_GetText(
            obj, textpage, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), size
        )
        text = buffer.raw[: max(0, written - 2)].decode("utf-16-le", errors="replace")
        return len("".join(text.split()))


def _compose(inner: Matrix, outer: Matrix | None) -> Matrix:
    """``inner`` then ``outer``: the matrix from an object's own space to the page's."""
    if outer is None:
        return inner
    a, b, c, d, e, f = inner
    oa, ob, oc, od, oe, of = outer
    return (
        a * oa + b * oc,
        a * ob + b * od,
        c * oa + d * oc,
        c * ob + d * od,
        e * oa + f * oc + oe,
        e * ob + f * od + of,
    )
