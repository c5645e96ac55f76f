"""Cell safety: resume text is untrusted, so nothing it contains may act as a formula.

Text that a spreadsheet would read as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a
tab, CR or LF) is written to workbooks as a text cell marked with Excel's quote prefix, and
to CSV files behind an apostrophe, the usual defence against CSV injection. What XML forbids
is stripped, and what Excel cannot hold is truncated visibly.
"""

from __future__ import annotations

import re

EXCEL_MAX_CHARS = 32_767
EXCEL_MAX_ROWS = 1_048_576
TRUNCATION_MARK = " … [truncated]"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# Characters XML 1.0 forbids; openpyxl refuses them, so they are dropped beforehand.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_cell_text(text: str, *, limit: int = EXCEL_MAX_CHARS) -> str:
    """Strip XML-illegal characters and truncate visibly past ``limit`` characters."""
    text = _ILLEGAL.sub("", text)
    if len(text) > limit:
        text = text[: limit - len(TRUNCATION_MARK)] + TRUNCATION_MARK
    return text


def formula_like(text: str) -> bool:
    """Whether a spreadsheet program could take ``text`` for a formula."""
    return text.startswith(FORMULA_STARTS)


def csv_safe(value: object) -> object:
    """A CSV field that no spreadsheet program will run: formula-like text gets a leading
    apostrophe; other values pass unchanged."""
    if isinstance(value, str):
        value = _ILLEGAL.sub("", value)
        if formula_like(value):
            return "'" + value
    return value
