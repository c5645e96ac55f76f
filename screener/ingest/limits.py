"""Guards against hostile or broken files, each with a default a user can change."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Caps applied to every file: size, pages, archive contents and time."""

    max_bytes: int = 20 * 1024 * 1024
    max_pages: int = 50
    max_entries: int = 2_000  # files inside a DOCX, ODT or ZIP
    max_unpacked: int = 200 * 1024 * 1024  # total uncompressed size inside one archive
    max_ratio: float = 100.0  # uncompressed / compressed, per entry: zip bombs go far higher
    timeout: float = 30.0  # seconds for one file, enforced by running it in a worker process
