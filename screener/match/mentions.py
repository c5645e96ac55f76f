"""Finding mentions: matcher hits filtered by context, then implied skills added."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import TYPE_CHECKING

from screener.config.taxonomy import Skill, Taxonomy, implications
from screener.config.variants import fold
from screener.ingest.document import Document
from screener.match.context import (
    ambiguity_ok,
    confirmed,
    initials,
    language_as_adjective,
    polarity,
    spaced_out,
)
from screener.match.fuzzy import find_fuzzy
from screener.match.index import RawMatch, SkillIndex
from screener.match.profile import Mention, Profile, SkillEvidence
from screener.text.education import find_degrees
from screener.text.lines import line_bounds
from screener.text.sections import section_at
from screener.text.timeline import Role, explicit_years, find_roles, merged_months

if TYPE_CHECKING:
    from screener.match.tokenizer import Tokens

QUOTE_CHARS = 160
_NEWLINE = re.compile("\n")


def profile_document(doc: Document, index: SkillIndex, as_of: date) -> Profile:
    """Build the Profile of one document: matching reads its normalised text, and mention
    offsets are mapped back onto ``doc.text``."""
    taxonomy = index.taxonomy
    text, sections = doc.normalized.text, doc.sections
    roles = find_roles(text, sections, as_of)
    direct = find_mentions(doc, roles, index)
    mentions = direct + implied_mentions(direct, taxonomy)
    by_skill: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_skill[mention.skill_id].append(mention)
    skills = {
        skill_id: _evidence(skill_id, found, roles, taxonomy)
        for skill_id, found in sorted(by_skill.items())
    }
    ml_direct = [
        m for m in direct if m.polarity == "positive" and "ml" in taxonomy.skills[m.skill_id].facets
    ]
    ml_roles = {m.role for m in ml_direct if m.role is not None}
    return Profile(
        skills=skills,
        roles=roles,
        total_months=merged_months(roles),
        ml_months=merged_months([roles[i] for i in sorted(ml_roles)]),
        stated_years=explicit_years(text),
        degrees=find_degrees(text, sections),
        as_of=as_of,
        ml_evidence=bool(ml_direct),
        sections=tuple(s.name for s in sections),
    )


def profile_text(text: str, taxonomy: Taxonomy, *, as_of: date | None = None) -> Profile:
    """Profile a resume given as text; mention offsets refer to ``text`` itself."""
    from screener.ingest import read_text_document
    from screener.match.index import skill_index

    doc = read_text_document(text)
    return profile_document(doc, skill_index(taxonomy), as_of or date.today())


def find_mentions(doc: Document, roles: tuple[Role, ...], index: SkillIndex) -> list[Mention]:
    """Direct mentions: matcher hits that survive the usage and ambiguity rules, then fuzzy
    matches on what no hit covered, each with its polarity."""
    text, sections = doc.normalized.text, doc.sections
    tokens = index.tokenize(text)
    hits = _candidates(text, tokens, index)
    newlines = [m.start() for m in _NEWLINE.finditer(text)]
    lines = [bisect_right(newlines, hit.start) for hit, _ in hits]
    per_line = Counter(lines)
    role_starts = [r.span_start for r in roles]
    out = []
    for (hit, confidence), line in zip(hits, lines, strict=True):
        skill = index.taxonomy.skills[hit.skill_id]
        section = section_at(sections, hit.start)
        role = _role_at(roles, role_starts, hit.start)
        if _other_use(text, hit, skill, section, None if role is None else roles[role], index):
            continue
        versioned = isinstance(hit, RawMatch) and hit.versioned
        # a versioned name is judged by its name alone: "Java" of "Java 8"
        name_end = (
            tokens.end(hit.token_start) if isinstance(hit, RawMatch) and versioned else hit.end
        )
        if not ambiguity_ok(
            skill.ambiguity,
            text,
            hit.start,
            name_end,
            in_skills_section=section == "skills",
            neighbours=per_line[line] - 1,
        ):
            continue
        start, end = doc.normalized.to_original(hit.start, hit.end)
        out.append(
            Mention(
                skill_id=skill.id,
                text=doc.text[start:end],
                start=start,
                end=end,
                section=section,
                method=_method(hit, text[hit.start : hit.end], skill.id, index),
                polarity=polarity(text, hit.start, hit.end),
                role=role,
                quote=quote(text, hit.start, hit.end),
                confidence=round(confidence, 3),
            )
        )
    return out


def _candidates(
    text: str, tokens: Tokens, index: SkillIndex
) -> list[tuple[RawMatch | FuzzyMatch, float]]:
    """Matcher hits (shared forms settled by context) and fuzzy hits with their confidence,
    in text order."""
    raw = index.find(tokens)
    hits: list[tuple[RawMatch | FuzzyMatch, float]] = [
        (h, 1.0) for h in _disambiguate(text, raw, index.taxonomy)
    ]
    hits += [(h, h.score / 100) for h in _fuzzy_hits(tokens, raw, index)]
    hits.sort(key=lambda pair: pair[0].start)
    return hits


def _other_use(
    text: str,
    hit: RawMatch | FuzzyMatch,
    skill: Skill,
    section: str,
    role: Role | None,
    index: SkillIndex,
) -> bool:
    """Whether the name is used for something other than the skill here: the employer in a
    role's header ("Oracle - Bengaluru"), a client, a letter of a spaced-out word, an
    author's initials, a language's name as an adjective."""
    start, end = hit.start, hit.end
    return (
        (role is not None and _names_employer(role, text, start, end))
        or _names_client(text, start, end)
        or spaced_out(text, start, end)
        or initials(text, start, end, section)
        or (
            "spoken-language" in skill.facets
            and language_as_adjective(text, start, end, index.languages)
        )
    )


def _method(hit: RawMatch | FuzzyMatch, matched: str, skill_id: str, index: SkillIndex) -> str:
    """How a hit was found: fuzzy, the version pattern, the skill's name or an alias."""
    if isinstance(hit, FuzzyMatch):
        return "fuzzy"
    if hit.versioned:
        return "pattern"
    return "exact" if fold(matched) in index.name_keys[skill_id] else "alias"


