"""The skill tokenizer: names stay whole or split the way skills are written; offsets hold."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st

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
