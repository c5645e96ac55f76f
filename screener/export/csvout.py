"""The workbook's tables as CSV files, one per sheet, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from pathlib import Path

from screener.export.cells import csv_safe
from screener.export.tables import build_tables
from screener.pipeline import BatchResult


def write_csv(results: BatchResult | list[BatchResult], folder: Path) -> Path:
    """Write one CSV per sheet to ``folder``: ranking.csv, shortlist.csv, matrix.csv,
    evidence.csv, rubric.csv, errors.csv and run.csv (with several openings, the first five
    per opening: ranking_<opening>.csv..., and best_fit.csv). UTF-8 with a byte-order mark,
    which Excel needs to read UTF-8."""
    folder.mkdir(parents=True, exist_ok=True)
    for table in build_tables(results):
        path = folder / f"{table.name.lower().replace(' ', '_')}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(table.columns)
            for row in table.rows():
                writer.writerow([csv_safe(v) for v in row])
    return folder
