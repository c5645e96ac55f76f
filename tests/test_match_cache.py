"""The compiled-index disk cache: used when valid, rebuilt when damaged, off when asked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from screener import Taxonomy, profile_text
from screener.match import cache
from screener.match.index import skill_index
from tests.conftest import AS_OF

TEXT = "Deployed sklearn models on EKS with Docker containers and Helm charts."


def _found(taxonomy: Taxonomy) -> list[tuple[str, int, str]]:
    profile = profile_text(TEXT, taxonomy, as_of=AS_OF)
    return sorted(
        (m.skill_id, m.start, m.method) for s in profile.skills.values() for m in s.mentions
    )


@pytest.fixture
def cache_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("SCREENER_CACHE_DIR", str(tmp_path))
    skill_index.cache_clear()
    yield tmp_path
    skill_index.cache_clear()


def test_match_cache_written_then_used(cache_in: Path, small_taxonomy: Taxonomy) -> None:
    built = _found(small_taxonomy)
    (entry,) = cache_in.glob("skill-index-*.pickle")
    assert cache.load_index(small_taxonomy) is not None
    skill_index.cache_clear()
    stamp = entry.stat().st_mtime_ns
    assert _found(small_taxonomy) == built
    assert entry.stat().st_mtime_ns == stamp  # read, not rewritten


def test_match_cache_damaged_entry_is_rebuilt(cache_in: Path, small_taxonomy: Taxonomy) -> None:
    built = _found(small_taxonomy)
    (entry,) = cache_in.glob("skill-index-*.pickle")
    entry.write_bytes(b"not a pickle")
    skill_index.cache_clear()
    assert cache.load_index(small_taxonomy) is None
    assert _found(small_taxonomy) == built
    assert cache.load_index(small_taxonomy) is not None


def test_match_cache_can_be_turned_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_taxonomy: Taxonomy
) -> None:
    monkeypatch.setenv("SCREENER_CACHE_DIR", "")
    monkeypatch.chdir(tmp_path)
    skill_index.cache_clear()
    assert cache.cache_dir() is None
    assert _found(small_taxonomy)
    assert not list(tmp_path.rglob("*.pickle"))
    skill_index.cache_clear()
