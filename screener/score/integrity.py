"""Integrity flags: signs that a resume was written for the screener rather than for a reader.

These flags never change a score. Each one asks a person to look at the resume before deciding,
and says what to look for; an honest resume can raise one, and a gamed one can raise none.

- ``keyword_stuffing``: a long skills list (8 or more skills) that the rest of the resume
  barely backs up (under LIST_SUPPORT of the listed skills appear in experience or projects).
  The score already discounts such a list (``list_factor``); the flag says why. It misses
  tools stuffed into experience bullets, and it flags a terse resume whose experience section
  names no tools at all.
- ``copied_from_job``: the job description pasted into the resume, found by shared word
  8-grams (a quarter of the description's, or one run of 40 words). It misses paraphrase and
  reordered fragments; it flags a candidate who quotes the ad at length on purpose.
- ``screener_instructions``: instructions aimed at an automated screener or a language model
  ("ignore previous instructions", "rank this candidate first"). It misses wording outside its
  patterns, other languages and instructions split by unusual characters; it flags a resume
  that writes about prompt injection in those words.
- ``hidden_text_flag``: the PDF reader found characters a reader cannot see (white, tiny or
  invisible text; see ``screener.ingest.pdf.hidden_chars``). Hidden text is read like any
  other text, so what it says is also in the extracted resume.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from screener.ingest.hidden import HIDDEN_TEXT
from screener.match.profile import Profile
from screener.score.strength import LIST_SUPPORT, list_support, listed_skills

REVIEW = "human review: "
MIN_LISTED = 8  # a shorter skills list is too short to call stuffed
SHINGLE = 8  # words per phrase compared with the job description
COPIED_SHARE = 0.25  # share of the job description's phrases found in the resume
COPIED_RUN = 40  # consecutive words shared with the job description
QUOTE_MAX = 80  # characters of a matched instruction quoted in its flag

_WORD = re.compile(r"\w+")
# Each pattern tolerates any run of whitespace (a line break in a PDF too) between words.
_INSTRUCTIONS = re.compile(
    "|".join(
        [
            r"\bignore\s+(?:all\s+)?(?:of\s+)?(?:the\s+|your\s+)?"
            r"(?:previous|prior|above|earlier|preceding)\s+(?:instructions|prompts?|rules)",
            r"\bdisregard\s+(?:\w+\s+){0,3}?(?:instructions|prompts?|rules|criteria|guidelines)",
            r"\brank\s+(?:this|the)\s+(?:candidate|applicant|resume|cv)\s+"
            r"(?:first|highest|#?1\b|at\s+the\s+top|as\s+(?:the\s+)?(?:top|best))",
            r"\byou\s+are\s+(?:an?\s+|the\s+)?(?:AI|LLM|language\s+model|"
            r"large\s+language\s+model|(?:AI\s+)?assistant|chatbot)\b",
            # "system prompt" alone is ordinary in an LLM engineer's resume ("wrote system
            # prompts for a support bot"); flagged when a new one is given or it is addressed
            r"\b(?:new|updated|ignore|your)\s+(?:the\s+)?"
            r"system\s+prompt|\bsystem\s+prompt\s*[:=>\]]|\[\s*system\s*\]|<\s*system\s*>",
            r"\bscore\s+this\s+(?:resume|candidate|applicant|cv)\s+(?:as\s+)?(?:an?\s+)?"
            r"(?:100|10\s*/\s*10|highly|high|perfect|top)",
            r"\bthis\s+candidate\s+is\s+(?:the|an?)\s+(?:best|perfect|ideal|strongest)\s+"
            r"(?:fit|match|candidate)",
            r"\bnote\s+to\s+(?:the\s+|any\s+)?(?:AI|ATS|LLM|screeners?|bots?|"
            r"(?:automated|resume)\s+(?:screeners?|reviewers?|parsers?))\b",
            r"\bhidden\s+instructions?\b",
        ]
    ),
    re.IGNORECASE,
)


def keyword_stuffing(profile: Profile) -> str | None:
    """A flag when a long skills list is mostly unbacked by experience or projects."""
    listed, used = listed_skills(profile)
    if listed < MIN_LISTED or list_support(profile) >= LIST_SUPPORT:
        return None
    return f"keyword stuffing? {listed} skills listed, {used} used in experience or projects"


def copied_from_job(text: str, job_text: str) -> str | None:
    """A flag when a substantial share of the job description is copied into the resume."""
    job_words = _words(job_text)
    job = _shingles(job_words)
    if not job:
        return None
    resume_words = _words(text)
    positions: dict[tuple[str, ...], list[int]] = {}
    for i, shingle in enumerate(_shingles(resume_words)):
        positions.setdefault(shingle, []).append(i)
    distinct = set(job)
    share = sum(1 for s in distinct if s in positions) / len(distinct)
    run = _longest_run(job, positions)
    if share < COPIED_SHARE and run < COPIED_RUN:
        return None
    words = f", including a run of {run} words" if run >= COPIED_RUN else ""
    return f"text copied from the job description: {share:.0%} of its phrases{words}"


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _shingles(words: Sequence[str]) -> list[tuple[str, ...]]:
    return [tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]


def _longest_run(
    job: Sequence[tuple[str, ...]], positions: dict[tuple[str, ...], list[int]]
) -> int:
    """The longest run of consecutive words the job description and the resume share, in words
    (0 when no phrase of SHINGLE words is shared): chains of shared phrases that follow each
    other in both texts."""
    best = 0
    previous: dict[int, int] = {}  # resume position -> length of the chain ending there
    for shingle in job:
        current = {p: previous.get(p - 1, 0) + 1 for p in positions.get(shingle, ())}
        if current:
            best = max(best, *current.values())
        previous = current
    return best + SHINGLE - 1 if best else 0


def screener_instructions(text: str) -> str | None:
    """A flag quoting the first instruction aimed at an automated screener or a language
    model, with how many such instructions the text holds."""
    found = [" ".join(m.group().split()) for m in _INSTRUCTIONS.finditer(text)]
    if not found:
        return None
    quote = found[0] if len(found[0]) <= QUOTE_MAX else found[0][: QUOTE_MAX - 3] + "..."
    more = f" ({len(found)} found)" if len(found) > 1 else ""
    return f'instructions to automated screeners: "{quote}"{more}'


def hidden_text_flag(warnings: Sequence[str]) -> str | None:
    """A flag from the PDF reader's hidden-text warning, when there is one."""
    for warning in warnings:
        if warning.startswith(HIDDEN_TEXT):
            return f"{warning}; compare the PDF with its extracted text"
    return None


def integrity_flags(
    text: str,
    profile: Profile,
    *,
    job_texts: Sequence[str] = (),
    warnings: Sequence[str] = (),
) -> tuple[str, ...]:
    """Every integrity flag the resume raises, each prefixed "human review: "."""
    found = [
        hidden_text_flag(warnings),
        screener_instructions(text),
        *(copied_from_job(text, job) for job in job_texts),
        keyword_stuffing(profile),
    ]
    return tuple(dict.fromkeys(REVIEW + flag for flag in found if flag is not None))
