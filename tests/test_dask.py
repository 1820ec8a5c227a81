"""On a real Dask cluster (a scheduler and two worker processes) the flow writes what a local run writes."""

from __future__ import annotations

import ast
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pytest
from distributed import Client

from tasks import write
from tasks.storage import Store

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "000_eb467b9fec6cd865.txt"
VOLATILE = {"run_id", "ingested_at"}
TABLES = ("paragraphs", "articles", "quarantine")


def small_corpus(folder: Path) -> Path:
    """The seed, three articles recombined from its paragraphs (one in a subfolder) and one bad file."""
    paragraphs = ast.literal_eval(SEED.read_text(encoding="utf-8"))
    (folder / "later").mkdir(parents=True)
    shutil.copy(SEED, folder / SEED.name)
    (folder / "001_1111111111111111.txt").write_text(repr(paragraphs[::-1]), encoding="utf-8")
    (folder / "002_2222222222222222.txt").write_text(repr(paragraphs[:12]), encoding="utf-8")
    (folder / "later" / "003_3333333333333333.txt").write_text(repr(paragraphs[5::2]), encoding="utf-8")
    (folder / "later" / "004_4444444444444444.txt").write_text("{'not': 'a list'}", encoding="utf-8")
    return folder


def committed_rows(url: str) -> dict[str, list[dict]]:
    """Every table's rows from the files the latest manifest lists, without run ids and timestamps, sorted."""
    store = Store(url)
    manifest = write.load_manifest(store)
    rows = {}
    for table in TABLES:
        parts = [store.read_parquet(f"{table}/{part}") for part in manifest["tables"][table]]
        found = pa.concat_tables(parts).to_pylist() if parts else []
        rows[table] = sorted(
            ({k: v for k, v in row.items() if k not in VOLATILE} for row in found),
            key=lambda r: (r["source_file"], r.get("paragraph_index", 0)),
        )
    return rows


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    """Block until something listens on 127.0.0.1:`port`; fail if `process` dies first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, f"{process.args} exited with {process.returncode}"
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listening on port {port} after {seconds} s")


def stop(processes: list[subprocess.Popen]) -> None:
    """Terminate, then kill what has not exited after 20 s."""
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


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
