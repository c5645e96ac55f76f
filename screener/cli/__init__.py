"""The command line: a thin typer layer; each command calls one library function.

This package defines ``app`` (the ``screener`` console script) and registers every command
on it, in the order ``screener --help`` lists them. The commands live in modules by what a
user does: ``scoring`` (score, profile, explain, shortlist), ``tuning`` (calibrate,
validate, rubric draft), ``accountability`` (audit, log verify) and ``maintenance``
(taxonomy lint|find|stats, cache clear); ``options`` holds what they share. To add a
command, write it in the module that fits and register it below. Keep module-level imports
light: ``screener --help`` must not load spaCy, pandas or openpyxl.
"""

from __future__ import annotations

import typer

from screener.cli import accountability, maintenance, scoring, tuning

__all__ = ["app"]

app = typer.Typer(
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # locals would hold resume text
    add_completion=False,
    help="Score a folder of resumes against an opening's rubric, offline, with evidence.",
)

app.command("score")(scoring.score_cli)
app.command("profile")(scoring.profile_cli)
app.command("explain")(scoring.explain_cli)
app.command("shortlist")(scoring.shortlist_cli)
app.command("calibrate")(tuning.calibrate_cli)
app.command("audit")(accountability.audit_cli)
app.command("validate")(tuning.validate_cli)

app.add_typer(tuning.rubric_app, name="rubric")
app.add_typer(maintenance.taxonomy_app, name="taxonomy")
app.add_typer(accountability.log_app, name="log")
app.add_typer(maintenance.cache_app, name="cache")
