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
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

MIN_PER_CLASS = 10  # below this many labels in a class, say the result is not to be trusted
MARGIN = 0.01  # "improved" means a held-out AUC higher than the current weights' by this much
MAX_ITERATIONS = 20_000
TOLERANCE = 1e-9  # the fit stops when no step can lower the loss per label by this much
# A very weak pull of every weight toward zero: it changes nothing measurable on real decisions
# but keeps the weights finite when the scores separate advanced from rejected perfectly.
RIDGE = 1e-3

_POSITIVE = {"advance", "advanced", "yes", "y", "true", "hired", "hire", "1"}
_NEGATIVE = {"reject", "rejected", "no", "n", "false", "0"}
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Fit:
    """Weights fitted to a set of decisions.

    ``weights`` are rubric weights, in rubric order, with the current rubric's total.
    ``scale`` and ``intercept`` give the fitted chance of being advanced:
    ``log-odds = scale x score / 100 + intercept``.
    """

    weights: dict[str, float]
    scale: float
    intercept: float
    iterations: int
    converged: bool


@dataclass(frozen=True)
class Metrics:
    """How well one set of weights ranks candidates it was not fitted on."""

    auc: float  # mean ROC AUC over the held-out folds
    precision: float  # mean share of advanced candidates in the top k of each held-out fold
    agreement: float  # share of (advanced, rejected) pairs ordered right, folds pooled
    fold_auc: tuple[float, ...]  # the ROC AUC of each held-out fold


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


def parse_label(value: str, *, rating: bool = False) -> float | None:
    """A recruiter's decision as 1.0 (advance) or 0.0 (reject); None to ignore it.

    Accepted, in any case: advance/advanced, reject/rejected, yes/no, y/n, true/false,
    hired/hire/rejected, 1/0, and a 1-5 rating where 4 and up is advance, 2 and below reject
    and anything between (a 3) is ignored. Blank or unknown values are ignored (None).

    A bare ``1`` is read as "yes" unless ``rating`` is set: in a column of 1-5 ratings it
    means the worst rating. ``parse_labels`` decides that for a whole column.
    """
    text = value.strip().lower()
    if not text:
        return None
    if not rating:
        if text in _POSITIVE:
            return 1.0
        if text in _NEGATIVE:
            return 0.0
    if not _NUMBER.fullmatch(text):
        return None
    number = float(text)
    if not rating and number in (0.0, 1.0):
        return number
    if not 1.0 <= number <= 5.0:
        return None
    if number >= 4.0:
        return 1.0
    if number <= 2.0:
        return 0.0
    return None


def parse_labels(values: Sequence[str]) -> list[float | None]:
    """Every value of a label column, read as ratings when any number in it is 2 to 5."""
    numbers = [v.strip() for v in values if _NUMBER.fullmatch(v.strip())]
    rating = any(1.0 < float(n) <= 5.0 for n in numbers)
    return [parse_label(v, rating=rating) for v in values]


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

    fit = _fit_all(ids, x, y, w0, strength)
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
    improved = after.auc > before.auc + MARGIN
    if not improved:
        by = f" by more than {MARGIN:g}" if after.auc > before.auc else ""
        figures = ".3f" if f"{after.auc:.2f}" == f"{before.auc:.2f}" else ".2f"
        warnings.append(
            f"calibration does not beat the current weights{by} (AUC {after.auc:{figures}} "
            f"vs {before.auc:{figures}}): keep the current rubric"
        )
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


def fit_weights(
    ids: Sequence[str],
    satisfactions: Sequence[Sequence[float]],
    labels: Sequence[float],
    current: Mapping[str, float],
    *,
    strength: float = 1.0,
) -> Fit:
    """Weights fitted to every label, pulled toward ``current`` by ``strength``; see the
    module's docstring for the model. When no requirement goes with being advanced at all,
    the fitted weights are all zero and the current ones are returned (with scale 0)."""
    x, y, w0 = _check(ids, satisfactions, labels, current)
    _check_strength(strength)
    if len(set(y.tolist())) < 2:
        raise ValueError("fitting needs both advance and reject labels")
    return _fit_all(ids, x, y, w0, strength)


def _fit_all(ids: Sequence[str], x: Array, y: Array, w0: Array, strength: float) -> Fit:
    v, b, iterations, converged = _fit(x, y, w0, strength)
    scale = float(v.sum())
    weights = w0 if scale <= 0 else v * (float(w0.sum()) / scale)
    return Fit(
        {i: float(w) for i, w in zip(ids, weights, strict=True)},
        scale,
        b,
        iterations,
        converged,
    )


def _check_strength(strength: float) -> None:
    if not (math.isfinite(strength) and strength >= 0):
        raise ValueError(f"strength must be zero or more, not {strength}")


def report_text(report: Report) -> str:
    """The calibration report as the command line prints it."""
    r = report
    k = r.shortlist
    width = max([24, *(len(i) + 2 for i in r.ids)])
    legend = (
        "ROC AUC: the chance that an advanced candidate outscores a rejected one (0.5 is a "
        f"coin toss). Precision: the share of advanced candidates among a fold's {k} best "
        f"scores ({r.positives / r.labels:.0%} of all the candidates were advanced). "
        "Agreement: the share of (advanced, rejected) pairs in the right order, the held-out "
        "scores of every fold put together in one ranking."
    )
    lines = [
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
        f"{'requirement':{width}}{'current':>10}{'calibrated':>12}{'change':>10}",
    ]
    for i in r.ids:
        old, new = r.current[i], r.weights[i]
        lines.append(f"{i:{width}}{old:>10.2f}{new:>12.2f}{new - old:>+10.2f}")
    total = sum(r.current.values())
    lines += [f"{'total':{width}}{total:>10.2f}{sum(r.weights.values()):>12.2f}", ""]
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
    return "\n".join(lines) + "\n"


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


