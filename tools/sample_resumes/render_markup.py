"""Text-based resumes: plain text, Markdown, HTML and RTF."""

from __future__ import annotations

import html
import re
from datetime import datetime

from source import Block, Resume, plain, sections, spans

_HEADING_MARK = re.compile(r"(?m)^#{1,3} ")


def render_txt(source: str) -> bytes:
    """The source without its Markdown marks; a plain-text source comes out unchanged."""
    return plain(_HEADING_MARK.sub("", source)).encode("utf-8")


def render_md(source: str) -> bytes:
    """The source as it is: it already is Markdown."""
    return source.encode("utf-8")


# ---- HTML -------------------------------------------------------------------------------------

_CSS = (
    "body{font-family:Georgia,'Times New Roman',serif;max-width:46rem;margin:2rem auto;"
    "padding:0 1rem;line-height:1.45;color:#222}"
    "h1{margin:0 0 .2rem}h2{font-size:1rem;text-transform:uppercase;letter-spacing:.06em;"
    "border-bottom:1px solid #bbb;margin-top:1.6rem}h3{font-size:1rem;margin:1rem 0 .2rem}"
    "header p{margin:0;color:#555}ul{padding-left:1.2rem}li{margin:.2rem 0}"
    "table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.2rem .6rem;"
    "text-align:left;vertical-align:top}"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def render_html(resume: Resume, *, title: str) -> bytes:
    """A small standalone web page, as personal sites and some job boards export."""
    head = "\n".join(_html_block(b) for b in resume.top if b.kind != "blank")
    body = "\n".join(
        "<section>\n"
        + "\n".join(_html_block(b) for b in part if b.kind != "blank")
        + "\n</section>"
        for part in sections(resume.body)
    )
    page = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<header>\n{head}\n</header>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
    # Consecutive list items share one list.
    return page.replace("</ul>\n<ul>\n", "").encode("utf-8")


def _html_block(block: Block) -> str:
    if block.kind == "name":
        return f"<h1>{_html_text(block.text)}</h1>"
    if block.kind == "heading":
        return f"<h2>{_html_text(block.text)}</h2>"
    if block.kind == "role":
        return f"<h3>{_html_text(block.text)}</h3>"
    if block.kind == "bullet":
        return f"<ul>\n<li>{_html_text(block.text)}</li>\n</ul>"
    if block.kind == "table":
        cell = "th" if block.heading_row else "td"
        rows = []
        for i, row in enumerate(block.rows):
            tag = cell if i == 0 else "td"
            rows.append("<tr>" + "".join(f"<{tag}>{_html_text(c)}</{tag}>" for c in row) + "</tr>")
        return "<table>\n" + "\n".join(rows) + "\n</table>"
    return f"<p>{_html_text(block.text)}</p>"


def _html_text(text: str) -> str:
    """Escaped text with bold spans and e-mail addresses as mailto links."""
    out = []
    for part, bold in spans(text):
        escaped = _EMAIL.sub(
            lambda m: f'<a href="mailto:{m[0]}">{m[0]}</a>', html.escape(part, quote=False)
        )
        out.append(f"<strong>{escaped}</strong>" if bold else escaped)
    return "".join(out)


# ---- RTF --------------------------------------------------------------------------------------


def render_rtf(resume: Resume, *, created: datetime, title: str) -> bytes:
    """The resume as RTF, the format older word processors and some applicant portals save."""
    stamp = (
        rf"\yr{created.year}\mo{created.month}\dy{created.day}"
        rf"\hr{created.hour}\min{created.minute}"
    )
    head = (
        r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Arial;}}"
        r"{\colortbl;\red31\green56\blue100;}"
        rf"{{\info{{\title {_rtf_text(title)}}}{{\author {_rtf_text(resume.name)}}}"
        rf"{{\creatim{stamp}}}{{\revtim{stamp}}}}}"
        r"\paperw11906\paperh16838\margl1134\margr1134\margt1134\margb1134\f0\fs20"
    )
    body = "\n".join(_rtf_block(block) for block in resume.blocks)
    return f"{head}\n{body}\n}}\n".encode("ascii")


def _rtf_block(block: Block) -> str:
    text = _rtf_text(block.text)
    if block.kind == "name":
        return rf"\pard\sa60\b\fs36 {text}\b0\fs20\par"
    if block.kind == "heading":
        return rf"\pard\sb240\sa80\cf1\b\fs24 {text}\b0\cf0\fs20\par"
    if block.kind == "role":
        return rf"\pard\sb120\sa40\b {text}\b0\par"
    if block.kind == "bullet":
        return rf"\pard\li360\fi-240\sa40\bullet\tab {text}\par"
    if block.kind == "table":
        return "\n".join(_rtf_row(row, bold_first=not block.heading_row) for row in block.rows)
    if block.kind == "blank":
        return r"\pard\sa0\par"
    return rf"\pard\sa40 {text}\par"


def _rtf_row(row: tuple[str, ...], *, bold_first: bool) -> str:
    """One table row: the first cell 2.5 cm wide, the others sharing the rest of the line."""
    rest = max(len(row) - 1, 1)
    edges = "".join(rf"\cellx{1418 + 8222 * i // rest}" for i in range(len(row)))
    cells = "".join(
        (rf"{{\b {_rtf_text(cell)}}}" if bold_first and i == 0 else _rtf_text(cell)) + r"\cell "
        for i, cell in enumerate(row)
    )
    return rf"\trowd\trgaph108{edges}\pard\intbl {cells}\row"


def _rtf_text(text: str) -> str:
    """Escaped RTF with bold spans; characters beyond ASCII as \\u escapes."""
    out = []
    for part, bold in spans(text):
        escaped = "".join(_rtf_char(c) for c in part)
        out.append(rf"{{\b {escaped}}}" if bold else escaped)
    return "".join(out)


def _rtf_char(char: str) -> str:
    if char in "\\{}":
        return "\\" + char
    if ord(char) < 128:
        return char
    # RTF counts in signed 16-bit UTF-16 units; "?" is what a reader without Unicode shows.
    raw = char.encode("utf-16-be")
    units = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)]
    return "".join(rf"\u{u - 65536 if u > 32767 else u}?" for u in units)
