"""Readers for the shared development data used by the benchmarks."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def dotin_resumes(data: Path) -> list[dict[str, Any]]:
    """The annotated resumes: ``{"id", "text", "spans": [{"start", "end", "label", "text"}]}``."""
    path = data / "resumes_dotin_train" / "resumes.jsonl"
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def skillspan_spans(data: Path, layer: str = "knowledge") -> Iterator[str]:
    """Span texts of SkillSpan's ``knowledge`` (tools, technologies) or ``skill`` layer."""
    column = {"skill": 1, "knowledge": 2}[layer]
    for name in ("skillspan_tech_train.conll", "skillspan_tech_dev.conll"):
        current: list[str] = []
        for line in (data / "skillspan_tech" / name).read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            tag = parts[column] if len(parts) > column else "O"
            if tag.startswith("I") and current:
                current.append(parts[0])
                continue
            if current:
                yield " ".join(current)
                current = []
            if tag.startswith("B"):
                current = [parts[0]]
        if current:
            yield " ".join(current)
