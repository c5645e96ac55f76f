"""An append-only, hash-chained audit log of screening runs.

Automated screening decides who a person reads first, so it has to be accountable: months
later someone should be able to say who ran the tool, when, on which files, with which rubric
and taxonomy, and what it wrote. This module keeps that record as a JSON Lines file that
only ever grows. Each line is one JSON object: the entry's own fields plus

``seq``
    1 for the first line, then 2, 3, ...
``prev``
    the SHA-256 (hex) of the previous line's exact bytes without its newline, or 64 zeros on
    the first line;
``hash``
    the SHA-256 (hex) of the line's canonical JSON without ``hash`` itself
    (``json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False)``, UTF-8).

Lines are written in that canonical form, so a line is intact exactly when its bytes are the
canonical JSON of what it holds and its ``hash`` matches.

What :func:`verify` detects: a line edited in any way (its own hash no longer matches, and
the next line's ``prev`` no longer matches it, so an edit that recomputes the hash is caught
by the line after it); a line deleted, inserted or moved anywhere but at the end (``prev``
and ``seq`` of the line after it); lines cut from the start or the middle; a line that is
not JSON; a last line cut short.

What it does not detect: removing the *last* line, or several lines from the end, or
emptying the file, leaves a log that is intact as far as it goes. That is only detectable
against a count or hash recorded somewhere else: keep the ``seq`` and ``hash`` of the record
:func:`append_entry` returns (in the workbook's Run sheet, a ticket, an e-mail) and check
that the log still reaches them. Nor is the log a signature: anyone who can write the file
can rewrite the whole chain from the point they change onwards with fresh hashes. The chain
shows that the log was changed, not who wrote it; for that, copy it to storage the people
who run the tool cannot rewrite, or sign it with a key they do not hold.

Privacy: the entries :func:`run_entry` builds hold no resume text, candidate names, e-mail
addresses or phone numbers, only file names and SHA-256 hashes of the files' bytes, counts
and the run's settings. A file name can itself carry a candidate's name
(``Jane_Doe_CV.pdf``); the log records file names exactly as the workbook's Run sheet does.

Concurrency: :func:`append_entry` holds an exclusive lock on the log while it reads the last
line and appends (``fcntl.flock`` on POSIX; elsewhere a ``<log>.lock`` file created with
``O_EXCL``), writes the whole line with one ``write`` to a file opened for appending, and
fsyncs it, so runs started at the same time by several processes make one valid chain.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, date, datetime
from pathlib import Path

from screener.export.appendfile import AuditLogError as AuditLogError
from screener.export.appendfile import exclusive, fsync_dir, last_line, write_all

GENESIS = "0" * 64
"""The ``prev`` of the first line: there is no line before it."""

RESERVED = ("seq", "prev", "hash")
"""Fields that :func:`append_entry` adds to every entry; an entry may not set them."""


def canonical_json(record: Mapping[str, object]) -> str:
    """``record`` as the canonical JSON that hashes are taken over and lines are written in:
    sorted keys, no spaces, non-ASCII characters as themselves, no NaN or infinity."""
    return json.dumps(
        record, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def record_hash(record: Mapping[str, object]) -> str:
    """The SHA-256 (hex) of ``record``'s canonical JSON, leaving out its ``hash`` field."""
    body = {k: v for k, v in record.items() if k != "hash"}
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


def append_entry(log: Path, entry: Mapping[str, object]) -> dict[str, object]:
    """Append ``entry`` to the log at ``log`` as one line and return the record written.

    The record is ``entry``'s fields plus ``seq``, ``prev`` and ``hash`` (see the module
    docstring). The file and its folder are created when missing. ``entry`` must have string
    keys and JSON-serializable values, and may not set ``seq``, ``prev`` or ``hash``
    (:class:`ValueError`). Raises :class:`AuditLogError` when the log's last line is not a
    complete record this module wrote (run :func:`verify` to see what happened; nothing is
    appended to a log whose end is damaged), or when the lock is not free in time.
    """
    clash = [k for k in RESERVED if k in entry]
    if clash:
        raise ValueError(f"an audit entry may not set {', '.join(clash)}: the log adds them")
    if not all(isinstance(k, str) for k in entry):
        raise ValueError("an audit entry's field names must be strings")
    record: dict[str, object] = dict(entry)
    canonical_json(record).encode("utf-8")  # fail on what JSON cannot hold before writing
    log.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0)
    created = not log.exists()
    fd = os.open(log, flags, 0o644)
    try:
        with exclusive(fd, log):
            last = last_line(fd, log)
            if last is None:
                seq, prev = 1, GENESIS
            else:
                seq = _seq_of(last, log) + 1
                prev = hashlib.sha256(last).hexdigest()
            record["seq"] = seq
            record["prev"] = prev
            record["hash"] = record_hash(record)
            line = (canonical_json(record) + "\n").encode("utf-8")
            write_all(fd, line)
            os.fsync(fd)
    finally:
        os.close(fd)
    if created:
        fsync_dir(log.parent)
    return record


