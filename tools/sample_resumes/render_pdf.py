"""PDF resumes with fpdf2: one or two columns, a skills table, a page header, a password, a scan.

Only the PDF core fonts are used (nothing to ship or download), so text is folded to Latin-1
first: typographic dashes and quotes become ASCII and letters outside Latin-1 lose their accents.
Bullets are drawn, not typed, as a word processor's list bullets are.
"""

from __future__ import annotations

import io
import random
import re
import unicodedata
from datetime import datetime

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from source import Block, Resume, plain, sections

MARGIN = 16.0  # mm, every side
SIDEBAR_X = 142.0  # mm from the left edge, where the two-column sidebar starts
GUTTER = 8.0  # mm between the main column and the sidebar
# Sections the two-column layout moves to the sidebar; everything else stays in the main column.
SIDEBAR = re.compile(
    r"skill|competenc|toolbox|education|certif|language|award|interest", re.IGNORECASE
)
CREATOR = "screener sample_resumes generator"

_FOLD = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2022": "-",
        "\u2026": "...",
        "\u2192": "->",
        "\u2264": "<=",
        "\u2265": ">=",
        "\u2009": " ",
        "\u202f": " ",
        "\u0131": "i",
        "\u0130": "I",
        "\u0142": "l",
        "\u0141": "L",
        "\u0111": "d",
        "\u0110": "D",
    }
)


def latin1(text: str) -> str:
    """``text`` in the characters the core fonts can draw; raise on one it cannot fold."""
    folded = text.translate(_FOLD)
    out = []
    for char in folded:
        if ord(char) > 0xFF:
            char = "".join(c for c in unicodedata.normalize("NFKD", char) if ord(c) <= 0xFF)
            if not char:
                raise ValueError(f"no Latin-1 form for {text!r}: add it to the fold table")
        out.append(char)
    return "".join(out)


