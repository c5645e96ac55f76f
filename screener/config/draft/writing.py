"""Writing the drafted requirements as the text of a rubric YAML file: the header comments,
opening, source and default bands and shortlist, the requirements by tier with weights spread
from the tier's top to its bottom in order of appearance and a comment on every inferred line,
then the items not drafted. ``render`` checks that the result loads as a ``RubricFile``.
"""

from __future__ import annotations

import yaml

from screener.config.draft.items import Group, Req
from screener.config.draft.reading import Parsed
from screener.config.draft.text import fmt, scalar
from screener.config.rubric import RubricFile

#: Weight of the first and of the last requirement of each group, in order of appearance.
WEIGHTS: dict[Group, tuple[int, int]] = {"must": (10, 5), "resp": (4, 2), "nice": (3, 1)}

_GROUP_NAMES: dict[Group, tuple[str, str]] = {
    "must": ("must-have", "Must-haves"),
    "resp": ("responsibility", "Responsibilities (drafted as nice-to-haves)"),
    "nice": ("nice-to-have", "Nice-to-haves"),
}


def _comment(text: str) -> str:
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def _weights(count: int, group: Group) -> list[int]:
    hi, lo = WEIGHTS[group]
    if count == 1:
        return [hi]
    return [int(hi - (hi - lo) * i / (count - 1) + 0.5) for i in range(count)]


def render(
    requirements: list[Req],
    notes: list[str],
    parsed: Parsed,
    title: str,
    opening: str | None,
    source: str | None,
) -> str:
    where = source or "a job description given as text"
    out = [
        f"# DRAFT rubric, drafted by screener from {_comment(where)}.",
        "# Every requirement, tier, weight and skill list below was inferred from the job",
        "# description; the comment on each line says from what. Review each one (the weights",
        "# especially), fix what the draft got wrong, delete what does not matter, then check",
        "# the file with:  screener validate <this file>",
        "# Weights follow the tier and the order of appearance: must-haves 10 down to 5,",
        "# responsibilities 4 down to 2, nice-to-haves 3 down to 1.",
    ]
    if not parsed.has_sections:
        out.append("# No requirement headings were found: every line was read as a must-have,")
        out.append("# unless it says it is a plus.")
    out.append("version: 1")
    if opening:
        why = "given when drafting"
    elif parsed.title:
        why = f"the job description's first heading or title (line {parsed.title[1]})"
    else:
        why = "no title line found: name the opening"
    out.append(f"opening: {scalar(title)}  # {why}")
    if source:
        out.append(f"source: {scalar(source)}  # the job description this was drafted from")
    out += [
        "bands: {strong: 75, good: 55, fair: 35}  # the defaults: review for this opening",
        "shortlist: {top: 20, min_score: 55, must_haves: required}  # the defaults",
        "requirements:",
    ]
    ids: set[str] = set()
    groups: tuple[Group, ...] = ("must", "resp", "nice")
    for group in groups:
        members = [r for r in requirements if r.origin.group == group]
        if not members:
            continue
        singular, plural = _GROUP_NAMES[group]
        hi, lo = WEIGHTS[group]
        banner = f"  # ---- {plural}: weights {hi} down to {lo} "
        out += ["", banner + "-" * max(4, 92 - len(banner))]
        for i, (req, weight) in enumerate(zip(members, _weights(len(members), group), strict=True)):
            rid, n = req.id_base, 1
            while rid in ids:
                n += 1
                rid = f"{req.id_base}-{n}"
            ids.add(rid)
            tier = "must" if group == "must" else "nice"
            out += [
                f"  - id: {scalar(rid)}  # {_comment(req.id_note)}",
                f"    label: {scalar(req.origin.label)}  # {req.origin.lines}",
                f"    tier: {tier}  # {_comment(req.origin.tier_note)}",
                f"    weight: {weight}  # {singular} #{i + 1} of {len(members)}",
                f"    {req.kind}: {req.value}  # {_comment(req.kind_note)}",
            ]
            if req.min_years is not None:
                out.append(f"    min_years: {fmt(req.min_years)}  # {_comment(req.years_note)}")
            out += [f"    # not used: {_comment(note)}" for note in req.left_out]
    if notes:
        out += ["", "# ---- Not drafted: add these by hand if they matter " + "-" * 40]
        out += [f"# {_comment(note)}" for note in notes]
    result = "\n".join(out) + "\n"
    RubricFile.model_validate(yaml.safe_load(result))  # a draft that does not load is a bug
    return result
