"""The outcome of a calibration and the two ways it is written out. ``Report`` holds the
figures before and after, the weights to use and the warnings; ``report_text`` is the report
the command line prints (the held-out figures, the weights requirement by requirement, the
verdict and the warnings); ``comment_block`` is the YAML comment on top of a calibrated rubric
that records which labels file the weights came from and what they were judged to be worth.
"""

from __future__ import annotations

import math
import re
import textwrap
from dataclasses import dataclass

from screener.score.calibrate.cross_validation import Metrics
from screener.score.calibrate.fitting import Fit

_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Report:
    """The outcome of a calibration: figures before and after, and the weights to use."""

    ids: tuple[str, ...]
    positives: int  # "advance" labels used
    negatives: int  # "reject" labels used
    folds: int  # folds actually used (fewer than asked when a class is small)
    shortlist: int  # k of "precision at k" as asked (smaller when a fold is smaller)
    strength: float
    seed: int
    current: dict[str, float]
    before: Metrics  # the current weights, judged on the held-out folds
    after: Metrics  # weights fitted without each held-out fold, judged on it
    improved: bool  # after.auc > before.auc + MARGIN
    fit: Fit  # fitted on every label: the weights to write into the rubric
    warnings: tuple[str, ...]

    @property
    def weights(self) -> dict[str, float]:
        """The calibrated weights, fitted on every label."""
        return self.fit.weights

    @property
    def labels(self) -> int:
        """How many labels were used."""
        return self.positives + self.negatives


def report_text(report: Report) -> str:
    """The calibration report as the command line prints it."""
    lines = [*_figure_lines(report), *_weight_lines(report), *_closing_lines(report)]
    return "\n".join(lines) + "\n"


def _figure_lines(r: Report) -> list[str]:
    """The report's heading, its table of held-out figures and the legend that explains it."""
    k = r.shortlist
    legend = (
        "ROC AUC: the chance that an advanced candidate outscores a rejected one (0.5 is a "
        f"coin toss). Precision: the share of advanced candidates among a fold's {k} best "
        f"scores ({r.positives / r.labels:.0%} of all the candidates were advanced). "
        "Agreement: the share of (advanced, rejected) pairs in the right order, the held-out "
        "scores of every fold put together in one ranking."
    )
    return [
        f"Calibration from {r.labels} decisions ({r.positives} advance, {r.negatives} reject), "
        f"{r.folds}-fold cross-validation, strength {r.strength:g}, seed {r.seed}",
        "",
        f"{'judged on held-out candidates':32}{'current':>10}{'calibrated':>12}",
        f"{'ROC AUC':32}{r.before.auc:>10.3f}{r.after.auc:>12.3f}",
        f"{f'precision in the top {k}':32}{r.before.precision:>10.3f}{r.after.precision:>12.3f}",
        f"{'pairwise order agreement':32}{r.before.agreement:>10.3f}{r.after.agreement:>12.3f}",
        f"{'ROC AUC by fold, lowest':32}{min(r.before.fold_auc):>10.3f}"
        f"{min(r.after.fold_auc):>12.3f}",
        f"{'ROC AUC by fold, highest':32}{max(r.before.fold_auc):>10.3f}"
        f"{max(r.after.fold_auc):>12.3f}",
        "",
        *textwrap.wrap(legend, 92),
        "",
    ]


def _weight_lines(r: Report) -> list[str]:
    """The table of weights: current, calibrated and the change, requirement by requirement."""
    width = max([24, *(len(i) + 2 for i in r.ids)])
    lines = [f"{'requirement':{width}}{'current':>10}{'calibrated':>12}{'change':>10}"]
    for i in r.ids:
        old, new = r.current[i], r.weights[i]
        lines.append(f"{i:{width}}{old:>10.2f}{new:>12.2f}{new - old:>+10.2f}")
    total = sum(r.current.values())
    lines += [f"{'total':{width}}{total:>10.2f}{sum(r.weights.values()):>12.2f}", ""]
    return lines


def _closing_lines(r: Report) -> list[str]:
    """What the fitted scale means for the odds, the verdict, and the warnings if any."""
    lines: list[str] = []
    if r.fit.scale > 0:
        lines.append(
            "With the calibrated weights, every 10 points of score multiply the odds of being "
            f"advanced by {math.exp(min(r.fit.scale / 10, 700.0)):.3g}."
        )
    if r.improved:
        lines.append(
            "Verdict: the calibrated weights rank held-out candidates better "
            f"(AUC {r.after.auc:.2f} vs {r.before.auc:.2f})."
        )
    else:
        lines.append("Verdict: keep the current rubric.")
    if r.warnings:
        lines += ["", "Warnings:", *(f"- {w}" for w in r.warnings)]
    return lines


def comment_block(report: Report, labels_sha256: str) -> str:
    """YAML comment lines for the top of the calibrated rubric: which labels file the weights
    came from (its SHA-256), how many decisions, and the figures before and after."""
    digest = labels_sha256.strip().lower()
    if not _SHA256.fullmatch(digest):
        raise ValueError(f"not a SHA-256 hex digest: {labels_sha256!r}")
    r = report
    lines = [
        "Weights calibrated from past recruiter decisions (screener.calibrate).",
        f"labels file sha256: {digest}",
        f"decisions: {r.labels} ({r.positives} advance, {r.negatives} reject); "
        f"{r.folds}-fold cross-validation, strength {r.strength:g}, seed {r.seed}",
        "held-out figures, current -> calibrated weights:",
        f"  ROC AUC {r.before.auc:.3f} -> {r.after.auc:.3f}",
        f"  precision in the top {r.shortlist} {r.before.precision:.3f} -> {r.after.precision:.3f}",
        f"  pairwise order agreement {r.before.agreement:.3f} -> {r.after.agreement:.3f}",
        "previous weights: " + ", ".join(f"{i} {r.current[i]:g}" for i in r.ids),
        "verdict: "
        + ("calibrated weights rank better" if r.improved else "keep the current rubric"),
        *(f"warning: {w}" for w in r.warnings),
    ]
    return "".join(f"# {line}\n" for line in lines)
