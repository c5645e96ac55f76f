"""Cell safety: resume text is untrusted, so nothing it contains may act as a formula."""

from __future__ import annotations

import re

EXCEL_MAX_CHARS = 32_767
TRUNCATION_MARK = " … [truncated]"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
# Characters XML 1.0 forbids; openpyxl refuses them, so they are dropped beforehand.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_cell_text(text: str, *, limit: int = EXCEL_MAX_CHARS) -> str:
    """Strip XML-illegal characters and truncate visibly past ``limit`` characters."""
    text = _ILLEGAL.sub("", text)
    if len(text) > limit:
        text = text[: limit - len(TRUNCATION_MARK)] + TRUNCATION_MARK
    return text


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet program could read ``text`` as a formula."""
    return text.startswith(FORMULA_PREFIXES)


def neutralise_for_csv(text: str) -> str:
    """Prefix formula-like text with an apostrophe, as spreadsheet programs expect in CSV."""
    text = clean_cell_text(text)
    return "'" + text if looks_like_formula(text) else text
