"""Fairness and accountability: the commands that check a run after the fact. ``audit``
reports adverse impact across self-reported categories, and ``log verify`` checks that the
hash-chained audit log of runs is intact. A new command that examines past runs for bias,
traceability or tampering goes here (``log`` subcommands on ``log_app``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from screener.cli.options import fail


def audit_cli(
    results: Annotated[Path, typer.Argument(help="Results of a run: JSON (--json) or workbook.")],
    demographics: Annotated[
        Path,
        typer.Option(
            help="CSV of voluntarily self-reported categories: a file column, then "
            "one column per dimension (e.g. sex, race_ethnicity)."
        ),
    ],
    selected: Annotated[
        str,
        typer.Option(
            help="Who counts as selected: shortlist, advance (workbook decisions) or band>=NAME."
        ),
    ] = "shortlist",
    mode: Annotated[
        str, typer.Option(help="selection (selection rates) or scoring (share above median).")
    ] = "selection",
    dimensions: Annotated[
        str | None, typer.Option(help="Comma-separated columns to audit (default: all).")
    ] = None,
    out: Annotated[Path | None, typer.Option(help="Also write an Audit workbook here.")] = None,
    csv_out: Annotated[Path | None, typer.Option("--csv", help="Also write a CSV here.")] = None,
) -> None:
    """Bias audit of a run: per category, the count, the selection (or scoring) rate, the
    impact ratio against the highest category, the four-fifths flag and Fisher's exact
    p-value; Unknown and categories under 2% are listed but left out of the ratios.

    Example: screener audit results.json --demographics demographics.csv --selected shortlist
    """
    import csv

    from screener.errors import ScreenerError
    from screener.pipeline.fairness import by_file_name, load_candidates, load_demographics
    from screener.score.audit import COLUMNS, audit, report_rows, report_text

    if mode not in {"selection", "scoring"}:
        raise fail("--mode must be 'selection' or 'scoring'")
    try:
        candidates = load_candidates(results, selected)
        data, found = load_demographics(demographics)
        chosen = [d.strip() for d in dimensions.split(",")] if dimensions else found
        unknown = [d for d in chosen if d not in found]
        if unknown:
            raise fail(f"no column {', '.join(unknown)} in {demographics}: {', '.join(found)}")
        report = audit(
            candidates,
            by_file_name(candidates, data),
            dimensions=chosen,
            mode="scoring" if mode == "scoring" else "selection",
        )
        rows = report_rows(report)
        if csv_out is not None:
            csv_out.parent.mkdir(parents=True, exist_ok=True)
            with csv_out.open("w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(COLUMNS)
                writer.writerows(rows)
        if out is not None:
            from openpyxl import Workbook

            wb = Workbook()
            ws = wb.active
            assert ws is not None
            ws.title = "Audit"
            ws.append(list(COLUMNS))
            for row in rows:
                ws.append(list(row))
            ws.freeze_panes = "A2"
            notes = wb.create_sheet("Notes")
            for line in report_text(report).splitlines():
                notes.append([line])
            out.parent.mkdir(parents=True, exist_ok=True)
            wb.save(out)
    except ScreenerError as exc:
        raise fail(f"error: {exc}") from None
    except ValueError as exc:
        raise fail(f"error: {exc}") from None
    typer.echo(report_text(report))


log_app = typer.Typer(no_args_is_help=True, help="The audit log of runs: verify it.")


@log_app.command("verify")
def log_verify_cli(
    log: Annotated[
        Path | None,
        typer.Argument(help="The log (default: $SCREENER_AUDIT_LOG or ~/.local/share/...)."),
    ] = None,
) -> None:
    """Check that no line of the audit log was changed or removed (exit 1 naming the line).

    Example: screener log verify
    """
    from screener.export.auditlog import default_log, verify

    target = log or default_log()
    problems = verify(target)
    for problem in problems:
        typer.echo(f"{target}: {problem}", err=True)
    if problems:
        raise fail(f"the audit log {target} is not intact")
    lines = sum(1 for line in target.read_text(encoding="utf-8").splitlines() if line.strip())
    typer.echo(f"OK: {target}: {lines} runs, chain intact", err=True)
