"""Blind mode for a finished batch: every candidate becomes a stable ID, and every text that
reaches an output is redacted (``screener.score.blind`` does the text).

Scores are untouched: they never depended on what blind mode hides. File names are hidden
too, since "Jane_Doe_CV.pdf" names the candidate; the key from IDs to files is returned
separately, for the caller to write only when asked.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from screener.ingest.contact import Contact
from screener.pipeline import BatchResult, Screened
from screener.score import Assessment, Ranked, RequirementResult
from screener.score.blind import candidate_id, redact


def blind_results(results: list[BatchResult]) -> tuple[list[BatchResult], dict[str, str]]:
    """The results as blind mode shows them, and the key: ID -> original file name."""
    first = results[0]
    ids: dict[str, str] = {}
    contacts: dict[str, Contact] = {}
    for record in first.screened:
        ids[record.source] = candidate_id(record.sha256)
        contacts[record.source] = record.contact
    for skipped in first.skipped:
        digest = skipped.sha256 or hashlib.sha256(skipped.source.encode("utf-8")).hexdigest()
        ids.setdefault(skipped.source, candidate_id(digest))
    out = []
    for result in results:
        ranking = tuple(_blind_ranked(item, ids, contacts) for item in result.ranking)
        out.append(
            replace(
                result,
                ranking=ranking,
                skipped=tuple(
                    replace(s, source=ids[s.source], reason=_blind_reason(s.reason, ids))
                    for s in result.skipped
                ),
                screened=tuple(_blind_record(r, ids) for r in result.screened),
                options={**result.options, "blind": True},
            )
        )
    return out, {candidate: source for source, candidate in sorted(ids.items())}


def _blind_reason(reason: str, ids: dict[str, str]) -> str:
    """A skip reason without file names ("duplicate of Jane_Doe.pdf") or personal details."""
    for source in sorted(ids, key=len, reverse=True):
        reason = reason.replace(source, ids[source])
    return redact(reason)


def _blind_ranked(item: Ranked, ids: dict[str, str], contacts: dict[str, Contact]) -> Ranked:
    a = item.assessment
    contact = contacts.get(a.source)
    results = tuple(_blind_result(r, contact) for r in a.results)
    assessment: Assessment = replace(
        a,
        source=ids[a.source],
        candidate=ids[a.source],
        results=results,
        notes=tuple(redact(note, contact) for note in a.notes),
    )
    return replace(item, assessment=assessment)


def _blind_result(result: RequirementResult, contact: Contact | None) -> RequirementResult:
    evidence = tuple(e._replace(quote=redact(e.quote, contact)) for e in result.evidence)
    return result._replace(evidence=evidence)


def _blind_record(record: Screened, ids: dict[str, str]) -> Screened:
    return replace(
        record,
        source=ids[record.source],
        candidate=ids[record.source],
        contact=Contact(None, (), (), ()),
    )
