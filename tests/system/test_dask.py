"""On a real Dask cluster (a scheduler and two worker processes) the flow writes what a local run writes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from distributed import Client
from support import ROOT, committed_rows, free_port, small_corpus, stop, wait_for_port


@pytest.fixture
def dask_scheduler(tmp_path):
    """tcp:// address of a `dask scheduler` with two `dask worker` processes, all on 127.0.0.1."""
    dask = str(Path(sys.executable).parent / "dask")
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    with open(tmp_path / "dask.log", "w") as logs:
        quiet = {"stdout": logs, "stderr": subprocess.STDOUT, "env": {**os.environ, "PYTHONPATH": str(ROOT)}}
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


def test_flow_on_dask_cluster_writes_what_a_local_run_writes(tmp_path, dask_scheduler, run_flow):
    source = small_corpus(tmp_path / "input")
    local = run_flow(source, tmp_path / "local", runner="thread", batch_files=2)

    on_dask = run_flow(source, tmp_path / "dask", runner="dask", dask_address=dask_scheduler, batch_files=2)
    with Client(dask_scheduler) as client:
        transitions = client.run(lambda dask_worker: dask_worker.state.transition_counter)

    counts = ("files_found", "files_written", "files_quarantined", "paragraphs", "batches")
    assert [on_dask[k] for k in counts] == [local[k] for k in counts] == [5, 4, 1, 82, 3]
    assert committed_rows(str(tmp_path / "dask")) == committed_rows(str(tmp_path / "local"))
    assert len(transitions) == 2 and sum(transitions.values()) > 0
