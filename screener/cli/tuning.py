"""Tuning an opening: the commands that build and check what scoring runs on.
``calibrate`` learns a rubric's weights from past decisions, ``validate`` checks the
taxonomy and rubrics, and ``rubric draft`` drafts a rubric from a job description. A new
command that writes, checks or adjusts a rubric before a batch is scored goes here
(``rubric`` subcommands on ``rubric_app``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from screener.cli.options import (
    AsOfOption,
    ProgressBar,
    RubricOption,
    TaxonomyOption,
    config_failure,
    fail,
    load_taxonomy,
    parse_as_of,
)


def calibrate_cli(
    out: Annotated[Path, typer.Option(help="Rubric YAML to write with calibrated weights.")],
    rubric: RubricOption = None,
    labels: Annotated[
        Path | None,
        typer.Option(help="CSV of past decisions: a file column and a label column."),
    ] = None,
    resumes: Annotated[
        Path | None, typer.Option(help="Folder of the labelled resumes, scored now.")
    ] = None,
    results: Annotated[
        Path | None, typer.Option(help="Results JSON of a run with this rubric (--json).")
    ] = None,
    from_workbook: Annotated[
        Path | None,
        typer.Option(
            "--from-workbook",
            help="Results workbook: its Decision column as labels, its Rubric sheet's weights.",
        ),
    ] = None,
    taxonomy: TaxonomyOption = None,
    folds: Annotated[int, typer.Option(min=2, help="Cross-validation folds.")] = 5,
    strength: Annotated[
        float, typer.Option(min=0.0, help="Pull toward the current weights (0: none).")
    ] = 1.0,
    as_of: AsOfOption = None,
) -> None:
    """Learn the rubric's weights from past decisions and report whether they rank better.

    Weights stay non-negative and are pulled toward the current ones, so a few decisions
    nudge them rather than overturn them. The report compares the current and calibrated
    weights under cross-validation (ROC AUC, precision at the shortlist size, pairwise order).

    Examples:
      screener calibrate --labels decisions.csv --resumes inbox/ --out rubrics/mlops_v2.yaml
      screener calibrate --from-workbook results.xlsx --out rubrics/mlops_v2.yaml
    """
    from screener.config import load_rubric
    from screener.errors import ConfigError, ScreenerError
    from screener.pipeline import calibration, score_folder
    from screener.score.calibrate import report_text

    sources = [x for x in (resumes, results, from_workbook) if x is not None]
    if len(sources) != 1:
        raise fail("give exactly one of --resumes, --results or --from-workbook")
    if from_workbook is None and labels is None:
        raise fail("--labels is needed with --resumes or --results")
    when = parse_as_of(as_of)
    loaded = load_taxonomy(taxonomy)
    try:
        opening = load_rubric(rubric, loaded)
        current = {r.id: r.weight for r in opening.requirements}
        if from_workbook is not None:
            table, decisions, edited = calibration.from_workbook(from_workbook)
            if labels is not None:
                decisions = calibration.read_labels(labels)
            current = {i: edited.get(i, w) for i, w in current.items()}
        else:
            assert labels is not None
            decisions = calibration.read_labels(labels)
            if resumes is not None:
                with ProgressBar() as progress:
                    batch = score_folder(resumes, opening, loaded, as_of=when, progress=progress)
                table = calibration.table_from_batch(batch)
            else:
                assert results is not None
                table = calibration.table_from_results(results, opening)
        report = calibration.run_calibration(
            table, decisions, current, folds=folds, strength=strength,
            shortlist=opening.shortlist.top,
        )  # fmt: skip
        source = Path(opening.path).read_text(encoding="utf-8")
        out.parent.mkdir(parents=True, exist_ok=True)
        text = calibration.calibrated_rubric_text(source, report, decisions.sha256)
        out.write_text(text, encoding="utf-8")
    except ConfigError as exc:
        raise config_failure(exc, "the rubric") from None
    except (ScreenerError, ValueError) as exc:
        raise fail(f"error: {exc}") from None
    except OSError as exc:
        raise fail(f"error: {exc}") from None
    typer.echo(report_text(report))
    verdict = "rank better" if report.improved else "do not rank better: keep the current rubric"
    typer.echo(f"Wrote {out}: the calibrated weights {verdict}.", err=True)


def validate_cli(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Rubric files or folders (default: rubrics/).")
    ] = None,
    taxonomy: TaxonomyOption = None,
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
        raise fail(f"{count} problem{'s' if count != 1 else ''} found") from None
    except ScreenerError as exc:
        raise fail(f"error: {exc}") from None
    from screener.config.proxies import proxy_warnings

    for opening in report.rubrics:
        for warning in proxy_warnings(opening):
            typer.echo(f"warning: {opening.path or opening.opening}: {warning}", err=True)
    requirements = sum(len(r.requirements) for r in report.rubrics)
    typer.echo(
        f"OK: taxonomy of {len(report.taxonomy)} skills, {len(report.rubrics)} "
        f"rubric{'s' if len(report.rubrics) != 1 else ''} with {requirements} requirements",
        err=True,
    )


rubric_app = typer.Typer(no_args_is_help=True, help="Rubrics: draft one from a job description.")


@rubric_app.command("draft")
def rubric_draft_cli(
    job: Annotated[Path, typer.Argument(help="Job description: text, Markdown, PDF or DOCX.")],
    out: Annotated[Path, typer.Option(help="Rubric YAML to write.")],
    taxonomy: TaxonomyOption = None,
) -> None:
    """Draft a rubric from a job description: requirement sections, skills, alternatives,
    years and degrees, weights from tier and order, every inferred line commented for review.

    Example: screener rubric draft rubrics/sources/mlops_engineer.md --out rubrics/draft.yaml
    """
    from screener.config.draft import draft_rubric
    from screener.ingest import Limits, Skipped, read_file

    if not job.is_file():
        raise fail(f"error: no such file: {job}")
    loaded = load_taxonomy(taxonomy)
    (document, *_) = read_file(job, job.name, Limits())
    if isinstance(document, Skipped):
        raise fail(f"error: cannot read {job}: {document.reason}")
    try:
        text = draft_rubric(document.text, loaded, source=job.name)
    except ValueError as exc:
        raise fail(f"error: {exc}") from None
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    count = sum(1 for line in text.splitlines() if line.lstrip().startswith("- id:"))
    typer.echo(
        f"Drafted {count} requirements into {out}: review every line, then run "
        f"'screener validate {out}'.",
        err=True,
    )
