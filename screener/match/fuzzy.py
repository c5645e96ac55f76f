"""Fuzzy fallback for misspelt product names ("Kubernates", "Teraform", "Grafanna").

Only for long, unambiguous names of products (``fuzzy_allowed``; languages, frameworks,
tools, platforms, services, databases: never concepts or soft skills), only on tokens no
exact match covered, and never for an English word: "market" is not a misspelt Marketo, nor
"objective" Objective-C. Candidates are blocked by their first two letters and length, so
each word meets a few names, and results are cached per word.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from screener.config.taxonomy import (
    FUZZY_MIN_CHARS,
    SkillType,
    Taxonomy,
    all_forms,
    fuzzy_allowed,
)

PRODUCT_TYPES = {
    SkillType.LANGUAGE,
    SkillType.FRAMEWORK,
    SkillType.LIBRARY,
    SkillType.TOOL,
    SkillType.PLATFORM,
    SkillType.MANAGED_SERVICE,
    SkillType.DATABASE,
}
_SUFFIXES = ("s", "es", "ed", "d", "ing", "ly", "er", "ers")
_STOP_WORDS = {"in", "on", "at", "to", "of", "by", "for", "and", "or", "the", "a", "an", "as"}
# Words of trade that older dictionaries lack and that sit one letter from a product name.
_MORE_ENGLISH = {"informatics", "bioinformatics", "analytics", "logistics", "telematics"}


CUTOFF = 90.0  # rapidfuzz ratio; 90 lets one slip in a ten-letter name through
SWAP_MIN_CHARS = 7  # two swapped letters count as one slip from this length on


@dataclass(frozen=True, slots=True)
class FuzzyHit:
    """A misspelt name: skill, the tokens it covers and how close it came (0-100)."""

    skill_id: str
    token_start: int
    token_end: int
    score: float


@dataclass(eq=False)
class FuzzyIndex:
    """One-word names of fuzzy-allowed skills, blocked by (first two letters, length)."""

    blocks: dict[tuple[str, int], list[tuple[str, str]]] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)
    # The first parts of names written as two words by mistake: "mat" for "Mat Lab".
    prefixes: frozenset[str] = frozenset()

    def closest(self, word: str) -> tuple[str, float] | None:
        """The skill whose one-word name ``word`` most resembles, if close enough."""
        return _closest(self, word)


def build_fuzzy(taxonomy: Taxonomy) -> FuzzyIndex:
    """Index the one-word forms of every skill that may be fuzzy-matched."""
    blocks: dict[tuple[str, int], list[tuple[str, str]]] = defaultdict(list)
    words: dict[str, str] = {}
    for skill in taxonomy:
        if not fuzzy_allowed(skill) or skill.type not in PRODUCT_TYPES:
            continue
        for form, exact in all_forms(skill):
            lowered = form.lower()
            if exact or " " in lowered or len(lowered) < FUZZY_MIN_CHARS or not lowered.isalpha():
                continue
            if skill.ambiguity is not None and skill.ambiguity.applies_to(form):
                continue
            blocks[(lowered[:2], len(lowered))].append((lowered, skill.id))
            words.setdefault(lowered, skill.id)
    prefixes = frozenset(word[:i] for word in words for i in range(1, len(word)))
    return FuzzyIndex(dict(blocks), words, prefixes)


@lru_cache(maxsize=65536)
def _closest(index: FuzzyIndex, word: str) -> tuple[str, float] | None:
    """The name ``word`` misspells, and how close it came (0-100).

    Close means a rapidfuzz ratio of at least 90 (one letter added or dropped in a name of
    ten letters, one changed in a longer one), or two neighbouring letters swapped in a name
    of seven letters or more ("Terrafrom", "SageMkaer"), the slip typing makes most.
    """
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import OSA

    choices = [
        candidate
        for length in (len(word) - 1, len(word), len(word) + 1)
        for candidate in index.blocks.get((word[:2], length), ())
    ]
    if not choices:
        return None
    best = process.extractOne(word, [c[0] for c in choices], scorer=fuzz.ratio, score_cutoff=CUTOFF)
    if best is not None:
        _, score, position = best
        return choices[position][1], float(score)
    if len(word) >= SWAP_MIN_CHARS:
        for name, skill_id in choices:
            if sorted(name) == sorted(word) and OSA.distance(word, name, score_cutoff=1) == 1:
                return skill_id, round(100 * (1 - 1 / len(word)), 1)
    return None


def find_fuzzy(tokens: Sequence[str], covered: Sequence[int], index: FuzzyIndex) -> list[FuzzyHit]:
    """Misspelt names among the uncovered tokens: one word close to a name, or two words
    that joined make one ("ML flow")."""
    lowered = [token.lower() for token in tokens]
    # Most words are neither the start of a split name nor close to one: find the few that
    # are with set operations and a cache, then look only at where they stand.
    worth = {w for w in set(lowered) if w in index.prefixes or _misspelt(index, w) is not None}
    hits: list[FuzzyHit] = []
    after = 0  # tokens before this are part of a hit
    for i in [i for i, word in enumerate(lowered) if word in worth]:
        word = lowered[i]
        if i < after or covered[i]:
            continue
        following = tokens[i + 1] if i + 1 < len(tokens) and not covered[i + 1] else ""
        nxt = following.lower()
        joined = word + nxt
        if nxt.isalpha() and joined in index.words and word not in _STOP_WORDS:
            # "Mat Lab", "ML flow" join into a name; "in design" and "sales force" are English.
            plain_english = (tokens[i] + following).islower() and is_english(word)
            if not (plain_english and is_english(nxt)):
                hits.append(FuzzyHit(index.words[joined], i, i + 2, 100.0))
                after = i + 2
                continue
        found = _misspelt(index, word)
        if found is not None:
            hits.append(FuzzyHit(found[0], i, i + 1, found[1]))
    return hits


@lru_cache(maxsize=1 << 17)
def _misspelt(index: FuzzyIndex, word: str) -> tuple[str, float] | None:
    """The skill whose name ``word`` (lower case) misspells, if any."""
    if len(word) < FUZZY_MIN_CHARS or word in index.words or not word.isalpha():
        return None
    if is_english(word):
        return None
    return index.closest(word)


@lru_cache(maxsize=1)
def _english() -> frozenset[str]:
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["web2", "gcide"], lower=True, alpha=True))


def is_english(word: str) -> bool:
    """Whether ``word`` (lower case) is an English dictionary word or a regular inflection."""
    words = _english()
    if word in words or word in _MORE_ENGLISH:
        return True
    for suffix in _SUFFIXES:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and (stem in words or stem + "e" in words):
            return True
    return False
