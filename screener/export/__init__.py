"""Writing results: the only stage that writes files (xlsx, csv, json), all from one set of
tables."""

from __future__ import annotations

from screener.export.csvout import write_csv
from screener.export.jsonout import result_to_dict, write_json
from screener.export.xlsx import write_workbook

__all__ = ["result_to_dict", "write_csv", "write_json", "write_workbook"]
