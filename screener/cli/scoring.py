"""Scoring a batch: the commands a recruiter runs on resumes for an opening. ``score`` ranks
a folder into a workbook (and JSON/CSV), ``profile`` shows what one resume evidences,
``explain`` breaks down one resume's score, and ``shortlist`` cuts a shortlist workbook from
a scored one. A new command that reads resumes and produces or reworks scores and rankings
goes here; its heavy imports (the pipeline, spaCy, openpyxl) stay inside its function.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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
from screener.ingest.limits import Limits

if TYPE_CHECKING:
    from screener.config import Taxonomy
    from screener.ingest import Document
    from screener.match.profile import Profile
    from screener.pipeline import BatchResult

_LIMITS = Limits()  # the defaults, shown in --help


def score_cli(
    folder: Annotated[
        Path, typer.Argument(help="Folder of resumes (searched recursively).")
    ] = Path("sample_resumes"),
    rubric: Annotated[
        list[Path] | None,
        typer.Option(
            help="Rubric YAML (default: rubrics/mlops_engineer.yaml); repeat it to score "
            "every candidate for several openings in one pass."
        ),
    ] = None,
    taxonomy: TaxonomyOption = None,
    out: Annotated[Path, typer.Option(help="Workbook to write.")] = Path("results.xlsx"),
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the results as JSON here.")
    ] = None,
    csv_dir: Annotated[
        Path | None, typer.Option("--csv", help="Also write one CSV per sheet to this folder.")
    ] = None,
    shortlist: Annotated[
        int | None,
        typer.Option("--shortlist", min=1, help="Shortlist size (default: the rubric's)."),
    ] = None,
    as_of: AsOfOption = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Worker processes (default: one per core).")
    ] = None,
    timeout: Annotated[
        float, typer.Option(min=1, help="Seconds one file may take before it is stopped.")
    ] = _LIMITS.timeout,
    max_pages: Annotated[int, typer.Option(min=1, help="Longest PDF read, in pages.")] = (
        _LIMITS.max_pages
    ),
    max_file_mb: Annotated[float, typer.Option(min=0.1, help="Largest file read, in MB.")] = (
        _LIMITS.max_bytes / 1_048_576
    ),
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Read every file afresh; leave the cache alone.")
    ] = False,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Profile on a Dask cluster: its scheduler address (tcp://host:8786), or "
            "'local' for one started here (needs the 'dask' extra)."
        ),
    ] = None,
    audit_log: Annotated[
        Path | None,
        typer.Option(
            help="Append-only log of runs (default: $SCREENER_AUDIT_LOG or "
            "~/.local/share/screener/audit.jsonl). Check it with 'screener log verify'."
        ),
    ] = None,
    blind: Annotated[
        bool,
        typer.Option(
            "--blind",
            help="Show candidates as stable IDs and redact names, contact details, ages, "
            "pronouns, marital status and nationality from every output. Scores do not change.",
        ),
    ] = False,
    key_file: Annotated[
        Path | None,
        typer.Option(help="With --blind: write the ID-to-file key here (CSV); keep it apart."),
    ] = None,
) -> None:
    """Score every resume in FOLDER and write a ranked, explained workbook.

    FOLDER is searched recursively for PDF, DOCX, ODT, RTF, HTML, text and Markdown resumes
    and ZIP archives of them; files that cannot be read are listed on the Errors sheet.

    Example: screener score sample_resumes --out results.xlsx --json results.json
    """
    from screener.errors import ScreenerError
    from screener.export import write_csv, write_json, write_workbook
    from screener.pipeline import score_openings

    when = parse_as_of(as_of)
    try:
        limits = Limits(
            max_bytes=int(max_file_mb * 1_048_576), max_pages=max_pages, timeout=timeout
        )
        with ProgressBar() as progress:
            results = score_openings(
                folder,
                [*rubric] if rubric else [None],
                taxonomy,
                as_of=when,
                progress=progress,
                workers=workers,
                limits=limits,
                shortlist=shortlist,
                use_cache=not no_cache,
                scheduler=scheduler,
            )
        if key_file is not None and not blind:
            raise fail("--key-file goes with --blind")
        if blind:
            from screener.pipeline.blinding import blind_results

            results, key = blind_results(results)
            if key_file is not None:
                _write_key(key_file, key)
        written = [write_workbook(results, out)]
        if json_out is not None:
            written.append(write_json(results, json_out))
        if csv_dir is not None:
            written.append(write_csv(results, csv_dir))
        _log_run(results, written, audit_log)
    except ScreenerError as exc:
        raise fail(f"error: {exc}") from None
    except ImportError as exc:
        raise fail(f"error: {exc}; install the extra: pip install 'screener[dask]'") from None
    except OSError as exc:
        raise fail(f"error: cannot write output: {exc}") from None
    first = results[0]
    shortlisted = ", ".join(
        f"{sum(r.shortlisted for r in result.ranking)} for '{result.rubric.opening}'"
        for result in results
    )
    typer.echo(
        f"Scored {len(first.ranking)}, skipped {len(first.skipped)}, shortlisted "
        f"{shortlisted}. Wrote {', '.join(str(p) for p in written)}.",
        err=True,
    )


def profile_cli(
    file: Annotated[Path, typer.Argument(help="One resume: PDF, DOCX, text, Markdown...")],
    taxonomy: TaxonomyOption = None,
    as_of: AsOfOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the profile as JSON.")] = False,
) -> None:
    """Show what one resume evidences: skills with quotes, dated roles, years of experience.

    Example: screener profile sample_resumes/01_priya_raman_mlops_aws.md
    """
    import json

    from screener.match.profile import profile_to_dict

    when = parse_as_of(as_of) or date.today()
    if not file.is_file():
        raise fail(f"error: no such file: {file}")
    profiles = _profiles(file, load_taxonomy(taxonomy), when, skipped="skipped")
    for item, profile in profiles:
        if as_json:
            typer.echo(
                json.dumps(
                    {"file": item.source, **profile_to_dict(profile)},
                    default=str,
                    ensure_ascii=False,
                    indent=2,
                )
            )
            continue
        typer.echo(
            f"{item.source}: {item.candidate}; {profile.years:.1f} years, "
            f"{profile.ml_years:.1f} in roles with ML work"
        )
        for role in profile.roles:
            typer.echo(
                f"  role: {role.start:%Y-%m} to {role.end:%Y-%m} ({role.months} months) "
                f"{role.header}"
            )
        for evidence in profile.skills.values():
            first = evidence.mentions[0]
            typer.echo(
                f"  {evidence.name} [{evidence.skill_id}] x{len(evidence.mentions)}: "
                f'{first.method}, {first.polarity}, {first.section}: "{first.quote}"'
            )
    if not profiles:
        raise typer.Exit(1)


def _write_key(path: Path, key: dict[str, str]) -> None:
    """The blind-mode key: which file each candidate ID stands for."""
    import csv

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["candidate_id", "file"])
        writer.writerows(sorted(key.items()))


def _log_run(results: list[BatchResult], written: list[Path], log: Path | None) -> None:
    """Append one line per opening to the hash-chained audit log: who ran what, on what."""
    from screener import __version__
    from screener.export.auditlog import append_entry, default_log, run_entry

    target = log or default_log()
    for result in results:
        append_entry(
            target,
            run_entry(
                tool_version=__version__,
                opening=result.rubric.opening,
                rubric_path=result.rubric.path,
                rubric_sha256=result.rubric.sha256,
                taxonomy_sha256=result.taxonomy.sha256,
                as_of=result.as_of,
                options=result.options,
                inputs=result.inputs,
                outputs=written,
                scored=len(result.ranking),
                skipped=len(result.skipped),
                shortlisted=sum(r.shortlisted for r in result.ranking),
            ),
        )


def explain_cli(
    file: Annotated[Path, typer.Argument(help="One resume: PDF, DOCX, text, Markdown...")],
    rubric: RubricOption = None,
    taxonomy: TaxonomyOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Explain one resume's score: each requirement's points with the quotes behind them,
    the missing must-haves, and what would raise the score.

    Example: screener explain sample_resumes/01_priya_raman_mlops_aws.md
    """
    from screener.config import load_rubric
    from screener.errors import ConfigError, ScreenerError
    from screener.score import score
    from screener.score.explain import explain_text

    when = parse_as_of(as_of) or date.today()
    if not file.is_file():
        raise fail(f"error: no such file: {file}")
    loaded = load_taxonomy(taxonomy)
    try:
        opening = load_rubric(rubric, loaded)
    except ConfigError as exc:
        raise config_failure(exc, "the rubric") from None
    except ScreenerError as exc:
        raise fail(f"error: {exc}") from None
    profiles = _profiles(file, loaded, when, skipped="not scored")
    for item, profile in profiles:
        assessment = score(profile, opening, source=item.source, candidate=item.candidate)
        typer.echo(explain_text(assessment, opening, loaded))
    if not profiles:
        raise typer.Exit(1)


