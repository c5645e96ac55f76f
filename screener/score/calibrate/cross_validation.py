"""Judging weights on candidates they were not fitted on. ``_cross_validate`` deals the
decisions into stratified folds, fits weights without each fold in turn and scores the
held-out candidates with both the fitted and the current weights; ``Metrics`` holds what that
gives for one set of weights: the mean ROC AUC and precision at k over the folds, and the
pairwise order agreement of the held-out scores put together.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from screener.score.calibrate.fitting import _fit
from screener.score.calibrate.inputs import Array


@dataclass(frozen=True)
class Metrics:
    """How well one set of weights ranks candidates it was not fitted on."""

    auc: float  # mean ROC AUC over the held-out folds
    precision: float  # mean share of advanced candidates in the top k of each held-out fold
    agreement: float  # share of (advanced, rejected) pairs ordered right, folds pooled
    fold_auc: tuple[float, ...]  # the ROC AUC of each held-out fold


def _cross_validate(
    x: Array, y: Array, w0: Array, k: int, shortlist: int, strength: float, seed: int
) -> tuple[Metrics, Metrics, int]:
    """The current and the fitted weights judged over ``k`` folds, and the unsettled fits."""
    fold_of = _stratified_folds(y, k, seed)
    pooled_before = np.empty(len(y))
    pooled_after = np.empty(len(y))
    before_auc: list[float] = []
    after_auc: list[float] = []
    before_prec: list[float] = []
    after_prec: list[float] = []
    unconverged = 0
    for f in range(k):
        test = fold_of == f
        v, _, _, converged = _fit(x[~test], y[~test], w0, strength)
        unconverged += not converged
        fitted = w0 if v.sum() <= 0 else v
        for weights, pooled, aucs, precs in (
            (w0, pooled_before, before_auc, before_prec),
            (fitted, pooled_after, after_auc, after_prec),
        ):
            scores = _scores(x[test], weights)
            pooled[test] = scores
            aucs.append(_auc(scores, y[test]))
            precs.append(_precision_at(scores, y[test], min(shortlist, int(test.sum()))))
    before = Metrics(
        _mean(before_auc), _mean(before_prec), _auc(pooled_before, y), tuple(before_auc)
    )
    after = Metrics(_mean(after_auc), _mean(after_prec), _auc(pooled_after, y), tuple(after_auc))
    return before, after, unconverged


def _stratified_folds(y: Array, k: int, seed: int) -> NDArray[np.int64]:
    """A fold number for every label: each class shuffled, then dealt round the folds."""
    rng = np.random.default_rng(seed)
    fold_of = np.empty(len(y), dtype=np.int64)
    dealt = 0
    for value in (1.0, 0.0):
        members = rng.permutation(np.flatnonzero(y == value))
        fold_of[members] = (dealt + np.arange(len(members))) % k
        dealt += len(members)
    return fold_of


def _scores(x: Array, weights: Array) -> Array:
    """The rubric's score for each row, 0 to 100, rounded to two decimals as ranked."""
    return np.asarray(np.round(100 * (x @ weights) / weights.sum(), 2), dtype=np.float64)


def _ranks(values: Array) -> Array:
    """1-based ranks, ties sharing the mean of their places."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    starts = np.concatenate([[0], np.flatnonzero(np.diff(ordered)) + 1])
    ends = np.concatenate([starts[1:], [len(values)]])
    ranks = np.empty(len(values))
    ranks[order] = np.repeat((starts + ends + 1) / 2, ends - starts)
    return ranks


def _auc(scores: Array, y: Array) -> float:
    """ROC AUC by the Mann-Whitney U statistic: the share of (positive, negative) pairs the
    scores put in the right order, ties counting one half."""
    positives = float(y.sum())
    negatives = float(len(y) - positives)
    if not positives or not negatives:
        return math.nan
    rank_sum = float(_ranks(scores)[y == 1].sum())
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def _precision_at(scores: Array, y: Array, k: int) -> float:
    """Share of positives among the k best scores; a tie across the cut is shared out in
    proportion, as a random order among the tied candidates would on average."""
    cut = np.sort(scores)[::-1][k - 1]
    above = scores > cut
    tied = scores == cut
    slots = k - int(above.sum())
    return float((y[above].sum() + slots * y[tied].mean()) / k)


def _mean(values: list[float]) -> float:
    """The mean of ``values`` as a float."""
    return float(np.mean(values))
