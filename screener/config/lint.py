"""Taxonomy lint: warnings about data that loads but is likely to match badly.

Errors (alias collisions, duplicate ids and names, dangling links, cycles) are the loader's;
lint adds the forms that will match too much: two-character forms in any case, and everyday
words (Spark, Helm, Word) with no context rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from screener.config.taxonomy import Skill, Taxonomy
from screener.config.variants import fold

SHORT = 2  # forms this short match too much without exact case or a context rule


@dataclass(frozen=True, slots=True)
class LintWarning:
    """One thing to review in the taxonomy."""

    skill_id: str
    check: str
    message: str

    def __str__(self) -> str:
        return f"{self.skill_id}: {self.check}: {self.message}"


@cache
def everyday_words() -> frozenset[str]:
    """Ordinary English words that are also tech names, plus spaCy's English stop words."""
    from spacy.lang.en.stop_words import STOP_WORDS

    text = resources.files("screener.config").joinpath("everyday_words.txt").read_text("utf-8")
    words = {w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")}
    return frozenset(words | set(STOP_WORDS))


def lint_taxonomy(taxonomy: Taxonomy) -> list[LintWarning]:
    """Every warning for ``taxonomy``, sorted by skill id and check."""
    found: list[LintWarning] = []
    for skill in taxonomy:
        found += _context_checks(skill)
    return sorted(found, key=lambda w: (w.skill_id, w.check, w.message))


def _forms(skill: Skill) -> Iterator[tuple[str, bool]]:
    yield skill.name, len(skill.name) <= 2
    for alias in skill.aliases:
        yield alias.text, alias.case == "exact"


def _context_checks(skill: Skill) -> Iterator[LintWarning]:
    rule = skill.ambiguity
    for text, exact in _forms(skill):
        needs_context = rule is not None and rule.applies_to(text)
        if needs_context or exact:
            continue
        if len(text.replace(" ", "")) <= SHORT:
            yield LintWarning(
                skill.id,
                "short-form",
                f"'{text}' matches in any case with no "
                "context rule: add case: exact or an ambiguity block",
            )
        elif " " not in text and fold(text) in everyday_words():
            yield LintWarning(
                skill.id,
                "everyday-word",
                f"'{text}' is an everyday word and "
                "matches with no context rule: add an ambiguity block",
            )
    if rule is not None and rule.level == "high" and not rule.confirm:
        yield LintWarning(
            skill.id,
            "no-confirm-words",
            "ambiguity level high with no confirm words: only skills sections "
            "and lists can confirm it",
        )
