"""How well sections are found on real resumes (dotin), checked against their annotations.

For each resume, "has an experience heading" means: a line (or, in resumes whose lines were
run together, a phrase between wide gaps) of at most six words that names experience,
employment or work/job/career history. Over those resumes this reports the share where an
experience section is found, and, as a check independent of headings, the share of the
annotators' "Companies worked at" and "Designation" spans that fall inside the detected
experience section. ``--show N`` prints the sections of N random resumes for a hand check.

    python benchmarks/sections.py [--data ../shared/data] [--show 20]
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

from _data import DEFAULT_DATA, dotin_resumes

from screener.ingest import read_text_document

HEADING = re.compile(
    r"(?:^|\n|\s{2,})[ \t]*((?:[A-Za-z/&]+[ \t]+){0,4}"
    r"(?:experience|employment|work history|job history|career history)(?:[ \t/&]+[A-Za-z]+){0,3})"
    r"[ \t]*:?(?=\s{2,}|\n|$)",
    re.IGNORECASE,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    resumes = dotin_resumes(args.data)
    with_heading = found = inside = spans = 0
    missed = []
    for r in resumes:
        doc = read_text_document(r["text"], source=r["id"])
        experience = [s for s in doc.sections if s.name == "experience"]
        ranges = [doc.normalized.to_original(s.start, s.end) for s in experience]
        if HEADING.search(r["text"]):
            with_heading += 1
            found += bool(experience)
            if not experience:
                missed.append(r["id"])
        for span in r["spans"]:
            if span["label"] in {"Companies worked at", "Designation"}:
                spans += 1
                inside += any(lo <= span["start"] < hi for lo, hi in ranges)
    print(f"{len(resumes)} resumes; {with_heading} have an experience heading")
    print(f"experience section found: {found}/{with_heading} = {found / with_heading:.1%}")
    print(f"company and title spans inside it: {inside}/{spans} = {inside / spans:.1%}")
    if missed:
        print("missed:", ", ".join(missed[:30]))
    for r in random.Random(7).sample(resumes, args.show):
        doc = read_text_document(r["text"], source=r["id"])
        print(f"\n{r['id']}: " + " | ".join(f"{s.name}<{s.heading}>" for s in doc.sections))


if __name__ == "__main__":
    main()
