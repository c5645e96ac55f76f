"""SkillIndex: the taxonomy compiled into spaCy phrase matchers, built once and reused."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from screener.config.taxonomy import Taxonomy, all_forms
from screener.config.variants import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True, slots=True)
class RawMatch:
    """A phrase-matcher hit before context rules: skill id and character span."""

    skill_id: str
    start: int
    end: int
    token_start: int
    token_end: int


class SkillIndex:
    """Compiled matchers for one taxonomy: LOWER for most forms, ORTH for exact-case ones."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        import spacy
        from spacy.matcher import PhraseMatcher

        self.taxonomy = taxonomy
        self.nlp = spacy.blank("en")
        _tune_tokenizer(self.nlp)
        self._lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._orth = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.name_keys: dict[str, set[str]] = {}
        forms: dict[bool, dict[str, list[str]]] = {
            False: defaultdict(list),
            True: defaultdict(list),
        }
        # (skill id, folded form) -> (the form as declared, "name" or the alias kind)
        self.declared: dict[tuple[str, str], tuple[str, str]] = {}
        for skill in taxonomy:
            self.name_keys[skill.id] = {fold(skill.name)}
            self.declared[(skill.id, fold(skill.name))] = (skill.name, "name")
            for alias in skill.aliases:
                self.declared.setdefault(
                    (skill.id, fold(alias.text)), (alias.text, str(alias.kind))
                )
            for text, exact in all_forms(skill):
                forms[exact][skill.id].append(text)
        tokenizer: Any = self.nlp.tokenizer
        for exact, matcher in ((False, self._lower), (True, self._orth)):
            for skill_id, texts in forms[exact].items():
                matcher.add(skill_id, list(tokenizer.pipe(texts)))

    def make_doc(self, text: str) -> Doc:
        """Tokenise ``text`` with the tuned tokenizer."""
        return self.nlp.make_doc(text)

    def find(self, doc: Doc) -> list[RawMatch]:
        """All hits in ``doc``, overlapping ones resolved so the longest span wins.

        A form shared by two skills (``TF``) yields one hit per skill on the same span;
        context decides between them later.
        """
        strings = self.nlp.vocab.strings
        found: list[tuple[int, int, int]] = [*self._lower(doc), *self._orth(doc)]
        hits = {(start, end, key) for key, start, end in found}
        taken = bytearray(len(doc))
        out: list[RawMatch] = []
        for start, end, key in sorted(hits, key=lambda h: (h[0] - h[1], h[0], h[2])):
            same_span = bool(out) and (out[-1].token_start, out[-1].token_end) == (start, end)
            if any(taken[start:end]) and not same_span:
                continue
            taken[start:end] = b"\x01" * (end - start)
            span = doc[start:end]
            out.append(RawMatch(strings[key], span.start_char, span.end_char, start, end))
        out.sort(key=lambda m: (m.start, m.skill_id))
        return out


def _tune_tokenizer(nlp: Any) -> None:
    """Keep C#/F# whole; split brackets glued to words (``Kubernetes(EKS)``) and ``C++/CUDA``."""
    from spacy.util import compile_infix_regex

    for special in ("C#", "F#", "c#", "f#"):
        nlp.tokenizer.add_special_case(special, [{"ORTH": special}])
    infixes = [*nlp.Defaults.infixes, r"[\(\)\[\]\{\}]", r"(?<=[+#])/(?=\w)"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@lru_cache(maxsize=8)
def skill_index(taxonomy: Taxonomy) -> SkillIndex:
    """The SkillIndex of ``taxonomy``, built on first use and then reused."""
    return SkillIndex(taxonomy)
