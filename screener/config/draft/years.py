"""Years of experience an item asks for. ``sort_years`` sorts each "N+ years" figure of an item
into overall years, ML years (its clause names machine learning, AI, data science or models)
or years of a skill named next to it, each with the text it came from; ``YEARS`` finds the
figures and ``YEARS_FIELDS`` lists the fields that name overall experience, not a skill.
"""

from __future__ import annotations

import re

from screener.config.draft.reading import Item
from screener.config.draft.skills import Hit
from screener.config.draft.text import NUMBER, number, quote

#: Fields that "N years of <field>" names as overall (or ML) experience, not as a skill.
YEARS_FIELDS = frozenset(
    {
        "software-engineering",
        "machine-learning",
        "artificial-intelligence",
        "deep-learning",
        "data-science",
        "mlops",
    }
)

YEARS = re.compile(
    rf"(?P<n>{NUMBER})\s*(?:\+|plus)?\s*(?:(?:-|\u2013|to)\s*\d+\s*)?\+?\s*(?:years?|yrs?)\b",
    re.IGNORECASE,
)
_ML_WORDS = re.compile(
    r"\b(?:ML|AI|machine[- ]learning|artificial intelligence|deep learning|data science"
    r"|models?|MLOps)\b",
    re.IGNORECASE,
)
_GENERAL_WORDS = re.compile(
    r"\b(?:software|engineering|development|developer|industry|professional|programming"
    r"|coding|work|relevant|related|hands-on|overall|total|experience)\b",
    re.IGNORECASE,
)

_Years = list[tuple[float, str]]


def sort_years(
    text: str, item: Item, figures: list[re.Match[str]], specific: list[Hit]
) -> tuple[_Years, _Years, _Years]:
    """Each "N+ years" figure as overall, ML or skill years, with the text it came from.

    A figure counts for a skill when a skill follows it in its clause ("5+ years of Python"),
    or when nothing does but the item names skills ("Python (3+ years)"); as ML years when
    its clause names ML, AI, data science or models; otherwise as overall years.
    """
    general: _Years = []
    ml: _Years = []
    skill: _Years = []
    for i, fig in enumerate(figures):
        scope_end = figures[i + 1].start() if i + 1 < len(figures) else len(text)
        scope = text[fig.end() : scope_end]
        quoted = quote(text, fig.start(), scope_end, limit=50)
        years = (number(fig.group("n")), f"{quoted} (line {item.first})")
        if any(fig.end() <= h.start < scope_end for h in specific):
            skill.append(years)
        elif _ML_WORDS.search(scope):
            ml.append(years)
        elif _GENERAL_WORDS.search(scope) or not specific:
            general.append(years)
        else:
            skill.append(years)
    return general, ml, skill
