"""The run as JSON: the workbook's content with full evidence, for other tools."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from screener.export.limitations import BANNER
from screener.export.tables import best_fit_table, run_info
from screener.pipeline import BatchResult
from screener.score.explain import satisfied_by


def result_to_dict(result: BatchResult) -> dict[str, Any]:
    """A JSON-ready dict: run information, ranked candidates with evidence, errors."""
    ranking = []
    for item in result.ranking:
        a = item.assessment
        ranking.append(
            {
                "rank": item.rank,
                "candidate": a.candidate,
                "file": a.source,
                "score": a.score,
                "band": a.band,
                "musts_met": a.musts_met,
                "musts_total": len(a.musts),
                "missing_musts": list(a.missing_musts),
                "knockouts": list(a.knockouts),
                "years": a.years,
                "ml_years": a.ml_years,
                "shortlisted": item.shortlisted,
                "flags": list(a.flags),
                "requirements": [
                    {**r._asdict(), "evidence": [e._asdict() for e in r.evidence]}
                    for r in a.results
                ],
            }
        )
    return {
        "notice": BANNER,
        "run": run_info(result),
        "inputs": [{"file": f, "sha256": h} for f, h in result.inputs],
        "rubric": [
            {
                "id": req.id,
                "label": req.label,
                "tier": req.tier,
                "weight": req.weight,
                "knockout": req.knockout,
                "satisfied_by": satisfied_by(req, result.taxonomy),
            }
            for req in result.rubric.requirements
        ],
        "ranking": ranking,
        "errors": [{"file": s.source, "reason": s.reason} for s in result.skipped],
    }


def write_json(results: BatchResult | list[BatchResult], path: Path) -> Path:
    """Write the result as UTF-8 JSON to ``path``; several openings give
    ``{"openings": [...], "best_fit": [...]}`` with one result object per opening."""
    many = results if isinstance(results, list) else [results]
    data: dict[str, Any]
    if len(many) == 1:
        data = result_to_dict(many[0])
    else:
        table = best_fit_table(many)
        data = {
            "openings": [result_to_dict(r) for r in many],
            "best_fit": [
                dict(zip((c.lower().replace(" ", "_") for c in table.columns), row, strict=True))
                for row in table.rows()
            ],
        }
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    return path
