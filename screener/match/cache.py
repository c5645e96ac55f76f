"""A disk cache for compiled SkillIndex parts, so a run starts without recompiling matchers.

Entries are keyed by the taxonomy's SHA-256, the spaCy and Python versions and a hash of the
code that compiles them, so an edit to any of these builds a fresh entry. A missing, stale or
unreadable entry is rebuilt, never an error. Set ``SCREENER_CACHE_DIR`` to move the cache, or
to an empty string to turn it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from screener.config.taxonomy import Taxonomy

if TYPE_CHECKING:
    from screener.match.index import IndexParts


def cache_dir() -> Path | None:
    """Where cached entries live, or None when caching is off."""
    configured = os.environ.get("SCREENER_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "screener"


@cache
def _code_hash() -> str:
    from importlib.metadata import version

    from screener.config import taxonomy, variants
    from screener.match import fuzzy, index, tokenizer

    digest = hashlib.sha256(f"{version('spacy')} {sys.version_info[:2]}".encode())
    # Every module whose code shapes the compiled patterns: the tokenizer splits them too.
    for module in (index, fuzzy, tokenizer, taxonomy, variants):
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.hexdigest()[:16]


def _entry(taxonomy: Taxonomy) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    return folder / f"skill-index-{taxonomy.sha256[:16]}-{_code_hash()}.pickle"


def load_index(taxonomy: Taxonomy) -> IndexParts | None:
    """The cached parts for ``taxonomy``, or None when there are none usable."""
    path = _entry(taxonomy)
    if path is None or not path.is_file():
        return None
    try:
        with path.open("rb") as fh:
            parts: IndexParts = pickle.load(fh)  # our own file, in the user's own cache folder
    except Exception:  # any damage to a cache entry means "rebuild", never a failed run
        return None
    return parts


def save_index(taxonomy: Taxonomy, parts: IndexParts) -> None:
    """Store ``parts``; written to a temporary file first, so readers never see half of it."""
    path = _entry(taxonomy)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as fh:
            pickle.dump(parts, fh, protocol=pickle.HIGHEST_PROTOCOL)
        Path(fh.name).replace(path)
    except OSError:
        return  # a read-only or full disk only costs the next run a rebuild
