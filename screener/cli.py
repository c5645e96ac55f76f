"""The command line: a thin typer layer; each command calls one library function."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from screener.ingest.limits import Limits

_LIMITS = Limits()  # the defaults, shown in --help

if TYPE_CHECKING:
    from screener.config import Taxonomy
    from screener.pipeline import BatchResult

app = typer.Typer(
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals would hold resume text
    add_completion=False,
    help="Score a folder of resumes against an opening's rubric, offline, with evidence.",
)


# Options several commands share.
TaxonomyOption = Annotated[
    Path | None, typer.Option("--taxonomy", help="Taxonomy folder (default: skills_taxonomy/).")
]
RubricOption = Annotated[
    Path | None, typer.Option(help="Rubric YAML (default: rubrics/mlops_engineer.yaml).")
]
AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="Date that 'Present' means (YYYY-MM-DD).")
]


def _as_of(value: str | None) -> date | None:
    """The --as-of date, or None when not given; a clean error when it is not a date."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise _fail(f"--as-of must be a date like 2026-01-31, not '{value}'") from None


def _fail(message: str) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(1)


@app.command("score")
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

    when = _as_of(as_of)
    try:
        limits = Limits(
            max_bytes=int(max_file_mb * 1_048_576), max_pages=max_pages, timeout=timeout
        )
        with _progress() as progress:
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
            raise _fail("--key-file goes with --blind")
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
        raise _fail(f"error: {exc}") from None
    except ImportError as exc:
        raise _fail(f"error: {exc}; install the extra: pip install 'screener[dask]'") from None
    except OSError as exc:
        raise _fail(f"error: cannot write output: {exc}") from None
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


@app.command("profile")
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

    from screener.errors import ScreenerError
    from screener.ingest import Limits, Skipped, read_file
    from screener.match import profile_document, skill_index
    from screener.match.profile import profile_to_dict

    when = _as_of(as_of) or date.today()
    if not file.is_file():
        raise _fail(f"error: no such file: {file}")
    loaded = _load_taxonomy(taxonomy)
    try:
        results = read_file(file, file.name, Limits())
    except ScreenerError as exc:
        raise _fail(f"error: {exc}") from None
    index = skill_index(loaded)
    for item in results:
        if isinstance(item, Skipped):
            typer.echo(f"{item.source}: skipped: {item.reason}", err=True)
            continue
        profile = profile_document(item, index, when)
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
    if not any(not isinstance(r, Skipped) for r in results):
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


@app.command("explain")
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
    from screener.ingest import Limits, Skipped, read_file
    from screener.match import profile_document, skill_index
    from screener.score import score
    from screener.score.explain import explain_text

    when = _as_of(as_of) or date.today()
    if not file.is_file():
        raise _fail(f"error: no such file: {file}")
    loaded = _load_taxonomy(taxonomy)
    try:
        opening = load_rubric(rubric, loaded)
    except ConfigError as exc:
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        raise _fail(f"{len(exc.problems)} problems in the rubric") from None
    except ScreenerError as exc:
        raise _fail(f"error: {exc}") from None
    index = skill_index(loaded)
    results = read_file(file, file.name, Limits())
    for item in results:
        if isinstance(item, Skipped):
            typer.echo(f"{item.source}: not scored: {item.reason}", err=True)
            continue
        profile = profile_document(item, index, when)
        assessment = score(profile, opening, source=item.source, candidate=item.candidate)
        typer.echo(explain_text(assessment, opening, loaded))
    if not any(not isinstance(r, Skipped) for r in results):
        raise typer.Exit(1)


@app.command("shortlist")
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
        raise _fail(f"error: no such file: {results}")
    try:
        count = write_shortlist(results, top, out)
    except ScreenerError as exc:
        raise _fail(f"error: {exc}") from None
    except OSError as exc:
        raise _fail(f"error: cannot write output: {exc}") from None
    typer.echo(f"Shortlisted {count} candidates. Wrote {out}.", err=True)


@app.command("calibrate")
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
        raise _fail("give exactly one of --resumes, --results or --from-workbook")
    if from_workbook is None and labels is None:
        raise _fail("--labels is needed with --resumes or --results")
    when = _as_of(as_of)
    loaded = _load_taxonomy(taxonomy)
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
                with _progress() as progress:
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
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        raise _fail(f"{len(exc.problems)} problems in the rubric") from None
    except (ScreenerError, ValueError) as exc:
        raise _fail(f"error: {exc}") from None
    except OSError as exc:
        raise _fail(f"error: {exc}") from None
    typer.echo(report_text(report))
    verdict = "rank better" if report.improved else "do not rank better: keep the current rubric"
    typer.echo(f"Wrote {out}: the calibrated weights {verdict}.", err=True)


