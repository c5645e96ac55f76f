"""Calibration as a batch: past decisions and each candidate's requirement satisfactions in,
a report and a rubric with calibrated weights out.

Satisfactions come from scoring a folder of resumes (profiles from the cache when it has
them), from a results JSON written by ``screener score --json``, or from a results workbook,
whose Decision column may hold the labels themselves and whose Rubric sheet the weights a
recruiter edited. The fitting is ``screener.score.calibrate``.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from screener.config.rubric import Rubric
from screener.errors import InputError
from screener.score.calibrate import Report, calibrate, comment_block, parse_labels

_FILE_COLUMNS = ("file", "filename", "resume", "source", "candidate_file", "path")
_LABEL_COLUMNS = ("label", "decision", "outcome", "advanced", "hired", "rating", "result")


@dataclass(frozen=True)
class Decisions:
    """Labels by file (1.0 advance, 0.0 reject), where they came from and its hash."""

    labels: dict[str, float]
    source: str
    sha256: str
    ignored: int


@dataclass(frozen=True)
class Table:
    """Each candidate's satisfaction of every requirement, by file, in rubric order."""

    ids: tuple[str, ...]
    rows: dict[str, list[float]]


def read_labels(path: Path) -> Decisions:
    """Decisions from a CSV with a file column and a label column (advance/reject, yes/no,
    1/0, or a 1-5 rating): first matching column names win, case-insensitively."""
    try:
        data = path.read_bytes()
        rows = list(csv.DictReader(data.decode("utf-8-sig").splitlines()))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"cannot read labels {path}: {exc}") from None
    if not rows:
        raise InputError(f"{path}: no labelled rows")
    columns = {c.strip().lower(): c for c in rows[0] if c}
    file_col = next((columns[c] for c in _FILE_COLUMNS if c in columns), None)
    label_col = next((columns[c] for c in _LABEL_COLUMNS if c in columns), None)
    if file_col is None or label_col is None:
        raise InputError(
            f"{path}: needs a file column ({', '.join(_FILE_COLUMNS)}) and a label column "
            f"({', '.join(_LABEL_COLUMNS)}); found: {', '.join(rows[0])}"
        )
    values = parse_labels([str(r.get(label_col) or "") for r in rows])
    labels = {
        str(r[file_col]).strip(): v
        for r, v in zip(rows, values, strict=True)
        if v is not None and r.get(file_col)
    }
    return Decisions(labels, str(path), hashlib.sha256(data).hexdigest(), len(rows) - len(labels))


def table_from_results(path: Path, rubric: Rubric) -> Table:
    """Satisfactions from a results JSON (``screener score --json``) for the same rubric."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        ranking = data["ranking"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"cannot read {path} as screener results: {exc}") from None
    ids = tuple(r.id for r in rubric.requirements)
    rows = {}
    for cand in ranking:
        by_id = {r["id"]: float(r["satisfaction"]) for r in cand["requirements"]}
        if set(by_id) != set(ids):
            raise InputError(
                f"{path} was scored with another rubric (requirements differ from "
                f"{rubric.path or 'the rubric'}): score again with this rubric"
            )
        rows[str(cand["file"])] = [by_id[i] for i in ids]
    return Table(ids, rows)


def table_from_batch(result: Any) -> Table:
    """Satisfactions from a batch result (``screener.pipeline.score_folder``)."""
    ids = tuple(r.id for r in result.rubric.requirements)
    rows = {
        item.assessment.source: [r.satisfaction for r in item.assessment.results]
        for item in result.ranking
    }
    return Table(ids, rows)


def from_workbook(path: Path) -> tuple[Table, Decisions, dict[str, float]]:
    """Satisfactions (Matrix sheet), decisions (Ranking's Decision column: Advance and
    Reject; Hold is left out) and the weights in the Rubric sheet, as a recruiter left them."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (OSError, InvalidFileException, KeyError, ValueError) as exc:
        raise InputError(f"cannot read {path} as a results workbook: {exc}") from None
    for sheet in ("Ranking", "Matrix", "Rubric"):
        if sheet not in wb.sheetnames:
            raise InputError(f"{path} has no {sheet} sheet: is it a screener results workbook?")
    ranking = list(wb["Ranking"].iter_rows(values_only=True))
    header = [str(c) for c in ranking[0]]
    rank_col, file_col, decision_col = (header.index(c) for c in ("Rank", "File", "Decision"))
    files = {row[rank_col]: str(row[file_col]) for row in ranking[1:] if row[rank_col]}
    raw = {
        str(row[file_col]): str(row[decision_col] or "")
        for row in ranking[1:]
        if len(row) > decision_col and row[decision_col]
    }
    values = parse_labels(list(raw.values()))
    labels = {f: v for f, v in zip(raw, values, strict=True) if v is not None}
    matrix = list(wb["Matrix"].iter_rows(values_only=True))
    ids = tuple(str(c) for c in matrix[0][2:])
    rows = {
        files[row[0]]: [_number(v) for v in row[2 : 2 + len(ids)]]
        for row in matrix[1:]
        if row and row[0] in files
    }
    weights = {
        str(row[0]): _number(row[3])
        for row in wb["Rubric"].iter_rows(min_row=2, values_only=True)
        if row and row[0]
    }
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    decisions = Decisions(labels, f"{path} (Decision column)", digest, len(raw) - len(labels))
    return Table(ids, rows), decisions, weights


