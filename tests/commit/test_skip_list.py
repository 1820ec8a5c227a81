"""The skip list as a base and per-run deltas: runs that add little write a delta, never the history."""

from __future__ import annotations

import os
import time

import polars as pl
from support import write_files

from tasks.commit.manifest import load_files_state, load_manifest
from tasks.commit.rebuild import files_state_from_tables
from tasks.commit.skip_list import merged, needs_compaction
from tasks.storage.store import Store

BASE = {f"{i:03d}_{i:016x}.txt": f"['Story {i}.', 'Shared footer.']" for i in range(1, 21)}


def write_aged(folder, files: dict[str, str], minutes_ago: int):
    """Write files with a modification time in the past: their quick keys are trusted from the first
    run (files modified in the last 2 s are hashed again), so no run records keys anew."""
    write_files(folder, files)
    at = time.time() - 60 * minutes_ago
    for name in files:
        os.utime(folder / name, (at, at))
    return folder


def state_of_output(output) -> tuple[int, int]:
    """(rows in the base, deltas) of the latest manifest."""
    state = load_manifest(Store(str(output))).state
    return state.file_rows, len(state.file_deltas)


def assert_matches_tables(output) -> None:
    store = Store(str(output))
    manifest = load_manifest(store)
    kept = load_files_state(store, manifest).drop("quick_key").sort("source_file")
    assert kept.equals(files_state_from_tables(store, manifest).drop("quick_key").sort("source_file"))


def test_small_runs_append_deltas_that_read_as_the_whole_list(tmp_path, run_flow):
    source, output = tmp_path / "in", tmp_path / "out"
    write_aged(source, BASE, 60)
    run_flow(source, output, batch_files=2)
    assert state_of_output(output) == (20, 0)

    write_aged(source, {"021_0000000000000015.txt": "['Story 21.']"}, 50)  # a new article
    assert run_flow(source, output, batch_files=2)["files_written"] == 1
    assert state_of_output(output) == (20, 1)

    newer = "022_0000000000000001.txt"  # a newer version of article 1: 001 is superseded
    write_aged(source, {newer: "['Story 1, updated.']"}, 40)
    assert run_flow(source, output, batch_files=2)["versions_superseded"] == 1
    assert state_of_output(output) == (20, 2)
    rows = load_files_state(Store(str(output)), load_manifest(Store(str(output))))
    current = dict(rows.select("source_file", "is_current").iter_rows())
    assert (len(current), current["001_0000000000000001.txt"], current[newer]) == (22, False, True)
    assert_matches_tables(output)

    # 002 changes: its part (001's too) is rewritten, so the delta holds 001's renamed row as well;
    # with the deltas' 1 + 3 rows, 6 rows pass a quarter of the base: merged into a new base
    write_aged(source, {"002_0000000000000002.txt": "['Story 2, rewritten.']"}, 30)
    assert run_flow(source, output, batch_files=2)["files_replaced"] == 1
    assert state_of_output(output) == (22, 0)
    assert_matches_tables(output)
    again = run_flow(source, output, batch_files=2)
    assert (again["files_written"], again["files_skipped"]) == (0, 22)


def test_a_damaged_delta_is_rebuilt_from_the_tables(tmp_path, run_flow):
    source, output = tmp_path / "in", tmp_path / "out"
    write_aged(source, BASE, 60)
    run_flow(source, output, batch_files=2)
    write_aged(source, {"021_0000000000000015.txt": "['Story 21.']"}, 50)
    run_flow(source, output, batch_files=2)
    delta = load_manifest(Store(str(output))).state.file_deltas[0]
    os.remove(output / delta)
    healed = run_flow(source, output, batch_files=2)
    assert (healed["state_rebuilt"], healed["files_written"], healed["files_skipped"]) == (1, 0, 21)
    assert_matches_tables(output)


def test_compaction_when_the_deltas_grow_past_a_quarter_of_the_base_or_sixteen():
    assert not needs_compaction(base_rows=100, deltas=3, delta_rows=25)
    assert needs_compaction(base_rows=100, deltas=3, delta_rows=26)
    assert needs_compaction(base_rows=10_000, deltas=16, delta_rows=16)


def test_a_delta_row_replaces_the_row_of_its_file():
    base = pl.DataFrame({"source_file": ["a", "b"], "part": ["p1", "p1"]})
    delta = pl.DataFrame({"source_file": ["b", "c"], "part": ["p2", "p2"]})
    assert merged(base, delta).rows() == [("a", "p1"), ("b", "p2"), ("c", "p2")]
