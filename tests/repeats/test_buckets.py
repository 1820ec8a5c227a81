"""Repeat counting in hash buckets: the split of the hash space and the counts per batch."""

from __future__ import annotations

import polars as pl

from schemas.internal import PAIRS
from tasks.repeats.buckets import bucket_repeats, hash_range, hash_slice, repeat_buckets


def test_repeat_buckets_split_the_hash_space_in_powers_of_two():
    assert [repeat_buckets(pairs, 10) for pairs in (0, 10, 11, 41)] == [1, 1, 2, 8]
    assert hash_range(1, 4) == (1 << 62, 1 << 63)
    assert hash_range(3, 4)[1] == 1 << 64
    pairs = pl.DataFrame({"content_hash": [1, 1 << 62, (1 << 63) + 5], "article_id": [1, 2, 3], "seen": [0, 1, 2]})
    pairs = pairs.cast(PAIRS)
    assert hash_slice(pairs, 1 << 62, 1 << 63)["article_id"].to_list() == [2]
    assert hash_slice(pairs, 1 << 63, 1 << 64)["article_id"].to_list() == [3]


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
