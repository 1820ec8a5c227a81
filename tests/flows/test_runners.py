"""The flow opens the task runner its own settings ask for, however it is started, bounded by `workers`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support import recorded_task_runs

from flows.runners import PROCESS_POOL_MIN_FILES, WORKER_MODULES, PreloadedProcessPool, runner_kind
from tasks.settings import Settings


def test_auto_is_decided_by_the_files_the_run_has_to_process():
    auto = Settings(input="in", output="out")
    assert runner_kind(auto, PROCESS_POOL_MIN_FILES - 1) == "thread"
    assert runner_kind(auto, PROCESS_POOL_MIN_FILES) == "process"
    assert runner_kind(auto.model_copy(update={"runner": "thread"}), PROCESS_POOL_MIN_FILES) == "thread"


def test_the_entrypoint_flow_runs_at_most_workers_batches_at_once(seed_dir, tmp_path, prefect_harness):
    from prefect.client.orchestration import get_client

    from flows.pipeline import newsflow

    (seed_dir / "001_1111111111111111.txt").write_text("['First paragraph.', 'Second paragraph.']")
    (seed_dir / "002_2222222222222222.txt").write_text("['Third paragraph.']")
    settings = Settings(input=str(seed_dir), output=str(tmp_path / "out"), batch_files=1, workers=1)
    state = newsflow(settings, return_state=True)
    assert state.is_completed()

    with get_client(sync_client=True) as client:
        run = client.read_flow_run(state.state_details.flow_run_id)
        tasks = recorded_task_runs(client, run.id, 10)  # plan, 3 clean, count, 3 enrich, commit, report
    assert {"runner:thread", "input:input"} <= set(run.tags)
    assert not any(tag == "runner:auto" for tag in run.tags)
    spans = sorted((t.start_time, t.end_time) for t in tasks if t.name.startswith(("clean batch", "enrich batch")))
    assert len(spans) == 6
    assert all(end <= start for (_, end), (start, _) in zip(spans, spans[1:])), "one worker: no two batches overlap"


def test_process_workers_fork_from_a_server_that_already_imported_the_tasks(prefect_harness):
    from prefect import flow, task

    @task
    def where() -> tuple[int, int, list[str]]:
        """This worker's pid, its parent's pid and command line."""
        parent = os.getppid()
        return os.getpid(), parent, Path(f"/proc/{parent}/cmdline").read_bytes().decode().split("\0")

    @flow
    def two_workers() -> list[tuple[int, int, list[str]]]:
        with PreloadedProcessPool(max_workers=2) as runner:
            return [future.result() for future in [runner.submit(where, {}) for _ in range(4)]]

    seen = two_workers()
    assert {pid for pid, _, _ in seen} - {os.getpid()} == {pid for pid, _, _ in seen}  # none ran in this process
    parents = {parent for _, parent, _ in seen}
    assert len(parents) == 1 and parents != {os.getpid()}  # every worker is a child of one other process...
    command = " ".join(seen[0][2])
    assert "multiprocessing.forkserver" in command  # ...the fork server,
    assert all(module in command for module in WORKER_MODULES)  # started with the workers' imports


def test_process_workers_keep_one_api_client_for_the_flows_server(prefect_harness):
    from prefect import flow, task
    from prefect.client.orchestration import get_client

    @task
    def client_here() -> tuple[int, int, str]:
        """This worker's pid, and the identity and address of the API client its task runs use."""
        client = get_client(sync_client=True)
        return os.getpid(), id(client), str(client.api_url)

    @flow
    def six_tasks() -> tuple[list[tuple[int, int, str]], str]:
        with PreloadedProcessPool(max_workers=2) as runner:
            seen = [future.result() for future in [runner.submit(client_here, {}) for _ in range(6)]]
        return seen, str(get_client(sync_client=True).api_url)

    seen, flow_api = six_tasks()
    assert len({pid for pid, _, _ in seen}) == len({(pid, client) for pid, client, _ in seen})  # one client per worker
    assert {api for _, _, api in seen} == {flow_api}


def test_process_workers_run_under_the_settings_the_flow_set_in_its_own_context(prefect_harness):
    from prefect import flow, task
    from prefect.context import serialize_context
    from prefect.settings import PREFECT_TASKS_DEFAULT_RETRIES, get_current_settings, temporary_settings

    @task
    def retries_here() -> int:
        """The default retries setting as this worker's task run sees it."""
        return get_current_settings().tasks.default_retries

    @flow
    def under_settings() -> tuple[list[int], bool]:
        with temporary_settings({PREFECT_TASKS_DEFAULT_RETRIES: 7}), PreloadedProcessPool(max_workers=2) as runner:
            passed_as_object = serialize_context()["settings_context"]["settings"] is get_current_settings()
            return [future.result() for future in [runner.submit(retries_here, {}) for _ in range(3)]], passed_as_object

    seen, passed_as_object = under_settings()
    assert seen == [7, 7, 7]
    assert passed_as_object


