"""The experience timeline against a hand count on 20 dotin resumes with dated roles.

`experience_hand_count.csv` beside this script was made by reading each resume by hand,
without the parser, under the conventions written at its top. For each resume this prints
the hand count and the timeline's total months, and how many are within six months.

    python benchmarks/experience.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import csv
from datetime import date
from pathlib import Path

from _data import DEFAULT_DATA, dotin_resumes

from screener import load_taxonomy
from screener.ingest import read_text_document
from screener.match import profile_document, skill_index
from screener.text.timeline import find_roles

HAND_COUNT = Path(__file__).with_name("experience_hand_count.csv")
TOLERANCE = 6  # months


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    lines = [
        line
        for line in HAND_COUNT.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    rows = list(csv.DictReader(lines))
    texts = {r["id"]: r["text"] for r in dotin_resumes(args.data)}
    index = skill_index(load_taxonomy())
    within = 0
    for row in rows:
        year, month = (int(part) for part in row["as_of"].split("-")[:2])
        doc = read_text_document(texts[row["id"]], source=row["id"])
        profile = profile_document(doc, index, date(year, month, 1))
        hand, ours = int(row["total_months"]), profile.total_months
        ok = abs(hand - ours) <= TOLERANCE
        within += ok
        print(
            f"{row['id']:10s} hand {hand:4d}  timeline {ours:4d}  "
            f"{'ok' if ok else 'OFF'}  ({len(profile.roles)} roles found)"
        )
    print(f"\nwithin {TOLERANCE} months: {within}/{len(rows)}")
    titles_and_employers(args.data)


def titles_and_employers(data: Path) -> None:
    """Roles on all dotin resumes whose title (employer) agrees with a span the annotators
    labelled Designation (Companies worked at) in the same resume: one holds the other."""
    roles = titled = title_ok = employed = employer_ok = 0
    for resume in dotin_resumes(data):
        doc = read_text_document(resume["text"], source=resume["id"])
        labelled = {
            label: [
                " ".join(s["text"].lower().split()) for s in resume["spans"] if s["label"] == label
            ]
            for label in ("Designation", "Companies worked at")
        }
        for role in find_roles(doc.normalized.text, doc.sections, date(2019, 1, 1)):
            roles += 1
            if role.title:
                titled += 1
                title_ok += _agrees(role.title, labelled["Designation"])
            if role.employer:
                employed += 1
                employer_ok += _agrees(role.employer, labelled["Companies worked at"])
    print(f"\nroles on all resumes: {roles}")
    print(
        f"  with a title: {titled} ({titled / roles:.0%}); agreeing with a Designation span: "
        f"{title_ok}/{titled} = {title_ok / max(titled, 1):.0%}"
    )
    print(
        f"  with an employer: {employed} ({employed / roles:.0%}); agreeing with a Companies "
        f"span: {employer_ok}/{employed} = {employer_ok / max(employed, 1):.0%}"
    )


def _agrees(found: str, spans: list[str]) -> bool:
    found = " ".join(found.lower().split())
    return any(found in span or span in found for span in spans if span)


if __name__ == "__main__":
    main()
