"""Prefect's own CPU per task run in newsflow's process workers: no-op batch tasks, nothing else.

    python -m bench.task_overhead [--tasks 61] [--workers 2]

Runs `--tasks` tasks that do nothing on a `PreloadedProcessPool` against a temporary server, as
`newsflow run` does; each task returns its worker's CPU time as it starts. Prints the workers' CPU
up to their last task, each worker's CPU before its first task's body (start-up and first context),
and the CPU per later task run. 61 is the number of batch task runs of a 2M-paragraph base run. To
compare with another checkout: `PYTHONPATH=<checkout> python bench/task_overhead.py`.
"""

from __future__ import annotations

import argparse
import os
import resource

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

from flows.temporary_server import temporary_api  # noqa: E402


def worker_cpu() -> tuple[int, float]:
    """This worker's pid and CPU seconds so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return os.getpid(), usage.ru_utime + usage.ru_stime


def measure(tasks: int, workers: int) -> dict:
    """CPU seconds of the workers running `tasks` no-op batch tasks, split into first and later task runs."""
    with temporary_api() as server:
        from flows.runners import PreloadedProcessPool, start_worker_imports

        start_worker_imports(workers)
        if server:
            server.ready()
        from prefect import flow

        from tasks.prefect_tasks import batch_task

        probe = batch_task(worker_cpu)

        @flow
        def no_op_tasks() -> list[tuple[int, float]]:
            with PreloadedProcessPool(max_workers=workers) as runner:
                return [future.result() for future in [runner.submit(probe, {}) for _ in range(tasks)]]

        seen = no_op_tasks()
    first: dict[int, float] = {}
    last: dict[int, float] = {}
    for pid, cpu in seen:
        first.setdefault(pid, cpu)
        last[pid] = max(last.get(pid, 0.0), cpu)
    later = sum(last[pid] - first[pid] for pid in last) / max(1, tasks - len(last))
    return {
        "workers_cpu_s": round(sum(last.values()), 2),
        "first_task_ms": [round(cpu * 1000) for cpu in first.values()],
        "later_task_ms": round(later * 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=61)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    print(measure(args.tasks, args.workers))


if __name__ == "__main__":
    main()