def run_calibration(
    table: Table, decisions: Decisions, current: dict[str, float], **options: Any
) -> Report:
    """Match labels to candidates (by file name, or by the last part of a path) and fit."""
    by_name = {Path(f).name: f for f in table.rows}
    matched: list[tuple[str, float]] = []
    unknown = []
    for file, label in decisions.labels.items():
        key = file if file in table.rows else by_name.get(Path(file).name)
        if key is None:
            unknown.append(file)
        else:
            matched.append((key, label))
    if not matched:
        raise InputError(
            f"none of the {len(decisions.labels)} labelled files is among the "
            f"{len(table.rows)} scored candidates: do the file names match?"
        )
    missing = set(table.ids) - set(current)
    if missing:
        raise InputError(f"no weight for requirement(s): {', '.join(sorted(missing))}")
    report = calibrate(
        list(table.ids),
        [table.rows[f] for f, _ in matched],
        [label for _, label in matched],
        current,
        **options,
    )
    if unknown:
        extra = f"{len(unknown)} labelled file(s) not among the scored candidates, left out: "
        extra += ", ".join(sorted(unknown)[:5]) + (" ..." if len(unknown) > 5 else "")
        report = _with_warning(report, extra)
    return report


def _with_warning(report: Report, warning: str) -> Report:
    from dataclasses import replace

    return replace(report, warnings=(*report.warnings, warning))


def calibrated_rubric_text(rubric_text: str, report: Report, labels_sha256: str) -> str:
    """The rubric's own text with each requirement's weight replaced by the calibrated one
    (the old weight kept in a comment) and the report's comment block on top."""
    weights = report.weights
    lines = rubric_text.splitlines()
    current_id: str | None = None
    done: set[str] = set()
    for i, line in enumerate(lines):
        found = re.match(r"\s*-\s+id:\s*([\w-]+)", line)
        if found:
            current_id = found.group(1)
            continue
        weight = re.match(r"(\s*weight:\s*)([0-9.]+)(.*)$", line)
        if weight and current_id in weights and current_id not in done:
            new = round(weights[current_id], 2)
            note = weight.group(3).strip().lstrip("#").strip()
            lines[i] = f"{weight.group(1)}{new:g}  # calibrated (was {weight.group(2)})" + (
                f"; {note}" if note else ""
            )
            done.add(current_id)
    if done != set(weights):
        raise InputError(
            "could not find the weight line of: " + ", ".join(sorted(set(weights) - done))
        )
    return comment_block(report, labels_sha256) + "\n".join(lines) + "\n"


def _number(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