@dataclass(frozen=True, slots=True)
class FuzzyMatch:
    """A fuzzy hit in the same shape as a matcher hit: skill id and character span."""

    skill_id: str
    start: int
    end: int
    score: float


def _fuzzy_hits(tokens: Tokens, raw: list[RawMatch], index: SkillIndex) -> list[FuzzyMatch]:
    covered = bytearray(len(tokens.words))
    for hit in raw:  # also hits context later drops: "Dockers" is no misspelt "Docker"
        covered[hit.token_start : hit.token_end] = b"\x01" * (hit.token_end - hit.token_start)
    return [
        FuzzyMatch(h.skill_id, tokens.starts[h.token_start], tokens.end(h.token_end - 1), h.score)
        for h in find_fuzzy(tokens.words, covered, index.fuzzy)
    ]


def _disambiguate(text: str, hits: list[RawMatch], taxonomy: Taxonomy) -> list[RawMatch]:
    """Keep a form shared by several skills only for the one skill its context confirms:
    a confirming word nearby, or another skill on the line of the same kind ("TF, Ansible,
    Packer" is Terraform; "TF, PyTorch, JAX" is TensorFlow)."""
    out = []
    groups = [list(group) for _, group in groupby(hits, key=lambda h: (h.start, h.end))]
    for candidates in groups:
        if len(candidates) > 1:
            facets = _line_facets(text, candidates[0], groups, taxonomy)
            candidates = [
                h
                for h in candidates
                if confirmed(taxonomy.skills[h.skill_id].ambiguity, text, h.start, h.end)
                or facets & set(taxonomy.skills[h.skill_id].facets)
            ]
            if len(candidates) != 1:
                continue
        out += candidates
    return out


def _line_facets(
    text: str, shared: RawMatch, groups: list[list[RawMatch]], taxonomy: Taxonomy
) -> set[str]:
    """Facets of the unshared skills on the same line as a shared form."""
    lo, hi = line_bounds(text, shared.start, shared.end)
    return {
        facet
        for group in groups
        if len(group) == 1 and lo <= group[0].start < hi
        for facet in taxonomy.skills[group[0].skill_id].facets
    }


def _names_employer(role: Role, text: str, start: int, end: int) -> bool:
    """Whether a hit in a role's header line is its employer's name, written in full and in
    one word ("Oracle", "SAP"); "SAP ABAP - Kolkata" names a practice, not a company."""
    if role.employer is None or not role.span_start <= start < role.span_start + len(role.header):
        return False
    written = text[start:end]
    return written.isalnum() and written.lower() == role.employer.lower()


_CLIENT = re.compile(r"\b(?:client|customer|employer|company|organi[sz]ation)\s*:\s*$", re.I)
_VALUE_END = re.compile(r"\s*(?:$|[|,;(\u2022]|\s[-\u2013\u2014]\s|\s{2,})", re.M)


def _names_client(text: str, start: int, end: int) -> bool:
    """Whether a hit is the whole value of a "Client:" or "Company:" label: "Client: ORACLE"
    names who the work was for, not what it was done with."""
    lo = max(text.rfind("\n", 0, start) + 1, start - 40)
    return bool(_CLIENT.search(text, lo, start)) and bool(_VALUE_END.match(text, end))


def _role_at(roles: tuple[Role, ...], starts: list[int], offset: int) -> int | None:
    i = bisect_right(starts, offset) - 1
    return i if i >= 0 and offset < roles[i].span_end else None


def implied_mentions(direct: list[Mention], taxonomy: Taxonomy) -> list[Mention]:
    """Mentions implied by the taxonomy's ``implies`` links, weights multiplied along chains."""
    return [
        mention._replace(
            skill_id=target,
            method="implied",
            weight=round(weight, 4),
            implied_by=mention.skill_id,
        )
        for mention in direct
        if mention.polarity != "negated"
        for target, weight in implications(taxonomy, mention.skill_id)
    ]


def _evidence(
    skill_id: str, mentions: list[Mention], roles: tuple[Role, ...], taxonomy: Taxonomy
) -> SkillEvidence:
    used = sorted(
        {
            m.role
            for m in mentions
            if m.role is not None and m.polarity == "positive" and m.method != "implied"
        }
    )
    used_roles = [roles[i] for i in used]
    return SkillEvidence(
        skill_id=skill_id,
        name=taxonomy.name_of(skill_id),
        mentions=tuple(mentions),
        months=merged_months(used_roles),
        last_used=max((r.end for r in used_roles), default=None),
    )


def quote(text: str, start: int, end: int, width: int = QUOTE_CHARS) -> str:
    """The line around a mention, trimmed to about ``width`` characters."""
    line_start, line_end = line_bounds(text, start, end)
    lo = max(line_start, start - width // 2)
    hi = min(line_end, max(end + width // 2, lo + width))
    snippet = " ".join(text[lo:hi].split())
    return ("…" if lo > line_start else "") + snippet + ("…" if hi < line_end else "")
