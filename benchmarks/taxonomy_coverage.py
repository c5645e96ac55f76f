"""How much of the real tool vocabulary in resumes and job ads the taxonomy resolves.

A span resolves when skill forms found in it (by the same SkillIndex as scoring, context
rules off, since the annotators already say it is a tool) cover at least 60% of its letters
and digits once version numbers ("10g", "2.x", "v3", "5") are set aside and whitespace runs
collapsed.

Two figures for the dotin resumes' Tech Tools spans: over all spans, and over spans that name
a real product, language or technology, which leaves out the texts listed in
`not_products.txt` (each judged by hand: durations, generic nouns, company names).

    python benchmarks/taxonomy_coverage.py [--data ../shared/data] [--top 30]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from _data import DEFAULT_DATA, dotin_resumes, skillspan_spans

from screener import load_taxonomy
from screener.match.resolve import resolve

VERSION = re.compile(
    r"(?<![A-Za-z])(?:v(?:er(?:sion)?)?\s?)?\d+(?:\.\d+)*(?:\.x|[a-z]{0,2}|\+)?(?![A-Za-z])",
    re.IGNORECASE,
)
ALNUM = re.compile(r"[A-Za-z0-9+#]")
THRESHOLD = 0.6
NOT_PRODUCTS = Path(__file__).with_name("not_products.txt")


def coverage(text: str, taxonomy: object) -> float:
    """Share of the span's letters and digits (versions aside) inside skill matches.

    Whitespace runs and line breaks inside a span are collapsed first, as the question is
    whether the taxonomy knows the name, not how the resume wrapped it.
    """
    text = " ".join(text.split())
    stripped = VERSION.sub(lambda m: " " * len(m.group(0)), text)
    wanted = [m.start() for m in ALNUM.finditer(stripped)]
    if not wanted:
        return 0.0
    covered = set()
    for r in resolve(text, taxonomy):  # type: ignore[arg-type]
        covered.update(range(r.start, r.end))
    return sum(i in covered for i in wanted) / len(wanted)


def measure(texts: Iterable[str], taxonomy: object) -> tuple[int, int, Counter[str]]:
    """(resolved, total, unresolved texts with counts)."""
    cache: dict[str, bool] = {}
    counts = Counter(t.strip() for t in texts if t.strip())
    missed: Counter[str] = Counter()
    for text, n in counts.items():
        if text not in cache:
            cache[text] = coverage(text, taxonomy) >= THRESHOLD
        if not cache[text]:
            missed[text] += n
    total = sum(counts.values())
    return total - sum(missed.values()), total, missed


def not_products() -> set[str]:
    lines = NOT_PRODUCTS.read_text(encoding="utf-8").splitlines() if NOT_PRODUCTS.exists() else []
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def report(title: str, resolved: int, total: int, missed: Counter[str], top: int) -> None:
    print(f"{title}: {resolved}/{total} = {resolved / total:.1%} resolve")
    for text, n in missed.most_common(top):
        print(f"  {n:4d}  {text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    taxonomy = load_taxonomy()
    print(f"taxonomy: {len(taxonomy)} skills ({taxonomy.sha256[:12]})")

    tech = [
        s["text"]
        for r in dotin_resumes(args.data)
        for s in r["spans"]
        if s["label"] == "Tech Tools"
    ]
    resolved, total, missed = measure(tech, taxonomy)
    report("dotin Tech Tools, all spans", resolved, total, missed, 0)
    excluded = not_products()
    products = [t for t in tech if t.strip() not in excluded]
    resolved, total, missed = measure(products, taxonomy)
    report(
        f"dotin Tech Tools naming a product ({len(tech) - len(products)} spans of "
        f"{len(excluded)} texts judged not to)",
        resolved,
        total,
        missed,
        args.top,
    )

    knowledge = list(skillspan_spans(args.data, "knowledge"))
    resolved, total, missed = measure(knowledge, taxonomy)
    report("SkillSpan Knowledge, all spans", resolved, total, missed, args.top)


if __name__ == "__main__":
    sys.exit(main())
