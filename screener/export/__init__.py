"""Writing results: the only stage that writes files (xlsx, json)."""

from __future__ import annotations

from screener.export.jsonout import result_to_dict, write_json
from screener.export.xlsx import write_workbook

__all__ = ["result_to_dict", "write_json", "write_workbook"]
