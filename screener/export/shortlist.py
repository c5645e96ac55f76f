"""A shortlist workbook of its own, cut from a results workbook a recruiter may have edited."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from screener.errors import InputError
from screener.export.tables import EVIDENCE_COLUMNS, RANKING_COLUMNS


def write_shortlist(results: Path, top: int, out: Path) -> int:
    """Write the ``top`` highest-scoring candidates of ``results`` (skipping any a recruiter
    marked Reject), with their evidence, to ``out``; return how many were written.

    Scores are read as last calculated, so weights a recruiter changed in the Rubric sheet
    count once the workbook was recalculated and saved.
    """
    from openpyxl import Workbook, load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    from screener.export.tables import Table
    from screener.export.xlsx import _cell, _layout

    try:
        wb = load_workbook(results, read_only=True, data_only=True)
    except (OSError, InvalidFileException, KeyError, ValueError) as exc:
        raise InputError(f"cannot read {results} as a results workbook: {exc}") from None
    ranking = _rows(wb, "Ranking", RANKING_COLUMNS, results)
    evidence = _rows(wb, "Evidence", EVIDENCE_COLUMNS, results)
    ranking = _rescored(wb, ranking)
    score, decision, file = (RANKING_COLUMNS.index(c) for c in ("Score", "Decision", "File"))
    kept = [r for r in ranking if str(r[decision] or "").strip().lower() != "reject"]
    kept.sort(key=lambda r: (-_number(r[score]), r[RANKING_COLUMNS.index("Rank")] or 0))
    chosen = kept[:top]
    files = {r[file] for r in chosen}
    picked = [r for r in evidence if r[EVIDENCE_COLUMNS.index("File")] in files]
    book = Workbook(write_only=True)
    for name, columns, rows in (
        ("Shortlist", RANKING_COLUMNS, chosen),
        ("Evidence", EVIDENCE_COLUMNS, picked),
    ):
        table = Table(name, columns, iter(rows).__iter__, len(rows))
        ws = book.create_sheet(name)
        _layout(ws, table)
        for row in rows:
            ws.append([_cell(ws, v, c) for v, c in zip(row, columns, strict=True)])
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return len(chosen)


def _rescored(wb: Any, ranking: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Ranking rows with Score and Band computed afresh from the Matrix and Rubric sheets, so
    edited weights count even where no spreadsheet program recalculated the workbook."""
    from screener.score import weighted_score

    if not {"Matrix", "Rubric", "Run"} <= set(wb.sheetnames):
        return ranking
    rubric = list(wb["Rubric"].iter_rows(min_row=2, values_only=True))
    weights = {row[0]: _number(row[3]) for row in rubric if row and row[0]}
    matrix = list(wb["Matrix"].iter_rows(values_only=True))
    if not matrix or set(matrix[0][2:]) != set(weights):
        return ranking
    ids = matrix[0][2:]
    scores = {
        row[0]: weighted_score([weights[i] for i in ids], [_number(v) for v in row[2:]])
        for row in matrix[1:]
        if row and row[0] is not None
    }
    info = {row[0]: row[1] for row in wb["Run"].iter_rows(min_row=2, values_only=True) if row}
    bands = sorted(
        ((name.strip(), _number(value)) for name, _, value in
         (part.partition(":") for part in str(info.get("bands") or "").split(";") if part)),
        key=lambda kv: -kv[1],
    )  # fmt: skip
    rank, score, band = (RANKING_COLUMNS.index(c) for c in ("Rank", "Score", "Band"))
    out = []
    for row in ranking:
        value = scores.get(row[rank])
        if value is None:
            out.append(row)
            continue
        name = next((n for n, threshold in bands if value >= threshold), "low")
        out.append((*row[:score], value, name, *row[band + 1 :]))
    return out


def _rows(wb: Any, sheet: str, columns: tuple[str, ...], path: Path) -> list[tuple[Any, ...]]:
    if sheet not in wb.sheetnames:
        raise InputError(f"{path} has no {sheet} sheet: is it a screener results workbook?")
    rows = list(wb[sheet].iter_rows(values_only=True))
    if not rows or tuple(rows[0][: len(columns)]) != columns:
        raise InputError(f"{path}: the {sheet} sheet's columns are not screener's")
    width = len(columns)  # a read-only sheet may end a row at its last filled cell
    return [
        (*r[:width], *(None,) * (width - len(r[:width])))
        for r in rows[1:]
        if any(v is not None for v in r)
    ]


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0
