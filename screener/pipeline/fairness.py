"""A bias audit of a finished run: its results and self-reported demographics in, the
audit tables out (``screener.score.audit`` computes them).

Demographics are voluntarily self-reported, kept in their own file, matched to candidates by
file name, and never inferred; a candidate without a record counts as Unknown.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

from screener.errors import InputError
from screener.score.audit import AuditCandidate

BAND_ORDER = ("low", "fair", "good", "strong")
_FILE_COLUMNS = ("file", "filename", "resume", "source")


def load_candidates(path: Path, selected: str) -> list[AuditCandidate]:
    """Candidates from a results JSON or workbook, selected as ``selected`` says:
    ``shortlist`` (the tool's shortlist), ``band>=NAME`` (e.g. band>=good), or ``advance``
    (the recruiter's Advance decisions in a workbook's Decision column)."""
    rows = _result_rows(path)
    rule = selected.strip().lower()
    band = re.fullmatch(r"band\s*>=\s*(\w+)", rule)
    if band and band.group(1) not in BAND_ORDER:
        raise InputError(f"unknown band '{band.group(1)}': use one of {', '.join(BAND_ORDER)}")
    out = []
    for row in rows:
        if rule == "shortlist":
            chosen = row["shortlisted"]
        elif rule == "advance":
            chosen = row["decision"] == "advance"
        elif band:
            chosen = BAND_ORDER.index(row["band"]) >= BAND_ORDER.index(band.group(1))
        else:
            raise InputError(
                f"--selected must be 'shortlist', 'advance' or 'band>=NAME', not '{selected}'"
            )
        out.append(AuditCandidate(row["file"], row["score"], bool(chosen)))
    if rule == "advance" and not any(c.selected for c in out):
        raise InputError(f"{path}: no candidate is marked Advance in the Decision column")
    return out


def _result_rows(path: Path) -> list[dict[str, Any]]:
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return [
                {
                    "file": str(c["file"]),
                    "score": float(c["score"]),
                    "band": str(c["band"]),
                    "shortlisted": bool(c["shortlisted"]),
                    "decision": "",
                }
                for c in data["ranking"]
            ]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise InputError(f"cannot read {path} as screener results: {exc}") from None
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (OSError, InvalidFileException, KeyError, ValueError) as exc:
        raise InputError(f"cannot read {path} as a results workbook: {exc}") from None
    if "Ranking" not in wb.sheetnames:
        raise InputError(f"{path} has no Ranking sheet: is it a screener results workbook?")
    rows = list(wb["Ranking"].iter_rows(values_only=True))
    header = [str(c) for c in rows[0]]
    col = {name: header.index(name) for name in ("File", "Score", "Band", "Shortlisted")}
    decision = header.index("Decision") if "Decision" in header else None
    out = []
    for row in rows[1:]:
        if not row or row[col["File"]] is None:
            continue
        out.append(
            {
                "file": str(row[col["File"]]),
                "score": float(row[col["Score"]] or 0.0),  # type: ignore[arg-type]
                "band": str(row[col["Band"]]),
                "shortlisted": row[col["Shortlisted"]] == "yes",
                "decision": str(row[decision] or "").strip().lower()
                if decision is not None and decision < len(row)
                else "",
            }
        )
    return out


def load_demographics(path: Path) -> tuple[dict[str, dict[str, str | None]], list[str]]:
    """Self-reported categories by file name, and the dimension columns found."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"cannot read demographics {path}: {exc}") from None
    if not rows:
        raise InputError(f"{path}: no rows")
    columns = [c for c in rows[0] if c]
    file_col = next((c for c in columns if c.strip().lower() in _FILE_COLUMNS), None)
    if file_col is None:
        raise InputError(f"{path}: needs a file column ({', '.join(_FILE_COLUMNS)})")
    dimensions = [c for c in columns if c != file_col]
    if not dimensions:
        raise InputError(f"{path}: no category columns besides {file_col}")
    data = {
        Path(str(r[file_col]).strip()).name: {d: (r.get(d) or None) for d in dimensions}
        for r in rows
        if r.get(file_col)
    }
    return data, dimensions


def by_file_name(
    candidates: list[AuditCandidate], demographics: dict[str, dict[str, str | None]]
) -> dict[str, dict[str, str | None]]:
    """Demographics keyed by the candidates' ids (files may sit in sub-folders)."""
    return {
        c.id: demographics[Path(c.id).name] for c in candidates if Path(c.id).name in demographics
    }
