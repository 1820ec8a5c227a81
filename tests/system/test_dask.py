"""On a real Dask cluster (a scheduler and two worker processes) the flow writes what a local run
writes, and the task runs the workers execute are recorded in the flow's own API."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from distributed import Client
from support import ROOT, api_client, committed_rows, small_corpus, stop, wait_for_port

from bench.servers import BIN, clean_env, free_port, prefect_server


@pytest.fixture
def dask_scheduler(tmp_path):
    """tcp:// address of a `dask scheduler` with two `dask worker` processes, all on 127.0.0.1.

    The workers know no Prefect API: no PREFECT_API_URL, and a PREFECT_HOME of their own.
    """
    dask = str(Path(sys.executable).parent / "dask")
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = clean_env(tmp_path / "dask-home") | {"PYTHONPATH": str(ROOT)}
    with open(tmp_path / "dask.log", "w") as logs:
        quiet = {"stdout": logs, "stderr": subprocess.STDOUT, "env": env}
        processes = [
            subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"], **quiet)
        ]
        try:
            wait_for_port(port, processes[0])
            processes += [
                subprocess.Popen(
                    [dask, "worker", address, "--nthreads", "1", "--no-dashboard", "--name", f"worker-{number}"]
                    + ["--local-directory", str(tmp_path / f"worker-{number}")],
                    **quiet,
                )
                for number in range(2)
            ]
            with Client(address, timeout=60) as client:
                client.wait_for_workers(2, timeout=120)
            yield address
        finally:
            stop(processes)


def _transitions(address: str) -> dict:
    """Task state transitions each Dask worker has made: proof that work ran there."""
    with Client(address) as client:
        return client.run(lambda dask_worker: dask_worker.state.transition_counter)


def test_flow_on_dask_cluster_writes_what_a_local_run_writes(tmp_path, dask_scheduler, run_flow):
    source = small_corpus(tmp_path / "input")
    local = run_flow(source, tmp_path / "local", runner="thread", batch_files=2)

    on_dask = run_flow(source, tmp_path / "dask", runner="dask", dask_address=dask_scheduler, batch_files=2)
    transitions = _transitions(dask_scheduler)

    counts = ("files_found", "files_written", "files_quarantined", "paragraphs", "batches")
    # 5 files at most 2 a batch, evened out for 2 workers: batches of 2, 1, 1 and 1
    assert [on_dask[k] for k in counts] == [local[k] for k in counts] == [5, 4, 1, 82, 4]
    assert committed_rows(str(tmp_path / "dask")) == committed_rows(str(tmp_path / "local"))
    assert len(transitions) == 2 and sum(transitions.values()) > 0


def test_task_runs_on_dask_workers_are_recorded_in_the_flows_own_api(tmp_path, dask_scheduler):
    """`newsflow run --runner dask` with no PREFECT_API_URL: the flow's temporary API is forwarded."""
    source, home = small_corpus(tmp_path / "input"), tmp_path / "flow-home"
    command = [str(BIN / "newsflow"), "run", "--input", str(source), "--output", str(tmp_path / "out")]
    command += ["--runner", "dask", "--dask-address", dask_scheduler, "--batch-files", "2", "--quiet", "--json"]
    env = clean_env(home) | {"PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180"}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["batches"] == 4
    assert sum(_transitions(dask_scheduler).values()) > 0
    assert "Starting temporary server" not in (tmp_path / "dask.log").read_text()

    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    with prefect_server(home) as api, api_client(api) as client:  # a server on the flow's own database
        [run] = client.read_flow_runs()
        tasks = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[run.id])))
    assert run.state.is_completed()
    assert "runner:dask" in run.tags
    on_workers = sorted(t.name for t in tasks if "batch" in t.name or "bucket" in t.name)
    batches = [f"{stage} batch {i}/4" for stage in ("clean", "enrich") for i in (1, 2, 3, 4)]
    assert on_workers == sorted([*batches, "count repeats bucket 1/1"])
    assert all(t.state.is_completed() for t in tasks)
