"""Our PDF reading stage against bare pypdfium2 text extraction, on the same generated files.

Generates N two-page resumes as PDFs (one-column and two-column templates, varied content;
fpdf2, from the dev extra), then in one process and in alternation measures:

- bare: open with pypdfium2 and call get_text_range() on every page;
- ours: screener's read_file(), which adds format sniffing, guards, column-aware extraction,
  normalisation with its offset map, section detection and contact details.

Reports the median of R rounds for each, in files per second, and their ratio.

    python benchmarks/pdf_read.py [--files 500] [--rounds 5]
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path

from _timing import race
from fpdf import FPDF

from screener.ingest import Limits, read_file

ROLES = [
    "MLOps Engineer",
    "Data Engineer",
    "Backend Developer",
    "SRE",
    "ML Engineer",
    "QA Analyst",
    "Platform Engineer",
]
COMPANIES = ["Northwind", "Contoso", "Fabrikam", "Tailspin", "Adventure Works", "Initech"]
TOOLS = [
    "Python",
    "Kubernetes",
    "Docker",
    "Terraform",
    "MLflow",
    "Kubeflow",
    "Airflow",
    "Spark",
    "Kafka",
    "PostgreSQL",
    "Redis",
    "AWS",
    "GCP",
    "Azure",
    "Prometheus",
    "Grafana",
    "Jenkins",
    "GitHub Actions",
    "PyTorch",
    "scikit-learn",
    "dbt",
    "Snowflake",
]


def bullet(rng: random.Random) -> str:
    a, b = rng.sample(TOOLS, 2)
    verb = rng.choice(["Built", "Migrated", "Operated", "Designed", "Automated", "Scaled"])
    return (
        f"- {verb} {rng.choice(['pipelines', 'services', 'dashboards', 'clusters'])} "
        f"with {a} and {b} for {rng.randint(3, 90)} teams across regions."
    )


def make_pdf(path: Path, rng: random.Random) -> None:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=9)
    two_columns = rng.random() < 0.3
    for page in range(2):
        pdf.add_page()
        y = 15.0
        if page == 0:
            phone = f"+1 202-555-01{rng.randint(10, 99)}"
            email = f"c{rng.randint(1, 999)}@example.com"
            pdf.text(
                15,
                y,
                f"Candidate {rng.randint(1, 10**6)} - {rng.choice(ROLES)} - {email} - {phone}",
            )
            y += 10
        lines = ["EXPERIENCE"]
        for _ in range(4):
            start = rng.randint(2008, 2022)
            lines.append(f"{rng.choice(ROLES)}, {rng.choice(COMPANIES)}, {start} - {start + 2}")
            lines += [bullet(rng) for _ in range(rng.randint(3, 6))]
        side = [
            "SKILLS",
            *(", ".join(rng.sample(TOOLS, 3)) for _ in range(8)),
            "EDUCATION",
            "BSc Computer Science",
        ]
        for i, line in enumerate(lines[:38]):
            pdf.text(15, y + 6 * i, line[:62] if two_columns else line)
        if two_columns:
            for i, line in enumerate(side):
                pdf.text(140, y + 6 * i, line)
        else:
            for i, line in enumerate(side):
                pdf.text(15, y + 6 * (min(len(lines), 38) + i), line)
    pdf.output(str(path))


def bare(paths: list[Path]) -> None:
    import pypdfium2 as pdfium

    for path in paths:
        doc = pdfium.PdfDocument(path.read_bytes())
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        doc.close()


def ours(paths: list[Path]) -> None:
    limits = Limits()
    for path in paths:
        (document,) = read_file(path, path.name, limits)
        assert not hasattr(document, "reason"), document


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(42)
    with tempfile.TemporaryDirectory() as tmp:
        paths = [Path(tmp) / f"resume-{i:04d}.pdf" for i in range(args.files)]
        for path in paths:
            make_pdf(path, rng)
        ours(paths[:5])  # warm the imports
        print(f"{len(paths)} two-page PDFs; files per second:")
        medians = race(
            {"bare pypdfium2": lambda: bare(paths), "screener read": lambda: ours(paths)},
            rounds=args.rounds,
            items=len(paths),
        )
    print(f"ratio ours / bare: {medians['screener read'] / medians['bare pypdfium2']:.2f}")


if __name__ == "__main__":
    main()
