"""Matching accuracy on the annotated dotin resumes, by the definitions of issue 5.

- recall: share of `Tech Tools` spans overlapped by at least one positive mention;
- precision (tolerant, since annotators marked most but not all mentions): share of positive,
  non-implied mentions that overlap a span labelled Tech Tools, Job Specific Skills, Soft
  Skills, Designation or Degree, or that resolve to the same skill as a Tech Tools span
  elsewhere in the same resume.

Prints both with the most frequent misses and false positives.

    python benchmarks/match_accuracy.py [--data ../shared/data] [--top 20]
"""

from __future__ import annotations

import argparse
import csv
import random
from collections import Counter
from datetime import date
from pathlib import Path

from _data import DEFAULT_DATA, dotin_resumes

from screener import load_taxonomy
from screener.ingest import read_text_document
from screener.match import profile_document, skill_index
from screener.match.resolve import resolve

TOLERATED = {"Tech Tools", "Job Specific Skills", "Soft Skills", "Designation", "Degree"}
AS_OF = date(2019, 1, 1)  # the resumes date from 2010 to 2018


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument(
        "--sample",
        type=Path,
        help="write 200 false positives drawn at random (seed 7), with their context, to this "
        "CSV for checking by hand (the context stays out of the committed check)",
    )
    args = parser.parse_args()
    taxonomy = load_taxonomy()
    index = skill_index(taxonomy)
    spans_total = spans_hit = mentions_total = mentions_ok = 0
    misses: Counter[str] = Counter()
    false_positives: Counter[str] = Counter()
    wrong: list[dict[str, str]] = []  # every false positive, for --sample
    for resume in dotin_resumes(args.data):
        text = resume["text"]
        doc = read_text_document(text, source=resume["id"])
        profile = profile_document(doc, index, AS_OF)
        positive = [
            m
            for s in profile.skills.values()
            for m in s.mentions
            if m.polarity == "positive" and m.method != "implied"
        ]
        tech = [s for s in resume["spans"] if s["label"] == "Tech Tools"]
        tolerated = [s for s in resume["spans"] if s["label"] in TOLERATED]
        tech_skills = {
            r.skill_id for s in tech for r in resolve(" ".join(s["text"].split()), taxonomy)
        }
        for span in tech:
            spans_total += 1
            if any(m.start < span["end"] and span["start"] < m.end for m in positive):
                spans_hit += 1
            else:
                misses[" ".join(span["text"].split())] += 1
        for m in positive:
            mentions_total += 1
            overlaps = any(m.start < s["end"] and s["start"] < m.end for s in tolerated)
            if overlaps or m.skill_id in tech_skills:
                mentions_ok += 1
            else:
                false_positives[f"{m.text} -> {m.skill_id}"] += 1
                context = " ".join(text[max(0, m.start - 100) : m.end + 100].split())
                wrong.append(
                    {
                        "resume": resume["id"],
                        "skill_id": m.skill_id,
                        "matched": m.text,
                        "section": m.section,
                        "context": context,
                    }
                )
    print(f"recall: {spans_hit}/{spans_total} = {spans_hit / spans_total:.3f}")
    print(f"precision: {mentions_ok}/{mentions_total} = {mentions_ok / mentions_total:.3f}")
    _hand_checked(mentions_ok, mentions_total)
    print(f"\nmost frequent misses ({len(misses)} distinct):")
    for text, n in misses.most_common(args.top):
        print(f"  {n:4d}  {text}")
    print(f"\nmost frequent false positives ({len(false_positives)} distinct):")
    for text, n in false_positives.most_common(args.top):
        print(f"  {n:4d}  {text}")
    if args.sample is not None:
        with args.sample.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=[*wrong[0], "verdict", "note"])
            writer.writeheader()
            for row in random.Random(7).sample(wrong, min(200, len(wrong))):
                writer.writerow({**row, "verdict": "", "note": ""})
        print(f"\nsample of false positives to judge written to {args.sample}")


def _hand_checked(ok: int, total: int) -> None:
    """Precision once the sampled 'false positives' judged by hand are taken into account."""
    path = Path(__file__).with_name("precision_hand_check.csv")
    rows = [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    verdicts = Counter(row["verdict"] for row in csv.DictReader(rows))
    share = verdicts["correct"] / sum(verdicts.values())
    print(
        f"hand check of {sum(verdicts.values())} sampled false positives: "
        + ", ".join(f"{n} {v}" for v, n in verdicts.most_common())
        + f"; estimated precision: {(ok + share * (total - ok)) / total:.3f}"
    )


if __name__ == "__main__":
    main()
