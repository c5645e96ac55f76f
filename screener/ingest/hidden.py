"""Text in a PDF that a reader cannot see: white or transparent characters, type under two
points, invisible render mode. Counted from pdfium's page objects, in the same pass that
reads the page's text (``screener.ingest.pdf``), or on its own with ``hidden_chars``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Rect = tuple[float, float, float, float]  # left, bottom, right, top (PDF points, y upwards)
Matrix = tuple[float, float, float, float, float, float]  # a b c d e f, as PDF writes them

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
        probe = Probe()
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


class Probe:
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
        return self.walk(page, None, budget)[1]

    def walk(self, page: Any, textpage: Any, budget: int) -> tuple[list[Rect], int]:
        """The bounds of the page's text objects (in page space, for reading columns in
        order) and, when ``budget`` is above 0, its hidden characters, counting at most
        ``budget``: one pass over the page's objects serves both. ``textpage`` (an
        FPDF_TEXTPAGE, or None to load one if needed) counts the hidden characters."""
        c = self.c
        boxes: list[Rect] = []
        suspects: list[tuple[Any, bool]] = []  # (text object, hidden by render mode)
        beneath: list[tuple[Any, Matrix | None]] = []  # shapes and images painted so far
        texts, images = 0, False
        text_kind, form_kind = c.FPDF_PAGEOBJ_TEXT, c.FPDF_PAGEOBJ_FORM
        get_object, get_type = c.FPDFPage_GetObject, c.FPDFPageObj_GetType
        for i in range(c.FPDFPage_CountObjects(page)):
            top = get_object(page, i)
            kind = get_type(top)
            if kind == text_kind and budget <= 0:  # most objects of most pages: a box only
                boxes.append(self._bounds(top, None))
                continue
            flat = self._inside(top) if kind == form_kind else ((top, kind, None),)
            for obj, kind, around in flat:
                if kind != text_kind:
                    if budget > 0:
                        images = images or kind != c.FPDF_PAGEOBJ_PATH
                        beneath.append((obj, around))
                    continue
                box = self._bounds(obj, around)
                boxes.append(box)
                if budget <= 0:
                    continue
                texts += 1
                why = self._hidden(obj, around, box)
                if why == "light" and self._on_dark(box, beneath):
                    continue  # white on a dark box or a picture: a designed heading, readable
                if why is not None:
                    suspects.append((obj, why == "mode"))
        if images and sum(by_mode for _, by_mode in suspects) >= 0.8 * texts:
            # nearly all text invisible over an image: the OCR layer of a scan, not hiding
            suspects = [(obj, by_mode) for obj, by_mode in suspects if not by_mode]
        if not suspects:
            return boxes, 0
        loaded = textpage is None
        if loaded:
            textpage = c.FPDFText_LoadPage(page)
            if not textpage:
                return boxes, 0
        try:
            total = 0
            for obj, _ in suspects:
                total += self._chars(obj, textpage)
                if total >= budget:
                    return boxes, budget
            return boxes, total
        finally:
            if loaded:
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

    def _hidden(self, obj: Any, around: Matrix | None, box: Rect) -> str | None:
        """Why a text object cannot be seen ("mode", "tiny", "clear", "light"), or None;
        ``box``: its bounds on the page."""
        c = self.c
        mode = c.FPDFTextObj_GetTextRenderMode(obj)
        if mode in self.invisible_modes:
            return "mode"
        # type under 2 points makes a box under 4 points one way: only such boxes are read
        # closely, so most objects cost no calls for their size
        if min(box[2] - box[0], box[3] - box[1]) < 2 * _TINY:
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
        box = self.box
        left, bottom, right, top = box[0].value, box[1].value, box[2].value, box[3].value
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
