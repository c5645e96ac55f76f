"""The audit log of runs: a clean chain verifies, every kind of tampering it promises to
catch is caught and named by line, concurrent appends from several processes make one
chain, and the standard run entry holds hashes and file names, never resume content."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from screener.export import appendfile, auditlog
from screener.export.auditlog import GENESIS, AuditLogError, append_entry, run_entry, verify
from tests.conftest import ROOT


def _three(log: Path) -> list[dict[str, object]]:
    return [append_entry(log, {"event": "test", "n": n, "note": f"run {n}"}) for n in (1, 2, 3)]


def _lines(log: Path) -> list[bytes]:
    return log.read_bytes().split(b"\n")[:-1]


def _write_lines(log: Path, lines: list[bytes]) -> None:
    log.write_bytes(b"".join(line + b"\n" for line in lines))


def _rehash(record: dict[str, object]) -> bytes:
    """A forger's line: the record with its own hash recomputed, in canonical form."""
    record = {**record, "hash": auditlog.record_hash(record)}
    return auditlog.canonical_json(record).encode("utf-8")


def test_three_entries_make_a_clean_chain(tmp_path: Path) -> None:
    log = tmp_path / "logs" / "audit.jsonl"  # the folder is created too
    records = _three(log)
    assert verify(log) == []
    assert [r["seq"] for r in records] == [1, 2, 3]
    lines = _lines(log)
    assert [json.loads(line) for line in lines] == records
    assert records[0]["prev"] == GENESIS
    assert records[1]["prev"] == hashlib.sha256(lines[0]).hexdigest()
    assert records[2]["prev"] == hashlib.sha256(lines[1]).hexdigest()
    body = {k: v for k, v in records[2].items() if k != "hash"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert records[2]["hash"] == hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def test_non_ascii_text_is_kept_and_verifies(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    append_entry(log, {"opening": "Ingénieure MLOps – Zürich", "sep": "a\u2028b"})
    append_entry(log, {"opening": "next"})
    assert "Ingénieure MLOps – Zürich".encode() in log.read_bytes()
    assert verify(log) == []


def test_editing_a_field_of_line_2_is_named(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    _three(log)
    lines = _lines(log)
    lines[1] = lines[1].replace(b'"note":"run 2"', b'"note":"run 9"')
    _write_lines(log, lines)
    problems = verify(log)
    assert "line 2: changed after it was written" in problems
    assert "line 3: the line before it was changed or removed" in problems
    assert not any(p.startswith("line 1:") for p in problems)


def test_an_edit_with_a_recomputed_hash_is_caught_by_the_next_line(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    records = _three(log)
    lines = _lines(log)
    lines[1] = _rehash({**records[1], "note": "run 9"})
    _write_lines(log, lines)
    assert verify(log) == ["line 3: the line before it was changed or removed"]


def test_reformatting_a_line_counts_as_a_change(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    records = _three(log)
    lines = _lines(log)
    lines[0] = json.dumps(records[0], indent=None).encode("utf-8")  # same content, spaces
    _write_lines(log, lines)
    assert "line 1: changed after it was written" in verify(log)


def test_deleting_line_2_names_the_line_after_it(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    _three(log)
    lines = _lines(log)
    del lines[1]
    _write_lines(log, lines)
    problems = verify(log)
    assert "line 2: the line before it was changed or removed" in problems
    assert "line 2: a line is missing before it" in problems
    assert not any(p.startswith("line 1:") for p in problems)


def test_deleting_the_first_line_is_caught(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    _three(log)
    _write_lines(log, _lines(log)[1:])
    problems = verify(log)
    assert "line 1: the line before it was changed or removed" in problems
    assert "line 1: a line is missing before it" in problems


def test_swapping_two_lines_is_caught(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    _three(log)
    lines = _lines(log)
    lines[1], lines[2] = lines[2], lines[1]
    _write_lines(log, lines)
    problems = verify(log)
    assert "line 2: the line before it was changed or removed" in problems
    assert "line 3: out of order (seq 2 after seq 3)" in problems


def test_a_duplicated_line_is_caught(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    _three(log)
    lines = _lines(log)
    _write_lines(log, [*lines[:2], lines[1], lines[2]])
    problems = verify(log)
    assert "line 3: out of order (seq 2 after seq 2)" in problems


def test_a_non_json_line_is_named(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    _three(log)
    lines = _lines(log)
    lines[1] = b"this is not JSON {"
    _write_lines(log, lines)
    problems = verify(log)
    assert "line 2: not valid JSON" in problems
    assert "line 3: the line before it was changed or removed" in problems
    assert not any(p.startswith("line 1:") for p in problems)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b"[1, 2, 3]", "line 2: not a JSON object"),
        (b"", "line 2: not valid JSON"),
        (b'{"event": "test"}', "line 2: not an audit record (no seq, prev or hash)"),
        (b"\xff\xfe", "line 2: not valid JSON"),
    ],
)
def test_lines_that_are_not_records_are_named(tmp_path: Path, line: bytes, message: str) -> None:
    log = tmp_path / "audit.jsonl"
    _three(log)
    lines = _lines(log)
    lines.insert(1, line)
    _write_lines(log, lines)
    assert message in verify(log)


def test_a_missing_log_is_a_problem(tmp_path: Path) -> None:
    problems = verify(tmp_path / "nowhere.jsonl")
    assert len(problems) == 1
    assert "missing" in problems[0]


def test_a_last_line_cut_short_is_caught_and_blocks_appending(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    _three(log)
    data = log.read_bytes()
    log.write_bytes(data[:-10])
    problems = verify(log)
    assert "line 3: not valid JSON" in problems
    assert "line 3: cut short (the file does not end with a newline)" in problems
    with pytest.raises(AuditLogError, match="newline"):
        append_entry(log, {"event": "test"})
    assert log.read_bytes() == data[:-10]


def test_appending_after_a_damaged_last_line_is_refused(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    _three(log)
    with log.open("ab") as fh:
        fh.write(b"garbage\n")
    before = log.read_bytes()
    with pytest.raises(AuditLogError, match="not an audit record"):
        append_entry(log, {"event": "test"})
    assert log.read_bytes() == before


def test_a_deleted_last_line_is_only_seen_against_a_recorded_hash(tmp_path: Path) -> None:
    """The documented limit: the shortened log is intact as far as it goes; only the seq and
    hash kept elsewhere from the last append show that a line is gone."""
    log = tmp_path / "audit.jsonl"
    last = _three(log)[-1]
    _write_lines(log, _lines(log)[:-1])
    assert verify(log) == []
    remaining = [json.loads(line) for line in _lines(log)]
    assert max(r["seq"] for r in remaining) < last["seq"]
    assert last["hash"] not in {r["hash"] for r in remaining}


def test_an_entry_may_not_set_the_chain_fields(tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    for field in ("seq", "prev", "hash"):
        with pytest.raises(ValueError, match=field):
            append_entry(log, {field: 1})
    with pytest.raises(ValueError, match="JSON compliant"):
        append_entry(log, {"score": float("nan")})
    assert not log.exists()


def test_the_lock_file_fallback_appends_and_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(appendfile, "fcntl", None)
    log = tmp_path / "audit.jsonl"
    _three(log)
    assert verify(log) == []
    assert not (tmp_path / "audit.jsonl.lock").exists()


def test_the_lock_file_fallback_gives_up_on_a_held_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(appendfile, "fcntl", None)
    monkeypatch.setattr(appendfile, "LOCK_TIMEOUT_S", 0.05)
    log = tmp_path / "audit.jsonl"
    lock = tmp_path / "audit.jsonl.lock"
    lock.touch()
    with pytest.raises(AuditLogError, match="delete it"):
        append_entry(log, {"event": "test"})
    assert lock.exists()  # someone else's lock is left alone
    assert log.read_bytes() == b""


APPENDER = """
import sys, time
from pathlib import Path
from screener.export import appendfile, auditlog

log, go, worker, lock = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
if lock == "lockfile":
    appendfile.fcntl = None
(go.parent / f"ready-{worker}").touch()
while not go.exists():
    time.sleep(0.001)
for n in range(25):
    auditlog.append_entry(log, {"worker": worker, "n": n})
"""


@pytest.mark.parametrize("lock", ["flock", "lockfile"])
def test_concurrent_appends_from_four_processes_make_one_chain(tmp_path: Path, lock: str) -> None:
    if lock == "flock" and sys.platform == "win32":
        pytest.skip("no fcntl on this platform")
    log, go = tmp_path / "audit.jsonl", tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", APPENDER, str(log), str(go), str(worker), lock], cwd=ROOT
        )
        for worker in range(4)
    ]
    try:
        ready = [tmp_path / f"ready-{worker}" for worker in range(4)]
        deadline = time.monotonic() + 60
        while not all(r.exists() for r in ready) and time.monotonic() < deadline:
            time.sleep(0.005)
        go.touch()  # all four, loaded and waiting, start appending at once
        assert [p.wait(timeout=120) for p in procs] == [0, 0, 0, 0]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    assert verify(log) == []
    records = [json.loads(line) for line in _lines(log)]
    assert [r["seq"] for r in records] == list(range(1, 101))
    assert sorted((r["worker"], r["n"]) for r in records) == [
        (str(w), n) for w in range(4) for n in range(25)
    ]


NAME, EMAIL, PHONE = "Priya Raman", "priya.raman@example.com", "+1 (415) 555-0142"
RESUME = f"{NAME}\n{EMAIL} | {PHONE}\nSenior MLOps engineer: Kubeflow, Terraform, GKE.\n"


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [k, *_strings(v)]]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _scoring_run(tmp_path: Path) -> tuple[dict[str, object], Path, Path]:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    resume = inbox / "candidate_017.txt"
    resume.write_text(RESUME, encoding="utf-8")
    workbook = tmp_path / "results.xlsx"
    workbook.write_bytes(b"PK\x03\x04 not really a workbook " + RESUME.encode())
    csv_dir = tmp_path / "results_csv"
    csv_dir.mkdir()
    (csv_dir / "ranking.csv").write_text(f"candidate\n{NAME}\n", encoding="utf-8")
    (csv_dir / "evidence.csv").write_text(f"quote\n{EMAIL}\n", encoding="utf-8")
    entry = run_entry(
        tool_version="0.1.0",
        opening="MLOps Engineer",
        rubric_path=ROOT / "rubrics" / "mlops_engineer.yaml",
        rubric_sha256="a" * 64,
        taxonomy_sha256="b" * 64,
        as_of=date(2026, 11, 1),
        options={"workers": 4, "shortlist size": 10, "out": workbook, "flags": ("x", "y")},
        inputs=[(resume.name, hashlib.sha256(resume.read_bytes()).hexdigest())],
        outputs=[workbook, csv_dir],
        scored=1,
        skipped=0,
        shortlisted=1,
        now=datetime(2026, 11, 1, 12, 30, tzinfo=timezone(timedelta(hours=2))),
    )
    return entry, workbook, csv_dir


def test_run_entry_holds_no_resume_content(tmp_path: Path) -> None:
    entry, _, _ = _scoring_run(tmp_path)
    assert set(entry) == {
        "event",
        "time",
        "user",
        "tool_version",
        "opening",
        "rubric",
        "rubric_sha256",
        "taxonomy_sha256",
        "as_of",
        "options",
        "inputs",
        "outputs",
        "counts",
    }
    strings = _strings(entry)
    resume_lines = [line for line in RESUME.splitlines() if line]
    for text in strings:
        assert "\n" not in text
        assert "@" not in text, text
        assert not re.search(r"\(\d{3}\)|\d{3}-\d{4}", text), text
        for needle in (NAME, EMAIL, PHONE, "Priya", "Raman", *resume_lines):
            assert needle not in text, text
    assert entry["time"] == "2026-11-01T10:30:00+00:00"
    assert entry["as_of"] == "2026-11-01"
    assert entry["counts"] == {"scored": 1, "skipped": 0, "shortlisted": 1}
    assert isinstance(entry["user"], str)
    assert entry["user"]


def test_run_entry_hashes_the_output_files(tmp_path: Path) -> None:
    entry, workbook, csv_dir = _scoring_run(tmp_path)

    def sha(path: Path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()

    assert entry["outputs"] == [
        {"file": str(workbook), "sha256": sha(workbook)},
        {"file": str(csv_dir / "evidence.csv"), "sha256": sha(csv_dir / "evidence.csv")},
        {"file": str(csv_dir / "ranking.csv"), "sha256": sha(csv_dir / "ranking.csv")},
    ]
    resume = tmp_path / "inbox" / "candidate_017.txt"
    assert entry["inputs"] == [{"file": "candidate_017.txt", "sha256": sha(resume)}]


def test_run_entry_goes_into_the_log(tmp_path: Path) -> None:
    entry, workbook, _ = _scoring_run(tmp_path)
    assert entry["options"] == {
        "workers": 4,
        "shortlist size": 10,
        "out": str(workbook),
        "flags": ["x", "y"],
    }
    log = tmp_path / "audit.jsonl"
    record = append_entry(log, entry)
    append_entry(log, entry)
    assert verify(log) == []
    assert {k: v for k, v in record.items() if k not in ("seq", "prev", "hash")} == entry


def test_run_entry_falls_back_to_unknown_user(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_user() -> str:
        raise KeyError("uid not found")

    monkeypatch.setattr("getpass.getuser", no_user)
    entry = run_entry(
        tool_version="0.1.0",
        opening="MLOps Engineer",
        rubric_path="rubrics/mlops_engineer.yaml",
        rubric_sha256="a" * 64,
        taxonomy_sha256="b" * 64,
        as_of="2026-11-01",
        options={},
        inputs=[],
        outputs=[],
        scored=0,
        skipped=0,
        shortlisted=0,
    )
    assert entry["user"] == "unknown"
    moment = datetime.fromisoformat(str(entry["time"]))
    assert moment.utcoffset() == timedelta(0)
    assert abs(datetime.now(UTC) - moment) < timedelta(minutes=5)
