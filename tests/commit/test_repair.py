"""`newsflow repair`: verify an output against its manifest, fix what can be fixed, say what it found."""

from __future__ import annotations

import json
import shutil

import prefect  # noqa: F401  (Prefect binds its console log handler to stderr before capsys replaces it)
import pytest
from support import committed_rows, write_files

from flows.cli import main
from tasks.commit.manifest import load_manifest, manifest_path
from tasks.storage.store import Store

FILES = {
    "001_0000000000000001.txt": "['Story 1.', 'Shared footer.']",
    "002_0000000000000002.txt": "['Story 2.', 'Shared footer.']",
    "003_0000000000000003.txt": "['broken",
}


@pytest.fixture
def committed(tmp_path, run_flow):
    """An output after one run in three batches, its input, and a clean copy of it."""
    source, output = tmp_path / "input", tmp_path / "out"
    write_files(source, FILES)
    run_flow(source, output, batch_files=1)
    shutil.copytree(output, tmp_path / "clean")
    return source, output, tmp_path / "clean"


def test_a_healthy_output_is_left_alone(committed, capsys):
    _, output, _ = committed
    before = sorted(p.relative_to(output) for p in output.rglob("*"))
    assert main(["repair", str(output)]) == 0
    assert capsys.readouterr().out == f"{output} (manifest v1): healthy\n"
    assert sorted(p.relative_to(output) for p in output.rglob("*")) == before


def test_repair_fixes_what_it_finds_and_the_next_run_heals_the_rest(committed, run_flow, capsys):
    source, output, clean = committed
    store = Store(str(output))
    manifest = load_manifest(store)
    first, second = manifest.tables["paragraphs"]
    raw = json.loads(store.read_bytes(manifest_path(1)))
    raw["tables"]["articles"].append(raw["tables"]["articles"][0])  # listed twice
    store.write_bytes(manifest_path(1), json.dumps(raw).encode())
    (output / "paragraphs" / second).unlink()  # a lost part
    (output / "paragraphs" / "stray.parquet").write_bytes(b"x")  # an orphan
    (output / "_staging" / "r1").mkdir(parents=True)
    (output / "_staging" / "r1" / "batch.arrow").write_bytes(b"x")  # a crashed run's leftovers
    (output / manifest.state.files).unlink()  # the skip list
    assert main(["repair", str(output)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"fixed: articles/{first} is listed 2 times: listed once",
        f"fixed: part {second} is missing or unreadable: dropped from every table, its input files are ingested "
        "again by the next run",
        "fixed: paragraphs/stray.parquet is listed by no manifest: deleted",
        "fixed: _staging/r1/batch.arrow is listed by no manifest: deleted",
        f"fixed: the skip list {manifest.state.files} does not match the tables: rebuilt",
        "fixed: the repeat pairs (1 files) do not match the paragraphs: rebuilt",
        f"{output} (manifest v1): 6 problems found, all fixed",
    ]
    assert main(["repair", str(output)]) == 0
    assert capsys.readouterr().out == f"{output} (manifest v1): healthy\n"
    summary = run_flow(source, output, batch_files=1)
    assert (summary["files_written"], summary["files_skipped"]) == (1, 2)
    assert committed_rows(str(output)) == committed_rows(str(clean))


def test_an_unreadable_manifest_cannot_be_fixed(committed, capsys):
    _, output, _ = committed
    (output / manifest_path(1)).write_text("{not json")
    assert main(["repair", str(output)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("NOT FIXED: the latest manifest cannot be read (")
    assert out[1:] == [f"{output}: 1 of 1 problems could not be fixed"]
