"""What a person watching a run sees: its name and tags, its progress, and its artifacts in the UI.

Artifacts carry stable keys, so the UI's Artifacts page keeps each one's history across runs.
Progress also goes to an optional observer (the terminal's progress bar) set by `observing`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from typing import Any, NoReturn, Protocol

from prefect import get_run_logger, task
from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.client.orchestration import get_client
from prefect.events import emit_event
from prefect.futures import PrefectFuture, as_completed
from prefect.runtime import flow_run

from tasks.handoffs import Batch, RunSummary
from tasks.prefect_tasks import RETRY_POLICY
from tasks.report import quality
from tasks.settings import Settings
from tasks.storage.store import Store

SUMMARY_ARTIFACT = "newsflow-run-summary"
QUALITY_ARTIFACT = "newsflow-quality-report"
PROGRESS_ARTIFACT = "newsflow-progress"
QUALITY_DRIFT_EVENT = "newsflow.quality.drift"


class Observer(Protocol):
    """Receives a run's progress as batches finish (the CLI's progress bar is one)."""

    def planned(self, files: int, batches: int) -> None: ...

    def batch_done(self, stage: str, files: int, paragraphs: int) -> None: ...


_observer: ContextVar[Observer | None] = ContextVar("newsflow_observer", default=None)


@contextmanager
def observing(observer: Observer) -> Iterator[None]:
    """Send the progress of flow runs started in this context to `observer`."""
    token = _observer.set(observer)
    try:
        yield
    finally:
        _observer.reset(token)


class StageFailed(RuntimeError):
    """A batch task failed; the message names the stage, the batch and its files."""


def input_label(settings: Settings) -> str:
    """The input folder's last name, e.g. 'bbc' for /work/shared/corpus/bbc/."""
    return posixpath.basename(settings.input.rstrip("/")) or settings.input


def run_name(started: datetime, settings: Settings, found: int | None = None, summary: RunSummary | None = None) -> str:
    """'2026-11-27 06:00 bbc: 1701 files, 12 written, 3 quarantined' in the UI's list of runs."""
    name = f"{started:%Y-%m-%d %H:%M} {input_label(settings)}"
    if summary:
        return f"{name}: {summary.files_found} files, {summary.files_written} written, {summary.files_quarantined} quarantined"
    return f"{name}: {found} files" if found is not None else f"{name}: planning"


def describe_run(name: str, tags: list[str]) -> None:
    """Rename the current flow run and add tags, so the list of runs says what each one did."""
    with get_client(sync_client=True) as client:
        client.update_flow_run(flow_run.id, name=name, tags=sorted(set(flow_run.tags) | set(tags)))


def deployment_tags(settings: Settings) -> list[str]:
    """Tags every run of a deployment starts with: newsflow and its input."""
    return ["newsflow", f"input:{input_label(settings)}"]


def run_tags(
    settings: Settings, runner: str, summary: RunSummary | None = None, warnings: list[str] | None = None
) -> list[str]:
    """Tags to filter runs by (and to attach automations to): input, the runner used, what went wrong."""
    tags = [*deployment_tags(settings), f"runner:{runner}"]
    tags += ["full-refresh"] if settings.full_refresh else []
    tags += ["quarantined-files"] if summary and summary.files_quarantined else []
    return tags + (["quality-warning"] if warnings else [])


class RunProgress:
    """Batches done per stage: a progress artifact in the UI, and the observer's bar in a terminal."""

    STAGES = ("clean", "enrich")

    def __init__(self, batches: list[Batch]) -> None:
        self.batches = batches
        self.units = len(self.STAGES) * len(batches)
        self.done = 0
        self.observer = _observer.get()
        self.artifact_id = create_progress_artifact(
            0.0 if self.units else 100.0, key=PROGRESS_ARTIFACT, description="Batches cleaned and enriched"
        )
        if self.observer:
            self.observer.planned(sum(b.files for b in batches), len(batches))

    def finished(self, stage: str, futures: list[PrefectFuture]) -> Iterator[tuple[int, Any]]:
        """(batch number, result) of one stage's futures as each finishes, reporting progress."""
        number = {future.task_run_id: i for i, future in enumerate(futures)}
        for future in as_completed(futures):
            i = number[future.task_run_id]
            try:
                result = future.result()
            except Exception as error:
                self._fail(stage, i, error)
            if stage in self.STAGES:
                self.done += 1
                update_progress_artifact(self.artifact_id, round(100 * self.done / self.units, 1))
                if self.observer:
                    self.observer.batch_done(stage, self.batches[i].files, result.n_paragraphs)
            yield i, result

    def collect(self, stage: str, futures: list[PrefectFuture]) -> list[Any]:
        """Results of one stage's batch futures in batch order."""
        results = dict(self.finished(stage, futures))
        return [results[i] for i in range(len(futures))]

    def _fail(self, stage: str, i: int, error: Exception) -> NoReturn:
        """Stop the run with a message that says which stage and batch failed, on which files."""
        if stage not in self.STAGES:  # a step over all batches, such as a count bucket
            raise StageFailed(f"{stage} part {i + 1} failed: {type(error).__name__}: {error}") from error
        batch = self.batches[i]
        shown = batch.first if batch.files == 1 else f"{batch.first} … {batch.last}"
        where = f"{stage} batch {i + 1}/{len(self.batches)} (files {shown})"
        raise StageFailed(f"{where} failed: {type(error).__name__}: {error}") from error


def publish_summary(summary: RunSummary) -> None:
    """The run summary as a table artifact: files, paragraphs, seconds per stage, paragraphs/s."""
    create_table_artifact(
        key=SUMMARY_ARTIFACT,
        table=quality.summary_rows(summary),
        description=f"newsflow run {summary.run_id}: files found, written, skipped, quarantined; stage seconds",
    )


@task(name="quality report", **RETRY_POLICY)  # only reads and publishes: a retry after an EIO is safe
def publish_quality(output: Store) -> list[str]:
    """Publish the committed run's data-quality report as a markdown artifact; return its warnings.

    On drift it also emits a `newsflow.quality.drift` event whose payload holds the warnings, so a
    notification can say what drifted (`{{ event.payload.warnings }}`).
    """
    report = quality.quality_report(quality.load_inputs(output))
    create_markdown_artifact(
        key=QUALITY_ARTIFACT,
        markdown=quality.to_markdown(report),
        description=f"Data quality of newsflow run {report.run_id}",
    )
    logger = get_run_logger()
    for warning in report.warnings:
        logger.warning("data quality: %s", warning)
    if report.warnings:
        emit_event(
            event=QUALITY_DRIFT_EVENT,
            resource={"prefect.resource.id": f"newsflow.output.{output.url}", "prefect.resource.name": output.url},
            payload={"run_id": report.run_id, "version": report.version, "warnings": report.warnings},
        )
    return report.warnings
