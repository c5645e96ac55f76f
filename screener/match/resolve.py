"""``taxonomy find``: which skill a phrase resolves to, by which form, and what it implies."""

from __future__ import annotations

from dataclasses import dataclass

from screener.config.taxonomy import Taxonomy, implications
from screener.config.variants import fold
from screener.match.index import skill_index


@dataclass(frozen=True, slots=True)
class Resolution:
    """One skill found in a phrase, with the taxonomy form that matched it."""

    skill_id: str
    name: str
    matched: str
    start: int
    end: int
    form: str
    form_kind: str
    ambiguous: bool
    implies: tuple[tuple[str, str, float], ...]


def resolve(text: str, taxonomy: Taxonomy) -> list[Resolution]:
    """Every skill form in ``text``, longest first where they overlap, context rules ignored."""
    index = skill_index(taxonomy)
    out = []
    for hit in index.find(index.tokenize(text)):
        skill = taxonomy.skills[hit.skill_id]
        matched = text[hit.start : hit.end]
        form, kind = index.declared.get((skill.id, fold(matched)), (matched, "variant"))
        out.append(
            Resolution(
                skill_id=skill.id,
                name=skill.name,
                matched=matched,
                start=hit.start,
                end=hit.end,
                form=form,
                form_kind=kind,
                ambiguous=skill.ambiguity is not None,
                implies=tuple(
                    (target, taxonomy.name_of(target), round(weight, 3))
                    for target, weight in implications(taxonomy, skill.id)
                ),
            )
        )
    return out
