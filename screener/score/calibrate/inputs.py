"""What a calibration is given, read and checked. ``parse_label`` and ``parse_labels`` turn a
recruiter's decisions (advance/reject, yes/no, 1/0, a 1-5 rating) into 1.0, 0.0 or None to
ignore; ``_check`` turns the requirement ids, satisfactions, labels and current weights into
the arrays the fit works on, or raises a ValueError that says what is wrong with them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]

_POSITIVE = {"advance", "advanced", "yes", "y", "true", "hired", "hire", "1"}
_NEGATIVE = {"reject", "rejected", "no", "n", "false", "0"}
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


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
