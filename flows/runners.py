"""The task runner of a run: threads, local processes, or a Dask cluster, bounded by `workers`.

The flow opens it itself, from its own settings parameter, once planning has counted the files:
so the CLI, `newsflow serve`, a worker running the prefect.yaml deployment and a UI custom run
all get the runner their settings ask for, and at most `workers` batches are in memory at once.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import forkserver
from typing import Any

from prefect.context import SettingsContext, SyncClientContext
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from flows.environment import temporary_environ
from flows.fork_server_exit import FORK_SERVER_MARK
from tasks.settings import Settings

# Measured (make bench --runs base, 2 cores, 36 paragraphs per file): threads win at 200,000
# paragraphs (15.0 s against 15.5 s) because a process pool costs seconds to start; processes win
# at 500,000 (22.4 s against 24.5 s). The crossover is near 7,000 files.
PROCESS_POOL_MIN_FILES = 8_000
# What every local worker process imports before its first task: Prefect's task engine, the tasks, and
# the Prefect collections that its first task run's context loads (prefect_dask imports Dask and
# distributed: about 0.3 s of CPU per worker, once, in the fork server instead); last, the module that
# makes the fork server exit without the interpreter's teardown.
WORKER_MODULES = ["prefect.task_engine", "tasks.prefect_tasks", "prefect_dask", "flows.fork_server_exit"]
_FORKSERVER = multiprocessing.get_context("forkserver")
POLARS_THREADS = "POLARS_MAX_THREADS"


def start_worker_imports(workers: int) -> None:
    """Start the process local workers are forked from, importing WORKER_MODULES now (idempotent).

    Spawned workers each import Prefect and the tasks (about 1.5 s of CPU apiece) after the pool
    opens; forked from this server they start with everything loaded. `newsflow run` calls it
    while its temporary API server boots, so the import overlaps that wait. The server starts with
    Polars' threads set to each of `workers` workers' share of the cores (`worker_polars_threads`):
    Polars sizes its pool when it is imported, here, and the workers keep that size.
    """
    _FORKSERVER.set_forkserver_preload(WORKER_MODULES)
    threads = os.environ.get(POLARS_THREADS, str(worker_polars_threads(workers)))
    with temporary_environ({POLARS_THREADS: threads, FORK_SERVER_MARK: "1"}):
        forkserver.ensure_running()  # the server inherits this environment when it starts, and only then


def worker_polars_threads(workers: int) -> int:
    """Polars threads for each of `workers` worker processes: their share of this process's cores.

    Polars sizes its thread pool to every core, so `workers` workers ran `workers` times more Polars
    threads than cores, and a worker with two Polars threads keeps more memory from task to task than
    one with one: the same enrich batch run again and again in one process peaked about 12 MB higher
    by its fourth run with two threads, not at all with one (with jemalloc's arenas and thread caches
    off too, so not freed memory an allocator kept), then scattered by a few MB, so runs of more
    batches peaked higher (docs/benchmarks.md#memory). A `POLARS_MAX_THREADS` of one's own wins.
    """
    return max(1, len(os.sched_getaffinity(0)) // max(1, workers))


def start_worker(settings_context: dict) -> None:
    """Worker initializer: put every object the worker was forked with out of the cyclic GC's reach
    (each full collection would walk the ~170,000 tracked objects of its preloaded imports again, and copy their
    pages), then open the worker's API client."""
    gc.freeze()
    open_worker_client(settings_context)


def open_worker_client(settings_context: dict) -> None:
    """Worker initializer: one API client, made under the flow's settings, for all the worker's task runs.

    Without an open client context, every task run in a process worker builds two API clients (one
    to hydrate the flow's context, one for the task engine), each loading certifi's CA bundle into a
    new SSL context: about half of a task run's fixed CPU. Prefect's `get_client` returns the open
    context's client instead, as it does for a thread runner's tasks. It stays open until the
    worker exits.
    """
    with SettingsContext(**settings_context):
        SyncClientContext().__enter__()


class SettingsAsObjects(SettingsContext):
    """The flow's settings context, handed to process workers as its frozen profile and settings objects.

    Prefect serialises the settings context for every task run it submits (a `model_dump` of every
    setting: about 20 ms of the flow's CPU) and each worker validates that dump back through every
    settings source (about 22 ms): 61 times each in a 2M-paragraph run. Pickled as objects they cost
    under 1 ms each way, and every task run gets the very settings the flow runs under.
    """

    def serialize(self, include_secrets: bool = True) -> dict[str, Any]:
        if not include_secrets:
            return super().serialize(include_secrets=False)
        return {"profile": self.profile, "settings": self.settings}


class PreloadedProcessPool(ProcessPoolTaskRunner):
    """Prefect's process pool, but its workers fork from the `start_worker_imports` server instead of
    spawning a fresh interpreter each, keep one API client open, and receive the flow's settings as
    objects (`SettingsAsObjects`): the same tasks, settings, logs and events, without the imports,
    clients and settings validation each task run would repeat."""

    def __init__(self, max_workers: int) -> None:
        """Made inside the flow run, so its workers' client gets the run's settings (its API URL too)."""
        settings = SettingsContext.get()
        super().__init__(max_workers, initializer=start_worker, initargs=(settings.serialize(),))

    def __enter__(self) -> PreloadedProcessPool:
        super().__enter__()
        start_worker_imports(self._max_workers)
        spawning = self._executor  # Prefect's own, with its worker initializer; it has started no process yet
        self._executor = ProcessPoolExecutor(
            max_workers=self._max_workers,
            mp_context=_FORKSERVER,
            initializer=spawning._initializer,
            initargs=spawning._initargs,
        )
        spawning.shutdown()
        current = SettingsContext.get()
        self._settings_context = SettingsAsObjects(profile=current.profile, settings=current.settings)
        self._settings_context.__enter__()
        return self

    def __exit__(self, exc_type, exc_value, traceback) -> None:
        """After a clean exit every task has returned, so the workers are left to exit on their own
        while the run commits (they are joined at interpreter exit); after an error, wait as Prefect
        does, and let this process exit without flushing into the workers' message queue
        (`abandon_message_queue`)."""
        self._settings_context.__exit__(exc_type, exc_value, traceback)
        if exc_type is None and self._executor is not None:
            executor, self._executor = self._executor, None
            executor.shutdown(wait=False)
        super().__exit__(exc_type, exc_value, traceback)
        abandon_message_queue(self._subprocess_message_queue)


def abandon_message_queue(queue: Any) -> None:
    """Let this process exit without waiting to flush its messages into the workers' message queue,
    which Prefect leaves open when its forwarding of their messages did not stop.

    A worker killed outright (SIGKILL, the OOM killer) can die inside a write to the queue that
    every worker's log and event messages share with the flow, holding the queue's lock for good.
    Prefect then puts its shutdown message into that queue from this process, and at exit
    multiprocessing joins the thread that waits for the lock to send it: a crash test's run with a
    worker killed hung past its 180 s limit, once in a CI run under load and once in twelve runs
    beside a benchmark (py-spy: the main thread in `Queue._finalize_join`, the feeder thread waiting
    for the lock). Nothing in that message is needed: the run has failed and is over.
    """
    if queue is not None:
        queue.cancel_join_thread()


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
        return PreloadedProcessPool(max_workers=settings.workers)
    return ThreadPoolTaskRunner(max_workers=settings.workers)
