"""Cell safety: resume text is untrusted, so nothing it contains may act as a formula.

The workbook writer keeps every resume text cell a string (never a formula); this module
strips what XML forbids and truncates visibly what Excel cannot hold.
"""

from __future__ import annotations

import re

EXCEL_MAX_CHARS = 32_767
TRUNCATION_MARK = " … [truncated]"
# Characters XML 1.0 forbids; openpyxl refuses them, so they are dropped beforehand.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_cell_text(text: str, *, limit: int = EXCEL_MAX_CHARS) -> str:
    """Strip XML-illegal characters and truncate visibly past ``limit`` characters."""
    text = _ILLEGAL.sub("", text)
    if len(text) > limit:
        text = text[: limit - len(TRUNCATION_MARK)] + TRUNCATION_MARK
    return text
