"""Exceptions a user can act on; anything else is a bug and keeps its traceback."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One located problem in a data file, printed as ``path:line: field: message``."""

    path: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.field}: {self.message}"


class ScreenerError(Exception):
    """Base class for every error caused by input the user can fix."""


class ConfigError(ScreenerError):
    """A taxonomy or rubric is invalid; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        # Grouped by file, in line order, so the list reads top to bottom like the file.
        self.problems = tuple(sorted(problems, key=lambda p: (p.path, p.line or 0)))
        super().__init__("\n".join(str(p) for p in self.problems))


class InputError(ScreenerError):
    """A path given on the command line or to the library cannot be used."""