class _Pdf(FPDF):
    """An A4 page whose header repeats the resume's name and contact lines, when given them."""

    def __init__(self, font: str, running_head: tuple[Block, ...]) -> None:
        super().__init__(format="A4")
        self.font_name = font
        self.running_head = running_head
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN)

    def header(self) -> None:
        """Draw the running head across the full page width, whatever column is current."""
        if not self.running_head:
            return
        margins = self.l_margin, self.r_margin
        self.set_left_margin(MARGIN)
        self.set_right_margin(MARGIN)
        self.set_xy(MARGIN, 9)
        for block in self.running_head:
            if block.kind == "blank":
                continue
            bold = block.kind == "name"
            self.set_font(self.font_name, "B" if bold else "", 11 if bold else 8.5)
            self.multi_cell(0, 4.6, latin1(plain(block.text)), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(150, 150, 150)
        self.line(MARGIN, self.get_y() + 1, self.w - MARGIN, self.get_y() + 1)
        self.set_y(self.get_y() + 5)
        self.set_left_margin(margins[0])
        self.set_right_margin(margins[1])


class _Writer:
    """Draws blocks at the current position, within the current margins."""

    def __init__(self, pdf: _Pdf) -> None:
        self.pdf = pdf

    def blocks(self, blocks: tuple[Block, ...]) -> None:
        for block in blocks:
            self.block(block)

    def block(self, block: Block) -> None:
        pdf = self.pdf
        pdf.set_text_color(20, 20, 20)
        if block.kind == "name":
            self.text(block.text, size=18, style="B", height=8.5)
        elif block.kind == "heading":
            pdf.ln(2.5)
            pdf.set_text_color(31, 56, 100)
            self.text(block.text, size=11.5, style="B", height=6)
            pdf.set_draw_color(170, 178, 190)
            pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
            pdf.ln(1.5)
        elif block.kind == "role":
            pdf.ln(1)
            self.text(block.text, size=10.5, style="B", height=5.2)
        elif block.kind == "bullet":
            pdf.set_fill_color(60, 60, 60)
            pdf.rect(pdf.l_margin + 1, pdf.get_y() + 1.9, 1.2, 1.2, style="F")
            pdf.set_x(pdf.l_margin + 4.5)
            self.text(block.text, size=9.8, height=4.7)
        elif block.kind == "table":
            self.table(block)
        elif block.kind == "line":
            self.text(block.text, size=9.8, height=4.7)
        else:
            pdf.ln(1.8)

    def text(self, text: str, *, size: float, height: float, style: str = "") -> None:
        """A wrapped paragraph; ``**bold**`` inside it is honoured."""
        if "**" in text and ("--" in text or "__" in text):
            # fpdf2's markdown would read these as strike-through and underline markers.
            raise ValueError(f"cannot draw {text!r} with bold: it holds '--' or '__'")
        self.pdf.set_font(self.pdf.font_name, style, size)
        self.pdf.multi_cell(
            0,
            height,
            latin1(text),
            align="L",
            markdown="**" in text,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )

    def table(self, block: Block) -> None:
        """A table as wide as the column, labels (or the heading row) in bold."""
        pdf = self.pdf
        columns = max(len(row) for row in block.rows)
        pdf.set_font(pdf.font_name, "", 9.2)
        pdf.set_draw_color(190, 190, 190)
        pdf.set_fill_color(255, 255, 255)
        pdf.ln(1)
        with pdf.table(
            cell_fill_mode="NONE",
            width=pdf.epw,
            align="LEFT",
            col_widths=(1.0, 2.4) if columns == 2 else None,
            first_row_as_headings=block.heading_row,
            borders_layout="HORIZONTAL_LINES",
            text_align="LEFT",
            line_height=4.6,
            padding=(1, 1.5),
        ) as table:
            for row in block.rows:
                cells = table.row()
                for i, cell in enumerate(row):
                    emphasis = "BOLD" if i == 0 and not block.heading_row else None
                    cells.cell(latin1(plain(cell)), style=FontFace(emphasis=emphasis))
        pdf.ln(1)


def render_pdf(
    resume: Resume,
    *,
    created: datetime,
    title: str,
    font: str = "helvetica",
    two_column: bool = False,
    header: bool = False,
    password: str | None = None,
) -> bytes:
    """The resume as a text PDF; ``password`` encrypts it with that user password."""
    pdf = _Pdf(font, resume.top if header else ())
    _set_metadata(pdf, resume.name, title, created)
    pdf.add_page()
    writer = _Writer(pdf)
    if not header:
        writer.blocks(resume.top)
    if two_column:
        _two_columns(writer, resume.body)
    else:
        writer.blocks(resume.body)
    if password is not None:
        pdf.set_encryption(owner_password=f"owner-{password}", user_password=password)
    return bytes(pdf.output())


def _two_columns(writer: _Writer, body: tuple[Block, ...]) -> None:
    """Skills-like sections in a shaded sidebar on the right of page one, the rest on the left."""
    pdf = writer.pdf
    parts = sections(body)
    side = [p for p in parts if p[0].kind == "heading" and SIDEBAR.search(p[0].text)]
    main = [p for p in parts if not (p[0].kind == "heading" and SIDEBAR.search(p[0].text))]
    top = pdf.get_y()
    pdf.set_fill_color(237, 241, 246)
    pdf.rect(SIDEBAR_X - 4, top, pdf.w - SIDEBAR_X + 4, pdf.h - top, style="F")
    # The sidebar must fit on page one: a page break there would start a new page, not go on
    # beside the main column.
    pdf.set_auto_page_break(False)
    pdf.set_left_margin(SIDEBAR_X)
    pdf.set_right_margin(MARGIN - 4)
    pdf.set_xy(SIDEBAR_X, top)
    for part in side:
        writer.blocks(part)
    if pdf.get_y() > pdf.h - MARGIN:
        raise ValueError(f"the sidebar of {pdf.title!r} does not fit on page one")
    pdf.set_auto_page_break(True, margin=MARGIN)
    pdf.set_left_margin(MARGIN)
    pdf.set_right_margin(pdf.w - SIDEBAR_X + GUTTER)
    pdf.set_xy(MARGIN, top)
    for part in main:
        writer.blocks(part)


def _set_metadata(pdf: FPDF, name: str, title: str, created: datetime) -> None:
    """Fixed document information, so the same source gives the same bytes on every run."""
    pdf.set_title(latin1(title))
    pdf.set_author(latin1(name))
    pdf.set_creator(CREATOR)
    pdf.set_producer("fpdf2")
    pdf.set_creation_date(created)
    pdf.set_lang("en")


# ---- A scanned resume: pages of pixels, no text layer -----------------------------------------

DPI = 150
PAGE_PX = (1240, 1754)  # A4 at 150 dpi
SCAN_MARGIN = 120
SCAN_SIZES = {"name": 40, "heading": 28, "role": 24}
BODY_SIZE = 22


def render_scanned_pdf(resume: Resume, *, created: datetime, title: str) -> bytes:
    """The resume printed, scanned slightly crooked, and saved as page images only."""
    pdf = FPDF(format="A4")
    _set_metadata(pdf, resume.name, title, created)
    pdf.set_auto_page_break(False)
    for number, page in enumerate(_typeset(resume)):
        jpeg = io.BytesIO()
        _age(page, seed=number).save(jpeg, format="JPEG", quality=55)
        pdf.add_page()
        pdf.image(jpeg, x=0, y=0, w=pdf.w, h=pdf.h)
    return bytes(pdf.output())


def _typeset(resume: Resume) -> list[Image.Image]:
    """Pages of black text on white, wrapped to the page width."""
    width = PAGE_PX[0] - 2 * SCAN_MARGIN
    pages: list[Image.Image] = []
    draw: ImageDraw.ImageDraw | None = None
    y = PAGE_PX[1]
    for block in resume.blocks:
        size = SCAN_SIZES.get(block.kind, BODY_SIZE)
        font = ImageFont.load_default(size=size)
        indent = 34 if block.kind == "bullet" else 0
        rows = [" | ".join(row) for row in block.rows] or [block.text]
        rows = [_ascii(plain(row)) for row in rows]
        lines = [ln for row in rows for ln in _wrap(row, font, width - indent)]
        for i, line in enumerate(lines or [""]):
            if draw is None or y + size * 1.5 > PAGE_PX[1] - SCAN_MARGIN:
                pages.append(Image.new("L", PAGE_PX, 255))
                draw = ImageDraw.Draw(pages[-1])
                y = SCAN_MARGIN
            if block.kind == "bullet" and i == 0:
                draw.ellipse((SCAN_MARGIN + 8, y + 8, SCAN_MARGIN + 17, y + 17), fill=30)
            draw.text((SCAN_MARGIN + indent, y), line, font=font, fill=25)
            y += round(size * 1.4)
        if block.kind == "heading" and draw is not None:
            draw.line((SCAN_MARGIN, y, PAGE_PX[0] - SCAN_MARGIN, y), fill=90, width=2)
            y += 10
    return pages


_SPELL_OUT = str.maketrans(
    {"\u00b7": "-", "\u00df": "ss", "\u00f8": "o", "\u00d8": "O", "\u00e6": "ae", "\u00d7": "x"}
)


def _ascii(text: str) -> str:
    """``text`` in ASCII, all that the default Pillow font is sure to draw."""
    spelled = latin1(text).translate(_SPELL_OUT)
    decomposed = unicodedata.normalize("NFKD", spelled)
    return "".join(c for c in decomposed if ord(c) < 128)


def _wrap(text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width`` pixels."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and font.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current else lines


def _age(page: Image.Image, *, seed: int) -> Image.Image:
    """A scanner's look: a slight skew, a grey cast, specks of dust and a soft focus."""
    rng = random.Random(seed)
    page = page.rotate(0.6, resample=Image.Resampling.BICUBIC, fillcolor=255)
    page = page.point(lambda v: 38 + v * 200 // 255)
    draw = ImageDraw.Draw(page)
    for _ in range(1500):
        x, y = rng.randrange(PAGE_PX[0]), rng.randrange(PAGE_PX[1])
        draw.point((x, y), fill=rng.randrange(60, 200))
    return page.filter(ImageFilter.GaussianBlur(0.6))
