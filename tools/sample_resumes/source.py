"""Read the Markdown-ish source of a sample resume into blocks that every renderer shares.

A source is line-oriented, the way resumes are written, and understands only this:

- ``# Name``, ``## Section heading``, ``### Role line``;
- ``- bullet`` (also ``* `` and a bullet character);
- ``| a | b |`` rows, which make a table (a ``|---|`` row is skipped);
- ``**bold**`` inside a line;
- plain-text conventions, for sources kept as plain text: the first line is the name when no
  ``#`` line exists, and a short line in capitals is a section heading.

Every other line is a line of its own: consecutive lines are not joined into paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Literal

Kind = Literal["name", "heading", "role", "bullet", "line", "table", "blank"]

_PREFIXES: tuple[tuple[str, Kind], ...] = (("### ", "role"), ("## ", "heading"), ("# ", "name"))
_BULLET = re.compile(r"^\s*[-*\u2022]\s+")
_TABLE_RULE = re.compile(r"^\|[\s:|-]+\|$")
_CAPS_HEADING = re.compile(r"^[A-Z][A-Z0-9&/ ,.'()-]{2,39}$")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
# "Languages: Python, Go" or "**Languages:** Python, Go": a label and what it lists.
_LABELLED = re.compile(r"^(?:\*\*)?([^:*]{2,40}):(?:\*\*)?\s+(.+)$")
# Sections whose "Label: values" lines the ``table`` layout turns into a table.
SKILL_SECTION = re.compile(r"skill|competenc|toolbox|expertise", re.IGNORECASE)


@dataclass(frozen=True)
class Block:
    """One line-level element of a resume; ``rows`` holds a table's cells."""

    kind: Kind
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    heading_row: bool = False  # a table whose first row names its columns


@dataclass(frozen=True)
class Resume:
    """A parsed source: its blocks in order."""

    blocks: tuple[Block, ...]

    @property
    def name(self) -> str:
        """The candidate's name (or the writer's, for a letter)."""
        return next((plain(b.text) for b in self.blocks if b.kind == "name"), "")

    @property
    def top(self) -> tuple[Block, ...]:
        """The name and contact lines: every block before the first section heading."""
        return self.blocks[: self._first_heading()]

    @property
    def body(self) -> tuple[Block, ...]:
        """Everything from the first section heading on."""
        return self.blocks[self._first_heading() :]

    def _first_heading(self) -> int:
        kinds = [b.kind for b in self.blocks]
        return kinds.index("heading") if "heading" in kinds else len(kinds)


def parse_source(text: str) -> Resume:
    """Split a source into blocks, collapsing runs of blank lines into one."""
    lines = text.splitlines()
    has_name = any(line.startswith("# ") for line in lines)
    blocks: list[Block] = []
    table: list[tuple[str, ...]] = []
    for line in (raw.rstrip() for raw in lines):
        if line.startswith("|"):
            if not _TABLE_RULE.match(line):
                table.append(tuple(cell.strip() for cell in line.strip("|").split("|")))
            continue
        if table:
            blocks.append(Block("table", rows=tuple(table), heading_row=True))
            table = []
        block = _classify(line, first=not has_name and not blocks)
        if block.kind != "blank" or (blocks and blocks[-1].kind != "blank"):
            blocks.append(block)
    if table:
        blocks.append(Block("table", rows=tuple(table), heading_row=True))
    while blocks and blocks[-1].kind == "blank":
        blocks.pop()
    return Resume(tuple(blocks))


def _classify(line: str, *, first: bool) -> Block:
    """The block one source line makes."""
    if not line.strip():
        return Block("blank")
    for prefix, kind in _PREFIXES:
        if line.startswith(prefix):
            return Block(kind, line[len(prefix) :].strip())
    if first:
        return Block("name", line.strip())
    if bullet := _BULLET.match(line):
        return Block("bullet", line[bullet.end() :])
    if _CAPS_HEADING.match(line.strip()):
        return Block("heading", line.strip())
    return Block("line", line.strip())


def plain(text: str) -> str:
    """``text`` without its bold markers."""
    return _BOLD.sub(r"\1", text)


def spans(text: str) -> list[tuple[str, bool]]:
    """``text`` as (part, bold) pieces, in order, without the markers."""
    pieces: list[tuple[str, bool]] = []
    last = 0
    for match in _BOLD.finditer(text):
        if match.start() > last:
            pieces.append((text[last : match.start()], False))
        pieces.append((match.group(1), True))
        last = match.end()
    if last < len(text):
        pieces.append((text[last:], False))
    return pieces


def sections(blocks: tuple[Block, ...]) -> list[tuple[Block, ...]]:
    """``blocks`` cut before each section heading (the first piece may have no heading)."""
    cuts = [i for i, b in enumerate(blocks) if b.kind == "heading"]
    bounds = [0, *cuts, len(blocks)] if cuts[:1] != [0] else [*cuts, len(blocks)]
    return [blocks[a:b] for a, b in pairwise(bounds) if b > a]


def with_skill_tables(resume: Resume) -> Resume:
    """Turn runs of "Label: values" lines or bullets in skills sections into tables."""
    out: list[Block] = []
    for section in sections(resume.blocks):
        in_skills = bool(section[0].kind == "heading" and SKILL_SECTION.search(section[0].text))
        rows: list[tuple[str, ...]] = []
        for block in section:
            labelled = _LABELLED.match(block.text) if block.kind in {"line", "bullet"} else None
            if in_skills and labelled:
                rows.append((labelled.group(1).strip(), labelled.group(2).strip()))
                continue
            if rows:
                out.append(Block("table", rows=tuple(rows)))
                rows = []
            out.append(block)
        if rows:
            out.append(Block("table", rows=tuple(rows)))
    return replace(resume, blocks=tuple(out))
