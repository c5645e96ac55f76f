"""``screener validate``: the same loaders as a run, reporting every problem at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from screener.config.paths import default_rubrics_dir, default_taxonomy_dir
from screener.config.rubric import Rubric, load_rubric
from screener.config.taxonomy import Taxonomy, load_taxonomy
from screener.errors import ConfigError, InputError, Problem


@dataclass(frozen=True)
class ValidationReport:
    """What was checked: the taxonomy and each rubric that loaded."""

    taxonomy: Taxonomy
    rubrics: tuple[Rubric, ...]


def rubric_files(paths: list[Path]) -> list[Path]:
    """Expand folders into their ``*.yaml`` files, keeping the order given."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix in {".yaml", ".yml"})
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"no such file or folder: {path}")
    return files


def validate_paths(
    paths: list[Path] | None = None, *, taxonomy_dir: Path | None = None
) -> ValidationReport:
    """Load the taxonomy and every rubric; raise one ConfigError with all their problems."""
    problems: list[Problem] = []
    try:
        taxonomy = load_taxonomy(taxonomy_dir or default_taxonomy_dir())
    except ConfigError as exc:
        # Rubrics cannot be cross-checked against a broken taxonomy; report it alone.
        raise ConfigError(exc.problems) from None
    rubrics: list[Rubric] = []
    for path in rubric_files(paths or [default_rubrics_dir()]):
        try:
            rubrics.append(load_rubric(path, taxonomy))
        except ConfigError as exc:
            problems += exc.problems
    if problems:
        raise ConfigError(problems)
    return ValidationReport(taxonomy, tuple(rubrics))
