"""Regenerate sample_resumes/ from the source texts in sources/, as manifest.yaml says.

Run from anywhere, with the project's dev extra installed (fpdf2, python-docx, pyyaml):

    .venv/bin/python tools/sample_resumes/generate.py          # write the sample files
    .venv/bin/python tools/sample_resumes/generate.py --check  # exit 1 if any file differs

Every date written into a file comes from the manifest, so a second run gives the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from manifest import Entry, Manifest, ManifestError, load_manifest
from render_markup import render_html, render_md, render_rtf, render_txt
from render_office import render_docx, render_odt
from render_pdf import render_pdf, render_scanned_pdf
from source import parse_source, with_skill_tables

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
OUTPUT = HERE.parents[1] / "sample_resumes"
EXPECTED = "EXPECTED.csv"  # written by hand, next to the generated files
BANDS = {"strong", "good", "fair", "low", "skip", "duplicate"}


def render(entry: Entry, manifest: Manifest) -> bytes:
    """The bytes of one sample file."""
    if entry.format == "empty" or entry.source is None:
        return b""
    text = (SOURCES / entry.source).read_text(encoding="utf-8")
    if entry.format == "md":
        return render_md(text)
    if entry.format == "txt":
        return render_txt(text)
    resume = parse_source(text)
    if "table" in entry.layout:
        resume = with_skill_tables(resume)
        if not any(block.kind == "table" for block in resume.blocks):
            raise ValueError(f"{entry.output}: layout 'table' but no table in {entry.source}")
    title = entry.title or f"{resume.name} - Resume"
    created = manifest.created
    if entry.format == "pdf" and entry.scanned:
        return render_scanned_pdf(resume, created=created, title=title)
    if entry.format == "pdf":
        return render_pdf(
            resume,
            created=created,
            title=title,
            font=entry.font,
            two_column="two_column" in entry.layout,
            header="header" in entry.layout,
            password=entry.password,
        )
    if entry.format == "docx":
        return render_docx(resume, created=created, title=title, header="header" in entry.layout)
    if entry.format == "odt":
        return render_odt(resume, created=created, title=title)
    if entry.format == "rtf":
        return render_rtf(resume, created=created, title=title)
    return render_html(resume, title=title)


def check_folder(folder: Path, outputs: set[str]) -> list[str]:
    """Files in ``folder`` the manifest does not make, and rows of EXPECTED.csv that disagree."""
    problems = [
        f"{p.name}: in {folder.name}/ but not in the manifest"
        for p in sorted(folder.iterdir())
        if p.name not in outputs and p.name != EXPECTED
    ]
    expected = folder / EXPECTED
    if not expected.is_file():
        return [*problems, f"{EXPECTED}: missing"]
    with expected.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    listed = {row["file"] for row in rows}
    problems += [f"{EXPECTED}: no row for {name}" for name in sorted(outputs - listed)]
    problems += [f"{EXPECTED}: {name} is not generated" for name in sorted(listed - outputs)]
    problems += [
        f"{EXPECTED}: {row['file']}: band '{row['band']}' is not one of {sorted(BANDS)}"
        for row in rows
        if row["band"] not in BANDS
    ]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    parser.add_argument("--out", type=Path, default=OUTPUT, help="folder to write (or check)")
    args = parser.parse_args(argv)
    try:
        manifest = load_manifest(HERE / "manifest.yaml", SOURCES)
    except ManifestError as error:
        print(error, file=sys.stderr)
        return 1
    files = {entry.output: render(entry, manifest) for entry in manifest.entries}
    args.out.mkdir(parents=True, exist_ok=True)
    changed = [
        name
        for name, data in files.items()
        if not (args.out / name).is_file() or (args.out / name).read_bytes() != data
    ]
    if not args.check:
        for name in changed:
            (args.out / name).write_bytes(files[name])
    problems = check_folder(args.out, set(files))
    if args.check:
        problems = [f"{name}: differs from what the generator makes" for name in changed] + problems
    for problem in problems:
        print(problem, file=sys.stderr)
    verb = "differ" if args.check else "written"
    print(f"{len(files)} files, {len(changed)} {verb}, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
