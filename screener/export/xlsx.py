"""The recruiter's workbook, written with openpyxl; every text cell goes through cell safety."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from screener.export.cells import clean_cell_text
from screener.export.tables import Table, build_tables
from screener.pipeline import BatchResult

_WIDTHS = {
    "Candidate": 26,
    "File": 34,
    "Missing must-haves": 48,
    "Key evidence": 60,
    "Quote": 80,
    "Requirement": 36,
    "Reason": 60,
    "Value": 70,
    "Field": 22,
}
_NUMBER_FORMATS = {
    "Score": "0.0",
    "Years": "0.0",
    "ML years": "0.0",
    "Strength": "0.00",
    "Satisfaction": "0.00",
    "Points": "0.00",
}


def write_workbook(result: BatchResult, path: Path) -> Path:
    """Write Ranking, Evidence, Errors and Run sheets to ``path``."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    for table in build_tables(result):
        ws = wb.create_sheet(table.name)
        ws.append(list(table.columns))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            ws.append([_safe(v) for v in row])
        _format(ws, table)
        if table.name == "Ranking":
            _link_files(ws, table, result, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _safe(value: Any) -> Any:
    return clean_cell_text(value) if isinstance(value, str) else value


def _format(ws: Any, table: Table) -> None:
    from openpyxl.utils import get_column_letter

    ws.freeze_panes = "A2"
    if table.rows:
        ws.auto_filter.ref = ws.dimensions
    for i, name in enumerate(table.columns, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = _WIDTHS.get(name, max(10, len(name) + 2))
        fmt = _NUMBER_FORMATS.get(name)
        for row in ws.iter_rows(min_row=2, min_col=i, max_col=i):
            for cell in row:
                if fmt:
                    cell.number_format = fmt
                if cell.data_type == "f":
                    cell.data_type = "s"  # resume text is never a formula


def _link_files(ws: Any, table: Table, result: BatchResult, out: Path) -> None:
    import os

    col = table.columns.index("File") + 1
    folder = Path(result.folder).resolve()
    base = out.resolve().parent
    for row in range(2, ws.max_row + 1):
        cell = ws.cell(row=row, column=col)
        target = Path(os.path.relpath(folder / str(cell.value), base))
        cell.hyperlink = target.as_posix()
        cell.style = "Hyperlink"