def _profiles(
    file: Path, taxonomy: Taxonomy, when: date, *, skipped: str
) -> list[tuple[Document, Profile]]:
    """Each readable document in FILE (a ZIP holds several) with its profile; what cannot
    be read is reported on stderr as "SOURCE: SKIPPED: reason"."""
    from screener.errors import ScreenerError
    from screener.ingest import Limits, Skipped, read_file
    from screener.match import profile_document, skill_index

    try:
        results = read_file(file, file.name, Limits())
    except ScreenerError as exc:
        raise fail(f"error: {exc}") from None
    index = skill_index(taxonomy)
    out = []
    for item in results:
        if isinstance(item, Skipped):
            typer.echo(f"{item.source}: {skipped}: {item.reason}", err=True)
        else:
            out.append((item, profile_document(item, index, when)))
    return out


def shortlist_cli(
    results: Annotated[Path, typer.Argument(help="A results workbook written by 'score'.")],
    top: Annotated[int, typer.Option(min=1, help="How many candidates to keep.")] = 10,
    out: Annotated[Path, typer.Option(help="Shortlist workbook to write.")] = Path(
        "shortlist.xlsx"
    ),
) -> None:
    """Cut a shortlist workbook of its own: the TOP highest scores (as last calculated, so
    edited weights count) and their evidence, leaving out candidates marked Reject.

    Example: screener shortlist results.xlsx --top 5 --out shortlist.xlsx
    """
    from screener.errors import ScreenerError
    from screener.export.shortlist import write_shortlist

    if not results.is_file():
        raise fail(f"error: no such file: {results}")
    try:
        count = write_shortlist(results, top, out)
    except ScreenerError as exc:
        raise fail(f"error: {exc}") from None
    except OSError as exc:
        raise fail(f"error: cannot write output: {exc}") from None
    typer.echo(f"Shortlisted {count} candidates. Wrote {out}.", err=True)
