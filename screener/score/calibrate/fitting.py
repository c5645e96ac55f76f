"""Fitting weights to decisions: the penalised logistic regression of the package's docstring,
minimised by accelerated projected gradient descent (FISTA, with restarts). ``fit_weights``
fits every label and returns the weights rescaled to the current total as a ``Fit``;
``_fit`` is the minimisation itself, on arrays, which the cross-validation calls once per
fold. The satisfactions are centred before the descent, which changes only the intercept.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from screener.score.calibrate.inputs import Array, _check

MAX_ITERATIONS = 20_000
TOLERANCE = 1e-9  # the fit stops when no step can lower the loss per label by this much
# A very weak pull of every weight toward zero: it changes nothing measurable on real decisions
# but keeps the weights finite when the scores separate advanced from rejected perfectly.
RIDGE = 1e-3


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


def fit_weights(
    ids: Sequence[str],
    satisfactions: Sequence[Sequence[float]],
    labels: Sequence[float],
    current: Mapping[str, float],
    *,
    strength: float = 1.0,
) -> Fit:
    """Weights fitted to every label, pulled toward ``current`` by ``strength``; see the
    package's docstring for the model. When no requirement goes with being advanced at all,
    the fitted weights are all zero and the current ones are returned (with scale 0)."""
    x, y, w0 = _check(ids, satisfactions, labels, current)
    _check_strength(strength)
    if len(set(y.tolist())) < 2:
        raise ValueError("fitting needs both advance and reject labels")
    return _fit_all(ids, x, y, w0, strength)


def _fit_all(ids: Sequence[str], x: Array, y: Array, w0: Array, strength: float) -> Fit:
    """Weights fitted to every label, rescaled to the current total (the current ones at 0)."""
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
    """A ValueError unless the pull toward the current weights is finite and not negative."""
    if not (math.isfinite(strength) and strength >= 0):
        raise ValueError(f"strength must be zero or more, not {strength}")


@dataclass(frozen=True)
class _Problem:
    """One fit's centred satisfactions, labels and penalty: its loss, gradient and projection."""

    xc: Array  # the satisfactions, centred
    y: Array
    augmented: Array  # the centred satisfactions with a column of ones for the intercept
    penalty: Array
    n: int
    d: int
    lipschitz: float  # a bound on the curvature of the loss

    def loss(self, theta: Array) -> float:
        """Mean logloss plus the penalty, at weights and intercept ``theta``."""
        z = self.xc @ theta[: self.d] + theta[self.d]
        logloss = float(np.mean(np.logaddexp(0.0, z) - self.y * z))
        return logloss + 0.5 * float(theta[: self.d] @ self.penalty @ theta[: self.d])

    def gradient(self, theta: Array) -> Array:
        """The gradient of ``loss`` at ``theta``."""
        z = self.xc @ theta[: self.d] + theta[self.d]
        residual = 0.5 * (1.0 + np.tanh(0.5 * z)) - self.y  # sigmoid(z) - y, without overflow
        grad = self.augmented.T @ residual / self.n
        grad[: self.d] += self.penalty @ theta[: self.d]
        return np.asarray(grad, dtype=np.float64)

    def project(self, theta: Array) -> Array:
        """``theta`` with every negative weight raised to zero (the intercept left as it is)."""
        out = theta.copy()
        out[: self.d] = np.maximum(out[: self.d], 0.0)
        return out


def _fit(x: Array, y: Array, w0: Array, strength: float) -> tuple[Array, float, int, bool]:
    """Minimise mean logloss + (strength x ||v - sum(v) p||^2 + RIDGE x ||v||^2) / n over
    v >= 0 and b.

    Returns (v, b, iterations, converged). FISTA with a fixed step 1 / L, L bounding the
    curvature, and a restart whenever the loss goes up; the satisfactions are centred first,
    which changes only the intercept, and makes the problem far better conditioned.
    """
    mean = x.mean(axis=0)
    p = w0 / w0.sum()
    problem = _problem(x - mean, y, p, strength)
    theta, iterations, converged = _descend(problem, _start(p, y))
    v = theta[: problem.d]
    b = float(theta[problem.d] - mean @ v)
    return v, b, iterations, converged


def _problem(xc: Array, y: Array, p: Array, strength: float) -> _Problem:
    """The problem on centred satisfactions ``xc``, pulled toward the shares ``p``."""
    n, d = xc.shape
    shape = np.eye(d) - np.outer(p, np.ones(d))  # shape @ v = v - sum(v) p
    penalty = 2 / n * (strength * (shape.T @ shape) + RIDGE * np.eye(d))
    augmented = np.hstack([xc, np.ones((n, 1))])
    lipschitz = float(
        np.linalg.eigvalsh(augmented.T @ augmented / (4 * n))[-1] + np.linalg.eigvalsh(penalty)[-1]
    )
    return _Problem(xc, y, augmented, penalty, n, d, lipschitz)


def _start(p: Array, y: Array) -> Array:
    """Where the descent starts: the current shares, and the base rate's log-odds."""
    rate = float(np.clip(y.mean(), 1e-6, 1 - 1e-6))
    return np.concatenate([p, [math.log(rate / (1 - rate))]])


def _descend(problem: _Problem, theta: Array) -> tuple[Array, int, bool]:
    """FISTA from ``theta``: the minimum found, the steps taken and whether it settled."""
    step = 1.0 / problem.lipschitz
    momentum = theta.copy()
    t = 1.0
    current_loss = problem.loss(theta)
    converged = False
    iterations = 0
    for iterations in range(1, MAX_ITERATIONS + 1):  # noqa: B007 - the count is returned
        nxt = problem.project(momentum - step * problem.gradient(momentum))
        nxt_loss = problem.loss(nxt)
        if nxt_loss > current_loss:  # overshot: restart the momentum from the last point
            t = 1.0
            momentum = theta.copy()
            nxt = problem.project(theta - step * problem.gradient(theta))
            nxt_loss = problem.loss(nxt)
        moved = nxt - theta
        t_next = (1 + math.sqrt(1 + 4 * t * t)) / 2
        momentum = nxt + (t - 1) / t_next * moved
        theta, t = nxt, t_next
        improvement = current_loss - nxt_loss
        current_loss = nxt_loss
        if improvement <= TOLERANCE and _stationary(problem, theta, step):
            converged = True
            break
    return theta, iterations, converged


def _stationary(problem: _Problem, theta: Array, step: float) -> bool:
    """Whether a plain projected step from ``theta`` would barely move."""
    probe = problem.project(theta - step * problem.gradient(theta)) - theta
    return float(probe @ probe) * problem.lipschitz <= TOLERANCE
