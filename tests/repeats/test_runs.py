"""The pair state as sorted runs: which runs a run merges, tombstones, and lookups by row group."""

from __future__ import annotations

import polars as pl

from schemas.internal import PAIRS
from tasks.commit.manifest import _row_groups_holding, load_texts_state, write_pairs
from tasks.repeats.buckets import HASH_SPACE
from tasks.repeats.pairs import SEEN_RUN_STRIDE
from tasks.repeats.runs import ROW_GROUP_PAIRS, Counting, PairRun, counting, dropped_by, live, tombstones
from tasks.storage.store import Store


def run(pairs: int, files: int = 1) -> PairRun:
    return PairRun([f"_state/texts-{pairs}-{n:04d}.parquet" for n in range(files)], pairs)


def test_a_new_output_writes_its_base():
    assert counting([], 30, 16) == Counting([], 0, 2)


def test_a_small_run_adds_a_delta_and_merges_only_runs_near_its_size():
    base, big, small = run(1000), run(30), run(5)
    assert counting([base], 10, 5000) == Counting([base], 1, 1)
    # 5 <= 4 * 10 is merged, then 30 <= 4 * 15 too; the base (1000 > 4 * 45) stays
    assert counting([base, big, small], 10, 5000) == Counting([base, big, small], 1, 1)
    assert counting([base, big, small], 2, 5000) == Counting([base, big, small], 2, 1)  # 5 <= 8, 30 > 28
    assert counting([base, big, small], 1, 5000) == Counting([base, big, small], 3, 1)


def test_the_base_is_merged_when_the_newer_runs_reach_a_quarter_of_it():
    base, delta = run(100), run(30)
    assert counting([base, delta], 10, 500) == Counting([base, delta], 0, 1)


def test_a_base_bucketed_more_than_twice_off_the_memory_knob_is_rewritten():
    assert counting([run(33, files=16)], 3, 16) == Counting([run(33, files=16)], 0, 4)
    assert counting([run(1000, files=2)], 10, 300) == Counting([run(1000, files=2)], 1, 1)  # wants 4: within 2x
    assert counting([run(1000, files=1)], 10, 200) == Counting([run(1000, files=1)], 0, 8)


def test_the_buckets_of_a_run_go_round_its_workers_and_its_base_stays_as_written():
    assert counting([], 500_000, 500_000, workers=2) == Counting([], 0, 2)
    base = run(500_000, files=2)  # written by two workers: within the knob's twice, so not rewritten
    assert counting([base], 1_000, 500_000, workers=2) == Counting([base], 1, 1)
    assert counting([base], 1_000, 500_000, workers=1) == Counting([base], 1, 1)


def test_tombstones_kill_an_articles_pairs_seen_before_the_run_that_replaced_it():
    older = PairRun([], 0, {"000000000000000a": 2})
    newer = PairRun([], 0, {"000000000000000a": 3, "000000000000000b": 3})
    dropped = dropped_by([older, newer], ["000000000000000c"], 5)
    assert dropped == {"000000000000000a": 3, "000000000000000b": 3, "000000000000000c": 5}
    stride = SEEN_RUN_STRIDE
    pairs = pl.DataFrame(
        [(1, 0xA, 1), (1, 0xA, 3 * stride), (2, 0xB, 2 * stride + 7), (2, 0xC, 4 * stride), (3, 0xD, 0)],
        schema=PAIRS,
        orient="row",
    )
    assert live(pairs, tombstones(dropped)).rows() == [(1, 0xA, 3 * stride), (3, 0xD, 0)]
    assert live(pairs, tombstones({})).equals(pairs)


def test_lookups_read_only_the_row_groups_holding_the_hashes(tmp_path):
    store = Store(str(tmp_path))
    rows, edge = 3 * ROW_GROUP_PAIRS, ROW_GROUP_PAIRS * 10
    pairs = pl.DataFrame(
        {
            # the last row of group 0 holds the text of the first row of group 1
            "content_hash": [edge if n == ROW_GROUP_PAIRS - 1 else n * 10 for n in range(rows)],
            "article_id": [n % 7 for n in range(rows)],
            "seen": range(rows),
        },
        schema=PAIRS,
    )
    write_pairs(store, "_state/texts-r-0000.parquet", pairs)
    hashes = pl.Series([20, 10 * ROW_GROUP_PAIRS + 10, 15], dtype=pl.UInt64).sort()  # 15 is in no pair
    assert _row_groups_holding(store, "_state/texts-r-0000.parquet", hashes).num_rows == 2 * ROW_GROUP_PAIRS
    base = PairRun(["_state/texts-r-0000.parquet"], rows)
    found = load_texts_state(store, [base], 0, HASH_SPACE, hashes)
    assert found.rows() == [(20, 2, 2), (10 * ROW_GROUP_PAIRS + 10, (ROW_GROUP_PAIRS + 1) % 7, ROW_GROUP_PAIRS + 1)]
    assert load_texts_state(store, [base], 0, 30, hashes).rows() == [(20, 2, 2)]
    assert load_texts_state(store, [base], 0, 30).height == 3
    edge_rows = load_texts_state(store, [base], 0, HASH_SPACE, pl.Series([edge], dtype=pl.UInt64))
    assert edge_rows.rows() == [
        (edge, (ROW_GROUP_PAIRS - 1) % 7, ROW_GROUP_PAIRS - 1),
        (edge, ROW_GROUP_PAIRS % 7, ROW_GROUP_PAIRS),
    ]
    store.write_parquet("_state/texts-old-0000.parquet", pairs.to_arrow())  # written before the index: read whole
    assert load_texts_state(store, [PairRun(["_state/texts-old-0000.parquet"], rows)], 0, HASH_SPACE, hashes).equals(
        found
    )
