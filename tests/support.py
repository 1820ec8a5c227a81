"""Helpers shared by the tests that run real processes: ports, processes, fixtures on disk."""

from __future__ import annotations

import ast
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa

from schemas import TABLES
from tasks.commit.manifest import load_manifest
from tasks.storage.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "000_eb467b9fec6cd865.txt"
VOLATILE = {"run_id", "ingested_at"}
BUCKET = "news"  # the moto S3 server's bucket (conftest's s3_endpoint)
FILE_COUNTS = ("files_found", "files_written", "files_skipped", "files_quarantined", "paragraphs")


def file_counts(summary: dict) -> dict:
    """The counts of a run summary that must add up: files found, written, skipped, quarantined."""
    return {key: summary[key] for key in FILE_COUNTS}


def write_files(folder: Path, files: dict[str, str]) -> Path:
    """Input files named and filled as `files` says, in `folder` (made if needed); the folder."""
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


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
    """Every table's rows from the files the latest manifest lists, as stable_row makes them, sorted."""
    store = Store(url)
    manifest = load_manifest(store)
    rows = {}
    for table in TABLES:
        parts = [store.read_parquet(f"{table}/{part}") for part in manifest.tables[table]]
        found = pa.concat_tables(parts).to_pylist() if parts else []
        rows[table] = sorted(
            (stable_row(row) for row in found),
            key=lambda r: (r["source_file"], r.get("paragraph_index", 0), r.get("content_sha256") or ""),
        )
    return rows


def stable_row(row: dict) -> dict:
    """A row without what names the runs that wrote it: run ids and timestamps; a version's
    superseding run becomes whether it was superseded."""
    stable = {k: v for k, v in row.items() if k not in VOLATILE}
    if "superseded_by_run_id" in stable:
        stable["superseded_by_run_id"] = stable["superseded_by_run_id"] is not None
    return stable


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


@contextmanager
def api_client(env: dict):
    """A sync Prefect client of the server `env` points to."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: env["PREFECT_API_URL"]}), get_client(sync_client=True) as client:
        yield client


def recorded_task_runs(client, flow_run_id, count: int, seconds: float = 30) -> list:
    """A flow run's task runs once the server holds `count` of them, each in a final state.

    The server records task runs from the events their clients send, and may not have written the
    last ones when the flow run's own state says it ended: read at once, a run's six batches were
    four, one without an end. Returns what it has when the time is up, for the test to show.
    """
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    deadline = time.monotonic() + seconds
    while True:
        tasks = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))
        if (len(tasks) >= count and all(t.state and t.state.is_final() for t in tasks)) or time.monotonic() > deadline:
            return tasks
        time.sleep(0.1)


def upload(folder: Path, prefix: str) -> str:
    """Copy a local folder under s3://BUCKET/prefix/ and return that URL."""
    Store(f"s3://{BUCKET}").fs.put(f"{folder}/", f"{BUCKET}/{prefix}/", recursive=True)
    return f"s3://{BUCKET}/{prefix}"
