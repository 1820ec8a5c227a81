"""Rebuild the output's state from its committed tables, when the state files are lost or damaged.

The skip list and the repeat-count pairs are derived data: article_versions and quarantine hold
every file's `source_file`, `content_sha256`, `article_id` and part; paragraphs hold every
`(content_hash, article_id)` pair. A rebuilt pair's `seen` ordinal is its rank by `ingested_at`
and `run_id`, then `source_file` and `paragraph_index`: the order the runs saw them in, as a run
reads its files in sorted batches, wherever a replaced file's rewrite has since moved its part's
other rows. The rebuilt pairs go to the base's files and the newer pair runs are left empty, with
their tombstones (which the ranks are all after).
"""

from __future__ import annotations

import polars as pl
import pyarrow as pa

from schemas import TABLES
from schemas.internal import FILES_STATE, PAIRS
from tasks.commit.manifest import Manifest, ManifestState, write_pairs
from tasks.commit.skip_list import write_skip_list
from tasks.repeats.buckets import hash_range, hash_slice
from tasks.repeats.pairs import first_seen, id_as_int
from tasks.storage.store import Store

# A state file that is there but cannot be parsed; a transient OSError is not one (Prefect retries it).
DAMAGED = (FileNotFoundError, pa.ArrowInvalid)


def files_state_from_tables(store: Store, manifest: Manifest) -> pl.DataFrame:
    """The skip list the committed article_versions and quarantine rows imply: each file's latest row."""
    frames = [pl.DataFrame(schema=FILES_STATE).with_columns(run_id=pl.lit(None, pl.String))]
    columns = ["source_file", "content_sha256", "article_id", "file_modified_at", "superseded_by_run_id", "run_id"]
    for part in manifest.tables.get("article_versions", []):
        rows = pl.from_arrow(store.read_parquet(f"article_versions/{part}", columns))
        current = pl.col("superseded_by_run_id").is_null().alias("is_current")
        frames.append(rows.with_columns(current, part=pl.lit(part)).drop("superseded_by_run_id"))
    for part in manifest.tables.get("quarantine", []):
        rows = pl.from_arrow(store.read_parquet(f"quarantine/{part}", ["source_file", "content_sha256", "run_id"]))
        frames.append(rows.with_columns(is_current=pl.lit(False), part=pl.lit(part)))
    rows = pl.concat(frames, how="diagonal_relaxed")
    # a file read again after its content changed has a row per run: the latest one is its state
    latest = rows.sort("run_id").group_by("source_file", maintain_order=True).last()
    return latest.select(FILES_STATE.names()).cast(FILES_STATE)


def pairs_from_tables(store: Store, manifest: Manifest) -> pl.DataFrame:
    """Every committed (content_hash, article_id) pair with the rank of its first sighting, sorted by hash.

    The ranks start at the manifest's own run ordinal: after every tombstone it holds, before any later run.
    """
    columns = ["content_hash", "article_id", "ingested_at", "run_id", "source_file", "paragraph_index"]
    parts = [TABLES["paragraphs"].empty_table()] + [
        store.read_parquet(f"paragraphs/{part}", columns) for part in manifest.tables.get("paragraphs", [])
    ]
    frames = [pl.from_arrow(part.select(columns)) for part in parts]
    order = ["ingested_at", "run_id", "source_file", "paragraph_index"]
    ordered = pl.concat(frames, how="vertical_relaxed").sort(order).with_row_index("seen")
    seen = pl.col("seen").cast(pl.Int64) + first_seen(manifest.version, 0)
    return (
        ordered.select(id_as_int("content_hash"), id_as_int("article_id"), seen)
        .group_by("content_hash", "article_id")
        .agg(pl.col("seen").min())
        .sort("content_hash", "article_id")
        .cast(PAIRS)
    )


def pair_buckets(pairs: pl.DataFrame, buckets: int) -> list[pl.DataFrame]:
    """Hash-sorted pairs split into the manifest's bucket files, bucket k holding hash_range(k, buckets)."""
    return [hash_slice(pairs, *hash_range(k, buckets)) for k in range(buckets)]


def write_pair_state(store: Store, state: ManifestState, pairs: pl.DataFrame) -> None:
    """Write all of `pairs`, in place, into the files of the state's base, and empty its newer runs."""
    for rel, bucket in zip(state.texts, pair_buckets(pairs, len(state.texts))):
        write_pairs(store, rel, bucket)
    for rel in state.pair_paths() - set(state.texts):
        write_pairs(store, rel, pl.DataFrame(schema=PAIRS))


def heal_state(store: Store, manifest: Manifest) -> list[str]:
    """Rebuild, in place, the state files the manifest points to that are missing or damaged; say which."""
    healed = []
    state = manifest.state
    damaged_list = [rel for rel in state.skip_list_paths() if not readable(store, rel)]
    if damaged_list:
        write_skip_list(store, state.files, state.file_deltas, files_state_from_tables(store, manifest))
        healed.append(f"rebuilt the skip list ({', '.join(damaged_list)} damaged) from the committed tables")
    damaged = [rel for rel in state.pair_paths() if not readable(store, rel)]
    if damaged:
        write_pair_state(store, state, pairs_from_tables(store, manifest))
        healed.append(
            f"rebuilt {len(damaged)} repeat-pair files ({', '.join(sorted(damaged))}) from the paragraphs table"
        )
    return healed


def readable(store: Store, rel: str) -> bool:
    """Whether a Parquet file is there and its footer parses (a transient error propagates: it is retried)."""
    try:
        store.read_parquet(rel, [])
    except DAMAGED:
        return False
    return True
