"""The profile cache: what reading and matching learnt about a file, kept on disk (SQLite).

A Profile is independent of the rubric, so re-scoring a folder with a changed rubric, or
against another opening, needs no file read again. Entries are keyed by the file's SHA-256,
the taxonomy's SHA-256, a hash of the code that reads and profiles files, the as-of date and
the reading limits; any change to these misses the cache and the file is read afresh. A file
whose path, size and modification time are unchanged is not even read to hash it.

The cache is local: it holds quotes from resumes, so it lives in the user's cache folder
(``SCREENER_CACHE_DIR``, or ``~/.cache/screener``), ``screener cache clear`` empties it, and
``--no-cache`` bypasses it. Several runs may use it at once (SQLite's write-ahead log and a
busy timeout); a damaged cache file is set aside and rebuilt, never an error.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
import time
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from screener.ingest.limits import Limits
from screener.match.cache import cache_dir

if TYPE_CHECKING:
    from screener.pipeline.records import Screened

FILE_NAME = "profiles.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS profiles (
    key TEXT PRIMARY KEY, value BLOB NOT NULL, stored REAL NOT NULL
);
"""


@cache
def code_hash() -> str:
    """A hash of every module that shapes a cached record (reading, matching, the mention
    kept for scoring and the integrity flags): a change re-reads all files."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for package in ("ingest", "text", "match"):
        for path in sorted((root / package).rglob("*.py")):
            digest.update(path.read_bytes())
    for module in (
        "pipeline/records.py",
        "score/__init__.py",
        "score/strength.py",
        "score/integrity.py",
    ):
        digest.update((root / module).read_bytes())
    return digest.hexdigest()[:16]


class ProfileCache:
    """Cached Screened records, by file content and everything that shapes the profile."""

    def __init__(
        self,
        path: Path,
        *,
        taxonomy_sha256: str,
        as_of: date,
        limits: Limits,
        jobs: tuple[str, ...] = (),
    ) -> None:
        self.path = path
        # the job descriptions a resume is checked against are part of what it records
        checked = hashlib.sha256("\x00".join(jobs).encode()).hexdigest()[:16]
        self._context = f"{taxonomy_sha256}|{code_hash()}|{as_of.isoformat()}|{limits!r}|{checked}"
        self._db = self._open()

    @classmethod
    def default(
        cls, *, taxonomy_sha256: str, as_of: date, limits: Limits, jobs: tuple[str, ...] = ()
    ) -> ProfileCache | None:
        """The cache in the user's cache folder, or None when caching is turned off."""
        folder = cache_dir()
        if folder is None:
            return None
        return cls(
            folder / FILE_NAME,
            taxonomy_sha256=taxonomy_sha256,
            as_of=as_of,
            limits=limits,
            jobs=jobs,
        )

    def _open(self) -> sqlite3.Connection | None:
        for attempt in range(2):
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                db.execute("PRAGMA journal_mode=WAL")
                db.executescript(_SCHEMA)
                db.execute("SELECT count(*) FROM profiles").fetchone()
                return db
            except sqlite3.DatabaseError:
                if attempt == 0:
                    self._set_aside()
            except OSError:
                return None
        return None

    def _set_aside(self) -> None:
        """Move a damaged cache file out of the way (kept for inspection, then rebuilt)."""
        for suffix in ("", "-wal", "-shm"):
            damaged = Path(f"{self.path}{suffix}")
            if damaged.exists():
                damaged.replace(damaged.with_name(f"{damaged.name}.damaged-{int(time.time())}"))

    def _key(self, sha256: str) -> str:
        return hashlib.sha256(f"{sha256}|{self._context}".encode()).hexdigest()

    def lookup(self, files: list[tuple[Path, str]], max_bytes: int) -> dict[str, Screened]:
        """The cached records of many files at once, by ``source``: a file is known by its
        path, size and modification time, else by the hash of its bytes."""
        if self._db is None or not files:
            return {}
        try:
            known = {
                row[0]: (row[1], row[2], row[3])
                for row in self._db.execute("SELECT path, size, mtime_ns, sha256 FROM files")
            }
        except sqlite3.Error:
            return {}
        wanted: dict[str, list[tuple[Path, str, bool]]] = {}
        for path, source in files:
            try:
                stat = path.stat()
            except OSError:
                continue
            entry = known.get(str(path.absolute()))
            if entry is not None and entry[:2] == (stat.st_size, stat.st_mtime_ns):
                sha256, fresh = entry[2], False
            elif stat.st_size <= max_bytes:  # larger ones the reader refuses anyway
                try:
                    with path.open("rb") as fh:
                        sha256 = hashlib.file_digest(fh, "sha256").hexdigest()
                except OSError:
                    continue
                fresh = True
            else:
                continue
            wanted.setdefault(self._key(sha256), []).append((path, source, fresh))
        found: dict[str, Screened] = {}
        keys = list(wanted)
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            try:
                rows = self._db.execute(
                    f"SELECT key, value FROM profiles WHERE key IN ({','.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
            except sqlite3.Error:
                return found
            for key, blob in rows:
                try:
                    record: Any = pickle.loads(blob)
                except (pickle.UnpicklingError, EOFError, AttributeError, TypeError):
                    continue  # unreadable entry: read the file again
                if not hasattr(record, "profile"):
                    continue
                for path, source, fresh in wanted[key]:
                    found[source] = replace(record, source=source)
                    if fresh:
                        self.put(path, record)  # the next run needs no hashing either
        return found

    def put(self, path: Path, record: Screened) -> None:
        """Remember a file's record and the stat that identifies the file's content."""
        if self._db is None:
            return
        try:
            stat = path.stat()
            blob = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
            self._db.execute(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
                (str(path.absolute()), stat.st_size, stat.st_mtime_ns, record.sha256),
            )
            self._db.execute(
                "INSERT OR REPLACE INTO profiles VALUES (?, ?, ?)",
                (self._key(record.sha256), blob, time.time()),
            )
        except (OSError, sqlite3.Error):
            return  # a full disk or a locked cache only costs speed

    def close(self) -> None:
        """Close the connection."""
        if self._db is not None:
            self._db.close()
            self._db = None


def clear_cache() -> tuple[Path | None, int]:
    """Delete the profile cache (and the compiled-index cache); return the folder and how many
    files were removed."""
    folder = cache_dir()
    if folder is None or not folder.is_dir():
        return folder, 0
    removed = 0
    for path in folder.iterdir():
        if path.name.startswith((FILE_NAME, "skill-index-")) and path.is_file():
            path.unlink()
            removed += 1
    return folder, removed
