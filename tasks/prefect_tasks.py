"""Prefect tasks: one run per batch of files and stage, thin wrappers over the stage functions.

Each task reads its input from staging, calls the stage's functions, writes its output to staging
and returns a small frozen record (tasks/handoffs.py), so nothing large is pickled between
processes. Only transient I/O errors are retried; bad input never raises, it becomes quarantine rows.
This is the only module under tasks/ that imports Prefect.
"""

from __future__ import annotations

from dataclasses import replace

import polars as pl
from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import task_run as current_task_run

from schemas.internal import QUICK_KEYS, REPEATS
from tasks.clean.paragraphs import clean_paragraphs
from tasks.commit.manifest import Manifest, load_manifest, load_texts_state, write_pairs
from tasks.commit.protocol import RunOutput, commit, finish
from tasks.commit.skip_list import SkipListChange, StagedRows, skip_list_rows
from tasks.commit.staging import (
    RunInfo,
    read_covering,
    read_staged,
    read_staged_part,
    stage_frame,
    stage_parts,
    stage_sorted,
    stage_tables,
)
from tasks.enrich.articles import article_rows
from tasks.enrich.paragraphs import enrich_paragraphs
from tasks.handoffs import CleanedBatch, EnrichedBatch, Plan, RepeatBucket, RunSummary
from tasks.ingest.read import ingest_files
from tasks.ingest.versions import current_only, version_rows, versions_table
from tasks.plan.plan import make_plan
from tasks.repeats.buckets import bucket_repeats, hash_range, hash_slice
from tasks.repeats.pairs import first_seen, text_pairs
from tasks.repeats.runs import Counting, dropped_by, live, tombstones
from tasks.report.summary import run_summary, with_seconds
from tasks.settings import Enrichments, InputLimits, RepeatThresholds, Settings
from tasks.stats import Stats
from tasks.storage.store import Store, is_transient_error


def is_transient(task, task_run, state) -> bool:
    """Retry OS-level I/O failures (a flaky disk or network share), never bad data or bugs."""
    return is_transient_error(state.data)


RETRY_POLICY = {
    "retries": 3,
    "retry_delay_seconds": [1, 2, 4],
    "retry_condition_fn": is_transient,
    "cache_policy": NO_CACHE,
}
batch_task = task(**RETRY_POLICY)


def _task_stats() -> Stats:
    """A task's record, starting with how many times Prefect has retried it (counted in the summary)."""
    stats = Stats()
    stats.count("task_retries", current_task_run.run_count - 1)
    return stats


@task(name="plan", **RETRY_POLICY)
def plan_run(source: Store, output: Store, settings: Settings) -> Plan:
    """Recover the output, find the input files, skip the unchanged ones and batch the rest."""
    found = make_plan(
        source,
        output,
        settings.batch_files,
        settings.full_refresh,
        settings.max_file_bytes,
        settings.full_check,
        settings.workers,
    )
    for healed in found.healed:
        get_run_logger().warning("state: %s", healed)
    return replace(found, stats=Stats.merged([found.stats, _task_stats()]))


@batch_task
def clean_batch(
    source: Store, output: Store, run: RunInfo, batch_no: int, planned: str, limits: InputLimits, base_url: str
) -> CleanedBatch:
    """Read, parse and clean one batch of files; stage its rows, its versions and its (text, article)
    pairs. `planned` is the plan's staged PLANNED parts: the batch's files, and which are current."""
    stats = _task_stats()
    with stats.timed("ingest"):
        files = read_staged_part(output, planned, batch_no)
        read = ingest_files(source, files["source_file"].to_list(), limits)
        versions = version_rows(read, files)
        ingested = current_only(read, versions)
    with stats.timed("clean"):
        paragraphs = clean_paragraphs(ingested.paragraphs, base_url)
        pairs = text_pairs(paragraphs, first_seen(run.version, batch_no))
    stats.count("read_retries", ingested.read_retries)
    prefix = run.staged(f"batch-{batch_no:05d}")
    return CleanedBatch(
        batch_no=batch_no,
        paragraphs=stage_frame(output, f"{prefix}.cleaned.arrow", paragraphs),
        articles=stage_frame(output, f"{prefix}.articles.arrow", ingested.articles),
        quarantine=stage_frame(output, f"{prefix}.quarantine.arrow", ingested.quarantine),
        versions=stage_frame(output, f"{prefix}.versions.arrow", versions),
        pairs=stage_sorted(output, f"{prefix}.pairs.arrow", pairs, "content_hash"),
        n_pairs=pairs.height,
        n_paragraphs=paragraphs.height,
        stats=stats,
    )


