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

from tasks import clean, enrich, ingest, report, write
from tasks.settings import Settings
from tasks.storage import Store, is_transient_error


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
    """Recover the output, find the input files and split them into batches."""
    started = time.perf_counter()
    output = Store(settings.output)
    manifest = write.recover(output)
    if not settings.full_refresh:
        write.check_schema(manifest)
    files = ingest.discover(Store(settings.input))
    known_frame = write.load_files_state(output, None if settings.full_refresh else manifest)
    known = dict(zip(known_frame["source_file"], known_frame["content_sha256"]))
    now = datetime.now(UTC).replace(microsecond=0)
    run = write.RunInfo(
        run_id=f"{now:%Y%m%dT%H%M%S}-{uuid4().hex[:6]}",
        started_at=now,
        version=(manifest or {}).get("version", 0) + 1,
    )
    size = settings.batch_files
    batches = [files[i : i + size] for i in range(0, len(files), size)]
    return {
        "run": run,
        "batches": [(paths, {p: known[p] for p in paths if p in known}) for paths in batches],
        "found": len(files),
        "task_retries": _retries(),
        "seconds": time.perf_counter() - started,
    }


@batch_task
def ingest_batch(
    settings: Settings, run: write.RunInfo, batch_no: int, paths: list[str], known: dict[str, str]
) -> dict:
    """Read and parse one batch of files."""
    started = time.perf_counter()
    result = ingest.ingest_files(Store(settings.input), paths, known, settings)
    output = Store(settings.output)
    prefix = f"{run.staging}/batch-{batch_no:05d}"
    return {
        "batch_no": batch_no,
        "paragraphs": write.stage_frame(output, f"{prefix}.ingested.arrow", result.paragraphs),
        "articles": write.stage_frame(output, f"{prefix}.articles.arrow", result.articles),
        "quarantine": result.quarantine,
        "skipped": result.skipped,
        "read_retries": result.read_retries,
        "task_retries": _retries(),
        "replaced": [
            p
            for p in result.articles["source_file"].to_list() + [q["source_file"] for q in result.quarantine]
            if p in known
        ],
        "seconds": {"ingest": time.perf_counter() - started},
    }


@batch_task
def clean_batch(settings: Settings, run: write.RunInfo, ingested: dict) -> dict:
    """Clean the HTML of one batch's paragraphs."""
    started = time.perf_counter()
    output = Store(settings.output)
    paragraphs = write.read_staged(output, ingested["paragraphs"])
    cleaned = clean.clean_paragraphs(paragraphs, settings.base_url)
    path = write.stage_frame(output, ingested["paragraphs"].replace(".ingested.", ".cleaned."), cleaned)
    return {
        **ingested,
        "paragraphs": path,
        "task_retries": ingested["task_retries"] + _retries(),
        "seconds": {**ingested["seconds"], "clean": time.perf_counter() - started},
    }


@batch_task
def count_repeats(settings: Settings, run: write.RunInfo, cleaned: list[dict], replaced: list[str]) -> dict:
    """Count, over this run and earlier ones, the distinct articles holding each paragraph text."""
    started = time.perf_counter()
    output = Store(settings.output)
    manifest = None if settings.full_refresh else write.load_manifest(output)
    batches = {}
    for batch in cleaned:
        frame = write.read_staged(output, batch["paragraphs"], ["content_hash", "article_id"])
        batches[batch["batch_no"]] = enrich.text_pairs(
            frame, run.version * enrich.SEEN_RUN_STRIDE + batch["batch_no"] * (1 << 24)
        )
    if not replaced and not any(pairs.height for pairs in batches.values()) and manifest:
        return {"repeats": {}, "texts": None, "task_retries": _retries(), "seconds": time.perf_counter() - started}
    old_files = write.load_files_state(output, manifest)
    replaced_ids = old_files.filter(pl.col("source_file").is_in(replaced)).select(enrich.id_as_int("article_id"))[
        "article_id"
    ]
    old = write.load_texts_state(output, manifest).filter(~pl.col("article_id").is_in(replaced_ids.implode()))
    texts = pl.concat([old, *batches.values()]).unique(["content_hash", "article_id"], keep="first")
    counts = enrich.repeat_counts(texts.lazy())
    prefix = f"{run.staging}/batch-"
    return {
        # each enrich batch reads only the counts of its own texts, not the whole corpus's
        "repeats": {
            n: write.stage_frame(
                output,
                f"{prefix}{n:05d}.repeats.arrow",
                enrich.repeats_of(pairs, counts),
            )
            for n, pairs in batches.items()
        },
        "texts": write.stage_frame(output, f"{run.staging}/texts.arrow", texts),
        "task_retries": _retries(),
        "seconds": time.perf_counter() - started,
    }


@batch_task
def enrich_batch(settings: Settings, run: write.RunInfo, cleaned: dict, repeats: dict) -> dict:
    """Enrich one batch and stage its final paragraphs, articles and quarantine files."""
    started = time.perf_counter()
    output = Store(settings.output)
    counts_path = repeats["repeats"].get(cleaned["batch_no"])
    counts = write.read_staged(output, counts_path) if counts_path else pl.DataFrame(schema=enrich.REPEATS_SCHEMA)
    paragraphs = enrich.enrich_paragraphs(write.read_staged(output, cleaned["paragraphs"]), counts, settings)
    articles = enrich.article_rows(paragraphs, write.read_staged(output, cleaned["articles"]))
    quarantine = pl.DataFrame(cleaned["quarantine"], schema=write.QUARANTINE_ROW_SCHEMA)
    batch_no = cleaned["batch_no"]
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
        "skipped": cleaned["skipped"],
        "read_retries": cleaned["read_retries"],
        "task_retries": cleaned["task_retries"] + _retries(),
        "quarantine_kinds": quarantine["error_kind"].value_counts().rows(),
        "seconds": {**cleaned["seconds"], "enrich": time.perf_counter() - started},
    }


@batch_task
def commit_run(settings: Settings, plan: dict, repeats: dict, results: list[dict], replaced: list[str]) -> dict:
    """Publish every staged batch in one manifest commit and return the run summary."""
    started = time.perf_counter()
    output = Store(settings.output)
    run = plan["run"]
    previous = write.load_manifest(output)
    old_files = write.load_files_state(output, None if settings.full_refresh else previous)
    new_files = [write.read_staged(output, r["files"]) for r in results]
    files_state = None  # nothing new: the committed skip list stays as it is
    if not previous or settings.full_refresh or replaced or any(f.height for f in new_files):
        kept = old_files.filter(~pl.col("source_file").is_in(replaced))
        files_state = pl.concat([kept, *new_files], how="vertical_relaxed")
    summary = report.run_summary(plan, results, repeats, replaced)
    summary["task_retries"] += _retries()
    manifest = write.commit(
        output,
        run,
        previous,
        {r["batch_no"]: r["written"] for r in results},
        files_state,
        write.read_staged(output, repeats["texts"]) if repeats["texts"] else None,
        set(replaced),
        summary,
        full_refresh=settings.full_refresh,
    )
    summary["seconds"]["commit"] = round(time.perf_counter() - started, 3)
    return {**summary, "version": manifest["version"]}
