"""Blind mode: what redaction hides, what it must leave alone, and the candidate ids."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from screener import Taxonomy, profile_text
from screener.ingest import Document, Limits, Skipped, read_file
from screener.ingest.contact import Contact
from screener.score.blind import TAGS, candidate_id, redact
from tests.conftest import AS_OF, ROOT

PRIYA = Contact(
    name="Priya Raman",
    emails=("priya.raman@example.com",),
    phones=("+1 555-0134",),
    links=("www.example.com/in/priya-raman-mlops",),
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # name: every word, any case, possessive, accents
        ("# Priya Raman", "# [name]"),
        ("PRIYA RAMAN, Senior MLOps Engineer", "[name], Senior MLOps Engineer"),
        ("Raman's pipeline cut costs by 40%.", "[name]'s pipeline cut costs by 40%."),
        ("Ask priya about the rollout", "Ask [name] about the rollout"),
        # e-mails, phones, links
        (
            "priya.raman@example.com | +1 555-0134 | www.example.com/in/priya-raman-mlops",
            "[email] | [phone] | [link]",
        ),
        ("Write to p.raman+jobs@mail.example.co.uk.", "Write to [email]."),
        ("jane [at] example [dot] com", "[email]"),
        ("Mobile: (415) 555-0102", "Mobile: [phone]"),
        ("Tel +44 20 7946 0958 or 020 7946 0958", "Tel [phone] or [phone]"),
        ("call 612.345.6789 after 5pm", "call [phone] after 5pm"),
        (
            "Portfolio (https://priya.dev/projects), GitHub: @praman",
            "Portfolio ([link]), GitHub: [link]",
        ),
        ("linkedin.com/in/priya-r · github.com/praman", "[link] · [link]"),
        ("Blog at example.com/priyaraman.", "Blog at [link]."),
        # addresses
        ("12 Main Street, Apt 4B, Seattle, WA 98101", "[address], [address], Seattle, [address]"),
        ("221B Baker St., London NW1 6XE", "[address], London [address]"),
        ("Flat 3, 1600 Pennsylvania Avenue NW", "[address], [address]"),
        ("Hauptstraße 5, 10115 Berlin", "[address], 10115 Berlin"),
        ("PO Box 123, Toronto, ON M5V 2T6", "[address], Toronto, [address]"),
        # dates of birth and ages
        ("Born 1990 in a small town", "[age] in a small town"),
        ("DOB: 01/02/1990", "[age]"),
        ("Date of birth: 3 March 1990", "[age]"),
        ("Date of birth", "[age]"),
        ("Age: 34 | aged 34 | 34 years old", "[age] | [age] | [age]"),
        # pronouns and titles
        ("Pronouns: she/her", "[pronoun]"),
        ("Mx Jordan Lee (they/them)", "[title] Jordan Lee ([pronoun])"),
        (
            "He led the migration; his team of 6 shipped it.",
            "[pronoun] led the migration; [pronoun] team of 6 shipped it.",
        ),
        ("Her manager praised her work", "[pronoun] manager praised [pronoun] work"),
        ("Mrs. Smith and Ms Jones", "[title] Smith and [title] Jones"),
        # marital status
        ("Marital status: single", "[marital status]"),
        ("Married, 2 children", "[marital status]"),
        ("single, no children", "[marital status]"),
        ("Divorced; widowed", "[marital status]; [marital status]"),
        # nationality
        ("Nationality: German | Citizenship: US and EU", "[nationality] | [nationality]"),
        ("US citizen, Indian national", "[nationality], [nationality]"),
        ("citizen of Canada; born in Lagos, Nigeria", "[nationality]; [nationality]"),
        ("holds a British/Irish dual citizenship", "holds a [nationality]"),
    ],
)
def test_each_category_is_redacted(line: str, expected: str) -> None:
    assert redact(line, PRIYA) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Built single sign-on (SSO) and a single-page app for a single region.",
        "Advanced MS Office, MS SQL Server and MS Excel; MS in Computer Science, 2016.",
        "Software Engineer, Acme Corp 2017-2020",
        "Senior ML Engineer · Jan 2019 - Present",
        "Sep 2018 – Mar 2021, 2019.03 - 2021.05, 2015 - 2017",
        "Kept 99.9% availability and saved $2.4 million a year",
        "Scaled to 45k users and 30+ production models at p99 < 120 ms",
        "Worked with other teams in Singapore, where the history of the hiring process was odd.",
        "Served 10 000 000 requests a day; AUC 0.91 0.93 0.95",
        "Python 3.11, Java 17, ISO 27001, IEEE 802.11, GPA 3.8/4.0",
        "Node.js/React, ASP.NET/C#, Passport.js, CI/CD",
        "Argonne National Laboratory; led the national rollout",
        "HIS integration for a hospital; HE sector clients",
        "NVIDIA T4 16GB and P4 2GB GPUs; 3 Kubernetes clusters",
        "Feature age 30 days; an image stage 2 pipeline",
        "Data engineering: Spark, dbt, Kafka, Pub/Sub, 2 million rows",
        "Team lead for 12 engineers across 4 time zones (2021-2024)",
    ],
)
def test_look_alikes_are_kept(line: str) -> None:
    assert redact(line, PRIYA) == line


def test_without_a_contact_only_the_name_is_kept() -> None:
    line = "Priya Raman · priya.raman@example.com · +1 555-0134 · she/her"
    assert redact(line) == "Priya Raman · [email] · [phone] · [pronoun]"


def test_names_with_accents_hyphens_and_apostrophes() -> None:
    contact = Contact("Seo-yeon O'Connor Hernández", (), (), ())
    text = "SEO-YEON O’CONNOR HERNANDEZ; Seo-yeon's notes; Connor; hernández; Seoul"
    assert redact(text, contact) == "[name]; [name]'s notes; [name]; [name]; Seoul"


def test_one_letter_initials_and_words_inside_words_are_kept() -> None:
    contact = Contact("Ion A. Ha", (), (), ())
    assert (
        redact("Ion A. Ha ran ionic hash jobs", contact) == "[name] A. [name] ran ionic hash jobs"
    )


def test_every_tag_written_is_listed() -> None:
    text = (
        "Priya Raman, Mrs Raman, she/her, priya.raman@example.com, +1 555-0134, "
        "https://priya.dev, 12 Main Street, age 34, married, nationality: Irish"
    )
    written = set(re.findall(r"\[([a-z ]+)\]", redact(text, PRIYA)))
    assert written == set(TAGS)


def test_candidate_id_is_stable_short_and_distinct() -> None:
    sha = "ab" * 32
    assert candidate_id(sha) == "C-2AF690EF"  # the same in every run and on every machine
    assert candidate_id(sha.upper() + "\n") == candidate_id(sha)
    assert re.fullmatch(r"C-[0-9A-F]{8}", candidate_id("cd" * 32))
    ids = {candidate_id(f"{n:064x}") for n in range(1000)}
    assert len(ids) == 1000
    assert all(sha[:8].upper() not in i for i in ids)  # the hash itself does not show through
    with pytest.raises(ValueError, match="SHA-256"):
        candidate_id(" ")


# ---- the shipped sample resumes --------------------------------------------------------------


@pytest.fixture(scope="module")
def samples() -> list[Document]:
    folder = ROOT / "sample_resumes"
    docs = [
        item
        for path in sorted(Path(folder).iterdir())
        for item in read_file(path, path.name, Limits())
        if not isinstance(item, Skipped)
    ]
    assert len(docs) >= 35
    return docs


def _fold(word: str) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch)
    )


def test_samples_keep_no_names_emails_or_phones(samples: list[Document]) -> None:
    leaks = []
    for doc in samples:
        contact = doc.contact
        assert contact.name, doc.source
        assert contact.emails, doc.source
        assert contact.phones, doc.source
        redacted = redact(doc.text, contact)
        words = {w for w in re.findall(r"[^\W\d_]+", contact.name) if len(w) >= 3}
        for word in words | {_fold(w) for w in words}:
            if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", redacted, re.IGNORECASE):
                leaks.append(f"{doc.source}: name word {word!r}")
        for value in (*contact.emails, *contact.phones):
            if value.lower() in redacted.lower():
                leaks.append(f"{doc.source}: {value!r}")
    assert not leaks


def test_samples_keep_their_skills(samples: list[Document], taxonomy: Taxonomy) -> None:
    found = kept = 0
    lost: dict[str, set[str]] = {}
    for doc in samples:
        before = set(profile_text(doc.text, taxonomy, as_of=AS_OF).skills)
        after = set(profile_text(redact(doc.text, doc.contact), taxonomy, as_of=AS_OF).skills)
        found += len(before)
        kept += len(before & after)
        if before - after:
            lost[doc.source] = before - after
    assert found > 500
    assert kept / found >= 0.95, lost


def test_redacting_twice_changes_nothing(samples: list[Document]) -> None:
    for doc in samples:
        once = redact(doc.text, doc.contact)
        assert redact(once, doc.contact) == once, doc.source
