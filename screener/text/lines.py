"""Line boundaries around a span of text."""

from __future__ import annotations


def line_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """Start and end offsets of the line(s) holding ``text[start:end]``, newline excluded."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start if end is None else end)
    return line_start, len(text) if line_end < 0 else line_end