@batch_task
def count_repeats(
    output: Store,
    run: RunInfo,
    bucket: int,
    work: Counting,
    pairs: list[str],
    replaced_ids: list[str],
) -> RepeatBucket:
    """Count, over this run and earlier ones, the distinct articles holding each text of one hash bucket.

    `pairs` are the staged pair files of the batches in batch order; of the committed pair runs
    (tasks/repeats/runs.py), the first `work.kept` are only looked up for this bucket's new hashes,
    the others are merged with the new pairs into the bucket's file of a new run. Stages that file,
    and the counts each batch needs as one part per batch.
    """
    stats = _task_stats()
    with stats.timed("repeats"):
        runs, kept = work.runs, work.kept
        low, high = hash_range(bucket, work.buckets)
        dead = tombstones(dropped_by(runs, replaced_ids, run.version))
        hashes = _new_hashes(output, pairs, low, high) if kept else None
        looked = live(load_texts_state(output, runs[:kept], low, high, hashes), dead)
        merged = live(load_texts_state(output, runs[kept:], low, high), dead)
        new = (hash_slice(read_covering(output, rel, low, high), low, high) for rel in pairs)
        texts, counts = bucket_repeats(pl.concat([looked, merged]), new, len(pairs))
        written = texts.join(looked, on=["content_hash", "article_id"], how="anti", maintain_order="left")
        state = run.staged(f"texts-{bucket:04d}.parquet")
        write_pairs(output, state, written)
        staged_counts = stage_parts(output, run.staged(f"repeats-{bucket:04d}.arrow"), counts)
    dropped = dropped_by(runs[kept:], replaced_ids, run.version) if kept else {}
    return RepeatBucket(staged_counts, state, written.height, stats, kept, dropped)


def _new_hashes(output: Store, pairs: list[str], low: int, high: int) -> pl.Series:
    """The distinct text hashes of this run's batches in [low, high), sorted: the keys to look up."""
    hashes = [
        hash_slice(read_covering(output, rel, low, high, ["content_hash"]), low, high)["content_hash"] for rel in pairs
    ]
    return pl.concat([pl.Series("content_hash", [], pl.UInt64), *hashes]).unique().sort()


@batch_task
def enrich_batch(
    output: Store,
    run: RunInfo,
    cleaned: CleanedBatch,
    repeats: list[RepeatBucket],
    thresholds: RepeatThresholds,
    enrichments: Enrichments,
) -> EnrichedBatch:
    """Enrich one batch and stage its final paragraphs, articles and quarantine files."""
    stats = _task_stats()
    batch_no = cleaned.batch_no
    with stats.timed("enrich"):
        counts = pl.concat(
            [pl.DataFrame(schema=REPEATS)] + [read_staged_part(output, bucket.counts, batch_no) for bucket in repeats]
        )
        paragraphs = enrich_paragraphs(read_staged(output, cleaned.paragraphs), counts, thresholds, enrichments)
        articles = article_rows(paragraphs, read_staged(output, cleaned.articles))
        quarantine = read_staged(output, cleaned.quarantine)
        versions = read_staged(output, cleaned.versions)
        tables = {
            "paragraphs": paragraphs,
            "articles": articles,
            "quarantine": quarantine,
            "article_versions": versions_table(versions, run.run_id),
        }
        written = stage_tables(output, run, batch_no, tables)
        files = skip_list_rows(versions, quarantine, run.part(batch_no))
    return EnrichedBatch(
        batch_no=batch_no,
        written=written,
        files=stage_frame(output, run.staged(f"batch-{batch_no:05d}.files.arrow"), files),
        n_articles=articles.height,
        n_older=versions.height - articles.height,
        n_paragraphs=paragraphs.height,
        n_quarantined=quarantine.height,
        quarantine_kinds=dict(quarantine["error_kind"].value_counts().rows()),
        stats=Stats.merged([cleaned.stats, stats]),
    )


@batch_task
def commit_run(
    output: Store, plan: Plan, repeats: list[RepeatBucket], results: list[EnrichedBatch], full_refresh: bool
) -> RunSummary:
    """Publish every staged batch in one manifest commit and return the run summary.

    A retry that finds the run's own manifest only finishes publishing it: the commit happened.
    """
    stats = _task_stats()
    with stats.timed("commit"):
        previous = load_manifest(output)
        if previous and previous.run_id == plan.run.run_id:
            finish(output, previous)
            retries = previous.summary.task_retries + stats.counts["task_retries"]
            summary = replace(previous.summary, task_retries=retries)
        else:
            summary = _commit_new(output, plan, previous, repeats, results, full_refresh, stats)
    return with_seconds(summary, "commit", stats.seconds["commit"])


def _commit_new(
    output: Store,
    plan: Plan,
    previous: Manifest | None,
    repeats: list[RepeatBucket],
    results: list[EnrichedBatch],
    full_refresh: bool,
    stats: Stats,
) -> RunSummary:
    """Write the run's state and manifest over the previous one; return the summary it holds."""
    rows = StagedRows(output, [r.files for r in results], [r.batch_no for r in results], plan.quick_keys)
    known = read_staged_part(output, plan.quick_keys, len(plan.batches)) if plan.quick_keys else None
    refreshed = pl.DataFrame(schema=QUICK_KEYS) if known is None else known
    full = full_refresh or previous is None
    change = SkipListChange(rows, rows.count(), plan.replaced, refreshed, plan.superseded, full)
    summary = run_summary(plan, results, repeats, Stats(counts=stats.counts))
    staged = {r.batch_no: r.written for r in results}
    out = RunOutput(staged, change, repeats or None, set(plan.replaced) | set(plan.superseded), summary)
    commit(output, plan.run, previous, out, full_refresh)
    return summary
