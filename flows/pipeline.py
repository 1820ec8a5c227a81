"""The newsflow flow: wires the batch tasks of each stage and reports; no business logic here."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from prefect import flow, get_run_logger
from prefect.artifacts import create_table_artifact
from prefect.futures import wait
from prefect.runtime import flow_run

from tasks.batch_tasks import clean_batch, commit_run, count_repeats, enrich_batch, ingest_batch, plan_run
from tasks.lock import output_lock
from tasks.settings import Settings
from tasks.storage import Store

SUMMARY_ARTIFACT = "newsflow-run-summary"


def _run_name() -> str:
    """'2026-11-27 06:00 data/' in the UI's list of runs."""
    settings = Settings.model_validate(flow_run.parameters["settings"])
    return f"{datetime.now(UTC):%Y-%m-%d %H:%M} {settings.input}"


@flow(name="newsflow", flow_run_name=_run_name, validate_parameters=True)
def newsflow(settings: Settings) -> dict:
    """Ingest, clean, enrich and commit every article file under `settings.input`."""
    logger = get_run_logger()
    started = time.perf_counter()
    with output_lock(Store(settings.output), run_id="pending"):
        plan = plan_run(settings)
        run, total = plan["run"], len(plan["batches"])
        ingested = [
            ingest_batch.with_options(task_run_name=f"ingest batch {i + 1}/{total}").submit(
                settings, run, i, paths, known
            )
            for i, (paths, known) in enumerate(plan["batches"])
        ]
        cleaned = [
            clean_batch.with_options(task_run_name=f"clean batch {i + 1}/{total}").submit(settings, run, future)
            for i, future in enumerate(ingested)
        ]
        cleaned_results = [future.result() for future in cleaned]
        replaced = sorted(p for r in cleaned_results for p in r["replaced"])
        repeats = count_repeats(settings, run, cleaned_results, replaced)
        enriched = [
            enrich_batch.with_options(task_run_name=f"enrich batch {i + 1}/{total}").submit(
                settings, run, batch, repeats
            )
            for i, batch in enumerate(cleaned_results)
        ]
        wait(enriched)
        summary = commit_run(settings, plan, repeats, [f.result() for f in enriched], replaced)
    summary["seconds"]["total"] = round(time.perf_counter() - started, 3)
    summary["paragraphs_per_second"] = round(summary["paragraphs"] / max(summary["seconds"]["total"], 1e-9))
    create_table_artifact(
        key=SUMMARY_ARTIFACT,
        table=[{"metric": k, "value": str(v)} for k, v in summary.items()],
        description=f"newsflow run {summary['run_id']}",
    )
    logger.info(
        "found %(files_found)d files: %(files_written)d written, %(files_skipped)d skipped, "
        "%(files_quarantined)d quarantined; %(paragraphs)d paragraphs",
        summary,
    )
    return summary
