"""The newsflow flow: wires the batch tasks of each stage and reports; no business logic here.

No `from __future__ import annotations` here: served runs validate the `settings` parameter in a
fresh process, which needs the real Settings class in the signature, not its name.
"""

import time
from datetime import UTC, datetime

from prefect import flow, get_run_logger
from prefect.runtime import flow_run

from flows import ui
from flows.shared_api import workers_share_api
from tasks.commit.lock import output_lock
from tasks.plan.input_root import check_input_root
from tasks.prefect_tasks import clean_batch, commit_run, count_repeats, enrich_batch, plan_run
from tasks.repeats.buckets import buckets_for_run
from tasks.report.summary import with_total
from tasks.settings import Settings
from tasks.storage.store import Store


def _initial_name() -> str:
    """The run's name until planning has counted its files."""
    return ui.run_name(datetime.now(UTC), Settings.model_validate(flow_run.parameters["settings"]))


def _part(task, stage: str, i: int, total: int, unit: str = "batch"):
    """The task named for its part of the work. No tags: each tagged task run asks the API for tag
    concurrency limits, which cost a retry of up to 2 s whenever the ephemeral server is busy."""
    return task.with_options(task_run_name=f"{stage} {unit} {i + 1}/{total}")


@flow(name="newsflow", flow_run_name=_initial_name, validate_parameters=True)
def newsflow(settings: Settings) -> dict:
    """Ingest, clean, enrich and commit every article file under `settings.input`."""
    logger = get_run_logger()
    started = time.perf_counter()
    source, output = Store(settings.input), Store(settings.output)
    check_input_root(source)
    with output_lock(output, run_id=str(flow_run.id)), workers_share_api():
        plan = plan_run(source, output, settings.batch_files, settings.full_refresh, settings.max_file_bytes)
        run, batches = plan.run, plan.batches
        total = len(batches)
        ui.describe_run(ui.run_name(run.started_at, settings, plan.found), ui.run_tags(settings))
        progress = ui.RunProgress(batches)
        cleaned = progress.collect(
            "clean",
            [
                _part(clean_batch, "clean", i, total).submit(
                    source, output, run, i, paths, settings.limits, settings.base_url
                )
                for i, paths in enumerate(batches)
            ],
        )
        buckets = buckets_for_run(plan, cleaned, settings.pairs_per_bucket, settings.full_refresh)
        pairs = [batch.pairs for batch in cleaned]
        counting = [
            _part(count_repeats, "count repeats", k, buckets, "bucket").submit(
                output, run, k, buckets, pairs, plan.text_files, plan.replaced_ids
            )
            for k in range(buckets)
        ]
        repeats = progress.collect("count repeats", counting)
        enriched = [
            _part(enrich_batch, "enrich", i, total).submit(
                output, run, batch, repeats, settings.thresholds, settings.enrichments
            )
            for i, batch in enumerate(cleaned)
        ]
        committed = commit_run(output, plan, repeats, progress.collect("enrich", enriched), settings.full_refresh)
        summary = with_total(committed, time.perf_counter() - started)
        ui.publish_summary(summary)
        warnings = ui.publish_quality(output)
    ui.describe_run(ui.run_name(run.started_at, settings, summary=summary), ui.run_tags(settings, summary, warnings))
    logger.info(
        "found %(files_found)d files: %(files_written)d written, %(files_skipped)d skipped, "
        "%(files_quarantined)d quarantined; %(paragraphs)d paragraphs",
        summary.to_dict(),
    )
    return summary.to_dict()
