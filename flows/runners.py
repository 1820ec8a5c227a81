"""The task runner of a run: threads, local processes, or a Dask cluster, bounded by `workers`.

The flow opens it itself, from its own settings parameter, once planning has counted the files:
so the CLI, `newsflow serve`, a worker running the prefect.yaml deployment and a UI custom run
all get the runner their settings ask for, and at most `workers` batches are in memory at once.
"""

from __future__ import annotations

from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from tasks.settings import Settings

# Measured (make bench --runs base, 2 cores, 36 paragraphs per file): threads win at 200,000
# paragraphs (15.0 s against 15.5 s) because a process pool costs seconds to start; processes win
# at 500,000 (22.4 s against 24.5 s). The crossover is near 7,000 files.
PROCESS_POOL_MIN_FILES = 8_000


def runner_kind(settings: Settings, files: int) -> str:
    """The runner 'auto' stands for: a process pool only when the run has enough files to pay for it."""
    if settings.runner != "auto":
        return settings.runner
    return "process" if files >= PROCESS_POOL_MIN_FILES else "thread"


def task_runner(kind: str, settings: Settings) -> TaskRunner:
    """A runner of that kind that runs at most `settings.workers` batch tasks at once."""
    if kind == "dask":
        from prefect_dask import DaskTaskRunner

        if settings.dask_address:
            return DaskTaskRunner(address=settings.dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": settings.workers, "threads_per_worker": 1})
    if kind == "process":
        return ProcessPoolTaskRunner(max_workers=settings.workers)
    return ThreadPoolTaskRunner(max_workers=settings.workers)
