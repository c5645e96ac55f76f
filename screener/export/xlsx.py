"""The recruiter's workbook, streamed with openpyxl's write-only mode.

Sheets: Ranking, Shortlist, Matrix, Evidence, Rubric, Errors, Run. Every text cell goes
through cell safety. The Ranking sheet's Score and Band are formulas over the Matrix and
Rubric sheets, so a weight edited in the Rubric sheet re-scores everyone when the workbook is
recalculated; each formula is also saved with its computed value, so that pandas or any
reader without a spreadsheet engine sees the numbers.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import zipfile
from functools import partial
from html import escape
from pathlib import Path
from typing import Any

from screener.errors import InputError
from screener.export.cells import EXCEL_MAX_ROWS, clean_cell_text, formula_like
from screener.export.limitations import BANNER
from screener.export.tables import DECISIONS, Table, build_tables
from screener.pipeline import BatchResult

_WIDTHS = {
    "Rank": 7,
    "Candidate": 26,
    "File": 34,
    "Score": 8,
    "Band": 9,
    "Must-haves met": 15,
    "Missing must-haves": 44,
    "Key evidence": 60,
    "Flags": 30,
    "Decision": 11,
    "Notes": 40,
    "Quote": 80,
    "Requirement": 40,
    "Satisfied by": 80,
    "Reason": 70,
    "Value": 70,
    "Field": 34,
    "Topic": 22,
    "Text": 120,
    "Role dates": 26,
    "Skill": 24,
}
_NUMBER_FORMATS = {
    "Score": "0.0",
    "Years": "0.0",
    "ML years": "0.0",
    "Strength": "0.00",
    "Satisfaction": "0.00",
    "Points": "0.00",
    "Weight": "0.0",
}


def write_workbook(results: BatchResult | list[BatchResult], path: Path) -> Path:
    """Write the workbook to ``path`` (written beside it first, then moved into place).

    With several openings (one BatchResult each) every opening gets its own Ranking,
    Shortlist, Matrix, Evidence and Rubric sheets, and a Best fit sheet compares them.
    """
    from openpyxl import Workbook

    many = results if isinstance(results, list) else [results]
    tables = build_tables(many)
    for table in tables:
        if table.count + 1 > EXCEL_MAX_ROWS:
            raise InputError(
                f"the {table.name} sheet would need {table.count + 1:,} rows, more than a "
                f"sheet holds ({EXCEL_MAX_ROWS:,}); score fewer files per run, or use --json"
            )
    wb = Workbook(write_only=True)
    cached: dict[int, dict[str, Any]] = {}
    rankings = iter(many)
    for number, table in enumerate(tables, start=1):
        ws = wb.create_sheet(table.name)
        _layout(ws, table)
        if table.what == "Ranking":
            cached[number] = _write_ranking(ws, table, next(rankings), path)
        else:
            for row in table.rows():
                ws.append(
                    [
                        _cell(ws, value, column)
                        for value, column in zip(row, table.columns, strict=True)
                    ]
                )
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(suffix=".xlsx", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        wb.save(tmp)
        _store_cached_values(tmp, cached)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _cell(ws: Any, value: Any, column: str) -> Any:
    """What to append for one value: the plain value where no style is needed (most cells,
    and several times cheaper), a styled cell for formula-like text and formatted numbers."""
    if isinstance(value, str):
        text = clean_cell_text(value)
        if not formula_like(text):
            return text
        cell = _write_only_cell(ws, text)
        cell.data_type = "s"  # resume text is never a formula
        cell.quotePrefix = True  # and stays text when a person edits the cell
        return cell
    fmt = _NUMBER_FORMATS.get(column)
    if fmt is None or not isinstance(value, int | float):
        return value
    cell = _write_only_cell(ws, value)
    cell.number_format = fmt
    return cell


def _write_only_cell(ws: Any, value: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    return WriteOnlyCell(ws, value=value)


def _as_cell(ws: Any, value: Any) -> Any:
    """A cell object for ``value`` (which may be one already), to set formulas and links on."""
    from openpyxl.cell import Cell, WriteOnlyCell

    return value if isinstance(value, Cell) else WriteOnlyCell(ws, value=value)


def _layout(ws: Any, table: Table) -> None:
    """Header row, widths, frozen header, filter and print set-up: before any row is written."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    last = get_column_letter(len(table.columns))
    for i, name in enumerate(table.columns, start=1):
        width = _WIDTHS.get(name, 12 if table.what == "Matrix" else max(10, len(name) + 2))
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "C2" if table.what in {"Ranking", "Shortlist", "Matrix"} else "A2"
    ws.auto_filter.ref = f"A1:{last}{table.count + 1}"
    ws.print_title_rows = "1:1"
    ws.oddHeader.center.text = BANNER  # on every printed page
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    header = []
    for name in table.columns:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        header.append(cell)
    ws.append(header)
    if table.what == "Matrix" and table.count:
        from openpyxl.formatting.rule import ColorScaleRule

        ws.conditional_formatting.add(
            f"C2:{last}{table.count + 1}",
            ColorScaleRule(  # type: ignore[no-untyped-call]
                start_type="num", start_value=0, start_color="F8696B",
                mid_type="num", mid_value=0.5, mid_color="FFEB84",
                end_type="num", end_value=1, end_color="63BE7B",
            ),
        )  # fmt: skip


