"""Lost or damaged state never wedges an output: a run rebuilds it from the committed tables."""

from __future__ import annotations

import shutil

import polars as pl
import pytest
from support import committed_rows, write_files

from tasks.commit.manifest import load_manifest
from tasks.commit.rebuild import files_state_from_tables, heal_state, pairs_from_tables
from tasks.repeats.buckets import repeat_counts
from tasks.storage.store import Store

FIRST = {
    "001_0000000000000001.txt": "['Story 1.', 'Shared footer.']",
    "002_0000000000000002.txt": "['Story 2.', 'Shared footer.', 'Story 2 ends.']",
    "003_0000000000000003.txt": "['broken",
}
SECOND = {
    "002_0000000000000002.txt": "['Story 2, rewritten.', 'Shared footer.']",
    "004_0000000000000004.txt": "['Story 4.', 'Shared footer.', 'Story 1.']",
}
THIRD = {"005_0000000000000005.txt": "['Story 5.', 'Shared footer.', 'Story 4.']"}


@pytest.fixture
def two_runs(tmp_path, run_flow):
    """An output after two runs (the second replaces a file) and its copy, for a clean third run."""
    source, output = tmp_path / "input", tmp_path / "out"
    for files in (FIRST, SECOND):
        write_files(source, files)
        run_flow(source, output, batch_files=1)
    shutil.copytree(output, tmp_path / "clean")
    return source, output, tmp_path / "clean"


def _committed_pairs(store: Store) -> pl.DataFrame:
    manifest = load_manifest(store)
    return pl.concat([pl.from_arrow(store.read_parquet(rel)) for rel in manifest.state.texts])


def test_state_rebuilt_from_the_tables_equals_the_state_the_runs_kept(two_runs):
    _, output, _ = two_runs
    store = Store(str(output))
    manifest = load_manifest(store)
    kept_files = pl.from_arrow(store.read_parquet(manifest.state.files)).drop("quick_key")
    rebuilt_files = files_state_from_tables(store, manifest).drop("quick_key")  # a cache of stat: not rebuilt
    assert rebuilt_files.sort("source_file").equals(kept_files.sort("source_file"))
    kept, rebuilt = _committed_pairs(store), pairs_from_tables(store, manifest)
    assert rebuilt.drop("seen").equals(kept.drop("seen"))
    # The ordinals differ (ranks, not run and batch strides) but name the same first article of every text.
    assert repeat_counts(rebuilt.lazy()).sort("content_hash").equals(repeat_counts(kept.lazy()).sort("content_hash"))


@pytest.mark.parametrize("damage", ["missing", "garbage"])
@pytest.mark.parametrize("state", ["files", "texts"])
def test_a_run_rebuilds_lost_state_and_says_so(two_runs, run_flow, damage, state):
    source, output, clean = two_runs
    manifest = load_manifest(Store(str(output)))
    target = output / (manifest.state.files if state == "files" else manifest.state.texts[0])
    if damage == "missing":
        target.unlink()
    else:
        target.write_bytes(b"not parquet")
    write_files(source, THIRD)
    summary = run_flow(source, output, batch_files=1)
    expected = run_flow(source, clean, batch_files=1)
    assert (summary["state_rebuilt"], expected["state_rebuilt"]) == (1, 0)
    assert (summary["files_written"], summary["files_skipped"]) == (expected["files_written"], 4) == (1, 4)
    assert committed_rows(str(output)) == committed_rows(str(clean))
    again = run_flow(source, output, batch_files=1)
    assert (again["files_skipped"], again["state_rebuilt"]) == (5, 0)


def test_heal_state_leaves_sound_state_alone(two_runs):
    _, output, _ = two_runs
    store = Store(str(output))
    before = {rel: store.read_bytes(rel) for rel in store.list_files("_state")}
    assert heal_state(store, load_manifest(store)) == []
    assert {rel: store.read_bytes(rel) for rel in store.list_files("_state")} == before
