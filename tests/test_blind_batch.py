"""Blind mode end to end: no name, e-mail or phone number of the sample resumes in any
output file, and the same scores as a normal run."""

from __future__ import annotations

import csv
import json
import re
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from screener.cli import app
from screener.ingest import Document, Limits, read_file
from tests.conftest import ROOT

runner = CliRunner()
SAMPLES = ROOT / "sample_resumes"


def _identities() -> list[str]:
    """Every name, e-mail address and phone number the sample resumes hold."""
    found = []
    for path in sorted(SAMPLES.iterdir()):
        for doc in read_file(path, path.name, Limits()):
            if isinstance(doc, Document):
                c = doc.contact
                found += [*c.emails, *c.phones]
                if c.name:  # the full name, and the surname alone ("Sofia" is also a city)
                    found.append(c.name)
                    found += [w for w in re.split(r"[\s-]+", c.name)[1:] if len(w) >= 4]
    return sorted(set(found))


def _output_text(paths: list[Path]) -> str:
    texts = []
    for path in paths:
        if path.is_dir():
            texts += [p.read_text(encoding="utf-8-sig") for p in sorted(path.iterdir())]
        elif path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as zf:
                texts += [zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith(".xml")]
        else:
            texts.append(path.read_text(encoding="utf-8"))
    return "\n".join(texts)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("blind")
    paths = {}
    for mode in ("plain", "blind"):
        extra = ["--blind", "--key-file", str(out / "key.csv")] if mode == "blind" else []
        result = runner.invoke(
            app,
            ["score", str(SAMPLES), "--out", str(out / f"{mode}.xlsx"), "--json",
             str(out / f"{mode}.json"), "--csv", str(out / f"{mode}_csv"), "--as-of",
             "2026-11-01", "--audit-log", str(out / f"{mode}.log"), *extra],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        paths[mode] = out
    return paths


def test_blind_outputs_hold_no_name_email_or_phone(runs: dict[str, Path]) -> None:
    out = runs["blind"]
    text = _output_text(
        [out / "blind.xlsx", out / "blind.json", out / "blind_csv", out / "blind.log"]
    ).lower()
    identities = _identities()
    assert len(identities) > 60  # the samples do hold names, e-mails and phones
    leaked = [i for i in identities if _holds(text, i)]
    assert leaked == []
    plain = _output_text([out / "plain.json"]).lower()
    assert sum(_holds(plain, i) for i in identities) > 30  # the check can see them


def _holds(text: str, identity: str) -> bool:
    """Whether ``text`` holds ``identity`` as whole words ("Park", not "Spark")."""
    return re.search(rf"(?<!\w){re.escape(identity.lower())}(?!\w)", text) is not None


def test_blind_scores_equal_the_normal_run_and_the_key_maps_them(runs: dict[str, Path]) -> None:
    out = runs["blind"]
    plain = json.loads((out / "plain.json").read_text(encoding="utf-8"))
    blind = json.loads((out / "blind.json").read_text(encoding="utf-8"))
    with (out / "key.csv").open(encoding="utf-8", newline="") as fh:
        key = {row["candidate_id"]: row["file"] for row in csv.DictReader(fh)}
    assert [(c["rank"], c["score"], c["band"]) for c in blind["ranking"]] == [
        (c["rank"], c["score"], c["band"]) for c in plain["ranking"]
    ]
    assert [key[c["file"]] for c in blind["ranking"]] == [c["file"] for c in plain["ranking"]]
    assert all(re.fullmatch(r"C-[0-9A-F]{8}", c["candidate"]) for c in blind["ranking"])
