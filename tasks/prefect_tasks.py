"""Prefect tasks: one run per batch of files and stage, thin wrappers over the pure stage functions.

Each task reads its input from staging, calls the stage's functions, writes its output to staging
and returns a small dict (paths and counts), so nothing large is pickled between processes.
Only transient I/O errors are retried; bad input never raises, it becomes quarantine rows.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from uuid import uuid4

import polars as pl
from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import task_run as current_task_run

from tasks.clean import paragraphs as clean
from tasks.commit import protocol as write
from tasks.enrich import paragraphs as enrich
from tasks.ingest import files as ingest
from tasks.report import summary as report
from tasks.settings import Settings
from tasks.storage.store import Store, is_transient_error


def is_transient(task, task_run, state) -> bool:
    """Retry OS-level I/O failures (a flaky disk or network share), never bad data or bugs."""
    return is_transient_error(state.data)


def _retries() -> int:
    """How many times Prefect has retried the running task (counted in the run summary)."""
    return current_task_run.run_count - 1


RETRY_POLICY = {
    "retries": 3,
    "retry_delay_seconds": [1, 2, 4],
    "retry_condition_fn": is_transient,
    "cache_policy": NO_CACHE,
}
batch_task = task(**RETRY_POLICY)


@task(name="plan", **RETRY_POLICY)
def plan_run(settings: Settings) -> dict:
    """Recover the output, find the input files, skip the unchanged ones and batch the rest."""
    started = time.perf_counter()
    output, source = Store(settings.output), Store(settings.input)
    manifest = write.recover(output)
    if not settings.full_refresh:
        write.check_schema(manifest)
    previous = None if settings.full_refresh else manifest
    files = ingest.discover(source)
    state = write.load_files_state(output, previous)
    written = dict(zip(state["source_file"], state["content_sha256"]))
    known = {p: written[p] for p in files if p in written}
    unchanged, read_retries = ingest.unchanged_files(source, known, settings)
    todo = [p for p in files if p not in unchanged]
    replaced = [p for p in todo if p in known]
    now = datetime.now(UTC).replace(microsecond=0)
    run = write.RunInfo(
        run_id=f"{now:%Y%m%dT%H%M%S}-{uuid4().hex[:6]}",
        started_at=now,
        version=(manifest or {}).get("version", 0) + 1,
    )
    size = settings.batch_files
    return {
        "run": run,
        "batches": [todo[i : i + size] for i in range(0, len(todo), size)],
        "found": len(files),
        "skipped": len(unchanged),
        "replaced": replaced,
        "replaced_ids": state.filter(pl.col("source_file").is_in(replaced))["article_id"].drop_nulls().to_list(),
        "text_files": write.texts_state_files(previous),
        "text_pairs": (previous or {}).get("state", {}).get("text_pairs", 0),
        "read_retries": read_retries,
        "task_retries": _retries(),
        "seconds": time.perf_counter() - started,
    }


@batch_task
def clean_batch(settings: Settings, run: write.RunInfo, batch_no: int, paths: list[str]) -> dict:
    """Read, parse and clean one batch of files; stage its rows and its (text, article) pairs."""
    started = time.perf_counter()
    result = ingest.ingest_files(Store(settings.input), paths, settings)
    ingested = time.perf_counter()
    paragraphs = clean.clean_paragraphs(result.paragraphs, settings.base_url)
    pairs = enrich.text_pairs(paragraphs, run.version * enrich.SEEN_RUN_STRIDE + batch_no * (1 << 24))
    output = Store(settings.output)
    prefix = f"{run.staging}/batch-{batch_no:05d}"
    return {
        "batch_no": batch_no,
        "paragraphs": write.stage_frame(output, f"{prefix}.cleaned.arrow", paragraphs),
        "articles": write.stage_frame(output, f"{prefix}.articles.arrow", result.articles),
        "pairs": write.stage_frame(output, f"{prefix}.pairs.arrow", pairs),
        "n_pairs": pairs.height,
        "n_paragraphs": paragraphs.height,
        "quarantine": result.quarantine,
        "read_retries": result.read_retries,
        "task_retries": _retries(),
        "seconds": {"ingest": ingested - started, "clean": time.perf_counter() - ingested},
    }


def repeat_buckets(settings: Settings, plan: dict, cleaned: list[dict]) -> int:
    """Hash buckets to count repeats in; 0 when no pair changed, so the committed counts stand."""
    new_pairs = sum(batch["n_pairs"] for batch in cleaned)
    if not (new_pairs or plan["replaced"] or settings.full_refresh):
        return 0
    return enrich.repeat_buckets(plan["text_pairs"] + new_pairs, settings.pairs_per_bucket)


@batch_task
def count_repeats(
    settings: Settings,
    run: write.RunInfo,
    bucket: int,
    buckets: int,
    pairs: list[str],
    text_files: list[str],
    replaced_ids: list[str],
) -> dict:
    """Count, over this run and earlier ones, the distinct articles holding each text of one hash bucket.

    `pairs` are the staged pair files of the batches in batch order, `text_files` the committed
    pair state the plan found. Stages the bucket's new pair state, and the counts each batch needs
    as one part per batch.
    """
    started = time.perf_counter()
    output = Store(settings.output)
    low, high = enrich.hash_range(bucket, buckets)
    replaced = pl.DataFrame({"article_id": replaced_ids}, schema={"article_id": pl.String})
    dropped = replaced.select(enrich.id_as_int("article_id")).to_series().implode()
    old = write.load_texts_state(output, text_files, low, high).filter(~pl.col("article_id").is_in(dropped))
    new = (enrich.hash_slice(write.read_staged(output, rel), low, high) for rel in pairs)
    texts, counts = enrich.bucket_repeats(old, new, len(pairs))
    state = f"{run.staging}/texts-{bucket:04d}.parquet"
    output.write_parquet(state, texts.to_arrow())
    return {
        "counts": write.stage_parts(output, f"{run.staging}/repeats-{bucket:04d}.arrow", counts),
        "state": {"path": state, "pairs": texts.height},
        "task_retries": _retries(),
        "seconds": time.perf_counter() - started,
    }


@batch_task
def enrich_batch(settings: Settings, run: write.RunInfo, cleaned: dict, repeats: list[dict]) -> dict:
    """Enrich one batch and stage its final paragraphs, articles and quarantine files."""
    started = time.perf_counter()
    output = Store(settings.output)
    batch_no = cleaned["batch_no"]
    counts = pl.concat(
        [pl.DataFrame(schema=enrich.REPEATS_SCHEMA)]
        + [write.read_staged_part(output, bucket["counts"], batch_no) for bucket in repeats]
    )
    paragraphs = enrich.enrich_paragraphs(write.read_staged(output, cleaned["paragraphs"]), counts, settings)
    articles = enrich.article_rows(paragraphs, write.read_staged(output, cleaned["articles"]))
    quarantine = pl.DataFrame(cleaned["quarantine"], schema=write.QUARANTINE_ROW_SCHEMA)
    written = write.stage_tables(
        output, run, batch_no, {"paragraphs": paragraphs, "articles": articles, "quarantine": quarantine}
    )
    part = run.part(batch_no)
    files = pl.concat(
        [
            articles.select("source_file", "content_sha256", "article_id"),
            quarantine.select("source_file", "content_sha256", article_id=pl.lit(None, pl.String)),
        ]
    ).with_columns(part=pl.lit(part))
    return {
        "batch_no": batch_no,
        "written": written,
        "files": write.stage_frame(output, f"{run.staging}/batch-{batch_no:05d}.files.arrow", files),
        "n_articles": articles.height,
        "n_paragraphs": paragraphs.height,
        "n_quarantined": quarantine.height,
        "read_retries": cleaned["read_retries"],
        "task_retries": cleaned["task_retries"] + _retries(),
        "quarantine_kinds": quarantine["error_kind"].value_counts().rows(),
        "seconds": {**cleaned["seconds"], "enrich": time.perf_counter() - started},
    }


@batch_task
def commit_run(settings: Settings, plan: dict, repeats: list[dict], results: list[dict]) -> dict:
    """Publish every staged batch in one manifest commit and return the run summary."""
    started = time.perf_counter()
    output = Store(settings.output)
    run, replaced = plan["run"], plan["replaced"]
    previous = write.load_manifest(output)
    new_files = [write.read_staged(output, r["files"]) for r in results]
    files_state = None  # nothing new: the committed skip list stays as it is
    if not previous or settings.full_refresh or replaced or any(f.height for f in new_files):
        old_files = write.load_files_state(output, None if settings.full_refresh else previous)
        kept = old_files.filter(~pl.col("source_file").is_in(replaced))
        files_state = pl.concat([kept, *new_files], how="vertical_relaxed")
    summary = report.run_summary(plan, results, repeats)
    summary["task_retries"] += _retries()
    manifest = write.commit(
        output,
        run,
        previous,
        {r["batch_no"]: r["written"] for r in results},
        files_state,
        [bucket["state"] for bucket in repeats] if repeats else None,
        set(replaced),
        summary,
        full_refresh=settings.full_refresh,
    )
    summary["seconds"]["commit"] = round(time.perf_counter() - started, 3)
    return {**summary, "version": manifest["version"]}