# ---- internals ------------------------------------------------------------------------------


def _check(
    ids: Sequence[str],
    satisfactions: Sequence[Sequence[float]],
    labels: Sequence[float],
    current: Mapping[str, float],
) -> tuple[Array, Array, Array]:
    """The inputs as arrays, or a ValueError saying what is wrong with them."""
    if not ids:
        raise ValueError("no requirements to weigh")
    if len(set(ids)) != len(ids):
        raise ValueError("requirement ids repeat")
    missing = [i for i in ids if i not in current]
    extra = sorted(set(current) - set(ids))
    if missing or extra:
        raise ValueError(
            "current weights and requirement ids differ: "
            + "; ".join(
                part
                for part in (
                    f"no weight for {', '.join(missing)}" if missing else "",
                    f"weights for unknown {', '.join(extra)}" if extra else "",
                )
                if part
            )
        )
    w0 = np.array([current[i] for i in ids], dtype=np.float64)
    if not np.all(np.isfinite(w0)) or np.any(w0 < 0) or w0.sum() <= 0:
        raise ValueError("current weights must be zero or more and add up to more than zero")
    if len(satisfactions) != len(labels):
        raise ValueError(f"{len(satisfactions)} candidates but {len(labels)} labels")
    if any(len(row) != len(ids) for row in satisfactions):
        raise ValueError(f"every candidate needs one satisfaction per requirement ({len(ids)})")
    x = np.array(satisfactions, dtype=np.float64).reshape(len(satisfactions), len(ids))
    if not np.all((x >= 0) & (x <= 1)):  # also false for NaN
        raise ValueError("satisfactions must lie between 0 and 1")
    y = np.array(labels, dtype=np.float64)
    if not np.all((y == 0) | (y == 1)):
        raise ValueError("labels must be 1.0 (advance) or 0.0 (reject); see parse_label")
    return x, y, w0


def _fit(x: Array, y: Array, w0: Array, strength: float) -> tuple[Array, float, int, bool]:
    """Minimise mean logloss + (strength x ||v - sum(v) p||^2 + RIDGE x ||v||^2) / n over
    v >= 0 and b.

    Returns (v, b, iterations, converged). FISTA with a fixed step 1 / L, L bounding the
    curvature, and a restart whenever the loss goes up; the satisfactions are centred first,
    which changes only the intercept, and makes the problem far better conditioned.
    """
    n, d = x.shape
    mean = x.mean(axis=0)
    xc = x - mean
    p = w0 / w0.sum()
    shape = np.eye(d) - np.outer(p, np.ones(d))  # shape @ v = v - sum(v) p
    penalty = 2 / n * (strength * (shape.T @ shape) + RIDGE * np.eye(d))
    augmented = np.hstack([xc, np.ones((n, 1))])
    lipschitz = float(
        np.linalg.eigvalsh(augmented.T @ augmented / (4 * n))[-1] + np.linalg.eigvalsh(penalty)[-1]
    )
    step = 1.0 / lipschitz

    def loss(theta: Array) -> float:
        z = xc @ theta[:d] + theta[d]
        logloss = float(np.mean(np.logaddexp(0.0, z) - y * z))
        return logloss + 0.5 * float(theta[:d] @ penalty @ theta[:d])

    def gradient(theta: Array) -> Array:
        z = xc @ theta[:d] + theta[d]
        residual = 0.5 * (1.0 + np.tanh(0.5 * z)) - y  # sigmoid(z) - y, without overflow
        grad = augmented.T @ residual / n
        grad[:d] += penalty @ theta[:d]
        return np.asarray(grad, dtype=np.float64)

    def project(theta: Array) -> Array:
        out = theta.copy()
        out[:d] = np.maximum(out[:d], 0.0)
        return out

    rate = float(np.clip(y.mean(), 1e-6, 1 - 1e-6))
    theta = np.concatenate([p, [math.log(rate / (1 - rate))]])
    momentum = theta.copy()
    t = 1.0
    current_loss = loss(theta)
    converged = False
    iterations = 0
    for iterations in range(1, MAX_ITERATIONS + 1):  # noqa: B007 - the count is returned
        nxt = project(momentum - step * gradient(momentum))
        nxt_loss = loss(nxt)
        if nxt_loss > current_loss:  # overshot: restart the momentum from the last point
            t = 1.0
            momentum = theta.copy()
            nxt = project(theta - step * gradient(theta))
            nxt_loss = loss(nxt)
        moved = nxt - theta
        t_next = (1 + math.sqrt(1 + 4 * t * t)) / 2
        momentum = nxt + (t - 1) / t_next * moved
        theta, t = nxt, t_next
        improvement = current_loss - nxt_loss
        current_loss = nxt_loss
        # Stationary: a plain projected step from here would barely move.
        if improvement <= TOLERANCE:
            probe = project(theta - step * gradient(theta)) - theta
            if float(probe @ probe) * lipschitz <= TOLERANCE:
                converged = True
                break
    v = theta[:d]
    b = float(theta[d] - mean @ v)
    return v, b, iterations, converged


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
    return float(np.mean(values))
