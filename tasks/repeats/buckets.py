"""Repeat counting in hash buckets: one bucket's pairs in memory at a time, however large the output."""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from schemas.internal import PAIRS
from tasks.repeats.pairs import as_hex

HASH_SPACE = 1 << 64
# Fewest pairs a bucket split off for an idle worker must hold: counting costs about 1 µs a pair,
# so 50,000 pairs are about what a task run costs beside them.
SPLIT_MIN_PAIRS = 50_000


def repeat_buckets(pairs: int, pairs_per_bucket: int, workers: int = 1) -> int:
    """How many hash buckets (a power of two) keep each count task near `pairs_per_bucket` pairs.

    Counting then holds one bucket's pairs at a time, so its memory stays flat however large
    the run and the output's history grow. Every one of `workers` gets a bucket while each still
    holds `SPLIT_MIN_PAIRS`: the run waits on its count tasks, and one bucket left a worker idle
    (a 500,000-paragraph run's counting, last clean task to last count, 0.60 -> 0.35 s).
    """
    buckets = 1
    while buckets * pairs_per_bucket < pairs:
        buckets *= 2
    while buckets < workers and pairs >= 2 * buckets * SPLIT_MIN_PAIRS:
        buckets *= 2
    return buckets


def hash_range(bucket: int, buckets: int) -> tuple[int, int]:
    """The content hashes [low, high) of one bucket out of a power of two."""
    width = HASH_SPACE // buckets
    return bucket * width, (bucket + 1) * width


def hash_slice(pairs: pl.DataFrame, low: int, high: int) -> pl.DataFrame:
    """The rows of hash-sorted pairs with low <= content_hash < high."""
    hashes = pairs["content_hash"]
    start = hashes.search_sorted(low, side="left")
    end = hashes.len() if high >= HASH_SPACE else hashes.search_sorted(high, side="left")
    return pairs.slice(start, end - start)


def bucket_repeats(
    old: pl.DataFrame, batches: Iterable[pl.DataFrame], n_batches: int
) -> tuple[pl.DataFrame, list[pl.DataFrame]]:
    """One hash bucket's pairs after this run, and the repeat counts of each batch's texts in it.

    `old` holds the bucket's pairs from earlier runs and `batches` this run's, in batch order: the
    first sighting of a pair is kept, so earlier runs and batches win.
    """
    new = _stack(batches)
    texts = pl.concat([old, new.drop("batch")]).unique(["content_hash", "article_id"], keep="first")
    counts = repeat_counts(texts.lazy())
    by_batch = new.partition_by("batch", as_dict=True, include_key=False)
    empty = pl.DataFrame(schema=PAIRS)
    return texts.sort("content_hash", "article_id"), [
        repeats_of(by_batch.get((i,), empty), counts) for i in range(n_batches)
    ]


def _stack(batches: Iterable[pl.DataFrame]) -> pl.DataFrame:
    """The batches' pairs tagged with their batch number, copied into one frame: the record batches
    they were sliced from are released once this returns, instead of staying resident."""
    tagged = [pairs.with_columns(batch=pl.lit(i, pl.UInt32)) for i, pairs in enumerate(batches)]
    return pl.concat([pl.DataFrame(schema=PAIRS | {"batch": pl.UInt32}), *tagged], rechunk=True)


def repeat_counts(pairs: pl.LazyFrame) -> pl.DataFrame:
    """Per normalised text: distinct articles holding it so far, and the first of them."""
    return (
        pairs.group_by("content_hash")
        .agg(
            repeat_count=pl.col("article_id").n_unique().cast(pl.Int32),
            first_article_id=pl.col("article_id").sort_by("seen").first(),
        )
        .collect()
    )


def repeats_of(batch_pairs: pl.DataFrame, counts: pl.DataFrame) -> pl.DataFrame:
    """The counts of one batch's texts, with hex ids again, ready to join to its paragraphs."""
    found = batch_pairs.select("content_hash").unique().join(counts, on="content_hash")
    return found.with_columns(as_hex(found["content_hash"]), as_hex(found["first_article_id"]))
