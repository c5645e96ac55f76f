"""What the batch keeps of each readable resume: a Screened record, built in the worker
that read it, with the profile trimmed to what scoring reads and its integrity flags."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from screener.ingest import Document, Skipped
from screener.ingest.contact import Contact
from screener.match.profile import Profile


@dataclass(frozen=True, slots=True)
class Screened:
    """What the batch keeps of one readable resume."""

    source: str
    sha256: str
    text_sha256: str
    format: str
    candidate: str
    contact: Contact
    profile: Profile

    def __reduce__(self) -> tuple[type[Screened], tuple[object, ...]]:
        # rebuilt through __init__: the profile cache unpickles thousands, and dataclasses'
        # own way for slotted classes looks up the fields again for every instance
        return (Screened, tuple(getattr(self, name) for name in Screened.__slots__))


Outcome = Screened | Skipped


def screened(doc: Document, profile: Profile, jobs: Sequence[str] = ()) -> Screened:
    """The parts of a read document that the batch keeps, with its integrity flags (the job
    descriptions ``jobs`` are what a resume should not copy)."""
    from screener.score.integrity import integrity_flags

    flags = integrity_flags(doc.text, profile, job_texts=jobs, warnings=doc.warnings)
    if flags:
        profile = replace(profile, flags=flags)
    words = " ".join(doc.normalized.text.casefold().split())
    return Screened(
        source=doc.source,
        sha256=doc.sha256,
        text_sha256=hashlib.sha256(words.encode("utf-8")).hexdigest(),
        format=doc.format,
        candidate=doc.candidate,
        contact=doc.contact,
        profile=kept_evidence(profile),
    )


def kept_evidence(profile: Profile) -> Profile:
    """The profile with, for each skill, only the mention that scoring would quote.

    Scoring reads no other mention: the strongest one per skill decides its points (which
    one is strongest depends on the profile alone, its skills-list support included, never on
    the rubric), and the skills-list check is worked out here, once. A resume naming Python
    forty times keeps one mention of it, so a batch of tens of thousands stays small in memory
    and in the profile cache, and re-scoring from the cache has little to unpack.
    """
    from screener.score import list_factor, list_support, strongest_mention

    support = list_support(profile)
    profile = replace(profile, list_support=support)
    listed = list_factor(profile)
    skills = {}
    for skill_id, evidence in profile.skills.items():
        best = strongest_mention(evidence.mentions, listed)
        # last_used is for the profile report: scoring does not read it, and its dates are
        # the slowest part of a cached record to unpack
        skills[skill_id] = evidence._replace(
            mentions=() if best is None else (best,), last_used=None
        )
    return replace(profile, skills=skills)
