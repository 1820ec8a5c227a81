"""Plan a run: recover the output, find the input files, skip the unchanged ones, batch the rest."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import accumulate
from uuid import uuid4

import polars as pl

from schemas.internal import QUICK_KEYS
from tasks.commit.manifest import check_schema, load_files_state, state_of
from tasks.commit.protocol import recover
from tasks.commit.rebuild import heal_state
from tasks.commit.staging import RunInfo, stage_parts
from tasks.handoffs import Batch, Plan
from tasks.ingest.discover import article_ids, discover_with_keys
from tasks.plan.unchanged import unchanged_files
from tasks.plan.versions import choose_versions
from tasks.stats import Stats
from tasks.storage.store import Store


def new_run(version: int) -> RunInfo:
    """A run id that sorts by start time and cannot collide: '20261127T060000-3f9a1c'."""
    now = datetime.now(UTC).replace(microsecond=0)
    return RunInfo(run_id=f"{now:%Y%m%dT%H%M%S}-{uuid4().hex[:6]}", started_at=now, version=version)


def make_plan(
    source: Store,
    output: Store,
    batch_files: int,
    full_refresh: bool,
    max_file_bytes: int,
    full_check: bool,
    workers: int = 1,
) -> Plan:
    """The run's batches of new and changed files, after finishing or erasing any interrupted run,
    for `workers` to share (see `batch_sizes`)."""
    stats = Stats()
    with stats.timed("plan"):
        manifest = recover(output)
        if not full_refresh:
            check_schema(manifest)
        healed = heal_state(output, manifest) if manifest and not full_refresh else []
        previous = None if full_refresh else manifest
        run = new_run((manifest.version if manifest else 0) + 1)
        listing = discover_with_keys(source)
        state = load_files_state(output, previous)
        known = state.join(listing.select("source_file"), on="source_file", how="semi")
        unchanged = unchanged_files(source, known, listing, max_file_bytes, full_check)
        todo = listing.join(unchanged.files, on="source_file", how="anti", maintain_order="left")
        replaced = todo.join(known, on="source_file", how="semi")
        versions = choose_versions(_todo_frame(todo), state)
        # a current version read again (its content changed) is retired, like a superseded one
        reread = replaced.join(known.filter("is_current"), on="source_file", how="semi")
        retired = versions.superseded + reread["source_file"].to_list()
        batches = _batches(todo["source_file"], batch_sizes(todo.height, batch_files, workers))
    stats.count("read_retries", unchanged.read_retries)
    stats.count("state_rebuilt", len(healed))
    return Plan(
        run=run,
        batches=batches,
        found=listing.height,
        skipped=unchanged.files.height,
        replaced=replaced["source_file"].to_list(),
        superseded=versions.superseded,
        replaced_ids=state.filter(pl.col("source_file").is_in(retired))["article_id"].to_list(),
        text_files=state_of(previous).texts,
        text_pairs=state_of(previous).text_pairs,
        planned=stage_planned(output, run, versions.planned, batches),
        text_deltas=state_of(previous).text_deltas,
        quick_keys=stage_quick_keys(output, run, todo.select(QUICK_KEYS.names()), batches, unchanged.refreshed),
        stats=stats,
        healed=healed,
    )


def _todo_frame(todo: pl.DataFrame) -> pl.DataFrame:
    """The files to read (LISTING rows), with the article id their name carries."""
    return todo.select("source_file", article_ids(todo["source_file"]), "file_modified_at")


def batch_sizes(files: int, batch_files: int, workers: int) -> list[int]:
    """Sizes of the batches `files` files make: at most `batch_files` each, as equal as can be, and as
    many as a multiple of `workers` (never more than one per file).

    Batches run `workers` at a time, so with 7 batches on 2 workers the seventh ran alone and one
    core idled through it, in each stage: 13,753 files at 2,000 a batch took 4 rounds of full batches
    where 8 batches of 1,720 take 4 rounds of smaller ones.
    """
    needed = -(-files // batch_files)
    count = min(files, -(-needed // workers) * workers)
    size, extra = divmod(files, count) if count else (0, 0)
    return [size + 1] * extra + [size] * (count - extra)


def _batches(paths: pl.Series, sizes: list[int]) -> list[Batch]:
    """The batches of these paths, of these sizes in order, as their sizes and first and last files."""
    ends = list(accumulate(sizes))
    return [Batch(size, paths[end - size], paths[end - 1]) for end, size in zip(ends, sizes)]


def stage_planned(output: Store, run: RunInfo, planned: pl.DataFrame, batches: list[Batch]) -> str | None:
    """The planned files (PLANNED rows) staged one part per batch, so each batch reads only its own."""
    if not batches:
        return None
    return stage_parts(output, run.staged("planned.arrow"), _batch_parts(planned, batches))


def stage_quick_keys(
    output: Store, run: RunInfo, keys: pl.DataFrame, batches: list[Batch], refreshed: pl.DataFrame
) -> str | None:
    """The quick keys (QUICK_KEYS rows) the commit records in the skip list, staged one part per batch
    (`keys` of the files to read, in batch order), then `refreshed`, of known files: the commit joins
    each batch's rows with its own part. None when there are none."""
    if not batches and not refreshed.height:
        return None
    return stage_parts(output, run.staged("quick-keys.arrow"), [*_batch_parts(keys, batches), refreshed])


def _batch_parts(rows: pl.DataFrame, batches: list[Batch]) -> list[pl.DataFrame]:
    """`rows` (one per file, in batch order) cut into one frame per batch."""
    offsets = [0]
    for batch in batches:
        offsets.append(offsets[-1] + batch.files)
    return [rows.slice(start, end - start) for start, end in zip(offsets, offsets[1:])]
