"""Repeat counting in hash buckets: the split of the hash space and the counts per batch."""

from __future__ import annotations

import polars as pl

from schemas.internal import PAIRS
from tasks.commit.staging import read_covering, stage_sorted
from tasks.repeats.buckets import bucket_repeats, hash_range, hash_slice, repeat_buckets
from tasks.storage.store import Store


def test_repeat_buckets_split_the_hash_space_in_powers_of_two():
    assert [repeat_buckets(pairs, 10) for pairs in (0, 10, 11, 41)] == [1, 1, 2, 8]
    assert hash_range(1, 4) == (1 << 62, 1 << 63)
    assert hash_range(3, 4)[1] == 1 << 64
    pairs = pl.DataFrame({"content_hash": [1, 1 << 62, (1 << 63) + 5], "article_id": [1, 2, 3], "seen": [0, 1, 2]})
    pairs = pairs.cast(PAIRS)
    assert hash_slice(pairs, 1 << 62, 1 << 63)["article_id"].to_list() == [2]
    assert hash_slice(pairs, 1 << 63, 1 << 64)["article_id"].to_list() == [3]


def test_every_worker_counts_a_bucket_while_each_holds_enough_pairs_to_pay_for_its_task():
    knob = 500_000
    assert [repeat_buckets(pairs, knob, workers=2) for pairs in (99_999, 100_000, 500_000, 600_000)] == [1, 2, 2, 2]
    assert [repeat_buckets(pairs, knob, workers=3) for pairs in (199_999, 200_000, 2_000_000)] == [2, 4, 4]
    assert repeat_buckets(4_000_000, knob, workers=2) == 8  # the memory knob asks for more


def test_bucket_repeats_keep_first_sightings_and_count_per_batch():
    def frame(rows):
        return pl.DataFrame(rows, schema=PAIRS, orient="row")

    old = frame([(5, 1, 0)])  # an earlier run saw text 5 in article 1
    batches = [frame([(5, 2, 10), (7, 2, 11)]), frame([(5, 1, 20)]), frame([])]
    texts, counts = bucket_repeats(old, iter(batches), 3)
    assert texts.rows() == [(5, 1, 0), (5, 2, 10), (7, 2, 11)]
    hex_id = "{:016x}".format
    assert [part.sort("content_hash").rows() for part in counts] == [
        [(hex_id(5), 2, hex_id(1)), (hex_id(7), 1, hex_id(2))],
        [(hex_id(5), 2, hex_id(1))],
        [],
    ]


def test_a_count_task_reads_only_the_staged_batches_of_its_bucket(tmp_path):
    store = Store(str(tmp_path))
    hashes = [1, 2, 5, 5, 5, 9, (1 << 63) + 1, (1 << 64) - 1]  # 5 ends batch 0 and starts batch 1
    pairs = pl.DataFrame({"content_hash": hashes, "article_id": range(8), "seen": range(8)}).cast(PAIRS)
    stage_sorted(store, "pairs.arrow", pairs, "content_hash", batch_rows=3)

    def bucket(low, high):
        covering = read_covering(store, "pairs.arrow", low, high)
        return covering.height, hash_slice(covering, low, high)["article_id"].to_list()

    assert bucket(5, 6) == (6, [2, 3, 4])  # batches 0 and 1: the 5 at the end of batch 0
    assert bucket(6, 1 << 63) == (3, [5])  # batch 1 alone
    assert bucket(1 << 63, 1 << 64) == (5, [6, 7])  # batches 1 and 2
    assert bucket(0, 1) == (0, [])  # below every batch: nothing read
    stage_sorted(store, "empty.arrow", pairs.clear(), "content_hash")
    assert read_covering(store, "empty.arrow", 0, 1 << 64).schema == pairs.schema
