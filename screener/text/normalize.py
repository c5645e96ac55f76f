"""Normalisation for matching, with a map back to the text the recruiter sees.

Matching runs on normalised text (NFKC, no ligatures or soft hyphens, words hyphenated across
lines joined, bullets unified, whitespace tidied); every character of it remembers where it
came from, so evidence offsets point into the original text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

# One pass for character-level clean-up, visiting only runs of characters outside printable
# ASCII: carriage returns and other line ends, invisible and control characters, and NFKC
# for the rest (ligatures, full-width forms, non-breaking spaces).
_CLEANUP = re.compile(r"[^\t\n\x20-\x7e]+")
_LINE_END_CHARS = "\r\u2028\u2029\x0b\x0c\x85"
_DROPPED = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None) | dict.fromkeys(
    [*range(0x09), *range(0x0E, 0x20), 0x7F], None
)
_BULLET_CHARS = (
    "\u2022\u2023\u2043\u25aa\u25ab\u25cf\u25cb\u25e6\u25a0\u25a1\u2219\u00b7\u27a2\u2794"
    "\u25ba\u25b8\uf0b7\uf0a7\uf076\uf0d8\uf0fc\u2713"
)
_BULLETS = re.compile(rf"(?m)^([ \t]*)[{_BULLET_CHARS}]")
_HYPHENATED = re.compile(r"(?<=[a-z])-\n[ \t]*(?=[a-z])")
# Only runs that change: a single plain space inside a line is left alone (and not visited);
# spaces before a line end go.
_SPACES = re.compile(r"\t[ \t]*| [ \t]+| +(?=\n)")
_BLANK_LINES = re.compile(r"\n{3,}")
_WIDE_GAP = re.compile(r"[ \t\u00a0]{2,}")
FLATTENED_LINE_CHARS = 200  # average line length above which text counts as run together


Edit = tuple[int, int, int, int]  # new start, new end, old start, old end


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalised text, and the edits each normalisation pass made, to map offsets back.

    Only replaced stretches are recorded, so the map costs a few numbers per edit rather
    than one per character; text between edits maps by a constant shift.
    """

    text: str
    passes: tuple[tuple[Edit, ...], ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text back onto the original text."""
        lo = self.original(start)
        hi = self.original(end - 1) + 1 if end > start else lo
        return lo, max(lo, hi)

    def original(self, offset: int) -> int:
        """The original offset of the character at ``offset`` in the normalised text."""
        for edits in reversed(self.passes):
            offset = _back(offset, edits)
        return offset


def _back(offset: int, edits: tuple[Edit, ...]) -> int:
    i = bisect_right(edits, offset, key=lambda e: e[0]) - 1
    if i < 0:
        return offset
    new_start, new_end, old_start, old_end = edits[i]
    if offset < new_end:  # inside a replacement: its characters map onto the replaced ones
        return old_start + min(offset - new_start, max(old_end - old_start - 1, 0))
    return offset - new_end + old_end


def normalize(text: str) -> Normalized:
    """Normalise ``text`` for matching, keeping the map back to it."""
    # Each pass runs only when a cheap substring test says it can change something: most
    # resumes need two or three of them.
    steps: list[tuple[Callable[[str], bool], re.Pattern[str], Callable[[re.Match[str]], str]]] = [
        (_needs_cleanup, _CLEANUP, _clean),
        (_has_bullets, _BULLETS, lambda m: m.group(1) + "\u2022"),
        (lambda t: "-\n" in t, _HYPHENATED, lambda m: ""),
        (
            lambda t: "  " in t or "\t" in t or " \n" in t,
            _SPACES,
            lambda m: "" if m.string[m.end() : m.end() + 1] == "\n" else " ",
        ),
        (lambda t: "\n\n\n" in t, _BLANK_LINES, lambda m: "\n\n"),
    ]
    passes: list[tuple[Edit, ...]] = []
    for needed, pattern, replace in steps:
        if pattern is _SPACES and _flattened(text):
            # Text whose lines were run together (some exports put a whole resume on one
            # line) keeps its structure only in wide gaps: make them line breaks.
            text, edits = _substitute(text, _WIDE_GAP, lambda m: "\n")
            passes.append(edits)
        if needed(text):
            text, edits = _substitute(text, pattern, replace)
            passes.append(edits)
    return Normalized(text, tuple(p for p in passes if p))


_ASCII_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _needs_cleanup(text: str) -> bool:
    return not text.isascii() or _ASCII_CONTROLS.search(text) is not None


def _has_bullets(text: str) -> bool:
    return not text.isascii() and any(ch in text for ch in _BULLET_CHARS)


def _substitute(
    text: str, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str]
) -> tuple[str, tuple[Edit, ...]]:
    """``pattern.sub`` that also returns where it changed the text."""
    pieces: list[str] = []
    edits: list[Edit] = []
    last = size = 0
    for m in pattern.finditer(text):
        new = replace(m)
        start, end = m.span()
        if new == text[start:end]:
            continue
        pieces.append(text[last:start])
        size += start - last
        pieces.append(new)
        edits.append((size, size + len(new), start, end))
        size += len(new)
        last = end
    if not edits:
        return text, ()
    pieces.append(text[last:])
    return "".join(pieces), tuple(edits)


def _clean(m: re.Match[str]) -> str:
    out = []
    for ch in m.group(0).translate(_DROPPED):
        if ch in _LINE_END_CHARS:
            out.append("\n")
        else:
            out.append(ch)
    run = "".join(out)
    if run.endswith("\n") and m.group(0).endswith("\r") and m.string[m.end() : m.end() + 1] == "\n":
        run = run[:-1]  # \r\n is one line end
    return unicodedata.normalize("NFKC", run).translate(_DROPPED) if not run.isascii() else run


def _flattened(text: str) -> bool:
    lines = text.count("\n") + 1
    return len(text) / lines > FLATTENED_LINE_CHARS
