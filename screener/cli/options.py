"""What several commands share: the option types (--taxonomy, --rubric, --as-of), parsing
--as-of, failing with a message and exit status 1, loading the taxonomy with its problems
listed, and the progress bar. Anything used by commands in more than one module goes here;
keep its imports light (typer and the standard library), since every ``screener --help``
loads it, and import the library inside the functions that need it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from screener.config import Taxonomy
    from screener.errors import ConfigError

TaxonomyOption = Annotated[
    Path | None, typer.Option("--taxonomy", help="Taxonomy folder (default: skills_taxonomy/).")
]
RubricOption = Annotated[
    Path | None, typer.Option(help="Rubric YAML (default: rubrics/mlops_engineer.yaml).")
]
AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="Date that 'Present' means (YYYY-MM-DD).")
]


def parse_as_of(value: str | None) -> date | None:
    """The --as-of date, or None when not given; a clean error when it is not a date."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise fail(f"--as-of must be a date like 2026-01-31, not '{value}'") from None


def fail(message: str) -> typer.Exit:
    """Print MESSAGE on stderr and return the exit (status 1) for the caller to raise."""
    typer.echo(message, err=True)
    return typer.Exit(1)


def config_failure(exc: ConfigError, what: str) -> typer.Exit:
    """Print each problem of a configuration on stderr, then "N problems in WHAT"; return the
    exit (status 1) for the caller to raise."""
    for problem in exc.problems:
        typer.echo(str(problem), err=True)
    return fail(f"{len(exc.problems)} problems in {what}")


def load_taxonomy(path: Path | None) -> Taxonomy:
    """The taxonomy at PATH (default: skills_taxonomy/), or exit 1 listing its problems."""
    from screener import config
    from screener.errors import ConfigError, ScreenerError

    try:
        return config.load_taxonomy(path)
    except ConfigError as exc:
        raise config_failure(exc, "the taxonomy") from None
    except ScreenerError as exc:
        raise fail(f"error: {exc}") from None


class ProgressBar:
    """A progress bar on stderr, as a callback for the library's batch."""

    def __enter__(self) -> ProgressBar:
        from rich.console import Console
        from rich.progress import Progress

        self._bar = Progress(console=Console(stderr=True), transient=True)
        self._bar.__enter__()
        self._task = self._bar.add_task("Scoring", total=None)
        return self

    def __call__(self, done: int, total: int, name: str) -> None:
        self._bar.update(self._task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        self._bar.__exit__(None, None, None)
