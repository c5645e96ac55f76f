"""Maintenance: the commands that look after the tool's own data rather than a batch.
``taxonomy lint|find|stats`` inspect the skills taxonomy and ``cache clear`` deletes the
profile cache. A new command that inspects or cleans up the taxonomy, the cache or other
local state goes here (as a subcommand on ``taxonomy_app`` or ``cache_app``, or a new group).
"""

from __future__ import annotations

from typing import Annotated

import typer

from screener.cli.options import TaxonomyOption, fail, load_taxonomy

taxonomy_app = typer.Typer(
    no_args_is_help=True, help="Inspect the skills taxonomy: lint, find, stats."
)


@taxonomy_app.command("lint")
def taxonomy_lint_cli(taxonomy: TaxonomyOption = None) -> None:
    """Load the taxonomy (errors: exit 1) and list forms likely to match badly (warnings).

    Example: screener taxonomy lint
    """
    from screener.config.lint import lint_taxonomy

    loaded = load_taxonomy(taxonomy)
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

    found = resolve(text, load_taxonomy(taxonomy))
    if not found:
        raise fail(f"no skill found in '{text}'")
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

    stats = taxonomy_stats(load_taxonomy(taxonomy))
    typer.echo(
        f"{stats.skills} skills, {stats.aliases} aliases, {stats.ambiguous} with "
        f"context rules, {stats.implications} implications"
    )
    for title, counts in (("family", stats.by_family), ("type", stats.by_type)):
        typer.echo(f"\nBy {title}:")
        for name, count in counts.items():
            typer.echo(f"  {count:5d}  {name}")


cache_app = typer.Typer(no_args_is_help=True, help="The profile cache: clear it.")


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
