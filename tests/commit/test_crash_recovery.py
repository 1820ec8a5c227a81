"""SIGKILL at many points of a real `newsflow run` process, then what readers see and what a rerun makes.

Promise under test: a run killed before its manifest is written leaves the table folders exactly
as the last committed run left them; a run killed after it is committed and `recover` (the first
thing every run does) finishes publishing it. Either way a rerun ends with the same rows as a run
that never crashed: nothing lost, nothing duplicated.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pyarrow.dataset as ds
import pytest
from support import stable_row, write_files

from schemas import TABLES
from tasks.commit.manifest import load_manifest, manifest_versions
from tasks.commit.protocol import recover
from tasks.storage import faults
from tasks.storage.store import Store

pytestmark = pytest.mark.system  # real newsflow processes, SIGKILLed

ROOT = Path(__file__).resolve().parents[2]
FIRST = {f"{i:03d}_{i:016x}.txt": repr([f"Story {i}, paragraph {j}." for j in range(3)]) for i in range(1, 5)}
SECOND = {
    **FIRST,
    "001_0000000000000001.txt": "['Story 1, rewritten.', 'Shared footer.']",
    "005_0000000000000005.txt": "['Story 5.', 'Shared footer.']",
    "006_0000000000000006.txt": "['Story 6.', 'Shared footer.']",
    "007_0000000000000007.txt": "['broken",
}


def reader_view(output: Path) -> dict[str, list[tuple]]:
    """What a pyarrow dataset reader sees in each table folder, sorted, run columns included."""
    view = {}
    for table in TABLES:
        folder = output / table
        rows = ds.dataset(folder, format="parquet", partitioning="hive").to_table() if folder.exists() else None
        view[table] = sorted(pl.from_arrow(rows).rows()) if rows is not None else []
    return view


def content(output: Path) -> dict[str, list[tuple]]:
    """The tables' rows without the columns that name the run that wrote them."""
    frames = {t: pl.read_parquet(f"{output}/{t}/**/*.parquet", hive_partitioning=False) for t in TABLES}
    return {t: sorted(tuple(stable_row(row).values()) for row in f.iter_rows(named=True)) for t, f in frames.items()}


@pytest.fixture(scope="module")
def prepared(tmp_path_factory, prefect_harness):
    """Inputs, an output holding the first run, and the reference output of both runs without faults."""
    from prefect.settings import PREFECT_API_URL

    from flows.pipeline import newsflow
    from tasks.settings import Settings

    base = tmp_path_factory.mktemp("crash")
    first, second = write_files(base / "first", FIRST), write_files(base / "second", SECOND)

    def run(input_dir: Path, output: Path) -> dict:
        settings = Settings(input=str(input_dir), output=str(output), batch_files=2)
        return newsflow(settings)

    run(first, base / "committed")
    shutil.copytree(base / "committed", base / "reference")
    run(second, base / "reference")
    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    return {"base": base, "second": second, "run": run, "env": env}


def _killed_run(
    prepared: dict, name: str, rule: dict, runner: str = "thread"
) -> tuple[Path, subprocess.CompletedProcess]:
    """Run the second input on `name` (a copy of the committed output at first) in a process the rule kills."""
    base = prepared["base"]
    output = base / name
    if not output.exists():
        shutil.copytree(base / "committed", output)
    rules = base / f"{name}-{rule['op']}-{rule['match'].replace('/', '_')}.faults.json"
    rules.write_text(json.dumps([{**rule, "times": 1, "error": "kill"}]))
    command = [sys.executable, "-m", "flows", "run", "--input", str(prepared["second"]), "--output", str(output)]
    command += ["--batch-files", "2", "--runner", runner, "--quiet", "--json"]
    env = {**prepared["env"], faults.ENV: str(rules)}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert Path(f"{rules}.0.hits").exists(), f"the fault never fired: {done.stderr[-2000:]}"
    return output, done


BEFORE_COMMIT = [
    {"op": "read", "match": "005_"},  # mid-ingest
    {"op": "commit", "match": "paragraphs/ingest_date="},  # inside a Parquet write: bytes on disk, not renamed
    {"op": "write", "match": "_state/files-"},  # data files staged, state and manifest not yet
    {"op": "commit", "match": "_manifest/v"},  # manifest bytes on disk, not renamed
]


def test_kills_before_commit_leave_the_previous_dataset(prepared):
    committed = reader_view(prepared["base"] / "committed")
    for rule in BEFORE_COMMIT:  # one crash after another on the same output
        output, done = _killed_run(prepared, "before", rule)
        assert done.returncode == -9, rule
        assert reader_view(output) == committed, rule
        assert manifest_versions(Store(str(output))) == [1]
    _rerun_matches_reference(prepared, output, expect_written=3)


def test_kill_mid_publish_is_finished_by_the_next_run(prepared):
    output, done = _killed_run(prepared, "mid-publish", {"op": "move", "match": "paragraphs/", "skip": 1})
    assert done.returncode == -9
    assert load_manifest(Store(str(output))).version == 2
    _rerun_matches_reference(prepared, output, expect_written=0)


def test_kill_while_deleting_replaced_files_is_finished_by_recover(prepared):
    output, done = _killed_run(prepared, "deleting", {"op": "delete", "match": "paragraphs/"})
    assert done.returncode == -9
    store = Store(str(output))
    manifest = recover(store)
    assert manifest.version == 2
    live = sorted(manifest.live_files())
    assert sorted(f for t in TABLES for f in store.list_files(t)) == live
    assert content(output) == content(prepared["base"] / "reference")


def test_killed_worker_process_fails_the_run_and_the_rerun_heals(prepared):
    output, done = _killed_run(prepared, "worker", {"op": "read", "match": "006_"}, runner="process")
    assert done.returncode == 1 and "newsflow: run failed" in done.stderr
    assert reader_view(output) == reader_view(prepared["base"] / "committed")
    _rerun_matches_reference(prepared, output, expect_written=3)


def _rerun_matches_reference(prepared: dict, output: Path, expect_written: int) -> None:
    summary = prepared["run"](prepared["second"], output)
    found = summary["files_written"] + summary["files_skipped"] + summary["files_quarantined"]
    assert (summary["files_found"], found, summary["files_written"]) == (7, 7, expect_written)
    assert content(output) == content(prepared["base"] / "reference")
    assert not list(output.rglob(".tmp-*")) and not list(output.glob("_staging/*"))
