"""Separator variants of skill names, generated at load time instead of written by hand."""

from __future__ import annotations

import re

# Punctuation between two word characters: hyphen, slash, or a dot inside a word
# ("Node.js", but not ".NET" or "3.11").
_PUNCT = re.compile(r"(?<=[A-Za-z0-9])(?:[-/]|\.(?=[A-Za-z]))(?=[A-Za-z0-9])")
_SPACE = re.compile(r"(?<=[A-Za-z0-9])\s+(?=[A-Za-z0-9])")
_AMPERSAND = re.compile(r"\s*&\s*")
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_FOLD = re.compile(r"[\s\-./_&]+")


def surface_variants(text: str) -> list[str]:
    """Return ``text`` and its separator variants, in a stable order, without duplicates.

    "scikit-learn" -> scikit learn, scikitlearn; "CI/CD" -> CI CD, CICD, CI-CD; "Node.js" ->
    Nodejs; "Weights & Biases" -> Weights and Biases; "Power BI" -> Power-BI, PowerBI.
    """
    bases = [text]
    if _AMPERSAND.search(text):
        bases.append(_AMPERSAND.sub(" and ", text))
        bases.append(_AMPERSAND.sub("&", text))  # Weights&Biases
    elif _AND.search(text):
        bases.append(_AND.sub(" & ", text))
    out: list[str] = []
    for base in bases:
        out.append(base)
        if _PUNCT.search(base):
            out += [_PUNCT.sub(" ", base), _PUNCT.sub("", base), _PUNCT.sub("-", base)]
        elif _SPACE.search(base) and "&" not in base and not _AND.search(base):
            out.append(_SPACE.sub("-", base))
            if len(base.split()) <= 3:
                out.append(_SPACE.sub("", base))
    return list(dict.fromkeys(v for v in out if len(v.strip()) >= min(3, len(text))))


def fold(text: str) -> str:
    """Key under which two forms count as the same: case, spaces and separators ignored."""
    return _FOLD.sub("", _AND.sub("&", text.casefold()))
