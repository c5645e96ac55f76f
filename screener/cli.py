"""The command line: a thin typer layer; each command calls one library function."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals would hold resume text
    add_completion=False,
    help="Score a folder of resumes against an opening's rubric, offline, with evidence.",
)


def _fail(message: str) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(1)


@app.command("score")
def score_cli(
    folder: Annotated[
        Path, typer.Argument(help="Folder of resumes (searched recursively).")
    ] = Path("sample_resumes"),
    rubric: Annotated[
        Path | None, typer.Option(help="Rubric YAML [default: rubrics/mlops_engineer.yaml].")
    ] = None,
    taxonomy: Annotated[
        Path | None, typer.Option(help="Taxonomy folder [default: skills_taxonomy/].")
    ] = None,
    out: Annotated[Path, typer.Option(help="Workbook to write.")] = Path("results.xlsx"),
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the results as JSON here.")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Date that 'Present' means (YYYY-MM-DD).")
    ] = None,
) -> None:
    """Score every resume in FOLDER and write a ranked, explained workbook.

    Example: screener score sample_resumes --out results.xlsx --json results.json
    """
    from screener.errors import ScreenerError
    from screener.export import write_json, write_workbook
    from screener.pipeline import score_folder

    try:
        when = date.fromisoformat(as_of) if as_of else None
    except ValueError:
        raise _fail(f"--as-of must be a date like 2026-01-31, not '{as_of}'") from None
    try:
        with _progress() as progress:
            result = score_folder(folder, rubric, taxonomy, as_of=when, progress=progress)
        written = [write_workbook(result, out)]
        if json_out is not None:
            written.append(write_json(result, json_out))
    except ScreenerError as exc:
        raise _fail(f"error: {exc}") from None
    except OSError as exc:
        raise _fail(f"error: cannot write output: {exc}") from None
    shortlisted = sum(r.shortlisted for r in result.ranking)
    typer.echo(
        f"Scored {len(result.ranking)}, skipped {len(result.skipped)}, "
        f"shortlisted {shortlisted} for '{result.rubric.opening}'. "
        f"Wrote {', '.join(str(p) for p in written)}.",
        err=True,
    )


@app.command("validate")
def validate_cli(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Rubric files or folders [default: rubrics/].")
    ] = None,
    taxonomy: Annotated[
        Path | None, typer.Option(help="Taxonomy folder [default: skills_taxonomy/].")
    ] = None,
) -> None:
    """Check the taxonomy and rubrics, listing every problem as path:line: field: message.

    Example: screener validate rubrics/mlops_engineer.yaml
    """
    from screener.config import validate_paths
    from screener.errors import ConfigError, ScreenerError

    try:
        report = validate_paths(paths, taxonomy_dir=taxonomy)
    except ConfigError as exc:
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        count = len(exc.problems)
        raise _fail(f"{count} problem{'s' if count != 1 else ''} found") from None
    except ScreenerError as exc:
        raise _fail(f"error: {exc}") from None
    requirements = sum(len(r.requirements) for r in report.rubrics)
    typer.echo(
        f"OK: taxonomy of {len(report.taxonomy)} skills, {len(report.rubrics)} "
        f"rubric{'s' if len(report.rubrics) != 1 else ''} with {requirements} requirements",
        err=True,
    )


class _progress:
    """A progress bar on stderr, as a callback for the library's batch."""

    def __enter__(self) -> _progress:
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


if __name__ == "__main__":  # pragma: no cover
    app()
