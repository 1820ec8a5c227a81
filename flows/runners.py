"""Choose the task runner: threads, local processes, or an existing Dask cluster."""

from __future__ import annotations

from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

from flows.pipeline import newsflow
from tasks.ingest.discover import discover
from tasks.settings import Settings
from tasks.storage.store import Store

# Measured (make bench --runs base, 2 cores, 36 paragraphs per file): threads win at 200,000
# paragraphs (15.0 s against 15.5 s) because a process pool costs seconds to start; processes win
# at 500,000 (22.4 s against 24.5 s). The crossover is near 7,000 files.
PROCESS_POOL_MIN_FILES = 8_000


def runner_kind(settings: Settings) -> str:
    """The runner 'auto' stands for: a process pool only when the input is large enough to pay for it."""
    if settings.runner != "auto":
        return settings.runner
    return "process" if len(discover(Store(settings.input))) >= PROCESS_POOL_MIN_FILES else "thread"


def flow_for(settings: Settings):
    """The flow bound to the runner the settings ask for."""
    kind = runner_kind(settings)
    if kind == "dask":
        from prefect_dask import DaskTaskRunner

        runner = (
            DaskTaskRunner(address=settings.dask_address)
            if settings.dask_address
            else DaskTaskRunner(cluster_kwargs={"n_workers": settings.workers, "threads_per_worker": 1})
        )
    elif kind == "process":
        runner = ProcessPoolTaskRunner(max_workers=settings.workers)
    else:
        runner = ThreadPoolTaskRunner(max_workers=settings.workers)
    return newsflow.with_options(task_runner=runner)
