"""Context rules: ambiguous names, negation and hedging, judged within the mention's clause."""

from __future__ import annotations

import re
from functools import lru_cache

from screener.config.taxonomy import Ambiguity
from screener.text.lines import line_bounds

_CLAUSE_BREAK = re.compile(r"[.;!?\n•|]")
_NEGATION = re.compile(
    r"(?:\b(?:no|not|never|without|lack(?:s|ing)?|none|nor|neither|cannot)\b|n't\b)"
    # "no downtime", "not only ... but also", "no-code", "without any outages" negate nothing
    r"(?!\s+(?:downtime|longer|more|less|later|fewer|single|manual|matter|only|loss|"
    r"any\s+(?:outages?|downtime|incidents?|errors?|issues?|loss))\b|-)",
    re.IGNORECASE,
)
_NEGATION_REACH = 6  # a negation cue governs at most this many words after it
# A comma and a new action end a negation's reach: "without Airflow, using cron and Python".
_SCOPE_END = re.compile(r",\s*(?:using|then|instead|but|relying|with|via|through)\b", re.IGNORECASE)
# What follows a name in a list: "Kubernetes: none", "Prometheus / Grafana: familiar with";
# other names joined by a slash or "and" before the colon share the verdict.
_AFTER_NAMES = r"^(?:\s*(?:/|&|\band\b)\s*[\w.+#-]+(?:\s[\w.+#-]+)?)*"
_AFTER = _AFTER_NAMES + r"[\s:,(\u2013\u2014-]*"
_AFTER_COLON = _AFTER_NAMES + r"\s*[:(\u2013\u2014-]\s*"  # a colon, bracket or dash: no comma
_NEGATION_AFTER = re.compile(
    _AFTER + r"(?:none|n/a|not yet|no (?:hands-on |professional |prior |production )?experience)\b",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"\b(?:familiar(?:ity)? with|exposure to|basic (?:knowledge|understanding|familiarity)"
    # "learning" alone is not a hedge: "machine learning", "deep learning" are skills.
    r"|(?:currently|now|still|actively) learning|learning (?:to|about|the basics)"
    r"|coursework|course(?:s)? (?:in|on)|intro(?:ductory)? course"
    r"|interested in|beginner|introduction to|some knowledge of|studying|self-taught basics"
    r"|working knowledge (?:of|in)"
    r"|limited (?:experience|exposure|knowledge) (?:with|of|in|to))\b",
    re.IGNORECASE,
)
# "Learning Terraform": learning right before the skill, unless it names a field of ML.
_LEARNING_BEFORE = re.compile(
    r"(?<!machine )(?<!deep )(?<!reinforcement )(?<!transfer )(?<!federated )"
    r"(?<!statistical )(?<!supervised )(?<!active )(?<!online )(?<!ensemble )"
    r"\blearning\s*$",
    re.IGNORECASE,
)
# A claim of strength after a hedge starts a new claim: "familiar with Istio and expert in X".
_STRONG = re.compile(
    r"\b(?:expert|proficient|strong|skilled|advanced|experienced|deep expertise)\b",
    re.IGNORECASE,
)
_HEDGE_AFTER = re.compile(
    _AFTER + r"(?:basics?|beginner|(?:currently |still )?learning|(?:basic )?familiarity"
    r"|exposure|in progress|home lab|personal projects|self-taught"
    r"|(?:an? )?(?:online |intro(?:ductory)? )+course)\b"
    # "Kubernetes: familiar with kubectl", but "Kubernetes, familiar with Istio" hedges Istio
    r"|" + _AFTER_COLON + r"familiar with\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z0-9][a-z0-9+#&]*(?:[.-][a-z0-9+#&]+)*")


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a mention: from the previous sentence break to the next one."""
    lo = max(
        (m.end() for m in _CLAUSE_BREAK.finditer(text, max(0, start - 200), start)),
        default=max(0, start - 200),
    )
    nxt = _CLAUSE_BREAK.search(text, end, end + 200)
    hi = nxt.start() if nxt else min(len(text), end + 200)
    return lo, hi


def polarity(text: str, start: int, end: int) -> str:
    """``negated``, ``hedged`` or ``positive``, from cues in the same clause."""
    lo, hi = clause_bounds(text, start, end)
    before = text[lo:start]
    near = " ".join(before.split()[-_NEGATION_REACH:])
    negation = _NEGATION.search(near)
    if negation and not _SCOPE_END.search(near, negation.end()):
        return "negated"
    if _NEGATION_AFTER.match(text[end:hi]):
        return "negated"
    hedges = list(_HEDGE.finditer(before))
    if hedges and not _STRONG.search(before, hedges[-1].end()):
        return "hedged"
    if _LEARNING_BEFORE.search(before) or _HEDGE_AFTER.match(text[end:hi]):
        return "hedged"
    return "positive"


def ambiguity_ok(
    rule: Ambiguity | None,
    text: str,
    start: int,
    end: int,
    *,
    in_skills_section: bool,
    neighbours: int,
) -> bool:
    """Whether an ambiguous name counts here: rejecting words veto, high needs support."""
    if rule is None or not rule.applies_to(text[start:end]):
        return True
    cues = _Cues(text, start, end)
    if _Cues(text, *clause_bounds(text, start, end), reach=0).any_of(rule.reject):
        return False
    if rule.level == "low":
        return True
    support = in_skills_section or neighbours >= 2 or cues.any_of(rule.confirm)
    if rule.level == "medium":
        return support or neighbours >= 1
    return support


def confirmed(rule: Ambiguity | None, text: str, start: int, end: int) -> bool:
    """Whether a confirming word, and no rejecting word, stands near the mention.

    Used to choose between skills that share a form (``TF``): a skills section or a list
    says the form is a skill, but not which one.
    """
    if rule is None:
        return False
    rejecting = _Cues(text, *clause_bounds(text, start, end), reach=0)
    return _Cues(text, start, end).any_of(rule.confirm) and not rejecting.any_of(rule.reject)


class _Cues:
    """The words on a span's line, within 120 characters either side of it.

    Confirming words are looked for on the mention's line; rejecting words only in its
    clause, so "go-to engineer" after a semicolon does not veto "Go microservices".
    """

    def __init__(self, text: str, start: int, end: int, *, reach: int = 120) -> None:
        line_start, line_end = line_bounds(text, start, end)
        self.window = text[max(line_start, start - reach) : min(end + reach, line_end)].lower()
        self.words = set(_WORD.findall(self.window))

    def any_of(self, cues: list[str]) -> bool:
        return any(_has(self.window, self.words, cue) for cue in cues)


def _has(window: str, words: set[str], cue: str) -> bool:
    cue = cue.lower()
    if " " not in cue:
        return cue in words
    return cue in window and _phrase(cue).search(window) is not None


@lru_cache(maxsize=4096)
def _phrase(cue: str) -> re.Pattern[str]:
    """A phrase cue as whole words: "excel in" must not fire on "Excel including"."""
    return re.compile(rf"(?<![a-z0-9]){re.escape(cue)}(?![a-z0-9])")


# An author in a citation: a surname and initials, "Seidman RL," or "Baer, R.," (a comma
# between them only with dotted initials: "Citrix, SQL, Jira" is a list, not authors).
_SURNAME = r"\b[A-Z][a-z][A-Za-z'\u2019-]*"
_AUTHOR = re.compile(
    _SURNAME + r"(?:[ \t]+([A-Z]{1,3})\b\.?|,[ \t]+((?:[A-Z]\.[ \t]?){1,3}))"
    r"(?=[ \t]*(?:[,.;&]|and\b|$))",
    re.MULTILINE,
)
_SURNAME_SPACE = re.compile(_SURNAME + r"[ \t]+$")
_SURNAME_COMMA = re.compile(_SURNAME + r",[ \t]+$")
_AFTER_INITIALS = re.compile(r"\.?[ \t]*(?:[,.;&]|and\b|$)", re.MULTILINE)


def initials(text: str, start: int, end: int, section: str) -> bool:
    """Whether a short capitalised name ("R", "RL", "ML") is an author's initials in a list
    of authors ("Williams SJ, Seidman RL, Drew JA."), not the skill.

    Three authors with different initials on the line are a citation anywhere but in a
    skills list; in a publications section two suffice.
    """
    hit = text[start:end]
    if not (len(hit) <= 3 and hit.isalpha() and hit.isupper()) or section == "skills":
        return False
    lo, hi = line_bounds(text, start, end)
    before = max(lo, start - 40)
    if _SURNAME_SPACE.search(text, before, start):
        if not _AFTER_INITIALS.match(text, end, hi):
            return False
    elif not (_SURNAME_COMMA.search(text, before, start) and text.startswith(".", end)):
        return False
    # authors have different initials; "Forms API, Node API, Views API" are not authors
    authors = len(
        {plain or dotted.replace(" ", "") for plain, dotted in _AUTHOR.findall(text, lo, hi)}
    )
    return authors >= 3 or (section == "publications" and authors >= 2)


# After a language's name, words that keep it a language: the candidate speaks, teaches or
# translates it ("English Teacher", "Chinese (native)", "French to English").
_LANGUAGE_WORDS = frozenset(
    """and or & to from in into at as for of with by on via is was are the a an
    language languages speaking speaker speak speaks spoken written writing reading read
    fluent fluency fluently proficiency proficient native mother tongue level skills skill
    certificate certification conversational business working basic intermediate advanced
    beginner bilingual teacher teachers teaching tutor tutoring trainer training instructor
    lecturer linguist translator translation translations interpreter interpreting
    education studies literature debate content localisation localization comprehension
    grammar version""".split()  # noqa: SIM905 - a word list reads better as prose
)
_NEXT_WORD = re.compile(r"[ \t]*([A-Za-z]+)")


def language_as_adjective(text: str, start: int, end: int, languages: frozenset[str]) -> bool:
    """Whether a language's name qualifies the word after it ("Chinese viewers", "Spanish
    company", "French Administrative Law"): a nationality, not a language spoken.
    ``languages``: every language name in lower case ("Telugu Hindi" lists two)."""
    if text[start:end].lower().endswith("language"):
        return False
    after = _NEXT_WORD.match(text, end, min(len(text), end + 40))
    if after is None:
        return False
    word = after.group(1).lower()
    return word not in _LANGUAGE_WORDS and word not in languages


_LETTER_BEFORE = re.compile(r"(?:^|[ \t])[A-Za-z][ \t]+$")
_LETTERS_BEFORE = re.compile(r"(?:^|[ \t])[A-Za-z][ \t]+[A-Za-z][ \t]+$")
_LETTER_AFTER = re.compile(r"[ \t]+[A-Za-z](?![A-Za-z0-9+#])")
_LETTERS_AFTER = re.compile(r"[ \t]+[A-Za-z][ \t]+[A-Za-z](?![A-Za-z0-9+#])")


def spaced_out(text: str, start: int, end: int) -> bool:
    """Whether a one-letter name ("C", "R") is a letter of a word written spaced out, as
    headings in some templates are ("E D U C A T I O N", "H U R"): two of its nearest
    neighbours on the line are single letters too ("C R Python" is a list, not a word)."""
    if end - start != 1:
        return False
    lo = max(text.rfind("\n", 0, start) + 1, start - 12)
    hi = text.find("\n", end, end + 12)
    hi = end + 12 if hi < 0 else hi
    if _LETTER_BEFORE.search(text, lo, start):
        return bool(_LETTERS_BEFORE.search(text, lo, start) or _LETTER_AFTER.match(text, end, hi))
    return _LETTERS_AFTER.match(text, end, hi) is not None
