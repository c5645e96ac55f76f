"""What every output says about itself: decision support, not a decision, and how far to
trust it. The figures are those measured by the scripts in benchmarks/ (see their README)."""

from __future__ import annotations

BANNER = "Decision support only: every candidate needs human review before any decision."

LIMITATIONS: tuple[tuple[str, str], ...] = (
    ("Notice", BANNER),
    (
        "Intended use",
        "Ordering a batch of resumes for one opening so that a recruiter reads the most "
        "relevant first, with the evidence for every point. Not for rejecting anyone "
        "automatically: knockouts and flags only mark candidates for a person to look at.",
    ),
    (
        "What scores",
        "Only the rubric's requirements: skills and years the resume evidences, and the "
        "degree where the rubric asks for one. Names, contact details, photos, ages, gender "
        "and nationality are never scored (blind mode hides them from the outputs too).",
    ),
    (
        "Known failure modes",
        "Skills written in unusual ways, or only in images, are missed; scanned PDFs are not "
        "read (listed on the Errors sheet). Everyday words that are also product names "
        "(Spark, Airflow, Go) need context to count and can be missed or miscounted. "
        "Two-column layouts can interleave text. Dates in unusual formats give wrong years. "
        "Keyword stuffing, text copied from the job description and instructions aimed at "
        "screeners are flagged for review, not detected perfectly.",
    ),
    (
        "Measured accuracy",
        "On 310 annotated public resumes: 94.7% of tool and technology mentions found; of "
        "the mentions found, about 96% are real (by a hand check of a sample; 62% by the "
        "strict annotation match). Experience sections found in 98% of resumes that have "
        "one; total experience within six months of a hand count for 19 of 20. On the 41 "
        "sample resumes, the band matches a recruiter's for 39.",
    ),
    (
        "Fairness",
        "Run `screener audit` with voluntarily self-reported demographics to see selection "
        "rates and impact ratios by category (the four-fifths rule), and review the rubric "
        "warnings `screener validate` gives for likely proxies of protected traits.",
    ),
)
