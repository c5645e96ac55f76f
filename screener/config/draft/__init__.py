"""Draft a rubric from a job description's text, for a recruiter to review.

``draft_rubric`` reads the plain text of a job description (Markdown or text; PDF and DOCX
are extracted by the caller with ``screener.ingest``) and returns the text of a version-1
rubric YAML file. It never writes anything; every value it infers carries a YAML comment that
says what it was inferred from, so the draft can be reviewed line by line.

How the job description is read:

- **Sections.** Headings (Markdown ``#``, a bold-only line, an underlined line, or a known
  heading on a line of its own: ``Requirements:``, ``NICE TO HAVE``) open sections.
  Must-have sections: "Requirements", "Must have", "Qualifications", "Required", "What you
  bring", "Minimum qualifications"... Nice-to-have sections: "Nice to have", "Preferred",
  "Bonus", "Pluses", "Preferred qualifications"... Responsibility sections: "Responsibilities",
  "What you'll do"... (drafted as nice-to-haves, weighted above them). Other sections (About
  us, Benefits...) are ignored. A job description with no requirement heading at all is read
  as one list of must-haves.
- **Items.** Each bullet (with its wrapped continuation lines) or other line of a requirement
  section is one item. A clause of a must-have item that says it "is a plus", is "preferred"
  or "a bonus" becomes a nice-to-have of its own.
- **Skills.** Skills are found with the project's matcher (``screener.match.skill_index``)
  and the context rules for ambiguous names. Some hits are context, not requirements, when
  the item names something more specific: a heading before a colon ("Cloud: AWS or Azure"),
  broad fields (machine learning, cloud computing, MLOps...), soft skills, and a skill that
  is a ``broader`` parent of another one on the item (unless examples follow it in
  parentheses: "Feature stores (Feast, Tecton)"). Each one left out is listed in a comment.
- **How the skills combine.** "at least two of" gives ``at_least``; alternatives ("one of",
  "e.g.", "such as", "or", "/", "or equivalent") give ``any``; one skill, or one skill with
  examples in parentheses, gives ``any``; skills joined by "and", or two skills listed, give
  ``all`` (``at_least`` with n = the number of items when some come with examples in
  parentheses: "registries and tracking (MLflow, W&B)"); a bare list of three or more gives
  ``at_least: {n: 2}``.
- **Years.** "3+ years of software engineering, 2+ on ML systems" (nothing more specific than
  the field named) gives ``experience: {min_years: 3, min_ml_years: 2}``; years whose clause
  names machine learning, AI, data science or models count as ML years. "5+ years of Python"
  gives ``min_years: 5`` on the skill requirement.
- **Degrees.** "Bachelor's/Master's/PhD in Computer Science or related" gives ``education``
  with the lowest level named and the fields as slugs ("CS" is computer-science; "related"
  next to a computing field adds the usual computing fields); "equivalent" experience adds
  ``or_years``: the number of years the item gives, else 5.

Weights come from the tier and the order of appearance, spread evenly and rounded:
must-haves 10 down to 5, responsibilities 4 down to 2, nice-to-haves 3 down to 1 (one
requirement in a tier gets the top weight). Requirement ids are slugs of the item's short
heading ("Cloud: ...") or of its first skill (or ``experience`` / ``degree``), made unique
with a numeric suffix; labels are the item's text shortened to about 80 characters. An item
with the same way to be satisfied as an earlier one is not drafted twice.

The package, one module per step: ``reading`` splits the text into items under their
sections; ``items`` drafts one item into requirements with the rules of ``skills`` (which
skills, how they combine), ``years`` and ``degrees``; ``writing`` writes the YAML; ``text``
holds the helpers they share (numbers, quotes, labels, slugs, YAML scalars). ``draft_rubric``
below ties them together and drops a requirement already drafted.
"""

from __future__ import annotations

from screener.config.draft.items import Group, Req, draft_item
from screener.config.draft.reading import Section, parse
from screener.config.draft.skills import Context
from screener.config.draft.text import quote
from screener.config.draft.writing import render
from screener.config.taxonomy import Taxonomy

__all__ = ["draft_rubric"]

_GROUPS: dict[Section | None, Group] = {"must": "must", "resp": "resp", "nice": "nice"}


def draft_rubric(
    text: str, taxonomy: Taxonomy, *, opening: str | None = None, source: str | None = None
) -> str:
    """Draft the text of a rubric YAML file from a job description's plain text.

    ``opening`` defaults to the job description's first heading or title line; ``source``
    (the job description's path, as the rubric should cite it) is written to the rubric's
    ``source`` field and to its header. The result parses with ``yaml.safe_load`` and
    validates with ``screener.config.load_rubric``; every inferred value carries a comment
    saying what it was inferred from. Raises ValueError when the text yields no requirement.
    """
    parsed = parse(text)
    ctx = Context(taxonomy)
    drafted: list[Req] = []
    notes: list[str] = []
    for item in parsed.items:
        if not parsed.has_sections:
            if item.section == "other":
                continue
            group: Group = "must"
            where = "no requirement headings: every line is a must-have"
        elif item.section in _GROUPS:
            group = _GROUPS[item.section]
            where = f'under "{item.heading}" (line {item.heading_line})'
        else:
            continue
        listed = parsed.has_sections or item.bullet
        reqs, skipped = draft_item(item, group, where, ctx, listed=listed)
        drafted += reqs
        notes += skipped
    requirements: list[Req] = []
    first_of: dict[tuple[str, frozenset[str], float | None], Req] = {}
    for req in drafted:
        key = (*req.key, req.min_years)
        if key in first_of:
            label, earlier = req.origin.label, first_of[key].origin
            notes.append(
                f"{req.origin.lines} {quote(label, 0, len(label))}: asks what "
                f"{earlier.lines} already asks; not drafted twice"
            )
            continue
        first_of[key] = req
        requirements.append(req)
    if not requirements:
        raise ValueError(
            "no requirement found in the job description: no line names a skill from the "
            "taxonomy, years of experience or a degree"
            + ("" if parsed.has_sections else " (and no requirement headings were found)")
        )
    title = opening or (parsed.title[0] if parsed.title else "") or "Untitled opening"
    return render(requirements, notes, parsed, title, opening, source)
