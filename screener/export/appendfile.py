"""The audit log's file primitives: an append-only file written under an exclusive lock.

Reading a file's last line from its end, writing a line whole and durably, and holding a
lock that several processes respect (``fcntl.flock`` on POSIX, else a ``<log>.lock`` file
created with ``O_EXCL``). :mod:`screener.export.auditlog` builds the hash chain on these.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: the lock file below stands in
    fcntl = None  # type: ignore[assignment]

LOCK_TIMEOUT_S = 30.0
"""How long the lock-file fallback waits for another process before giving up."""

_CHUNK = 8192


class AuditLogError(RuntimeError):
    """The log cannot be appended to: its last line is damaged, or the lock was not free."""


def last_line(fd: int, log: Path) -> bytes | None:
    """The last line of the open file (without its newline), read backwards from the end;
    None when the file is empty."""
    size = os.fstat(fd).st_size
    if size == 0:
        return None
    buf = b""
    pos = size
    while True:
        step = min(_CHUNK, pos)
        pos -= step
        os.lseek(fd, pos, os.SEEK_SET)
        buf = _read_exact(fd, step) + buf
        if not buf.endswith(b"\n"):
            raise AuditLogError(
                f"{log}: the file does not end with a newline, so its last line is incomplete; "
                f"run verify on the log"
            )
        body = buf[:-1]
        cut = body.rfind(b"\n")
        if cut >= 0:
            return body[cut + 1 :]
        if pos == 0:
            return body


def _read_exact(fd: int, count: int) -> bytes:
    parts: list[bytes] = []
    while count > 0:
        part = os.read(fd, count)
        if not part:
            break
        parts.append(part)
        count -= len(part)
    return b"".join(parts)


def write_all(fd: int, data: bytes) -> None:
    """Write ``data`` with one ``write``; a regular file takes it whole, but should the
    system accept only part (a full disk), write the rest while the lock is still held."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def fsync_dir(folder: Path) -> None:
    """Make a newly created log's directory entry durable, where the platform allows it."""
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


@contextmanager
def exclusive(fd: int, log: Path) -> Iterator[None]:
    """Hold an exclusive lock on the log: ``flock`` on the open file where ``fcntl`` exists,
    otherwise a ``<log>.lock`` file created with ``O_EXCL`` (waiting up to
    :data:`LOCK_TIMEOUT_S`)."""
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
        return
    lock = log.with_name(log.name + ".lock")
    deadline = time.monotonic() + LOCK_TIMEOUT_S
    while True:
        try:
            lock_fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            if time.monotonic() >= deadline:
                raise AuditLogError(
                    f"{lock} has been held for {LOCK_TIMEOUT_S:g} s; if no other screener is "
                    f"running, a crashed one left it behind: delete it and try again"
                ) from None
            time.sleep(0.01)
        else:
            break
    try:
        yield
    finally:
        os.close(lock_fd)
        lock.unlink(missing_ok=True)
