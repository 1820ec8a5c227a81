"""Choose the task runner: threads, local processes, or an existing Dask cluster."""

from __future__ import annotations

from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

from flows.pipeline import newsflow
from tasks.settings import Settings


def flow_for(settings: Settings):
    """The flow bound to the runner the settings ask for."""
    if settings.runner == "dask":
        from prefect_dask import DaskTaskRunner

        runner = (
            DaskTaskRunner(address=settings.dask_address)
            if settings.dask_address
            else DaskTaskRunner(cluster_kwargs={"n_workers": settings.workers, "threads_per_worker": 1})
        )
    elif settings.runner == "process":
        runner = ProcessPoolTaskRunner(max_workers=settings.workers)
    else:
        runner = ThreadPoolTaskRunner(max_workers=settings.workers)
    return newsflow.with_options(task_runner=runner)
