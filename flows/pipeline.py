"""The newsflow flow: wires the batch tasks of each stage and reports; no business logic here.

No `from __future__ import annotations` here: served runs validate the `settings` parameter in a
fresh process, which needs the real Settings class in the signature, not its name.

The flow has no `task_runner` of its own: it opens the one its settings ask for (flows/runners.py)
after planning, so every way of starting it (CLI, serve, a worker, a UI custom run) is bounded alike.
"""

import time
from datetime import UTC, datetime

from prefect import flow, get_run_logger
from prefect.futures import PrefectFuture
from prefect.runtime import flow_run
from prefect.task_runners import TaskRunner

from flows import ui
from flows.runners import runner_kind, task_runner
from flows.shared_api import workers_share_api
from tasks.commit.lock import output_lock
from tasks.handoffs import EnrichedBatch, Plan, RepeatBucket
from tasks.plan.input_root import check_input_root
from tasks.prefect_tasks import clean_batch, commit_run, count_repeats, enrich_batch, plan_run
from tasks.repeats.runs import counting_for_run
from tasks.report.summary import with_total
from tasks.settings import Settings
from tasks.storage.store import Store


def _initial_name() -> str:
    """The run's name until planning has counted its files."""
    return ui.run_name(datetime.now(UTC), Settings.model_validate(flow_run.parameters["settings"]))


def _submit(runner: TaskRunner, task, name: str, **parameters) -> PrefectFuture:
    """Submit one task run, named for its part of the work. No tags: each tagged task run asks the
    API for tag concurrency limits, which cost a retry of up to 2 s whenever the ephemeral server is busy."""
    return runner.submit(task.with_options(task_run_name=name), parameters)


def _batches(
    runner: TaskRunner, settings: Settings, plan: Plan, source: Store, output: Store
) -> tuple[list[RepeatBucket], list[EnrichedBatch]]:
    """Clean every batch, count repeats by hash bucket, then enrich every batch, on `runner`."""
    run, total = plan.run, len(plan.batches)
    progress = ui.RunProgress(plan.batches)
    cleaning = [
        _submit(
            runner, clean_batch, f"clean batch {i + 1}/{total}",
            source=source, output=output, run=run, batch_no=i, planned=plan.planned,
            limits=settings.limits, base_url=settings.base_url,
        )
        for i in range(total)
    ]  # fmt: skip
    cleaned = progress.collect("clean", cleaning)
    work = counting_for_run(plan, cleaned, settings.pairs_per_bucket, settings.workers, settings.full_refresh)
    buckets = work.buckets if work else 0
    pairs = [batch.pairs for batch in cleaned]
    counting = [
        _submit(
            runner, count_repeats, f"count repeats bucket {k + 1}/{buckets}",
            output=output, run=run, bucket=k, work=work, pairs=pairs, replaced_ids=plan.replaced_ids,
        )
        for k in range(buckets)
    ]  # fmt: skip
    repeats = progress.collect("count repeats", counting)
    enriching = [
        _submit(
            runner, enrich_batch, f"enrich batch {i + 1}/{total}",
            output=output, run=run, cleaned=batch, repeats=repeats,
            thresholds=settings.thresholds, enrichments=settings.enrichments,
        )
        for i, batch in enumerate(cleaned)
    ]  # fmt: skip
    return repeats, progress.collect("enrich", enriching)


@flow(name="newsflow", flow_run_name=_initial_name, validate_parameters=True)
def newsflow(settings: Settings) -> dict:
    """Ingest, clean, enrich and commit every article file under `settings.input`."""
    logger = get_run_logger()
    started = time.perf_counter()
    source, output = Store(settings.input), Store(settings.output)
    check_input_root(source)
    with output_lock(output, run_id=str(flow_run.id)), workers_share_api():
        plan = plan_run(source, output, settings)
        kind = runner_kind(settings, sum(batch.files for batch in plan.batches))
        ui.describe_run(ui.run_name(plan.run.started_at, settings, plan.found), ui.run_tags(settings, kind))
        with task_runner(kind, settings) as runner:
            repeats, enriched = _batches(runner, settings, plan, source, output)
        committed = commit_run(output, plan, repeats, enriched, settings.full_refresh)
        summary = with_total(committed, time.perf_counter() - started)
        ui.publish_summary(summary)
        warnings = ui.publish_quality(output)
    name = ui.run_name(plan.run.started_at, settings, summary=summary)
    ui.describe_run(name, ui.run_tags(settings, kind, summary, warnings))
    logger.info(
        "found %(files_found)d files: %(files_written)d written, %(files_skipped)d skipped, "
        "%(files_quarantined)d quarantined; %(paragraphs)d paragraphs",
        summary.to_dict(),
    )
    return summary.to_dict()