rubric_app = typer.Typer(no_args_is_help=True, help="Rubrics: draft one from a job description.")
app.add_typer(rubric_app, name="rubric")


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
        raise _fail(f"error: no such file: {job}")
    loaded = _load_taxonomy(taxonomy)
    (document, *_) = read_file(job, job.name, Limits())
    if isinstance(document, Skipped):
        raise _fail(f"error: cannot read {job}: {document.reason}")
    try:
        text = draft_rubric(document.text, loaded, source=job.name)
    except ValueError as exc:
        raise _fail(f"error: {exc}") from None
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    count = sum(1 for line in text.splitlines() if line.lstrip().startswith("- id:"))
    typer.echo(
        f"Drafted {count} requirements into {out}: review every line, then run "
        f"'screener validate {out}'.",
        err=True,
    )


@app.command("audit")
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
        raise _fail("--mode must be 'selection' or 'scoring'")
    try:
        candidates = load_candidates(results, selected)
        data, found = load_demographics(demographics)
        chosen = [d.strip() for d in dimensions.split(",")] if dimensions else found
        unknown = [d for d in chosen if d not in found]
        if unknown:
            raise _fail(f"no column {', '.join(unknown)} in {demographics}: {', '.join(found)}")
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
        raise _fail(f"error: {exc}") from None
    except ValueError as exc:
        raise _fail(f"error: {exc}") from None
    typer.echo(report_text(report))


@app.command("validate")
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
        raise _fail(f"{count} problem{'s' if count != 1 else ''} found") from None
    except ScreenerError as exc:
        raise _fail(f"error: {exc}") from None
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


taxonomy_app = typer.Typer(
    no_args_is_help=True, help="Inspect the skills taxonomy: lint, find, stats."
)
app.add_typer(taxonomy_app, name="taxonomy")


def _load_taxonomy(path: Path | None) -> Taxonomy:
    from screener.config import load_taxonomy
    from screener.errors import ConfigError, ScreenerError

    try:
        return load_taxonomy(path)
    except ConfigError as exc:
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        raise _fail(f"{len(exc.problems)} problems in the taxonomy") from None
    except ScreenerError as exc:
        raise _fail(f"error: {exc}") from None


@taxonomy_app.command("lint")
def taxonomy_lint_cli(taxonomy: TaxonomyOption = None) -> None:
    """Load the taxonomy (errors: exit 1) and list forms likely to match badly (warnings).

    Example: screener taxonomy lint
    """
    from screener.config.lint import lint_taxonomy

    loaded = _load_taxonomy(taxonomy)
    warnings = lint_taxonomy(loaded)
    for warning in warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(f"{len(loaded)} skills, {len(warnings)} warnings", err=True)
    if warnings:
        raise typer.Exit(1)


@taxonomy_app.command("find")
def taxonomy_find_cli(
    text: Annotated[str, typer.Argument(help="A phrase, e.g. 'EKS' or 'scikit learn'.")],
    taxonomy: TaxonomyOption = None,
) -> None:
    """Show which skill each part of TEXT resolves to, by which form, and what it implies.

    Example: screener taxonomy find "Vertex AI Pipelines on GKE"
    """
    from screener.match.resolve import resolve

    found = resolve(text, _load_taxonomy(taxonomy))
    if not found:
        raise _fail(f"no skill found in '{text}'")
    for r in found:
        note = " (needs context in resumes)" if r.ambiguous else ""
        typer.echo(f"'{r.matched}' -> {r.name} [{r.skill_id}] by {r.form_kind} '{r.form}'{note}")
        for target, name, weight in r.implies:
            typer.echo(f"    implies {name} [{target}] {weight:g}")


@taxonomy_app.command("stats")
def taxonomy_stats_cli(taxonomy: TaxonomyOption = None) -> None:
    """Count skills by family and type.

    Example: screener taxonomy stats
    """
    from screener.config.taxonomy import taxonomy_stats

    stats = taxonomy_stats(_load_taxonomy(taxonomy))
    typer.echo(
        f"{stats.skills} skills, {stats.aliases} aliases, {stats.ambiguous} with "
        f"context rules, {stats.implications} implications"
    )
    for title, counts in (("family", stats.by_family), ("type", stats.by_type)):
        typer.echo(f"\nBy {title}:")
        for name, count in counts.items():
            typer.echo(f"  {count:5d}  {name}")


log_app = typer.Typer(no_args_is_help=True, help="The audit log of runs: verify it.")
app.add_typer(log_app, name="log")


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
        raise _fail(f"the audit log {target} is not intact")
    lines = sum(1 for line in target.read_text(encoding="utf-8").splitlines() if line.strip())
    typer.echo(f"OK: {target}: {lines} runs, chain intact", err=True)


cache_app = typer.Typer(no_args_is_help=True, help="The profile cache: clear it.")
app.add_typer(cache_app, name="cache")


@cache_app.command("clear")
def cache_clear_cli() -> None:
    """Delete the cached profiles (they hold quotes from resumes) and compiled matchers.

    Example: screener cache clear
    """
    from screener.pipeline.cache import clear_cache

    folder, removed = clear_cache()
    if folder is None:
        typer.echo("Caching is off (SCREENER_CACHE_DIR is empty): nothing to clear.", err=True)
        return
    plural = "s" if removed != 1 else ""
    typer.echo(f"Removed {removed} cache file{plural} from {folder}.", err=True)


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
