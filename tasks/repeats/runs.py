"""The pair state as sorted runs (an LSM tree): a run adds one small run of its new pairs.

The committed pairs are a list of runs, oldest first: the base, then deltas. Each run is a list of
Parquet files in hash-bucket order, sorted by hash in small row groups, so a count looks up only the
row groups that can hold this run's hashes. A run writes its new pairs as one new run, merged with
the newest runs whose size is within TIER_RATIO of what it writes (size-tiered compaction): runs
grow geometrically with age, so they stay few (about log base TIER_RATIO of history / new pairs)
and each pair is rewritten a bounded number of times. Merging the base too is a full compaction.

A replaced article's older pairs are dropped by a tombstone: its id and the version of the run
that replaced it. The pair run that run writes keeps it (and so does any run it is merged into);
reads apply it to every pair, until a full compaction removes the dead pairs themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from tasks.handoffs import CleanedBatch, Plan
from tasks.repeats.buckets import repeat_buckets
from tasks.repeats.pairs import SEEN_RUN_STRIDE, id_as_int

# A committed run is merged into the one a run writes when it is at most this many times larger.
TIER_RATIO = 4
# Rows per Parquet row group of a pair file: a lookup reads one group per hash it looks for.
ROW_GROUP_PAIRS = 2048


@dataclass(frozen=True)
class PairRun:
    """One sorted run of (text, article) pairs: its files in hash-bucket order and their rows.

    `dropped` maps the hex ids of articles replaced by the runs merged into this one to the
    version that replaced them: their pairs seen before that version, in older runs, are dead.
    """

    files: list[str]
    pairs: int
    dropped: dict[str, int] = field(default_factory=dict)


def pair_runs(base: list[str], base_pairs: int, deltas: list[PairRun]) -> list[PairRun]:
    """The committed pair runs, oldest (the base, unless the output is new) first."""
    return ([PairRun(base, base_pairs)] if base else []) + deltas


@dataclass(frozen=True)
class Counting:
    """What a run's count tasks do: the committed runs they read, and how, and into how many hash buckets.

    The `runs` from `kept` on are read whole and merged with the new pairs into one new run of
    `buckets` files; the first `kept` runs are only looked up. `kept == 0` is a full compaction.
    """

    runs: list[PairRun]
    kept: int
    buckets: int


def counting_for_run(
    plan: Plan, cleaned: list[CleanedBatch], pairs_per_bucket: int, workers: int, full_refresh: bool
) -> Counting | None:
    """How a run counts repeats; None when no pair changed, so the committed counts stand."""
    new_pairs = sum(batch.n_pairs for batch in cleaned)
    if not (new_pairs or plan.replaced or full_refresh):
        return None
    runs = pair_runs(plan.text_files, plan.text_pairs, plan.text_deltas)
    return counting(runs, new_pairs, pairs_per_bucket, workers)


def counting(runs: list[PairRun], new_pairs: int, pairs_per_bucket: int, workers: int = 1) -> Counting:
    """The buckets and merges of a run adding `new_pairs` pairs to the committed `runs` (oldest first),
    counted by `workers` at once (`repeat_buckets`).

    The base is rewritten too (a full compaction) when its bucket count is more than twice off the
    one `pairs_per_bucket` and `workers` ask for now, so the memory knob keeps its meaning as the
    output grows.
    """
    total = sum(run.pairs for run in runs) + new_pairs
    wanted = repeat_buckets(total, pairs_per_bucket, workers)
    if not runs or not wanted / 2 <= len(runs[0].files) <= wanted * 2:
        return Counting(runs, 0, wanted)
    kept, merged = len(runs), new_pairs
    while kept and runs[kept - 1].pairs <= TIER_RATIO * merged:
        kept -= 1
        merged += runs[kept].pairs
    return Counting(runs, kept, repeat_buckets(merged, pairs_per_bucket, workers))


def dropped_by(runs: list[PairRun], replaced_ids: list[str], version: int) -> dict[str, int]:
    """The tombstones of the run merging `runs` and replacing `replaced_ids` at `version` (latest wins)."""
    dropped: dict[str, int] = {}
    for run in runs:
        dropped |= run.dropped
    return dropped | dict.fromkeys(replaced_ids, version)


def tombstones(dropped: dict[str, int]) -> pl.DataFrame:
    """Tombstones as integer article ids and the `seen` ordinal below which their pairs are dead."""
    frame = pl.DataFrame(
        {"article_id": list(dropped), "version": list(dropped.values())},
        schema={"article_id": pl.String, "version": pl.Int64},
    )
    return frame.select(id_as_int("article_id"), dead_before=pl.col("version") * SEEN_RUN_STRIDE)


def live(pairs: pl.DataFrame, dead: pl.DataFrame) -> pl.DataFrame:
    """The pairs no tombstone kills: an article's pairs seen before the run that replaced it are dead."""
    if not dead.height:
        return pairs
    found = pairs.join(dead, on="article_id", how="left", maintain_order="left")
    return found.filter(pl.col("dead_before").is_null() | (pl.col("seen") >= pl.col("dead_before"))).drop("dead_before")
