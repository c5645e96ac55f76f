"""A spaCy tokenizer that splits text the way skills are written, at the speed of one regex.

spaCy's rule-based English tokenizer took about 4 ms of every resume's 6 ms profile; this
one returns the same kind of Doc (whitespace kept as tokens, so character offsets hold) from
a single regular expression. Patterns go through it too, so a name always meets its own
tokens: ``EC2`` is EC + 2 in the pattern and in the resume alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate
from operator import add
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

TOKEN = re.compile(
    r"""
      (?:https?://|ftps?://|www\.)[^\s<>()"']+   # links stay whole: no skills inside URLs
    | (?:[A-Za-z0-9-]+\.){2,}(?:com|net|org|edu|gov|io)\b   # host names: ftp.sonic.net
    | [A-Za-z0-9-]+\.(?:com|org|edu|gov|io)\b  # example.com (not .net: that is ASP.NET)
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+               # e-mail addresses too
    | \.(?:NET|Net|net)(?![A-Za-z])                # .NET, also glued: VB.NET, .NET4
    | [A-Za-z](?:\+\+|\#)                        # C++, C#, F#
    | [A-Za-z]{2,}?(?=v?\d+(?:\.\d+)*[a-z]?\b)   # a glued version splits off: Python|3.10
    | \d+(?:[.,]\d+)*(?:\.x|[A-Za-z]{1,2}\b)?    # numbers, 3.11, 10g, 2.x
    | v\d+(?:\.\d+)*(?![A-Za-z])                 # versions: v1.29 (before words take v1)
    | [A-Za-z][A-Za-z0-9]*(?:[.&'](?!(?:NET|Net|net)(?![A-Za-z]))[A-Za-z][A-Za-z0-9]*)*
                                                 # words, Node.js, R&D, W&B, k8s, S3
    | \S                                         # any other character stands alone
    """,
    re.VERBOSE,
)
# Most words are plain ("Built", "pipelines"): a letter, lower-case letters, then a character
# that none of TOKEN's alternatives would carry on through. For those this gives TOKEN's own
# answer at once, instead of after trying each alternative in turn (a test checks that the
# two always agree).
_PLAIN_WORD = r"[A-Za-z][a-z]*+(?![\w.&'+\#@:-])"
# A word and the single space after it (its trailing space), or a run of other whitespace,
# which is a token of its own: together they cover every character of a text.
_OTHER = "\x00"  # stands for a word no pattern holds (see SkillTokenizer)
_PIECES = re.compile(rf"({_PLAIN_WORD}|{TOKEN.pattern})(\ )?|(\s+)", re.VERBOSE)


@dataclass(frozen=True, slots=True)
class Tokens:
    """A tokenised text: the spaCy Doc the matchers read, and each token's text and start
    offset, kept as plain lists so later steps need not create a spaCy Token per word."""

    doc: Doc  # for matching: a word that is in no pattern may stand there as a placeholder
    words: list[str]
    starts: list[int]

    def end(self, i: int) -> int:
        """The end offset of token ``i``."""
        return self.starts[i] + len(self.words[i])


class SkillTokenizer:
    """Callable like spaCy's tokenizer: text in, Doc out."""

    def __init__(self, vocab: Vocab, known: frozenset[str] | None = None) -> None:
        self.vocab = vocab
        # The lower-case words of every pattern: given these, a word outside them enters the
        # Doc as one stand-in, since it can take part in no match. The vocabulary then never
        # learns a resume's names, numbers and addresses: it would grow by every new word of
        # every resume in a batch, and making each entry cost more than matching.
        self.known = known
        self.other = _OTHER if known is None or _OTHER not in known else _OTHER * 2

    def __call__(self, text: str) -> Doc:
        return self.tokens(text).doc

    def tokens(self, text: str) -> Tokens:
        """Tokenise ``text``: words, then one token for any whitespace beyond a single space
        after a word (which is that word's trailing space, as spaCy keeps it)."""
        from spacy.tokens import Doc

        # one regex pass, its pieces split into lists by C-level calls: a Python loop over
        # the matches took as long as everything else in building the Doc
        pieces = _PIECES.findall(text)
        words = [word or blank for word, _, blank in pieces]
        spaces = [bool(space) for _, space, _ in pieces]
        starts = [0, *accumulate(map(add, map(len, words), spaces))]
        starts.pop()
        known, other = self.known, self.other
        shown = words if known is None else [w if w.lower() in known else other for w in words]
        return Tokens(Doc(self.vocab, words=shown, spaces=spaces), words, starts)

    @staticmethod
    def words(text: str) -> list[str]:
        """The word tokens of ``text``, without building a Doc."""
        return TOKEN.findall(text)

    def pipe(self, texts: Iterable[str]) -> Iterator[Doc]:
        """Tokenise each text."""
        for text in texts:
            yield self(text)
