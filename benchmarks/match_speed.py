"""Our profile step against flashtext's KeywordProcessor loaded with the same aliases.

Both run over the same dotin resume texts in one process, alternating, R rounds each:

- flashtext: extract_keywords() with every name, alias and generated variant of every skill
  (case-insensitive), the simplest matcher people use;
- screener: profile_document() on documents read beforehand, which adds longest-span
  resolution, context rules, negation and hedging, implied skills and the timeline;
- and, as the floor of any spaCy matcher, our tokenizer building the spaCy Doc alone.

Reports the median documents per second of each and the ratio.

    python benchmarks/match_speed.py [--rounds 5]
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from _data import DEFAULT_DATA, dotin_resumes
from _timing import race
from flashtext import KeywordProcessor

from screener import load_taxonomy
from screener.config.taxonomy import all_forms
from screener.ingest import read_text_document
from screener.match import profile_document, skill_index


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    taxonomy = load_taxonomy()
    index = skill_index(taxonomy)
    texts = [r["text"] for r in dotin_resumes(args.data)]
    documents = [read_text_document(t) for t in texts]
    keywords = KeywordProcessor(case_sensitive=False)
    forms = 0
    for skill in taxonomy:
        for form, _ in all_forms(skill):
            keywords.add_keyword(form, skill.id)
            forms += 1
    as_of = date(2019, 1, 1)

    def flashtext_run() -> None:
        for text in texts:
            keywords.extract_keywords(text, span_info=True)

    def screener_run() -> None:
        for doc in documents:
            profile_document(doc, index, as_of)

    def tokenize_run() -> None:
        for doc in documents:
            index.tokenize(doc.normalized.text)

    screener_run()  # warm caches
    print(f"{len(texts)} resumes, {len(taxonomy)} skills, {forms} forms; documents per second:")
    medians = race(
        {
            "flashtext": flashtext_run,
            "screener profile": screener_run,
            "tokenizer + spaCy Doc only": tokenize_run,
        },
        rounds=args.rounds,
        items=len(texts),
    )
    print(f"ratio screener / flashtext: {medians['screener profile'] / medians['flashtext']:.2f}")
    # the floor: the spaCy Doc that PhraseMatcher reads, before any matching at all
    floor = medians["tokenizer + spaCy Doc only"] / medians["flashtext"]
    print(f"ratio tokenizer + Doc alone / flashtext: {floor:.2f}")


if __name__ == "__main__":
    main()