def on_two_workers(probe) -> list:
    """What the function `probe` returns as a task on each of two PreloadedProcessPool workers, in a flow."""
    from prefect import flow, task

    @flow
    def two_workers() -> list:
        with PreloadedProcessPool(max_workers=2) as runner:
            return [future.result() for future in [runner.submit(task(probe), {}) for _ in range(2)]]

    return two_workers()


def frozen_here() -> int:
    """How many objects this worker's cyclic GC never walks."""
    import gc

    return gc.get_freeze_count()


def polars_threads_here() -> int:
    """The size of this worker's Polars thread pool."""
    import polars as pl

    return pl.thread_pool_size()


def test_process_workers_keep_their_preloaded_imports_out_of_the_cyclic_gc(prefect_harness):
    assert all(count > 10_000 for count in on_two_workers(frozen_here))


def test_process_workers_share_the_cores_between_their_polars_thread_pools(prefect_harness):
    from flows.runners import worker_polars_threads

    cores = len(os.sched_getaffinity(0))
    assert worker_polars_threads(2) == max(1, cores // 2)
    assert worker_polars_threads(1) == cores
    assert worker_polars_threads(cores * 4) == 1
    assert on_two_workers(polars_threads_here) == [worker_polars_threads(2)] * 2


# A flow whose worker dies holding the lock of the queue the workers' messages share, run as a process of
# its own: it printed its state, then hung at exit (its feeder thread waiting for that lock to put Prefect's
# shutdown message), before `abandon_message_queue`.
DIES_HOLDING_THE_MESSAGE_LOCK = """
import os, signal
from prefect import flow, task
from prefect.logging import handlers
from flows.runners import PreloadedProcessPool

@task
def die_holding_the_message_lock() -> None:
    handlers._api_log_sink.args[0]._wlock.acquire()  # the queue Prefect's worker sends its logs to
    os.kill(os.getpid(), signal.SIGKILL)

@flow
def one_worker_killed() -> None:
    with PreloadedProcessPool(max_workers=2) as runner:
        runner.submit(die_holding_the_message_lock, {}).result()

print(one_worker_killed(return_state=True).type.value, flush=True)
"""


def test_a_flow_whose_worker_died_holding_the_message_lock_exits(prefect_harness):
    env = {**os.environ, "PREFECT_API_URL": prefect_harness.api_url}
    done = subprocess.run(
        [sys.executable, "-c", DIES_HOLDING_THE_MESSAGE_LOCK], env=env, capture_output=True, text=True, timeout=120
    )
    assert (done.returncode, done.stdout.split()[-1:]) == (0, ["FAILED"]), done.stderr[-2000:]


# A process that starts the fork server with one more module preloaded before the workers' own, which
# registers an exit handler: the handler runs only if the fork server exits through the interpreter's
# teardown, after this process has gone.
STARTS_THE_FORK_SERVER = """
from flows import runners
runners.WORKER_MODULES = ["exit_marker", *{modules!r}]
runners.start_worker_imports(1)
"""
EXIT_MARKER = "import atexit, pathlib\natexit.register(pathlib.Path({path!r}).write_text, 'ran')\n"


def fork_server_ran_exit_handlers(folder: Path, modules: list[str]) -> bool:
    """Whether a fork server preloading `modules` ran an earlier module's exit handler when it exited."""
    marker = folder / "ran"
    (folder / "exit_marker.py").write_text(EXIT_MARKER.format(path=str(marker)))
    code = STARTS_THE_FORK_SERVER.format(modules=modules)
    # the fork server imports from the path it starts with (Python 3.11 does not hand it this process's sys.path)
    path = os.pathsep.join(filter(None, [str(folder), os.environ.get("PYTHONPATH")]))
    # its output is read to the end: the fork server shares it, so this returns once the fork server has exited
    subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": path},
        capture_output=True,
        check=True,
        timeout=120,
    )
    return marker.exists()


def test_the_fork_server_exits_without_the_interpreters_teardown(tmp_path):
    (tmp_path / "ours").mkdir()
    (tmp_path / "without").mkdir()
    assert WORKER_MODULES[-1] == "flows.fork_server_exit"
    assert not fork_server_ran_exit_handlers(tmp_path / "ours", WORKER_MODULES)
    assert fork_server_ran_exit_handlers(tmp_path / "without", WORKER_MODULES[:-1])
    assert "NEWSFLOW_FORK_SERVER" not in os.environ
