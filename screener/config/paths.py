"""Where the shipped taxonomy and rubrics are found."""

from __future__ import annotations

from pathlib import Path

from screener.errors import InputError

_PACKAGE = Path(__file__).resolve().parent.parent
DEFAULT_RUBRIC = "mlops_engineer.yaml"


def _candidates(name: str) -> list[Path]:
    # A checkout's own folder (cwd) wins, so edits to rubrics/ take effect in the repository;
    # then the copy bundled in an installed wheel; then the checkout an editable install uses.
    return [Path.cwd() / name, _PACKAGE / "_data" / name, _PACKAGE.parent / name]


def _first_existing(name: str) -> Path:
    for path in _candidates(name):
        if path.exists():
            return path
    raise InputError(f"cannot find the shipped '{name}' folder; pass its path explicitly")


def default_taxonomy_dir() -> Path:
    """The ``skills_taxonomy/`` folder to use when none is given."""
    return _first_existing("skills_taxonomy")


def default_rubrics_dir() -> Path:
    """The ``rubrics/`` folder to use when none is given."""
    return _first_existing("rubrics")


def default_rubric_path() -> Path:
    """The flagship rubric, ``rubrics/mlops_engineer.yaml``."""
    return default_rubrics_dir() / DEFAULT_RUBRIC
