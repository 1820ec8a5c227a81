"""(text, article) pairs: what repeat counting counts, kept as 64-bit integers."""

from __future__ import annotations

import polars as pl

# Ordinal of a text's first sighting: runs (manifest versions) first, then order within the run.
SEEN_RUN_STRIDE = 1 << 40
SEEN_BATCH_STRIDE = 1 << 24


def first_seen(version: int, batch_no: int) -> int:
    """The ordinal of a batch's first row: later runs and batches always count as seen later."""
    return version * SEEN_RUN_STRIDE + batch_no * SEEN_BATCH_STRIDE


def text_pairs(paragraphs: pl.DataFrame, first_seen: int) -> pl.DataFrame:
    """Distinct (content_hash, article_id) pairs of a batch, with the ordinal of their first row.

    Both ids are 16 hex digits, kept as 64-bit integers (a quarter of the memory of their hex
    strings). Sorted by hash, so each count bucket reads one slice of it.
    """
    return (
        paragraphs.select(id_as_int("content_hash"), id_as_int("article_id"))
        .with_row_index("seen")
        .group_by("content_hash", "article_id")
        .agg(pl.col("seen").min().cast(pl.Int64) + first_seen)
        .sort("content_hash", "article_id")
    )


def id_as_int(column: str) -> pl.Expr:
    """A 16-hex id column as the 64-bit integer the repeat counts are keyed by."""
    return pl.col(column).str.to_integer(base=16, dtype=pl.UInt64)


def as_hex(ids: pl.Series) -> pl.Series:
    """64-bit ids back as the 16-hex strings the tables hold."""
    return pl.Series(ids.name, [f"{i:016x}" for i in ids], dtype=pl.String)
