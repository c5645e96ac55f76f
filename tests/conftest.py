"""Shared fixtures: the shipped taxonomy and rubric, a small test taxonomy, and a fixed date."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import pytest

from screener import Rubric, Taxonomy, load_rubric, load_taxonomy

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
AS_OF = date(2026, 11, 1)


def pytest_configure(config: pytest.Config) -> None:
    """Keep the compiled-index cache of the test run away from the user's own cache."""
    os.environ["SCREENER_CACHE_DIR"] = tempfile.mkdtemp(prefix="screener-test-cache-")
    # runs append to an audit log: the tests' go to a temporary one, never the user's
    log = Path(tempfile.mkdtemp(prefix="screener-test-log-")) / "audit.jsonl"
    os.environ["SCREENER_AUDIT_LOG"] = str(log)


@pytest.fixture(scope="session")
def taxonomy() -> Taxonomy:
    """The shipped taxonomy, loaded once."""
    return load_taxonomy(ROOT / "skills_taxonomy")


@pytest.fixture(scope="session")
def rubric(taxonomy: Taxonomy) -> Rubric:
    """The flagship MLOps Engineer rubric."""
    return load_rubric(ROOT / "rubrics" / "mlops_engineer.yaml", taxonomy)


@pytest.fixture(scope="session")
def small_taxonomy() -> Taxonomy:
    """A ten-skill taxonomy for tests that need exact, stable expectations."""
    return load_taxonomy(DATA / "taxonomy")
