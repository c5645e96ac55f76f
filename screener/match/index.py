"""SkillIndex: the taxonomy compiled into spaCy phrase matchers, built once and reused."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from screener.config.taxonomy import Taxonomy, all_forms
from screener.config.variants import fold
from screener.match.fuzzy import FuzzyIndex, build_fuzzy
from screener.match.tokenizer import SkillTokenizer, Tokens

if TYPE_CHECKING:
    from spacy.matcher import Matcher, PhraseMatcher
    from spacy.vocab import Vocab


@dataclass(frozen=True, slots=True)
class RawMatch:
    """A phrase-matcher hit before context rules: skill id and character span."""

    skill_id: str
    start: int
    end: int
    token_start: int
    token_end: int
    versioned: bool = False  # found by the version pattern: "Python 3.11", "Java 8"


# A version after a name: 3.11, 8, 2.x, v1.29, 19c, 10g. Two digits at most before the first
# dot, so that a year ("Spring 2019") is never read as a version.
VERSION = r"^v?\d{1,2}(?:\.(?:\d+|x))*[a-z]?$"
VERSIONED_TYPES = {"language", "framework", "library", "database", "tool", "platform"}


class SkillIndex:
    """Compiled matchers for one taxonomy: LOWER for most forms, ORTH for exact-case ones."""

    def __init__(self, taxonomy: Taxonomy, parts: IndexParts | None = None) -> None:
        self.taxonomy = taxonomy
        built = parts or build_parts(taxonomy)
        self.parts = built
        self._lower, self._orth = built.lower, built.orth
        self._tokenizer = SkillTokenizer(built.vocab, built.known)
        self.name_keys = built.name_keys
        self.declared = built.declared
        self.fuzzy = built.fuzzy
        self.languages = frozenset(
            form.lower()
            for skill in taxonomy
            if "spoken-language" in skill.facets
            for form in (skill.name, *(a.text for a in skill.aliases))
        )

    def tokenize(self, text: str) -> Tokens:
        """Tokenise ``text`` the way the patterns were tokenised."""
        return self._tokenizer.tokens(text)

    def find(self, tokens: Tokens) -> list[RawMatch]:
        """All hits in ``doc``, overlapping ones resolved so the longest span wins.

        A form shared by two skills (``TF``) yields one hit per skill on the same span;
        context decides between them later.
        """
        strings = self.parts.vocab.strings
        doc, starts = tokens.doc, tokens.starts
        found: list[tuple[int, int, int]] = [*self._lower(doc), *self._orth(doc)]
        hits = {(start, end, key) for key, start, end in found}
        versioned = set()
        for start, end in self._versioned(tokens):
            for skill_id in self.parts.version_names.get(tokens.words[start].lower(), ()):
                key = strings.add(skill_id)
                hits.add((start, end, key))
                versioned.add((start, end, key))
        taken = bytearray(len(doc))
        out: list[RawMatch] = []
        for start, end, key in sorted(hits, key=lambda h: (h[0] - h[1], h[0], h[2])):
            same_span = bool(out) and (out[-1].token_start, out[-1].token_end) == (start, end)
            if any(taken[start:end]) and not same_span:
                continue
            taken[start:end] = b"\x01" * (end - start)
            out.append(
                RawMatch(
                    strings[key],
                    starts[start],
                    tokens.end(end - 1),
                    start,
                    end,
                    (start, end, key) in versioned,
                )
            )
        out.sort(key=lambda m: (m.start, m.skill_id))
        return out

    def _versioned(self, tokens: Tokens) -> list[tuple[int, int]]:
        """Token spans of a versioned name ("Python 3.11", "Java 8"), by the version Matcher.

        The Matcher reads only the pairs that can match, a name followed by a token starting
        with a digit or a "v": run over a whole resume it made a spaCy Token of every word
        to test its predicates, which took longer than everything else in matching.
        """
        from spacy.tokens import Doc

        words, vocab = tokens.words, self.parts.vocab
        names, matcher = self.parts.version_names, self.parts.versioned
        spans = []
        for i in range(1, len(words)):
            first = words[i][0]
            if (first.isdigit() or first in "vV") and words[i - 1].lower() in names:
                # the pair as written: the Doc may hold a placeholder for the version
                pair = Doc(vocab, words=[words[i - 1], words[i]])
                spans += [(i - 1 + start, i - 1 + end) for _, start, end in matcher(pair)]
        return spans


@dataclass(frozen=True)
class IndexParts:
    """Everything compiled from a taxonomy: what the disk cache stores."""

    vocab: Vocab
    lower: PhraseMatcher
    orth: PhraseMatcher
    name_keys: dict[str, set[str]]
    # (skill id, folded form) -> (the form as declared, "name" or the alias kind)
    declared: dict[tuple[str, str], tuple[str, str]]
    fuzzy: FuzzyIndex
    # one pattern: a one-word name of a product, then a version; names -> their skill ids
    versioned: Matcher
    version_names: dict[str, list[str]]
    known: frozenset[str] = frozenset()  # the lower-case words of every pattern


def build_parts(taxonomy: Taxonomy) -> IndexParts:
    """Compile the taxonomy's forms into phrase matchers on a tuned blank English tokenizer."""
    import spacy
    from spacy.matcher import Matcher, PhraseMatcher

    nlp = spacy.blank("en")  # its vocabulary knows how English words lower-case
    parts = IndexParts(
        nlp.vocab,
        PhraseMatcher(nlp.vocab, attr="LOWER"),
        PhraseMatcher(nlp.vocab, attr="ORTH"),
        {},
        {},
        build_fuzzy(taxonomy),
        Matcher(nlp.vocab),
        defaultdict(list),
    )
    forms: dict[bool, dict[str, list[str]]] = {False: defaultdict(list), True: defaultdict(list)}
    for skill in taxonomy:
        parts.name_keys[skill.id] = {fold(skill.name)}
        parts.declared[(skill.id, fold(skill.name))] = (skill.name, "name")
        for alias in skill.aliases:
            parts.declared.setdefault((skill.id, fold(alias.text)), (alias.text, str(alias.kind)))
        for text, exact in all_forms(skill):
            forms[exact][skill.id].append(text)
            if (
                skill.type in VERSIONED_TYPES
                # "Go 1.21" still needs Go's context rules; "TensorFlow 2.x" and "Java 8" do not
                and (
                    skill.ambiguity is None
                    or skill.ambiguity.level == "low"
                    or not skill.ambiguity.applies_to(text)
                )
                and len(SkillTokenizer.words(text)) == 1
                and len(text) >= 2
                and skill.id not in parts.version_names[text.lower()]
            ):
                parts.version_names[text.lower()].append(skill.id)
    parts.versioned.add(
        "VERSIONED",
        [[{"LOWER": {"IN": sorted(parts.version_names)}}, {"TEXT": {"REGEX": VERSION}}]],
    )
    tokenizer = SkillTokenizer(nlp.vocab)
    known: set[str] = set()
    for exact, matcher in ((False, parts.lower), (True, parts.orth)):
        for skill_id, texts in forms[exact].items():
            docs = list(tokenizer.pipe(texts))
            matcher.add(skill_id, docs)
            known.update(token.lower_ for doc in docs for token in doc)
    return replace(parts, known=frozenset(known))


@lru_cache(maxsize=8)
def skill_index(taxonomy: Taxonomy) -> SkillIndex:
    """The SkillIndex of ``taxonomy``: from memory, else the disk cache, else built (and cached)."""
    from screener.match import cache

    parts = cache.load_index(taxonomy)
    if parts is None:
        parts = build_parts(taxonomy)
        cache.save_index(taxonomy, parts)
    return SkillIndex(taxonomy, parts)
