"""Drafting one item of the job description into requirements. ``draft_item`` splits off the
item's "is a plus" clauses as nice-to-haves, then drafts a degree, years of experience and
the skills each part names, as ``Req`` records that carry the id, label, tier and the comment
that explains each value; the rules for skills, years and degrees it applies live in
``skills``, ``years`` and ``degrees``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from screener.config.draft.degrees import find_education
from screener.config.draft.reading import Item
from screener.config.draft.skills import (
    ALTERNATIVES,
    AT_LEAST,
    Context,
    combine,
    filter_hits,
    find_hits,
)
from screener.config.draft.text import fmt, make_label, quote, slugify
from screener.config.draft.years import YEARS, YEARS_FIELDS, sort_years

Group = Literal["must", "resp", "nice"]

_PLUS_CLAUSE = re.compile(
    r"\b(?:is|are|would be|as) an? (?:big |huge |definite |strong )?plus\b|\ba plus\b"
    r"|\bnice[- ]to[- ]have\b|\bbonus\b|\bpreferred\b|\bdesirable\b|\bideally\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Origin:
    """Where a drafted requirement comes from: its text, lines, group and why that group."""

    label: str
    first: int
    last: int
    group: Group
    tier_note: str

    @property
    def lines(self) -> str:
        """``line 7`` or ``lines 7-8``."""
        first, last = self.first, self.last
        return f"line {first}" if first == last else f"lines {first}-{last}"


@dataclass(kw_only=True)
class Req:
    """A drafted requirement, with the comments that explain it."""

    origin: _Origin
    id_base: str
    id_note: str
    kind: str
    value: str
    kind_note: str
    key: tuple[str, frozenset[str]]
    min_years: float | None = None
    years_note: str = ""
    left_out: list[str] = field(default_factory=list)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with everything outside ``spans`` replaced by spaces (offsets are kept)."""
    keep = bytearray(len(text))
    for lo, hi in spans:
        keep[lo:hi] = b"\x01" * (hi - lo)
    return "".join(ch if keep[i] else " " for i, ch in enumerate(text))


def _segments(item: Item, group: Group, where: str) -> Iterator[tuple[str, Group, str]]:
    """The item's text with its group, and each "is a plus" clause of it as a nice-to-have.

    ``where`` says why the item has its group; a clause split off says why it is nice.
    """
    text = item.text
    bounds = [m.end() for m in re.finditer(";", text)]
    clauses = list(zip([0, *bounds], [*bounds, len(text)], strict=True))
    plus = [(lo, hi) for lo, hi in clauses if _PLUS_CLAUSE.search(text[lo:hi])]
    if group == "nice" or not plus:
        yield text, group, where
        return
    rest = [c for c in clauses if c not in plus]
    if rest:
        yield _blank(text, rest), group, where
    for lo, hi in plus:
        cue = _PLUS_CLAUSE.search(text[lo:hi])
        assert cue is not None
        yield _blank(text, [(lo, hi)]), "nice", f'"{cue.group(0)}" (line {item.first})'


def draft_item(
    item: Item, group: Group, where: str, ctx: Context, *, listed: bool
) -> tuple[list[Req], list[str]]:
    """The requirements one item yields, and notes about what it did not yield."""
    reqs: list[Req] = []
    notes: list[str] = []
    for text, seg_group, tier_note in _segments(item, group, where):
        origin = _Origin(make_label(text), item.first, item.last, seg_group, tier_note)
        education = find_education(text, item)
        if education is not None:
            value, why, key = education
            reqs.append(
                Req(origin=origin, id_base="degree", id_note="a degree", kind="education",
                    value=value, kind_note=why, key=("education", key))
            )  # fmt: skip
            continue
        hits, dropped = find_hits(text, ctx, listed=listed)
        kept, left_out, heading = filter_hits(text, hits, ctx)
        figures = list(YEARS.finditer(text))
        specific = [h for h in kept if h.skill_id not in YEARS_FIELDS] if figures else kept
        general, ml, skill_years = sort_years(text, item, figures, specific)
        if general or ml:
            parts: list[str] = []
            sources: list[str] = []
            for name, found in (("min_years", general), ("min_ml_years", ml)):
                if found:
                    parts.append(f"{name}: {fmt(max(n for n, _ in found))}")
                    sources += [w for _, w in found]
            reqs.append(
                Req(origin=origin, id_base="experience", id_note="years of experience",
                    kind="experience", value="{" + ", ".join(parts) + "}",
                    kind_note="; ".join(sources), key=("experience", frozenset(parts)))
            )  # fmt: skip
        if not specific:
            if not (general or ml):
                quoted = quote(item.text, 0, len(item.text))
                why = "".join(f"; {note}" for note in dropped + left_out)
                notes.append(f"line {item.first} {quoted}: no skill, years or degree found{why}")
            continue
        kind, value, why, key = combine(text, specific)
        first, last = min(h.start for h in specific), max(h.end for h in specific)
        cue = ALTERNATIVES.search(text) or AT_LEAST.search(text)
        if cue is not None:
            first, last = min(first, cue.start()), max(last, cue.end())
        quoted = quote(text, first, last)
        if heading and len(heading.split()) <= 3 and slugify(heading):
            id_base, id_note = slugify(heading), f'the item\'s heading "{heading}"'
        else:
            id_base = specific[0].skill_id
            id_note = f'the first skill named, "{specific[0].matched}"'
        req = Req(origin=origin, id_base=id_base, id_note=id_note, kind=kind, value=value,
                  kind_note=f"{why}: {quoted} (line {item.first})", key=(kind, key),
                  left_out=dropped + left_out)  # fmt: skip
        if skill_years:
            req.min_years = max(n for n, _ in skill_years)
            req.years_note = "; ".join(w for _, w in skill_years)
        reqs.append(req)
    return reqs, notes
