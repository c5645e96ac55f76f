"""Small text helpers that every drafting step shares: numbers written as digits or as words,
quotes and labels cut to length for comments, slugs for ids, and values written as YAML
scalars and flow lists. Nothing here knows about skills or requirements; a change to how a
number, a quote, a label, an id or a YAML value is spelled in the draft goes here.
"""

from __future__ import annotations

import json
import re

import yaml

LABEL_CHARS = 80
QUOTE_CHARS = 70

NUMBER = r"\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten"
_WORD_NUMBERS = {
    w: i
    for i, w in enumerate(
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"], 1
    )
}


def number(text: str) -> float:
    word = text.lower()
    return float(_WORD_NUMBERS[word]) if word in _WORD_NUMBERS else float(text)


def fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def quote(text: str, start: int, end: int, limit: int = QUOTE_CHARS) -> str:
    snippet = " ".join(text[start:end].split())
    if len(snippet) > limit:
        cut = snippet.rfind(" ", 0, limit - 2)
        snippet = snippet[: cut if cut > limit // 2 else limit - 3].rstrip(" ,;:") + "..."
    return '"' + snippet.replace('"', "'") + '"'


def make_label(text: str) -> str:
    label = " ".join(text.split()).strip(" .;:,")
    if len(label) > LABEL_CHARS:
        cut = label.rfind(" ", 0, LABEL_CHARS - 2)
        label = label[: cut if cut > 20 else LABEL_CHARS - 3].rstrip(" ,;:") + "..."
    return label or "(no text)"


def slugify(text: str, limit: int = 40) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower().replace("&", " and ")).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


def flow(ids: list[str]) -> str:
    return "[" + ", ".join(scalar(i) for i in ids) + "]"


def scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain when it reads back as itself, else double-quoted."""
    value = "".join(ch if ch.isprintable() else " " for ch in value)
    plain = re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 ._/()'-]*", value) and not value.endswith(" ")
    try:
        same = bool(plain) and yaml.safe_load(value) == value
    except yaml.YAMLError:
        same = False
    return value if same else json.dumps(value, ensure_ascii=False)
