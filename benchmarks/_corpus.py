"""Generated resumes for the throughput benchmarks: varied templates, seeded, fictional.

Each resume has a header, a summary, three to five dated roles with bullets naming tools, a
skills section and education, with headings, date formats and layouts drawn from the kinds
real resumes use, so that every stage (sections, timeline, matching, context) does real work.
"""

from __future__ import annotations

import random
from pathlib import Path

FIRST = [
    "Ana",
    "Bo",
    "Chidi",
    "Dana",
    "Emil",
    "Farah",
    "Goran",
    "Hana",
    "Ines",
    "Jun",
    "Kofi",
    "Lena",
    "Mateo",
    "Nia",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sami",
    "Tariq",
    "Uma",
    "Yuki",
]
LAST = [
    "Abara",
    "Berg",
    "Costa",
    "Diallo",
    "Eriksen",
    "Fischer",
    "Gupta",
    "Haddad",
    "Ito",
    "Jansen",
    "Kim",
    "Lopez",
    "Moreau",
    "Novak",
    "Okafor",
    "Petrov",
    "Quispe",
    "Rossi",
]
ROLES = [
    "MLOps Engineer",
    "Data Engineer",
    "Backend Developer",
    "Site Reliability Engineer",
    "Machine Learning Engineer",
    "QA Analyst",
    "Platform Engineer",
    "Data Scientist",
    "DevOps Engineer",
    "Software Engineer",
    "Retail Supervisor",
    "Accountant",
]
COMPANIES = [
    "Northwind",
    "Contoso",
    "Fabrikam",
    "Tailspin Toys",
    "Adventure Works",
    "Initech",
    "Litware",
    "Proseware",
    "Woodgrove Bank",
    "Wide World Importers",
]
TOOLS = [
    "Python",
    "Kubernetes",
    "Docker",
    "Terraform",
    "MLflow",
    "Kubeflow",
    "Airflow",
    "Apache Spark",
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
    "SageMaker",
    "Vertex AI",
    "Helm",
    "Argo CD",
    "FastAPI",
    "Go",
    "Java",
    "SQL",
    "Excel",
    "Tableau",
    "Feast",
    "vLLM",
    "Ray",
    "DVC",
    "Evidently",
    "Datadog",
    "k8s",
    "TF",
]
VERBS = [
    "Built",
    "Migrated",
    "Operated",
    "Designed",
    "Automated",
    "Scaled",
    "Maintained",
    "Monitored",
    "Deployed",
    "Tuned",
]
OBJECTS = [
    "pipelines",
    "services",
    "dashboards",
    "clusters",
    "models",
    "batch jobs",
    "APIs",
    "reports",
    "feature stores",
    "CI/CD workflows",
]
HEDGES = ["familiar with", "currently learning", "basic knowledge of", "no experience with"]
HEADINGS = {
    "summary": ["SUMMARY", "Profile", "About me", "Professional Summary"],
    "experience": ["EXPERIENCE", "Work History", "Professional Experience", "Employment"],
    "skills": ["SKILLS", "Technical Skills", "Core Competencies", "Tools"],
    "education": ["EDUCATION", "Education", "Academic Background"],
}  # fmt: skip
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _dates(rng: random.Random, start: int, end: int | None) -> str:
    style = rng.randrange(4)
    m1, m2 = rng.randrange(12), rng.randrange(12)
    last = "Present" if end is None else None
    if style == 0:
        return f"{MONTHS[m1]} {start} - {last or f'{MONTHS[m2]} {end}'}"
    if style == 1:
        return f"{start} \u2013 {last or end}"
    if style == 2:
        return f"{m1 + 1:02d}/{start} - {last or f'{m2 + 1:02d}/{end}'}"
    return f"{MONTHS[m1]}. {start} to {'Current' if end is None else end}"


def _bullet(rng: random.Random) -> str:
    a, b = rng.sample(TOOLS, 2)
    text = (
        f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} with {a} and {b} for "
        f"{rng.randint(2, 90)} teams, cutting latency by {rng.randint(5, 60)}%."
    )
    if rng.random() < 0.15:
        text += f" {rng.choice(HEDGES).capitalize()} {rng.choice(TOOLS)}."
    return text


def make_text(rng: random.Random) -> str:
    """One resume as text."""
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    head = {k: rng.choice(v) for k, v in HEADINGS.items()}
    lines = [
        name,
        f"{name.split()[0].lower()}{rng.randint(1, 999)}@example.com | "
        f"+1 555-01{rng.randint(10, 99)}",
        "",
        head["summary"],
        f"{rng.choice(ROLES)} with {rng.randint(2, 15)} years of experience in "
        f"{', '.join(rng.sample(TOOLS, 3))}.",
        "",
        head["experience"],
    ]
    year = 2026
    for i in range(rng.randint(3, 5)):
        start = year - rng.randint(1, 4)
        end = None if i == 0 else year
        lines += ["", f"{rng.choice(ROLES)}, {rng.choice(COMPANIES)}", _dates(rng, start, end)]
        lines += [f"- {_bullet(rng)}" for _ in range(rng.randint(3, 6))]
        year = start - rng.randint(0, 1)
    lines += ["", head["skills"], ", ".join(rng.sample(TOOLS, rng.randint(8, 16)))]
    lines += ["", head["education"], f"BSc Computer Science, {year - 1}"]
    return "\n".join(lines) + "\n"


def write_text_resumes(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """Write ``count`` text resumes to ``folder``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"resume-{i:05d}.txt"
        path.write_text(make_text(rng), encoding="utf-8")
        paths.append(path)
    return paths
