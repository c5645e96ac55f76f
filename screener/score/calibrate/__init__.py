"""Learning a rubric's weights from past recruiter decisions. Pure functions on plain data.

What it does, in a recruiter's words: you give it candidates who were already decided
(advanced or rejected) together with how well each satisfied every requirement of the rubric.
It looks for the weights under which the advanced candidates would have scored highest, and
tells you, on candidates it did not learn from, whether those weights rank people better than
the ones in the rubric today. It never changes the rubric by itself.

The model. A candidate's score is the rubric's own formula,
``100 x sum(weight x satisfaction) / sum(weight)``. The chance that a candidate is advanced is
taken to rise with the score along an S-curve (logistic regression)::

    log-odds(advance) = sum(v_i x s_i) + b

where ``s_i`` is the satisfaction (0 to 1) of requirement ``i``, ``v_i >= 0`` its learned
weight in log-odds, and ``b`` the base rate. The rubric weights are the ``v_i`` rescaled to the
current total (weights are relative: only their shares move the ranking), so
``log-odds = scale x score / 100 + b`` with ``scale = sum(v_i)``: every 10 points of score
multiply the odds of being advanced by ``exp(scale / 10)``.

The pull toward the current rubric. Past decisions are few and noisy, so the fit is a nudge,
not a rewrite: it minimises

    sum over labels of logloss + strength x sum_i (v_i - scale x p_i)^2

where ``p_i`` is requirement ``i``'s share of the current total. The second term costs any
departure of the weights' *shares* from today's shares (at the fitted scale); it does not
grow with the number of labels while the first term does, so with a handful of decisions the
current rubric dominates and with hundreds the decisions do. In statistical terms it is a
Gaussian prior centred on the current shares, each weight's departure having a standard
deviation of ``1 / sqrt(2 x strength)`` in log-odds per unit of satisfaction; ``strength=0``
is plain logistic regression with non-negative weights. A far weaker pull toward zero
(``0.001 x sum_i v_i^2``) keeps the weights finite when the scores separate the decisions
perfectly. The problem is convex: accelerated projected gradient descent (FISTA, with
restarts) finds its single minimum, the same for the same data every time.

How it is judged. Stratified k-fold cross-validation: the decisions are dealt into k folds
with the same advance/reject mix (k is ``folds``, or the size of the smaller class when that
is smaller; ``seed`` decides the deal); each fold in turn is held out, weights are fitted on
the others and the held-out candidates are scored with both the fitted ("after") and the
current ("before") weights. Reported, as means over the folds:

- ROC AUC: the chance that a randomly chosen advanced candidate scores above a randomly
  chosen rejected one (ties count half); 0.5 is a coin toss, 1.0 a perfect ranking.
- precision at k: the share of advanced candidates among the k best scores of a fold, as if
  the fold were an inbox and the shortlist held k; ties at the cut count in proportion.
- pairwise order agreement: like AUC, but over every (advanced, rejected) pair in the whole
  set, each candidate scored by the weights that did not see them: the held-out folds put
  together as one ranking. Scores are rounded to two decimals first, as the ranking sees them.

The calibrated weights count as an improvement only when their held-out ROC AUC beats the
current weights' by more than 0.01; otherwise the report says to keep the current rubric.
The weights reported at the end are fitted on every decision.

The package, one module per step: ``inputs`` reads the decisions (``parse_label``) and
checks what a calibration is given; ``fitting`` fits the weights (``fit_weights``, ``Fit``);
``cross_validation`` judges weights on the held-out folds (``Metrics``); ``report`` holds the
outcome (``Report``) and writes it out (``report_text``, ``comment_block``). ``calibrate``
below ties them together.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from screener.score.calibrate.cross_validation import Metrics, _cross_validate
from screener.score.calibrate.cross_validation import _auc as _auc
from screener.score.calibrate.cross_validation import _precision_at as _precision_at
from screener.score.calibrate.cross_validation import _scores as _scores
from screener.score.calibrate.fitting import (
    MAX_ITERATIONS,
    RIDGE,
    TOLERANCE,
    Fit,
    _check_strength,
    _fit_all,
    fit_weights,
)
from screener.score.calibrate.inputs import Array, _check, parse_label, parse_labels
from screener.score.calibrate.report import Report, comment_block, report_text

__all__ = [
    "MARGIN",
    "MAX_ITERATIONS",
    "MIN_PER_CLASS",
    "RIDGE",
    "TOLERANCE",
    "Array",
    "Fit",
    "Metrics",
    "Report",
    "calibrate",
    "comment_block",
    "fit_weights",
    "parse_label",
    "parse_labels",
    "report_text",
]

MIN_PER_CLASS = 10  # below this many labels in a class, say the result is not to be trusted
MARGIN = 0.01  # "improved" means a held-out AUC higher than the current weights' by this much


def calibrate(
    ids: Sequence[str],
    satisfactions: Sequence[Sequence[float]],
    labels: Sequence[float],
    current: Mapping[str, float],
    *,
    folds: int = 5,
    shortlist: int = 10,
    strength: float = 1.0,
    seed: int = 0,
) -> Report:
    """Fit weights to past decisions and judge them against the current ones.

    ``ids`` are the rubric's requirement ids in rubric order; ``satisfactions[j][i]`` is how
    well candidate ``j`` satisfied requirement ``ids[i]`` (0 to 1); ``labels[j]`` is 1.0 when
    the candidate was advanced and 0.0 when rejected (``parse_label`` reads them; leave out the
    ignored ones); ``current`` maps every id to its weight in the rubric today.

    Raises ValueError when the data cannot be used, among others when a class is missing or
    has a single label: there is nothing to learn from.
    """
    x, y, w0 = _check(ids, satisfactions, labels, current)
    positives, negatives = _check_settings(y, folds, shortlist, strength)
    k, warnings = _size_warnings(positives, negatives, folds)
    before, after, unconverged = _cross_validate(x, y, w0, k, shortlist, strength, seed)
    fit = _fit_all(ids, x, y, w0, strength)
    improved = after.auc > before.auc + MARGIN
    warnings += _outcome_warnings(fit, unconverged, k, before, after, improved)
    return Report(
        tuple(ids),
        positives,
        negatives,
        k,
        shortlist,
        strength,
        seed,
        {i: float(current[i]) for i in ids},
        before,
        after,
        improved,
        fit,
        tuple(warnings),
    )


def _check_settings(y: Array, folds: int, shortlist: int, strength: float) -> tuple[int, int]:
    """The advance and reject labels counted; a ValueError if a setting or a class is unusable."""
    if folds < 2:
        raise ValueError(f"folds must be at least 2, not {folds}")
    if shortlist < 1:
        raise ValueError(f"shortlist must be at least 1, not {shortlist}")
    _check_strength(strength)
    positives, negatives = int(y.sum()), int(len(y) - y.sum())
    for count, name in ((positives, "advance"), (negatives, "reject")):
        if count == 0:
            raise ValueError(
                f"no {name} labels: calibration learns from the difference between advanced "
                "and rejected candidates, and needs both"
            )
        if count == 1:
            raise ValueError(
                f"only 1 {name} label: calibration needs at least 2 of each class to "
                f"cross-validate (and {MIN_PER_CLASS} to be trusted)"
            )
    return positives, negatives


def _size_warnings(positives: int, negatives: int, folds: int) -> tuple[int, list[str]]:
    """The number of folds to use, and the warnings about classes too small to trust."""
    warnings = [
        f"only {count} {name} labels; calibration needs at least {MIN_PER_CLASS} per class "
        "to be trusted"
        for count, name in ((positives, "advance"), (negatives, "reject"))
        if count < MIN_PER_CLASS
    ]
    k = min(folds, positives, negatives)
    if k < folds:
        warnings.append(
            f"only {min(positives, negatives)} labels in the smaller class: "
            f"{k}-fold cross-validation instead of {folds}-fold"
        )
    return k, warnings


def _outcome_warnings(
    fit: Fit, unconverged: int, k: int, before: Metrics, after: Metrics, improved: bool
) -> list[str]:
    """Warnings about the outcome: fits that did not settle, zero weights, no gain to take."""
    warnings: list[str] = []
    unconverged += not fit.converged
    if unconverged:
        warnings.append(
            f"the fit stopped at {MAX_ITERATIONS} steps before settling in {unconverged} of "
            f"{k + 1} fits: the figures are close to, not at, the best weights"
        )
    if fit.scale <= 0:
        warnings.append(
            "no requirement's satisfaction goes with being advanced: the fit put every weight "
            "at zero, so the calibrated weights are the current ones"
        )
    if not improved:
        by = f" by more than {MARGIN:g}" if after.auc > before.auc else ""
        figures = ".3f" if f"{after.auc:.2f}" == f"{before.auc:.2f}" else ".2f"
        warnings.append(
            f"calibration does not beat the current weights{by} (AUC {after.auc:{figures}} "
            f"vs {before.auc:{figures}}): keep the current rubric"
        )
    return warnings
