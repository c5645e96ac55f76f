"""ZIP containers (DOCX, ODT and archives of resumes): checked before anything is unpacked."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath

from screener.ingest.errors import ReadError
from screener.ingest.limits import Limits


def open_zip(data: bytes, limits: Limits, *, what: str) -> zipfile.ZipFile:
    """Open ``data`` as a ZIP after checking its declared sizes against the limits.

    A zip bomb declares what it will unpack to, so checking the central directory catches it
    before a byte is inflated; ``read_member`` then enforces the same caps while reading.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError(f"damaged {what}: not a readable ZIP container ({exc})") from None
    infos = zf.infolist()
    if len(infos) > limits.max_entries:
        zf.close()
        raise ReadError(f"{what} has too many parts ({len(infos)} > {limits.max_entries})")
    total = sum(i.file_size for i in infos)
    if total > limits.max_unpacked:
        zf.close()
        raise ReadError(
            f"{what} would unpack to {total // 1_048_576} MB "
            f"(limit {limits.max_unpacked // 1_048_576} MB): possible zip bomb"
        )
    for info in infos:
        if info.file_size > 1_048_576 and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            zf.close()
            raise ReadError(
                f"{what} part '{info.filename}' is compressed "
                f"{info.file_size // max(info.compress_size, 1)}:1: possible zip bomb"
            )
        if info.flag_bits & 0x1:
            zf.close()
            raise ReadError(f"encrypted {what}: needs a password")
    return zf


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> bytes:
    """Read one member, never inflating more than its declared size (the header may lie)."""
    with zf.open(info) as fh:
        data = fh.read(min(info.file_size, limits.max_unpacked) + 1)
    if len(data) > info.file_size:
        raise ReadError(f"part '{info.filename}' is larger than it declares: possible zip bomb")
    return data


def safe_member_name(name: str) -> str | None:
    """A member's path inside the archive, or None when it tries to leave it (``../``, ``/``)."""
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        return None
    return path.as_posix()


def archive_members(data: bytes, limits: Limits) -> Iterator[tuple[str, bytes | str]]:
    """Each file of a ZIP of resumes: (name, bytes), or (name, reason) when it is refused."""
    with open_zip(data, limits, what="ZIP archive") as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            name = safe_member_name(info.filename)
            if name is None:
                yield info.filename, "unsafe path in archive (leaves the archive folder)"
                continue
            if PurePosixPath(name).name.startswith(".") or name.startswith("__MACOSX/"):
                continue
            if info.file_size > limits.max_bytes:
                yield name, f"file too large ({info.file_size // 1_048_576} MB)"
                continue
            try:
                yield name, read_member(zf, info, limits)
            except (ReadError, zipfile.BadZipFile, OSError, EOFError) as exc:
                yield name, f"damaged archive member: {exc}"
