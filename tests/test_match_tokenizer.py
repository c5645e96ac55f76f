"""The skill tokenizer: names stay whole or split the way skills are written; offsets hold."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st

from screener.config import Taxonomy
from screener.match.tokenizer import SkillTokenizer

TOKENIZE = SkillTokenizer(spacy.blank("en").vocab)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("C++/CUDA and C# on .NET", ["C++", "/", "CUDA", "and", "C#", "on", ".NET"]),
        ("Node.js, CI/CD, A/B", ["Node.js", ",", "CI", "/", "CD", ",", "A", "/", "B"]),
        ("Kubernetes(EKS)", ["Kubernetes", "(", "EKS", ")"]),
        ("Python3.10 HTML5 YOLOv8", ["Python", "3.10", "HTML", "5", "YOLO", "v8"]),
        ("S3 EC2 k8s x86 R2", ["S3", "EC", "2", "k8s", "x86", "R2"]),
        ("C++17 Oracle10g", ["C++", "17", "Oracle", "10g"]),
        ("VB.NET ASP.NET", ["VB", ".NET", "ASP", ".NET"]),
        ("in R. with W&B.", ["in", "R", ".", "with", "W&B", "."]),
        ("R&D, C-suite", ["R&D", ",", "C", "-", "suite"]),
        (
            "see https://github.com/x/docker or a@example.com",
            ["see", "https://github.com/x/docker", "or", "a@example.com"],
        ),
    ],
)
def test_match_tokenizer_splits_as_skills_are_written(text: str, tokens: list[str]) -> None:
    assert [t.text for t in TOKENIZE(text) if not t.is_space] == tokens


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80))
def test_match_tokenizer_keeps_the_text_and_its_offsets(text: str) -> None:
    doc = TOKENIZE(text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80))
def test_match_tokens_offsets_hold_with_placeholders(text: str) -> None:
    """With a known-word set, unknown words become placeholders in the Doc only: the words
    and their offsets still describe the text exactly."""
    tokens = SkillTokenizer(spacy.blank("en").vocab, frozenset({"python", "go"})).tokens(text)
    assert len(tokens.doc) == len(tokens.words) == len(tokens.starts)
    for word, start in zip(tokens.words, tokens.starts, strict=True):
        assert text[start : start + len(word)] == word
    covered = "".join(
        word + token.whitespace_ for word, token in zip(tokens.words, tokens.doc, strict=True)
    )
    assert covered == text


def test_match_vocabulary_does_not_learn_resume_words(taxonomy: Taxonomy) -> None:
    """A batch must not grow the spaCy vocabulary by every name and number it reads (memory
    over tens of thousands of resumes), and matching must find the same skills regardless."""
    from datetime import date

    from screener.match.index import skill_index
    from screener.match.mentions import profile_text

    vocab = skill_index(taxonomy).parts.vocab
    unseen = " ".join(f"Zq{i}xw{i * 7}" for i in range(200))
    text = f"EXPERIENCE\nBuilt Kubernetes operators in Go and Python 3.11. {unseen}\n"
    before = len(vocab)
    profile = profile_text(text, taxonomy, as_of=date(2026, 11, 1))
    assert len(vocab) - before < 10  # the version pair at most, never the 200 new words
    assert {"kubernetes", "go", "python"} <= set(profile.skills)
    python = profile.skills["python"].mentions[0]
    assert python.method == "pattern"
    assert python.text == "Python 3.11"


_TRICKY = st.text(
    alphabet=st.sampled_from(list("abcxyzABCNETvV019 .,&'+#@:/-_\n\té()")),
    max_size=60,
)


@given(st.one_of(_TRICKY, st.text(max_size=60)))
def test_match_tokenizer_plain_word_shortcut_agrees_with_the_full_rules(text: str) -> None:
    """The shortcut for plain words must split every text exactly as TOKEN alone does."""
    import re

    from screener.match import tokenizer

    reference = re.compile(rf"({tokenizer.TOKEN.pattern})(\ )?|(\s+)", re.VERBOSE)
    assert tokenizer._PIECES.findall(text) == reference.findall(text)