def verify(log: Path) -> list[str]:
    """The problems found in the log at ``log``, one message each, naming 1-based line
    numbers; an empty list when the log is intact.

    An empty file is intact: like a deleted last line, emptying the log can only be told
    from a count or hash recorded elsewhere (see the module docstring).
    """
    try:
        data = log.read_bytes()
    except FileNotFoundError:
        return [f"{log}: the log file is missing"]
    except OSError as err:
        return [f"{log}: the log file cannot be read ({err.strerror or err})"]
    if not data:
        return []
    lines = data.split(b"\n")
    complete = lines[-1] == b""
    if complete:
        lines.pop()
    problems: list[str] = []
    expected_prev = GENESIS
    last_seq: int | None = 0  # None after a line whose seq is unknown
    for number, raw in enumerate(lines, start=1):
        here = f"line {number}"
        record = _parse(raw)
        if isinstance(record, str):
            problems.append(f"{here}: {record}")
            last_seq = None
        else:
            seq, prev, digest = record.get("seq"), record.get("prev"), record.get("hash")
            if (
                not isinstance(seq, int)
                or isinstance(seq, bool)
                or not isinstance(prev, str)
                or not isinstance(digest, str)
            ):
                problems.append(f"{here}: not an audit record (no seq, prev or hash)")
                last_seq = None
            else:
                if not _intact(raw, record, digest):
                    problems.append(f"{here}: changed after it was written")
                if prev != expected_prev:
                    problems.append(f"{here}: the line before it was changed or removed")
                if last_seq is not None and seq > last_seq + 1:
                    problems.append(f"{here}: a line is missing before it")
                elif last_seq is not None and seq <= last_seq:
                    problems.append(f"{here}: out of order (seq {seq} after seq {last_seq})")
                last_seq = seq
        expected_prev = hashlib.sha256(raw).hexdigest()
    if not complete:
        problems.append(f"line {len(lines)}: cut short (the file does not end with a newline)")
    return problems


def run_entry(
    *,
    tool_version: str,
    opening: str,
    rubric_path: str | Path,
    rubric_sha256: str,
    taxonomy_sha256: str,
    as_of: date | str,
    options: Mapping[str, object],
    inputs: Iterable[tuple[str, str]],
    outputs: Iterable[Path],
    scored: int,
    skipped: int,
    shortlisted: int,
    now: datetime | None = None,
) -> dict[str, object]:
    """The standard audit entry for one scoring run, from plain values.

    ``inputs`` are (file, SHA-256) pairs as the pipeline already has them
    (``BatchResult.inputs``); ``outputs`` are the files the run wrote, hashed here (a folder,
    such as the CSV output, is listed file by file). ``options`` values are kept when they
    are JSON values; paths and dates become strings, anything else its ``str``. ``now``
    defaults to the current time and is recorded in UTC.

    The entry records who ran the tool (the login name, or "unknown") but not the host
    name, and no resume content: no text, candidate names, e-mail addresses or phone
    numbers, only file names and hashes (see the module docstring on names in file names).
    """
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return {
        "event": "score",
        "time": moment.isoformat(timespec="seconds"),
        "user": _user(),
        "tool_version": tool_version,
        "opening": opening,
        "rubric": str(rubric_path),
        "rubric_sha256": rubric_sha256,
        "taxonomy_sha256": taxonomy_sha256,
        "as_of": as_of.isoformat() if isinstance(as_of, date) else as_of,
        "options": {str(k): _plain(v) for k, v in options.items()},
        "inputs": [{"file": str(name), "sha256": sha} for name, sha in inputs],
        "outputs": [
            {"file": str(path), "sha256": file_sha256(path)} for path in _files_of(outputs)
        ],
        "counts": {"scored": scored, "skipped": skipped, "shortlisted": shortlisted},
    }


def file_sha256(path: Path) -> str:
    """The SHA-256 (hex) of the bytes of the file at ``path``."""
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _files_of(paths: Iterable[Path]) -> Iterator[Path]:
    """Each path, with a folder replaced by the files under it in sorted order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file())
        else:
            yield path


def _plain(value: object) -> object:
    """``value`` as a JSON value: JSON types kept, mappings and sequences converted item by
    item, dates in ISO form, anything else (a path, say) as its ``str``."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return [_plain(v) for v in items]
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _user() -> str:
    """The login name of whoever runs the tool, or "unknown" when it cannot be found."""
    try:
        return getpass.getuser() or "unknown"
    except (OSError, KeyError, ImportError):
        return "unknown"


def _parse(raw: bytes) -> dict[str, object] | str:
    """The record on one line, or why it is not one."""
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return "not valid JSON"
    if not isinstance(value, dict):
        return "not a JSON object"
    return value


def _intact(raw: bytes, record: Mapping[str, object], digest: str) -> bool:
    """Whether the line holds what was written: its hash matches its content and its bytes
    are the canonical form (so no reformatting or duplicated key slips through)."""
    try:
        written = canonical_json(record).encode("utf-8")
    except (ValueError, UnicodeEncodeError):
        return False
    return written == raw and record_hash(record) == digest


def _seq_of(last: bytes, log: Path) -> int:
    """The ``seq`` of the log's last line, which must be a record this module wrote."""
    record = _parse(last)
    seq = None if isinstance(record, str) else record.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool):
        raise AuditLogError(
            f"{log}: the last line is not an audit record, so nothing can be chained to it; "
            f"run verify on the log"
        )
    return seq


def default_log() -> Path:
    """Where runs are logged: ``$SCREENER_AUDIT_LOG``, else the user's data folder
    (``$XDG_DATA_HOME/screener/audit.jsonl``, by default ``~/.local/share/screener``)."""
    configured = os.environ.get("SCREENER_AUDIT_LOG")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "screener" / "audit.jsonl"