def _write_ranking(ws: Any, table: Table, result: BatchResult, out: Path) -> dict[str, Any]:
    """Ranking rows with live Score and Band formulas, file links and the decision list.

    Returns the value each formula cell should show before any recalculation.
    """
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    columns = table.columns
    col = {name: get_column_letter(i) for i, name in enumerate(columns, start=1)}
    n = len(result.rubric.requirements)
    matrix, rubric = (_quoted(sheet) for sheet in table.links)
    weights = f"{rubric}!$D$2:$D${n + 1}"
    bands = sorted(result.rubric.bands.items(), key=lambda kv: -kv[1])
    decision = DataValidation(
        type="list",
        formula1='"' + ",".join(DECISIONS) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Decision",
        error="Choose Advance, Hold or Reject.",
    )
    if table.count:
        decision.add(f"{col['Decision']}2:{col['Decision']}{table.count + 1}")
    ws.data_validations.append(decision)
    folder = Path(result.folder).resolve()
    base = out.resolve().parent
    cached: dict[str, Any] = {}
    for r, row in enumerate(table.rows(), start=2):
        cells = [
            _as_cell(ws, _cell(ws, value, column))
            for value, column in zip(row, columns, strict=True)
        ]
        products = "+".join(
            f"{matrix}!{get_column_letter(3 + i)}{r}*{rubric}!$D${2 + i}" for i in range(n)
        )
        score = cells[columns.index("Score")]
        score.value = f"=IF(SUM({weights})=0,0,ROUND(100*({products})/SUM({weights}),2))"
        cached[f"{col['Score']}{r}"] = row[columns.index("Score")]
        band = cells[columns.index("Band")]
        band.value = "=" + _band_formula(f"{col['Score']}{r}", bands)
        cached[f"{col['Band']}{r}"] = row[columns.index("Band")]
        if not result.options.get("blind"):  # blind mode shows IDs: no link to the file
            link = cells[columns.index("File")]
            target = folder / str(row[columns.index("File")])
            link.hyperlink = Path(os.path.relpath(target, base)).as_posix()
            link.style = "Hyperlink"
            link.quotePrefix = formula_like(str(link.value))  # the named style reset it
        ws.append(cells)
    return cached


def _quoted(sheet: str) -> str:
    """A sheet name as a formula refers to it: quoted when it holds anything but letters."""
    return sheet if sheet.isalnum() else "'" + sheet.replace("'", "''") + "'"


def _band_formula(score: str, bands: list[tuple[str, float]]) -> str:
    formula = '"low"'
    for name, threshold in reversed(bands):
        formula = f'IF({score}>={threshold:g},"{name}",{formula})'
    return formula


_FORMULA_CELL = re.compile(r'<c r="([A-Z]+\d+)"([^>]*)><f>(.*?)</f>(?:<v\s*/>|<v></v>)?</c>')


def _store_cached_values(path: Path, values: dict[int, dict[str, Any]]) -> None:
    """Save each formula's value beside it in the sheet XML, as Excel itself does: openpyxl
    writes formulas with no value, which readers without a calculation engine see as empty.
    ``values`` maps a sheet's number (1 for the first) to its cells' values."""
    if not any(values.values()):
        return
    names = {f"xl/worksheets/sheet{n}.xml": cells for n, cells in values.items()}

    def fill(cells: dict[str, Any], m: re.Match[str]) -> str:
        ref, attrs, formula = m.groups()
        value = cells.get(ref)
        if value is None:
            return m.group(0)
        if isinstance(value, str):
            return f'<c r="{ref}"{attrs} t="str"><f>{formula}</f><v>{escape(value)}</v></c>'
        return f'<c r="{ref}"{attrs}><f>{formula}</f><v>{value!r}</v></c>'

    rewritten = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(rewritten, "w") as dst:
        for info in src.infolist():
            cells = names.get(info.filename)
            if cells:
                xml = src.read(info).decode("utf-8")
                xml = _FORMULA_CELL.sub(partial(fill, cells), xml)
                dst.writestr(info, xml.encode("utf-8"))
            else:
                with src.open(info) as fh, dst.open(info, "w") as out:
                    shutil.copyfileobj(fh, out)
    rewritten.replace(path)
