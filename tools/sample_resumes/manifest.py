"""Load manifest.yaml: which source becomes which sample file, in which format and layout."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

FORMATS = ("pdf", "docx", "odt", "rtf", "html", "txt", "md", "empty")
# The layout options each renderer honours; asking one for another is a mistake in the manifest.
LAYOUTS: dict[str, frozenset[str]] = {
    "pdf": frozenset({"two_column", "table", "header"}),
    "docx": frozenset({"table", "header"}),
    "odt": frozenset({"table"}),
    "rtf": frozenset({"table"}),
    "html": frozenset({"table"}),
}
FONTS = ("helvetica", "times", "courier")
_KEYS = {"output", "source", "format", "layout", "font", "scanned", "password", "title"}


@dataclass(frozen=True)
class Entry:
    """One generated file."""

    output: str
    format: str
    source: str | None = None
    layout: frozenset[str] = frozenset()
    font: str = "helvetica"
    scanned: bool = False
    password: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Manifest:
    created: datetime  # the one date written into every file's metadata and ZIP members
    entries: tuple[Entry, ...]


class ManifestError(Exception):
    """The manifest has mistakes; the message lists every one."""


def load_manifest(path: Path, sources: Path) -> Manifest:
    """Read and check ``path``, reporting every problem at once."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems: list[str] = []
    if not isinstance(data, dict) or data.get("version") != 1:
        raise ManifestError(f"{path.name}: version: must be 1")
    created = data.get("created")
    if isinstance(created, str):
        created = datetime.fromisoformat(created)
    if not isinstance(created, datetime) or created.tzinfo is None:
        problems.append(f"{path.name}: created: a date and time with a UTC offset is required")
    entries = []
    seen: set[str] = set()
    for i, raw in enumerate(data.get("files") or []):
        where = f"{path.name}: files[{i}]"
        entry_problems = _check_entry(raw, sources)
        problems += [f"{where}.{p}" for p in entry_problems]
        if not entry_problems:
            entry = _entry(raw)
            if entry.output in seen:
                problems.append(f"{where}.output: '{entry.output}' is generated twice")
            seen.add(entry.output)
            entries.append(entry)
    if problems:
        raise ManifestError("\n".join(problems))
    assert isinstance(created, datetime)
    return Manifest(created, tuple(entries))


def _check_entry(raw: Any, sources: Path) -> list[str]:
    """Every mistake in one entry, as 'field: message'."""
    if not isinstance(raw, dict):
        return ["entry: must be a mapping"]
    problems = [
        f"{key}: unknown key (known: {', '.join(sorted(_KEYS))})" for key in raw.keys() - _KEYS
    ]
    fmt, output, source = raw.get("format"), raw.get("output"), raw.get("source")
    if fmt not in FORMATS:
        return [*problems, f"format: '{fmt}' is not one of {', '.join(FORMATS)}"]
    if not isinstance(output, str) or "/" in output or "\\" in output:
        problems.append("output: a file name is required")
    elif fmt != "empty" and not output.endswith(f".{fmt}"):
        problems.append(f"output: '{output}' should end in .{fmt}")
    if fmt == "empty":
        if source is not None:
            problems.append("source: an empty file has no source")
    elif not isinstance(source, str) or not (sources / source).is_file():
        problems.append(f"source: '{source}' is not a file in {sources.name}/")
    unknown = set(raw.get("layout") or []) - LAYOUTS.get(fmt, frozenset())
    if unknown:
        problems.append(f"layout: {', '.join(sorted(unknown))} not available for {fmt}")
    special = [key for key in ("font", "scanned", "password") if raw.get(key) is not None]
    if special and fmt != "pdf":
        problems.append(f"{special[0]}: only for pdf")
    if raw.get("font", "helvetica") not in FONTS:
        problems.append(f"font: one of {', '.join(FONTS)}")
    if raw.get("scanned") and (raw.get("password") or raw.get("layout")):
        problems.append("scanned: a scan has no layout and no password")
    return problems


def _entry(raw: dict[str, Any]) -> Entry:
    return Entry(
        output=raw["output"],
        format=raw["format"],
        source=raw.get("source"),
        layout=frozenset(raw.get("layout") or []),
        font=raw.get("font", "helvetica"),
        scanned=bool(raw.get("scanned")),
        password=raw.get("password"),
        title=raw.get("title"),
    )
